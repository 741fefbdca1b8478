"""The text of uploaded files: extracted after the upload has committed, by a task that takes the file's id, and
bounded in bytes, pages and time; a .docx that unpacks to 100 MB is refused at the door, quickly and in little
memory, whoever uploads it."""

import time
import tracemalloc

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from records.models import Document, DocumentFile
from records.register import extraction, services, signals
from records.register.tasks import extract_file_text
from tests.records.factories import CaseFactory, bomb_docx_bytes, docx_bytes, pdf_bytes
from tests.records.work_factories import installer, make_installer_case, make_team

pytestmark = pytest.mark.django_db
BOMB_MESSAGE = "Filen ”bomb.docx” packas upp till mer än 100 MB och tas inte emot."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def registrar(make_user):
    return make_user(groups=["Registrator"], username="registrator")


@pytest.fixture
def case(seed_plan, registrar):
    return CaseFactory(process=seed_plan["2.9.1"], user=registrar)


@pytest.fixture(scope="module")
def bomb():
    return bomb_docx_bytes(unpacked_mb=103)


def stored_files(media):
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def measured(call):
    """(result, seconds, peak traced memory in MB) of call()."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = call()
        return result, time.monotonic() - started, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_the_bomb_is_small_and_unpacks_to_over_100_mb(bomb):
    import io
    import zipfile

    assert len(bomb) < 1024 * 1024
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) > 103 * 2**20


def test_a_docx_that_unpacks_to_100_mb_is_refused_quickly_in_little_memory(case, registrar, media, bomb):
    api = APIClient()
    api.force_authenticate(registrar)
    upload = SimpleUploadedFile("bomb.docx", bomb)
    url = f"/api/v1/records/{case.pk}/documents/"
    response, seconds, peak_mb = measured(
        lambda: api.post(url, {"direction": "incoming", "title": "Bomb", "files": [upload]}, format="multipart")
    )
    assert response.status_code == 400 and response.json() == {"file": [BOMB_MESSAGE]}
    assert seconds < 5 and peak_mb < 50, (seconds, peak_mb)
    assert Document.objects.count() == 0 and stored_files(media) == []


def test_an_installer_uploading_the_bomb_is_refused_the_same_way(seed_plan, media, bomb):
    owner = installer(username="agaren")
    installer_case = make_installer_case(make_team(owner))
    api = APIClient()
    api.force_authenticate(owner)
    before = DocumentFile.objects.count()
    url = f"/api/v1/installer-cases/{installer_case.pk}/attachments/"
    response, seconds, peak_mb = measured(
        lambda: api.post(url, {"file": SimpleUploadedFile("bomb.docx", bomb), "title": "Intyg"}, format="multipart")
    )
    assert response.status_code == 400 and response.json() == {"file": [BOMB_MESSAGE]}
    assert seconds < 5 and peak_mb < 50, (seconds, peak_mb)
    assert DocumentFile.objects.count() == before


def test_the_text_is_extracted_after_commit_and_the_case_reindexed(case, registrar, on_commit):
    changes = []

    def received(sender, case_id, change=None, **kwargs):
        changes.append((case_id, change))

    signals.case_changed.connect(received, dispatch_uid="test_file_text")
    try:
        with on_commit():
            document = services.add_document(
                case,
                user=registrar,
                direction="incoming",
                title="Utlåtande",
                files=[SimpleUploadedFile("utlatande.docx", docx_bytes("Tjänsteutlåtande om lokaler"))],
            )
            assert document.files.get().extracted_text == ""  # not in the request's transaction
    finally:
        signals.case_changed.disconnect(dispatch_uid="test_file_text")
    assert document.files.get().extracted_text == "Tjänsteutlåtande om lokaler"
    assert changes[-1] == (case.pk, signals.CHANGE_FILE)


def stored_file(case, registrar, name, content, content_type) -> DocumentFile:
    """A file stored as an older version of the upload check let it in (no check now)."""
    document = services.add_document(case, user=registrar, direction="incoming", title=name)
    stored = DocumentFile(document=document, case=case, original_name=name, size=len(content))
    stored.content_type, stored.sha256 = content_type, name
    stored.file.save(name, ContentFile(content), save=False)
    stored.save()
    return stored


def test_the_task_skips_the_text_of_a_stored_bomb_in_bounded_time_and_memory(case, registrar, bomb):
    stored = stored_file(case, registrar, "bomb.docx", bomb, extraction.DOCX)
    length, seconds, peak_mb = measured(lambda: extract_file_text(stored.pk))
    stored.refresh_from_db()
    assert length == 0 and stored.extracted_text == ""
    assert seconds < 5 and peak_mb < 50, (seconds, peak_mb)


def test_the_task_is_idempotent_and_ignores_a_file_that_is_gone(case, registrar):
    stored = stored_file(case, registrar, "brev.pdf", pdf_bytes("Brev om hyran"), extraction.PDF)
    assert extract_file_text(stored.pk) == extract_file_text(stored.pk) > 0
    stored.refresh_from_db()
    assert "Brev om hyran" in stored.extracted_text
    assert extract_file_text(999_999) == 0


def test_pdf_text_stops_after_the_page_budget(case, registrar, monkeypatch):
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pages = canvas.Canvas(buffer)
    for number in range(1, 4):
        pages.drawString(72, 720, f"Sida nummer {number}")
        pages.showPage()
    pages.save()
    monkeypatch.setattr(extraction, "PDF_MAX_PAGES", 2)
    stored = stored_file(case, registrar, "tre.pdf", buffer.getvalue(), extraction.PDF)
    extract_file_text(stored.pk)
    stored.refresh_from_db()
    assert "Sida nummer 2" in stored.extracted_text and "Sida nummer 3" not in stored.extracted_text


def test_pdf_text_stops_when_the_time_budget_is_spent(case, registrar, monkeypatch):
    monkeypatch.setattr(extraction, "PDF_SECONDS", 0)
    stored = stored_file(case, registrar, "brev.pdf", pdf_bytes("Brev om hyran"), extraction.PDF)
    extract_file_text(stored.pk)
    stored.refresh_from_db()
    assert stored.extracted_text == ""
