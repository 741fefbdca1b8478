"""Work orders: ordering, acceptance, notes and questions, pictures, completion, invoicing, cancelling.

The contractor accepts before anything else; notes and questions until the order is completed;
completing needs the action performed (and model and serial number for a unit) and sends the
tenant an SMS; only the ordering organisation cancels and marks an order invoiced.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from common import clock
from common.errors import DomainError, ErrorCollector
from records.messaging import outbox as notifications
from records.register.filing import process_code_for, series_for
from records.register.models.cases import CaseStatus, RecordType
from records.register.models.documents import Direction
from records.register.services.cases import file_case
from records.register.services.details import clean_text, deny, lock_detail, refuse, set_case_status, touch_case
from records.register.services.documents import file_document
from records.work_orders import access
from records.work_orders.lifecycle import WORK_ORDER
from records.work_orders.models import (
    Contractor,
    WorkOrder,
    WorkOrderBatch,
    WorkOrderNote,
    WorkOrderType,
)

PHONE_RE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")


@dataclass
class WorkOrderData:
    order_type: str
    contractor: Contractor
    property_name: str
    subject: str
    apartment: str = ""
    address: str = ""
    tenant_name: str = ""
    tenant_phone: str = ""
    priority: str = ""
    ordered_via_web: bool = False
    is_unit: bool = False
    unit_description: str = ""
    batch_with: WorkOrder | None = None  # put the new order in a bunt with this one (same object)


def _words(value, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def clean_phone(raw: str) -> str:
    phone = _words(raw, 30)
    if phone and not PHONE_RE.match(phone):
        raise DomainError(
            {"tenant_phone": _("”%(value)s” är inget telefonnummer (siffror, t.ex. 070-123 45 67).") % {"value": raw}}
        )
    return phone


def _cleaned(data: WorkOrderData) -> dict:
    errors = ErrorCollector()
    if data.order_type not in WorkOrderType.values:
        errors.messages["order_type"] = [
            _("Välj typ av arbetsorder: %(types)s.") % {"types": ", ".join(str(t.label) for t in WorkOrderType)}
        ]
    contractor = data.contractor
    if not isinstance(contractor, Contractor) or not contractor.is_active:
        errors.messages["contractor"] = [_("Välj en aktiv entreprenör.")]
    property_name = errors.check(
        clean_text, _words(data.property_name, 200), "property_name", _("Ange objektet (fastighet).")
    )
    subject = errors.check(clean_text, data.subject, "subject", _("Ange vad arbetsordern avser."), 5000)
    phone = errors.check(clean_phone, data.tenant_phone)
    errors.raise_if_any()
    return {
        "order_type": data.order_type,
        "contractor": contractor,
        "property_name": property_name,
        "apartment": _words(data.apartment, 50),
        "address": _words(data.address, 200),
        "tenant_name": _words(data.tenant_name, 200),
        "tenant_phone": phone,
        "subject": subject,
        "priority": _words(data.priority, 50),
        "ordered_via_web": bool(data.ordered_via_web),
        "is_unit": bool(data.is_unit),
        "unit_description": _words(data.unit_description, 200),
    }


def _batch_for(values: dict, other: WorkOrder | None, user) -> WorkOrderBatch | None:
    if other is None:
        return None
    other = lock_detail(WorkOrder, other)
    if (other.property_name, other.apartment) != (values["property_name"], values["apartment"]):
        raise DomainError(
            {
                "batch_with": _("Bara arbetsorder för samma objekt kan buntas: %(ref)s gäller %(object)s.")
                % {"ref": other.reference, "object": other.object_display}
            }
        )
    if other.batch_id is None:
        other.batch = WorkOrderBatch.objects.create(property_name=other.property_name, apartment=other.apartment)
        clock.stamp(other, user, _("Buntad"))
        other.save()
    return other.batch


def _title(values: dict) -> str:
    where = values["property_name"] + (f", lgh {values['apartment']}" if values["apartment"] else "")
    subject = values["subject"].splitlines()[0]
    return f"{WorkOrderType(values['order_type']).label}: {subject[:300]} – {where}"


@transaction.atomic
def create_work_order(data: WorkOrderData, *, user, pictures=()) -> WorkOrder:
    """Order work from a contractor: a case numbered AO1234, filed under the configured process."""
    if user is not None and not access.manages_work_orders(user):
        deny(_("Bara beställande organisation kan skapa arbetsorder."))
    values = _cleaned(data)
    batch = _batch_for(values, data.batch_with, user)
    moment = clock.now()
    case = file_case(
        process=process_code_for(RecordType.WORK_ORDER, values["order_type"]),
        title=_title(values),
        user=user,
        description=values["subject"],
        record_type=RecordType.WORK_ORDER,
        series=series_for(RecordType.WORK_ORDER),
        opened_on=clock.today(),
        registered_at=moment,
    )
    order = WorkOrder(
        case=case, batch=batch, ordered_by=None if values["ordered_via_web"] else user, ordered_at=moment, **values
    )
    clock.stamp(order, user, _("Beställd"))
    order.save()
    if pictures:
        _file_pictures(order, pictures, user)
    contractor = values["contractor"]
    notifications.queue_email(
        to=contractor.email,
        kind="work_order_ordered",
        case=case,
        subject=_("Ny arbetsorder %(ref)s") % {"ref": case.reference},
        body=_(
            "Ni har fått en ny arbetsorder, %(ref)s (%(type)s): %(subject)s\nObjekt: %(object)s\n"
            "Acceptera den i entreprenörsportalen innan ni påbörjar arbetet."
        )
        % {
            "ref": case.reference,
            "type": WorkOrderType(values["order_type"]).label,
            "subject": values["subject"],
            "object": order.object_display,
        },
    )
    return order


@transaction.atomic
def accept_work_order(order: WorkOrder, user) -> WorkOrder:
    order = lock_detail(WorkOrder, order)
    order.status = WORK_ORDER.check("accept", user, order).target
    order.accepted_at, order.accepted_by = clock.now(), user
    clock.stamp(order, user, _("Accepterad"))
    order.save()
    touch_case(order.case)
    return order


@transaction.atomic
def add_note(order: WorkOrder, text: str, user, *, question: bool = False) -> WorkOrderNote:
    """A note (Notera), or the contractor's question to the orderer (Beställningsfråga)."""
    order = lock_detail(WorkOrder, order)
    WORK_ORDER.check("question" if question else "note", user, order)
    text = clean_text(text, "text", _("Skriv frågan.") if question else _("Skriv noteringen."), 5000)
    note = WorkOrderNote(
        work_order=order,
        kind=WorkOrderNote.Kind.QUESTION if question else WorkOrderNote.Kind.NOTE,
        text=text,
        author=user,
        created_at=clock.now(),
    )
    clock.stamp(note, user)
    note.save()
    touch_case(order.case)
    return note


