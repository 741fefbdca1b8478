"""Public process pages and the API that lists the guides of a process."""

import pytest
from rest_framework.test import APIClient

from tests.cms.factories import build_guide
from tests.factories import DocumentTypeFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def test_a_process_page_shows_description_document_types_and_live_guides(client, guide_index):
    process = ProcessFactory(title="Förvalta fastigheter", description="Underhålla och reparera lokaler.")
    DocumentTypeFactory(node=process, name="felanmälningar")
    build_guide(guide_index, title="Hantera en arbetsorder", processes=[process])
    build_guide(guide_index, title="Ej publicerad guide", processes=[process], publish=False)
    response = client.get(f"/processer/{process.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Underhålla och reparera lokaler." in html
    assert "felanmälningar" in html
    assert "Hantera en arbetsorder" in html
    assert "Ej publicerad guide" not in html


def test_a_process_without_guides_says_so(client, guide_index):
    process = ProcessFactory()
    assert (
        "Det finns ingen guide till den här processen än." in client.get(f"/processer/{process.code}/").content.decode()
    )


def test_areas_and_unknown_codes_have_no_process_page(client):
    process = ProcessFactory()
    assert client.get(f"/processer/{process.parent.code}/").status_code == 404
    assert client.get("/processer/99.99.99/").status_code == 404


def test_the_process_list_shows_the_seed_plan_with_guide_counts(client, seed_plan, guide_index):
    build_guide(guide_index, processes=[seed_plan["2.9.1"]])
    html = client.get("/processer/").content.decode()
    assert 'href="/processer/2.9.1/"' in html
    assert "1 guide" in html
    assert "GE VERKSAMHETSSTÖD" in html


def test_the_process_list_has_an_empty_state(client, db):
    assert "Klassificeringsstrukturen är inte inläst än." in client.get("/processer/").content.decode()


def test_a_ceased_process_page_says_it_has_ceased(client, seed_plan):
    assert "upphörde" in client.get("/processer/3.2.5/").content.decode()


def test_the_api_lists_live_guides_of_a_process(make_user, seed_plan, guide_index):
    work_orders = build_guide(
        guide_index, title="Hantera en arbetsorder", audience="contractors", processes=[seed_plan["2.9.1"]]
    )
    build_guide(guide_index, title="Utkast", processes=[seed_plan["2.9.1"]], publish=False)
    api = APIClient()
    api.force_authenticate(make_user())
    response = api.get("/api/v1/processes/2.9.1/guides/")
    assert response.status_code == 200
    assert response.json() == [
        {
            "title": "Hantera en arbetsorder",
            "url": f"http://testserver{work_orders.url}",
            "audience": "contractors",
            "audience_label": "Entreprenörer",
        }
    ]


def test_the_api_needs_a_login(db):
    assert APIClient().get("/api/v1/processes/2.9.1/guides/").status_code in (401, 403)


def test_the_api_answers_404_for_what_is_not_a_process(make_user, seed_plan):
    api = APIClient()
    api.force_authenticate(make_user())
    assert api.get("/api/v1/processes/2.9/guides/").status_code == 404
    assert api.get("/api/v1/processes/42.42/guides/").status_code == 404
