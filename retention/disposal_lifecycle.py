"""The life cycle of a disposal list (gallringslista): one table of who may do what, in which state.

    draft ──submit──▶ in_review ──approve──▶ approved ──execute──▶ executing ──finish──▶ executed
      │                  │                      │                    │ resume (sends the run again)
      └──────────────────┴──── cancel ──────────┴──▶ cancelled
    exclude / restore (items on the list): while draft or in_review

The services in `services/disposal.py` and `services/execution.py` check every step here before they
change anything and take the new state from the table; the admin offers exactly
`DISPOSAL_LIST.available_actions(user, disposal_list)`. Input a step also needs (the typed name at
execution, the reason for an exclusion) and conditions on a single item stay in the services.

`user=None` is the system (commands, demo data): it may do what the permissions guard, but a list is
approved and executed by a person, and only the system finishes an execution (when no item is left).
"""

from django.utils.translation import gettext_lazy as _

from common.lifecycle import Action, Guard, LifeCycle

from .models import DisposalList, ItemState, ListStatus

DENIAL = _("Du har inte behörighet att göra detta.")
REVIEWING = (ListStatus.DRAFT, ListStatus.IN_REVIEW)


def may(permission: str):
    """An actor predicate: an active, signed-in person with `permission` (as the services' require_perm)."""

    def test(user, disposal_list: DisposalList) -> bool:
        return user.is_authenticated and user.is_active and user.has_perm(permission)

    test.__name__ = f"may_{permission.rsplit('.', 1)[-1]}"
    return test


may_change = may("retention.change_disposallist")
may_approve = may("retention.approve_disposallist")
may_execute = may("retention.execute_disposallist")


def only_the_system(user, disposal_list: DisposalList) -> bool:
    return False  # `who` is not asked for user None, so only the system passes


def by_a_person(user, disposal_list: DisposalList) -> bool:
    return user is not None


def not_drawn_by_the_approver(user, disposal_list: DisposalList) -> bool:
    """Four eyes: the archivist who drew the list is not the one who approves it."""
    return user is None or disposal_list.created_by_id != user.pk


def has_pending_items(user, disposal_list: DisposalList) -> bool:
    return disposal_list.items.filter(state=ItemState.PENDING).exists()


def has_no_pending_items(user, disposal_list: DisposalList) -> bool:
    return not has_pending_items(user, disposal_list)


DISPOSAL_LIST = LifeCycle(
    "disposal_list",
    states=ListStatus.values,
    actions=[
        Action(
            "submit",
            _("Skicka till granskning"),
            sources={ListStatus.DRAFT},
            target=ListStatus.IN_REVIEW,
            who=may_change,
            denial=DENIAL,
            refusal=_("Bara ett utkast kan skickas till granskning; listan är %(status)s."),
        ),
        Action(
            "exclude",
            _("Undanta poster från gallring"),
            sources=REVIEWING,
            who=may_change,
            denial=DENIAL,
            refusal=_(
                "Poster kan bara undantas medan listan är ett utkast eller under granskning; listan är %(status)s."
            ),
        ),
        Action(
            "restore",
            _("Återför undantagna poster"),
            sources=REVIEWING,
            who=may_change,
            denial=DENIAL,
            refusal=_(
                "Poster kan bara återföras medan listan är ett utkast eller under granskning; listan är %(status)s."
            ),
        ),
        Action(
            "approve",
            _("Godkänn"),
            sources={ListStatus.IN_REVIEW},
            target=ListStatus.APPROVED,
            who=may_approve,
            denial=DENIAL,
            refusal=_("Listan måste vara under granskning för att kunna godkännas; den är %(status)s."),
            guards=(
                Guard(by_a_person, _("En gallringslista godkänns av en person, inte av systemet.")),
                Guard(
                    not_drawn_by_the_approver,
                    _("Du kan inte godkänna din egen gallringslista; en annan arkivarie måste godkänna den."),
                ),
                Guard(has_pending_items, _("Listan har inga poster kvar att gallra.")),
            ),
        ),
        Action(
            "execute",
            _("Verkställ gallringen"),
            sources={ListStatus.APPROVED},
            target=ListStatus.EXECUTING,
            who=may_execute,
            denial=DENIAL,
            refusal=_("Listan är inte godkänd och kan inte verkställas (den är %(status)s)."),
            state_refusals={
                ListStatus.EXECUTING: _("Listan verkställs redan."),
                ListStatus.EXECUTED: _("Listan är redan verkställd."),
            },
            guards=(Guard(by_a_person, _("En gallring verkställs av en person, inte av systemet.")),),
        ),
        Action(
            "resume",
            _("Återuppta verkställigheten"),
            sources={ListStatus.EXECUTING},
            who=may_execute,
            denial=DENIAL,
            refusal=_("Bara en lista som verkställs kan återupptas; listan är %(status)s."),
        ),
        Action(
            "finish",
            _("Avsluta verkställigheten"),
            sources={ListStatus.EXECUTING},
            target=ListStatus.EXECUTED,
            who=only_the_system,
            denial=_("En verkställighet avslutas av systemet när alla poster är hanterade."),
            refusal=_("Bara en lista som verkställs kan avslutas; listan är %(status)s."),
            guards=(Guard(has_no_pending_items, _("Listan har poster som inte är hanterade ännu.")),),
        ),
        Action(
            "cancel",
            _("Avbryt listan"),
            sources={ListStatus.DRAFT, ListStatus.IN_REVIEW, ListStatus.APPROVED},
            target=ListStatus.CANCELLED,
            who=may_change,
            denial=DENIAL,
            refusal=_("Listan är %(status)s och kan inte avbrytas."),
        ),
    ],
    state_of=lambda disposal_list: disposal_list.status,
    context=lambda disposal_list: {"status": disposal_list.get_status_display().lower(), "name": disposal_list.name},
)
