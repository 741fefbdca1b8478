"""Factories for work orders, installer cases, teams and decisions; everything goes through the services."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from common.identity_numbers import with_check_digit
from records.installations.services import installer_cases as installations
from records.installations.services import teams
from records.installations.services.installer_cases import InstallerCaseData
from records.models import Contractor, InstallerCaseStatus, Team, WorkOrderType
from records.work_orders import services as work_orders
from tests.factories import UserFactory
from tests.records.factories import pdf_bytes, png_bytes

# Luhn-valid, obviously fictitious organisation numbers (5599xx-xxxx).
ORG_A = "559900-0006"
ORG_B = "559900-0014"


def org_number(n: int) -> str:
    number = with_check_digit(f"5599{n:05d}")
    return f"{number[:6]}-{number[6:]}"


def picture(name="bild.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def certificate(name="auktorisationsbevis.pdf", text="Auktorisationsbevis från Elsäkerhetsverket"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def orderer(**kwargs):
    return UserFactory(groups=["Beställare"], **kwargs)


def contractor_user(contractor=None, **kwargs):
    user = UserFactory(groups=["Entreprenör"], **kwargs)
    if contractor is not None:
        contractor.users.add(user)
    return user


def installer(**kwargs):
    return UserFactory(groups=["Installatör"], **kwargs)


def grid_staff(**kwargs):
    return UserFactory(groups=["Kundservice"], **kwargs)


class ContractorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contractor

    name = factory.Sequence(lambda n: f"Fiktiv Entreprenad {n} AB")
    organisation_number = factory.Sequence(lambda n: org_number(100 + n))
    email = factory.Sequence(lambda n: f"order{n}@entreprenad.example.org")


def make_work_order(*, user=None, contractor=None, status=None, by=None, **fields):
    """A work order ordered by `user` (the system by default), taken to `status` by `by` (a contractor user)."""
    contractor = contractor or ContractorFactory()
    values = {
        "order_type": WorkOrderType.FAULT,
        "property_name": "Demofastigheten 1:1",
        "apartment": "1101",
        "address": "Demogatan 12",
        "subject": "Diskmaskinen läcker vatten",
        "tenant_name": "Tolvan Tolvansson",
        "tenant_phone": "070-000 00 00",
        **fields,
    }
    order = work_orders.create_work_order(work_orders.WorkOrderData(contractor=contractor, **values), user=user)
    if status in ("accepterad", "utford", "fakturerad"):
        order = work_orders.accept_work_order(order, by)
    if status in ("utford", "fakturerad"):
        order = work_orders.complete_work_order(
            order, by, action_performed="Bytt slang", unit_model="X1", unit_serial="S1"
        )
    if status == "fakturerad":
        order = work_orders.mark_invoiced(order, None)
    if status == "makulerad":
        order = work_orders.cancel_work_order(order, None, "Hyresgästen avbokade")
    return order


def make_team(owner=None, *, organisation_number=ORG_A, name=None, competences=("el",), members=(), user=None):
    owner = owner or installer()
    team = teams.register_team(
        name=name or f"Team {owner.username}",
        organisation_number=organisation_number,
        company_name="Fiktiv El AB",
        competences=list(competences),
        certificate=certificate(),
        user=user or owner,
        owner=owner,
    )
    for member in members:
        teams.add_member(team, member, owner)
    return Team.objects.get(pk=team.pk)


def make_installer_case(team, installer_user=None, status=InstallerCaseStatus.NEW, **fields):
    installer_user = installer_user or team.owner
    data = InstallerCaseData(
        **{
            "case_type": "sakringsandring",
            "street_address": "Solgatan 20",
            "postal_code": "25220",
            "city": "Helsingborg",
            "latitude": "56.046",
            "longitude": "12.695",
            **fields,
        }
    )
    case = installations.send_installer_case(data, user=installer_user, team=team)
    path = [
        InstallerCaseStatus.PLANNING,
        InstallerCaseStatus.EXECUTION,
        InstallerCaseStatus.COMPLETION_REPORTED,
        InstallerCaseStatus.CLOSED,
    ]
    if status in path:
        for step in path[: path.index(status) + 1]:
            by = installer_user if step == InstallerCaseStatus.COMPLETION_REPORTED else None
            case = installations.change_status(case, step, by)
    elif status == InstallerCaseStatus.CANCELLED:
        installations.cancel_installer_case(case, None, "Kunden har ångrat sig")
        case.refresh_from_db()
    return case


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
