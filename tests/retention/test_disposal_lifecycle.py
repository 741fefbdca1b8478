"""The disposal list's life-cycle table against its services: every state × role × action.

An action is offered (`DISPOSAL_LIST.available_actions`) exactly when the service for it succeeds, and
when it is refused the service says what the table says. Each call runs in a savepoint that is rolled
back, so every combination starts from the same list.
"""

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from common.errors import DomainError
from retention import services
from retention.disposal_lifecycle import DISPOSAL_LIST
from retention.models import DisposalItem, DisposalList, ExclusionStage, ItemState, ListStatus
from retention.services import execution

pytestmark = pytest.mark.django_db

S = ListStatus
# name: (status, the items on the list). "review" is an item a reviewer excluded (it can be restored).
VARIANTS = {
    "draft": (S.DRAFT, ("pending", "review")),
    "in_review": (S.IN_REVIEW, ("pending", "review")),
    "in_review_nothing_pending": (S.IN_REVIEW, ("review",)),
    "approved": (S.APPROVED, ("pending", "review")),
    "executing": (S.EXECUTING, ("pending", "disposed", "review")),
    "executing_all_done": (S.EXECUTING, ("disposed", "review")),
    "executed": (S.EXECUTED, ("disposed", "review")),
    "cancelled": (S.CANCELLED, ("pending", "review")),
}
ROLES = ("drew_it", "other_archivist", "reader", "system")

# What each role is offered, as the archivists' routines describe it (the walk below holds the services to it).
EXPECTED = {
    "draft": {
        "drew_it": {"submit", "exclude", "restore", "cancel"},
        "other_archivist": {"submit", "exclude", "restore", "cancel"},
        "system": {"submit", "exclude", "restore", "cancel"},
    },
    "in_review": {
        "drew_it": {"exclude", "restore", "cancel"},  # not approve: four eyes
        "other_archivist": {"exclude", "restore", "approve", "cancel"},
        "system": {"exclude", "restore", "cancel"},  # a list is approved by a person
    },
    "in_review_nothing_pending": {
        "drew_it": {"exclude", "restore", "cancel"},
        "other_archivist": {"exclude", "restore", "cancel"},  # nothing left to dispose of
        "system": {"exclude", "restore", "cancel"},
    },
    "approved": {
        "drew_it": {"execute", "cancel"},
        "other_archivist": {"execute", "cancel"},
        "system": {"cancel"},  # executed by a person
    },
    "executing": {"drew_it": {"resume"}, "other_archivist": {"resume"}, "system": {"resume"}},
    "executing_all_done": {"drew_it": {"resume"}, "other_archivist": {"resume"}, "system": {"resume", "finish"}},
    "executed": {},
    "cancelled": {},
}

CASE_KEYS = itertools.count(1_000_000)


def make_list(name, status, items, created_by, process) -> DisposalList:
    disposal_list = DisposalList.objects.create(
        name=name, status=status, as_of=datetime.date.today(), created_by=created_by
    )
    for kind in items:
        key = next(CASE_KEYS)
        item = DisposalItem(
            disposal_list=disposal_list,
            case_key=key,
            case_reference=f"BOP 2020/{key}",
            process=process,
            rule_signature="1|gallras|24|case_closed|GA 2019/3",
            rule_description="Gallras 2 år efter avslut (2.9, GA 2019/3)",
            action="gallras",
            due_date=datetime.date(2022, 1, 1),
        )
        if kind == "review":
            item.state, item.exclusion_stage, item.exclusion_reason = (
                ItemState.EXCLUDED,
                ExclusionStage.REVIEW,
                "Behövs i en tvist",
            )
        elif kind == "disposed":
            item.state = ItemState.DISPOSED
        item.save()
    return disposal_list


@pytest.fixture
def lists(seed_plan, archivist):
    return {
        name: make_list(f"Gallring {name}", status, items, archivist, seed_plan["2.9.1"])
        for name, (status, items) in VARIANTS.items()
    }


@pytest.fixture
def users(archivist, second_archivist, reader):
    return {"drew_it": archivist, "other_archivist": second_archivist, "reader": reader, "system": None}


def first_item(disposal_list, **conditions):
    return disposal_list.items.filter(**conditions).order_by("pk").first()


def finish(disposal_list, user):
    """Only the system finishes (no service takes a person); it succeeded when it moved the list on."""
    before = disposal_list.history.count()
    execution.finish_list(disposal_list.pk)
    disposal_list.refresh_from_db()
    if disposal_list.status != ListStatus.EXECUTED or disposal_list.history.count() == before:
        raise DomainError("not finished")


