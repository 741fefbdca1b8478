"""The work order report for Excel: streamed row by row (common.tabular: openpyxl write-only into a
temporary file), so memory stays flat whatever the number of orders; filtered by type and status."""

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from common import tabular
from common.errors import DomainError
from records.work_orders.models import TENANT_VIA_WEB, WorkOrderStatus, WorkOrderType

FIELDS = [
    "case__reference",
    "order_type",
    "status",
    "ordered_at",
    "property_name",
    "apartment",
    "address",
    "subject",
    "priority",
    "batch_id",
    "contractor__name",
    "ordered_via_web",
    "ordered_by__first_name",
    "ordered_by__last_name",
    "ordered_by__username",
    "accepted_at",
    "completed_at",
    "action_performed",
    "unit_model",
    "unit_serial",
]
HEADERS = [
    "Arbetsorder",
    "Typ",
    "Status",
    "Beställd",
    "Fastighet",
    "Lägenhet/objekt",
    "Adress",
    "Avser",
    "Prio",
    "Bunt",
    "Entreprenör",
    "Beställare",
    "Accepterad",
    "Utförd",
    "Utförd åtgärd",
    "Modell",
    "Serienummer",
]
CHUNK = 2000


def filtered(queryset, order_type: str = "", status: str = ""):
    """Orders of one type and/or status; a Swedish message for a value that is neither."""
    if order_type:
        if order_type not in WorkOrderType.values:
            raise DomainError(
                {
                    "order_type": _("Okänd typ ”%(value)s”; använd %(values)s.")
                    % {"value": order_type, "values": ", ".join(WorkOrderType.values)}
                }
            )
        queryset = queryset.filter(order_type=order_type)
    if status:
        if status not in WorkOrderStatus.values:
            raise DomainError(
                {
                    "status": _("Okänd status ”%(value)s”; använd %(values)s.")
                    % {"value": status, "values": ", ".join(WorkOrderStatus.values)}
                }
            )
        queryset = queryset.filter(status=status)
    return queryset


def rows(queryset):
    """The report's rows, read in chunks from a server-side cursor where the database has one.

    Labels and the time zone are looked up once, not per row: at 100,000 orders per-row gettext
    and time zone lookups cost as much as writing the cells.
    """
    types = {value: str(label) for value, label in WorkOrderType.choices}
    statuses = {value: str(label) for value, label in WorkOrderStatus.choices}
    via_web = str(TENANT_VIA_WEB)
    zone = timezone.get_current_timezone()

    def local(moment):
        return None if moment is None else moment.astimezone(zone).replace(tzinfo=None)

    values = queryset.order_by("case__serial").values_list(*FIELDS).iterator(chunk_size=CHUNK)
    for (
        reference,
        order_type,
        status,
        ordered_at,
        property_name,
        apartment,
        address,
        subject,
        priority,
        batch,
        contractor,
        web,
        first,
        last,
        username,
        accepted_at,
        completed_at,
        action,
        model,
        serial,
    ) in values:
        orderer = via_web if web else (f"{first} {last}".strip() or username or None)
        # Empty text as None: openpyxl writes no cell at all for None, one per "" (a third of the cells here).
        yield (
            reference,
            types[order_type],
            statuses[status],
            local(ordered_at),
            property_name,
            apartment or None,
            address or None,
            subject,
            priority or None,
            batch,
            contractor,
            orderer,
            local(accepted_at),
            local(completed_at),
            action or None,
            model or None,
            serial or None,
        )


def write_xlsx(queryset, fileobj) -> int:
    """Write the report to `fileobj`; returns the number of orders written."""
    return tabular.write_xlsx(rows(queryset), fileobj, HEADERS, sheet=_("Arbetsorder"))


def xlsx_response(queryset, filename: str = "arbetsorder.xlsx") -> FileResponse:
    """The report as a download, built in a temporary file and streamed from it in chunks."""
    return tabular.response(tabular.XLSX, rows(queryset), HEADERS, filename=filename, sheet=_("Arbetsorder"))
