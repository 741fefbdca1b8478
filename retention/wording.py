"""A rule in words: "Gallras 2 år efter avslut (2.9, GA 2019/3)".

Pure functions of a rule's own fields, with no queries and no services, so that the models (a rule's
`__str__`), the schedule and the services all word a rule the same way.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import Action
from .dates import Trigger

TRIGGER_PHRASES = {
    Trigger.CASE_CLOSED: lambda: _("efter avslut"),
    Trigger.END_OF_CLOSING_YEAR: lambda: _("efter utgången av avslutsåret"),
    Trigger.DOCUMENT_DATE: lambda: _("efter handlingens datum"),
}


def period_phrase(years: int | None, months: int | None) -> str:
    parts = []
    if years:
        parts.append(ngettext("%(n)d år", "%(n)d år", years) % {"n": years})
    if months:
        parts.append(ngettext("%(n)d månad", "%(n)d månader", months) % {"n": months})
    return _(" och ").join(parts)


def rule_phrase(rule) -> str:
    """The rule alone: "Bevaras", "Gallras 2 år efter avslut", "Gallras vid inaktualitet"."""
    if rule.action == Action.PRESERVE:
        return _("Bevaras")
    period = period_phrase(rule.years, rule.months)
    after = TRIGGER_PHRASES.get(rule.trigger or Trigger.CASE_CLOSED, TRIGGER_PHRASES[Trigger.CASE_CLOSED])()
    if rule.action == Action.DISPOSE_WHEN_OBSOLETE:
        if period:
            return _("Gallras vid inaktualitet, tidigast %(period)s %(after)s") % {"period": period, "after": after}
        return _("Gallras vid inaktualitet")
    return _("Gallras %(period)s %(after)s") % {"period": period, "after": after}


def target_label(rule) -> str:
    """What the rule sits on: a node's code, or a document type of a process."""
    if rule.node_id:
        return rule.node.code
    return _("handlingstypen ”%(name)s” i %(code)s") % {
        "name": rule.document_type.name,
        "code": rule.document_type.node.code,
    }


def short_rule(rule) -> str:
    """For reports and lists: "Gallras 2 år efter avslut (2.9, GA 2019/3)"."""
    if rule is None:
        return _("Ingen regel")
    where = ", ".join(part for part in (target_label(rule), rule.authority) if part)
    return f"{rule_phrase(rule)} ({where})"
