"""Importing the classification plan: the seed's text layout, CSV/XLSX, idempotence and bad input."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from classification.exporting import export_plan
from classification.importing import PlanImportError
from classification.importing.apply import import_plan
from classification.importing.files import read_plan_bytes, read_plan_file
from classification.models import CrossReference, DocumentType, Node
from tests.factories import SEED_CSV, SEED_TEXT

pytestmark = pytest.mark.django_db


def import_seed():
    return import_plan(read_plan_file(SEED_TEXT))


def empty_the_plan():
    CrossReference.objects.all().delete()
    for level in (2, 1, 0):
        Node.objects.filter(level=level).delete()


def snapshot():
    return export_plan("json")


def test_it_imports_the_seed_with_the_right_counts():
    report = import_seed()
    assert len(report.created) == 67
    kinds = {kind: Node.objects.filter(kind=kind).count() for kind in ("VO", "PG", "P")}
    assert kinds == {"VO": 3, "PG": 9, "P": 55}


def test_it_reads_lines_without_the_p_prefix():
    import_seed()
    node = Node.objects.get(code="2.8.3")
    assert node.kind == "P"
    assert node.parent.code == "2.8" and node.parent.kind == "PG"
    assert node.title == "Hantera IT-behörigheter"


def test_it_joins_wrapped_titles():
    import_seed()
    assert Node.objects.get(code="2.5.2").title == "Hantera upphandling enligt lagen om offentlig upphandling (LOU)"
    assert Node.objects.get(code="3.1.3").title == "Hantera kommunikationsinsatser riktade mot särskilda grupper"


def test_it_reads_ceased_processes():
    import_seed()
    node = Node.objects.get(code="3.2.5")
    assert node.valid_to == datetime.date(2020, 5, 1)
    assert node.is_ceased
    assert node.title == "Hantera annonser från privatpersoner"


def test_it_cleans_titles_of_prefixes_repeated_codes_and_full_stops():
    import_seed()
    assert Node.objects.get(code="3.2").title == "Hantera förmedling"
    assert Node.objects.get(code="3.2.4").title == "Utreda juridiska frågor som berör förmedlingen"
    assert Node.objects.get(code="1").title == "STYRA, PLANERA OCH FÖLJA UPP"
    assert Node.objects.get(code="1.8").parent.code == "1"  # the line starts with a space


def test_it_reads_examples_spanning_lines_as_document_types():
    import_seed()
    names = list(Node.objects.get(code="1.1").document_types.values_list("name", flat=True))
    assert names[0] == "dagordningar"
    assert "anmälda delegationsbeslut till nämnden" in names
    assert names[-1] == "centrala samverkansavtal"
    assert "leverantörsfakturor" in Node.objects.get(code="2.4.3").document_types.values_list("name", flat=True)


def test_it_keeps_comments_apart_from_examples():
    import_seed()
    node = Node.objects.get(code="1.2")
    assert node.comments == 'Underlag till budget hanteras i 2.4.1 "Utforma och följa upp ekonomi"'
    assert not any("Underlag" in n for n in node.document_types.values_list("name", flat=True))


def test_it_links_cross_references_by_code_with_their_sentence():
    import_seed()
    ref = CrossReference.objects.get(source__code="1.2")
    assert ref.target.code == "2.4.1"
    assert ref.sentence.startswith("Underlag till budget hanteras i 2.4.1")
    targets = set(CrossReference.objects.filter(source__code="1.3").values_list("target__code", flat=True))
    assert {"1.7", "2.9.2", "2.5.2", "2.7", "2.8.4"} <= targets


def test_it_links_cross_references_by_quoted_title_alone():
    import_seed()
    text = SEED_TEXT.read_text().replace(
        'Underlag till budget hanteras i 2.4.1 "Utforma och följa upp ekonomi"',
        'Underlag till budget hanteras i "Utforma och följa upp ekonomi"',
    )
    import_plan(read_plan_bytes(text.encode(), "plan.txt"))
    assert CrossReference.objects.get(source__code="1.2").target.code == "2.4.1"


def test_it_is_idempotent_and_records_history_of_changes():
    import_seed()
    before = snapshot()
    history_rows = Node.history.count()
    report = import_seed()
    assert report.created == [] and report.changed == {} and report.unchanged == 67
    assert snapshot() == before
    assert Node.history.count() == history_rows

    text = SEED_TEXT.read_text().replace("P 2.2 Hantera bemanning", "P 2.2 Hantera bemanning och scheman")
    report = import_plan(read_plan_bytes(text.encode(), "plan.txt"))
    assert report.changed == {"2.2": ["title"]}
    latest = Node.objects.get(code="2.2").history.first()
    assert latest.history_type == "~" and latest.title == "Hantera bemanning och scheman"
    assert latest.prev_record.title == "Hantera bemanning"


def test_it_lists_missing_nodes_and_ceases_them_only_when_asked():
    import_seed()
    text = SEED_TEXT.read_text()
    start = text.index("P 3.3 Göra marknadsanalyser")
    shorter = text[:start].encode()
    report = import_plan(read_plan_bytes(shorter, "plan.txt"))
    assert report.missing == ["3.3"] and report.ceased == []
    assert Node.objects.get(code="3.3").valid_to is None

    report = import_plan(read_plan_bytes(shorter, "plan.txt"), cease_missing=True, today=datetime.date(2026, 1, 1))
    assert report.ceased == ["3.3"]
    assert Node.objects.get(code="3.3").valid_to == datetime.date(2026, 1, 1)
    assert Node.objects.filter(code="3.3").exists()  # nothing is ever deleted


def test_dry_run_writes_nothing():
    report = import_plan(read_plan_file(SEED_TEXT), dry_run=True)
    assert len(report.created) == 67 and report.dry_run
    assert Node.objects.count() == 0 and Node.history.count() == 0 and DocumentType.objects.count() == 0


def test_the_csv_round_trip_gives_the_same_json(tmp_path):
    import_seed()
    original = json.loads(snapshot())
    csv_file = tmp_path / "plan.csv"
    csv_file.write_bytes(export_plan("csv"))
    empty_the_plan()
    assert Node.objects.count() == 0
    import_plan(read_plan_file(csv_file))
    assert json.loads(snapshot()) == original


def test_the_xlsx_round_trip_gives_the_same_json(tmp_path):
    import_seed()
    original = json.loads(snapshot())
    xlsx = tmp_path / "plan.xlsx"
    xlsx.write_bytes(export_plan("xlsx"))
    report = import_plan(read_plan_file(xlsx))
    assert report.changed == {} and report.unchanged == 67
    assert json.loads(snapshot()) == original


def test_the_fixture_csv_is_what_the_importer_makes_of_the_seed():
    import_seed()
    assert export_plan("csv").decode() == SEED_CSV.read_text(encoding="utf-8")


BAD_CSV = {
    "unknown kind": ("code,kind,title,parent\n1,VO,Styra,\n1.1,XX,Konstig,1\n", "rad 3", "okänd nivå"),
    "orphan code": ("code,kind,title,parent\n1,VO,Styra,\n7.1,P,Föräldralös,7\n", "rad 3", "7"),
    "duplicate code": ("code,kind,title,parent\n1,VO,Styra,\n1.1,P,En,1\n1.1,P,Två,1\n", "rad 4", "flera gånger"),
    "code not extending parent": (
        "code,kind,title,parent\n1,VO,Styra,\n2,VO,Stöd,\n2.5,P,Fel,1\n",
        "rad 4",
        "bygga vidare",
    ),
    "PG under PG": ("code,kind,title,parent\n1,VO,A,\n1.1,PG,B,1\n1.1.1,PG,C,1.1\n", "rad 4", "processgrupp"),
}


@pytest.mark.parametrize("case", BAD_CSV, ids=list(BAD_CSV))
def test_it_rejects_bad_rows_naming_the_row_and_changes_nothing(case):
    import_seed()
    before = snapshot()
    data, where, words = BAD_CSV[case]
    with pytest.raises(PlanImportError) as excinfo:
        import_plan(read_plan_bytes(data.encode(), "plan.csv"))
    message = str(excinfo.value)
    assert where in message and words in message
    assert snapshot() == before


@pytest.mark.parametrize(
    "name,data,words",
    [
        ("empty.txt", b"", "tom"),
        ("empty.csv", b"   \n", "tom"),
        ("broken.xlsx", b"PK\x03\x04 this is not really a zip file", "Excel"),
        ("binary.txt", bytes(range(256)) * 10, "binära"),
        ("plan.pdf", b"%PDF-1.4 something", "stöds inte"),
        ("nothing.txt", b"Just some text\nwithout any codes\n", "Hittade ingen nod"),
    ],
)
def test_it_rejects_unreadable_files_with_a_message(name, data, words):
    with pytest.raises(PlanImportError) as excinfo:
        import_plan(read_plan_bytes(data, name))
    assert words in str(excinfo.value)
    assert Node.objects.count() == 0


def test_the_command_exits_non_zero_without_a_traceback_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_CSV["orphan code"][0])
    with pytest.raises(CommandError) as excinfo:
        call_command("import_classification", str(bad))
    assert "rad 3" in str(excinfo.value) and "inget har ändrats" in str(excinfo.value)
    assert Node.objects.count() == 0


def test_the_command_dry_run_reports_and_writes_nothing(capsys):
    call_command("import_classification", str(SEED_TEXT), "--dry-run")
    out = capsys.readouterr().out
    assert "skapa: 67 noder" in out and "inget har skrivits" in out
    assert Node.objects.count() == 0


def test_export_json_has_exactly_the_agreed_keys_in_tree_order(capsys):
    import_seed()
    call_command("export_classification", "--format", "json")
    plan = json.loads(capsys.readouterr().out)
    assert [n["code"] for n in plan][:4] == ["1", "1.1", "1.2", "1.3"]
    assert [n["code"] for n in plan].index("1.10") == 10  # natural order: 1.9 before 1.10
    assert set(plan[0]) == {
        "code",
        "kind",
        "title",
        "parent",
        "description",
        "examples",
        "comments",
        "see_also",
        "valid_to",
    }
    node_12 = next(n for n in plan if n["code"] == "1.2")
    assert node_12["see_also"] == ["2.4.1"] and node_12["parent"] == "1"
    ceased = next(n for n in plan if n["code"] == "3.2.5")
    assert ceased["valid_to"] == "2020-05-01"


def test_it_announces_what_changed_once_committed(django_capture_on_commit_callbacks):
    from classification.signals import plan_changed

    received = []

    def listener(sender, codes, **kwargs):
        received.append(sorted(codes))

    plan_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            import_seed()
        assert len(received) == 1 and len(received[0]) == 67
        received.clear()
        with django_capture_on_commit_callbacks(execute=True):
            import_plan(read_plan_file(SEED_TEXT), dry_run=True)
        assert received == []
    finally:
        plan_changed.disconnect(listener)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_writes_each_format_to_a_file_that_imports_back(tmp_path, fmt, capsys):
    import_seed()
    target = tmp_path / f"plan.{fmt}"
    call_command("export_classification", "--format", fmt, "-o", str(target))
    assert target.stat().st_size > 1000
    if fmt != "json":
        assert import_plan(read_plan_file(target)).unchanged == 67


def test_export_refuses_xlsx_to_the_terminal():
    with pytest.raises(CommandError, match="-o"):
        call_command("export_classification", "--format", "xlsx")


def test_the_command_names_a_missing_file():
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import_classification", "/nonexistent/plan.txt")


# --- CSV dialect: decided from the header row, quotes are always " ------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize(
    ("cell", "title"),
    [
        ('"Styra\noch leda"', "Styra och leda"),
        ('"Styra, planera; följa upp"', "Styra, planera; följa upp"),
        ('"Styra ""A"", B"', 'Styra "A", B'),
        ('"Styra\tplanera, x"', "Styra planera, x"),
    ],
)
def test_a_one_row_csv_is_read_in_the_dialect_its_header_row_shows(delimiter, newline, cell, title):
    header = delimiter.join(["code", "kind", "title"])
    data = f"{header}{newline}1{delimiter}VO{delimiter}{cell}{newline}"
    import_plan(read_plan_bytes(data.encode(), "plan.csv"))
    assert Node.objects.get(code="1").title == title


def test_a_csv_without_the_columns_names_them():
    with pytest.raises(PlanImportError, match=r"Kolumner saknas: kod \(code\), nivå \(kind\), rubrik \(title\)"):
        read_plan_bytes(b"code|kind|title\n1|VO|Styra\n", "plan.csv")


# --- Values longer than the plan's columns hold ------------------------------------------------------------


def test_overlong_values_are_named_with_their_row_and_nothing_is_written(tmp_path):
    plan = tmp_path / "plan.csv"
    long_code = "1." + "1" * 50
    plan.write_text(
        "code,kind,title,parent,examples\n"
        "1,VO,Styra,,\n"
        f"1.1,P,{'Å' * 100_000},1,\n"
        f"{long_code},P,Kort,1,\n"
        f"1.2,P,Planera,1,budget; {'x' * 301}\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as refused:
        call_command("import_classification", str(plan))
    message = str(refused.value)
    assert "rad 3: 1.1: rubriken är 100000 tecken lång; högst 300 tecken." in message
    assert f"rad 4: {long_code}: koden är 52 tecken lång; högst 40 tecken." in message
    assert "rad 5: 1.2: handlingstypen ”xxxxxxxxxxxxxxxxxxxx…” är 301 tecken lång; högst 300 tecken." in message
    assert Node.objects.count() == 0 and DocumentType.objects.count() == 0
