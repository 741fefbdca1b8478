"""Builders for the cms tests: guides and the admin form data of a guide (fixtures are in conftest.py)."""

import json

from cms.models import GuidePage, GuideProcess
from cms.services import ensure_guide_index


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


def guide_form_data(
    title="Hantera en arbetsorder", steps=(("Logga in", "Logga in i portalen."),), processes=(), **extra
):
    """POST data for the Wagtail page form of a guide, as the admin's JavaScript would send it."""
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    data = nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "intro": extra.pop("intro", "Så gör du."),
            "audience": "contractors",
            "guide_owner": "",
            "last_reviewed": timezone.localdate().isoformat(),
            "guide_processes": inline_formset([{"node": str(node.pk), "id": ""} for node in processes]),
            "body": streamfield(
                [
                    (
                        "step",
                        {"heading": heading, "text": rich_text(f"<p>{text}</p>"), "image": "", "image_caption": ""},
                    )
                    for heading, text in steps
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    data.update(extra)
    return data
