"""The admin form of a guide: runs the publish check when the editor publishes, submits or approves."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError

from .publish_check import PAGE_TEXT_FIELDS, blocking_message, check_page, stream_findings_by_block


class GuidePageForm(WagtailAdminPageForm):
    def is_going_public(self) -> bool:
        """Publishing, submitting for review or approving: every way towards the public site."""
        data = self.data
        if data.get("action-publish") or data.get("action-submit") or data.get("action-restart-workflow"):
            return True
        return bool(data.get("action-workflow-action")) and data.get("workflow-action-name") == "approve"

    def clean(self):
        cleaned_data = super().clean()
        if self.is_bound and self.is_going_public():
            self._check_texts(cleaned_data)
        return cleaned_data

    def _check_texts(self, cleaned_data):
        values = {name: cleaned_data[name] for name in [*PAGE_TEXT_FIELDS, "body"] if name in cleaned_data}
        findings = check_page(self.instance, values)
        if not findings:
            return
        for finding in findings:
            if finding.field != "body" and finding.field in self.fields:
                self.add_error(finding.field, finding.describe())
        body = values.get("body")
        if body is not None and any(finding.field == "body" for finding in findings):
            by_block = stream_findings_by_block(body)
            block_errors = {
                index: ValidationError([finding.describe() for finding in block_findings])
                for index, block_findings in by_block.items()
            }
            self.add_error(
                "body",
                StreamBlockValidationError(
                    block_errors=block_errors,
                    non_block_errors=[_("Publiceringskontrollen stoppade sidan, se markeringarna nedan.")],
                ),
            )
        self.add_error(None, blocking_message(findings))
