"""factory_boy factories for the register (cases go through the services, so numbers and history are real)."""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from records.models import Case, CaseStatus, Direction, Document
from records.register import services
from tests.factories import ProcessFactory, UserFactory


def text_file(name="brev.txt", text="Hej! Det här är en handling.\n"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def pdf_bytes(text="Protokoll från styrelsemöte") -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def docx_bytes(text="Tjänsteutlåtande om lokalförsörjning") -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bomb_docx_bytes(unpacked_mb: int = 103, text: str = "A") -> bytes:
    """A real .docx whose document.xml is `unpacked_mb` MB of one repeated letter: a few hundred KB packed."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                bomb.writestr(item, source.read(item))
        head = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>"
        )
        tail = b"</w:t></w:r></w:p></w:body></w:document>"
        chunk = text.encode() * (1024 * 1024 // len(text.encode()))
        with bomb.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head)
            for _ in range(unpacked_mb):
                member.write(chunk)
            member.write(tail)
    return buffer.getvalue()


def png_bytes() -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )


class CaseFactory(factory.django.DjangoModelFactory):
    """CaseFactory(confidential=True, closed=True) — registered through register_case."""

    class Meta:
        model = Case

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Ärende om lokal nummer {n}")
    description = "Beskrivning av ärendet."
    responsible = None
    user = None  # the system; pass a registrar to stamp history with a person
    opened_on = None
    confidentiality = None
    closed = False
    cancelled = False

    class Params:
        confidential = factory.Trait(
            confidentiality=factory.LazyFunction(
                lambda: services.Confidentiality(
                    legal_ground="OSL 26 kap. 1 §", public_title="Ärende om stöd till enskild"
                )
            )
        )

    @classmethod
    def _create(cls, model_class, *, closed=False, cancelled=False, user=None, **kwargs):
        case = services.register_case(user=user, **kwargs)
        if closed:
            case = services.close_case(case, user)
        if cancelled:
            case = services.cancel_case(case, user, reason="Felregistrerat")
        return case


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    case = factory.SubFactory(CaseFactory)
    direction = Direction.INCOMING
    title = factory.Sequence(lambda n: f"Skrivelse {n}")
    counterpart = "Fiktiva Fastigheter AB"
    user = None

    @classmethod
    def _create(cls, model_class, *, case, user=None, **kwargs):
        return services.add_document(case, user=user, **kwargs)


__all__ = [
    "CaseFactory",
    "CaseStatus",
    "DocumentFactory",
    "UserFactory",
    "docx_bytes",
    "pdf_bytes",
    "png_bytes",
    "text_file",
]
