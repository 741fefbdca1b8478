"""Suggest where to file a document, from a free-text description."""

import json as jsonlib

from django.core.management.base import CommandError

from classification.filing import where_to_file
from common.commands import SwedishCommand


class Command(SwedishCommand):
    help = "Föreslå processer att registrera en handling under, utifrån en beskrivning."

    def add_arguments(self, parser):
        parser.add_argument("text", help='Beskrivning, t.ex. "leverantörsfaktura från elbolaget"')
        parser.add_argument("--json", action="store_true", help="Skriv ut resultatet som JSON")
        parser.add_argument("--limit", type=int, default=5, help="Högst så många förslag (standard 5)")

    def handle(self, *args, text, json: bool, limit, **options):
        if limit < 1:
            raise CommandError("--limit måste vara minst 1.")
        if not text.strip():
            raise CommandError("Ange en beskrivning av handlingen.")
        suggestions = where_to_file(text, limit=limit)
        if json:
            self.stdout.write(_dumps(suggestions))
            return
        if not suggestions:
            self.stdout.write('Inga förslag. Prova andra ord, t.ex. handlingens typ ("faktura", "protokoll").')
            return
        for rank, item in enumerate(suggestions, start=1):
            self.stdout.write(f"{rank}. {item['code']} {item['title']}  (poäng {item['score']})")
            self.stdout.write(f"   {item['why']}")


def _dumps(data):
    return jsonlib.dumps(data, ensure_ascii=False, indent=2)
