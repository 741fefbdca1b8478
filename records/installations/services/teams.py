"""Installer teams: registering, members in and out (only the owner), and what can never change.

Every change is a team decision in the register (records.installations.services.decisions).
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common import clock
from common.errors import DomainError, ErrorCollector
from records.installations import access as who
from records.installations.lifecycle import TEAM
from records.installations.models.decisions import DecisionKind
from records.installations.models.installer_cases import OPEN, InstallerCase
from records.installations.models.teams import Competence, Team, TeamMembership
from records.installations.services.decisions import Attachment, record_decision
from records.register.access import person
from records.register.services.details import clean_text, deny, refuse
from records.register.services.parties import clean_organisation_number

EDITABLE = ("name", "contact_email", "contact_phone", "competences")
OWNER_IS_FIXED = gettext_lazy(
    "Teamägaren kan inte bytas. Den nya ägaren skapar ett nytt team, lägger till medlemmarna, och "
    "ärendena flyttas dit (inom samma organisationsnummer)."
)
ORGANISATION_NUMBER_IS_FIXED = gettext_lazy(
    "Organisationsnumret kan inte ändras; registrera ett nytt team för det andra företaget."
)
COMPETENCE_FIELDS = {
    Competence.ELECTRICITY: "competence_electricity",
    Competence.DISTRICT_HEATING: "competence_district_heating",
    Competence.BIOGAS: "competence_biogas",
}


def _clean_competences(values) -> dict:
    values = set(values or ())
    unknown = values - set(Competence.values)
    if unknown or not values:
        raise DomainError(
            {
                "competences": _("Välj minst en behörighet: %(all)s.")
                % {"all": ", ".join(str(c.label) for c in Competence)}
            }
        )
    return {field: value in values for value, field in COMPETENCE_FIELDS.items()}


def _is_member(team: Team, user) -> bool:
    return TeamMembership.objects.filter(team=team, user=user).exists()


def _lock(team: Team) -> Team:
    return Team.objects.select_for_update().get(pk=team.pk)


@transaction.atomic
def register_team(
    *,
    name: str,
    organisation_number: str,
    company_name: str,
    competences,
    certificate,
    user,
    owner=None,
    contact_email: str = "",
    contact_phone: str = "",
    grounds: str = "",
) -> Team:
    """Register a company's team; whoever registers it becomes its owner (staff may name another owner)."""
    owner = owner or user
    if user is not None and owner != user and not who.handles_installer_cases(user):
        deny(_("Den som registrerar ett team blir dess ägare; bara nätägarens handläggare registrerar åt någon annan."))
    if user is not None and owner == user and not who.is_installer(user):
        deny(_("Du behöver ett installatörskonto för att registrera ett team."))
    errors = ErrorCollector()
    name = errors.check(clean_text, " ".join((name or "").split()), "name", _("Ange teamets namn."), 200)
    company = errors.check(
        clean_text, " ".join((company_name or "").split()), "company_name", _("Ange företagets namn."), 200
    )
    number = errors.check(clean_organisation_number, organisation_number)
    flags = errors.check(_clean_competences, competences)
    if certificate is None:
        errors.messages["certificate"] = [_("Bifoga auktorisationsbevis: det krävs för att registrera ett team.")]
    if owner is None or not owner.is_active:
        errors.messages["owner"] = [_("Teamägaren finns inte eller är inaktiverad.")]
    errors.raise_if_any()
    moment = clock.now()
    team = Team(
        name=name,
        organisation_number=number,
        company_name=company,
        owner=owner,
        registered_at=moment,
        contact_email=(contact_email or owner.email or "").strip(),
        contact_phone=" ".join((contact_phone or "").split()),
        **flags,
    )
    clock.stamp(team, user, _("Registrerat"))
    team.save()
    membership = TeamMembership(team=team, user=owner, added_at=moment, added_by=user)
    clock.stamp(membership, user)
    membership.save()
    decision = record_decision(
        DecisionKind.TEAM_REGISTERED,
        user=user,
        team=team,
        member=owner,
        grounds=grounds
        or _(
            "Teamet %(name)s för %(company)s (%(org)s) registreras med %(owner)s som ägare; "
            "behörighet: %(competences)s. Auktorisationsbevis bifogat."
        )
        % {
            "name": name,
            "company": company,
            "org": number,
            "owner": person(owner),
            "competences": team.competences_display,
        },
        attachments=[Attachment(_("Auktorisationsbevis"), certificate)],
    )
    team.certificate = decision.case.files.first()
    clock.stamp(team, user, _("Auktorisationsbevis"))
    team.save()
    return team


