"""The back office's admin site: every registered admin, ours and the libraries', filters only as it offers."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

from common.admin import OfferedFiltersOnly


class OrdnaAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, OfferedFiltersOnly):
            admin_class = type(
                admin_class.__name__, (OfferedFiltersOnly, admin_class), {"__module__": admin_class.__module__}
            )
        return super().register(model_or_iterable, admin_class, **options)


class OrdnaAdminConfig(AdminConfig):
    default_site = "config.admin_site.OrdnaAdminSite"
