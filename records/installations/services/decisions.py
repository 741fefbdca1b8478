"""Team decisions: each registering of a team, change of members, move of cases or cancellation is a
decision registered in the register (a case of its own, closed at once) with its grounds, who
decided, its attachments, and links to the team and the installer cases it concerns."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from common import clock
from common.errors import DomainError
from records.installations import access as who
from records.installations.models.decisions import DecisionKind, TeamDecision
from records.register.access import person
from records.register.filing import process_code_for, series_for
from records.register.models.cases import CaseStatus, RecordType
from records.register.models.documents import Direction
from records.register.services.cases import file_case
from records.register.services.details import clean_text, deny, set_case_status
from records.register.services.documents import file_document


@dataclass
class Attachment:
    title: str
    upload: object  # a Django File


def _title(kind: str, team, member, cases) -> str:
    parts = [_("Beslut: %(kind)s") % {"kind": DecisionKind(kind).label.lower()}]
    if team is not None:
        parts.append(_("team %(name)s (%(org)s)") % {"name": team.name, "org": team.organisation_number})
    if member is not None:
        parts.append(person(member))
    if cases:
        parts.append(", ".join(c.reference for c in cases[:5]) + (" …" if len(cases) > 5 else ""))
    return " – ".join(parts)[:500]


def record_decision(
    kind: str,
    *,
    user,
    grounds: str,
    team=None,
    target_team=None,
    member=None,
    installer_cases=(),
    attachments: list[Attachment] = (),
) -> TeamDecision:
    """Register a decision inside the caller's transaction (the services of teams and installer cases)."""
    grounds = clean_text(grounds, "grounds", _("Ange beslutsskälen."), 5000)
    cases = list(installer_cases)
    moment = clock.now()
    case = file_case(
        process=process_code_for(RecordType.TEAM_DECISION, kind),
        title=_title(kind, team, member, cases),
        user=user,
        description=grounds,
        record_type=RecordType.TEAM_DECISION,
        series=series_for(RecordType.TEAM_DECISION),
        opened_on=clock.today(),
        registered_at=moment,
    )
    decision = TeamDecision(
        case=case,
        kind=kind,
        grounds=grounds,
        decided_by=user,
        decided_at=moment,
        team=team,
        target_team=target_team,
        member=member,
    )
    clock.stamp(decision, user, DecisionKind(kind).label)
    decision.save()
    if cases:
        decision.installer_cases.set(cases)
    for attachment in attachments:
        file_document(
            case,
            user=user,
            direction=Direction.INCOMING,
            title=attachment.title,
            files=[attachment.upload],
            registered_on=clock.today(),
        )
    # A decision is taken when it is registered: its register entry is closed at once.
    set_case_status(case, CaseStatus.CLOSED, user, _("Beslutat"))
    return decision


@transaction.atomic
def register_decision(
    *, user, grounds: str, team=None, installer_cases=(), attachments: list[Attachment] = ()
) -> TeamDecision:
    """Another decision about a team or installer cases, taken by the grid owner's staff."""
    if user is not None and not who.handles_installer_cases(user):
        deny(_("Bara nätägarens handläggare registrerar teambeslut."))
    if team is None and not installer_cases:
        raise DomainError({"team": _("Ange vilket team eller vilka installationsärenden beslutet gäller.")})
    return record_decision(
        DecisionKind.OTHER,
        user=user,
        grounds=grounds,
        team=team,
        installer_cases=installer_cases,
        attachments=attachments,
    )
