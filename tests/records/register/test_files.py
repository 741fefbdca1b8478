"""Files of documents: checked by content, hashed, text extracted (once committed), stored through the storage
API, never twice."""

import os

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from common.errors import DomainError
from records.models import Document, DocumentFile
from records.register import services
from tests.records.factories import CaseFactory, docx_bytes, pdf_bytes, png_bytes, text_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def registrar(make_user):
    return make_user(groups=["Registrator"])


@pytest.fixture
def case(seed_plan, registrar):
    return CaseFactory(process=seed_plan["2.9.1"], user=registrar)


def stored_files(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) if media.exists() else []


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def add(case, user, *files, title="Skrivelse"):
    return services.add_document(case, user=user, direction="incoming", title=title, files=list(files))


def test_it_keeps_size_type_hash_and_text_of_a_pdf(case, registrar, media, on_commit):
    content = pdf_bytes("Protokoll från styrelsemöte")
    with on_commit():
        document = add(case, registrar, upload("protokoll.pdf", content))
    stored = document.files.get()
    import hashlib

    assert (stored.size, stored.content_type) == (len(content), "application/pdf")
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert "Protokoll från styrelsemöte" in stored.extracted_text
    assert stored.original_name == "protokoll.pdf"
    assert default_storage.exists(stored.file.name) and stored_files(media) == [stored.file.name]


def test_it_extracts_the_text_of_docx_and_plain_text(case, registrar, on_commit):
    with on_commit():
        document = add(
            case,
            registrar,
            upload("utlatande.docx", docx_bytes("Tjänsteutlåtande om lokaler")),
            text_file("anteckning.txt", "Åtgärdat i mars."),
        )
    texts = {f.original_name: (f.content_type, f.extracted_text) for f in document.files.all()}
    assert texts["utlatande.docx"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Tjänsteutlåtande om lokaler",
    )
    assert texts["anteckning.txt"] == ("text/plain", "Åtgärdat i mars.")


def test_it_reads_legacy_windows_text(case, registrar, on_commit):
    with on_commit():
        document = add(case, registrar, upload("gammal.txt", "Överenskommelse på åtta sidor".encode("cp1252")))
    assert document.files.get().extracted_text == "Överenskommelse på åtta sidor"


def test_it_accepts_images_without_text(case, registrar):
    stored = add(case, registrar, upload("foto.png", png_bytes())).files.get()
    assert (stored.content_type, stored.extracted_text) == ("image/png", "")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tom.pdf", b"", "Filen ”tom.pdf” är tom."),
        (
            "bild.pdf",
            png_bytes(),
            "Filen ”bild.pdf”: innehållet stämmer inte med filändelsen .pdf (innehållet är PNG-bild).",
        ),
        (
            "brev.txt",
            pdf_bytes(),
            "Filen ”brev.txt”: innehållet stämmer inte med filändelsen .txt (innehållet är PDF).",
        ),
        (
            "rapport.docx",
            b"PK\x03\x04" + b"\x00" * 200,
            "Filen ”rapport.docx”: innehållet stämmer inte med filändelsen .docx",
        ),
        ("program.exe", b"MZ\x90\x00" + b"\x00" * 100, "Filen ”program.exe”: filtypen tas inte emot"),
        ("utan-filandelse", b"hej", "Filen ”utan-filandelse”: filtypen tas inte emot"),
    ],
)
def test_it_rejects_bad_files_with_a_message_naming_them_and_writes_nothing(
    case, registrar, media, name, content, message
):
    with pytest.raises(DomainError) as caught:
        add(case, registrar, upload(name, content))
    assert message in caught.value.field_messages()["file"][0]
    assert Document.objects.count() == 0 and DocumentFile.objects.count() == 0
    assert stored_files(media) == []


def test_it_rejects_a_file_over_the_configured_size(case, registrar, media, settings):
    settings.ORDNA_MAX_UPLOAD_MB = 1
    big = b"a" * (1024 * 1024 + 1)
    with pytest.raises(DomainError, match="Filen ”stor.txt” är för stor .* största tillåtna storlek är 1 MB"):
        add(case, registrar, upload("stor.txt", big))
    assert DocumentFile.objects.count() == 0 and stored_files(media) == []


def test_it_rejects_the_same_file_twice_in_a_case(case, registrar, media):
    first = add(case, registrar, text_file("brev.txt", "Samma innehåll"))
    with pytest.raises(DomainError, match="Filen ”kopia.txt” finns redan i ärendet"):
        services.attach_file(first, text_file("kopia.txt", "Samma innehåll"), registrar)
    with pytest.raises(DomainError, match="finns redan"):
        add(case, registrar, text_file("kopia.txt", "Samma innehåll"), title="Ny handling")
    assert DocumentFile.objects.count() == 1 and Document.objects.count() == 1
    assert len(stored_files(media)) == 1


def test_it_accepts_the_same_file_in_another_case(case, registrar, seed_plan):
    other = CaseFactory(process=seed_plan["2.9.1"], user=registrar)
    add(case, registrar, text_file("brev.txt", "Samma innehåll"))
    add(other, registrar, text_file("brev.txt", "Samma innehåll"))
    assert DocumentFile.objects.count() == 2


def test_it_removes_the_stored_file_when_the_transaction_rolls_back(case, registrar, media):
    with pytest.raises(RuntimeError), transaction.atomic():
        add(case, registrar, text_file("brev.txt", "Skrivs och tas bort"))
        assert len(stored_files(media)) == 1
        raise RuntimeError("a later step failed")
    assert stored_files(media) == [] and DocumentFile.objects.count() == 0


def test_it_keeps_the_stored_file_when_the_transaction_commits(
    case, registrar, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = add(case, registrar, text_file("brev.txt", "Sparas"))
    import gc

    gc.collect()
    assert stored_files(media) == [document.files.get().file.name]


def test_it_refuses_files_on_a_closed_case(case, registrar, media):
    document = add(case, registrar)
    services.close_case(case, registrar)
    with pytest.raises(DomainError, match="avslutat; återöppna"):
        services.attach_file(document, text_file(), registrar)
    assert stored_files(media) == []


def test_it_serves_a_file_only_through_the_permission_checked_view(client, case, registrar, make_user):
    content = pdf_bytes()
    stored = add(case, registrar, upload("protokoll.pdf", content)).files.get()
    url = reverse("records:file-download", args=[stored.pk])
    assert client.get(url).status_code == 302
    client.force_login(make_user(groups=["Redaktör"]))
    assert client.get(url).status_code == 403
    client.force_login(make_user(groups=["Läsare"]))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="protokoll.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == content
    assert os.path.basename(stored.file.name) != "protokoll.pdf"  # stored names carry no personal data
