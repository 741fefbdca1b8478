"""Demo data of the cms app: the guide index and four published guides linked to their processes."""

import json

from django.db import transaction

from classification.models import Node

from .demo_content import GUIDES, RELATED, reviewed_on
from .models import GuidePage, GuideProcess, today
from .services import ensure_guide_index


def _related_links_block(slugs, pages_by_slug) -> dict | None:
    links = [
        {"title": pages_by_slug[s].title, "page": pages_by_slug[s].pk, "url": ""} for s in slugs if s in pages_by_slug
    ]
    if not links:
        return None
    return {"type": "related_links", "value": {"heading": "Relaterade guider", "links": links}}


@transaction.atomic
def load(stdout) -> None:
    index = ensure_guide_index()
    existing = {page.slug: page for page in GuidePage.objects.child_of(index)}
    nodes = {node.code: node for node in Node.objects.processes()}
    created, missing_codes = [], set()
    for guide in GUIDES:
        if guide["slug"] in existing:
            continue  # Never overwrite what editors may have changed since the last load.
        links = []
        for code in guide["processes"]:
            if code in nodes:
                links.append(GuideProcess(node=nodes[code]))
            else:
                missing_codes.add(code)
        page = GuidePage(
            title=guide["title"],
            slug=guide["slug"],
            intro=guide["intro"],
            audience=guide["audience"],
            last_reviewed=reviewed_on(guide, today()),
            body=json.dumps(guide["body"]),
            guide_processes=links,
            live=False,
        )
        index.add_child(instance=page)
        created.append(page)
    pages_by_slug = {**existing, **{page.slug: page for page in created}}
    for page in created:
        block = _related_links_block(RELATED.get(page.slug, []), pages_by_slug)
        if block:
            page.body = json.dumps([*page.body.raw_data, block])
            page.save()
    for page in created:
        page.save_revision().publish()
    stdout.write(f"Guider: {len(created)} nya, {len(GUIDES) - len(created)} fanns redan ({index.url}).")
    if missing_codes:
        stdout.write(
            f"Guider: processerna {', '.join(sorted(missing_codes))} finns inte i strukturen och kopplades inte."
        )
