"""The plan through the API: the tree and one process."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, make_user):
    client.force_login(make_user())
    return client


def test_it_serves_the_tree_nested(seed_plan, api):
    tree = api.get(reverse("api-process-tree")).json()
    assert [root["code"] for root in tree] == ["1", "2", "3"]
    area_2 = tree[1]
    group = next(child for child in area_2["children"] if child["code"] == "2.8")
    assert "2.8.3" in [child["code"] for child in group["children"]]


def test_it_serves_a_flat_list_in_tree_order(seed_plan, api):
    flat = api.get(reverse("api-process-tree"), {"flat": "1"}).json()
    assert len(flat) == 67 and flat[0]["parent"] is None
    assert next(n for n in flat if n["code"] == "3.2.5")["ceased"] is True


def test_it_serves_one_process_with_its_document_types_and_references(seed_plan, api):
    data = api.get(reverse("api-process-detail", args=["1.2"])).json()
    assert data["parent"] == "1" and data["kind"] == "P"
    assert "årsredovisningar" in data["document_types"]
    assert data["see_also"][0]["code"] == "2.4.1"


def test_it_answers_404_for_an_unknown_code(seed_plan, api):
    assert api.get(reverse("api-process-detail", args=["9.9.9"])).status_code == 404


def test_it_requires_a_login(seed_plan, client):
    assert client.get(reverse("api-process-tree")).status_code in (401, 403)
