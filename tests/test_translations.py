"""The back office speaks Swedish also where third-party apps draw it: django-import-export,
django-mptt and django-simple-history have no Swedish catalogues, so the project's own
locale/sv/LC_MESSAGES/django.po translates them (LOCALE_PATHS comes before every app)."""

import ast
import gettext as gettext_module
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PACKAGES = ["import_export", "mptt", "simple_history"]

# Phrases of the three packages that must not reach a Swedish user (whole text nodes, button
# values or titles; substrings are checked for the longer sentences).
ENGLISH_SENTENCES = [
    "Below is a preview of data",
    "If you are satisfied with the results",
    "This importer will import",
    "This exporter will export",
    "Some rows failed to validate",
    "Please correct these errors",
    "Non field specific",
    "Line number",
    "File to import",
    "Confirm import",
    "Import finished",
    "View history",
    "Change reason",
    "Changed by",
    "Date/time",
    "doesn't have a change history",
    "Collapse tree",
    "Expand tree",
    "move node",
    "Did not understand moving instruction",
    "has been successfully moved",
]
ENGLISH_WORDS = [
    "Import",
    "Export",
    "Submit",
    "Select all",
    "Preview",
    "New",
    "Update",
    "Skipped",
    "Delete",
    "Errors",
    "Row",
    "Object",
    "Comment",
    "Changes",
    "Created",
    "Changed",
    "Deleted",
    "History",
    "Home",
    "Revert",
    "Close",
]
# (The import preview and the export form show the CSV column names - code, title, valid_to, ... -
# which are the file's own headers, not text to translate.)


# ---------------------------------------------------------------------------- helpers


class _Text(HTMLParser):
    """Visible text nodes plus the attributes a user reads (button values, titles, labels)."""

    SHOWN_ATTRIBUTES: ClassVar = {"title", "alt", "placeholder", "aria-label"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        attrs = dict(attrs)
        for name, value in attrs.items():
            if value and (
                name in self.SHOWN_ATTRIBUTES
                or (name == "value" and tag == "input" and attrs.get("type") in ("submit", "button"))
            ):
                self.chunks.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.chunks.append(" ".join(data.split()))


def shown(response):
    """(set of text nodes, all text joined) of a rendered admin page."""
    assert response.status_code == 200, response.status_code
    parser = _Text()
    parser.feed(response.content.decode())
    return {chunk.strip(" :") for chunk in parser.chunks}, " \n ".join(parser.chunks)


def assert_swedish(response, *swedish, english=()):
    nodes, text = shown(response)
    for phrase in swedish:
        assert phrase in text, f"{phrase!r} missing"
    leaks = [p for p in ENGLISH_SENTENCES if p in text] + [w for w in [*ENGLISH_WORDS, *english] if w in nodes]
    assert not leaks, f"English on the page: {leaks}"
    return text


def read_po(path):
    """msgid -> msgstr (plural: (msgid, n) -> msgstr[n]), as msgfmt compiles it (fuzzy left out)."""
    catalog = {}
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        fields, field, fuzzy = {}, None, False
        for raw_line in block.splitlines():
            line = raw_line.strip()
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in line
            elif line.startswith('"') and field:
                fields[field] += ast.literal_eval(line)
            elif line and not line.startswith("#"):
                field, _, value = line.partition(" ")
                fields[field] = ast.literal_eval(value)
        if "msgid" not in fields or (fuzzy and fields["msgid"]):
            continue
        if "msgid_plural" in fields:
            for key, value in fields.items():
                if key.startswith("msgstr["):
                    catalog[(fields["msgid"], int(key[7:-1]))] = value
        else:
            catalog[fields["msgid"]] = fields.get("msgstr", "")
    return catalog


def read_mo(path):
    with path.open("rb") as fh:
        return dict(gettext_module.GNUTranslations(fh)._catalog)


def package_msgids():
    """Every msgid in any language catalogue shipped by the three packages."""
    import importlib

    ids = {}
    for package in PACKAGES:
        locale = Path(importlib.import_module(package).__file__).parent / "locale"
        found = set()
        for po in locale.glob("*/LC_MESSAGES/django.po"):
            found |= {key if isinstance(key, str) else key[0] for key in read_po(po)}
        ids[package] = found - {""}
    return ids


def wagtail_msgids() -> set[str]:
    """Every msgid of Wagtail's catalogues (its English ones list them all)."""
    import wagtail

    found = set()
    for po in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"):
        found |= {key if isinstance(key, str) else key[0] for key in read_po(po)}
    return found - {""}


def argparse_msgids() -> set[str]:
    """The texts argparse (this Python's) passes through gettext; the management commands show them."""
    import argparse
    import inspect

    found = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            found |= {
                arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            }
    return found


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")


# ---------------------------------------------------------------------------- catalogue


def test_the_compiled_catalogue_matches_the_po_file():
    """Edit django.po, then run: msgfmt --check -o locale/sv/LC_MESSAGES/django.mo locale/sv/LC_MESSAGES/django.po"""
    po, mo = read_po(PO), read_mo(MO)
    assert {k: v for k, v in po.items() if k != ""} == {k: v for k, v in mo.items() if k != ""}
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in mo[""]


def test_every_entry_is_translated_with_the_same_placeholders():
    for msgid, msgstr in read_po(PO).items():
        if msgid == "":
            continue
        source = msgid if isinstance(msgid, str) else msgid[0]
        assert msgstr, f"untranslated: {msgid!r}"
        if isinstance(msgid, tuple) and msgid[1] == 0:
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(msgstr)), msgid
        elif isinstance(msgid, str):
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(msgstr)), msgid
            assert source.count("{}") == len(re.findall(r"\{\d*\}", msgstr)), msgid


