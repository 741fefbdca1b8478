"""The neutral form of one node of a plan, whichever file it was read from."""

import datetime
from dataclasses import dataclass, field


@dataclass
class PlanRow:
    code: str
    kind: str
    title: str
    parent: str | None = None
    description: str = ""
    examples: list[str] = field(default_factory=list)
    comments: str = ""
    valid_to: datetime.date | None = None
    where: str = ""  # where in the file the row came from, for messages


def split_examples(text: str) -> list[str]:
    """Split an "Exempel på handlingar" list: semicolons when the list uses them, else commas.

    Separators inside parentheses are kept ("planer (t.ex. a, b)"); duplicates are dropped.
    """
    text = " ".join((text or "").split())
    if not text:
        return []
    separator = ";" if ";" in text else ","
    items = text.split(separator) if "(" not in text and "[" not in text else _split_outside_brackets(text, separator)
    seen, result = set(), []
    for piece in items:
        item = piece.strip().rstrip(".").strip()
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            result.append(item)
    return result


def _split_outside_brackets(text: str, separator: str) -> list[str]:
    items, depth, current = [], 0, []
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if char == separator and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return items


def join_examples(examples: list[str]) -> str:
    """The spreadsheet form of an example list; split_examples reads it back unchanged."""
    joined = "; ".join(examples)
    if len(examples) == 1 and "," in joined:
        joined += ";"  # one example with a comma in it must not be read as several
    return joined
