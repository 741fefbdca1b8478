"""The outbox: work that must follow a commit is written in the same transaction, handed over after commit,
and handed over again later when the broker was down, frozen or lost it; never twice pending for one case."""

import datetime
import io
import time

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from outbox import publishing, tasks
from outbox.models import OutboxEntry
from records.register import services
from retention.models import CaseRetention
from search import indexing
from search.models import Entry

pytestmark = pytest.mark.django_db


def register(title="Fuktskada i källarförråd", **kwargs):
    return services.register_case(process="2.9.1", title=title, user=None, **kwargs)


def pending():
    return OutboxEntry.objects.filter(dispatched_at__isnull=True, completed_at__isnull=True)


def test_it_writes_the_follow_up_work_in_the_callers_transaction(seed_plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        case = register()
    assert sorted(pending().values_list("task_name", "args")) == [
        ("retention.recompute_case", [case.pk]),
        ("search.index_case", [case.pk]),
    ]


def test_a_rolled_back_change_leaves_no_work_behind(seed_plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        register()
        transaction.set_rollback(True)
    assert not OutboxEntry.objects.exists() and not callbacks


def test_one_case_has_one_pending_index_entry_however_often_it_changed(seed_plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        case = register(parties=[services.PartyData("Karin Hyresgäst", "", "anmälare")])
        services.update_case(case, user=None, title="Fuktskada i tvättstuga")
        services.close_case(case, None)
    assert pending().filter(task_name="search.index_case").count() == 1
    assert pending().filter(task_name="retention.recompute_case").count() == 1


def test_long_arguments_that_differ_only_at_the_end_are_not_taken_for_the_same_work(seed_plan):
    from outbox.services import enqueue
    from search import tasks as search_tasks

    codes = [f"9.{n}" for n in range(100)]
    with transaction.atomic():
        enqueue(search_tasks.index_nodes, [*codes, "9.998"], dedupe=True)
        enqueue(search_tasks.index_nodes, [*codes, "9.999"], dedupe=True)
        enqueue(search_tasks.index_nodes, [*codes, "9.999"], dedupe=True)
    assert sorted(entry.args[0][-1] for entry in pending()) == ["9.998", "9.999"]


def test_without_a_broker_the_work_runs_in_process_on_commit_and_is_marked_done(
    seed_plan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = register()
    assert Entry.objects.filter(case_id=case.pk).exists() and CaseRetention.objects.filter(case=case).exists()
    assert not pending().exists()
    assert all(entry.completed_at and entry.attempts == 1 for entry in OutboxEntry.objects.all())


def test_work_that_fails_in_process_stays_pending_and_the_periodic_job_runs_it_later(
    seed_plan, django_capture_on_commit_callbacks, monkeypatch
):
    real = indexing.index_case

    def broken(case_id):
        raise RuntimeError("indexet är låst")

    monkeypatch.setattr(indexing, "index_case", broken)
    with django_capture_on_commit_callbacks(execute=True):
        case = register()  # the registrar's change stands
    entry = OutboxEntry.objects.get(task_name="search.index_case")
    assert entry.dispatched_at is None and entry.attempts == 1
    assert entry.last_error == "RuntimeError: indexet är låst" and entry.next_attempt_at > timezone.now()

    monkeypatch.setattr(indexing, "index_case", real)
    assert tasks.redispatch_outbox() == 0  # it waits for its next attempt
    with time_machine.travel(entry.next_attempt_at + datetime.timedelta(seconds=1)):
        assert tasks.redispatch_outbox() == 1
    entry.refresh_from_db()
    assert entry.completed_at is not None and entry.last_error == ""
    assert Entry.objects.filter(case_id=case.pk).exists()


def test_a_broker_that_is_down_leaves_the_work_pending_until_the_periodic_job_hands_it_over(
    seed_plan, broker, django_capture_on_commit_callbacks
):
    broker.mode = "down"
    with django_capture_on_commit_callbacks(execute=True):
        case = register()
    assert pending().count() == 2 and broker.messages == []
    assert "Connection refused" in " ".join(pending().values_list("last_error", flat=True))

    broker.mode = "up"
    assert tasks.redispatch_outbox() == 2
    assert sorted(broker.task_names()) == ["retention.recompute_case", "search.index_case"]
    assert not pending().exists()
    broker.deliver()
    assert Entry.objects.filter(case_id=case.pk).exists() and CaseRetention.objects.filter(case=case).exists()
    assert OutboxEntry.objects.filter(completed_at__isnull=True).count() == 0  # the worker reported back


def test_a_frozen_broker_cannot_hold_the_commit_and_later_commits_do_not_wait_for_it(
    seed_plan, broker, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(publishing, "PUBLISH_DEADLINE_SECONDS", 0.5)
    broker.mode = "frozen"
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        register()
    assert time.monotonic() - started < 10  # the frozen publish alone would take 30 s
    assert pending().count() == 2 and "svarade inte" in " ".join(pending().values_list("last_error", flat=True))
    calls = broker.calls

    with django_capture_on_commit_callbacks(execute=True):
        register(title="Läckande kran")
    assert broker.calls == calls  # the broker is known to be down: not asked, nobody waits for it
    assert pending().count() == 4

    broker.release.set()
    broker.mode = "up"
    assert tasks.redispatch_outbox() == 4 and not pending().exists()


def test_the_periodic_job_stops_at_the_first_refusal(seed_plan, broker, django_capture_on_commit_callbacks):
    broker.mode = "down"
    with django_capture_on_commit_callbacks(execute=True):
        register()
        register(title="Läckande kran")
    calls = broker.calls
    assert tasks.redispatch_outbox() == 0
    assert broker.calls == calls + 1 and pending().count() == 4


def test_a_task_a_worker_never_finished_is_handed_over_again_later(
    seed_plan, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register()
    assert len(broker.messages) == 2
    broker.messages.clear()  # lost in the broker (e.g. it restarted without persistence)
    assert tasks.redispatch_outbox() == 0
    with time_machine.travel(timezone.now() + publishing.REDELIVER_AFTER + datetime.timedelta(minutes=1)):
        assert tasks.redispatch_outbox() == 2
    assert broker.deliver() == 2
    assert not OutboxEntry.objects.filter(completed_at__isnull=True).exists()


def test_a_change_made_while_its_work_is_handed_over_is_handed_over_again(
    seed_plan, broker, django_capture_on_commit_callbacks, monkeypatch
):
    from outbox import services as outbox

    with django_capture_on_commit_callbacks(execute=False):
        case = register()
    entry = OutboxEntry.objects.get(task_name="search.index_case")
    real = publishing.publish

    def publish_while_the_case_changes(*args, **kwargs):
        real(*args, **kwargs)
        # A registrar changes the case after the task left but before the handover is noted: the task
        # may have read the old title, so the entry must stay pending.
        with django_capture_on_commit_callbacks(execute=False):
            services.update_case(case, user=None, title="Fuktskada i tvättstuga")

    monkeypatch.setattr(publishing, "publish", publish_while_the_case_changes)
    outbox.dispatch(entry.pk)
    entry.refresh_from_db()
    assert entry.dispatched_at is None
    monkeypatch.setattr(publishing, "publish", real)
    assert tasks.redispatch_outbox() == 2  # the index entry again, and the case's retention
    assert broker.task_names().count("search.index_case") == 2


def test_the_drain_command_hands_over_everything_pending_at_once(seed_plan, broker, django_capture_on_commit_callbacks):
    broker.mode = "down"
    with django_capture_on_commit_callbacks(execute=True):
        register()
    out = io.StringIO()
    with pytest.raises(CommandError, match="svarar inte"):
        call_command("drain_outbox", stdout=out)
    broker.mode = "up"
    call_command("drain_outbox", stdout=out)
    assert "2 uppgifter lämnades över" in out.getvalue() and not pending().exists()


def test_the_drain_command_can_run_the_work_right_here(seed_plan, broker, django_capture_on_commit_callbacks):
    broker.mode = "down"
    with django_capture_on_commit_callbacks(execute=True):
        case = register()
    out = io.StringIO()
    call_command("drain_outbox", "--in-process", stdout=out)
    assert "2 uppgifter kördes" in out.getvalue()
    assert Entry.objects.filter(case_id=case.pk).exists() and not pending().exists()


def test_finished_work_is_deleted_after_a_week(seed_plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register()
    with django_capture_on_commit_callbacks(execute=False):
        register(title="Läckande kran")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert tasks.purge_outbox() == 2
    assert OutboxEntry.objects.count() == 2 and pending().count() == 2


def test_the_periodic_jobs_are_scheduled(settings):
    schedule = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["outbox.redispatch"] == datetime.timedelta(minutes=1)
    assert "outbox.purge" in schedule
