"""The cms demo loader: the guide index and four published guides, once, from a fresh database."""

import io

import pytest
from wagtail.models import Page, Site

from cms import demo
from cms.models import GuideIndexPage, GuidePage
from cms.publish_check import check_page

pytestmark = pytest.mark.django_db


def test_it_publishes_four_guides_linked_to_their_processes(seed_plan):
    demo.load(io.StringIO())
    guides = {g.slug: g for g in GuidePage.objects.live()}
    assert len(guides) == 4
    codes = {slug: [n.code for n in g.processes()] for slug, g in guides.items()}
    assert codes["hantera-en-arbetsorder"] == ["2.9.1", "2.5.3"]
    assert codes["skapa-och-folja-ett-installationsarende"] == ["2.9.3", "2.9.1"]
    assert all(codes.values())
    assert all(check_page(g) == [] for g in guides.values())


def test_it_is_idempotent(seed_plan):
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert GuidePage.objects.count() == 4
    assert GuideIndexPage.objects.count() == 1
    assert "0 nya, 4 fanns redan" in out.getvalue()


def test_it_works_when_the_migration_made_no_guide_index(seed_plan):
    GuideIndexPage.objects.all().delete()
    demo.load(io.StringIO())
    index = GuideIndexPage.objects.get()
    assert index.get_parent().pk == Site.objects.get(is_default_site=True).root_page_id
    assert index.get_workflow().name == "Granskning av guide"
    assert GuidePage.objects.child_of(index).live().count() == 4


def test_it_loads_without_the_plan_and_says_what_it_could_not_link(db):
    out = io.StringIO()
    demo.load(out)
    assert GuidePage.objects.count() == 4
    assert "kopplades inte" in out.getvalue()


def test_the_demo_guides_render_and_link_to_process_pages(client, seed_plan):
    demo.load(io.StringIO())
    guide = GuidePage.objects.get(slug="hantera-en-arbetsorder")
    html = client.get(guide.url).content.decode()
    assert "AO1234" in html and 'href="/processer/2.9.1/"' in html
    assert "Hantera en arbetsorder som entreprenör" in client.get("/processer/2.9.1/").content.decode()
    assert Page.objects.filter(slug="guider").count() == 1
