"""Plain text out of PDF, DOCX and text files, for search; unreadable content yields no text."""

import io
import logging

import docx
from pypdf import PdfReader

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2_000_000
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_TYPES = {"text/plain", "text/csv"}


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def extract_text(fileobj, content_type: str) -> str:
    """The text of a file already checked by records.register.uploads; '' for types without text."""
    fileobj.seek(0)
    try:
        if content_type == PDF:
            text = _pdf_text(fileobj)
        elif content_type == DOCX:
            text = _docx_text(fileobj)
        elif content_type in TEXT_TYPES:
            text = decode_text(fileobj.read(MAX_TEXT_CHARS * 4))
        else:
            text = ""
    except Exception:  # a damaged file must not stop registration; it is simply not searchable
        logger.warning("Could not extract text from a %s file", content_type, exc_info=True)
        text = ""
    finally:
        fileobj.seek(0)
    # PostgreSQL text cannot hold NUL characters.
    return text.replace("\x00", "")[:MAX_TEXT_CHARS].strip()


def _pdf_text(fileobj) -> str:
    reader = PdfReader(io.BytesIO(fileobj.read()))
    if reader.is_encrypted:
        reader.decrypt("")
    parts = []
    for page in reader.pages:
        parts.append(page.extract_text() or "")
        if sum(len(p) for p in parts) > MAX_TEXT_CHARS:
            break
    return "\n".join(parts)


def _docx_text(fileobj) -> str:
    document = docx.Document(io.BytesIO(fileobj.read()))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)
