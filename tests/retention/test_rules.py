"""The retention schedule: rules on nodes and document types, what is refused, which rule is in force, in words."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction

from classification.models import DocumentType
from common.errors import DomainError
from retention import services
from retention.models import RetentionRule
from retention.services.rules import RuleData
from tests.retention.factories import (
    RuleFactory,
    closed_case,
    open_case,
)

pytestmark = pytest.mark.django_db


def refused(data: RuleData, field: str | None = None) -> str:
    before = RetentionRule.objects.count(), RetentionRule.history.count()
    with pytest.raises(DomainError) as caught:
        services.save_rule(data, user=None)
    assert (RetentionRule.objects.count(), RetentionRule.history.count()) == before, "nothing is written"
    messages = caught.value.field_messages()
    return messages[field][0] if field else str(caught.value)


def test_it_saves_a_rule_on_a_process_group_with_its_authority_and_history(seed_plan, archivist):
    rule = services.save_rule(RuleData(action="gallras", node="2.9", years=2, authority="GA 2019/3"), user=archivist)
    assert (rule.node.code, rule.action, rule.years, rule.trigger) == ("2.9", "gallras", 2, "case_closed")
    history = rule.history.get()
    assert history.history_user == archivist and history.history_type == "+"


def test_it_accepts_the_words_an_archivist_uses(seed_plan):
    rule = services.save_rule(
        RuleData(action="Gallras vid inaktualitet", node="2.11", trigger="efter avslut"), user=None
    )
    assert rule.action == "gallras_vid_inaktualitet" and rule.trigger == "case_closed"


def test_it_rejects_disposal_without_a_period(seed_plan):
    message = refused(RuleData(action="gallras", node="2.9"), "years")
    assert message == "Ange gallringsfristen (år och/eller månader) för det som gallras."


def test_it_rejects_a_period_on_what_is_preserved(seed_plan):
    assert "Det som bevaras har ingen gallringsfrist" in refused(
        RuleData(action="bevaras", node="2.6", years=5), "years"
    )


def test_it_rejects_a_second_rule_on_the_same_node(seed_plan):
    RuleFactory(node=seed_plan["2.9"])
    assert (
        refused(RuleData(action="bevaras", node="2.9"), "node")
        == "Noden 2.9 har redan en gallringsregel; ändra den i stället."
    )


def test_it_rejects_a_second_rule_on_the_same_document_type(seed_plan):
    contract = DocumentType.objects.get(node=seed_plan["2.9.1"], name="hyresavtal")
    RuleFactory(document_type=contract, years=10)
    assert "redan en gallringsregel" in refused(RuleData(action="bevaras", document_type=contract), "node")


@pytest.mark.parametrize("trigger", ["när någon kommer ihåg", "case_opened"])
def test_it_rejects_an_unknown_trigger(seed_plan, trigger):
    assert "Okänd utgångspunkt" in refused(RuleData(action="gallras", node="2.9", years=2, trigger=trigger), "trigger")


def test_it_rejects_an_unknown_action_and_a_missing_or_unknown_node(seed_plan):
    assert "Okänd åtgärd ”förstörs”" in refused(RuleData(action="förstörs", node="2.9", years=1), "action")
    assert "Ange antingen en nod" in refused(RuleData(action="bevaras"), "node")
    assert "Noden 9.9 finns inte" in refused(RuleData(action="bevaras", node="9.9"), "node")


def test_it_refuses_negative_or_fractional_periods(seed_plan):
    assert "heltal" in refused(RuleData(action="gallras", node="2.9", years=-1), "years")
    assert "heltal" in refused(RuleData(action="gallras", node="2.9", years="1,5"), "years")


def test_the_database_itself_refuses_broken_rules(seed_plan):
    node = seed_plan["2.9"]
    RuleFactory(node=node)
    broken = [
        RetentionRule(node=node, action="bevaras"),  # second rule on a node
        RetentionRule(node=seed_plan["2.8"], action="gallras"),  # no period
        RetentionRule(node=seed_plan["2.7"], action="bevaras", years=1),  # period on preserve
        RetentionRule(node=seed_plan["2.6"], action="gallras", years=1, trigger="whenever"),  # unknown trigger
        RetentionRule(action="bevaras"),  # no target
    ]
    for rule in broken:
        with pytest.raises(IntegrityError), transaction.atomic():
            rule.save()


def test_a_change_keeps_the_old_version_in_history(seed_plan, archivist):
    rule = RuleFactory(node=seed_plan["2.9"], years=2)
    services.save_rule(
        RuleData(action="gallras", node="2.9", years=3, authority="GA 2024/1"), rule=rule, user=archivist
    )
    versions = list(rule.history.order_by("history_id").values_list("years", "authority"))
    assert versions == [(2, "GA 2019/3"), (3, "GA 2024/1")]


def test_the_effective_rule_is_the_document_types_then_the_processs_then_the_nearest_ancestors(seed_plan):
    area, group, process = seed_plan["2"], seed_plan["2.9"], seed_plan["2.9.1"]
    contract = DocumentType.objects.get(node=process, name="hyresavtal")
    other = DocumentType.objects.get(node=process, name="felanmälningar av lokaler")
    assert RetentionRule.effective_for(process) is None
    on_area = RuleFactory(node=area, preserve=True)
    assert RetentionRule.effective_for(process) == on_area
    on_group = RuleFactory(node=group, years=2)
    assert RetentionRule.effective_for(process) == on_group
    on_process = RuleFactory(node=process, years=5)
    on_type = RuleFactory(document_type=contract, years=10)
    assert RetentionRule.effective_for(process) == on_process
    assert RetentionRule.effective_for(process, contract) == on_type
    assert RetentionRule.effective_for(process, other) == on_process
    # A type's rule counts only under its own process (e.g. after reclassification).
    assert RetentionRule.effective_for(seed_plan["2.9.2"], contract) == on_group


def test_it_describes_the_rule_in_force_its_source_and_date(seed_plan):
    RuleFactory(node=seed_plan["2.9"], years=2, authority="GA 2019/3")
    case = closed_case("2.9.1", datetime.date(2026, 12, 31))
    assert (
        services.describe_retention(case)
        == "Gallras 2 år efter avslut enligt regel på 2.9, beslut GA 2019/3: 2028-12-31"
    )


def test_it_describes_preserve_open_cases_review_and_no_rule(seed_plan):
    RuleFactory(node=seed_plan["2.6"], preserve=True, authority="GA 2019/3")
    RuleFactory(node=seed_plan["2.11"], obsolete=True, authority="")
    RuleFactory(node=seed_plan["2.12"], years=10, trigger="end_of_closing_year", authority="GA 2019/3")
    assert services.describe_retention(closed_case("2.6.2", datetime.date(2025, 1, 1))) == (
        "Bevaras enligt regel på 2.6, beslut GA 2019/3."
    )
    assert services.describe_retention(open_case("2.12")) == (
        "Gallras 10 år efter utgången av avslutsåret enligt regel på 2.12, beslut GA 2019/3: datumet räknas när "
        "ärendet avslutas."
    )
    assert services.describe_retention(closed_case("2.12", datetime.date(2025, 3, 4))).endswith(": 2035-12-31")
    assert services.describe_retention(closed_case("2.11", datetime.date(2025, 3, 4))) == (
        "Gallras vid inaktualitet enligt regel på 2.11: granskas från 2025-03-04"
    )
    assert services.describe_retention(closed_case("3.3", datetime.date(2025, 3, 4))) == (
        "Ingen gallringsregel gäller för 3.3 eller noderna över den; bevaras tills vidare."
    )


def test_it_describes_each_document_by_its_own_types_rule(seed_plan):
    process = seed_plan["2.9.1"]
    contract = DocumentType.objects.get(node=process, name="hyresavtal")
    RuleFactory(node=seed_plan["2.9"], years=2)
    RuleFactory(document_type=contract, years=10, authority="GA 2020/8")
    case = closed_case(
        "2.9.1",
        datetime.date(2024, 6, 30),
        documents=[(datetime.date(2024, 1, 15), contract), (datetime.date(2024, 2, 1), None)],
    )
    first, second = case.documents.order_by("number")
    assert services.describe_document_retention(first) == (
        "Gallras 10 år efter avslut enligt regel på handlingstypen ”hyresavtal” i 2.9.1, beslut GA 2020/8: 2034-06-30"
    )
    assert services.describe_document_retention(second).endswith("enligt regel på 2.9, beslut GA 2019/3: 2026-06-30")
    # The case goes only when all of it may go: the contract's ten years decide.
    assert services.describe_retention(case).endswith(": 2034-06-30")


def test_a_hold_is_part_of_the_description(seed_plan):
    RuleFactory(node=seed_plan["2.9"], years=2)
    case = closed_case("2.9.1", datetime.date(2020, 1, 1))
    with time_machine.travel(datetime.date(2026, 5, 1)):
        services.place_hold(node=seed_plan["2.9"], reason="Tvist om hyresavtal", user=None)
    assert services.describe_retention(case).endswith("Spärrad för gallring (2.9 med allt under: Tvist om hyresavtal).")
