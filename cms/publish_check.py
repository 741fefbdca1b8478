"""The check that stops a guide from being published with credentials or personal identity numbers."""

import re
from collections import Counter
from collections.abc import Iterator
from html import unescape

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.rich_text import RichText

from .secrets_check import Finding, scan

PAGE_TEXT_FIELDS = ["title", "seo_title", "search_description", "intro"]
STREAM_FIELDS = ["body"]
_BLOCK_END = re.compile(r"</(p|h\d|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


class PublicationBlocked(Exception):
    """Raised when something tries to publish a page whose text fails the check."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__(blocking_message(findings))


def rich_text_to_plain(html: str) -> str:
    """Plain text with one line per paragraph, so "Lösenord: x" stays on its own line."""
    return unescape(strip_tags(_BLOCK_END.sub("\n", html or "")))


def _walk(block, value, path: list[str], field: str) -> Iterator[tuple[str, str, str]]:
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        yield from stream_text_fields(value, field, path)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _walk(child, value.get(name), [*path, str(child.label)], field)
    elif isinstance(block, blocks.ListBlock):
        for number, item in enumerate(value, start=1):
            yield from _walk(block.child_block, item, [*path[:-1], f"{block.child_block.label} {number}"], field)
    elif isinstance(value, RichText):
        yield " › ".join(path), field, rich_text_to_plain(value.source)
    elif isinstance(value, str):
        yield " › ".join(path), field, value


def _labelled_children(stream_value):
    """(index, label, child) with labels numbered per block type: "Steg 1", "Steg 2", "Ruta 1"."""
    counters: Counter = Counter()
    for index, child in enumerate(stream_value):
        counters[child.block_type] += 1
        yield index, f"{capfirst(str(child.block.label))} {counters[child.block_type]}", child


def stream_text_fields(stream_value, field: str, path=()) -> Iterator[tuple[str, str, str]]:
    """(location, field, text) for every text inside a StreamField value, e.g. ("Steg 2 › Text", ...)."""
    for _index, label, child in _labelled_children(stream_value):
        yield from _walk(child.block, child.value, [*path, label], field)


def stream_findings_by_block(stream_value, field: str = "body") -> dict[int, list[Finding]]:
    """Findings per top-level block index, so a form can show each one against its block."""
    found = {}
    for index, label, child in _labelled_children(stream_value):
        findings = scan(_walk(child.block, child.value, [label], field))
        if findings:
            found[index] = findings
    return found


def page_text_fields(page, values: dict | None = None) -> list[tuple[str, str, str]]:
    """Every text of a page as (location, field, text); `values` overrides the page's (a form's data)."""
    values = values or {}
    fields = []
    for name in PAGE_TEXT_FIELDS + STREAM_FIELDS:
        try:
            model_field = page._meta.get_field(name)
        except FieldDoesNotExist:  # pages without an intro or a body simply have less text
            continue
        value = values[name] if name in values else getattr(page, name, None)
        if value is None:
            continue
        if name in STREAM_FIELDS:
            fields.extend(stream_text_fields(value, name))
        else:
            fields.append((capfirst(str(model_field.verbose_name)), name, str(value)))
    return fields


def check_page(page, values: dict | None = None) -> list[Finding]:
    return scan(page_text_fields(page, values))


def blocking_message(findings: list[Finding]) -> str:
    details = "; ".join(finding.describe() for finding in findings)
    return _(
        "Sidan kan inte publiceras: texten innehåller uppgifter som aldrig får stå i en guide. "
        "Ta bort dem och försök igen. Hittade: %(details)s."
    ) % {"details": details}


def ensure_publishable(page) -> None:
    findings = check_page(page)
    if findings:
        raise PublicationBlocked(findings)
