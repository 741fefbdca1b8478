"""Every time a person sees is Stockholm time (TIME_ZONE): notes, history and dates on the admin pages, in the
PDF and in the API, whose ISO 8601 times carry the local offset. 04:47 UTC on 1 June is 06:47 in Stockholm."""

import datetime
import io
import re

import pytest
import time_machine
from pypdf import PdfReader
from rest_framework.test import APIClient

from records.installations.services import installer_cases as installations
from records.work_orders import services as work_orders
from tests.records.work_factories import (
    ContractorFactory,
    contractor_user,
    grid_staff,
    installer,
    make_installer_case,
    make_team,
    make_work_order,
    orderer,
)

pytestmark = pytest.mark.django_db
MOMENT = datetime.datetime(2026, 6, 1, 4, 47, tzinfo=datetime.UTC)
LATE_EVENING = datetime.datetime(2026, 5, 31, 22, 30, tzinfo=datetime.UTC)  # 00:30 on 1 June in Stockholm


def api_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def iso_times(data) -> list[str]:
    """Every ISO 8601 date-time anywhere in an API answer."""
    return re.findall(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)", str(data))


@pytest.fixture
def order(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contractor = ContractorFactory()
    boss, worker = orderer(username="bestallaren"), contractor_user(contractor, username="entreprenoren")
    with time_machine.travel(MOMENT, tick=False):
        order = make_work_order(user=boss, contractor=contractor, status="accepterad", by=worker)
        work_orders.add_note(order, "Ring hyresgästen innan", boss)
    return order, boss


@pytest.fixture
def installer_case(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = grid_staff()
    with time_machine.travel(MOMENT, tick=False):
        case = make_installer_case(make_team(installer(username="agaren")))
        installations.add_note(case, "Vi kommer på torsdag.", staff)
    return case, staff


def test_a_work_order_page_shows_its_notes_and_history_in_local_time(client, order):
    order, boss = order
    client.force_login(boss)
    page = client.get(f"/admin/records/workorder/{order.pk}/change/").content.decode()
    assert "2026-06-01 06:47" in page and "04:47" not in page


def test_the_work_order_pdf_shows_local_time(client, order):
    order, boss = order
    client.force_login(boss)
    pdf = client.get(f"/admin/records/workorder/{order.pk}/pdf/")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "2026-06-01 06:47" in text and "04:47" not in text


def test_the_work_order_api_gives_times_with_the_local_offset(order):
    order, boss = order
    api = api_for(boss)
    detail = api.get(f"/api/v1/work-orders/{order.pk}/").json()
    assert detail["notes"][0]["created_at"] == "2026-06-01T06:47:00+02:00"
    assert detail["accepted_at"] == "2026-06-01T06:47:00+02:00"
    history = api.get(f"/api/v1/work-orders/{order.pk}/history/").json()
    times = iso_times(detail) + iso_times(history)
    assert times and all(time.endswith("+02:00") for time in times), times
    assert "04:47" not in str(history)


def test_an_installer_case_page_and_api_show_local_time(client, installer_case):
    case, staff = installer_case
    client.force_login(staff)
    page = client.get(f"/admin/records/installercase/{case.pk}/change/").content.decode()
    assert "2026-06-01 06:47" in page and "04:47" not in page
    api = api_for(staff)
    detail = api.get(f"/api/v1/installer-cases/{case.pk}/").json()
    assert detail["notes"][0]["created_at"] == "2026-06-01T06:47:00+02:00"
    times = iso_times(detail) + iso_times(api.get(f"/api/v1/installer-cases/{case.pk}/history/").json())
    assert times and all(time.endswith("+02:00") for time in times), times


def test_a_team_page_dates_its_members_and_decisions_by_the_local_day(client, seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(LATE_EVENING, tick=False):
        team = make_team(installer(username="agaren"))
    client.force_login(grid_staff())
    page = client.get(f"/admin/records/team/{team.pk}/change/").content.decode()
    assert "2026-06-01" in page and "2026-05-31" not in page
