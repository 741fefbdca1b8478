"""The life cycle of a case in the register: öppet → avslutat ⇄ återöppnat, makulerat by a registrar.

An open case takes documents, files and parties and can be edited; a closed one must be reopened
first; a cancelled one stays in the register unchanged. Work orders, installer cases and decisions
close, reopen and cancel through their own life cycles. Services check here; the admin offers
`available_actions`.
"""

from django.utils.translation import gettext_lazy as _

from common.lifecycle import Action, Guard, LifeCycle
from records.register import access
from records.register.models.cases import OWN_LIFE_CYCLE, Case, CaseAccessGrant, CaseStatus

S = CaseStatus
NOT_ALLOWED = _("Du har inte behörighet att göra detta i ärendet.")
CANCELLED = _("Ärendet %(ref)s är makulerat och kan inte ändras.")


def works_on(user, case: Case) -> bool:
    return access.can_work_on(user, case)


def manages(user, case: Case) -> bool:
    return access.can_manage(user, case)


def adds_documents(user, case: Case) -> bool:
    return access.can_add_documents(user, case)


def generic(user, case: Case) -> bool:
    return case.record_type not in OWN_LIFE_CYCLE


OWN_LIFE_CYCLE_GUARD = Guard(
    generic,
    _("%(ref)s (%(type)s) har en egen livscykel: avsluta, återöppna eller makulera den med dess egna åtgärder."),
)


def _while_open(name: str, label, who, closed_refusal) -> Action:
    return Action(
        name,
        label,
        sources={S.OPEN},
        who=who,
        denial=NOT_ALLOWED,
        state_refusals={S.CLOSED: closed_refusal, S.CANCELLED: CANCELLED},
    )


def _context(case: Case) -> dict:
    return {
        "ref": case.reference,
        "status": case.get_status_display().lower(),
        "type": case.get_record_type_display().lower(),
    }


CASE = LifeCycle(
    "case",
    states=S.values,
    state_of=lambda case: case.status,
    context=_context,
    actions=[
        _while_open("edit", _("Ändra"), works_on, _("Ärendet %(ref)s är avslutat; återöppna det för att ändra det.")),
        _while_open(
            "add_document",
            _("Lägg till handling"),
            adds_documents,
            _("Ärendet %(ref)s är avslutat; återöppna det för att lägga till handlingar."),
        ),
        _while_open(
            "edit_document",
            _("Ändra handling"),
            works_on,
            _("Ärendet %(ref)s är avslutat; återöppna det för att ändra handlingar."),
        ),
        _while_open(
            "attach_file",
            _("Bifoga fil"),
            adds_documents,
            _("Ärendet %(ref)s är avslutat; återöppna det för att lägga till filer."),
        ),
        _while_open(
            "edit_parties",
            _("Ändra parter"),
            works_on,
            _("Ärendet %(ref)s är avslutat; återöppna det för att ändra parter."),
        ),
        Action(
            "set_confidentiality",
            _("Ändra sekretess"),
            sources=set(S.values),
            who=manages,
            denial=NOT_ALLOWED,
        ),
        Action(
            "reclassify",
            _("Omklassificera"),
            sources={S.OPEN, S.CLOSED},
            who=manages,
            denial=NOT_ALLOWED,
            refusal=_("Ärendet %(ref)s är makulerat och kan inte omklassificeras."),
        ),
        Action(
            "close",
            _("Avsluta"),
            sources={S.OPEN},
            target=S.CLOSED,
            who=works_on,
            denial=NOT_ALLOWED,
            state_refusals={
                S.CLOSED: _("Ärendet %(ref)s är avslutat; återöppna det för att avsluta det."),
                S.CANCELLED: CANCELLED,
            },
            guards=(OWN_LIFE_CYCLE_GUARD,),
        ),
        Action(
            "reopen",
            _("Återöppna"),
            sources={S.CLOSED},
            target=S.OPEN,
            who=works_on,
            denial=NOT_ALLOWED,
            refusal=_("Bara avslutade ärenden kan återöppnas; %(ref)s är %(status)s."),
            guards=(OWN_LIFE_CYCLE_GUARD,),
        ),
        Action(
            "cancel",
            _("Makulera"),
            sources={S.OPEN, S.CLOSED},
            target=S.CANCELLED,
            who=manages,
            denial=NOT_ALLOWED,
            refusal=_("Ärendet %(ref)s är redan makulerat."),
            guards=(OWN_LIFE_CYCLE_GUARD,),
        ),
        Action(
            "grant_access",
            _("Ge åtkomst"),
            sources=set(S.values),
            who=manages,
            denial=NOT_ALLOWED,
            guards=(
                Guard(
                    lambda user, case: case.is_confidential,
                    _("Ärendet %(ref)s är inte sekretessmarkerat; alla med läsbehörighet ser det redan."),
                ),
            ),
        ),
        Action(
            "revoke_access",
            _("Återkalla åtkomst"),
            sources=set(S.values),
            who=manages,
            denial=NOT_ALLOWED,
            guards=(
                Guard(
                    lambda user, case: CaseAccessGrant.objects.filter(case=case).exists(),
                    _("Ingen har fått särskild åtkomst till %(ref)s."),
                ),
            ),
        ),
    ],
)
