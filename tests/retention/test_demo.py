"""The demo: a schedule for the seed plan, a few old cases, a hold and a disposal list in review; idempotent."""

import io

import pytest

from retention import demo
from retention.models import DisposalList, LegalHold, ListStatus, RetentionRule

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_realistic_schedule_and_a_list_in_review_and_can_load_again(seed_plan):
    out = io.StringIO()
    demo.load(out)
    rules = RetentionRule.objects.count()
    assert rules >= 35 and "gallringsregler" in out.getvalue()
    assert RetentionRule.objects.filter(action="bevaras").count() >= 10
    assert RetentionRule.objects.get(node__code="2.9").authority == "GA 2019/3"
    assert RetentionRule.objects.filter(document_type__isnull=False).exists()
    disposal_list = DisposalList.objects.get()
    assert disposal_list.status == ListStatus.IN_REVIEW and disposal_list.items.count() >= 2
    held = LegalHold.objects.get()
    assert not disposal_list.items.filter(case_key=held.case_id).exists()
    demo.load(io.StringIO())
    assert (
        RetentionRule.objects.count() == rules and DisposalList.objects.count() == 1 and LegalHold.objects.count() == 1
    )
