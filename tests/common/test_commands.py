"""Ordna's management commands speak Swedish: their help, argparse's usage lines and its error messages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError

from common.commands import SwedishCommandParser

ROOT = Path(__file__).resolve().parent.parent.parent
OUR_APPS = {"classification", "records", "retention", "search", "cms", "common"}
ENGLISH = [
    "usage:",
    "options:",
    "positional arguments",
    "show this help message",
    "Show program's version",
    "Verbosity level",
    "Display a full stack trace",
    "Don't colorize",
    "Skip system checks",
    "Raise on CommandError",
    "error:",
]


def our_commands():
    return sorted(name for name, app in get_commands().items() if app in OUR_APPS)


def test_every_command_of_ours_is_found():
    assert {"import_classification", "export_classification", "retention_report", "search"} <= set(our_commands())


@pytest.mark.parametrize("name", our_commands())
def test_the_help_of_every_command_is_swedish(name):
    command = load_command_class(get_commands()[name], name)
    parser = command.create_parser("manage.py", name)
    assert isinstance(parser, SwedishCommandParser)
    assert command.help
    for action in parser._actions:
        assert action.help, f"{name}: {action.option_strings or action.dest} has no help text"
    text = parser.format_help()
    assert "användning: manage.py" in text and "alternativ:" in text
    assert "Visa den här hjälptexten och avsluta." in text
    assert not [phrase for phrase in ENGLISH if phrase in text]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import_classification"], "Fel: följande argument krävs: path"),
        (["export_classification", "--format", "pdf"], "Fel: argumentet --format: ogiltigt val: 'pdf' (välj bland"),
        (
            ["where_to_file", "faktura", "--limit", "många"],
            "Fel: argumentet --limit: ogiltigt värde av typen int: 'många'",
        ),
        (["retention_report", "--as-of"], "Fel: argumentet --as-of: förväntade ett argument"),
    ],
)
def test_argument_errors_through_call_command_are_swedish(args, message):
    with pytest.raises(CommandError) as excinfo:
        call_command(*args)
    assert str(excinfo.value).startswith(message)


def _manage(*args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_on_the_command_line_usage_and_errors_are_swedish():
    result = _manage("export_classification", "--format", "pdf", "--okänd")
    assert result.returncode == 2
    assert result.stderr.startswith("användning: manage.py export_classification")
    assert "manage.py export_classification: fel: argumentet --format: ogiltigt val: 'pdf'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not [phrase for phrase in ENGLISH if phrase in result.stderr]

    result = _manage("import_classification", "--help")
    assert result.returncode == 0
    assert "positionella argument:" in result.stdout and "Provkörning" not in result.stdout
    assert "Filen att importera" in result.stdout
    assert not [phrase for phrase in ENGLISH if phrase in result.stdout]