def test_the_catalogue_covers_argparse():
    ours = {key if isinstance(key, str) else key[0] for key in read_po(PO)}
    assert argparse_msgids() - ours == set()


def test_the_catalogue_covers_the_packages_and_holds_nothing_of_the_project():
    ours = {key if isinstance(key, str) else key[0] for key in read_po(PO)} - {""}
    theirs = {**package_msgids(), "argparse": argparse_msgids()}
    for package, ids in theirs.items():
        assert ids <= ours, f"{package}: untranslated {sorted(ids - ours)}"
    allowed_extra = {
        # import_export's log messages ("%s through import_export" % import_type)
        "new through import_export",
        "update through import_export",
        "delete through import_export",
        "entry",  # simple_history's newer plural msgid, not yet in its own catalogues
        "valid_to",  # NodeAdmin.history_list_display, run through {% trans column %} by simple_history
    }
    # Wagtail's own Swedish catalogue is incomplete: ours translates what the CMS shows of the rest
    # (tests/cms/test_wagtail_swedish.py), so Wagtail's msgids are allowed too.
    assert ours - set().union(*theirs.values(), wagtail_msgids()) <= allowed_extra


@pytest.mark.parametrize(
    "msgid,swedish",
    [
        # django-import-export
        ("Import", "Importera"),
        ("Export", "Exportera"),
        ("Confirm import", "Bekräfta import"),
        ("File to import", "Fil att importera"),
        ("Some rows failed to validate", "Några rader klarade inte valideringen"),
        ("Skipped", "Överhoppad"),
        # django-mptt
        ("Did not understand moving instruction.", "Flyttinstruktionen kunde inte tolkas."),
        ("Objects have disappeared, try again.", "Objekten finns inte längre, försök igen."),
        ("No permission", "Behörighet saknas"),
        ("Collapse tree", "Fäll ihop trädet"),
        ("Expand tree", "Fäll ut trädet"),
        # django-simple-history
        ("Object", "Objekt"),
        ("Changed by", "Ändrad av"),
        ("Change reason", "Ändringsorsak"),
        ("Created", "Skapad"),
        ("Changed", "Ändrad"),
        ("Deleted", "Raderad"),
        ("History", "Historik"),
        # shared with Django/Wagtail: their Swedish wording is kept
        ("Delete", "Radera"),
        ("Home", "Hem"),
        ("None", "Inget"),
    ],
)
def test_gettext_gives_swedish(msgid, swedish):
    with translation.override("sv"):
        assert translation.gettext(msgid) == swedish


def test_formatted_messages_keep_their_placeholders():
    with translation.override("sv"):
        assert translation.gettext("Database error: %s") % "lås" == "Databasfel: lås"
        assert translation.gettext("%s has been successfully moved.") % "2.4.3" == "2.4.3 har flyttats."
        assert translation.gettext("View history: %s") % "P 2.2" == "Visa historik: P 2.2"
        assert (
            translation.gettext("Export selected %(verbose_name_plural)s") % {"verbose_name_plural": "noder"}
            == "Exportera markerade noder"
        )
        assert translation.ngettext("entry", "entries", 1) == "post"
        assert translation.ngettext("entry", "entries", 3) == "poster"
        assert (
            translation.ngettext("Export %(len)s selected item.", "Export %(len)s selected items.", 2) % {"len": 2}
            == "Exportera 2 markerade objekt."
        )
        finished = translation.gettext("Import finished: {} new, {} updated, {} deleted and {} skipped {}.")
        assert finished.format(1, 2, 0, 3, "klassificeringsstruktur") == (
            "Importen av klassificeringsstruktur är klar – nya: 1, uppdaterade: 2, raderade: 0, överhoppade: 3."
        )


