"""The admin form of a guide: runs the publish check when the editor publishes, submits or approves."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError

from .publish_check import PAGE_TEXT_FIELDS, blocking_message, check_page, stream_findings_by_block


class PublishCheckStreamError(StreamBlockValidationError):
    """Wagtail's StreamBlock error says "Validation error in StreamBlock" (not translatable) wherever the
    field's errors are listed, e.g. in the error summary at the top of the page; this one says it in Swedish."""

    def __init__(self, block_errors):
        message = _("Publiceringskontrollen stoppade innehållet, se markeringarna nedan.")
        super().__init__(block_errors=block_errors, non_block_errors=[message])
        self.message = message


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
                # Wagtail shows the field's label with the message, so the message leaves it out.
                self.add_error(finding.field, finding.describe_here())
        body = values.get("body")
        if body is not None and any(finding.field == "body" for finding in findings):
            by_block = stream_findings_by_block(body)
            block_errors = {
                index: ValidationError([finding.describe() for finding in block_findings])
                for index, block_findings in by_block.items()
            }
            self.add_error("body", PublishCheckStreamError(block_errors))
        self.add_error(None, blocking_message(findings))
