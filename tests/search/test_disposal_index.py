"""A disposed case is never found again, even when the process dies right after the disposal committed."""

import datetime

import pytest
from django.core.management import call_command

from outbox.models import OutboxEntry
from records.models import Case
from records.register import services as records_services
from retention import services as retention_services
from retention.services import execution
from search.models import Entry
from search.query import search
from tests.retention.factories import RuleFactory, open_case
from tests.search.factories import document_with_text, es_hit, reindex, search_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def disposable(seed_plan, on_commit):
    """A case under 2.9.1 closed in 2020 (due since 2022), with a document, on an approved list."""
    RuleFactory(node=seed_plan["2.9"], years=2)
    with on_commit():
        case = open_case("2.9.1", opened_on=datetime.date(2020, 2, 1), title="Fuktskada i källarförråd")
        document_with_text(case, title="Bilder", text="Fuktfläckar på väggen.")
        return records_services.close_case(case, None, closed_on=datetime.date(2020, 3, 1))


def approve(archivist, second_archivist):
    disposal_list = retention_services.draw_disposal_list(
        name="Gallring 2026:1", as_of=datetime.date.today(), user=archivist
    )
    retention_services.submit_for_review(disposal_list, user=archivist)
    return retention_services.approve_list(disposal_list, user=second_archivist)


def dispose_and_crash(disposal_list, archivist, django_capture_on_commit_callbacks):
    """Execute the list, then die: nothing queued for after the commit ever runs."""
    with django_capture_on_commit_callbacks(execute=False):
        retention_services.execute_list(disposal_list, user=archivist, confirmation=disposal_list.name)
    with django_capture_on_commit_callbacks(execute=False):
        execution.run_disposal(disposal_list.pk)


def test_disposal_removes_the_entries_in_its_own_transaction(
    database_backend, disposable, registrar, archivist, second_archivist, django_capture_on_commit_callbacks
):
    reindex()
    assert search("fuktskada OR fuktfläckar", registrar).total == 2
    disposal_list = approve(archivist, second_archivist)
    dispose_and_crash(disposal_list, archivist, django_capture_on_commit_callbacks)
    assert not Case.objects.filter(pk=disposable.pk).exists()
    assert not Entry.objects.filter(case_id=disposable.pk).exists()
    assert search("fuktskada OR fuktfläckar", registrar).total == 0


def test_a_failed_disposal_keeps_the_entries(
    database_backend, disposable, registrar, archivist, second_archivist, monkeypatch, on_commit
):
    reindex()
    disposal_list = approve(archivist, second_archivist)

    def failing(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(execution.DisposalRecord, "save", failing)  # fails after the case rows are deleted
    # The run fails in its own transaction; the outbox records the failure to try again, it is not raised.
    with on_commit():
        retention_services.execute_list(disposal_list, user=archivist, confirmation=disposal_list.name)
    assert "disk full" in OutboxEntry.objects.get(task_name="retention.run_disposal").last_error
    assert Case.objects.filter(pk=disposable.pk).exists()
    assert Entry.objects.filter(case_id=disposable.pk).count() == 2


def test_elastic_never_returns_a_hit_of_a_disposed_case(
    fake_es, disposable, registrar, archivist, second_archivist, django_capture_on_commit_callbacks
):
    disposal_list = approve(archivist, second_archivist)
    dispose_and_crash(disposal_list, archivist, django_capture_on_commit_callbacks)
    # The server still has the case (its removal never ran): the query leaves it out, and a hit is dropped.
    fake_es.on(
        "POST",
        "_search",
        search_response(
            [es_hit(f"case-{disposable.pk}-all", object_id=disposable.pk, case_id=disposable.pk, title="Fuktskada")],
            facets={"type": {"case": 1}},
        ),
    )
    results = search("fuktskada", registrar)
    assert results.total == 0 and results.hits == []
    body = fake_es.bodies("_search")[-1]
    assert {"terms": {"case_id": [disposable.pk]}} in body["query"]["bool"]["must_not"]


def test_repair_removes_a_disposed_case_left_in_elastic(
    fake_es, disposable, registrar, archivist, second_archivist, django_capture_on_commit_callbacks, capsys
):
    disposal_list = approve(archivist, second_archivist)
    dispose_and_crash(disposal_list, archivist, django_capture_on_commit_callbacks)
    fake_es.on(
        "POST",
        "_search",
        search_response(
            [], aggregations={"case_ids": {"buckets": [{"key": {"case_id": disposable.pk}, "doc_count": 2}]}}
        ),
    )
    call_command("search_index", "--repair")
    removed = [body for body in fake_es.bodies("_delete_by_query") if str(disposable.pk) in str(body)]
    assert removed, "the disposed case's documents are deleted from Elasticsearch"
    assert "Finns inte längre i databasen: 1" in capsys.readouterr().out
    search("fuktskada", registrar)
    must_not = fake_es.bodies("_search")[-1]["query"]["bool"].get("must_not", [])
    assert not [clause for clause in must_not if "case_id" in str(clause)]  # confirmed gone: no longer left out
