"""Invoice references: only `AO1234` is accepted; `AO 1234`, `AO-1234`, `ao1234` and unknown numbers are explained."""

import pytest
from rest_framework.test import APIClient

from common.errors import DomainError
from records.work_orders.invoice_references import resolve_invoice_reference
from tests.records.work_factories import ContractorFactory, contractor_user, make_work_order, orderer

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(seed_plan):
    contractor = ContractorFactory()
    order = make_work_order(contractor=contractor)
    order.worker = contractor_user(contractor)
    return order


def message(raw, user=None) -> str:
    with pytest.raises(DomainError) as error:
        resolve_invoice_reference(raw, user)
    return error.value.field_messages()["ref"][0]


def test_it_resolves_the_exact_form(order):
    assert resolve_invoice_reference("AO1") == order


@pytest.mark.parametrize(
    ("raw", "explained"),
    [
        ("AO 1", "skriv AO1 (inget mellanslag mellan AO och numret)"),
        ("AO-1", "skriv AO1 (inget bindestreck mellan AO och numret)"),
        ("ao1", "skriv AO1 (AO med stora bokstäver)"),
        (
            "ao - 1",
            "inget mellanslag mellan AO och numret, inget bindestreck mellan AO och numret, AO med stora bokstäver",
        ),
        (" AO1", "inga mellanslag före eller efter"),
        ("AO.1", "inget tecken mellan AO och numret"),
    ],
)
def test_it_explains_what_is_wrong_with_an_almost_right_reference(order, raw, explained):
    text = message(raw)
    assert f"”{raw}” har fel format" in text and explained in text
    assert "utan mellanslag eller bindestreck" in text


@pytest.mark.parametrize("raw", ["1234", "AB1234", "AO", "arbetsorder 12", "AO12x"])
def test_it_refuses_what_is_no_work_order_number(order, raw):
    assert "är inget arbetsordernummer" in message(raw)


def test_it_says_an_unknown_number_does_not_exist(order):
    assert message("AO999") == "Det finns ingen arbetsorder AO999."
    assert message("") == "Ange arbetsordernumret i formatet AO1234."


def test_a_contractor_resolves_only_their_own_orders(order):
    assert resolve_invoice_reference("AO1", order.worker) == order
    stranger = contractor_user(ContractorFactory())
    assert message("AO1", stranger) == "Det finns ingen arbetsorder AO1 bland era arbetsorder."


def test_the_api_resolves_and_explains(order):
    api = APIClient()
    api.force_authenticate(order.worker)
    ok = api.get("/api/v1/work-orders/resolve/", {"ref": "AO1"})
    assert ok.status_code == 200 and ok.json()["reference"] == "AO1" and ok.json()["id"] == order.pk
    for raw, words in (
        ("AO 1", "mellanslag"),
        ("AO-1", "bindestreck"),
        ("ao1", "stora bokstäver"),
        ("AO77", "ingen arbetsorder"),
    ):
        bad = api.get("/api/v1/work-orders/resolve/", {"ref": raw})
        assert bad.status_code == 400 and words in bad.json()["ref"][0], raw
    api.force_authenticate(orderer())
    assert api.get("/api/v1/work-orders/resolve/", {"ref": "AO1"}).status_code == 200
