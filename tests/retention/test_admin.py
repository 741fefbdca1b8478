"""The archivist's admin: rule changes previewed and confirmed, the case page's retention, lists, holds, the log."""

import datetime
import re

import pytest

from retention.models import (
    DisposalList,
    DisposalRecord,
    ItemState,
    LegalHold,
    ListStatus,
    RetentionRule,
)
from tests.retention.factories import (
    RuleFactory,
    closed_case,
)

pytestmark = pytest.mark.django_db
RULE_FORM = {
    "node_code": "2.9",
    "document_type_name": "",
    "action": "gallras",
    "years": "2",
    "months": "",
    "trigger": "case_closed",
    "authority": "GA 2019/3",
    "note": "",
}


def token(page: str) -> str:
    return re.search(r'name="preview_token" value="([0-9a-f]+)"', page).group(1)


def test_a_new_rule_is_saved_only_after_the_archivist_has_seen_what_it_moves(client, seed_plan, archivist, on_commit):
    with on_commit():
        closed_case("2.9.1", datetime.date(2020, 1, 1))
    client.force_login(archivist)
    first = client.post("/admin/retention/retentionrule/add/", RULE_FORM)
    page = first.content.decode()
    assert first.status_code == 200 and "Vad ändringen gör" in page
    assert "1 ärende får ny åtgärd eller nytt gallringsdatum" in page and "1 blir gallringsbara i dag" in page
    assert RetentionRule.objects.count() == 0
    with on_commit():
        second = client.post("/admin/retention/retentionrule/add/", {**RULE_FORM, "preview_token": token(page)})
    assert second.status_code == 302
    rule = RetentionRule.objects.get()
    assert rule.history.get().history_user == archivist and rule.case_retentions.count() == 1


def test_changing_the_values_after_the_preview_asks_again(client, seed_plan, archivist):
    client.force_login(archivist)
    page = client.post("/admin/retention/retentionrule/add/", RULE_FORM).content.decode()
    again = client.post(
        "/admin/retention/retentionrule/add/", {**RULE_FORM, "years": "5", "preview_token": token(page)}
    )
    assert again.status_code == 200 and "Vad ändringen gör" in again.content.decode()
    assert RetentionRule.objects.count() == 0


def test_a_bad_rule_gets_its_swedish_message_on_the_field(client, seed_plan, archivist):
    RuleFactory(node=seed_plan["2.8"], years=1)
    client.force_login(archivist)
    for changes, message in [
        ({"years": ""}, "Ange gallringsfristen"),
        ({"action": "bevaras"}, "Det som bevaras har ingen gallringsfrist"),
        ({"node_code": "2.8"}, "Noden 2.8 har redan en gallringsregel"),
        ({"document_type_name": "tandborstar"}, "finns inte under 2.9"),
    ]:
        page = client.post("/admin/retention/retentionrule/add/", {**RULE_FORM, **changes}).content.decode()
        assert message in page and "Vad ändringen gör" not in page
    assert RetentionRule.objects.count() == 1


def test_removing_a_rule_shows_what_falls_back_first(client, seed_plan, archivist, on_commit):
    rule = RuleFactory(node=seed_plan["2.9"], years=2)
    with on_commit():
        closed_case("2.9.1", datetime.date(2020, 1, 1))
    client.force_login(archivist)
    page = client.get(f"/admin/retention/retentionrule/{rule.pk}/delete/").content.decode()
    assert "Vad ändringen gör" in page and "1 ärende får ny åtgärd" in page
    with on_commit():
        client.post(f"/admin/retention/retentionrule/{rule.pk}/delete/", {"post": "yes"})
    assert not RetentionRule.objects.exists() and RetentionRule.history.filter(history_type="-").exists()


def test_the_case_page_shows_the_rule_in_force_in_words(client, seed_plan, registrar, on_commit):
    RuleFactory(node=seed_plan["2.9"], years=2, authority="GA 2019/3")
    with on_commit():
        case = closed_case("2.9.1", datetime.date(2026, 12, 31), documents=[(datetime.date(2026, 12, 1), None)])
    client.force_login(registrar)
    page = client.get(f"/admin/records/case/{case.pk}/change/").content.decode()
    assert "Gallras 2 år efter avslut enligt regel på 2.9, beslut GA 2019/3: 2028-12-31" in page
    assert f"{case.reference}-1" in page


