"""`search_index --rebuild`: rebuild the whole search index with a progress bar; without it, show counts."""

from django.core.management.base import CommandError

from common.commands import SwedishCommand
from search import indexing
from search.backends import get_backend
from search.progress import ProgressBar


class Command(SwedishCommand):
    help = "Bygger om sökindexet (--rebuild) eller visar vad det innehåller."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Bygg om hela indexet och byt in det på en gång.")
        parser.add_argument("--batch-size", type=int, default=2000, help="Objekt per omgång (standard 2000).")

    def handle(self, *args, rebuild=False, batch_size=2000, **options):
        backend = get_backend()
        if not rebuild:
            counts = backend.stats()
            self.stdout.write(f"Sökmotor: {backend.name}")
            for kind, count in sorted(counts.items()):
                self.stdout.write(f"  {kind}: {count}")
            self.stdout.write("Kör med --rebuild för att bygga om indexet.")
            return
        if batch_size < 1:
            raise CommandError("--batch-size måste vara minst 1.")
        bar = ProgressBar(stream=getattr(self.stderr, "_out", self.stderr))
        try:
            total = indexing.rebuild(bar, batch_size=batch_size)
        except Exception as error:
            raise CommandError(f"Ombyggnaden misslyckades, det gamla indexet gäller fortfarande: {error}") from error
        finally:
            bar.finish()
        self.stdout.write(f"Sökindexet ({backend.name}) byggdes om: {total} poster.")
