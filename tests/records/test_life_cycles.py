"""Every life-cycle table of the register, walked state × role × action: what a table offers (the buttons
of the admin, the actions of the API and the portals) is exactly what its service accepts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from common.errors import DomainError
from records.installations.lifecycle import DRAFT, INSTALLER_CASE, TEAM
from records.installations.models.installer_cases import InstallerCase, InstallerCaseStatus, InstallerDraft
from records.installations.models.teams import Team
from records.installations.services import installer_cases, moves, teams
from records.installations.services.installer_cases import InstallerCaseData
from records.register import services
from records.register.lifecycle import CASE
from records.register.models.cases import CaseAccessGrant, CaseStatus
from records.register.models.documents import Direction
from records.work_orders import services as work_orders
from records.work_orders.lifecycle import WORK_ORDER
from records.work_orders.models import WorkOrder, WorkOrderNote, WorkOrderStatus
from tests.records.factories import CaseFactory, text_file
from tests.records.work_factories import (
    ORG_A,
    ContractorFactory,
    contractor_user,
    grid_staff,
    installer,
    make_installer_case,
    make_team,
    make_work_order,
    orderer,
    picture,
)

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


def accepts(call) -> bool:
    """Whether the service accepts the call; nothing it did is kept."""
    try:
        with transaction.atomic():
            call()
            raise _Rollback
    except _Rollback:
        return True
    except (DomainError, PermissionDenied):
        return False


def walk(table, objects: dict, roles: dict, calls: dict, fresh) -> list[str]:
    """Every disagreement between the table's offer and the service's answer, as readable lines."""
    assert set(calls) == set(table.actions), "every action of the table has a service call in the walk"
    disagreements = []
    for variant, obj in objects.items():
        for role, user in roles.items():
            for name, call in calls.items():
                offered = table.allows(name, user, fresh(obj))
                accepted = accepts(lambda call=call, user=user, obj=obj: call(fresh(obj), user))
                if offered != accepted:
                    disagreements.append(f"{variant} / {role} / {name}: offered={offered} accepted={accepted}")
                assert (name in [a.name for a in table.available_actions(user, fresh(obj))]) == offered
    return disagreements


# --- Work orders ------------------------------------------------------------------------------


def test_the_work_order_table_offers_exactly_what_the_services_accept(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contractor = ContractorFactory()
    worker, boss = contractor_user(contractor), orderer()
    S = WorkOrderStatus

    def order(status, *, question=False):
        made = make_work_order(contractor=contractor, status=S.ACCEPTED if question else status, by=worker)
        if question:
            work_orders.add_note(made, "Ska gamla maskinen köras bort?", worker, question=True)
            if status in (S.COMPLETED, S.INVOICED):
                made = work_orders.complete_work_order(made, worker, action_performed="Bytt", unit_model="M")
            if status == S.INVOICED:
                made = work_orders.mark_invoiced(made, None)
            if status == S.CANCELLED:
                made = work_orders.cancel_work_order(made, None, "Avbokad")
        return made

    objects = {status: order(status) for status in S.values}
    objects.update({f"{status}+fråga": order(status, question=True) for status in (S.ACCEPTED, S.CANCELLED)})

    def answer(o, u):
        question = WorkOrderNote.objects.filter(work_order=o, kind="question", answer__isnull=True).first()
        if question is None:
            raise DomainError("ingen obesvarad fråga")
        work_orders.answer_question(question, "Ja.", u)

    calls = {
        "accept": work_orders.accept_work_order,
        "note": lambda o, u: work_orders.add_note(o, "Portkod 1234.", u),
        "question": lambda o, u: work_orders.add_note(o, "Fråga?", u, question=True),
        "answer": answer,
        "pictures": lambda o, u: work_orders.add_pictures(o, [picture()], u),
        "complete": lambda o, u: work_orders.complete_work_order(o, u, action_performed="Bytt", unit_model="M"),
        "invoice": work_orders.mark_invoiced,
        "cancel": lambda o, u: work_orders.cancel_work_order(o, u, "Avbokad"),
    }
    roles = {
        "beställare": boss,
        "entreprenören": worker,
        "annan entreprenör": contractor_user(ContractorFactory()),
        "installatör": installer(),
    }
    fresh = lambda o: WorkOrder.objects.select_related("case").get(pk=o.pk)  # noqa: E731
    assert walk(WORK_ORDER, objects, roles, calls, fresh) == []


def test_the_work_order_table_is_what_the_admin_shows_as_buttons(client, seed_plan):
    contractor = ContractorFactory()
    worker = contractor_user(contractor)
    order = make_work_order(contractor=contractor)
    client.force_login(worker)
    html = client.get(f"/admin/records/workorder/{order.pk}/change/").content.decode()
    offered = [a.name for a in WORK_ORDER.available_actions(worker, order)]
    assert offered == ["accept"]
    assert f"/admin/records/workorder/{order.pk}/accept/" in html
    assert f"/admin/records/workorder/{order.pk}/complete/" not in html
    assert client.get(f"/admin/records/workorder/{order.pk}/complete/").status_code == 403


# --- Installer cases, drafts, teams -----------------------------------------------------------


@pytest.fixture
def installations(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner, member = installer(), installer()
    team = make_team(owner, members=[member])
    sibling = make_team(installer(), organisation_number=ORG_A, name="Systerteamet", members=[owner])
    return {"owner": owner, "member": member, "team": team, "sibling": sibling, "staff": grid_staff()}


def test_the_installer_case_table_offers_exactly_what_the_services_accept(installations):
    owner, member, team = installations["owner"], installations["member"], installations["team"]
    S = InstallerCaseStatus
    objects = {status: make_installer_case(team, status=status) for status in S.values}
    old = make_installer_case(team, status=S.EXECUTION)
    InstallerCase.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=800))
    objects["två år gammalt"] = old
    objects["medlemmens"] = make_installer_case(team, member, status=S.PLANNING)

    calls = {
        "note": lambda c, u: installer_cases.add_note(c, "Hej", u),
        "attach": lambda c, u: installer_cases.add_attachment(c, text_file("plan.txt"), u),
        "plan": lambda c, u: installer_cases.change_status(c, S.PLANNING, u),
        "execute": lambda c, u: installer_cases.change_status(c, S.EXECUTION, u),
        "report": lambda c, u: installer_cases.change_status(c, S.COMPLETION_REPORTED, u),
        "close": lambda c, u: installer_cases.change_status(c, S.CLOSED, u),
        "request_cancel": lambda c, u: installer_cases.request_cancellation(c, "Kunden ångrade sig", u),
        "cancel": lambda c, u: installer_cases.cancel_installer_case(c, u, "Kunden ångrade sig"),
        "move_member": lambda c, u: moves.move_to_member(
            [c], member if c.installer_id != member.pk else owner, u, "Semester"
        ),
        "move_team": lambda c, u: moves.move_to_team([c], installations["sibling"], u, "Omorganisation"),
        "move_admin": lambda c, u: moves.move_as_administrator(
            [c], to_installer=member if c.installer_id != member.pk else owner, to_team=team, user=u, grounds="Sjuk"
        ),
    }
    roles = {
        "nätägaren": installations["staff"],
        "teamägaren": owner,
        "medlemmen": member,
        "annan installatör": installer(),
    }
    fresh = lambda c: InstallerCase.objects.select_related("case", "team").get(pk=c.pk)  # noqa: E731
    assert walk(INSTALLER_CASE, objects, roles, calls, fresh) == []


def test_the_draft_table_offers_exactly_what_the_services_accept(installations):
    owner, team = installations["owner"], installations["team"]
    data = InstallerCaseData(
        case_type="sakringsandring",
        street_address="Solgatan 20",
        postal_code="25220",
        city="Helsingborg",
        latitude="56.046",
        longitude="12.695",
    )
    draft = installer_cases.save_draft(data, user=owner, team=team)
    calls = {
        "save": lambda d, u: installer_cases.save_draft(data, user=u, team=team, draft=d),
        "send": installer_cases.send_draft,
        "delete": installer_cases.delete_draft,
    }
    roles = {"den som skrev det": owner, "annan installatör": installations["member"], "nätägaren": grid_staff()}
    fresh = lambda d: InstallerDraft.objects.get(pk=d.pk)  # noqa: E731
    assert walk(DRAFT, {"sparat": draft}, roles, calls, fresh) == []


def test_the_team_table_offers_exactly_what_the_services_accept(installations):
    owner, member, team = installations["owner"], installations["member"], installations["team"]
    inactive = make_team(installer(), name="Vilande teamet", members=[installer()])
    Team.objects.filter(pk=inactive.pk).update(is_active=False)

    def removable(t):
        return t.members.exclude(pk=t.owner_id).first()

    calls = {
        "add_member": lambda t, u: teams.add_member(t, installer(), u, "Nyanställd"),
        "remove_member": lambda t, u: teams.remove_member(t, removable(t), u, "Slutat"),
    }
    roles = {"ägaren": owner, "medlemmen": member, "nätägaren": installations["staff"]}
    objects = {"aktivt": team, "inaktivt": inactive}
    fresh = lambda t: Team.objects.get(pk=t.pk)  # noqa: E731
    disagreements = walk(TEAM, objects, roles, calls, fresh)
    # The owner of the inactive team is not among the roles: walk it with its own owner as well.
    disagreements += walk(TEAM, {"inaktivt": inactive}, {"dess ägare": inactive.owner}, calls, fresh)
    assert disagreements == []


def test_the_team_table_is_what_the_admin_offers_the_owner(client, installations):
    owner, team = installations["owner"], installations["team"]
    client.force_login(owner)
    html = client.get(f"/admin/records/team/{team.pk}/change/").content.decode()
    assert f"/admin/records/team/{team.pk}/add_member/" in html
    client.force_login(installations["member"])
    html = client.get(f"/admin/records/team/{team.pk}/change/").content.decode()
    assert f"/admin/records/team/{team.pk}/add_member/" not in html


# --- Cases in the register ----------------------------------------------------------------------


def test_the_case_table_offers_exactly_what_the_services_accept(seed_plan, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    registrar = make_user(groups=["Registrator"], username="registrator")
    officer = make_user(groups=["Handläggare"], username="handlaggare")
    colleague = make_user(groups=["Handläggare"], username="kollega")
    process, other = seed_plan["2.9.1"], seed_plan["2.4.1"]

    def case(**kwargs):
        made = CaseFactory(process=process, responsible=officer, **kwargs)
        services.add_document(made, user=None, direction=Direction.INCOMING, title="Skrivelse")
        return made

    def with_state(made, status):
        if status == CaseStatus.CLOSED:
            return services.close_case(made, None)
        if status == CaseStatus.CANCELLED:
            return services.cancel_case(made, None, "Felregistrerat")
        return made

    objects = {status: with_state(case(), status) for status in CaseStatus.values}
    secret = case(confidential=True)
    services.grant_access(secret, colleague, "Vikarierar", None)
    objects["sekretess"] = secret
    work_order_case = make_work_order(contractor=ContractorFactory()).case
    services.add_document(work_order_case, user=None, direction=Direction.INCOMING, title="Skrivelse")
    objects["arbetsorderns ärende"] = work_order_case

    def revoke(c, u):
        grant = CaseAccessGrant.objects.filter(case=c).first()
        if grant is None:
            raise DomainError("ingen åtkomst att återkalla")
        services.revoke_access(grant, u)

    calls = {
        "edit": lambda c, u: services.update_case(c, user=u, title="Ny ärendemening"),
        "add_document": lambda c, u: services.add_document(
            c, user=u, direction=Direction.OUTGOING, title="Svar till sökanden"
        ),
        "edit_document": lambda c, u: services.update_document(c.documents.first(), user=u, title="Ändrad rubrik"),
        "attach_file": lambda c, u: services.attach_file(c.documents.first(), text_file(), u),
        "edit_parties": lambda c, u: services.add_party(c, services.PartyData("Fiktiva Fastigheter AB"), u),
        "set_confidentiality": lambda c, u: services.update_case(
            c, user=u, legal_ground="OSL 21 kap. 1 §", public_title="Ärende om enskild"
        ),
        "reclassify": lambda c, u: services.reclassify_case(c, other.code, "Fel process", u),
        "close": services.close_case,
        "reopen": services.reopen_case,
        "cancel": lambda c, u: services.cancel_case(c, u, "Felregistrerat"),
        "grant_access": lambda c, u: services.grant_access(c, make_user(groups=["Läsare"]), "Remiss", u),
        "revoke_access": revoke,
    }
    roles = {
        "registrator": registrar,
        "ansvarig handläggare": officer,
        "annan handläggare": colleague,
        "läsare": make_user(groups=["Läsare"], username="lasare"),
    }
    fresh = lambda c: type(c).objects.select_related("process").get(pk=c.pk)  # noqa: E731
    assert walk(CASE, objects, roles, calls, fresh) == []


def test_the_api_offers_each_user_the_tables_actions(seed_plan, registrar):
    from rest_framework.test import APIClient

    contractor = ContractorFactory()
    worker = contractor_user(contractor)
    order = make_work_order(contractor=contractor)
    api = APIClient()
    api.force_authenticate(worker)
    names = lambda body: [a["name"] for a in body["actions"]]  # noqa: E731
    assert names(api.get(f"/api/v1/work-orders/{order.pk}/").json()) == ["accept"]
    assert api.post(f"/api/v1/work-orders/{order.pk}/accept/").status_code == 200
    assert names(api.get(f"/api/v1/work-orders/{order.pk}/").json()) == ["note", "question", "complete"]

    case = CaseFactory(process=seed_plan["2.9.1"])
    api.force_authenticate(registrar)
    body = api.get(f"/api/v1/records/{case.pk}/").json()
    assert {"close", "cancel", "reclassify"} <= set(names(body)) and "reopen" not in names(body)
