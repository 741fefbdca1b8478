"""Where do I file this? Ranks active processes for a free-text description of a document.

Matches the words against each process's document types, title and description with Swedish
inflection in mind (Snowball stems, compounds, near forms), and follows cross-references: a
sentence elsewhere in the plan saying that such documents "hanteras i 2.4.1" counts for 2.4.1.
Never suggests an area, a process group or a ceased process.
"""

import math
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import CrossReference, DocumentType, Node
from .swedish import STOP_WORDS, stem, stems, tokens

# How much a match in each kind of text counts.
WEIGHTS = {"doctype": 3.0, "reference": 2.5, "title": 2.0, "description": 1.0}


@dataclass
class _Field:
    kind: str
    text: str
    terms: frozenset
    source: str = ""  # for references: the code of the node whose comment it is


def match_strength(query: str, term: str) -> float:
    """1 for the same stem; less for a near form or a part of a compound word."""
    if query == term:
        return 1.0
    shorter, longer = sorted((query, term), key=len)
    common = 0
    for a, b in zip(query, term, strict=False):  # the common start of words of any length
        if a != b:
            break
        common += 1
    if len(shorter) >= 5 and common >= max(5, 0.75 * len(shorter)):
        return 0.8  # near forms the stemmer leaves apart: felanmälan / felanmälning
    if len(shorter) >= 4 and shorter in longer:
        # A compound containing the word (faktura → leverantörsfakturor) or the reverse.
        return 0.6 if shorter == query else 0.45
    return 0.0


def compound_strength(query: str, terms: frozenset) -> float:
    """0.9 when a compound word's parts both occur in the text: budgetunderlag ~ "underlag till budget"."""
    for cut in range(3, len(query) - 2):
        head, tail = query[:cut], query[cut:]
        heads = {head, head[:-1]} if head.endswith("s") and len(head) > 4 else {head}
        if any(h in terms or stem(h) in terms for h in heads) and (tail in terms or stem(tail) in terms):
            return 0.9
    return 0.0


def _index(on=None):
    processes = {node.pk: node for node in Node.objects.active(on).processes()}
    fields: dict[int, list[_Field]] = defaultdict(list)
    for node in processes.values():
        fields[node.pk].append(_Field("title", node.title, frozenset(stems(node.title))))
        if node.description:
            fields[node.pk].append(_Field("description", node.description, frozenset(stems(node.description))))
    for node_id, name in DocumentType.objects.filter(node_id__in=processes).values_list("node_id", "name"):
        fields[node_id].append(_Field("doctype", name, frozenset(stems(name))))
    references = CrossReference.objects.filter(target_id__in=processes).values_list(
        "target_id", "source__code", "sentence"
    )
    for target_id, source_code, sentence in references:
        fields[target_id].append(_Field("reference", sentence, frozenset(stems(sentence)), source_code))
    return processes, fields


def _explain(field: _Field, word: str) -> str:
    if field.kind == "doctype":
        return _("Handlingstypen ”%(name)s” matchar ”%(word)s”.") % {"name": field.text, "word": word}
    if field.kind == "reference":
        return _("Enligt %(code)s: ”%(sentence)s”") % {"code": field.source, "sentence": field.text}
    if field.kind == "title":
        return _("Processens rubrik matchar ”%(word)s”.") % {"word": word}
    return _("Processbeskrivningen nämner ”%(word)s”.") % {"word": word}


def where_to_file(text: str, limit: int = 10, on=None) -> list[dict]:
    """A ranked list of {code, title, score, why} for the processes that fit the text best."""
    query = _query_stems(text)
    if not query:
        return []
    processes, fields = _index(on)
    if not processes:
        return []
    idf = _inverse_document_frequency(query, fields, len(processes))
    ranked = []
    for node_id, node_fields in fields.items():
        score, why = _score(query, node_fields, idf)
        if score > 0:
            node = processes[node_id]
            ranked.append(
                (node.sort_key, {"code": node.code, "title": node.title, "score": round(score, 3), "why": why})
            )
    ranked.sort(key=lambda item: (-item[1]["score"], item[0]))
    return [result for _key, result in ranked[:limit]]


def _query_stems(text: str) -> dict[str, str]:
    """The stems of the meaningful words in the text, each with the word the user typed."""
    query = {}
    for word in tokens(text or ""):
        if word not in STOP_WORDS and len(word) > 1:
            query.setdefault(stem(word), word)
    return query


def _inverse_document_frequency(query: dict[str, str], fields: dict[int, list[_Field]], processes: int) -> dict:
    """Rarer words say more: each query stem's weight by how few processes it matches."""
    document_frequency = dict.fromkeys(query, 0)
    for node_fields in fields.values():
        for q in query:
            if any(match_strength(q, t) for f in node_fields for t in f.terms):
                document_frequency[q] += 1
    return {q: math.log(1 + processes / (1 + df)) for q, df in document_frequency.items()}


def _best_match(q: str, node_fields: list[_Field]) -> tuple[float, _Field | None]:
    """The weighted strength of the process's best match for one query stem, and where it is."""
    best, best_field = 0.0, None
    for field in node_fields:
        strength = max((match_strength(q, t) for t in field.terms), default=0.0)
        if strength < 0.9:
            strength = max(strength, compound_strength(q, field.terms))
        value = strength * WEIGHTS[field.kind]
        if value > best:
            best, best_field = value, field
    return best, best_field


def _score(query: dict[str, str], node_fields: list[_Field], idf: dict) -> tuple[float, str]:
    """A process's score for the query, and the two weightiest reasons for it."""
    score, reasons = 0.0, []
    for q, word in query.items():
        best, best_field = _best_match(q, node_fields)
        if best_field is not None:
            score += best * idf[q]
            reasons.append((best * idf[q], _explain(best_field, word)))
    reasons.sort(key=lambda item: -item[0])
    return score, " ".join(dict.fromkeys(reason for _weight, reason in reasons[:2]))
