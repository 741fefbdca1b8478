"""Stored due dates are kept right: on closing, reopening, reclassifying and rule changes, and previewed first."""

import datetime

import pytest
import time_machine

from classification.models import DocumentType
from records.models import Direction
from records.register import services as records_services
from retention import services
from retention.models import CaseRetention
from retention.services.compute import RuleBook, compute_case
from retention.services.rules import RuleData
from tests.retention.factories import (
    RuleFactory,
    closed_case,
    open_case,
)

pytestmark = pytest.mark.django_db


def stored(case):
    row = CaseRetention.objects.get(case=case)
    return row.action, row.due_date


def test_closing_a_case_stores_its_rule_source_and_due_date(seed_plan, on_commit):
    rule = RuleFactory(node=seed_plan["2.9"], years=2)
    with on_commit():
        case = closed_case("2.9.1", datetime.date(2026, 3, 1))
    row = CaseRetention.objects.get(case=case)
    assert (row.rule, row.source_node.code, row.process.code) == (rule, "2.9", "2.9.1")
    assert (row.action, row.trigger_date, row.due_date) == (
        "gallras",
        datetime.date(2026, 3, 1),
        datetime.date(2028, 3, 1),
    )


def test_an_open_case_has_a_rule_but_no_due_date(seed_plan, on_commit):
    RuleFactory(node=seed_plan["2.9"], years=2)
    with on_commit():
        case = open_case("2.9.1")
    assert stored(case) == ("gallras", None)


def test_reopening_clears_the_date_and_closing_again_sets_a_new_one(seed_plan, on_commit):
    RuleFactory(node=seed_plan["2.9"], years=2)
    with on_commit():
        case = closed_case("2.9.1", datetime.date(2024, 1, 10))
    with on_commit():
        case = records_services.reopen_case(case, None, "Ny uppgift")
    assert stored(case) == ("gallras", None)
    with on_commit():
        records_services.close_case(case, None, closed_on=datetime.date(2025, 2, 1))
    assert stored(case) == ("gallras", datetime.date(2027, 2, 1))


def test_reclassifying_gives_the_case_the_rule_of_its_new_place(seed_plan, on_commit):
    RuleFactory(node=seed_plan["2.9"], years=2)
    RuleFactory(node=seed_plan["2.6"], preserve=True)
    with on_commit():
        case = closed_case("2.9.1", datetime.date(2024, 1, 10))
    with on_commit():
        records_services.reclassify_case(case, "2.6.2", "Hör till arkivredovisningen", None)
    row = CaseRetention.objects.get(case=case)
    assert (row.action, row.due_date, row.process.code, row.source_node.code) == ("bevaras", None, "2.6.2", "2.6")


def test_a_rule_change_recomputes_every_case_beneath_it(seed_plan, on_commit):
    rule = RuleFactory(node=seed_plan["2.9"], years=2)
    with on_commit():
        cases = [closed_case(code, datetime.date(2024, 5, 1)) for code in ("2.9.1", "2.9.2", "2.9.3")]
        elsewhere = closed_case("2.8.3", datetime.date(2024, 5, 1))
    with on_commit():
        services.save_rule(RuleData(action="gallras", node="2.9", years=5), rule=rule, user=None)
    assert [stored(case) for case in cases] == [("gallras", datetime.date(2029, 5, 1))] * 3
    assert stored(elsewhere) == ("", None)
    with on_commit():
        services.save_rule(RuleData(action="bevaras", node="2.9.3"), user=None)
    assert stored(cases[2]) == ("bevaras", None)
    with on_commit():
        services.delete_rule(rule, user=None)
    assert stored(cases[0]) == ("", None)


def test_a_cancelled_case_counts_from_the_day_it_was_cancelled(seed_plan, on_commit):
    RuleFactory(node=seed_plan["2.9"], years=None, months=6)
    with time_machine.travel(datetime.datetime(2026, 11, 25, 12, 0)), on_commit():
        case = open_case("2.9.1", opened_on=datetime.date(2025, 1, 1))
        case = records_services.cancel_case(case, None, "Felregistrerat")
    assert stored(case) == ("gallras", datetime.date(2027, 5, 25))


