"""Services for a case's life: registration, changes, reclassification, closing, cancelling, access."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from classification.models import Node
from classification.rules import Kind, normalise_code
from common.clock import stamp, today
from common.errors import DomainError, ErrorCollector
from records.register import access, signals
from records.register.lifecycle import CASE
from records.register.models.cases import Case, CaseAccessGrant, RecordType
from records.register.models.series import NumberSeries
from records.register.services.guards import clean_title, lock, require
from records.register.services.numbering import allocate_reference, register_series
from records.register.services.parties import PartyData, create_party

MASK_FLAGS = tuple(access.MASKABLE)
EDITABLE_FIELDS = ("title", "description", "responsible")
CONFIDENTIALITY_FIELDS = ("legal_ground", "public_title", *MASK_FLAGS)


@dataclass
class Confidentiality:
    """A legal ground (empty = not confidential), the title the public sees and what to hide."""

    legal_ground: str = ""
    public_title: str = ""
    mask_title: bool = True
    mask_description: bool = True
    mask_parties: bool = True
    mask_document_titles: bool = True
    mask_counterparts: bool = True

    def cleaned(self) -> dict:
        ground = " ".join((self.legal_ground or "").split())
        public_title = " ".join((self.public_title or "").split())
        if len(ground) > 120:
            raise DomainError({"legal_ground": _("Högst 120 tecken.")})
        if len(public_title) > 500:
            raise DomainError({"public_title": _("Högst 500 tecken.")})
        if ground and self.mask_title and not public_title:
            raise DomainError({"public_title": _("Ange en offentlig ärendemening när ärendemeningen döljs.")})
        return {"legal_ground": ground, "public_title": public_title, **{f: bool(getattr(self, f)) for f in MASK_FLAGS}}


def resolve_process(process) -> Node:
    """The active process (P) a case may be filed against, from a node or a code; the message names the code."""
    if isinstance(process, Node):
        node, code = process, process.code
    else:
        code = normalise_code(str(process or ""))
        if not code:
            raise DomainError({"process": _("Ange en process med dess kod, t.ex. 2.9.1.")})
        node = Node.objects.filter(code=code).first()
        if node is None:
            raise DomainError(
                {"process": _("Processen %(code)s finns inte i klassificeringsstrukturen.") % {"code": code}}
            )
    if node.kind != Kind.PROCESS:
        level = _("ett verksamhetsområde (VO)") if node.kind == Kind.AREA else _("en processgrupp (PG)")
        examples = ", ".join(node.get_descendants().filter(kind=Kind.PROCESS).values_list("code", flat=True)[:5])
        message = _("%(code)s är %(level)s; ärenden registreras på en process (P).") % {"code": code, "level": level}
        if examples:
            message += " " + _("Processer under %(code)s: %(examples)s.") % {"code": code, "examples": examples}
        raise DomainError({"process": message})
    if node.is_ceased:
        raise DomainError(
            {
                "process": _("Processen %(code)s har upphört (%(date)s) och tar inte emot nya ärenden.")
                % {"code": code, "date": formats.date_format(node.valid_to, "Y-m-d")}
            }
        )
    if node.valid_from and node.valid_from > today():
        raise DomainError(
            {
                "process": _("Processen %(code)s gäller först från %(date)s.")
                % {"code": code, "date": formats.date_format(node.valid_from, "Y-m-d")}
            }
        )
    return node


def _clean_responsible(user):
    if user is None:
        return None
    if not isinstance(user, get_user_model()):
        user = get_user_model().objects.filter(pk=user).first()
    if user is None or not user.is_active:
        raise DomainError({"responsible": _("Handläggaren finns inte eller är inaktiverad.")})
    if not access.case_officers().filter(pk=user.pk).exists():
        raise DomainError(
            {
                "responsible": _("%(user)s kan inte vara handläggare: behörighet att handlägga ärenden saknas.")
                % {"user": user.get_full_name() or user.get_username()}
            }
        )
    return user


@transaction.atomic
def register_case(
    *,
    process,
    title: str,
    user,
    description: str = "",
    responsible=None,
    confidentiality: Confidentiality | None = None,
    parties: list[PartyData] = (),
    record_type: str = RecordType.CASE,
    series: NumberSeries | None = None,
    opened_on: datetime.date | None = None,
) -> Case:
    """Register a case against an active process and give it the next reference number of its series.

    `opened_on` backdates the registration (backfill from an older register, demo data).
    """
    require(access.can_register(user), user)
    return file_case(
        process=process,
        title=title,
        user=user,
        description=description,
        responsible=responsible,
        confidentiality=confidentiality,
        parties=parties,
        record_type=record_type,
        series=series,
        opened_on=opened_on,
    )


def file_case(
    *,
    process,
    title: str,
    user,
    description: str = "",
    responsible=None,
    confidentiality: Confidentiality | None = None,
    parties: list[PartyData] = (),
    record_type: str = RecordType.CASE,
    series: NumberSeries | None = None,
    opened_on: datetime.date | None = None,
    registered_at: datetime.datetime | None = None,
) -> Case:
    """register_case() without the register's own permission check, inside the caller's transaction.

    For the services of record types with their own rules of who may create them (a contractor's
    work order is ordered by the ordering organisation, an installer sends an installer case):
    they check those rules and then file the case here. `registered_at` stamps the history row.
    """
    errors = ErrorCollector()
    node = errors.check(resolve_process, process)
    title = errors.check(clean_title, title)
    responsible = errors.check(_clean_responsible, responsible)
    secrecy = errors.check((confidentiality or Confidentiality()).cleaned)
    errors.raise_if_any()
    opened_on = opened_on or today()
    series = series or register_series()
    allocation = allocate_reference(series, opened_on.year)
    case = Case(
        record_type=record_type,
        series=series,
        year=allocation.year,
        serial=allocation.serial,
        reference=allocation.reference,
        process=node,
        title=title,
        description=(description or "").strip(),
        responsible=responsible,
        registered_by=user,
        opened_on=opened_on,
        **secrecy,
    )
    stamp(case, user, _("Registrerat"), on=opened_on)
    if registered_at is not None:
        case._history_date = registered_at
    case.save()
    for party in parties:
        create_party(case, party, user, on=opened_on)
    signals.send_case_changed(case.pk, signals.CHANGE_REGISTERED)
    return case


@transaction.atomic
def update_case(case: Case, *, user, reason: str = "", **changes) -> Case:
    """Change title, description, responsible officer or confidentiality (not process or status)."""
    unknown = set(changes) - set(EDITABLE_FIELDS) - set(CONFIDENTIALITY_FIELDS)
    if unknown:
        raise DomainError(
            _("Fälten %(fields)s ändras inte här (process: omklassificera; status: avsluta, återöppna eller makulera).")
            % {"fields": ", ".join(sorted(unknown))}
        )
    case = lock(case)
    if set(changes) & set(EDITABLE_FIELDS):
        CASE.check("edit", user, case)
    if set(changes) & set(CONFIDENTIALITY_FIELDS):
        CASE.check("set_confidentiality", user, case)
    if "title" in changes:
        changes["title"] = clean_title(changes["title"])
    if "description" in changes:
        changes["description"] = (changes["description"] or "").strip()
    if "responsible" in changes:
        changes["responsible"] = _clean_responsible(changes["responsible"])
    if set(changes) & set(CONFIDENTIALITY_FIELDS):
        current = {f: getattr(case, f) for f in CONFIDENTIALITY_FIELDS}
        changes.update(Confidentiality(**{**current, **{k: v for k, v in changes.items() if k in current}}).cleaned())
    changed = [name for name, value in changes.items() if getattr(case, name) != value]
    if not changed:
        return case
    for name in changed:
        setattr(case, name, changes[name])
    stamp(case, user, reason)
    case.save()
    signals.send_case_changed(case.pk, signals.CHANGE_UPDATED)
    return case


@transaction.atomic
def reclassify_case(case: Case, new_process, reason: str, user) -> Case:
    """File the case under another process; it keeps its number, and history keeps the move and why."""
    case = lock(case)
    CASE.check("reclassify", user, case, guards=False)
    node = resolve_process(new_process)
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError({"reason": _("Ange skälet till omklassificeringen.")})
    if node.pk == case.process_id:
        raise DomainError({"process": _("Ärendet är redan registrerat på %(code)s.") % {"code": node.code}})
    CASE.check("reclassify", user, case)
    case.process = node
    stamp(case, user, reason)
    case.save()
    signals.send_case_changed(case.pk, signals.CHANGE_RECLASSIFIED)
    return case


@transaction.atomic
def close_case(case: Case, user, closed_on: datetime.date | None = None) -> Case:
    case = lock(case)
    target = CASE.check("close", user, case).target
    closed_on = closed_on or today()
    if closed_on < case.opened_on:
        raise DomainError(
            {
                "closed_on": _("Avslutsdatum kan inte vara före registreringsdatum (%(date)s).")
                % {"date": case.opened_on.isoformat()}
            }
        )
    case.status, case.closed_on = target, closed_on
    stamp(case, user, _("Avslutat"), on=closed_on)
    case.save()
    signals.send_case_changed(case.pk, signals.CHANGE_CLOSED)
    return case


@transaction.atomic
def reopen_case(case: Case, user, reason: str = "") -> Case:
    case = lock(case)
    case.status, case.closed_on = CASE.check("reopen", user, case).target, None
    stamp(case, user, " ".join((reason or "").split()) or _("Återöppnat"))
    case.save()
    signals.send_case_changed(case.pk, signals.CHANGE_REOPENED)
    return case


@transaction.atomic
def cancel_case(case: Case, user, reason: str) -> Case:
    """Void a case (makulera): it stays in the register, with its number, as cancelled."""
    case = lock(case)
    target = CASE.check("cancel", user, case).target
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError({"reason": _("Ange skälet till makuleringen.")})
    case.status = target
    case.closed_on = case.closed_on or today()
    stamp(case, user, reason)
    case.save()
    signals.send_case_changed(case.pk, signals.CHANGE_CANCELLED)
    return case


@transaction.atomic
def grant_access(case: Case, to_user, reason: str, user) -> CaseAccessGrant:
    """Let one more person see a confidential case in full."""
    case = lock(case)
    CASE.check("grant_access", user, case)
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError({"reason": _("Ange skälet till att åtkomst ges.")})
    if to_user is None or not to_user.is_active:
        raise DomainError({"user": _("Användaren finns inte eller är inaktiverad.")})
    if access.can_view_confidential(to_user, case):
        raise DomainError(
            {
                "user": _("%(user)s har redan åtkomst till %(ref)s.")
                % {"user": to_user.get_username(), "ref": case.reference}
            }
        )
    grant = CaseAccessGrant(case=case, user=to_user, granted_by=user, reason=reason[:300])
    stamp(grant, user, reason)
    grant.save()
    signals.send_case_changed(case.pk, signals.CHANGE_ACCESS)
    return grant


@transaction.atomic
def revoke_access(grant: CaseAccessGrant, user) -> None:
    case = lock(grant.case)
    CASE.check("revoke_access", user, case)
    stamp(grant, user, _("Åtkomst återkallad"))
    grant.delete()
    signals.send_case_changed(case.pk, signals.CHANGE_ACCESS)
