"""Changing the retention schedule: validated rules, saved with history, dates recomputed on commit."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from classification.models import DocumentType, Node
from classification.rules import normalise_code
from common.clock import stamp
from common.errors import DomainError
from outbox.services import enqueue

from ..dates import Trigger
from ..models import Action, RetentionRule, TriggerChoices
from .common import one_line, require_perm
from .jobs import recompute_retention_scope

ACTION_WORDS = {
    "bevaras": Action.PRESERVE,
    "gallras": Action.DISPOSE,
    "gallras vid inaktualitet": Action.DISPOSE_WHEN_OBSOLETE,
    "gallras_vid_inaktualitet": Action.DISPOSE_WHEN_OBSOLETE,
    "vid inaktualitet": Action.DISPOSE_WHEN_OBSOLETE,
}
TRIGGER_WORDS = {
    **{value: value for value in Trigger.ALL},
    **{str(label).lower(): value for value, label in TriggerChoices.choices},
    "avslut": Trigger.CASE_CLOSED,
    "efter avslut": Trigger.CASE_CLOSED,
    "handlingens datum": Trigger.DOCUMENT_DATE,
    "utgången av avslutsåret": Trigger.END_OF_CLOSING_YEAR,
    "efter utgången av avslutsåret": Trigger.END_OF_CLOSING_YEAR,
}
MAX_YEARS = 200


@dataclass
class RuleData:
    """A rule as entered: a node (or its code) or a document type, and what to do."""

    action: str
    node: Node | str | None = None
    document_type: DocumentType | None = None
    years: int | None = None
    months: int | None = None
    trigger: str | None = Trigger.CASE_CLOSED
    authority: str = ""
    note: str = ""


def _resolve_node(node) -> Node | None:
    if node is None or isinstance(node, Node):
        return node
    code = normalise_code(str(node))
    if not code:
        return None
    found = Node.objects.filter(code=code).first()
    if found is None:
        raise DomainError({"node": _("Noden %(code)s finns inte i klassificeringsstrukturen.") % {"code": code}})
    return found


def resolve_target(code, document_type_name: str = "") -> tuple[Node, DocumentType | None]:
    """A node by its code, and optionally one of its document types by name (as typed in a form or a sheet)."""
    code = normalise_code(str(code or ""))
    if not code:
        raise DomainError({"node": _("Ange nodens kod, t.ex. 2.9.1.")})
    node = Node.objects.filter(code=code).first()
    if node is None:
        raise DomainError({"node": _("Noden %(code)s finns inte i klassificeringsstrukturen.") % {"code": code}})
    name = one_line(document_type_name)
    if not name:
        return node, None
    document_type = DocumentType.objects.filter(node=node, name__iexact=name).first()
    if document_type is None:
        raise DomainError(
            {"document_type": _("Handlingstypen ”%(name)s” finns inte under %(code)s.") % {"name": name, "code": code}}
        )
    return node, document_type


def _number(value, field: str, label: str, maximum: int) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError({field: _("Ange %(label)s som ett heltal.") % {"label": label}}) from None
    if number < 0 or number > maximum or str(value).strip() not in (str(number), f"{number}.0"):
        raise DomainError(
            {field: _("Ange %(label)s som ett heltal mellan 0 och %(max)d.") % {"label": label, "max": maximum}}
        )
    return number


def clean_rule(data: RuleData, rule: RetentionRule | None = None) -> dict:
    """The rule's fields, checked; DomainError (in Swedish, per field) on bad input."""
    action = ACTION_WORDS.get(one_line(data.action).lower())
    if action is None:
        raise DomainError(
            {
                "action": _("Okänd åtgärd ”%(value)s”: använd bevaras, gallras eller gallras vid inaktualitet.")
                % {"value": data.action}
            }
        )
    node = _resolve_node(data.node)
    document_type = data.document_type
    if (node is None) == (document_type is None):
        raise DomainError({"node": _("Ange antingen en nod i strukturen eller en handlingstyp som regeln gäller.")})
    years = _number(data.years, "years", _("år"), MAX_YEARS)
    months = _number(data.months, "months", _("månader"), MAX_YEARS * 12)
    raw_trigger = one_line(data.trigger).lower()
    trigger = TRIGGER_WORDS.get(raw_trigger) if raw_trigger else Trigger.CASE_CLOSED
    if trigger is None:
        raise DomainError(
            {
                "trigger": _(
                    "Okänd utgångspunkt ”%(value)s” för gallringsfristen: använd avslut, "
                    "handlingens datum eller utgången av avslutsåret."
                )
                % {"value": data.trigger}
            }
        )
    if action == Action.PRESERVE:
        if years or months:
            raise DomainError({"years": _("Det som bevaras har ingen gallringsfrist; ta bort år och månader.")})
        years = months = None
        trigger = ""
    elif action == Action.DISPOSE and not (years or months):
        raise DomainError({"years": _("Ange gallringsfristen (år och/eller månader) för det som gallras.")})
    target = {"node": node, "document_type": None} if node else {"node": None, "document_type": document_type}
    taken = RetentionRule.objects.filter(**{k: v for k, v in target.items() if v is not None})
    if rule is not None and rule.pk:
        taken = taken.exclude(pk=rule.pk)
    if taken.exists():
        raise DomainError({"node": _duplicate_message(node, document_type)})
    return {
        **target,
        "action": action,
        "years": years,
        "months": months,
        "trigger": trigger,
        "authority": one_line(data.authority)[:200],
        "note": (data.note or "").strip(),
    }