def test_an_archivist_draws_reviews_approves_and_executes_a_list_in_the_admin(
    client, seed_plan, archivist, second_archivist, on_commit
):
    RuleFactory(node=seed_plan["2.9"], years=2)
    with on_commit():
        cases = [closed_case("2.9.1", datetime.date(2020, 1, 1), title=f"Ärende {n}") for n in range(2)]
    client.force_login(archivist)
    response = client.post(
        "/admin/retention/disposallist/add/",
        {"name": "Gallring 2026:1", "as_of": datetime.date.today().isoformat(), "process": "2.9", "note": ""},
    )
    disposal_list = DisposalList.objects.get()
    assert response.status_code == 302 and disposal_list.items.count() == 2
    page = client.get(f"/admin/retention/disposallist/{disposal_list.pk}/change/").content.decode()
    assert "Skicka till granskning" in page and cases[0].reference in page
    client.post(f"/admin/retention/disposallist/{disposal_list.pk}/submit/")
    item = disposal_list.items.get(case_key=cases[1].pk)
    client.post(
        "/admin/retention/disposalitem/",
        {"action": "exclude_selected", "_selected_action": [item.pk], "reason": "Behövs för en utredning"},
    )
    item.refresh_from_db()
    assert item.state == ItemState.EXCLUDED and item.exclusion_reason == "Behövs för en utredning"
    own = client.post(f"/admin/retention/disposallist/{disposal_list.pk}/approve/", follow=True)
    assert "Du kan inte godkänna din egen gallringslista" in own.content.decode()
    client.force_login(second_archivist)
    client.post(f"/admin/retention/disposallist/{disposal_list.pk}/approve/")
    wrong = client.post(f"/admin/retention/disposallist/{disposal_list.pk}/execute/", {"confirmation": "gallring"})
    assert "Skriv listans namn exakt" in wrong.content.decode()
    with on_commit():
        client.post(f"/admin/retention/disposallist/{disposal_list.pk}/execute/", {"confirmation": "Gallring 2026:1"})
    disposal_list.refresh_from_db()
    assert disposal_list.status == ListStatus.EXECUTED and DisposalRecord.objects.count() == 1
    certificate = client.get(f"/admin/retention/disposallist/{disposal_list.pk}/gallringsprotokoll.pdf")
    assert certificate.content.startswith(b"%PDF")


def test_the_disposal_log_can_be_read_but_never_changed_or_deleted(client, seed_plan, archivist, registrar):
    client.force_login(archivist)
    assert client.get("/admin/retention/disposalrecord/").status_code == 200
    assert client.get("/admin/retention/disposalrecord/add/").status_code == 403
    from django.contrib.admin import site

    record_admin = site._registry[DisposalRecord]
    request = type("Request", (), {"user": archivist})()
    assert not record_admin.has_delete_permission(request) and not record_admin.has_change_permission(request)
    client.force_login(registrar)
    assert client.get("/admin/retention/disposalrecord/").status_code == 200


def test_a_hold_is_placed_by_reference_or_node_and_released_not_deleted(client, seed_plan, archivist, on_commit):
    with on_commit():
        case = closed_case("2.9.1", datetime.date(2020, 1, 1))
    client.force_login(archivist)
    client.post("/admin/retention/legalhold/add/", {"reference": case.reference, "node_code": "", "reason": "Tvist"})
    client.post("/admin/retention/legalhold/add/", {"reference": "", "node_code": "2.9", "reason": "Revision"})
    bad = client.post("/admin/retention/legalhold/add/", {"reference": "BOP 1999/1", "node_code": "", "reason": "x"})
    assert "finns inte i diariet" in bad.content.decode()
    holds = LegalHold.objects.order_by("id")
    assert [(h.case_id, h.node_id, h.set_by) for h in holds] == [
        (case.pk, None, archivist),
        (None, seed_plan["2.9"].pk, archivist),
    ]
    client.post("/admin/retention/legalhold/", {"action": "release_selected", "_selected_action": [holds[0].pk]})
    assert LegalHold.objects.active().count() == 1
    assert client.get(f"/admin/retention/legalhold/{holds[0].pk}/delete/").status_code == 403


def test_readers_cannot_change_the_schedule(client, seed_plan, reader):
    client.force_login(reader)
    assert client.get("/admin/retention/retentionrule/").status_code == 200
    assert client.get("/admin/retention/retentionrule/add/").status_code == 403
    assert client.get("/admin/retention/disposallist/").status_code == 403
