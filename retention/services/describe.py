"""Retention of a case or document in words: "Gallras 2 år efter avslut enligt regel på 2.9, beslut GA 2019/3: 2028-12-31".

The rule alone is worded in `retention.wording`; this adds what needs the computed outcome and the holds."""

from django.utils.translation import gettext as _

from records.models import Case, Document

from ..models import Action
from ..wording import rule_phrase, target_label
from .compute import NO_RULE, Outcome, RuleBook, compute_case, compute_document
from .holds import holds_covering, moved_out_warning


def outcome_sentence(outcome: Outcome, due=None, *, process_code: str = "") -> str:
    """The sentence for one outcome; `due` overrides the part's own date (a case's latest part)."""
    rule = outcome.rule
    if rule is None or outcome.action == NO_RULE:
        return _("Ingen gallringsregel gäller för %(code)s eller noderna över den; bevaras tills vidare.") % {
            "code": process_code
        }
    sentence = _("%(rule)s enligt regel på %(target)s") % {"rule": rule_phrase(rule), "target": target_label(rule)}
    if rule.authority:
        sentence += _(", beslut %(authority)s") % {"authority": rule.authority}
    if outcome.action == Action.PRESERVE:
        return sentence + "."
    due = due if due is not None else outcome.due_date
    if due is None:
        return sentence + _(": datumet räknas när ärendet avslutas.")
    if outcome.action == Action.DISPOSE_WHEN_OBSOLETE:
        return sentence + _(": granskas från %(date)s") % {"date": due.isoformat()}
    return f"{sentence}: {due.isoformat()}"


def hold_sentence(holds, case: Case | None = None) -> str:
    """The holds on a case, and a warning for each subtree hold the case has been moved out of."""
    holds = list(holds)
    if not holds:
        return ""
    reasons = "; ".join(f"{hold.target_label}: {hold.reason}" for hold in holds)
    sentence = _("Spärrad för gallring (%(reasons)s).") % {"reasons": reasons}
    warnings = [moved_out_warning(hold, case) for hold in holds] if case is not None else []
    return " ".join([sentence, *(w for w in warnings if w)])


def describe_retention(case: Case, book: RuleBook | None = None, *, with_holds: bool = True) -> str:
    """The rule in force for the case, where it comes from, and the date it gives, in words."""
    computed = compute_case(case, book or RuleBook())
    text = outcome_sentence(computed.governing, computed.due_date, process_code=case.process.code)
    if with_holds:
        held = hold_sentence(holds_covering(case), case)
        if held:
            text = f"{text} {held}"
    return text


def describe_document_retention(document: Document, book: RuleBook | None = None) -> str:
    """The rule in force for one document (its type's own rule, else its process's), in words."""
    outcome = compute_document(document, book or RuleBook())
    return outcome_sentence(outcome, process_code=document.case.process.code)
