"""The guide editor and the page listing of the CMS show no English: Wagtail's texts that its own Swedish
catalogue leaves untranslated are translated in locale/sv (the edit view, the listing, after saving)."""

import gettext as gettext_module
import re
from functools import cache
from pathlib import Path

import pytest
import wagtail
from django.urls import reverse

from tests.cms.factories import build_guide, guide_form_data
from tests.test_translations import PO, _Text, read_po

pytestmark = pytest.mark.django_db
WAGTAIL = Path(wagtail.__file__).parent
FRAGMENTS = ["Saved", "Autosave is", " of ", "Exploring", "account", "Side panel", "Show issue", "Date updated"]


@cache
def untranslated_wagtail_texts() -> frozenset[str]:
    """Wagtail's msgids (one line each) that neither its Swedish catalogues nor ours translate."""
    ours = read_po(PO)
    found = set()
    for po in WAGTAIL.glob("**/locale/en/LC_MESSAGES/django.po"):
        mo = Path(str(po).replace("/en/", "/sv/")).with_suffix(".mo")
        theirs = gettext_module.GNUTranslations(mo.open("rb"))._catalog if mo.exists() else {}
        for key in read_po(po):
            msgid = key if isinstance(key, str) else key[0]
            translated = theirs.get(msgid) or theirs.get((msgid, 0)) or ours.get(msgid) or ours.get((msgid, 0))
            if msgid and not translated:
                found.add(" ".join(msgid.split()))
    return frozenset(found)


def english_on(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    parser = _Text()
    parser.feed(response.content.decode())
    nodes = {chunk.strip() for chunk in parser.chunks}
    untranslated = untranslated_wagtail_texts()
    leaks = sorted(node for node in nodes if node in untranslated or node.rstrip(":") in untranslated)
    leaks += [fragment for fragment in FRAGMENTS if any(fragment in node for node in nodes)]
    leaks += [node for node in nodes if re.fullmatch(r"\d+-\d+ of \d+.*", node)]
    return leaks


@pytest.fixture
def guides(guide_index):
    for number in range(4):
        build_guide(guide_index, title=f"Guide {number}")
    return build_guide(guide_index, title="Att redigera", publish=False)


@pytest.mark.parametrize("who", ["administrator", "editor"])
def test_the_page_listing_and_the_guide_editor_are_swedish(client, guides, guide_index, make_user, editor, who):
    user = make_user(is_superuser=True, is_staff=True) if who == "administrator" else editor
    client.force_login(user)
    listing = client.get(reverse("wagtailadmin_explore", args=[guide_index.pk]))
    assert english_on(listing) == []
    assert "1–5 av 5 sidor" in listing.content.decode()
    edit_url = reverse("wagtailadmin_pages:edit", args=[guides.pk])
    assert english_on(client.get(edit_url)) == []
    saved = client.post(edit_url, guide_form_data(title="Att redigera"), follow=True)
    assert english_on(saved) == []
    assert "Sparad" in saved.content.decode()
