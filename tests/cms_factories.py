"""Builders and fixtures for the cms tests: guides, editors and reviewers."""

import json

import pytest

from cms.models import GuidePage, GuideProcess
from cms.services import EDITOR_GROUP, REVIEWER_GROUP, ensure_guide_index


def step(heading="Gör så här", text="Klicka på Spara.") -> dict:
    return {"type": "step", "value": {"heading": heading, "text": f"<p>{text}</p>", "image": None, "image_caption": ""}}


def build_guide(index=None, *, title="Hantera en arbetsorder", processes=(), body=None, publish=True, **fields):
    """A guide under the guide index, published unless publish=False; `processes` are Node objects."""
    index = index or ensure_guide_index()
    page = GuidePage(
        title=title,
        intro=fields.pop("intro", "Så hanterar du en arbetsorder."),
        body=json.dumps(body if body is not None else [step()]),
        guide_processes=[GuideProcess(node=node) for node in processes],
        live=False,
        **fields,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


@pytest.fixture
def guide_index(db):
    return ensure_guide_index()


@pytest.fixture
def editor(make_user):
    return make_user(groups=[EDITOR_GROUP], is_staff=False, username="redaktor")


@pytest.fixture
def reviewer(make_user):
    return make_user(groups=[REVIEWER_GROUP], is_staff=False, username="granskare")
