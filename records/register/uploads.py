"""Checking an uploaded file before it is stored: size, type from the content, how far it unpacks, SHA-256.

Its text is not read here: records.register.tasks extracts it after the upload has committed."""

import hashlib
import os
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.errors import DomainError
from records.register.archives import MAX_UNPACKED_BYTES, MAX_UNPACKED_MB, read_member, unpacked_size
from records.register.extraction import DOCX, PDF

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ZIP_CONTAINERS = {DOCX, XLSX, ODT, ODS}

# Accepted extensions and the content types their content may have.
ALLOWED = {
    "pdf": {PDF},
    "docx": {DOCX},
    "xlsx": {XLSX},
    "odt": {ODT},
    "ods": {ODS},
    "txt": {"text/plain"},
    "csv": {"text/plain"},
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "tif": {"image/tiff"},
    "tiff": {"image/tiff"},
}
# Names for messages.
DESCRIPTIONS = {
    PDF: "PDF",
    DOCX: "Word (DOCX)",
    XLSX: "Excel (XLSX)",
    ODT: "OpenDocument-text (ODT)",
    ODS: "OpenDocument-kalkyl (ODS)",
    "text/plain": gettext_lazy("text"),
    "image/png": gettext_lazy("PNG-bild"),
    "image/jpeg": gettext_lazy("JPEG-bild"),
    "image/tiff": gettext_lazy("TIFF-bild"),
}
HEAD_BYTES = 8192
ALLOWED_CONTROL = set(b"\t\n\r\f\x0b\x1b")


@dataclass(frozen=True)
class InspectedUpload:
    name: str
    extension: str
    size: int
    content_type: str
    sha256: str


def max_upload_bytes() -> int:
    return settings.ORDNA_MAX_UPLOAD_MB * 1024 * 1024


def inspect_upload(upload, name: str | None = None) -> InspectedUpload:
    """Check `upload` (a Django File) and describe it; DomainError names the file on bad input.

    The result is kept on the upload, so a form that checked a file already does not make the
    service read it a second time.
    """
    name = os.path.basename(name or upload.name or "").strip()
    cached = getattr(upload, "_records_inspection", None)
    if cached is not None and cached.name == name:
        return cached
    if not name:
        raise DomainError({"file": _("Filen saknar namn.")})
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise DomainError(
            {
                "file": _("Filen ”%(name)s”: filtypen tas inte emot. Tillåtna filändelser: %(allowed)s.")
                % {"name": name, "allowed": ", ".join(sorted(ALLOWED))}
            }
        )
    size = upload.size
    if size is None or size == 0:
        raise DomainError({"file": _("Filen ”%(name)s” är tom.") % {"name": name}})
    if size > max_upload_bytes():
        raise DomainError(
            {
                "file": _("Filen ”%(name)s” är för stor (%(size)s); största tillåtna storlek är %(max)s MB.")
                % {"name": name, "size": filesizeformat(size), "max": settings.ORDNA_MAX_UPLOAD_MB}
            }
        )
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    content_type = detect_content_type(upload, head)
    if content_type not in ALLOWED[extension]:
        found = DESCRIPTIONS.get(content_type, content_type) if content_type else _("okänt format")
        raise DomainError(
            {
                "file": _(
                    "Filen ”%(name)s”: innehållet stämmer inte med filändelsen .%(ext)s (innehållet är %(found)s)."
                )
                % {"name": name, "ext": extension, "found": found}
            }
        )
    if content_type in ZIP_CONTAINERS:
        _check_unpacked_size(upload, name)
    if extension == "csv":
        content_type = "text/csv"
    upload._records_inspection = InspectedUpload(name, extension, size, content_type, digest.hexdigest())
    return upload._records_inspection


def _check_unpacked_size(upload, name: str) -> None:
    """A document that unpacks to 100 MB of XML is no document: reading it would take the server's memory."""
    if (unpacked_size(upload) or 0) > MAX_UNPACKED_BYTES:
        raise DomainError(
            {
                "file": _("Filen ”%(name)s” packas upp till mer än %(limit)s MB och tas inte emot.")
                % {"name": name, "limit": MAX_UNPACKED_MB}
            }
        )


def detect_content_type(fileobj, head: bytes) -> str | None:
    """The content type the bytes say, whatever the name says; None when unknown."""
    kind = filetype.guess(head)
    if head.startswith(b"PK\x03\x04") or (kind and kind.mime in {"application/zip", DOCX, XLSX, ODT, ODS}):
        return _office_type(fileobj)
    if kind is not None:
        return kind.mime
    if _looks_like_text(head):
        return "text/plain"
    return None


def _office_type(fileobj) -> str | None:
    """Tell DOCX, XLSX, ODT and ODS apart by what the zip holds (a renamed zip is none of them)."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = read_member(archive, "mimetype", 200).decode("ascii", "replace").strip()
                if declared in {ODT, ODS}:
                    return declared
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
            return "application/zip"
    except zipfile.BadZipFile:
        return None
    finally:
        fileobj.seek(0)


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 or legacy Windows text: no NUL and no control characters besides whitespace."""
    return not any(byte < 0x20 and byte not in ALLOWED_CONTROL for byte in head)
