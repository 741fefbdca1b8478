"""The classification tree in the admin, with how many cases each node holds (counting everything beneath it).

Registered here rather than in classification, so the plan never imports the register.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from classification.admin import NodeAdmin
from classification.models import Node

from ..selectors import with_case_counts


class NodeWithCaseCountsAdmin(NodeAdmin):
    list_display = [*NodeAdmin.list_display, "case_count"]

    def get_queryset(self, request):
        # One correlated subquery per row inside the same SELECT: one query for the whole tree.
        return with_case_counts(super().get_queryset(request))

    @admin.display(description=_("ärenden (inkl. underliggande)"), ordering="case_count")
    def case_count(self, node):
        return node.case_count


if admin.site.is_registered(Node):
    admin.site.unregister(Node)
admin.site.register(Node, NodeWithCaseCountsAdmin)
