"""Installer cases: drafts (deleted 14 days after they were last saved), sending, the notes thread,
attachments, the status flow and cancelling. Moving cases is in installer_moves.

NY → PLANERING PÅGÅR → GENOMFÖRANDE PÅGÅR (set by the grid owner) → FÄRDIGANMÄLAN INKOMMEN (the
installer reports completion) → AVSLUTAD (the grid owner). Cancelling needs a reason and is done
by the grid owner's staff. Ongoing cases created more than two years ago are locked for online
handling by installers.
"""

import datetime
from dataclasses import asdict, dataclass, fields
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common import clock
from common.errors import DomainError, ErrorCollector
from records.installations import access as who
from records.installations.lifecycle import DRAFT, INSTALLER_CASE, STATUS_ACTIONS, grid_owner
from records.installations.models.decisions import DecisionKind
from records.installations.models.installer_cases import (
    InstallerCase,
    InstallerCaseNote,
    InstallerCaseStatus,
    InstallerCaseType,
    InstallerDraft,
)
from records.installations.models.teams import Team, TeamMembership
from records.installations.services.decisions import record_decision
from records.messaging import outbox as notifications
from records.register.filing import process_code_for, series_for
from records.register.models.cases import CaseStatus, RecordType
from records.register.models.documents import Direction
from records.register.services.cases import file_case
from records.register.services.details import clean_text, deny, lock_detail, refuse, set_case_status, touch_case
from records.register.services.documents import file_document

DRAFT_DAYS = 14
S = InstallerCaseStatus


@dataclass
class InstallerCaseData:
    case_type: str = ""
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    latitude: Decimal | float | str | None = None
    longitude: Decimal | float | str | None = None
    customer_name: str = ""
    description: str = ""


# What an installer fills in, in the order forms show it.
CASE_FIELDS = tuple(f.name for f in fields(InstallerCaseData))


def _coordinate(value, field: str, low: int, high: int, errors: ErrorCollector):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        errors.messages[field] = [_("Ange kartpositionen som decimaltal, t.ex. 56.046.")]
        return None
    if not low <= number <= high:
        errors.messages[field] = [
            _("Kartpositionen ligger utanför kartan (%(low)s till %(high)s).") % {"low": low, "high": high}
        ]
        return None
    return number


def _cleaned(data: InstallerCaseData, *, complete: bool) -> dict:
    """The case's fields; a draft may be incomplete, a sent case may not."""
    errors = ErrorCollector()
    values = {
        name: " ".join(str(value or "").split())
        for name, value in asdict(data).items()
        if name not in ("latitude", "longitude", "description")
    }
    values["description"] = (data.description or "").strip()
    values["latitude"] = _coordinate(data.latitude, "latitude", -90, 90, errors)
    values["longitude"] = _coordinate(data.longitude, "longitude", -180, 180, errors)
    if values["case_type"] and values["case_type"] not in InstallerCaseType.values:
        errors.messages["case_type"] = [_("Okänd ärendetyp; välj en i listan.")]
    if complete:
        if not values["case_type"]:
            errors.messages["case_type"] = [_("Välj ärendetyp.")]
        if not values["street_address"] and values["latitude"] is None:
            errors.messages["street_address"] = [_("Ange adressen eller sätt en kartnål.")]
        if (values["latitude"] is None) != (values["longitude"] is None):
            errors.messages["longitude"] = [_("Ange både latitud och longitud.")]
    errors.raise_if_any()
    return {
        "case_type": values["case_type"],
        "street_address": values["street_address"][:200],
        "postal_code": values["postal_code"][:10],
        "city": values["city"][:100],
        "latitude": values["latitude"],
        "longitude": values["longitude"],
        "customer_name": values["customer_name"][:200],
        "description": values["description"],
    }


def _require_team_member(team: Team | None, user) -> None:
    if team is None:
        raise DomainError({"team": _("Välj det team ärendet anmäls för.")})
    if user is not None and not TeamMembership.objects.filter(team=team, user=user).exists():
        deny(_("Du är inte medlem i teamet %(name)s och kan inte anmäla ärenden för det.") % {"name": team.name})
    if not team.is_active:
        refuse(_("Teamet %(name)s är inte aktivt.") % {"name": team.name})
    if not team.competence_electricity:
        refuse(
            _("Teamet %(name)s saknar behörighet för El och kan inte anmäla elinstallationer.") % {"name": team.name}
        )


