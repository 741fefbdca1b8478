"""The registrar's back office (Django admin, Swedish): cases, number series and the tree's case counts."""

from . import cases, nodes, series  # noqa: F401  (registration happens on import)
