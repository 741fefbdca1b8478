"""The classification tree in the back office: drag and drop, search, filters, history, import/export."""

from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from mptt.admin import DraggableMPTTAdmin
from simple_history.admin import SimpleHistoryAdmin

from .filing import where_to_file
from .models import DocumentType, Node
from .resources import NodeResource
from .rules import PlanRuleError
from .services import check_move


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("active", _("Aktiva")), ("ceased", _("Upphörda"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "active":
            return queryset.active(today)
        if self.value() == "ceased":
            return queryset.filter(valid_to__lte=today)
        return queryset


class DocumentTypeInline(admin.TabularInline):
    model = DocumentType
    extra = 1
    fields = ["name", "position"]
    verbose_name = _("handlingstyp")
    verbose_name_plural = _("handlingstyper (exempel på handlingar)")


@admin.register(Node)
class NodeAdmin(ImportExportMixin, SimpleHistoryAdmin, DraggableMPTTAdmin):
    resource_classes = [NodeResource]
    list_display = ["tree_actions", "indented_title", "kind", "document_type_count", "status"]
    list_display_links = ["indented_title"]
    list_filter = ["kind", StatusFilter]
    search_fields = ["code", "title", "document_types__name"]
    search_help_text = _("Sök på kod, rubrik eller handlingstyp.")
    inlines = [DocumentTypeInline]
    fieldsets = [
        (None, {"fields": ["kind", "code", "title", "parent"]}),
        (_("Innehåll"), {"fields": ["description", "comments"]}),
        (_("Giltighet"), {"fields": ["valid_from", "valid_to"]}),
    ]
    mptt_level_indent = 22
    list_per_page = 200

    def get_actions(self, request):
        # Processes are never deleted, only ceased (valid_to): cases and retention rules keep referring to
        # them. A bulk delete of nodes in use also ended in a ProtectedError (500); a single delete shows
        # what protects the node.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        actions.pop("delete_selected_tree", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        # Codes are never renumbered once in use (records and retention rules refer to them).
        return ["code", "kind"] if obj else []

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_document_types=Count("document_types"))

    @admin.display(description=_("kod och rubrik"))
    def indented_title(self, node):
        node_title = f"{node.code} {node.title}"
        original = node.title
        node.title = node_title
        try:
            return super().indented_title(node)
        finally:
            node.title = original

    @admin.display(description=_("handlingstyper"), ordering="_document_types")
    def document_type_count(self, node):
        return node._document_types or "–"

    @admin.display(description=_("status"))
    def status(self, node):
        return _("Upphörd %(date)s") % {"date": node.valid_to} if node.is_ceased else _("Aktiv")

    def _move_node(self, request):
        try:
            node = self.get_queryset(request).get(pk=request.POST.get("cut_item"))
            target = self.get_queryset(request).get(pk=request.POST.get("pasted_on"))
            check_move(node, target, request.POST.get("position"))
        except (Node.DoesNotExist, TypeError, ValueError):
            pass  # mptt's own handling gives the message for these
        except PlanRuleError as exc:
            self.message_user(
                request, _("Flytten gjordes inte: %(reason)s") % {"reason": exc.messages[0]}, messages.ERROR
            )
            return HttpResponse("FAIL, invalid move.")
        return super()._move_node(request)

    def get_urls(self):
        custom = [
            path(
                "where-to-file/",
                self.admin_site.admin_view(self.where_to_file_view),
                name="classification_where_to_file",
            ),
        ]
        return custom + super().get_urls()

    def where_to_file_view(self, request):
        """JSON for the registration form: `?q=text` → ranked suggestions."""
        if not self.has_view_permission(request):
            return JsonResponse({"error": str(_("Du saknar behörighet."))}, status=403)
        text = request.GET.get("q", "").strip()[:2000]
        try:
            limit = max(1, min(int(request.GET.get("limit", 5)), 50))
        except ValueError:
            limit = 5
        return JsonResponse({"results": where_to_file(text, limit=limit) if text else []})
