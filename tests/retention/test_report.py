"""The retention report: the command's JSON/CSV/XLSX, the archivist's page with its chart, and bad arguments."""

import csv
import datetime
import gc
import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from records.register import services as records_services
from retention import services
from retention.services.report import report_summary
from tests.retention.factories import RuleFactory, closed_case, open_case

pytestmark = pytest.mark.django_db
AS_OF = "2026-06-30"
KEYS = ["reference", "process", "title", "closed", "rule", "due", "action", "hold"]


@pytest.fixture
def register(seed_plan, on_commit):
    """2.9: dispose 2 years after closing; 2.11: review; 2.6: preserve; 3.3: no rule."""
    RuleFactory(node=seed_plan["2.9"], years=2, authority="GA 2019/3")
    RuleFactory(node=seed_plan["2.11"], obsolete=True, authority="GA 2019/3")
    RuleFactory(node=seed_plan["2.6"], preserve=True)
    with on_commit():
        cases = {
            "due": closed_case("2.9.1", datetime.date(2023, 5, 2), title="Felanmälan hiss"),
            "secret": closed_case("2.9.2", datetime.date(2024, 1, 15), title="Hot mot N.N.", confidential=True),
            "held": closed_case("2.9.3", datetime.date(2022, 3, 1), title="Bygge av förråd"),
            "review": closed_case("2.11", datetime.date(2025, 9, 1), title="Låntagarregister 2025"),
            "too_young": closed_case("2.9.1", datetime.date(2025, 1, 1), title="Lokalbokning"),
            "kept": closed_case("2.6.2", datetime.date(2010, 1, 1), title="Arkivförteckning"),
            "no_rule": closed_case("3.3", datetime.date(2010, 1, 1), title="Marknadsanalys"),
            "open": open_case("2.9.1", opened_on=datetime.date(2015, 1, 1)),
        }
    services.place_hold(case=cases["held"], reason="Tvist med entreprenören", user=None)
    return cases


def run(*args) -> str:
    out = io.StringIO()
    call_command("retention_report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_json_lists_each_due_record_with_exactly_the_agreed_keys(register):
    rows = json.loads(run("--as-of", AS_OF, "--format", "json"))
    assert all(list(row) == KEYS for row in rows)
    by_reference = {row["reference"]: row for row in rows}
    assert set(by_reference) == {register[k].reference for k in ("due", "secret", "held", "review")}
    due = by_reference[register["due"].reference]
    assert due == {
        "reference": register["due"].reference,
        "process": "2.9.1",
        "title": "Felanmälan hiss",
        "closed": "2023-05-02",
        "rule": "Gallras 2 år efter avslut (2.9, GA 2019/3)",
        "due": "2025-05-02",
        "action": "gallras",
        "hold": False,
    }
    assert by_reference[register["review"].reference]["action"] == "granskas"
    assert by_reference[register["held"].reference]["hold"] is True


def test_open_preserved_rule_less_and_not_yet_due_cases_never_appear(register):
    references = {row["reference"] for row in json.loads(run("--as-of", AS_OF, "--format", "json"))}
    for key in ("open", "kept", "no_rule", "too_young"):
        assert register[key].reference not in references


def test_a_confidential_title_is_masked(register):
    rows = {row["reference"]: row for row in json.loads(run("--as-of", AS_OF, "--format", "json"))}
    assert rows[register["secret"].reference]["title"] == "Ärende om enskild"
    assert "N.N." not in json.dumps(rows)


def test_it_filters_by_process_and_its_subtree(register):
    rows = json.loads(run("--as-of", AS_OF, "--process", "2.9", "--format", "json"))
    assert {row["process"] for row in rows} == {"2.9.1", "2.9.2", "2.9.3"}
    assert json.loads(run("--as-of", AS_OF, "--process", "2.9.1", "--format", "json"))[0]["process"] == "2.9.1"


def test_a_record_is_due_from_its_due_date_inclusive(register):
    assert json.loads(run("--as-of", "2024-02-29", "--format", "json")) == []
    assert [row["reference"] for row in json.loads(run("--as-of", "2024-03-01", "--format", "json"))] == [
        register["held"].reference
    ]


SWEDISH_HEADER = [
    "Diarienummer",
    "Process",
    "Ärendemening",
    "Avslutat",
    "Regel",
    "Gallringsbar från",
    "Åtgärd",
    "Spärrad",
]


def test_csv_and_xlsx_hold_the_same_rows_under_the_same_swedish_header(register, tmp_path):
    rows = list(csv.reader(io.StringIO(run("--as-of", AS_OF, "--format", "csv"))))
    assert rows[0] == SWEDISH_HEADER and len(rows) == 1 + 4
    assert {row[-1] for row in rows[1:]} == {"ja", "nej"}
    target = tmp_path / "rapport.xlsx"
    call_command("retention_report", "--as-of", AS_OF, "--format", "xlsx", "-o", str(target), stderr=io.StringIO())
    sheet = load_workbook(target).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[1]) == SWEDISH_HEADER and len(values) == 2 + 4
    # XLSX gives dates back as datetimes (midnight).
    as_text = [
        [v.date().isoformat() if isinstance(v, datetime.datetime) else str(v) for v in row] for row in values[2:]
    ]
    assert as_text == rows[1:]


