"""Moving installer cases, each move a team decision in the register.

- The team owner moves cases between members of the team.
- An installer moves their own cases between teams with the same organisation number.
- The grid owner's administrator moves cases to another installer, also in another company, but
  across companies only with the customer's written consent attached (for a production plant, a
  new power of attorney signed by the customer).

Only ongoing cases that are not completion-reported can be moved, and not those locked for
online handling (created more than two years ago). A move of several cases is all or nothing.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from common import clock
from common.errors import DomainError
from records.installations.lifecycle import INSTALLER_CASE, locked_reason
from records.installations.models.decisions import DecisionKind
from records.installations.models.installer_cases import ONGOING, InstallerCase, InstallerCaseType
from records.installations.models.teams import Team, TeamMembership
from records.installations.services.decisions import Attachment, record_decision
from records.register.access import person
from records.register.services.details import touch_case

CONSENT = "consent"
POWER_OF_ATTORNEY = "power_of_attorney"
CONSENT_TITLES = {CONSENT: "Kundens medgivande till byte av installatör", POWER_OF_ATTORNEY: "Fullmakt från kunden"}


def movable_reason(installer_case: InstallerCase) -> str:
    """Why a case cannot be moved ("" when it can)."""
    if installer_case.status not in ONGOING:
        return _("%(ref)s har status %(status)s: bara pågående ärenden som inte är färdiganmälda kan flyttas.") % {
            "ref": installer_case.reference,
            "status": installer_case.get_status_display(),
        }
    return locked_reason(installer_case)


def _locked_cases(cases) -> list[InstallerCase]:
    ids = [c.pk for c in cases]
    if not ids:
        raise DomainError({"cases": _("Välj minst ett ärende att flytta.")})
    locked = list(
        InstallerCase.objects.select_for_update()
        .select_related("case", "team", "installer")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    problems = [reason for reason in (movable_reason(c) for c in locked) if reason]
    if problems:
        raise DomainError({"cases": problems})
    return locked


def _is_member(team: Team, user) -> bool:
    return TeamMembership.objects.filter(team=team, user=user).exists()


def _move(cases, *, installer=None, team=None, user, decision) -> None:
    for installer_case in cases:
        if installer is not None:
            installer_case.installer = installer
        if team is not None:
            installer_case.team = team
        clock.stamp(installer_case, user, _("Flyttat, beslut %(ref)s") % {"ref": decision.reference})
        installer_case.save()
        touch_case(installer_case.case)


def _one_team(cases) -> Team:
    teams = {c.team_id for c in cases}
    if len(teams) != 1:
        raise DomainError({"cases": _("Flytta ärenden från ett team i taget.")})
    return cases[0].team


@transaction.atomic
def move_to_member(cases, to_installer, user, grounds: str = ""):
    """The team owner gives cases to another member of the same team."""
    cases = _locked_cases(cases)
    team = _one_team(cases)
    for installer_case in cases:
        INSTALLER_CASE.check("move_member", user, installer_case)
    if to_installer is None or not _is_member(team, to_installer):
        raise DomainError(
            {
                "to_installer": _(
                    "%(who)s är inte medlem i teamet %(name)s; ärenden flyttas bara mellan teamets medlemmar."
                )
                % {"who": person(to_installer), "name": team.name}
            }
        )
    already = [c.reference for c in cases if c.installer_id == to_installer.pk]
    if already:
        raise DomainError(
            {
                "cases": _("%(refs)s ligger redan hos %(who)s.")
                % {"refs": ", ".join(already), "who": person(to_installer)}
            }
        )
    decision = record_decision(
        DecisionKind.CASES_MOVED,
        user=user,
        team=team,
        member=to_installer,
        installer_cases=cases,
        grounds=grounds
        or _("Teamägaren flyttar %(refs)s till %(who)s i teamet %(name)s.")
        % {"refs": ", ".join(c.reference for c in cases), "who": person(to_installer), "name": team.name},
    )
    _move(cases, installer=to_installer, user=user, decision=decision)
    return decision


@transaction.atomic
def move_to_team(cases, to_team: Team, user, grounds: str = ""):
    """An installer moves their own cases to another of their teams under the same organisation number."""
    cases = _locked_cases(cases)
    team = _one_team(cases)
    for installer_case in cases:
        INSTALLER_CASE.check("move_team", user, installer_case, guards=False)
    if to_team.pk == team.pk:
        raise DomainError({"to_team": _("Ärendena ligger redan i teamet %(name)s.") % {"name": team.name}})
    if to_team.organisation_number != team.organisation_number:
        raise DomainError(
            {
                "to_team": _(
                    "Ärenden flyttas bara mellan team med samma organisationsnummer: %(from)s har "
                    "%(a)s, %(to)s har %(b)s. Flytt till ett annat företag görs av nätägarens administratör "
                    "med kundens medgivande."
                )
                % {
                    "from": team.name,
                    "a": team.organisation_number,
                    "to": to_team.name,
                    "b": to_team.organisation_number,
                }
            }
        )
    if not to_team.is_active:
        raise DomainError({"to_team": _("Teamet %(name)s är inte aktivt.") % {"name": to_team.name}})
    if user is not None and not _is_member(to_team, user):
        raise DomainError({"to_team": _("Du är inte medlem i teamet %(name)s.") % {"name": to_team.name}})
    for installer_case in cases:
        INSTALLER_CASE.check("move_team", user, installer_case)
    decision = record_decision(
        DecisionKind.CASES_MOVED,
        user=user,
        team=team,
        target_team=to_team,
        member=cases[0].installer,
        installer_cases=cases,
        grounds=grounds
        or _("Installatören flyttar %(refs)s från teamet %(from)s till %(to)s (samma organisationsnummer %(org)s).")
        % {
            "refs": ", ".join(c.reference for c in cases),
            "from": team.name,
            "to": to_team.name,
            "org": team.organisation_number,
        },
    )
    _move(cases, team=to_team, user=user, decision=decision)
    return decision


@transaction.atomic
def move_as_administrator(
    cases, *, to_installer, to_team: Team, user, grounds: str, consent=None, consent_kind: str = CONSENT
):
    """The grid owner's administrator moves cases to an installer in a team, also of another company.

    Across companies the customer's consent (a file) is required, for a production plant a new power
    of attorney (`consent_kind="power_of_attorney"`); it is attached to the decision.
    """
    cases = _locked_cases(cases)
    team = _one_team(cases)
    for installer_case in cases:
        INSTALLER_CASE.check("move_admin", user, installer_case)
    if to_installer is None or not _is_member(to_team, to_installer):
        raise DomainError(
            {
                "to_installer": _("%(who)s är inte medlem i teamet %(name)s; välj teamet ärendena ska kopplas till.")
                % {"who": person(to_installer), "name": to_team.name}
            }
        )
    if not (grounds or "").strip():
        raise DomainError({"grounds": _("Ange skälet till flytten.")})
    across = to_team.organisation_number != team.organisation_number
    attachments = []
    if across:
        if consent is None:
            raise DomainError(
                {"consent": _("Flytt till ett annat företag kräver kundens skriftliga medgivande som bilaga.")}
            )
        plants = [c.reference for c in cases if c.case_type == InstallerCaseType.PRODUCTION_PLANT]
        if plants and consent_kind != POWER_OF_ATTORNEY:
            raise DomainError(
                {
                    "consent": _(
                        "%(refs)s gäller en produktionsanläggning: flytt till ett annat företag kräver en "
                        "ny fullmakt påskriven av kunden."
                    )
                    % {"refs": ", ".join(plants)}
                }
            )
        if consent_kind not in CONSENT_TITLES:
            raise DomainError({"consent_kind": _("Ange om bilagan är kundens medgivande eller en fullmakt.")})
        attachments.append(Attachment(CONSENT_TITLES[consent_kind], consent))
    elif consent is not None:
        attachments.append(Attachment(CONSENT_TITLES.get(consent_kind, CONSENT_TITLES[CONSENT]), consent))
    decision = record_decision(
        DecisionKind.CASES_MOVED,
        user=user,
        team=team,
        target_team=to_team,
        member=to_installer,
        installer_cases=cases,
        grounds=grounds,
        attachments=attachments,
    )
    _move(cases, installer=to_installer, team=to_team, user=user, decision=decision)
    return decision
