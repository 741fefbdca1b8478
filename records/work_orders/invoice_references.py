"""Invoice references: invoices must cite a work order exactly as `AO1234`; anything else is explained."""

import re

from django.utils.translation import gettext as _

from common.errors import DomainError
from records.work_orders import access as who
from records.work_orders.models import WorkOrder

EXACT = re.compile(r"AO[0-9]+")
LOOSE = re.compile(r"^\s*([A-Za-z]{2})\s*[-–_./:#]?\s*([0-9]+)\s*$")


def _problems(raw: str) -> list[str]:
    """What is wrong with a reference that is almost AO1234 (several things can be)."""
    problems = []
    match = LOOSE.match(raw)
    letters, digits = (match.group(1), match.group(2)) if match else ("", "")
    if match and letters.upper() != "AO":
        return []
    if raw != raw.strip():
        problems.append(_("inga mellanslag före eller efter"))
    between = raw.strip()[2 : -len(digits)] if match else ""
    if " " in between or "\t" in between:
        problems.append(_("inget mellanslag mellan AO och numret"))
    if any(sign in between for sign in "-–"):
        problems.append(_("inget bindestreck mellan AO och numret"))
    elif between.strip():
        problems.append(_("inget tecken mellan AO och numret"))
    if letters and letters != "AO":
        problems.append(_("AO med stora bokstäver"))
    return problems


def resolve_invoice_reference(raw, user=None) -> WorkOrder:
    """The work order an invoice reference names, or a Swedish explanation of what is wrong with it.

    Only `AO` in capitals directly followed by the number is accepted: `AO 1234`, `AO-1234` and
    `ao1234` are refused with what to write instead. A contractor resolves only their own orders.
    """
    raw = "" if raw is None else str(raw)
    if not raw.strip():
        raise DomainError({"ref": _("Ange arbetsordernumret i formatet AO1234.")})
    if not EXACT.fullmatch(raw):
        problems = _problems(raw)
        match = LOOSE.match(raw)
        if problems and match:
            suggestion = "AO" + match.group(2)
            raise DomainError(
                {
                    "ref": _(
                        "”%(raw)s” har fel format: skriv %(suggestion)s (%(problems)s). "
                        "Referensen ska vara AO direkt följt av arbetsordernumret, utan mellanslag eller bindestreck."
                    )
                    % {"raw": raw, "suggestion": suggestion, "problems": ", ".join(problems)}
                }
            )
        raise DomainError(
            {
                "ref": _(
                    "”%(raw)s” är inget arbetsordernummer: referensen ska vara AO direkt följt av "
                    "arbetsordernumret, t.ex. AO1234."
                )
                % {"raw": raw}
            }
        )
    orders = WorkOrder.objects.select_related("case", "contractor")
    if user is not None:
        orders = who.work_orders_for(user, orders)
    order = orders.filter(case__reference=raw).first()
    if order is None:
        raise DomainError(
            {
                "ref": _("Det finns ingen arbetsorder %(raw)s%(scope)s.")
                % {
                    "raw": raw,
                    "scope": "" if user is None or who.manages_work_orders(user) else _(" bland era arbetsorder"),
                }
            }
        )
    return order
