"""The base of Ordna's management commands: usage, help and argument errors in Swedish.

Django's CommandParser is argparse's, whose own texts ("usage:", "the following arguments are required",
"invalid choice", "show this help message and exit") go through the gettext module's global domain,
which knows nothing of Ordna's catalogue. While one of our parsers is built, formats help or parses,
argparse's gettext functions are Django's, so those texts come from locale/sv (msgids as argparse
writes them). Django's own options (--verbosity, --settings, ...) get Swedish help texts here.
"""

import argparse
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

DJANGO_OPTION_HELP = {
    "version": _("Visa programmets version och avsluta."),
    "verbosity": _("Hur mycket som skrivs ut: 0 = minimalt, 1 = normalt, 2 = utförligt, 3 = mycket utförligt."),
    "settings": _(
        "Inställningsmodulen som Python-sökväg, t.ex. config.settings. Annars används miljövariabeln "
        "DJANGO_SETTINGS_MODULE."
    ),
    "pythonpath": _("En katalog att lägga till i Pythons sökväg, t.ex. /home/projekt."),
    "traceback": _("Visa hela stackspårningen vid CommandError."),
    "no_color": _("Färglägg inte utskriften."),
    "force_color": _("Färglägg alltid utskriften."),
    "skip_checks": _("Hoppa över systemkontrollerna."),
    "help": _("Visa den här hjälptexten och avsluta."),
}


@contextmanager
def argparse_in_swedish():
    """argparse's texts through Django's translations for the duration (commands run one at a time)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = gettext, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class SwedishCommandParser(CommandParser):
    """Django's CommandParser, speaking Swedish in its help, usage and errors."""

    def parse_args(self, args=None, namespace=None):
        with argparse_in_swedish():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with argparse_in_swedish():
            return super().parse_known_args(args, namespace)

    def format_usage(self):
        with argparse_in_swedish():
            return super().format_usage()

    def format_help(self):
        with argparse_in_swedish():
            return super().format_help()

    def error(self, message):
        if self.called_from_command_line:
            with argparse_in_swedish():
                super().error(message)
        # Called through call_command(): Django raises CommandError("Error: ...").
        raise CommandError(gettext("Fel: %(message)s") % {"message": message})


class SwedishCommand(BaseCommand):
    """Base class of every management command of Ordna (help texts of the command and its options in Swedish)."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        with argparse_in_swedish():
            parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds a CommandParser itself; ours adds behaviour only, no state, so the instance can be switched.
        parser.__class__ = SwedishCommandParser
        for action in parser._actions:
            if action.dest in DJANGO_OPTION_HELP:
                action.help = DJANGO_OPTION_HELP[action.dest]
        return parser
