"""Errors of a plan import: each names the line or row and what is wrong."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    where: str  # "rad 12" / "line 12"
    message: str

    def __str__(self):
        return f"{self.where}: {self.message}"


class PlanImportError(Exception):
    """The file cannot be imported; nothing was written."""

    def __init__(self, errors: list[RowError] | str):
        if isinstance(errors, str):
            errors = [RowError(_("filen"), errors)]
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
