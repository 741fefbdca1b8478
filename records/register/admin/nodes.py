"""The classification tree in the admin, with how many cases each node holds (counting everything beneath it).

Registered here rather than in classification, so the plan never imports the register.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from classification.admin import NodeAdmin
from classification.models import Node
from records.register.selectors import case_counts_by_node


class NodeWithCaseCountsAdmin(NodeAdmin):
    list_display = [*NodeAdmin.list_display, "case_count"]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            # One query for the whole tree; the page's rows (evaluated once, then reused by the
            # template) get their count attached.
            counts = case_counts_by_node()
            for node in changelist.result_list:
                node.case_count = counts.get(node.pk, 0)
        return response

    @admin.display(description=_("ärenden (inkl. underliggande)"))
    def case_count(self, node):
        return getattr(node, "case_count", "–")


if admin.site.is_registered(Node):
    admin.site.unregister(Node)
admin.site.register(Node, NodeWithCaseCountsAdmin)
