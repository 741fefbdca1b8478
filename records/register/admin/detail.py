"""The base of the back-office pages of record types with their own life cycle (work orders, installer
cases, teams, decisions): read-only pages whose every change is an action of the life-cycle table."""

from django.contrib import admin


class LifeCycleAdmin(admin.ModelAdmin):
    """Nothing is edited or deleted here: the actions (records.register.admin.actions) call the services.

    Subclasses say who sees what in `visible(request, queryset)` and who may look at all in
    `may_view(request)`; an object outside what a person sees does not exist for them.
    """

    change_form_template = "admin/records/detail_change_form.html"
    change_list_template = "admin/records/detail_change_list.html"

    def visible(self, request, queryset):
        raise NotImplementedError

    def may_view(self, request) -> bool:
        raise NotImplementedError

    def get_queryset(self, request):
        return self.visible(request, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        allowed = self.may_view(request)
        if obj is None or not allowed:
            return allowed
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
