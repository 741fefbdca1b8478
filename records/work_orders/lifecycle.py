"""The life cycle of a work order: Beställd → Accepterad → Utförd → Fakturerad, Makulerad by the orderer.

The contractor accepts first, before anything else (notes, questions, completion); the ordering
organisation writes notes, answers questions, attaches pictures, marks invoiced and cancels.
Services check here; the admin's buttons, the API's actions and the portal read `available_actions`.
"""

from django.utils.translation import gettext_lazy as _

from common.lifecycle import Action, Guard, LifeCycle
from records.work_orders import access
from records.work_orders.models import WorkOrder, WorkOrderNote, WorkOrderStatus

S = WorkOrderStatus
WORKABLE = (S.ORDERED, S.ACCEPTED)
FINISHED = (S.COMPLETED, S.INVOICED)

CANCELLED = _("%(ref)s är makulerad och kan inte längre hanteras.")
NOT_YOURS_TO_WRITE = _("%(ref)s är tilldelad en annan entreprenör; bara den tilldelade entreprenören kan skriva i den.")
WRITING_ENDED = _("Noteringar och frågor kan göras fram till att arbetsordern är utförd; %(ref)s är utförd.")


def orderer(user, order: WorkOrder) -> bool:
    return access.manages_work_orders(user)


def contractor(user, order: WorkOrder) -> bool:
    return access.is_contractor_for(user, order)


def orderer_or_contractor(user, order: WorkOrder) -> bool:
    return orderer(user, order) or contractor(user, order)


def has_accepted(order: WorkOrder) -> bool:
    """The contractor accepts before anything else; pictures show from then on, whatever follows."""
    return order.accepted_at is not None


def accepted_unless_orderer(user, order: WorkOrder) -> bool:
    return user is None or orderer(user, order) or has_accepted(order)


def not_orderer(user, order: WorkOrder) -> bool:
    return user is not None and not orderer(user, order)


def has_unanswered_question(user, order: WorkOrder) -> bool:
    return WorkOrderNote.objects.filter(
        work_order=order, kind=WorkOrderNote.Kind.QUESTION, answer__isnull=True
    ).exists()


def _context(order: WorkOrder) -> dict:
    return {"ref": order.reference, "status": order.get_status_display().lower()}


ACCEPT_FIRST = Guard(
    accepted_unless_orderer,
    _("Acceptera %(ref)s först: entreprenören accepterar arbetsordern innan något annat görs."),
)

WORK_ORDER = LifeCycle(
    "work_order",
    states=S.values,
    state_of=lambda order: order.status,
    context=_context,
    actions=[
        Action(
            "accept",
            _("Acceptera"),
            sources={S.ORDERED},
            target=S.ACCEPTED,
            who=contractor,
            denial=_("%(ref)s är tilldelad en annan entreprenör; bara den tilldelade entreprenören kan acceptera den."),
            refusal=_("%(ref)s är redan %(status)s; bara en beställd arbetsorder kan accepteras."),
            state_refusals={S.CANCELLED: CANCELLED},
        ),
        Action(
            "note",
            _("Notera"),
            sources=set(WORKABLE),
            who=orderer_or_contractor,
            denial=NOT_YOURS_TO_WRITE,
            refusal=WRITING_ENDED,
            state_refusals={S.CANCELLED: CANCELLED},
            guards=(ACCEPT_FIRST,),
        ),
        Action(
            "question",
            _("Beställningsfråga"),
            sources=set(WORKABLE),
            who=orderer_or_contractor,
            denial=NOT_YOURS_TO_WRITE,
            refusal=WRITING_ENDED,
            state_refusals={S.CANCELLED: CANCELLED},
            guards=(
                ACCEPT_FIRST,
                Guard(
                    not_orderer,
                    _("Beställningsfrågor ställs av entreprenören till beställaren; skriv en notering i stället."),
                ),
            ),
        ),
        Action(
            "answer",
            _("Svara på fråga"),
            sources=set(WORKABLE),
            who=orderer,
            denial=_("Bara beställaren svarar på beställningsfrågor."),
            refusal=WRITING_ENDED,
            state_refusals={S.CANCELLED: CANCELLED},
            guards=(Guard(has_unanswered_question, _("%(ref)s har ingen obesvarad beställningsfråga.")),),
        ),
        Action(
            "pictures",
            _("Bifoga bilder"),
            sources=set(WORKABLE),
            who=orderer,
            denial=_("Bara beställaren bifogar bilder till arbetsordern."),
            refusal=_("%(ref)s är utförd; bilder kan inte längre bifogas."),
            state_refusals={S.CANCELLED: CANCELLED},
        ),
        Action(
            "complete",
            _("Utförd"),
            sources={S.ACCEPTED},
            target=S.COMPLETED,
            who=contractor,
            denial=_(
                "%(ref)s är tilldelad en annan entreprenör; bara den tilldelade entreprenören kan klarmarkera den."
            ),
            refusal=_("%(ref)s är redan utförd."),
            state_refusals={
                S.ORDERED: _(
                    "%(ref)s är inte accepterad: en arbetsorder accepteras innan den kan klarmarkeras som utförd."
                ),
                S.CANCELLED: CANCELLED,
            },
        ),
        Action(
            "invoice",
            _("Markera som fakturerad"),
            sources={S.COMPLETED},
            target=S.INVOICED,
            who=orderer,
            denial=_("Fakturerad sätts internt av beställande organisation, inte av entreprenören."),
            refusal=_("Bara utförda arbetsorder kan markeras som fakturerade; %(ref)s är %(status)s."),
        ),
        Action(
            "cancel",
            _("Makulera"),
            sources=set(WORKABLE),
            target=S.CANCELLED,
            who=orderer,
            denial=_("Bara beställande organisation kan makulera arbetsorder; kontakta beställaren."),
            refusal=_("%(ref)s är utförd och kan inte makuleras."),
            state_refusals={S.CANCELLED: CANCELLED},
        ),
    ],
)


def can_see_pictures(user, order: WorkOrder) -> bool:
    """Pictures: the orderer always, the contractor only once the order is accepted."""
    return orderer(user, order) or (contractor(user, order) and has_accepted(order))
