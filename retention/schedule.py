"""The organisation's informationshanteringsplan: per process its document types, action, period and authority."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from classification.models import Node
from classification.rules import Kind

from .models import Action
from .services.compute import RuleBook
from .wording import TRIGGER_PHRASES, period_phrase


@dataclass
class ScheduleLine:
    """One printed line: a node, or one of a process's document types."""

    code: str
    title: str
    kind: str
    level: int
    action: str = ""
    period: str = ""
    authority: str = ""
    note: str = ""
    inherited_from: str = ""  # the code the rule comes from when it is not the line's own
    is_document_type: bool = False
    document_types: list["ScheduleLine"] = field(default_factory=list)


def _fill(line: ScheduleLine, rule, own: bool, source_code: str = "") -> ScheduleLine:
    if rule is None:
        line.action = _("Ingen regel – bevaras tills vidare")
        return line
    line.action = str(rule.get_action_display())
    if rule.action != Action.PRESERVE and (rule.years or rule.months):
        line.period = f"{period_phrase(rule.years, rule.months)} {TRIGGER_PHRASES[rule.trigger or 'case_closed']()}"
    line.authority, line.note = rule.authority, rule.note if own else ""
    if not own:
        line.inherited_from = source_code
    return line


def build_schedule(root: Node | None = None) -> list[ScheduleLine]:
    """Every node in plan order; processes carry their document types with their own or inherited rule."""
    book = RuleBook()
    nodes = Node.objects.order_by("tree_id", "lft").prefetch_related("document_types")
    if root is not None:
        nodes = nodes.filter(tree_id=root.tree_id, lft__gte=root.lft, rght__lte=root.rght)
    lines = []
    for node in nodes:
        rule = book.for_process(node.pk)
        line = _fill(
            ScheduleLine(node.code, node.title, node.kind, node.level),
            rule,
            own=rule is not None and rule.node_id == node.pk,
            source_code=rule.node.code if rule else "",
        )
        if node.kind == Kind.PROCESS:
            for document_type in node.document_types.all():
                own = book.has_own_rule(node.pk, document_type.pk)
                type_rule = book.for_document(node.pk, document_type.pk)
                line.document_types.append(
                    _fill(
                        ScheduleLine("", document_type.name, "", node.level + 1, is_document_type=True),
                        type_rule,
                        own=own,
                        source_code=type_rule.node.code if type_rule and type_rule.node_id else "",
                    )
                )
        lines.append(line)
    return lines


def flat_rows(lines: list[ScheduleLine]) -> list[list[str]]:
    """Rows for print and spreadsheet: code, process/document type, action, period, authority, note."""
    rows = []
    for line in lines:
        source = _(" (ärvd från %(code)s)") % {"code": line.inherited_from} if line.inherited_from else ""
        rows.append(
            [line.code, f"{line.kind} {line.title}", line.action + source, line.period, line.authority, line.note]
        )
        for document_type in line.document_types:
            inherited = _(" (som processen)") if document_type.inherited_from else ""
            rows.append(
                [
                    "",
                    f"    – {document_type.title}",
                    document_type.action + inherited,
                    document_type.period,
                    document_type.authority,
                    document_type.note,
                ]
            )
    return rows


def header() -> list[str]:
    return [_("Kod"), _("Process / handlingstyp"), _("Åtgärd"), _("Gallringsfrist"), _("Beslut"), _("Anmärkning")]
