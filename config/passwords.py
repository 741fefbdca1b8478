"""A password validator of our own: a long password of one character over and over is no password."""

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class DistinctCharactersValidator:
    def __init__(self, min_distinct=6):
        self.min_distinct = min_distinct

    def validate(self, password, user=None):
        if len(set(password)) < self.min_distinct:
            raise ValidationError(self._message(), code="password_too_uniform")

    def get_help_text(self):
        return self._message()

    def _message(self):
        return ngettext(
            "Lösenordet måste innehålla minst %(count)d olika tecken.",
            "Lösenordet måste innehålla minst %(count)d olika tecken.",
            self.min_distinct,
        ) % {"count": self.min_distinct}
