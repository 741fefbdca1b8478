"""`search "QUERY" [--json] [--user USERNAME] [--limit N]`: the staff search from the command line."""

# Without --user the search runs as the public would: the classification plan and published
# guides only, never the register. Give --user to search as that person, with their rights.

import json
import re

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from common.commands import SwedishCommand
from search.backends.base import DATE, RELEVANCE, Filters
from search.errors import SearchError
from search.query import MAX_PAGE_SIZE, SearchQuery


class Command(SwedishCommand):
    help = "Söker som sidan och API:t gör; --json skriver ut träffarna som JSON."

    def add_arguments(self, parser):
        parser.add_argument("query", help='Sökningen, t.ex. "fakturor" eller "BOP 2026/42".')
        parser.add_argument("--json", action="store_true", dest="as_json", help="Skriv ut resultatet som JSON.")
        parser.add_argument("--user", help="Sök som denna användare (annars: bara det allmänheten får se).")
        parser.add_argument("--limit", type=int, default=20, help=f"Antal träffar, 1–{MAX_PAGE_SIZE} (standard 20).")
        parser.add_argument("--type", default="", help="case, document, process eller guide.")
        parser.add_argument("--process", default="", help="Processkod; hela delträdet söks.")
        parser.add_argument(
            "--sort", default=RELEVANCE, choices=[RELEVANCE, DATE], help="Sortering: relevance eller date."
        )

    def handle(self, *args, query, as_json=False, user=None, limit=20, type="", process="", sort=RELEVANCE, **options):
        viewer = None
        if user:
            viewer = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: user}).first()
            if viewer is None or not viewer.is_active:
                raise CommandError(f"Användaren {user} finns inte eller är inaktiverad.")
        elif not as_json:
            self.stderr.write("Utan --user söks bara klassificeringsstrukturen och publicerade guider.")
        try:
            results = SearchQuery(
                query, viewer, filters=Filters(kind=type, process=process), sort=sort, page_size=limit
            ).execute()
        except SearchError as error:
            raise CommandError(error.message) from None
        if as_json:
            self.stdout.write(_dumps(results.as_dict()))
            return
        for notice in results.notices:
            self.stderr.write(notice)
        self.stdout.write(f"{results.total} träffar")
        for hit in results.hits:
            snippet = re.sub(r"\s+", " ", re.sub(r"</?mark>", "", hit.snippet))[:160]
            self.stdout.write(f"{hit.type_label:<9} {hit.reference:<16} {hit.title}")
            if snippet:
                self.stdout.write(f"{'':<26} {snippet}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
