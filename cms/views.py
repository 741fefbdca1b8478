"""Public pages of the classification plan's processes, each with its document types and guides."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from classification.models import Node

from .selectors import guide_index, guides_for_process


def process_list(request):
    """The whole plan as a tree; processes link to their pages and say how many guides they have."""
    nodes = Node.objects.annotate(
        guide_count=Count(
            "guide_links__page",
            filter=Q(guide_links__page__live=True, guide_links__page__view_restrictions__isnull=True),
            distinct=True,
        )
    ).order_by("tree_id", "lft")
    return render(request, "cms/process_list.html", {"nodes": nodes, "guide_index": guide_index()})


def process_detail(request, code):
    node = get_object_or_404(Node.objects.select_related("parent"), code=code)
    if node.kind != Node.KindChoices.PROCESS:
        raise Http404("Not a process")
    context = {
        "node": node,
        "ancestors": node.get_ancestors(),
        "document_types": node.document_types.all(),
        "references": node.outgoing_references.select_related("target").order_by("target__sort_key"),
        "guides": guides_for_process(node).prefetch_related("guide_processes__node"),
        "guide_index": guide_index(),
    }
    return render(request, "cms/process_detail.html", context)