# --- Drafts -----------------------------------------------------------------------------------


def timezone_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def draft_deleted_on(draft: InstallerDraft) -> datetime.date:
    return timezone_date(draft.saved_at + datetime.timedelta(days=DRAFT_DAYS))


def days_left(draft: InstallerDraft) -> int:
    """For "Raderas om N dagar": whole days until the draft is deleted (0 = today)."""
    return max(0, (draft_deleted_on(draft) - clock.today()).days)


@transaction.atomic
def save_draft(
    data: InstallerCaseData, *, user, team: Team | None = None, draft: InstallerDraft | None = None
) -> InstallerDraft:
    """Save a case without sending it; saving again restarts its 14 days."""
    if user is None or not who.is_installer(user):
        deny(_("Bara installatörer sparar utkast."))
    if draft is not None:
        DRAFT.check("save", user, draft)
    values = _cleaned(data, complete=False)
    if team is not None and not TeamMembership.objects.filter(team=team, user=user).exists():
        deny(_("Du är inte medlem i teamet %(name)s.") % {"name": team.name})
    moment = clock.now()
    draft = draft or InstallerDraft(installer=user, created_at=moment)
    for name, value in values.items():
        setattr(draft, name, value)
    draft.team, draft.saved_at = team, moment
    draft.save()
    return draft


@transaction.atomic
def delete_draft(draft: InstallerDraft, user) -> None:
    """The installer throws away a draft they will not send."""
    DRAFT.check("delete", user, draft)
    InstallerDraft.objects.filter(pk=draft.pk).delete()


def purge_expired_drafts() -> int:
    """Delete drafts last saved more than 14 days ago (the periodic job)."""
    cutoff = clock.now() - datetime.timedelta(days=DRAFT_DAYS)
    deleted, _by_model = InstallerDraft.objects.filter(saved_at__lte=cutoff).delete()
    return deleted


# --- Sending ----------------------------------------------------------------------------------


def _title(values: dict) -> str:
    place = ", ".join(
        p for p in (values["street_address"], " ".join(p for p in (values["postal_code"], values["city"]) if p)) if p
    )
    return f"{InstallerCaseType(values['case_type']).label}, {place or _('kartposition')}"[:500]


@transaction.atomic
def send_installer_case(
    data: InstallerCaseData, *, user, team: Team, attachments=(), draft: InstallerDraft | None = None
) -> InstallerCase:
    """Send a case to the grid owner: registered as OK-0003826 with status NY; a sent draft is removed."""
    if user is not None and not who.is_installer(user):
        deny(_("Bara installatörer anmäler installationsärenden."))
    _require_team_member(team, user)
    values = _cleaned(data, complete=True)
    moment = clock.now()
    case = file_case(
        process=process_code_for(RecordType.INSTALLER_CASE, values["case_type"]),
        title=_title(values),
        user=user,
        description=values["description"],
        record_type=RecordType.INSTALLER_CASE,
        series=series_for(RecordType.INSTALLER_CASE),
        opened_on=clock.today(),
        registered_at=moment,
    )
    installer_case = InstallerCase(case=case, installer=user, team=team, created_at=moment, **values)
    clock.stamp(installer_case, user, _("Skickat"))
    installer_case.save()
    for upload in attachments:
        file_document(
            case,
            user=user,
            direction=Direction.INCOMING,
            title=_("Bilaga"),
            files=[upload],
            registered_on=clock.today(),
        )
    if draft is not None:
        InstallerDraft.objects.filter(pk=draft.pk, installer=user).delete()
    return installer_case


@transaction.atomic
def send_draft(draft: InstallerDraft, user, attachments=()) -> InstallerCase:
    if user is None:
        deny(_("Utkastet är en annan installatörs."))
    DRAFT.check("send", user, draft)
    data = InstallerCaseData(**{f.name: getattr(draft, f.name) for f in fields(InstallerCaseData)})
    return send_installer_case(data, user=user, team=draft.team, attachments=attachments, draft=draft)


# --- Rules shared by the actions --------------------------------------------------------------


def _lock(installer_case: InstallerCase) -> InstallerCase:
    return lock_detail(InstallerCase, installer_case, "team", "installer")


