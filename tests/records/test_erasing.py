"""Erasing a case (records.erasing.erase_case): the case, what cascades from it, messages and all history."""

import pytest
from django.core.files.storage import default_storage

from records import erasing
from records.models import Case, Document, DocumentFile, Message, Party
from records.register import services as records_services
from records.register.signals import case_deleted
from tests.records.factories import CaseFactory, text_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(seed_plan):
    case = CaseFactory(process=seed_plan["2.9.1"], title="Felanmälan från Karin")
    records_services.add_party(case, records_services.PartyData("Karin Hyresgäst", "19121212-1212", "anmälare"), None)
    records_services.add_document(
        case, user=None, direction="incoming", title="Anmälan", files=[text_file("anmalan.txt", "Karin, Storgatan 1")]
    )
    return Case.objects.get(pk=case.pk)


def message_about(case):
    return Message.objects.create(channel="email", kind="test", recipient="karin@example.org", body="Hej", case=case)


def test_it_removes_the_case_its_content_messages_and_history_and_hands_back_the_files(
    case, django_capture_on_commit_callbacks
):
    case_id, reference = case.pk, case.reference
    stored = DocumentFile.objects.get(case=case).file.name
    message_about(case)
    deleted = []
    case_deleted.connect(lambda sender, reference, **kw: deleted.append(reference), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            erased = erasing.erase_case(case)
    finally:
        case_deleted.disconnect(dispatch_uid="t")
    assert (erased.case_id, erased.reference, erased.documents, erased.files) == (case_id, reference, 1, [stored])
    assert not Case.objects.filter(pk=case_id).exists() and not Message.objects.exists()
    for model in (Document, DocumentFile, Party):
        assert not model.objects.filter(case_id=case_id).exists()
        assert not model.history.filter(case_id=case_id).exists()
    assert not Case.history.filter(id=case_id).exists()
    assert deleted == [reference]  # search is told once, on commit
    # The file stays until the caller deletes it after commit, so a rollback loses nothing.
    assert default_storage.exists(stored)
    assert erasing.delete_stored_files(erased.files) == [] and not default_storage.exists(stored)


def test_the_history_of_rows_removed_before_the_case_goes_too(case):
    """A party removed earlier lives on only in history, with its personal identity number."""
    case_id = case.pk
    party_id = case.parties.get().pk
    records_services.remove_party(Party.objects.get(pk=party_id), None)
    assert Party.history.filter(id=party_id, identity_number="19121212-1212").exists()
    erasing.erase_case(Case.objects.get(pk=case_id))
    assert not Party.history.filter(id=party_id).exists()


def test_a_failed_erasure_changes_nothing(case, monkeypatch):
    case_id = case.pk
    message_about(case)

    def broken(deleted):
        raise RuntimeError("disk full")

    monkeypatch.setattr(erasing, "_erase_history", broken)
    with pytest.raises(RuntimeError):
        erasing.erase_case(case)
    assert Case.objects.filter(pk=case_id).exists() and Message.objects.filter(case_id=case_id).exists()
    assert Party.objects.filter(case_id=case_id).exists() and Case.history.filter(id=case_id).exists()
