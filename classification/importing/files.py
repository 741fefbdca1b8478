"""Chooses the reader for a plan file by its content and name."""

from pathlib import Path

from django.utils.translation import gettext as _

from .errors import PlanImportError
from .rows import PlanRow
from .tabular import decode_text, read_csv, read_xlsx
from .text_layout import parse_text_layout

XLSX_MAGIC = b"PK\x03\x04"


def read_plan_file(path: str | Path) -> list[PlanRow]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PlanImportError(_("Filen %(path)s finns inte.") % {"path": path}) from None
    except IsADirectoryError:
        raise PlanImportError(_("%(path)s är en katalog, inte en fil.") % {"path": path}) from None
    except OSError as exc:
        raise PlanImportError(
            _("Filen %(path)s kan inte läsas: %(error)s") % {"path": path, "error": exc.strerror}
        ) from None
    return read_plan_bytes(data, path.name)


def read_plan_bytes(data: bytes, name: str) -> list[PlanRow]:
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise PlanImportError(_("Filen är tom."))
    if suffix == ".xlsx" or data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    if suffix == ".csv":
        return read_csv(data)
    if suffix in (".txt", ""):
        return parse_text_layout(decode_text(data))
    raise PlanImportError(
        _("Filtypen %(suffix)s stöds inte. Använd textlayouten (.txt), CSV (.csv) eller Excel (.xlsx).")
        % {"suffix": suffix}
    )
