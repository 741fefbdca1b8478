"""The life cycles of installations: installer cases, drafts and teams (whose member changes are decisions).

Installer case: NY → PLANERING PÅGÅR → GENOMFÖRANDE PÅGÅR (set by the grid owner) → FÄRDIGANMÄLAN
INKOMMEN (reported by the installer) → AVSLUTAD (grid owner); MAKULERAD by the grid owner while open,
on the installer's request. Cases older than two years can no longer be handled online by the
installer. Only ongoing cases (not completion-reported) are moved.
Services check here; the admin's buttons, the API's actions and the portal read `available_actions`.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common import clock
from common.lifecycle import Action, Guard, LifeCycle
from records.installations import access
from records.installations.models.installer_cases import (
    ONGOING,
    OPEN,
    InstallerCase,
    InstallerCaseStatus,
    InstallerDraft,
)
from records.installations.models.teams import Team

S = InstallerCaseStatus
LOCK_YEARS = 2


def locked_reason(installer_case: InstallerCase) -> str:
    """Why an open case can no longer be handled online by the installer ("" when it can)."""
    if installer_case.status not in OPEN:
        return ""
    today = clock.today()
    try:
        limit = today.replace(year=today.year - LOCK_YEARS)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - LOCK_YEARS, day=28)
    created = timezone.localdate(installer_case.created_at)
    if created > limit:
        return ""
    return str(
        _(
            "%(ref)s skapades %(date)s, för mer än två år sedan, och kan inte längre hanteras online. "
            "Kontakta ansvarig avdelning via e-post för att fortsätta hanteringen."
        )
        % {"ref": installer_case.reference, "date": created.isoformat()}
    )


# --- Who ----------------------------------------------------------------------------------------


def grid_owner(user, installer_case) -> bool:
    return access.handles_installer_cases(user)


def installer_side(user, installer_case: InstallerCase) -> bool:
    """The case's installer, or the owner of its team (not the grid owner's staff)."""
    return not grid_owner(user, installer_case) and user.pk in (
        installer_case.installer_id,
        installer_case.team.owner_id,
    )


def either_side(user, installer_case: InstallerCase) -> bool:
    return grid_owner(user, installer_case) or installer_side(user, installer_case)


def team_owner(user, installer_case: InstallerCase) -> bool:
    return installer_side(user, installer_case) and user.pk == installer_case.team.owner_id


def own_installer(user, installer_case: InstallerCase) -> bool:
    return installer_side(user, installer_case) and user.pk == installer_case.installer_id


# --- Guards -------------------------------------------------------------------------------------


def unlocked_for_installer(user, installer_case: InstallerCase) -> bool:
    return user is None or grid_owner(user, installer_case) or not locked_reason(installer_case)


def unlocked(user, installer_case: InstallerCase) -> bool:
    return not locked_reason(installer_case)


def has_sibling_team(user, installer_case: InstallerCase) -> bool:
    """Another active team of the same company that `user` belongs to."""
    if user is None:
        return True
    return (
        Team.objects.filter(
            organisation_number=installer_case.team.organisation_number, memberships__user=user, is_active=True
        )
        .exclude(pk=installer_case.team_id)
        .exists()
    )


UNLOCKED_FOR_INSTALLER = Guard(unlocked_for_installer, "%(locked)s")
NOT_CHANGEABLE = _("%(ref)s är %(status)s och kan inte längre ändras.")
NOT_MOVABLE = _("%(ref)s har status %(status)s: bara pågående ärenden som inte är färdiganmälda kan flyttas.")


def _context(installer_case: InstallerCase) -> dict:
    return {
        "ref": installer_case.reference,
        "status": installer_case.get_status_display(),
        "locked": locked_reason(installer_case),
        "team": installer_case.team.name,
        "org": installer_case.team.organisation_number,
    }


def _status_action(name, label, source, target, denial, refusal, *, who=grid_owner, guards=()):
    return Action(name, label, {source}, target, who=who, denial=denial, refusal=refusal, guards=guards)


INSTALLER_CASE = LifeCycle(
    "installer_case",
    states=S.values,
    state_of=lambda installer_case: installer_case.status,
    context=_context,
    actions=[
        Action(
            "note",
            _("Skriv anteckning"),
            sources=set(OPEN),
            who=either_side,
            denial=_("%(ref)s är en annan installatörs ärende."),
            refusal=NOT_CHANGEABLE,
            guards=(UNLOCKED_FOR_INSTALLER,),
        ),
        Action(
            "attach",
            _("Bifoga fil"),
            sources=set(OPEN),
            who=either_side,
            denial=_("%(ref)s är en annan installatörs ärende."),
            refusal=NOT_CHANGEABLE,
            guards=(UNLOCKED_FOR_INSTALLER,),
        ),
        _status_action(
            "plan",
            _("Planering pågår"),
            S.NEW,
            S.PLANNING,
            _("Bara nätägarens handläggare sätter status PLANERING PÅGÅR."),
            _("%(ref)s har status %(status)s; PLANERING PÅGÅR kan bara sättas från NY."),
        ),
        _status_action(
            "execute",
            _("Genomförande pågår"),
            S.PLANNING,
            S.EXECUTION,
            _("Bara nätägarens handläggare sätter status GENOMFÖRANDE PÅGÅR."),
            _("%(ref)s har status %(status)s; GENOMFÖRANDE PÅGÅR kan bara sättas från PLANERING PÅGÅR."),
        ),
        _status_action(
            "report",
            _("Skicka färdiganmälan"),
            S.EXECUTION,
            S.COMPLETION_REPORTED,
            _("Färdiganmälan skickas av installatören."),
            _("%(ref)s har status %(status)s; FÄRDIGANMÄLAN INKOMMEN kan bara sättas från GENOMFÖRANDE PÅGÅR."),
            who=installer_side,
            guards=(UNLOCKED_FOR_INSTALLER,),
        ),
        _status_action(
            "close",
            _("Avsluta"),
            S.COMPLETION_REPORTED,
            S.CLOSED,
            _("Bara nätägarens handläggare sätter status AVSLUTAD."),
            _("%(ref)s har status %(status)s; AVSLUTAD kan bara sättas från FÄRDIGANMÄLAN INKOMMEN."),
        ),
        Action(
            "request_cancel",
            _("Begär makulering"),
            sources=set(OPEN),
            who=installer_side,
            denial=_("Makulering begärs av ärendets installatör; nätägarens handläggare makulerar direkt."),
            refusal=NOT_CHANGEABLE,
            guards=(UNLOCKED_FOR_INSTALLER,),
        ),
        Action(
            "cancel",
            _("Makulera"),
            sources=set(OPEN),
            target=S.CANCELLED,
            who=grid_owner,
            denial=_("Makulering görs av nätägarens handläggare; som installatör begär du makulering med ett skäl."),
            refusal=NOT_CHANGEABLE,
        ),
        Action(
            "move_member",
            _("Flytta till annan medlem"),
            sources=set(ONGOING),
            who=team_owner,
            denial=_("Bara teamägaren kan flytta ärenden mellan medlemmarna i teamet %(team)s."),
            refusal=NOT_MOVABLE,
            guards=(Guard(unlocked, "%(locked)s"),),
        ),
        Action(
            "move_team",
            _("Byt team"),
            sources=set(ONGOING),
            who=own_installer,
            denial=_("Bara ärendets installatör kan byta team på det (%(ref)s)."),
            refusal=NOT_MOVABLE,
            guards=(
                Guard(unlocked, "%(locked)s"),
                Guard(
                    has_sibling_team,
                    _("Du är inte medlem i något annat aktivt team med organisationsnummer %(org)s."),
                ),
            ),
        ),
        Action(
            "move_admin",
            _("Flytta (administratör)"),
            sources=set(ONGOING),
            who=grid_owner,
            denial=_("Bara nätägarens administratör kan flytta ärenden till en annan installatör utanför teamet."),
            refusal=NOT_MOVABLE,
            guards=(Guard(unlocked, "%(locked)s"),),
        ),
    ],
)

STATUS_ACTIONS = {
    action.target: action.name
    for action in INSTALLER_CASE.actions.values()
    if action.name
    in (
        "plan",
        "execute",
        "report",
        "close",
    )
}


# --- Drafts: saved, sent or deleted by the installer who wrote them ----------------------------

DRAFT_SAVED = "saved"


def draft_owner(user, draft: InstallerDraft) -> bool:
    return access.is_installer(user) and draft.installer_id == user.pk


DRAFT = LifeCycle(
    "installer_draft",
    states=[DRAFT_SAVED],
    state_of=lambda draft: DRAFT_SAVED,
    actions=[
        Action(name, label, sources={DRAFT_SAVED}, who=draft_owner, denial=_("Utkastet är en annan installatörs."))
        for name, label in (("save", _("Spara utkast")), ("send", _("Skicka")), ("delete", _("Ta bort utkastet")))
    ],
)


# --- Teams: the owner changes the members; each change is a registered decision ----------------

TEAM_ACTIVE, TEAM_INACTIVE = "active", "inactive"


def owns_team(user, team: Team) -> bool:
    return user.pk == team.owner_id


TEAM = LifeCycle(
    "team",
    states=[TEAM_ACTIVE, TEAM_INACTIVE],
    state_of=lambda team: TEAM_ACTIVE if team.is_active else TEAM_INACTIVE,
    context=lambda team: {"name": team.name},
    actions=[
        Action(
            "add_member",
            _("Lägg till medlem"),
            sources={TEAM_ACTIVE},
            who=owns_team,
            denial=_("Bara teamägaren kan lägga till medlemmar i teamet %(name)s."),
            refusal=_("Teamet %(name)s är inte aktivt."),
        ),
        Action(
            "remove_member",
            _("Ta bort medlem"),
            sources={TEAM_ACTIVE, TEAM_INACTIVE},
            who=owns_team,
            denial=_("Bara teamägaren kan ta bort medlemmar ur teamet %(name)s; en medlem kan inte själv lämna det."),
        ),
    ],
)