# ---------------------------------------------------------------------------- pages

CSV_HEADER = "code,kind,title,parent,description,examples,comments,valid_to\n"


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(is_superuser=True))
    return client


def _csv_format(admin_client):
    response = admin_client.get(reverse("admin:classification_node_import"))
    for value, label in response.context["form"].fields["format"].choices:
        if str(label).lower() == "csv":
            return value
    raise AssertionError("no csv format")


def _post_csv(admin_client, rows):
    return admin_client.post(
        reverse("admin:classification_node_import"),
        {
            "format": _csv_format(admin_client),
            "import_file": SimpleUploadedFile("plan.csv", (CSV_HEADER + rows).encode()),
        },
    )


def test_the_import_page_is_swedish(seed_plan, admin_client):
    response = admin_client.get(reverse("admin:classification_node_import"))
    assert_swedish(response, "Importera", "Fil att importera", "Format", "Följande fält importeras", "Skicka")


def test_the_import_preview_and_confirmation_are_swedish(seed_plan, admin_client):
    rows = "2.2,P,Hantera bemanning och scheman,2,,scheman,,\n2.14,P,Hantera nycklar,2,,,,\n"
    preview = _post_csv(admin_client, rows)
    assert_swedish(
        preview,
        "Nedan visas en förhandsgranskning av de data som ska importeras",
        "Bekräfta import",
        "Förhandsgranska",
        "Ny",
        "Uppdatera",
    )
    confirm = preview.context["confirm_form"]
    done = admin_client.post(reverse("admin:classification_node_process_import"), confirm.initial, follow=True)
    text = assert_swedish(done)
    assert re.search(
        r"Importen av klassificeringsstruktur är klar – nya: 1, uppdaterade: 1, raderade: 0, överhoppade: \d+\.", text
    )


def test_import_errors_are_swedish(seed_plan, admin_client):
    response = _post_csv(admin_client, "2.99,PG,Felplacerad,1,,,,\n")
    assert_swedish(
        response,
        "Några rader klarade inte valideringen",
        "Rätta felen i dina data",
        "Rad",
        "Fel",
        "Gäller inget enskilt fält",
    )


def test_the_export_page_is_swedish(seed_plan, admin_client):
    response = admin_client.get(reverse("admin:classification_node_export"))
    assert_swedish(response, "Exportera", "Följande fält exporteras", "Välj alla", "Format", "Skicka")


def test_the_history_page_is_swedish(seed_plan, admin_client, make_user):
    node = seed_plan["2.4.3"]
    node.title = "Hantera leverantörsfakturor"
    node._history_user = make_user(is_superuser=True)
    node._change_reason = "Ny rubrik"
    node.save()
    response = admin_client.get(reverse("admin:classification_node_history", args=[node.pk]))
    assert_swedish(
        response,
        "Visa historik",
        "Objekt",
        "Datum/tid",
        "Kommentar",
        "Ändrad av",
        "Ändringsorsak",
        "Ändringar",
        "Rubrik",
        "Skapad",
        "Ändrad",
        "Inget",
        "Ny rubrik",
        "2 poster",
        "Historik",
        english=["title", "valid_to"],  # field names must show as their Swedish verbose names
    )


def test_the_tree_changelist_is_swedish(seed_plan, admin_client):
    response = admin_client.get(reverse("admin:classification_node_changelist"))
    assert_swedish(response, "Importera", "Exportera")
    # DraggableMPTTAdmin hands its JavaScript the texts through data-context (no JS catalogue).
    tag = re.search(r'<script[^>]*\bid="draggable-admin-context"[^>]*>', response.content.decode()).group()
    context = json.loads(html.unescape(re.search(r'data-context="([^"]*)"', tag).group(1)))
    messages = context["messages"]
    assert messages == {
        "before": "flytta före noden",
        "child": "flytta in under noden",
        "after": "flytta efter noden",
        "collapseTree": "Fäll ihop trädet",
        "expandTree": "Fäll ut trädet",
    }


def test_refused_moves_are_reported_in_swedish(seed_plan, admin_client):
    url = reverse("admin:classification_node_changelist")
    node = seed_plan["2.4.3"]
    for data, message in [
        ({"cut_item": 999999, "pasted_on": node.pk, "position": "sideways"}, "Flyttinstruktionen kunde inte tolkas."),
        (
            {"cut_item": 999999, "pasted_on": node.pk, "position": "last-child"},
            "Objekten finns inte längre, försök igen.",
        ),
    ]:
        assert admin_client.post(url, {"cmd": "move_node", **data}).status_code == 200
        assert_swedish(admin_client.get(url), message)
