"""The plan's structural rules hold on every path: model saves, the admin form, moves and imports."""

import pytest
from django.urls import reverse

from classification.models import Node
from classification.rules import PlanRuleError
from classification.services import check_move

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(is_superuser=True))
    return client


def node(code, kind, parent=None, title="Rubrik"):
    return Node.objects.create(code=code, kind=kind, parent=parent, title=title)


def test_it_accepts_a_valid_tree():
    area = node("1", "VO")
    group = node("1.2", "PG", area)
    process = node("1.2.3", "P", group)
    direct = node("1.1", "P", area)
    assert [n.code for n in area.get_descendants()] == ["1.1", "1.2", "1.2.3"]
    assert process.accepts_records and direct.accepts_records


@pytest.mark.parametrize(
    "setup,code,kind,parent_code,words",
    [
        ([], "1.1", "P", None, "måste ligga under"),
        ([("1", "VO")], "1.1", "VO", "1", "överst"),
        ([("1", "VO"), ("1.1", "PG")], "1.1.1", "PG", "1.1", "direkt under ett verksamhetsområde"),
        ([("1", "VO"), ("1.1", "P")], "1.1.1", "P", "1.1", "måste ligga under"),
        ([("1", "VO"), ("2", "VO")], "2.1", "P", "1", "bygga vidare på överordnad kod 1"),
        ([("1", "VO")], "1.x", "P", "1", "ogiltig"),
    ],
)
def test_it_rejects_a_node_that_breaks_the_rules_naming_the_code(setup, code, kind, parent_code, words):
    created = {}
    for setup_code, setup_kind in setup:
        parent = created.get(setup_code.rsplit(".", 1)[0]) if "." in setup_code else None
        created[setup_code] = node(setup_code, setup_kind, parent)
    with pytest.raises(PlanRuleError) as excinfo:
        node(code, kind, created.get(parent_code))
    assert code in excinfo.value.messages[0] and words in excinfo.value.messages[0]
    assert not Node.objects.filter(code=code).exists()


def test_the_admin_form_shows_the_rule_as_an_error(admin_client):
    area = node("1", "VO")
    response = admin_client.post(
        reverse("admin:classification_node_add"),
        {
            "kind": "PG",
            "code": "2.1",
            "title": "Fel plats",
            "parent": area.pk,
            "document_types-TOTAL_FORMS": 0,
            "document_types-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "2.1: koden måste bygga vidare på överordnad kod 1" in response.content.decode()
    assert not Node.objects.filter(code="2.1").exists()


def test_the_admin_form_rejects_a_duplicate_code(admin_client):
    area = node("1", "VO")
    response = admin_client.post(
        reverse("admin:classification_node_add"),
        {
            "kind": "VO",
            "code": "1",
            "title": "Igen",
            "document_types-TOTAL_FORMS": 0,
            "document_types-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200 and Node.objects.filter(code="1").count() == 1
    assert "kod" in response.content.decode().lower()
    assert Node.objects.get(code="1").pk == area.pk


def test_it_refuses_a_move_that_breaks_the_code_rules(admin_client):
    area, other = node("1", "VO"), node("2", "VO")
    process = node("1.1", "P", area)
    with pytest.raises(PlanRuleError):
        check_move(process, other, "last-child")
    response = admin_client.post(
        reverse("admin:classification_node_changelist"),
        {"cmd": "move_node", "cut_item": process.pk, "pasted_on": other.pk, "position": "last-child"},
    )
    assert b"FAIL" in response.content
    process.refresh_from_db()
    assert process.parent_id == area.pk


def test_it_refuses_to_move_a_node_under_itself():
    area = node("1", "VO")
    group = node("1.1", "PG", area)
    with pytest.raises(PlanRuleError):
        check_move(area, group, "last-child")


def test_history_is_kept_without_tree_bookkeeping(admin_client):
    area = node("1", "VO", title="Styra")
    area.title = "Styra och leda"
    area.save()
    records = list(area.history.all())
    assert [r.history_type for r in records] == ["~", "+"]
    assert records[0].title == "Styra och leda" and records[1].title == "Styra"
    field_names = {f.name for f in Node.history.model._meta.fields}
    assert not {"lft", "rght", "tree_id", "level"} & field_names
    response = admin_client.get(reverse("admin:classification_node_history", args=[area.pk]))
    assert response.status_code == 200
    assert "Styra och leda" in response.content.decode()
