"""The public register (postlista): one page per day, no login, confidential fields masked, a helpful empty state."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from records.register import services
from tests.records.factories import CaseFactory, text_file

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 25)


@pytest.fixture
def registered_day(seed_plan, make_user):
    registrar = make_user(groups=["Registrator"])
    with time_machine.travel("2026-11-25 10:00 +01:00", tick=False):
        open_case = CaseFactory(
            process=seed_plan["2.9.1"], user=registrar, title="Byte av hissar i kv. Demo", description="Offert bifogas"
        )
        services.add_document(
            open_case,
            user=registrar,
            direction="incoming",
            title="Offert hissbyte",
            counterpart="Fiktiva Hissar AB",
            files=[text_file("offert.txt", "Pris 100 kr")],
        )
        secret = services.register_case(
            process="2.3.4",
            title="Rehabilitering av Kalle Demosson",
            user=registrar,
            confidentiality=services.Confidentiality(
                legal_ground="OSL 39 kap. 1 §", public_title="Rehabiliteringsärende"
            ),
            parties=[services.PartyData("Kalle Demosson", "19121212-1212")],
        )
        services.add_document(
            secret, user=registrar, direction="incoming", title="Läkarintyg Kalle", counterpart="Vårdcentralen Demo"
        )
    return open_case, secret


def test_it_lists_the_cases_and_documents_of_a_day_without_login(client, registered_day):
    open_case, secret = registered_day
    with time_machine.travel("2026-11-26 09:00 +01:00", tick=False):
        response = client.get(reverse("records:public-register-day", args=["2026-11-25"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert open_case.reference in page and "Byte av hissar i kv. Demo" in page and "2.9.1" in page
    assert f"{open_case.reference}-1" in page and "Offert hissbyte" in page and "Fiktiva Hissar AB" in page
    assert secret.reference in page and "Rehabiliteringsärende" in page and f"{secret.reference}-1" in page


def test_it_leaks_nothing_confidential(client, registered_day):
    with time_machine.travel("2026-11-26 09:00 +01:00", tick=False):
        page = client.get(reverse("records:public-register-day", args=["2026-11-25"])).content.decode()
    for secret in ("Kalle", "Vårdcentralen", "19121212", "Läkarintyg", "Offert bifogas", "offert.txt", "Pris 100"):
        assert secret not in page


def test_it_shows_today_by_default_with_navigation(client, registered_day):
    with time_machine.travel("2026-11-25 16:00 +01:00", tick=False):
        response = client.get(reverse("records:public-register"))
    page = response.content.decode()
    assert response.context["day"] == DAY and "Byte av hissar" in page
    assert reverse("records:public-register-day", args=["2026-11-24"]) in page
    assert response.context["next_day"] is None  # no tomorrow yet


def test_it_helps_on_an_empty_day(client, registered_day):
    with time_machine.travel("2026-12-02 09:00 +01:00", tick=False):
        response = client.get(reverse("records:public-register-day", args=["2026-11-28"]))
    page = response.content.decode()
    assert "Inga ärenden eller handlingar registrerades den 28 november 2026" in page
    assert reverse("records:public-register-day", args=["2026-11-25"]) in page  # the latest day with entries


def test_it_goes_to_a_chosen_date_and_rejects_nonsense(client, registered_day):
    response = client.get(reverse("records:public-register"), {"datum": "2026-11-25"})
    assert response.status_code == 302 and response.url == reverse("records:public-register-day", args=["2026-11-25"])
    assert client.get(reverse("records:public-register-day", args=["2026-13-45"])).status_code == 404
    assert client.get(reverse("records:public-register"), {"datum": "igår"}).status_code == 404


def test_it_says_so_when_the_register_is_empty(client, db):
    page = client.get(reverse("records:public-register")).content.decode()
    assert "Diariet har inga registreringar ännu." in page
