"""Who sees and acts on work orders, installer cases, teams and decisions.

Contractors and installers are external users: they see only their own organisation's objects,
whatever the boundary (admin, API, exports, PDFs, file downloads); every boundary asks here.
Staff of the ordering organisation (permission `manage_workorder`) and of the grid owner
(`manage_installercase`) see all of their kind.
"""

import datetime

from django.db.models import Q

from common import clock
from records.models import Contractor, InstallerCase, InstallerDraft, Team, TeamDecision, WorkOrder, WorkOrderStatus

CONTRACTOR_GROUP = "Entreprenör"
ORDERER_GROUP = "Beställare"
INSTALLER_GROUP = "Installatör"
GRID_STAFF_GROUP = "Kundservice"
# Completed (and cancelled) orders stay in a contractor's list this long, then leave it.
CONTRACTOR_LIST_DAYS = 30


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


# --- Work orders ------------------------------------------------------------------------------


def manages_work_orders(user) -> bool:
    """The ordering organisation: orders, answers questions, cancels, marks invoiced."""
    return _active(user) and user.has_perm("records.manage_workorder")


def contractor_ids(user) -> set[int]:
    if not _active(user):
        return set()
    if not hasattr(user, "_records_contractor_ids"):
        user._records_contractor_ids = set(
            Contractor.objects.filter(users=user, is_active=True).values_list("pk", flat=True)
        )
    return user._records_contractor_ids


def is_contractor_for(user, order: WorkOrder) -> bool:
    return order.contractor_id in contractor_ids(user)


def contractor_list_cutoff() -> datetime.datetime:
    return clock.now() - datetime.timedelta(days=CONTRACTOR_LIST_DAYS)


def contractor_visible(queryset, cutoff: datetime.datetime | None = None):
    """Drop orders completed (or cancelled) more than 30 days ago: they have left the contractor's list."""
    cutoff = cutoff or contractor_list_cutoff()
    gone = Q(status__in=[WorkOrderStatus.COMPLETED, WorkOrderStatus.INVOICED], completed_at__lt=cutoff)
    gone |= Q(status=WorkOrderStatus.CANCELLED, cancelled_at__lt=cutoff)
    return queryset.exclude(gone)


def work_orders_for(user, queryset=None):
    queryset = WorkOrder.objects.all() if queryset is None else queryset
    if manages_work_orders(user):
        return queryset
    ids = contractor_ids(user)
    if not ids or not user.has_perm("records.view_workorder"):
        return queryset.none()
    return contractor_visible(queryset.filter(contractor_id__in=ids))


def can_view_work_order(user, order: WorkOrder) -> bool:
    return work_orders_for(user).filter(pk=order.pk).exists()


def can_see_pictures(user, order: WorkOrder) -> bool:
    """Pictures: the orderer always, the contractor only once the order is accepted."""
    if manages_work_orders(user):
        return True
    return is_contractor_for(user, order) and order.accepted_at is not None


# --- Installer cases, teams, decisions --------------------------------------------------------


def handles_installer_cases(user) -> bool:
    """The grid owner's staff: status, cancelling, moves across companies."""
    return _active(user) and user.has_perm("records.manage_installercase")


def is_installer(user) -> bool:
    return _active(user) and user.has_perm("records.add_installercase")


def installer_users():
    """Active users who may be invited to a team: they can send installer cases."""
    from django.contrib.auth import get_user_model

    may = Q(groups__permissions__codename="add_installercase", groups__permissions__content_type__app_label="records")
    may |= Q(user_permissions__codename="add_installercase", user_permissions__content_type__app_label="records")
    candidates = get_user_model().objects.filter(may, is_active=True).values("pk")
    return get_user_model().objects.filter(pk__in=candidates).order_by("first_name", "last_name", "username")


def installer_cases_for(user, queryset=None):
    queryset = InstallerCase.objects.all() if queryset is None else queryset
    if handles_installer_cases(user):
        return queryset
    if not _active(user) or not user.has_perm("records.view_installercase"):
        return queryset.none()
    # Their own cases, and as a team owner the cases of the team (to move them between members).
    return queryset.filter(Q(installer=user) | Q(team__owner=user))


def teams_for(user, queryset=None):
    queryset = Team.objects.all() if queryset is None else queryset
    if handles_installer_cases(user):
        return queryset
    if not _active(user) or not user.has_perm("records.view_team"):
        return queryset.none()
    return queryset.filter(Q(owner=user) | Q(memberships__user=user)).distinct()


def decisions_for(user, queryset=None):
    queryset = TeamDecision.objects.all() if queryset is None else queryset
    if handles_installer_cases(user) or (_active(user) and user.has_perm("records.view_case")):
        return queryset  # grid owner's staff, and the register's own readers
    if not _active(user) or not user.has_perm("records.view_team"):
        return queryset.none()
    mine = Q(team__owner=user) | Q(team__memberships__user=user) | Q(member=user)
    return queryset.filter(mine).distinct()


def drafts_for(user, queryset=None):
    queryset = InstallerDraft.objects.all() if queryset is None else queryset
    if not _active(user):
        return queryset.none()
    return queryset.filter(installer=user)


def person(user) -> str:
    return "" if user is None else (user.get_full_name() or user.get_username())