@transaction.atomic
def add_member(team: Team, member, user, grounds: str = "") -> TeamMembership:
    team = _lock(team)
    TEAM.check("add_member", user, team)
    if member is None or not member.is_active or not who.is_installer(member):
        raise DomainError(
            {
                "member": _(
                    "Användaren har inget aktivt installatörskonto; den som ska bjudas in skapar först ett konto."
                )
            }
        )
    if _is_member(team, member):
        raise DomainError(
            {"member": _("%(who)s är redan medlem i teamet %(name)s.") % {"who": person(member), "name": team.name}}
        )
    membership = TeamMembership(team=team, user=member, added_at=clock.now(), added_by=user)
    clock.stamp(membership, user)
    membership.save()
    record_decision(
        DecisionKind.MEMBER_ADDED,
        user=user,
        team=team,
        member=member,
        grounds=grounds
        or _("%(who)s läggs till i teamet %(name)s av teamägaren.") % {"who": person(member), "name": team.name},
    )
    return membership


@transaction.atomic
def remove_member(team: Team, member, user, grounds: str = "") -> None:
    team = _lock(team)
    TEAM.check("remove_member", user, team)
    if member.pk == team.owner_id:
        refuse(
            _("Teamägaren kan inte tas bort ur sitt team, och ägaren kan inte bytas: skapa ett nytt team i stället.")
        )
    membership = TeamMembership.objects.filter(team=team, user=member).first()
    if membership is None:
        raise DomainError(
            {"member": _("%(who)s är inte medlem i teamet %(name)s.") % {"who": person(member), "name": team.name}}
        )
    open_cases = list(
        InstallerCase.objects.filter(team=team, installer=member, status__in=OPEN)
        .order_by("case__serial")
        .values_list("case__reference", flat=True)[:11]
    )
    if open_cases:
        listed = ", ".join(open_cases[:10]) + (" …" if len(open_cases) > 10 else "")
        refuse(
            _(
                "%(who)s har öppna ärenden i teamet (%(cases)s) och kan inte tas bort: en medlem med öppna ärenden "
                "kan inte tas bort. Flytta eller avsluta ärendena först."
            )
            % {"who": person(member), "cases": listed}
        )
    clock.stamp(membership, user)
    membership.delete()
    record_decision(
        DecisionKind.MEMBER_REMOVED,
        user=user,
        team=team,
        member=member,
        grounds=grounds
        or _("%(who)s tas bort ur teamet %(name)s av teamägaren.") % {"who": person(member), "name": team.name},
    )


@transaction.atomic
def update_team(team: Team, user, **changes) -> Team:
    """Name, contact details and competences; never the owner or the organisation number."""
    if "owner" in changes:
        refuse(OWNER_IS_FIXED)
    if "organisation_number" in changes:
        refuse(ORGANISATION_NUMBER_IS_FIXED)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise DomainError(_("Fälten %(fields)s kan inte ändras.") % {"fields": ", ".join(sorted(unknown))})
    team = _lock(team)
    if user is not None and user.pk != team.owner_id and not who.handles_installer_cases(user):
        deny(_("Bara teamägaren ändrar teamets uppgifter."))
    values = {}
    if "name" in changes:
        values["name"] = clean_text(" ".join((changes["name"] or "").split()), "name", _("Ange teamets namn."), 200)
    if "contact_email" in changes:
        values["contact_email"] = (changes["contact_email"] or "").strip()
    if "contact_phone" in changes:
        values["contact_phone"] = " ".join((changes["contact_phone"] or "").split())
    if "competences" in changes:
        values.update(_clean_competences(changes["competences"]))
    changed = {k: v for k, v in values.items() if getattr(team, k) != v}
    if changed:
        for name, value in changed.items():
            setattr(team, name, value)
        clock.stamp(team, user)
        team.save()
    return team
