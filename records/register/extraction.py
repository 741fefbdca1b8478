"""Plain text out of PDF, DOCX and text files, for search: bounded in bytes, pages and time. Unreadable content,
and content too large to read safely, yields no text; the file itself is kept either way."""

import io
import logging
import time
import zipfile

import docx
from pypdf import PdfReader

from records.register.archives import MAX_UNPACKED_BYTES

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2_000_000
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_TYPES = {"text/plain", "text/csv"}
WITH_TEXT = {PDF, DOCX, *TEXT_TYPES}
# PDF: pages are read one by one until either budget is spent (a page can be slow: fonts, huge content streams).
PDF_MAX_PAGES = 2000
PDF_SECONDS = 30
# DOCX: python-docx builds the whole document in memory, several times the XML's size.
DOCX_MAX_XML_BYTES = 20 * 1024 * 1024
DOCX_MAX_RATIO = 100  # unpacked : packed, for a document.xml over 1 MB; real documents stay far below


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def extract_text(fileobj, content_type: str) -> str:
    """The text of a stored file (checked by records.register.uploads when it came in); '' for types without text."""
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
    reader = PdfReader(fileobj)
    if reader.is_encrypted:
        reader.decrypt("")
    deadline = time.monotonic() + PDF_SECONDS
    parts, length = [], 0
    for number, page in enumerate(reader.pages):
        if number >= PDF_MAX_PAGES or time.monotonic() >= deadline or length > MAX_TEXT_CHARS:
            logger.info("PDF text stopped after %d pages (page or time budget)", number)
            break
        part = page.extract_text() or ""
        parts.append(part)
        length += len(part)
    return "\n".join(parts)


def _docx_text(fileobj) -> str:
    if not _docx_fits(fileobj):
        return ""
    document = docx.Document(io.BytesIO(fileobj.read()))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _docx_fits(fileobj) -> bool:
    """Whether python-docx may open the file: the package and its main part unpack to a bounded size."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            body = archive.getinfo("word/document.xml")
    finally:
        fileobj.seek(0)
    too_packed = body.file_size > 1024 * 1024 and body.file_size > DOCX_MAX_RATIO * max(body.compress_size, 1)
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES or body.file_size > DOCX_MAX_XML_BYTES or too_packed:
        logger.info("DOCX text skipped: word/document.xml unpacks to %d bytes", body.file_size)
        return False
    return True
