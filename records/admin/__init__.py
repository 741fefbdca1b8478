"""The registrar's back office (Django admin, Swedish): cases, number series and the tree's case counts;
work orders (also the contractors' portal), installer cases, teams, decisions and outgoing messages."""

from . import cases, installations, messages, nodes, series, teams, work_orders  # noqa: F401  (registration happens on import)