# action: (the call, the item it needs, if any)
SERVICES = {
    "submit": (lambda dl, user, item: services.submit_for_review(dl, user=user), None),
    "exclude": (
        lambda dl, user, item: services.exclude_item(item, reason="Behövs i en utredning", user=user),
        {"state": ItemState.PENDING},
    ),
    "restore": (
        lambda dl, user, item: services.restore_item(item, user=user),
        {"exclusion_stage": ExclusionStage.REVIEW},
    ),
    "approve": (lambda dl, user, item: services.approve_list(dl, user=user), None),
    "execute": (lambda dl, user, item: services.execute_list(dl, user=user, confirmation=dl.name), None),
    "resume": (lambda dl, user, item: services.resume_list(dl, user=user), None),
    "cancel": (lambda dl, user, item: services.cancel_list(dl, user=user), None),
    "finish": (lambda dl, user, item: finish(dl, user), None),
}


class Rollback(Exception):
    pass


def outcome(call) -> tuple[bool, str]:
    """(succeeded, the refusal) of running `call` in a savepoint that is always rolled back."""
    try:
        with transaction.atomic():
            call()
            raise Rollback
    except Rollback:
        return True, ""
    except (DomainError, PermissionDenied) as refused:
        return False, str(refused)


def test_the_table_covers_every_status_and_names_the_services_steps():
    assert set(DISPOSAL_LIST.states) == set(ListStatus.values)
    assert set(DISPOSAL_LIST.actions) == set(SERVICES)
    assert {name: DISPOSAL_LIST.target(name) for name in DISPOSAL_LIST.actions} == {
        "submit": S.IN_REVIEW,
        "exclude": None,
        "restore": None,
        "approve": S.APPROVED,
        "execute": S.EXECUTING,
        "resume": None,
        "finish": S.EXECUTED,
        "cancel": S.CANCELLED,
    }


def test_each_role_is_offered_what_the_routines_say(lists, users):
    for variant, disposal_list in lists.items():
        for role, user in users.items():
            offered = {action.name for action in DISPOSAL_LIST.available_actions(user, disposal_list)}
            assert offered == EXPECTED[variant].get(role, set()), (variant, role)


@pytest.mark.parametrize("action", list(SERVICES))
def test_an_action_is_offered_exactly_when_its_service_succeeds(lists, users, action):
    call, needs_item = SERVICES[action]
    walked = 0
    for variant, disposal_list in lists.items():
        item = first_item(disposal_list, **needs_item) if needs_item else None
        if needs_item and item is None:
            continue  # e.g. nothing pending to exclude: the item's own condition, not the list's
        for role, user in users.items():
            if action == "finish" and user is not None:
                assert not DISPOSAL_LIST.allows(action, user, disposal_list), (variant, role)
                continue
            fresh = DisposalList.objects.get(pk=disposal_list.pk)
            offered = action in {a.name for a in DISPOSAL_LIST.available_actions(user, fresh)}
            succeeded, refusal = outcome(lambda: call(fresh, user, item))  # noqa: B023  (called at once)
            assert offered == succeeded, (variant, role, action, refusal)
            if not offered and action != "finish":  # finish_list quietly does nothing when it may not
                _error, message = DISPOSAL_LIST.refusal(action, user, fresh)
                assert refusal == str(message) % DISPOSAL_LIST.context(fresh), (variant, role, action)
            walked += 1
    assert walked >= len(VARIANTS) - 1


def test_the_services_take_the_new_state_from_the_table(lists, second_archivist):
    approved = services.approve_list(lists["in_review"], user=second_archivist)
    assert approved.status == DISPOSAL_LIST.target("approve")
    assert approved.history.latest().status == S.APPROVED


def test_the_admin_offers_the_steps_the_table_offers(client, lists, archivist, second_archivist):
    in_review = lists["in_review"]
    approve_url = f"/admin/retention/disposallist/{in_review.pk}/approve/"
    client.force_login(archivist)
    page = client.get(f"/admin/retention/disposallist/{in_review.pk}/change/").content.decode()
    assert approve_url not in page and f"/admin/retention/disposallist/{in_review.pk}/cancel/" in page
    refused = client.get(approve_url, follow=True).content.decode()
    assert "Du kan inte godkänna din egen gallringslista" in refused
    client.force_login(second_archivist)
    page = client.get(f"/admin/retention/disposallist/{in_review.pk}/change/").content.decode()
    assert approve_url in page and "Godkänn" in page
    executed = lists["executed"]
    page = client.get(f"/admin/retention/disposallist/{executed.pk}/change/").content.decode()
    for step in DISPOSAL_LIST.actions:
        assert f"/admin/retention/disposallist/{executed.pk}/{step}/" not in page
