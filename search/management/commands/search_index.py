"""`search_index`: what the index holds; `--rebuild` it; `--verify` it against the database; `--repair` it.

`--verify` changes nothing and exits with status 1 when anything differs (for monitoring and scripts);
`--repair` fixes every difference and exits 0. It does not verify again at once: Elasticsearch shows
writes only after its next refresh, so a second look should come a little later (`--verify`).
"""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from common.commands import SwedishCommand
from search import indexing, verify
from search.backends import get_backend
from search.progress import ProgressBar

SHOWN = 50  # differing objects named in the report


class Command(SwedishCommand):
    help = (
        "Visar sökindexet, bygger om det (--rebuild), jämför det med databasen (--verify) eller rättar det (--repair)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Bygg om hela indexet från databasen.")
        parser.add_argument(
            "--verify", action="store_true", help="Jämför indexet med databasen; felkod 1 om något skiljer sig."
        )
        parser.add_argument(
            "--repair", action="store_true", help="Jämför indexet med databasen och rätta skillnaderna."
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="Objekt per omgång (standard 2000).")

    def handle(self, *args, rebuild=False, verify=False, repair=False, batch_size=2000, **options):
        if sum((rebuild, verify, repair)) > 1:
            raise CommandError(_("Välj en av --rebuild, --verify och --repair."))
        if batch_size < 1:
            raise CommandError(_("--batch-size måste vara minst 1."))
        if rebuild:
            return self.rebuild(batch_size)
        if verify or repair:
            return self.check(batch_size, repair=repair)
        backend = get_backend()
        self.stdout.write(_("Sökmotor: %(name)s") % {"name": backend.name})
        for kind, count in sorted(backend.stats().items()):
            self.stdout.write(f"  {kind}: {count}")
        self.stdout.write(_("Kör med --rebuild för att bygga om indexet, --verify för att jämföra det med databasen."))

    def rebuild(self, batch_size: int) -> None:
        bar = ProgressBar(stream=getattr(self.stderr, "_out", self.stderr))
        try:
            total = indexing.rebuild(bar, batch_size=batch_size)
        except Exception as error:
            raise CommandError(
                _("Ombyggnaden avbröts (%(error)s). Indexet är fortfarande användbart; kör --rebuild igen.")
                % {"error": error}
            ) from error
        finally:
            bar.finish()
        self.stdout.write(
            _("Sökindexet (%(name)s) byggdes om: %(total)d poster.") % {"name": get_backend().name, "total": total}
        )

    def check(self, batch_size: int, *, repair: bool) -> None:
        result = verify.verify(batch_size=min(batch_size, 500))
        checked = _("ärenden: %(cases)d, noder: %(nodes)d, guider: %(guides)d") % {
            "cases": result.cases,
            "nodes": result.nodes,
            "guides": result.guides,
        }
        if not result.differences:
            self.stdout.write(
                _("Sökindexet (%(name)s) stämmer med databasen (%(checked)s).")
                % {"name": result.backend, "checked": checked}
            )
            if repair:
                verify.repair(result)  # confirms the removal of deleted cases queries still leave out
            return
        self.report(result, checked)
        if not repair:
            raise CommandError(
                _("Sökindexet skiljer sig från databasen på %(n)d punkter; kör search_index --repair för att rätta.")
                % {"n": len(result.differences)}
            )
        repaired = verify.repair(result)
        self.stdout.write(_("Rättade %(n)d: indexerade på nytt eller borttagna ur indexet.") % {"n": repaired})

    def report(self, result, checked: str) -> None:
        counts = result.counts()
        self.stdout.write(
            _("Sökindexet (%(name)s) jämfört med databasen (%(checked)s):")
            % {"name": result.backend, "checked": checked}
        )
        self.stdout.write("  " + _("Saknas i indexet: %(n)d") % {"n": counts[verify.MISSING]})
        self.stdout.write(
            "  " + _("Inaktuella (innehåll eller sekretess skiljer sig): %(n)d") % {"n": counts[verify.STALE]}
        )
        self.stdout.write("  " + _("Finns inte längre i databasen: %(n)d") % {"n": counts[verify.GONE]})
        named = "; ".join(difference.label for difference in result.differences[:SHOWN])
        more = len(result.differences) - SHOWN
        if more > 0:
            named += " " + _("… och %(n)d till") % {"n": more}
        self.stdout.write(_("Skillnader: %(named)s") % {"named": named})
