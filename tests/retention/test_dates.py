"""The due-date calculator, and its SQL twin that the set-based recompute uses, on this database."""

import datetime

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from retention.dates import (
    Trigger,
    add_months,
    add_months_sql,
    due_date,
    trigger_date,
    trigger_date_sql,
)


def test_it_adds_whole_months_and_keeps_the_day():
    assert add_months(datetime.date(2026, 3, 15), 24) == datetime.date(2028, 3, 15)
    assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)


def test_a_missing_day_becomes_the_last_day_of_the_month():
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)


def test_the_period_counts_from_closing_the_year_end_or_the_youngest_document():
    closed = datetime.date(2026, 5, 20)
    documents = [datetime.date(2026, 1, 3), datetime.date(2026, 7, 1)]
    assert due_date(Trigger.CASE_CLOSED, 24, closed) == datetime.date(2028, 5, 20)
    assert due_date(Trigger.END_OF_CLOSING_YEAR, 24, closed) == datetime.date(2028, 12, 31)
    assert due_date(Trigger.DOCUMENT_DATE, 24, closed, documents) == datetime.date(2028, 7, 1)
    assert due_date(Trigger.DOCUMENT_DATE, 24, closed, []) == datetime.date(2028, 5, 20)


def test_an_open_case_has_no_date():
    assert trigger_date(Trigger.CASE_CLOSED, None) is None
    assert due_date(Trigger.END_OF_CLOSING_YEAR, 12, None) is None


def _sql(expression: str, day: datetime.date):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {expression} FROM (SELECT %s AS day) AS given", [day])
        value = cursor.fetchone()[0]
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None)
@given(
    day=st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)),
    months=st.integers(0, 600),
    trigger=st.sampled_from([Trigger.CASE_CLOSED, Trigger.END_OF_CLOSING_YEAR]),
)
def test_the_sql_arithmetic_gives_the_same_dates_as_python(day, months, trigger):
    column = "CAST(given.day AS date)" if connection.vendor == "postgresql" else "given.day"
    start = trigger_date_sql(connection.vendor, trigger, column, "NULL")
    assert _sql(add_months_sql(connection.vendor, start, months), day) == due_date(trigger, months, day)
