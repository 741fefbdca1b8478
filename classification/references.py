"""Cross-references between nodes, found in the plan's comments.

`Underlag till budget hanteras i 2.4.1 "Utforma och följa upp ekonomi"` links 1.2 to 2.4.1;
a quoted title alone (`hanteras i "Utforma och följa upp ekonomi"`) links to the node with
that title. Each link keeps the sentence that produced it.
"""

import re

from django.db import transaction

from .models import CrossReference, Node

SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"“”0-9])|\n\s*\n")
CODE_REF_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)+)(?!\.?\d)")
QUOTED_RE = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]")


def normalise_title(title: str) -> str:
    return " ".join(title.split()).strip(" .").casefold()


def sentences(text: str) -> list[str]:
    return [" ".join(part.split()) for part in SENTENCE_SPLIT_RE.split(text or "") if part.strip()]


def find_references(comments: str, codes: set[str], titles: dict[str, str], own_code: str) -> dict[str, str]:
    """Map target code → the sentence that refers to it, for one node's comments."""
    found: dict[str, str] = {}
    for sentence in sentences(comments):
        for match in CODE_REF_RE.finditer(sentence):
            code = match.group(1)
            if code in codes and code != own_code:
                found.setdefault(code, sentence)
        for match in QUOTED_RE.finditer(sentence):
            preceding = sentence[: match.start()].rstrip()
            if CODE_REF_RE.search(preceding[-12:]):
                continue  # `2.4.1 "Title"`: the code already made the link
            code = titles.get(normalise_title(match.group(1)))
            if code and code != own_code:
                found.setdefault(code, sentence)
    return found


@transaction.atomic
def relink_cross_references() -> int:
    """Recompute every cross-reference from the comments; returns how many links there are."""
    nodes = list(Node.objects.only("id", "code", "title", "comments"))
    by_code = {node.code: node for node in nodes}
    titles = {normalise_title(node.title): node.code for node in nodes}
    wanted = {}
    for node in nodes:
        if not node.comments:
            continue
        for code, sentence in find_references(node.comments, set(by_code), titles, node.code).items():
            wanted[(node.pk, by_code[code].pk)] = sentence
    current = {(ref.source_id, ref.target_id): ref for ref in CrossReference.objects.all()}
    stale = [ref.pk for key, ref in current.items() if key not in wanted]
    CrossReference.objects.filter(pk__in=stale).delete()
    changed = []
    for key, ref in current.items():
        if key in wanted and ref.sentence != wanted[key]:
            ref.sentence = wanted[key]
            changed.append(ref)
    CrossReference.objects.bulk_update(changed, ["sentence"])
    CrossReference.objects.bulk_create(
        [
            CrossReference(source_id=s, target_id=t, sentence=text)
            for (s, t), text in wanted.items()
            if (s, t) not in current
        ]
    )
    return len(wanted)
