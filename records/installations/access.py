"""Who sees and acts on installer cases, drafts, teams and decisions.

Installers are external users: they see their own cases (a team owner also the team's), whatever
the boundary (admin, API, file downloads); every boundary asks here. The grid owner's staff
(permission `manage_installercase`) see all.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from records.installations.models.decisions import TeamDecision
from records.installations.models.installer_cases import InstallerCase, InstallerDraft
from records.installations.models.teams import Team
from records.register.access import is_active_user

INSTALLER_GROUP = "Installatör"
GRID_STAFF_GROUP = "Kundservice"


def handles_installer_cases(user) -> bool:
    """The grid owner's staff: status, cancelling, moves across companies."""
    return is_active_user(user) and user.has_perm("records.manage_installercase")


def is_installer(user) -> bool:
    return is_active_user(user) and user.has_perm("records.add_installercase")


def installer_users():
    """Active users who may be invited to a team: they can send installer cases."""
    may = Q(groups__permissions__codename="add_installercase", groups__permissions__content_type__app_label="records")
    may |= Q(user_permissions__codename="add_installercase", user_permissions__content_type__app_label="records")
    candidates = get_user_model().objects.filter(may, is_active=True).values("pk")
    return get_user_model().objects.filter(pk__in=candidates).order_by("first_name", "last_name", "username")


def installer_cases_for(user, queryset=None):
    queryset = InstallerCase.objects.all() if queryset is None else queryset
    if handles_installer_cases(user):
        return queryset
    if not is_active_user(user) or not user.has_perm("records.view_installercase"):
        return queryset.none()
    # Their own cases, and as a team owner the cases of the team (to move them between members).
    return queryset.filter(Q(installer=user) | Q(team__owner=user))


def teams_for(user, queryset=None):
    queryset = Team.objects.all() if queryset is None else queryset
    if handles_installer_cases(user):
        return queryset
    if not is_active_user(user) or not user.has_perm("records.view_team"):
        return queryset.none()
    return queryset.filter(Q(owner=user) | Q(memberships__user=user)).distinct()


def decisions_for(user, queryset=None):
    queryset = TeamDecision.objects.all() if queryset is None else queryset
    if handles_installer_cases(user) or (is_active_user(user) and user.has_perm("records.view_case")):
        return queryset  # grid owner's staff, and the register's own readers
    if not is_active_user(user) or not user.has_perm("records.view_team"):
        return queryset.none()
    mine = Q(team__owner=user) | Q(team__memberships__user=user) | Q(member=user)
    return queryset.filter(mine).distinct()


def drafts_for(user, queryset=None):
    queryset = InstallerDraft.objects.all() if queryset is None else queryset
    if not is_active_user(user):
        return queryset.none()
    return queryset.filter(installer=user)
