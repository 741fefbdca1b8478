"""The disposal certificate (gallringsprotokoll): a PDF of an executed list, filed as a case under 2.6.2."""

import logging

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common import pdf
from common.errors import DomainError
from records.models import Case, Direction
from records.register import services as records_services

from ..models import DisposalList, ItemState
from .common import user_name

logger = logging.getLogger(__name__)

CERTIFICATE_PROCESS = getattr(settings, "ORDNA_DISPOSAL_CERTIFICATE_PROCESS", "2.6.2")


def _when(moment) -> str:
    return pdf.local_time(moment, empty="–")


def certificate_pdf(disposal_list: DisposalList) -> bytes:
    records = list(disposal_list.records.order_by("process_code", "reference"))
    excluded = list(disposal_list.items.filter(state=ItemState.EXCLUDED).order_by("case_reference"))
    organisation = settings.ORDNA_ORGANISATION_NAME
    title = _("Gallringsprotokoll: %(name)s") % {"name": disposal_list.name}
    flowables = [
        pdf.heading(title),
        pdf.key_values(
            [
                (_("Organisation"), organisation),
                (_("Gallringslista"), disposal_list.name),
                (_("Gallringsbart per"), disposal_list.as_of.isoformat()),
                (
                    _("Urval"),
                    disposal_list.process.code if disposal_list.process_id else _("hela klassificeringsstrukturen"),
                ),
                (_("Upprättad"), f"{_when(disposal_list.created_at)} {user_name(disposal_list.created_by)}"),
                (_("Godkänd"), f"{_when(disposal_list.approved_at)} {user_name(disposal_list.approved_by)}"),
                (_("Verkställd"), f"{_when(disposal_list.executed_at)} {user_name(disposal_list.executed_by)}"),
                (_("Gallrade ärenden"), str(len(records))),
                (_("Undantagna ärenden"), str(len(excluded))),
            ]
        ),
        pdf.spacer(),
        pdf.heading(_("Gallrade ärenden"), 2),
    ]
    if records:
        flowables.append(
            pdf.table(
                [
                    _("Diarienummer"),
                    _("Process"),
                    _("Ärendemening"),
                    _("Registrerat"),
                    _("Avslutat"),
                    _("Regel och beslut"),
                ],
                [
                    [
                        r.reference,
                        f"{r.process_code} {r.process_title}",
                        r.title,
                        r.opened_on.isoformat(),
                        r.closed_on.isoformat() if r.closed_on else "–",
                        r.rule_description,
                    ]
                    for r in records
                ],
                widths=[24, 40, 50, 18, 18, 30],
            )
        )
    else:
        flowables.append(pdf.paragraph(_("Inga ärenden gallrades.")))
    if excluded:
        flowables += [
            pdf.spacer(),
            pdf.heading(_("Undantagna ärenden"), 2),
            pdf.table(
                [_("Diarienummer"), _("Undantagen"), _("Skäl")],
                [[item.case_reference, item.get_exclusion_stage_display(), item.exclusion_reason] for item in excluded],
                widths=[28, 30, 122],
            ),
        ]
    flowables += [
        pdf.spacer(),
        pdf.paragraph(
            _(
                "Innehållet i de gallrade ärendena (handlingar, filer, parter och sökindex) är förstört. Gallringsloggen "
                "bevarar uppgifterna ovan. Protokollet diarieförs under process %(code)s."
            )
            % {"code": CERTIFICATE_PROCESS}
        ),
    ]
    return pdf.render(title, flowables, footer=organisation)


def file_certificate(disposal_list: DisposalList) -> Case | None:
    """Register the certificate as a closed case with the PDF; None (logged) if the plan lacks the process."""
    try:
        with transaction.atomic():
            title = _("Gallringsprotokoll: %(name)s") % {"name": disposal_list.name}
            case = records_services.register_case(process=CERTIFICATE_PROCESS, title=title[:500], user=None)
            document = records_services.add_document(
                case, user=None, direction=Direction.DRAWN_UP, title=title[:500], document_date=timezone.localdate()
            )
            name = f"gallringsprotokoll-{disposal_list.pk}.pdf"
            upload = SimpleUploadedFile(name, certificate_pdf(disposal_list), content_type="application/pdf")
            records_services.attach_file(document, upload, None, name=name)
            return records_services.close_case(case, None)
    except DomainError as error:
        logger.error("The disposal certificate of list %s could not be filed: %s", disposal_list.pk, error)
        return None
