"""The API's JSON parser: DRF's, answering 400 (not 500) for JSON nested deeper than Python can decode."""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # json's decoder recurses once per level: a body of 5,000 "[" exhausts the stack.
            raise ParseError(_("JSON-innehållet är för djupt nästlat.")) from None
        except ParseError:
            raise ParseError(_("Innehållet är inte giltig JSON.")) from None