def test_it_writes_to_a_file_and_says_how_many(register, tmp_path):
    target, err = tmp_path / "rapport.json", io.StringIO()
    call_command("retention_report", "--as-of", AS_OF, "-o", str(target), stdout=io.StringIO(), stderr=err)
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 4 and "4 poster" in err.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "30/6 2026"], "Ogiltigt datum ”30/6 2026”"),
        (["--as-of", AS_OF, "--process", "9.9"], "Processen 9.9 finns inte"),
        (["--as-of", AS_OF, "--format", "xlsx"], "Ange en fil med -o"),
        (["--as-of", AS_OF, "-o", "/nonexistent/dir/rapport.json"], "Kan inte skriva till"),
    ],
)
def test_it_refuses_bad_arguments_with_a_clear_message(register, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
@pytest.mark.parametrize("target", ["/proc/version", "/dev/null", "/nonexistent/dir/rapport"])
def test_an_unwritable_output_is_one_line_and_leaves_nothing_behind(register, monkeypatch, fmt, target):
    gc.collect()
    unraisable = []  # what Python prints as "Exception ignored in ...": a traceback after the message
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with pytest.raises(CommandError) as refused:
        run("--as-of", AS_OF, "--format", fmt, "-o", target)
    message = str(refused.value)
    del refused  # its traceback keeps the half-written file's objects alive
    gc.collect()
    assert message.startswith(f"Kan inte skriva till {target}: ") and "\n" not in message
    assert [repr(u.exc_value) for u in unraisable] == []


def test_the_output_is_replaced_whole_or_not_at_all(register, tmp_path):
    target = tmp_path / "rapport.csv"
    target.write_text("förra rapporten", encoding="utf-8")
    run("--as-of", AS_OF, "--format", "csv", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("Diarienummer,") and os.listdir(tmp_path) == ["rapport.csv"]
    with pytest.raises(CommandError, match="Kan inte skriva till .*: det är en katalog."):
        run("--as-of", AS_OF, "-o", str(tmp_path))


def test_bad_arguments_exit_non_zero_without_a_traceback():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    for args in (["--as-of", "igår"], ["--as-of", AS_OF, "--format", "pdf"]):
        result = subprocess.run(
            [sys.executable, "manage.py", "retention_report", *args],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode != 0
        assert "Traceback" not in result.stderr and result.stderr.strip()


def test_the_archivists_page_shows_counts_a_chart_rows_and_downloads(client, register, archivist):
    client.force_login(archivist)
    page = client.get("/gallring/rapport/", {"as_of": AS_OF}).content.decode()
    assert "Gallringsrapport" in page and 'class="chart"' in page
    assert register["due"].reference in page and "Hot mot" not in page
    assert "spärrad" in page and "Tvist med entreprenören" in page
    assert "format=xlsx" in page and "Upprätta lista från rapporten" in page
    download = client.get("/gallring/rapport/", {"as_of": AS_OF, "format": "json"})
    assert download["Content-Disposition"].startswith("attachment")
    assert len(json.loads(b"".join(download.streaming_content))) == 4


def test_the_page_answers_bad_filters_with_a_form_error(client, register, archivist):
    client.force_login(archivist)
    page = client.get("/gallring/rapport/", {"as_of": "nästa år", "process": "9.9"}).content.decode()
    assert "finns inte i klassificeringsstrukturen" in page


def test_the_report_page_is_for_archivists(client, register, reader):
    client.force_login(reader)
    assert client.get("/gallring/rapport/").status_code == 403
    client.logout()
    assert client.get("/gallring/rapport/").status_code == 302


def test_the_summary_counts_per_year_and_process(register):
    summary = report_summary(datetime.date.fromisoformat(AS_OF))
    assert (summary.total, summary.held, summary.to_review) == (4, 1, 1)
    assert [(row["year"], row["count"]) for row in summary.per_year] == [(2024, 1), (2025, 2), (2026, 1)]
    assert [row["code"] for row in summary.per_process] == ["2.9.1", "2.9.2", "2.9.3", "2.11"]


def test_a_reopened_case_leaves_the_report(register, on_commit):
    with on_commit():
        records_services.reopen_case(register["due"], None, "Hissen gick sönder igen")
    assert register["due"].reference not in run("--as-of", AS_OF)
