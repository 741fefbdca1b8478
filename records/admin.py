"""The back office of the records app (Django admin, Swedish): each feature registers its own pages."""

from records.installations.admin import installer_cases, teams  # noqa: F401  (registration happens on import)
from records.messaging import admin as messaging_admin  # noqa: F401
from records.register.admin import cases, nodes, series  # noqa: F401
from records.work_orders import admin as work_orders_admin  # noqa: F401
