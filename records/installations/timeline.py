"""The timeline events of work orders, installer cases and team decisions (registered in records.register.timeline)."""

from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from records.installations.models.decisions import DecisionKind
from records.installations.models.installer_cases import InstallerCaseType
from records.models import (
    Contractor,
    InstallerCase,
    InstallerCaseNote,
    InstallerCaseStatus,
    Message,
    Team,
    TeamDecision,
    WorkOrder,
    WorkOrderNote,
    WorkOrderStatus,
)
from records.register.timeline import Event, Source, register_source
from records.work_orders.models import WorkOrderType


def _history(model, **lookup):
    def rows(case):
        return model.history.filter(**{key: value(case) for key, value in lookup.items()}).select_related(
            "history_user"
        )

    return rows


def _name(model, pk) -> str:
    if pk is None:
        return ""
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        return ""
    if model is get_user_model():
        return obj.get_full_name() or obj.get_username()
    return getattr(obj, "name", str(obj))


def _status_changed(row, before) -> bool:
    return before is not None and before.status != row.status


# --- Work orders ------------------------------------------------------------------------------


def describe_work_order(render, row, before):
    at = row.history_date
    if row.history_type == "+":
        return Event(
            at,
            "work_order_ordered",
            _("Arbetsordern (%(type)s) skickades till %(contractor)s.")
            % {"type": WorkOrderType(row.order_type).label, "contractor": _name(Contractor, row.contractor_id)},
        )
    if row.history_type == "-":
        return None
    if _status_changed(row, before):
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


def _message_rows(case):
    rows = []
    for message in Message.objects.filter(case=case).order_by("created_at", "id"):
        rows.append(
            SimpleNamespace(
                id=message.pk,
                history_date=message.sent_at or message.created_at,
                history_id=message.pk,
                history_type="+",
                history_user=None,
                history_change_reason="",
                message=message,
            )
        )
    return rows


def describe_message(render, row, before):
    message = row.message
    status = {"pending": _("väntar på att skickas"), "sent": _("skickat"), "failed": _("misslyckades")}[message.status]
    summary = _("%(channel)s till %(to)s %(status)s: %(text)s") % {
        "channel": message.get_channel_display(),
        "to": message.recipient,
        "status": status,
        "text": message.subject or message.body[:120],
    }
    return Event(
        row.history_date,
        f"message_{message.status}",
        summary,
        reason=message.last_error if message.status == "failed" else "",
    )


# --- Installer cases and decisions ------------------------------------------------------------


def describe_installer_case(render, row, before):
    at = row.history_date
    user_model = get_user_model()
    if row.history_type == "+":
        return Event(
            at,
            "installer_case_sent",
            _("Ärendet (%(type)s) skickades av %(installer)s i teamet %(team)s.")
            % {
                "type": InstallerCaseType(row.case_type).label,
                "installer": _name(user_model, row.installer_id),
                "team": _name(Team, row.team_id),
            },
        )
    if row.history_type == "-" or before is None:
        return None
    reason = row.history_change_reason or ""
    if before.status != row.status:
        kind = "installer_case_cancelled" if row.status == InstallerCaseStatus.CANCELLED else "installer_case_status"
        return Event(
            at,
            kind,
            _("Status ändrades till %(status)s.") % {"status": InstallerCaseStatus(row.status).label},
            reason=row.cancel_reason if row.status == InstallerCaseStatus.CANCELLED else "",
        )
    if (before.installer_id, before.team_id) != (row.installer_id, row.team_id):
        return Event(
            at,
            "installer_case_moved",
            _("Ärendet flyttades till %(installer)s i teamet %(team)s.")
            % {"installer": _name(user_model, row.installer_id), "team": _name(Team, row.team_id)},
            reason=reason,
        )
    changes = render.diff(InstallerCase, before, row)
    return Event(at, "installer_case_changed", _("Ärendet ändrades."), changes=changes) if changes else None


def describe_installer_note(render, row, before):
    if row.history_type != "+":
        return None
    side = _("nätägaren") if row.from_grid_owner else _("installatören")
    return Event(
        row.history_date,
        "installer_case_note",
        _("Anteckning från %(side)s: %(text)s") % {"side": side, "text": row.text},
    )


def describe_decision(render, row, before):
    if row.history_type != "+":
        return None
    return Event(
        row.history_date,
        "decision",
        _("Beslut (%(kind)s): %(grounds)s") % {"kind": DecisionKind(row.kind).label.lower(), "grounds": row.grounds},
    )


def register() -> None:
    register_source(Source(WorkOrder, _history(WorkOrder, case_id=lambda c: c.pk), describe_work_order, rank=5))
    register_source(
        Source(
            WorkOrderNote, _history(WorkOrderNote, work_order__case_id=lambda c: c.pk), describe_work_order_note, rank=6
        )
    )
    register_source(
        Source(InstallerCase, _history(InstallerCase, case_id=lambda c: c.pk), describe_installer_case, rank=5)
    )
    register_source(
        Source(
            InstallerCaseNote,
            _history(InstallerCaseNote, installer_case__case_id=lambda c: c.pk),
            describe_installer_note,
            rank=6,
        )
    )
    register_source(Source(TeamDecision, _history(TeamDecision, case_id=lambda c: c.pk), describe_decision, rank=5))
    register_source(Source(Message, _message_rows, describe_message, rank=9))
