"""Reading classification plans from the documents organisations keep them in, and applying them."""

from .errors import PlanImportError, RowError
from .rows import PlanRow

__all__ = ["PlanImportError", "PlanRow", "RowError"]
