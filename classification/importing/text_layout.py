"""Reads the text layout of a classification plan as extracted from its PDF.

Handles what such extractions look like in practice: titles that wrap onto the next line,
lines that lack the `P` prefix or start with a space, a group that repeats its code, titles
ending in a full stop, `Upphörd: YYYY-MM-DD`, example lists spanning lines, comments after
the examples, and descriptions broken by blank lines.
"""

import datetime
import re

from django.utils.translation import gettext as _

from ..rules import CODE_RE, Kind, parent_code_of
from .errors import PlanImportError, RowError
from .rows import PlanRow, split_examples

HEADER_RE = re.compile(r"^\s*(?:(VO|PG|P)\s+)?(\d+(?:\.\d+)*)\.?\s+(?:(\d+(?:\.\d+)*)\s+)?(\S.*)$")
PREFIXLESS_REST_RE = re.compile(r"^[A-ZÅÄÖ]")
CEASED_RE = re.compile(r"\s*Upphörd:?\s*(\d{4}-\d{2}-\d{2})\.?", re.IGNORECASE)
DESCRIPTION_START_RE = re.compile(r"(?:^|\s)(?=(?:Process+en|Här|Denna process|I processen)\s)")
EXAMPLES_RE = re.compile(r"^\s*Exempel på handlingar\s*[:;]?\s*(.*)$", re.IGNORECASE)


class _Node:
    def __init__(self, kind, code, line_no):
        self.kind, self.code, self.line_no = kind, code, line_no
        self.title, self.description, self.examples = [], [], []
        self.comment_paragraphs: list[list[str]] = []
        self.valid_to = None
        self.state = "title"


def _join(lines: list[str]) -> str:
    """Join wrapped lines; a word hyphenated at a line end ("IT-" + "komponenter") stays whole.

    A hyphen followed by a space in the source ("LAS- och MBL-protokoll") is a real hyphen.
    """
    text, trailing_space = "", False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if text.endswith("-") and not trailing_space and line[:1].islower():
            text += line
        else:
            text = f"{text} {line}" if text else line
        trailing_space = raw != raw.rstrip()
    return " ".join(text.split())


def parse_text_layout(text: str) -> list[PlanRow]:
    """Parse the plan; raise PlanImportError naming the line of anything that cannot be read."""
    if not text.strip():
        raise PlanImportError([RowError(_("filen"), _("Filen är tom."))])
    nodes: list[_Node] = []
    seen_codes: set[str] = set()
    current: _Node | None = None
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        header = _match_header(line, seen_codes)
        if header:
            kind, code, rest = header
            current = _Node(kind, code, line_no)
            nodes.append(current)
            seen_codes.add(code)
            _start_node(current, rest)
            continue
        if current is None:
            continue  # column headings and anything else before the first node
        _feed(current, line)
    if not nodes:
        raise PlanImportError(
            [RowError(_("filen"), _("Hittade ingen nod (rader som börjar med VO, PG eller P följt av en kod)."))]
        )
    return [_to_row(node) for node in nodes]


def _match_header(line: str, seen_codes: set[str]):
    match = HEADER_RE.match(line)
    if not match:
        return None
    kind, code, repeated, rest = match.groups()
    if repeated and repeated != code:
        rest = f"{repeated} {rest}"
    if kind is None:
        # A line without its prefix is a process only when it is clearly a new node: a code
        # that is new, whose parent is already known, followed by a capitalised title.
        parent = parent_code_of(code)
        if code in seen_codes or parent is None or parent not in seen_codes:
            return None
        if not PREFIXLESS_REST_RE.match(rest):
            return None
        kind = Kind.PROCESS
    return kind, code, rest


def _start_node(node: _Node, rest: str):
    ceased = CEASED_RE.search(rest)
    if ceased:
        node.valid_to = ceased.group(1)
        rest = (rest[: ceased.start()] + " " + rest[ceased.end() :]).strip()
    _feed_title(node, rest)


def _feed_title(node: _Node, text: str):
    split = DESCRIPTION_START_RE.search(text)
    if split is None:
        node.title.append(text)
        return
    if text[: split.start()].strip():
        node.title.append(text[: split.start()])
    node.description.append(text[split.start() :])
    node.state = "description"


def _feed(node: _Node, line: str):
    blank = not line.strip()
    examples = EXAMPLES_RE.match(line)
    if examples and node.state in ("title", "after_title", "description"):
        node.state = "examples"
        node.examples.append(examples.group(1))
        return
    if node.state == "title":
        if blank:
            node.state = "after_title"
        else:
            _feed_title(node, line)
    elif node.state == "after_title":
        if not blank:
            node.state = "description"
            node.description.append(line)
    elif node.state == "description":
        node.description.append(line)
    elif node.state == "examples":
        if blank:
            node.state = "comments"
        else:
            node.examples.append(line)
    elif node.state == "comments":
        if blank:
            if node.comment_paragraphs and node.comment_paragraphs[-1]:
                node.comment_paragraphs.append([])
        else:
            if not node.comment_paragraphs:
                node.comment_paragraphs.append([])
            node.comment_paragraphs[-1].append(line)


def _to_row(node: _Node) -> PlanRow:
    where = _("rad %(line)s") % {"line": node.line_no}
    title = _join(node.title).rstrip(".").strip()
    if not title:
        raise PlanImportError([RowError(where, _("%(code)s saknar rubrik.") % {"code": node.code})])
    if not CODE_RE.match(node.code):
        raise PlanImportError([RowError(where, _("Koden %(code)r är ogiltig.") % {"code": node.code})])
    valid_to = None
    if node.valid_to:
        try:
            valid_to = datetime.date.fromisoformat(node.valid_to)
        except ValueError:
            raise PlanImportError(
                [
                    RowError(
                        where,
                        _("%(code)s: ogiltigt datum för Upphörd: %(value)s")
                        % {"code": node.code, "value": node.valid_to},
                    )
                ]
            ) from None
    comments = "\n\n".join(_join(p) for p in node.comment_paragraphs if _join(p))
    return PlanRow(
        code=node.code,
        kind=node.kind,
        title=title,
        parent=parent_code_of(node.code),
        description=_join(node.description),
        examples=split_examples(_join(node.examples)),
        comments=comments,
        valid_to=valid_to,
        where=where,
    )
