"""The work order report for Excel: streamed row by row (openpyxl write-only into a temporary file), so
memory stays flat whatever the number of orders; filtered by type and status."""

import tempfile

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .errors import RecordsError
from .models import TENANT_VIA_WEB, WorkOrderStatus, WorkOrderType

FIELDS = [
    "case__reference", "order_type", "status", "ordered_at", "property_name", "apartment", "address", "subject",
    "priority", "batch_id", "contractor__name", "ordered_via_web", "ordered_by__first_name", "ordered_by__last_name",
    "ordered_by__username", "accepted_at", "completed_at", "action_performed", "unit_model", "unit_serial",
]
HEADERS = ["Arbetsorder", "Typ", "Status", "Beställd", "Fastighet", "Lägenhet/objekt", "Adress", "Avser", "Prio", "Bunt",
           "Entreprenör", "Beställare", "Accepterad", "Utförd", "Utförd åtgärd", "Modell", "Serienummer"]
CHUNK = 2000


def filtered(queryset, order_type: str = "", status: str = ""):
    """Orders of one type and/or status; a Swedish message for a value that is neither."""
    if order_type:
        if order_type not in WorkOrderType.values:
            raise RecordsError({"order_type": _("Okänd typ ”%(value)s”; använd %(values)s.")
                                % {"value": order_type, "values": ", ".join(WorkOrderType.values)}})
        queryset = queryset.filter(order_type=order_type)
    if status:
        if status not in WorkOrderStatus.values:
            raise RecordsError({"status": _("Okänd status ”%(value)s”; använd %(values)s.")
                                % {"value": status, "values": ", ".join(WorkOrderStatus.values)}})
        queryset = queryset.filter(status=status)
    return queryset


def _local(moment):
    return None if moment is None else timezone.localtime(moment).replace(tzinfo=None)


def rows(queryset):
    """The report's rows, read in chunks from a server-side cursor where the database has one."""
    types, statuses = dict(WorkOrderType.choices), dict(WorkOrderStatus.choices)
    via_web = str(TENANT_VIA_WEB)
    values = queryset.order_by("case__serial").values_list(*FIELDS).iterator(chunk_size=CHUNK)
    for (reference, order_type, status, ordered_at, property_name, apartment, address, subject, priority, batch,
         contractor, web, first, last, username, accepted_at, completed_at, action, model, serial) in values:
        orderer = via_web if web else (f"{first} {last}".strip() or username or "")
        yield (reference, str(types[order_type]), str(statuses[status]), _local(ordered_at), property_name, apartment,
               address, subject, priority, batch, contractor, orderer, _local(accepted_at), _local(completed_at), action,
               model, serial)


def write_xlsx(queryset, fileobj) -> int:
    """Write the report to `fileobj`; returns the number of orders written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Arbetsorder"))
    sheet.append(HEADERS)
    count = 0
    for row in rows(queryset):
        sheet.append(row)
        count += 1
    workbook.save(fileobj)
    return count


def xlsx_response(queryset, filename: str = "arbetsorder.xlsx") -> FileResponse:
    """The report as a download, built in a temporary file and streamed from it in chunks."""
    spool = tempfile.TemporaryFile(suffix=".xlsx")
    write_xlsx(queryset, spool)
    spool.seek(0)
    response = FileResponse(spool, as_attachment=True, filename=filename,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Cache-Control"] = "private, no-store"
    return response
