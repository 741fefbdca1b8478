"""Reference numbers: per series and year, formatted, gap-free, never twice, also under concurrency."""

import threading

import pytest
import time_machine
from django.db import connection, connections, transaction

from records.models import Case, NumberSeries, SeriesCounter
from records.register import services
from tests.records.factories import CaseFactory


@pytest.mark.django_db
def test_it_numbers_cases_per_year_with_the_configured_prefix(seed_plan, settings):
    settings.ORDNA_REFERENCE_PREFIX = "KS"
    with time_machine.travel("2026-11-25 10:00 +01:00", tick=False):
        first = CaseFactory(process=seed_plan["2.9.1"])
        second = CaseFactory(process=seed_plan["1.2"])
    assert [first.reference, second.reference] == ["KS 2026/1", "KS 2026/2"]
    assert (second.year, second.serial) == (2026, 2)


@pytest.mark.django_db
def test_it_starts_again_at_one_in_a_new_year(seed_plan):
    with time_machine.travel("2025-12-31 23:00 +01:00", tick=False):
        CaseFactory(process=seed_plan["2.9.1"])
        last_of_2025 = CaseFactory(process=seed_plan["2.9.1"])
    with time_machine.travel("2026-01-01 08:00 +01:00", tick=False):
        first_of_2026 = CaseFactory(process=seed_plan["2.9.1"])
    assert last_of_2025.reference == "BOP 2025/2"
    assert first_of_2026.reference == "BOP 2026/1"


@pytest.mark.django_db
def test_it_gives_the_number_back_when_the_registration_rolls_back(seed_plan):
    CaseFactory(process=seed_plan["2.9.1"])
    with pytest.raises(RuntimeError), transaction.atomic():
        services.register_case(process="2.9.1", title="Rullas tillbaka", user=None)
        raise RuntimeError("something after the insert failed")
    after = CaseFactory(process=seed_plan["2.9.1"])
    assert after.serial == 2
    assert Case.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_refuses_to_allocate_outside_a_transaction():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        services.allocate_reference(services.register_series(), 2026)


@pytest.mark.django_db
def test_it_formats_other_series_for_later_record_types(seed_plan):
    work_orders = NumberSeries.objects.create(code="ao", name="Arbetsorder", pattern="AO{serial}", yearly=False)
    installer = NumberSeries.objects.create(
        code="ok", name="Installationsärende", pattern="OK-{serial:07d}", yearly=False
    )
    SeriesCounter.objects.create(series=installer, year=0, last_serial=3825)
    with time_machine.travel("2025-06-01 10:00 +02:00", tick=False):
        first = CaseFactory(process=seed_plan["2.9.1"], series=work_orders)
    with time_machine.travel("2026-06-01 10:00 +02:00", tick=False):
        second = CaseFactory(process=seed_plan["2.9.1"], series=work_orders)
        installer_case = CaseFactory(process=seed_plan["2.9.1"], series=installer)
        register_case = CaseFactory(process=seed_plan["2.9.1"])
    assert [first.reference, second.reference] == ["AO1", "AO2"]  # continuous over the year change
    assert installer_case.reference == "OK-0003826"
    assert register_case.reference == "BOP 2026/1"  # the register's own series is untouched


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_hands_out_no_number_twice_when_registrars_file_at_the_same_moment(seed_plan):
    if connection.vendor != "postgresql":
        pytest.skip("Real row locking needs PostgreSQL; SQLite serialises all writers anyway.")
    threads, per_thread = 8, 15
    barrier = threading.Barrier(threads)
    failures = []

    def registrar(index):
        try:
            barrier.wait()
            for n in range(per_thread):
                services.register_case(process="2.9.1", title=f"Registrator {index} ärende {n}", user=None)
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=registrar, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    serials = sorted(Case.objects.values_list("serial", flat=True))
    assert serials == list(range(1, threads * per_thread + 1))
    assert SeriesCounter.objects.get().last_serial == threads * per_thread
