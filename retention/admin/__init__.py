"""The archivist's back office (Django admin, Swedish): schedule, holds, disposal lists and the disposal log."""

from . import case_panel, disposal, holds, items, log, rules  # noqa: F401  (registration happens on import)
