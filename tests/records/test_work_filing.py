"""Where record types are filed is configuration with defaults from the seed plan, checked at start-up."""

import pytest
from django.core.management import call_command

from classification.models import Node
from records.checks import check_filing_processes
from records.register.filing import process_code_for
from tests.records.work_factories import ContractorFactory, make_work_order

pytestmark = pytest.mark.django_db


def ids(messages):
    return [m.id for m in messages]


def test_the_defaults_file_work_orders_and_installer_cases_under_2_9_1(settings):
    assert process_code_for("work_order") == "2.9.1" and process_code_for("work_order", "fel") == "2.9.1"
    assert process_code_for("installer_case") == "2.9.1" and process_code_for("team_decision") == "2.8.3"


def test_a_record_type_or_one_sub_type_can_be_filed_elsewhere(seed_plan, settings):
    settings.ORDNA_FILING = {"work_order.tillval": "2.9.3"}
    assert make_work_order(order_type="tillval", contractor=ContractorFactory()).case.process.code == "2.9.3"
    assert make_work_order(order_type="fel").case.process.code == "2.9.1"


def test_the_start_up_check_passes_on_the_seed_plan(seed_plan):
    assert check_filing_processes() == []


def test_it_only_warns_before_the_plan_is_loaded():
    assert not Node.objects.exists()
    assert ids(check_filing_processes()) == ["records.W001"]
    call_command("check")  # does not stop `check` (nor `migrate`) on an empty database


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("9.9.9", "finns inte i klassificeringsstrukturen"),
        ("2.9", "är en PG, inte en process (P)"),
        ("3.2.5", "har upphört (2020-05-01)"),
    ],
)
def test_it_reports_a_configured_code_that_is_missing_or_not_an_active_process(seed_plan, settings, code, problem):
    settings.ORDNA_FILING = {"installer_case": code}
    errors = check_filing_processes()
    assert ids(errors) == ["records.E001"]
    assert errors[0].msg == f"installer_case ska registreras på processen {code}, men {code} {problem}."