def _duplicate_message(node, document_type) -> str:
    if node is not None:
        return _("Noden %(code)s har redan en gallringsregel; ändra den i stället.") % {"code": node.code}
    return _("Handlingstypen ”%(name)s” i %(code)s har redan en gallringsregel; ändra den i stället.") % {
        "name": document_type.name,
        "code": document_type.node.code,
    }


def rule_data(rule: RetentionRule) -> RuleData:
    return RuleData(
        action=rule.action,
        node=rule.node,
        document_type=rule.document_type,
        years=rule.years,
        months=rule.months,
        trigger=rule.trigger,
        authority=rule.authority,
        note=rule.note,
    )


def scope_nodes(*rules_or_values) -> list[int]:
    """The nodes whose subtrees a change of these rules (or cleaned values) can move dates in."""
    ids = set()
    for item in rules_or_values:
        if item is None:
            continue
        node = item.get("node") if isinstance(item, dict) else item.node
        document_type = item.get("document_type") if isinstance(item, dict) else item.document_type
        ids.add(node.pk if node is not None else document_type.node_id)
    return sorted(ids)


def _recompute_on_commit(node_ids: list[int]) -> None:
    """Recorded in this transaction (the outbox), run after it commits: a broker that is down only delays it."""
    enqueue(recompute_retention_scope, node_ids, dedupe=True)


def apply_rule(data: RuleData, rule: RetentionRule | None, user, reason: str = "") -> tuple[RetentionRule, list[int]]:
    """Write the checked rule (no permission check, no recompute): shared by save_rule and the preview."""
    before = None
    if rule is not None and rule.pk is not None:
        # What is stored, not what a form may already have changed in memory.
        before = RetentionRule.objects.select_related("node", "document_type").get(pk=rule.pk)
    values = clean_rule(data, before)
    rule = RetentionRule.objects.get(pk=before.pk) if before is not None else RetentionRule()
    for name, value in values.items():
        setattr(rule, name, value)
    rule.updated_by = user
    stamp(rule, user, reason)
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        # A concurrent save took the target after our check: the constraint answers.
        raise DomainError({"node": _duplicate_message(values["node"], values["document_type"])}) from None
    return rule, scope_nodes(before, values)


@transaction.atomic
def save_rule(data: RuleData, *, user, rule: RetentionRule | None = None, reason: str = "") -> RetentionRule:
    """Create or change a rule; the due dates under it are recomputed once the change commits."""
    require_perm(user, "retention.change_retentionrule" if rule and rule.pk else "retention.add_retentionrule")
    rule, scope = apply_rule(data, rule, user, reason)
    _recompute_on_commit(scope)
    return rule


@transaction.atomic
def delete_rule(rule: RetentionRule, *, user, reason: str = "") -> None:
    """Remove a rule; what it governed falls back to the next rule up the tree."""
    require_perm(user, "retention.delete_retentionrule")
    rule = RetentionRule.objects.select_related("node", "document_type").get(pk=rule.pk)
    scope = scope_nodes(rule)
    stamp(rule, user, reason)
    rule.delete()
    _recompute_on_commit(scope)