def test_a_document_type_rule_that_preserves_keeps_the_whole_case(seed_plan, on_commit):
    process = seed_plan["2.9.1"]
    RuleFactory(node=seed_plan["2.9"], years=2)
    RuleFactory(document_type=DocumentType.objects.get(node=process, name="inventarielistor över konst"), preserve=True)
    art = DocumentType.objects.get(node=process, name="inventarielistor över konst")
    with on_commit():
        case = closed_case("2.9.1", datetime.date(2024, 1, 1), documents=[(datetime.date(2023, 12, 1), art)])
        plain = closed_case("2.9.1", datetime.date(2024, 1, 1), documents=[(datetime.date(2023, 12, 1), None)])
    assert stored(case) == ("bevaras", None)
    assert stored(plain) == ("gallras", datetime.date(2026, 1, 1))


def test_a_document_date_rule_counts_from_the_youngest_document(seed_plan, on_commit):
    RuleFactory(node=seed_plan["2.13"], years=1, trigger="document_date")
    with on_commit():
        case = open_case("2.13", opened_on=datetime.date(2024, 1, 1))
        for day in (datetime.date(2024, 2, 1), datetime.date(2024, 8, 15)):
            records_services.add_document(
                case,
                user=None,
                direction=Direction.INCOMING,
                title="Körjournal",
                document_date=day,
                registered_on=datetime.date(2024, 9, 1),
            )
        records_services.close_case(case, None, closed_on=datetime.date(2024, 9, 30))
    assert stored(case) == ("gallras", datetime.date(2025, 8, 15))


def test_the_set_based_recompute_agrees_with_the_case_by_case_computation(seed_plan):
    process = seed_plan["2.9.1"]
    contract = DocumentType.objects.get(node=process, name="hyresavtal")
    RuleFactory(node=seed_plan["2"], years=3, trigger="end_of_closing_year")
    RuleFactory(node=seed_plan["2.9"], years=2)
    RuleFactory(node=seed_plan["2.13"], years=1, trigger="document_date")
    RuleFactory(document_type=contract, years=10)
    RuleFactory(node=seed_plan["2.6"], preserve=True)
    cases = [
        closed_case("2.9.1", datetime.date(2024, 1, 31), documents=[(datetime.date(2023, 5, 1), contract)]),
        closed_case("2.9.2", datetime.date(2024, 2, 29)),
        closed_case("2.13", datetime.date(2024, 3, 1), documents=[(datetime.date(2024, 2, 10), None)]),
        closed_case("2.4.1", datetime.date(2023, 7, 7)),
        closed_case("2.6.2", datetime.date(2023, 7, 7)),
        closed_case("3.3", datetime.date(2023, 7, 7)),
        open_case("2.9.3"),
    ]
    CaseRetention.objects.all().delete()
    services.recompute_scope(None)
    book = RuleBook()
    for case in cases:
        expected = compute_case(case, book)
        assert stored(case) == (expected.action, expected.due_date), case.process.code


def test_the_preview_tells_how_many_records_move_and_where_without_writing(seed_plan, on_commit):
    rule = RuleFactory(node=seed_plan["2.9"], years=10)
    with on_commit():
        old = [closed_case("2.9.1", datetime.date(2020, 6, 1)) for _ in range(3)]
        young = closed_case("2.9.2", datetime.date(2025, 6, 1))
        closed_case("2.8.3", datetime.date(2020, 6, 1))
    before = list(CaseRetention.objects.order_by("case_id").values_list("case_id", "action", "due_date"))
    preview = services.preview_rule_change(RuleData(action="gallras", node="2.9", years=2), rule=rule)
    assert preview.moved == 4 and preview.newly_due == 3 and preview.no_longer_due == 0
    assert dict(preview.per_year) == {"2022": 3, "2027": 1}
    assert {move.reference for move in preview.samples} == {case.reference for case in [*old, young]}
    assert list(CaseRetention.objects.order_by("case_id").values_list("case_id", "action", "due_date")) == before
    rule.refresh_from_db()
    assert rule.years == 10 and rule.history.count() == 1


def test_the_preview_of_a_deletion_shows_what_falls_back(seed_plan, on_commit):
    RuleFactory(node=seed_plan["2"], preserve=True)
    rule = RuleFactory(node=seed_plan["2.9"], years=2)
    with on_commit():
        closed_case("2.9.1", datetime.date(2020, 6, 1))
    preview = services.preview_rule_deletion(rule)
    assert preview.moved == 1 and preview.no_longer_due == 1 and preview.samples[0].new_action == "bevaras"


def test_the_preview_refuses_an_invalid_rule_like_saving_does(seed_plan):
    from common.errors import DomainError

    with pytest.raises(DomainError):
        services.preview_rule_change(RuleData(action="gallras", node="2.9"))