@transaction.atomic
def answer_question(question: WorkOrderNote, text: str, user) -> WorkOrderNote:
    """The orderer's answer; it shows among the notes."""
    order = lock_detail(WorkOrder, question.work_order)
    WORK_ORDER.check("answer", user, order, guards=False)
    question = WorkOrderNote.objects.get(pk=question.pk)
    if question.kind != WorkOrderNote.Kind.QUESTION:
        refuse(_("Bara beställningsfrågor besvaras; det här är en notering."))
    if hasattr(question, "answer"):
        refuse(_("Frågan är redan besvarad."))
    WORK_ORDER.check("answer", user, order)
    text = clean_text(text, "text", _("Skriv svaret."), 5000)
    answer = WorkOrderNote(
        work_order=order,
        kind=WorkOrderNote.Kind.ANSWER,
        text=text,
        answer_to=question,
        author=user,
        created_at=clock.now(),
    )
    clock.stamp(answer, user)
    answer.save()
    touch_case(order.case)
    return answer


def _file_pictures(order: WorkOrder, uploads, user):
    return file_document(
        order.case,
        user=user,
        direction=Direction.INCOMING,
        title=_("Bilder"),
        files=list(uploads),
        registered_on=clock.today(),
    )


@transaction.atomic
def add_pictures(order: WorkOrder, uploads, user):
    """Pictures for the contractor (shown to them once they have accepted the order)."""
    order = lock_detail(WorkOrder, order)
    WORK_ORDER.check("pictures", user, order)
    if not uploads:
        raise DomainError({"files": _("Välj minst en bild.")})
    return _file_pictures(order, uploads, user)


@transaction.atomic
def complete_work_order(
    order: WorkOrder, user, *, action_performed: str, unit_model: str = "", unit_serial: str = ""
) -> WorkOrder:
    """Utförd: needs the action performed (and a unit's model and serial number); texts the tenant."""
    order = lock_detail(WorkOrder, order)
    action_row = WORK_ORDER.check("complete", user, order)
    errors = ErrorCollector()
    action = errors.check(
        clean_text,
        action_performed,
        "action_performed",
        _("Ange utförd åtgärd: den krävs för att klarmarkera arbetsordern."),
        5000,
    )
    unit_model, unit_serial = _words(unit_model, 200), _words(unit_serial, 200)
    if order.is_unit and not unit_model:
        errors.messages["unit_model"] = [_("Arbetsordern gäller en enhet: ange modellbeteckning.")]
    if order.is_unit and not unit_serial:
        errors.messages["unit_serial"] = [_("Arbetsordern gäller en enhet: ange serienummer.")]
    errors.raise_if_any()
    order.status, order.completed_at, order.completed_by = action_row.target, clock.now(), user
    order.action_performed, order.unit_model, order.unit_serial = action, unit_model, unit_serial
    clock.stamp(order, user, _("Utförd"))
    order.save()
    set_case_status(order.case, CaseStatus.CLOSED, user, _("Arbetsordern utförd"))
    if order.tenant_phone:
        notifications.queue_sms(
            to=order.tenant_phone,
            kind="work_order_completed",
            case=order.case,
            body=_("Hej! Arbetsorder %(ref)s är utförd: %(subject)s. Hälsningar %(org)s")
            % {
                "ref": order.reference,
                "subject": order.subject.splitlines()[0][:120],
                "org": settings.ORDNA_ORGANISATION_NAME,
            },
        )
    return order


@transaction.atomic
def mark_invoiced(order: WorkOrder, user) -> WorkOrder:
    order = lock_detail(WorkOrder, order)
    target = WORK_ORDER.check("invoice", user, order).target
    order.status, order.invoiced_at = target, clock.now()
    clock.stamp(order, user, _("Fakturerad"))
    order.save()
    touch_case(order.case)
    return order


@transaction.atomic
def cancel_work_order(order: WorkOrder, user, reason: str) -> WorkOrder:
    """Makulera: only the ordering organisation (a no-show or a cancelled visit is not "Utförd")."""
    order = lock_detail(WorkOrder, order)
    target = WORK_ORDER.check("cancel", user, order).target
    reason = clean_text(_words(reason, 300), "reason", _("Ange skälet till makuleringen."))
    order.status, order.cancelled_at, order.cancel_reason = target, clock.now(), reason
    clock.stamp(order, user, reason)
    order.save()
    set_case_status(order.case, CaseStatus.CANCELLED, user, reason)
    return order
