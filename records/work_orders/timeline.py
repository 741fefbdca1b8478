"""The timeline events of work orders and their notes (registered in records.register.timeline)."""

from django.utils.translation import gettext as _

from records.register.timeline import Event, Source, history_rows, name_of, register_source, status_changed
from records.work_orders.models import Contractor, WorkOrder, WorkOrderNote, WorkOrderStatus, WorkOrderType


def describe_work_order(render, row, before):
    at = row.history_date
    if row.history_type == "+":
        return Event(
            at,
            "work_order_ordered",
            _("Arbetsordern (%(type)s) skickades till %(contractor)s.")
            % {"type": WorkOrderType(row.order_type).label, "contractor": name_of(Contractor, row.contractor_id)},
        )
    if row.history_type == "-":
        return None
    if status_changed(row, before):
        if row.status == WorkOrderStatus.ACCEPTED:
            return Event(at, "work_order_accepted", _("Arbetsordern accepterades av entreprenören."))
        if row.status == WorkOrderStatus.COMPLETED:
            summary = _("Arbetsordern klarmarkerades som utförd. Utförd åtgärd: %(action)s") % {
                "action": row.action_performed
            }
            if row.unit_model or row.unit_serial:
                summary += " " + _("Enhet: %(model)s, serienummer %(serial)s.") % {
                    "model": row.unit_model,
                    "serial": row.unit_serial,
                }
            return Event(at, "work_order_completed", summary)
        if row.status == WorkOrderStatus.INVOICED:
            return Event(at, "work_order_invoiced", _("Arbetsordern markerades som fakturerad."))
        if row.status == WorkOrderStatus.CANCELLED:
            return Event(at, "work_order_cancelled", _("Arbetsordern makulerades."), reason=row.cancel_reason)
    if before is not None and before.batch_id != row.batch_id and row.batch_id:
        return Event(at, "work_order_batched", _("Arbetsordern lades i bunt %(n)s.") % {"n": row.batch_id})
    changes = render.diff(WorkOrder, before, row) if before is not None else []
    return Event(at, "work_order_changed", _("Arbetsordern ändrades."), changes=changes) if changes else None


NOTE_SUMMARIES = {
    WorkOrderNote.Kind.NOTE: "Notering: %(text)s",
    WorkOrderNote.Kind.QUESTION: "Beställningsfråga: %(text)s",
    WorkOrderNote.Kind.ANSWER: "Svar på beställningsfråga: %(text)s",
}


def describe_work_order_note(render, row, before):
    if row.history_type != "+":
        return None
    return Event(row.history_date, f"work_order_{row.kind}", _(NOTE_SUMMARIES[row.kind]) % {"text": row.text})


def register() -> None:
    register_source(Source(WorkOrder, history_rows(WorkOrder, case_id=lambda c: c.pk), describe_work_order, rank=5))
    register_source(
        Source(
            WorkOrderNote,
            history_rows(WorkOrderNote, work_order__case_id=lambda c: c.pk),
            describe_work_order_note,
            rank=6,
        )
    )
