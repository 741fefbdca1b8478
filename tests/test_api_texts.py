"""The browsable API is Swedish: every view's title and description, never DRF's English class names or
the developers' docstrings."""

import re

import pytest
from django.urls import reverse
from drf_spectacular.generators import EndpointEnumerator
from rest_framework.views import get_view_description, get_view_name

from config import schema as ordna_schema
from tests.records.factories import CaseFactory

pytestmark = pytest.mark.django_db


def api_views():
    """(label, view instance) for every operation of /api/v1/, set up as DRF sets it up for a request."""
    endpoints = [
        e for e in ordna_schema.only_ordna_api(EndpointEnumerator().get_api_endpoints()) if e[0] != "/api/v1/schema/"
    ]
    for path, _regex, method, callback in endpoints:
        cls = callback.cls
        view = cls(**getattr(callback, "initkwargs", {}))
        actions = getattr(callback, "actions", None)
        if actions:
            view.action = actions[method.lower()]
        yield f"{method} {path}", view


VIEWS = list(api_views())


@pytest.mark.parametrize(("label", "view"), VIEWS, ids=[label for label, _view in VIEWS])
def test_every_view_has_a_swedish_title_and_description(label, view):
    name = view.get_view_name()
    description = view.get_view_description()
    assert name and name != get_view_name(view), f"{label}: {name!r}"
    assert description and description != get_view_description(view), f"{label}: {description!r}"
    english = ("List", "Instance", "Viewset", "View", "The ", " the ", " a ")
    assert not [word for word in english if word in name or word in description], (label, name, description)


def _browsable(client, url):
    response = client.get(url, HTTP_ACCEPT="text/html")
    assert response.status_code in (200, 405), response.status_code
    page = response.content.decode()
    title = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1).strip()
    description = re.search(r'<div class="pull-left">(.*?)</div>', page, re.S).group(1)
    extra_actions = re.findall(r'<li><a href="[^"]*">([^<]*)</a></li>', page)
    return title, " ".join(re.sub(r"<[^>]+>", " ", description).split()), extra_actions


def test_the_browsable_api_pages_are_swedish(client, seed_plan, make_user):
    client.force_login(make_user(is_superuser=True, is_staff=True))
    case = CaseFactory(process=seed_plan["2.9.1"])
    assert _browsable(client, "/api/v1/records/")[0] == "Ärenden"
    title, description, extra_actions = _browsable(client, f"/api/v1/records/{case.pk}/")
    assert title == "Ärende" and "diariets ärenden" in description.lower()
    assert {"Avsluta ärende", "Ärendets historik", "Lägg till handling"} <= set(extra_actions)
    assert not {"Close", "History", "Documents"} & set(extra_actions)
    assert _browsable(client, f"/api/v1/records/{case.pk}/history/")[0] == "Ärendets historik"
    assert _browsable(client, reverse("api-process-tree"))[0] == "Klassificeringsstruktur"
    title, description, _extra = _browsable(client, "/api/v1/work-orders/")
    assert title == "Arbetsorder" and "Case" not in description
