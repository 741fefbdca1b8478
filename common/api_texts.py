"""Swedish titles and descriptions of the API's views, as the browsable API shows them.

DRF names a view after its class ("Case Instance", "Work Order List") and describes it with its English
docstring. Our views say it in Swedish instead (REST_FRAMEWORK's VIEW_NAME_FUNCTION and
VIEW_DESCRIPTION_FUNCTION point here):

    class CaseViewSet(viewsets.GenericViewSet):
        swedish_titles = {"list": _("Ärenden"), "retrieve": _("Ärende"), "close": _("Avsluta ärende")}
        swedish_description = _("Diariets ärenden ...")
        swedish_descriptions = {"history": _("Ärendets tidslinje ...")}   # per action, optional

An APIView with one purpose sets `swedish_title` (and `swedish_description`). Docstrings stay English:
they are for developers.
"""

from django.utils.safestring import mark_safe
from rest_framework.utils import formatting

# A viewset instance made for the breadcrumbs has no action yet, only the router's suffix.
_SUFFIX_ACTIONS = {"List": "list", "Instance": "retrieve"}


def _extra_action(view) -> str | None:
    """The @action a viewset instance stands for when DRF made it for the "Extra actions" menu (by its name)."""
    name = getattr(view, "name", None)
    if name is None or not hasattr(view, "get_extra_actions"):
        return None
    return next((a.__name__ for a in view.get_extra_actions() if a.kwargs.get("name") == name), None)


def _action(view) -> str | None:
    action = getattr(view, "action", None) or _extra_action(view) or _SUFFIX_ACTIONS.get(getattr(view, "suffix", None))
    if action:
        return action
    request = getattr(view, "request", None)
    return request.method.lower() if request is not None else None


def view_name(view) -> str:
    action = _action(view)
    title = getattr(view, "swedish_titles", {}).get(action) or getattr(view, "swedish_title", None)
    if title is None and getattr(view, "swedish_titles", None):
        # An action without a title of its own (OPTIONS, a method DRF adds): the view's first title.
        title = next(iter(view.swedish_titles.values()))
    return str(title) if title is not None else ""


def view_description(view, html=False) -> str:
    action = _action(view)
    text = getattr(view, "swedish_descriptions", {}).get(action) or getattr(view, "swedish_description", "")
    text = formatting.dedent(str(text))
    return mark_safe(formatting.markup_description(text)) if html else text
