"""Guide pages: structure, rendering, processes, review dates and Wagtail's site search."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from cms.models import GuideIndexPage, GuidePage
from cms.publish_check import PublicationBlocked
from cms.selectors import guides_due_for_review, guides_for_process
from tests.cms.factories import build_guide, step
from tests.factories import DocumentTypeFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def test_it_has_one_guide_index_from_the_migration_at_guider():
    index = GuideIndexPage.objects.get()
    assert index.live
    assert index.url == "/guider/"


def test_it_renders_numbered_steps_callouts_tables_and_questions(client, guide_index):
    body = [
        {"type": "callout", "value": {"kind": "warning", "text": "<p>Klicka inte på Utförd i förväg.</p>"}},
        step("Logga in", "Logga in i portalen."),
        {"type": "text", "value": "<p>Mellan stegen.</p>"},
        step("Acceptera", "Klicka på Acceptera."),
        {
            "type": "status_table",
            "value": {
                "heading": "Statusar",
                "first_column": "Status",
                "rows": [{"term": "Beställd", "meaning": "Väntar."}],
            },
        },
        {
            "type": "questions",
            "value": {
                "heading": "Frågor",
                "items": [{"question": "Kan jag skriva ut?", "answer": "<p>Ja, som PDF.</p>"}],
            },
        },
    ]
    guide = build_guide(guide_index, title="Arbetsorder", body=body)
    html = client.get(guide.url).content.decode()
    assert 'id="steg-1"' in html and 'id="steg-2"' in html
    assert html.index("Logga in") < html.index("Acceptera")
    assert "callout--warning" in html
    assert '<th scope="row">Beställd</th>' in html
    assert "Kan jag skriva ut?" in html


def test_it_lists_its_processes_with_links(client, guide_index):
    process = ProcessFactory(title="Förvalta fastigheter")
    guide = build_guide(guide_index, processes=[process])
    html = client.get(guide.url).content.decode()
    assert f'href="/processer/{process.code}/"' in html
    assert guide.processes() == [process]


def test_it_finds_live_guides_for_a_process_only(guide_index):
    process, other = ProcessFactory(), ProcessFactory()
    live = build_guide(guide_index, title="Publicerad", processes=[process])
    build_guide(guide_index, title="Utkast", processes=[process], publish=False)
    build_guide(guide_index, title="Annan process", processes=[other])
    assert list(guides_for_process(process)) == [live]


def test_it_gives_the_plain_text_of_its_body_for_search(guide_index):
    guide = build_guide(guide_index, body=[step("Acceptera", "Klicka på <b>Acceptera</b> innan du börjar.")])
    assert "Klicka på Acceptera innan du börjar." in guide.search_text()
    assert "<b>" not in guide.search_text()


def test_it_knows_when_a_review_is_overdue(guide_index):
    fresh = build_guide(guide_index, title="Ny", last_reviewed=timezone.localdate())
    old = build_guide(guide_index, title="Gammal", last_reviewed=timezone.localdate() - datetime.timedelta(days=366))
    assert old.is_review_overdue and not fresh.is_review_overdue
    assert list(guides_due_for_review()) == [old]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=400)):
        assert set(guides_due_for_review()) == {fresh, old}


def test_it_is_found_by_wagtails_site_search(client, guide_index):
    build_guide(
        guide_index,
        title="Hantera en arbetsorder",
        body=[step("Klarmarkera", "Skriv vad du gjort under Utförd åtgärd.")],
    )
    build_guide(guide_index, title="Skapa ett team", intro="Om team.", body=[step("Team", "Ange organisationsnumret.")])
    found = GuidePage.objects.live().search("arbetsorder")
    assert [page.title for page in found] == ["Hantera en arbetsorder"]
    response = client.get("/guider/sok/", {"q": "arbetsorder"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hantera en arbetsorder" in html and "Skapa ett team" not in html


def test_its_search_page_says_when_nothing_matched(client, guide_index):
    html = client.get("/guider/sok/", {"q": "zebra"}).content.decode()
    assert "Inga guider matchade" in html


def test_it_refuses_to_publish_a_revision_with_a_password(guide_index):
    guide = build_guide(guide_index, publish=False, body=[step("Logga in", "Lösenord: Sommar2024!")])
    with pytest.raises(PublicationBlocked) as blocked:
        guide.get_latest_revision().publish()
    assert "Steg 1 › Text" in str(blocked.value)
    guide.refresh_from_db()
    assert not guide.live


def test_the_index_lists_live_guides_and_filters_by_audience(client, guide_index):
    build_guide(guide_index, title="För entreprenörer", audience="contractors")
    build_guide(guide_index, title="För installatörer", audience="installers")
    build_guide(guide_index, title="Opublicerad", publish=False)
    html = client.get("/guider/").content.decode()
    assert "För entreprenörer" in html and "För installatörer" in html and "Opublicerad" not in html
    html = client.get("/guider/", {"malgrupp": "installers"}).content.decode()
    assert "För installatörer" in html and "För entreprenörer" not in html


def test_document_types_show_on_the_process_page(client, guide_index):
    process = ProcessFactory()
    DocumentTypeFactory(node=process, name="felanmälningar")
    assert "felanmälningar" in client.get(f"/processer/{process.code}/").content.decode()