# --- Notes and attachments --------------------------------------------------------------------


@transaction.atomic
def add_note(installer_case: InstallerCase, text: str, user) -> InstallerCaseNote:
    """A note in the thread between installer and grid owner; the installer is e-mailed the grid owner's notes."""
    installer_case = _lock(installer_case)
    INSTALLER_CASE.check("note", user, installer_case)
    from_grid_owner = user is None or grid_owner(user, installer_case)
    text = clean_text(text, "text", _("Skriv anteckningen."), 5000)
    note = InstallerCaseNote(
        installer_case=installer_case,
        text=text,
        from_grid_owner=from_grid_owner,
        author=user,
        created_at=clock.now(),
    )
    clock.stamp(note, user)
    note.save()
    touch_case(installer_case.case)
    if from_grid_owner and installer_case.installer.email:
        notifications.queue_email(
            to=installer_case.installer.email,
            kind="installer_case_note",
            case=installer_case.case,
            subject=_("Ny anteckning i %(ref)s") % {"ref": installer_case.reference},
            body=_("Nätägaren har skrivit i ärendet %(ref)s (%(type)s, %(address)s):\n\n%(text)s")
            % {
                "ref": installer_case.reference,
                "type": installer_case.get_case_type_display(),
                "address": installer_case.address_display,
                "text": text,
            },
        )
    return note


@transaction.atomic
def request_cancellation(installer_case: InstallerCase, reason: str, user) -> InstallerCaseNote:
    """The installer asks the grid owner to cancel (makulera) the case; staff decide."""
    INSTALLER_CASE.check("request_cancel", user, _lock(installer_case))
    reason = clean_text(reason, "reason", _("Ange skälet till makuleringen."), 2000)
    return add_note(installer_case, _("Begäran om makulering: %(reason)s") % {"reason": reason}, user)


@transaction.atomic
def add_attachment(installer_case: InstallerCase, upload, user, title: str = ""):
    installer_case = _lock(installer_case)
    INSTALLER_CASE.check("attach", user, installer_case)
    title = " ".join((title or "").split()) or _("Bilaga")
    return file_document(
        installer_case.case,
        user=user,
        direction=Direction.INCOMING,
        title=title,
        files=[upload],
        registered_on=clock.today(),
    )


# --- Status -----------------------------------------------------------------------------------


@transaction.atomic
def change_status(installer_case: InstallerCase, to_status: str, user) -> InstallerCase:
    installer_case = _lock(installer_case)
    if to_status not in STATUS_ACTIONS:
        refuse(
            _("Status %(status)s sätts inte så; makulering görs med skäl av nätägarens handläggare.")
            % {"status": InstallerCaseStatus(to_status).label if to_status in S.values else to_status}
        )
    INSTALLER_CASE.check(STATUS_ACTIONS[to_status], user, installer_case)
    installer_case.status = to_status
    if to_status == S.COMPLETION_REPORTED:
        installer_case.completion_reported_at = clock.now()
    if to_status == S.CLOSED:
        installer_case.closed_at = clock.now()
    clock.stamp(installer_case, user, S(to_status).label)
    installer_case.save()
    if to_status == S.CLOSED:
        set_case_status(installer_case.case, CaseStatus.CLOSED, user, S(to_status).label)
    else:
        touch_case(installer_case.case)
    return installer_case


@transaction.atomic
def cancel_installer_case(installer_case: InstallerCase, user, reason: str):
    """Makulera: the grid owner's staff, with a reason; a team decision is registered."""
    installer_case = _lock(installer_case)
    INSTALLER_CASE.check("cancel", user, installer_case)
    reason = clean_text(" ".join((reason or "").split()), "reason", _("Ange skälet till makuleringen."), 300)
    installer_case.status, installer_case.cancelled_at, installer_case.cancel_reason = S.CANCELLED, clock.now(), reason
    clock.stamp(installer_case, user, reason)
    installer_case.save()
    set_case_status(installer_case.case, CaseStatus.CANCELLED, user, reason)
    return record_decision(
        DecisionKind.CASE_CANCELLED,
        user=user,
        team=installer_case.team,
        member=installer_case.installer,
        installer_cases=[installer_case],
        grounds=_("%(ref)s makuleras. Skäl: %(reason)s") % {"ref": installer_case.reference, "reason": reason},
    )
