"""Who sees and acts on work orders: the ordering organisation sees all, a contractor only its own.

Contractors are external users: they see only their organisation's orders, whatever the boundary
(admin, API, exports, PDFs, file downloads); every boundary asks here.
"""

import datetime

from django.db.models import Q

from common import clock
from records.register.access import is_active_user
from records.work_orders.models import Contractor, WorkOrder, WorkOrderStatus

CONTRACTOR_GROUP = "Entreprenör"
ORDERER_GROUP = "Beställare"
# Completed (and cancelled) orders stay in a contractor's list this long, then leave it.
CONTRACTOR_LIST_DAYS = 30


def manages_work_orders(user) -> bool:
    """The ordering organisation: orders, answers questions, cancels, marks invoiced."""
    return is_active_user(user) and user.has_perm("records.manage_workorder")


def contractor_ids(user) -> set[int]:
    if not is_active_user(user):
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
