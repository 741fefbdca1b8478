"""The one due-date calculator: from a rule's trigger and period to the day a record falls due.

`due_date()` is the reference. `trigger_date_sql()` and `add_months_sql()` express the same
arithmetic in SQL for the set-based recompute; tests hold the two to the same answers.
"""

import calendar
import datetime
from collections.abc import Iterable


class Trigger:
    CASE_CLOSED = "case_closed"
    DOCUMENT_DATE = "document_date"
    END_OF_CLOSING_YEAR = "end_of_closing_year"
    ALL = (CASE_CLOSED, DOCUMENT_DATE, END_OF_CLOSING_YEAR)


def add_months(start: datetime.date, months: int) -> datetime.date:
    """`start` plus whole months; a day that does not exist becomes the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def end_of_year(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 12, 31)


def trigger_date(
    trigger: str, closed_on: datetime.date | None, document_dates: Iterable[datetime.date] = ()
) -> datetime.date | None:
    """The day a period counts from; None while the case is open (no closing date)."""
    if closed_on is None:
        return None
    if trigger == Trigger.END_OF_CLOSING_YEAR:
        return end_of_year(closed_on)
    if trigger == Trigger.DOCUMENT_DATE:
        # The youngest document decides: the case goes only when all its documents may go.
        return max(document_dates, default=closed_on)
    return closed_on


def due_date(
    trigger: str,
    months: int,
    closed_on: datetime.date | None,
    document_dates: Iterable[datetime.date] = (),
) -> datetime.date | None:
    """The first day the record may be disposed of; None while the case is open."""
    start = trigger_date(trigger, closed_on, document_dates)
    return None if start is None else add_months(start, months)


# --- The same arithmetic in SQL ---------------------------------------------------------------


def trigger_date_sql(vendor: str, trigger: str, closed: str, latest_document: str) -> str:
    """SQL for trigger_date(); `closed` and `latest_document` are SQL expressions (the latter may be NULL)."""
    if trigger == Trigger.END_OF_CLOSING_YEAR:
        if vendor == "postgresql":
            return f"make_date(CAST(EXTRACT(YEAR FROM {closed}) AS integer), 12, 31)"
        return f"date({closed}, 'start of year', '+1 year', '-1 day')"
    if trigger == Trigger.DOCUMENT_DATE:
        return f"COALESCE({latest_document}, {closed})"
    return closed


def add_months_sql(vendor: str, start: str, months: int) -> str:
    """SQL for add_months(start, months) with a literal number of months."""
    months = int(months)
    if vendor == "postgresql":
        # PostgreSQL clamps to the month's last day, as add_months() does.
        return f"CAST(({start}) + make_interval(months => {months}) AS date)"
    # SQLite rolls 31 Jan + 1 month over to 3 March; step back to the intended month's last day.
    # ('%%d': the query is sent with parameters, so a literal percent sign is doubled.)
    shifted = f"date({start}, '{months:+d} months')"
    return (
        f"(CASE WHEN strftime('%%d', {shifted}) = strftime('%%d', {start}) THEN {shifted} "
        f"ELSE date({shifted}, 'start of month', '-1 day') END)"
    )
