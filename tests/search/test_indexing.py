"""The index follows the data: changes record index tasks in their transaction (the outbox), run after the commit
by id, idempotently."""

import io

import pytest
from django.core.management import call_command

from records.models import Case
from records.register import services
from records.register.signals import send_case_deleted
from search import indexing, tasks
from search.models import Entry
from search.query import Filters, search
from tests.cms.factories import build_guide
from tests.factories import ProcessFactory
from tests.search.factories import (
    CaseFactory,
    document_with_text,
    reindex,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_plan(seed_plan, database_backend):
    reindex()
    return seed_plan


def refs(results):
    return [hit.reference for hit in results.hits]


def test_a_registered_case_and_its_documents_are_indexed_on_commit(
    indexed_plan, registrar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = CaseFactory(process=indexed_plan["2.9.1"], title="Fuktskada i källarförråd")
    assert refs(search("fuktskador", registrar)) == [case.reference]
    with django_capture_on_commit_callbacks(execute=True):
        document = document_with_text(case, title="Besiktningsprotokoll", text="Mögel konstaterades vid inspektionen.")
    assert refs(search("mögel", registrar)) == [document.reference]


def test_nothing_is_indexed_before_the_transaction_commits(indexed_plan, registrar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CaseFactory(process=indexed_plan["2.9.1"], title="Fuktskada i källarförråd")
    assert callbacks and search("fuktskada", registrar).total == 0


def test_a_changed_title_replaces_the_old_words(indexed_plan, registrar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = CaseFactory(process=indexed_plan["2.9.1"], title="Fuktskada i källarförråd")
    with django_capture_on_commit_callbacks(execute=True):
        services.update_case(case, user=registrar, title="Brandlarm i tvättstuga")
    assert search("fuktskada", registrar).total == 0
    assert refs(search("brandlarm", registrar)) == [case.reference]


def test_a_reclassified_case_moves_to_its_new_subtree(indexed_plan, registrar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = CaseFactory(process=indexed_plan["2.9.1"], title="Fuktskada i källarförråd")
        document_with_text(case, title="Bilder", text="Fuktfläckar på väggen.")
    with django_capture_on_commit_callbacks(execute=True):
        services.reclassify_case(case, "2.4.2", "Fel process", registrar)
    assert search("", registrar, filters=Filters(process="2.9", kind="case")).total == 0
    moved = search("", registrar, filters=Filters(process="2.4"))
    assert {h.reference for h in moved.hits if h.type != "process"} == {case.reference, f"{case.reference}-1"}
    assert all(h.process == "2.4.2" for h in moved.hits if h.type != "process")


def test_making_a_case_confidential_hides_its_words_at_once(
    indexed_plan, registrar, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = CaseFactory(process=indexed_plan["2.3.1"], title="Sjukskrivning efter olycka")
    assert refs(search("sjukskrivning", reader)) == [case.reference]
    with django_capture_on_commit_callbacks(execute=True):
        services.update_case(case, user=registrar, legal_ground="OSL 39 kap. 3 §", public_title="Personalärende")
    assert search("sjukskrivning", reader).total == 0
    assert refs(search("personalärende", reader)) == [case.reference]


def test_a_deleted_case_leaves_the_index(indexed_plan, registrar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = CaseFactory(process=indexed_plan["2.9.1"], title="Fuktskada i källarförråd")
        document_with_text(case, title="Bilder", text="Fuktfläckar på väggen.")
    with django_capture_on_commit_callbacks(execute=True):
        Case.objects.filter(pk=case.pk).delete()
        send_case_deleted(case.pk, case.reference)
    assert search("fuktskada OR fuktfläckar", registrar).total == 0
    assert not Entry.objects.filter(case_id=case.pk).exists()


def test_indexing_a_case_twice_or_after_it_is_gone_is_harmless(indexed_plan, registrar):
    case = CaseFactory(process=indexed_plan["2.9.1"], title="Fuktskada i källarförråd")
    assert tasks.index_case(case.pk) == tasks.index_case(case.pk) == 1
    assert Entry.objects.filter(case_id=case.pk).count() == 1
    Case.objects.filter(pk=case.pk).delete()
    assert tasks.index_case(case.pk) == 0 and not Entry.objects.filter(case_id=case.pk).exists()


def test_plan_changes_reach_the_index(indexed_plan, registrar, django_capture_on_commit_callbacks):
    node = indexed_plan["2.9.1"]
    with django_capture_on_commit_callbacks(execute=True):
        node.title = "Förvalta fastigheter, inventarier och laddstolpar"
        node.save()
        new = ProcessFactory(parent=indexed_plan["2.9"], code="2.9.4", title="Hantera solceller")
    assert refs(search("laddstolpar", registrar)) == ["2.9.1"]
    assert refs(search("solceller", registrar)) == ["2.9.4"]
    with django_capture_on_commit_callbacks(execute=True):
        new.delete()
    assert search("solceller", registrar).total == 0


def test_published_guides_are_found_and_unpublished_ones_are_not(
    indexed_plan, registrar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guide = build_guide(title="Så felanmäler du en diskmaskin", processes=[indexed_plan["2.9.1"]])
    results = search("diskmaskiner", registrar)
    assert [(h.type, h.title) for h in results.hits] == [("guide", "Så felanmäler du en diskmaskin")]
    assert results.hits[0].process == "2.9.1" and results.hits[0].url
    with django_capture_on_commit_callbacks(execute=True):
        guide.unpublish()
    assert search("diskmaskiner", registrar).total == 0
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    assert search("diskmaskiner", registrar).total == 1
    with django_capture_on_commit_callbacks(execute=True):
        guide.delete()
    assert search("diskmaskiner", registrar).total == 0


def test_a_failing_index_update_never_breaks_the_users_change_and_is_tried_again(
    indexed_plan, registrar, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from outbox.models import OutboxEntry

    def broken(case_id):
        raise ConnectionError("index down")

    monkeypatch.setattr(indexing, "index_case", broken)
    with django_capture_on_commit_callbacks(execute=True):
        case = CaseFactory(process=indexed_plan["2.9.1"], title="Fuktskada i källarförråd")
    assert Case.objects.filter(pk=case.pk).exists()
    entry = OutboxEntry.objects.get(task_name="search.index_case", args=[case.pk])
    assert entry.completed_at is None and entry.last_error == "ConnectionError: index down"
    assert "it is tried again later" in caplog.text


def test_the_rebuild_command_shows_progress_without_a_terminal(seed_plan, database_backend, registrar):
    CaseFactory(process=seed_plan["2.9.1"], title="Fuktskada i källarförråd")
    out, err = io.StringIO(), io.StringIO()
    call_command("search_index", "--rebuild", "--batch-size", "10", stdout=out, stderr=err)
    assert "byggdes om: 68 poster" in out.getvalue()
    lines = err.getvalue().splitlines()
    assert len(lines) >= 3 and "100.0%" in lines[-1] and "\r" not in err.getvalue()
    assert search("fuktskada", registrar).total == 1
    out = io.StringIO()
    call_command("search_index", stdout=out)
    assert "case: 1" in out.getvalue() and "process: 67" in out.getvalue()


def test_a_rebuild_replaces_everything(seed_plan, database_backend, registrar):
    case = CaseFactory(process=seed_plan["2.9.1"], title="Fuktskada i källarförråd")
    reindex()
    Case.objects.filter(pk=case.pk).update(title="Brandlarm i tvättstuga")
    assert indexing.rebuild() == reindex() == 68
    assert search("fuktskada", registrar).total == 0 and search("brandlarm", registrar).total == 1


def test_a_guide_behind_a_login_restriction_leaves_the_index(
    indexed_plan, registrar, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    with django_capture_on_commit_callbacks(execute=True):
        guide = build_guide(title="Så felanmäler du en diskmaskin", processes=[indexed_plan["2.9.1"]])
    assert search("diskmaskin", registrar).total == 1
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    assert search("diskmaskin", registrar).total == 0
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert search("diskmaskin", registrar).total == 1
