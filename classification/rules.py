"""The structural rules of a classification plan: codes, kinds and where each kind may sit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CODE_RE = re.compile(r"^\d+(?:\.\d+)*$")


class Kind:
    AREA = "VO"
    GROUP = "PG"
    PROCESS = "P"
    ALL = (AREA, GROUP, PROCESS)


# Which kinds a node of each kind may sit under; None means "at the root".
ALLOWED_PARENTS = {
    Kind.AREA: {None},
    Kind.GROUP: {Kind.AREA},
    Kind.PROCESS: {Kind.AREA, Kind.GROUP},
}


class PlanRuleError(ValidationError):
    """A node that breaks the plan's rules; the message names the code."""


def normalise_code(raw: str) -> str:
    """`1.` and ` 2.9.1 ` become `1` and `2.9.1`."""
    return (raw or "").strip().rstrip(".")


def sort_key(code: str) -> str:
    """A key that sorts codes naturally: 1.2 before 1.10."""
    return ".".join(part.zfill(4) for part in code.split("."))


def parent_code_of(code: str) -> str | None:
    """The code a node's parent must have: `2.9.1` → `2.9`; a one-part code has none."""
    return code.rsplit(".", 1)[0] if "." in code else None


def check_placement(code: str, kind: str, parent_code: str | None, parent_kind: str | None) -> None:
    """Raise PlanRuleError when a node of this kind and code may not sit under that parent."""
    if not CODE_RE.match(code or ""):
        raise PlanRuleError(
            _("Koden %(code)r är ogiltig: använd siffror åtskilda av punkter, t.ex. 2.9.1.") % {"code": code}
        )
    if kind not in Kind.ALL:
        raise PlanRuleError(_("%(code)s: okänd nivå %(kind)r (tillåtna: VO, PG, P).") % {"code": code, "kind": kind})
    if parent_kind not in ALLOWED_PARENTS[kind]:
        if kind == Kind.AREA:
            message = _("%(code)s: ett verksamhetsområde (VO) måste ligga överst i strukturen.")
        elif kind == Kind.GROUP:
            message = _("%(code)s: en processgrupp (PG) måste ligga direkt under ett verksamhetsområde (VO).")
        else:
            message = _(
                "%(code)s: en process (P) måste ligga under ett verksamhetsområde (VO) eller en processgrupp (PG)."
            )
        raise PlanRuleError(message % {"code": code})
    if parent_code is not None and parent_code_of(code) != parent_code:
        raise PlanRuleError(
            _("%(code)s: koden måste bygga vidare på överordnad kod %(parent)s (t.ex. %(parent)s.1).")
            % {"code": code, "parent": parent_code}
        )
