"""What the API accepts in a write request: the fields its serializer sets and nothing else, text as text,
and a body that is an object. Whatever it will not set is refused by name, never silently dropped."""

from collections.abc import Mapping

from django.utils.translation import gettext as _
from rest_framework import serializers

from common.request_checks import CONTROL_IN_TEXT

# Sent by Django's and DRF's HTML forms with every POST; not a field of the request.
FORM_BOOKKEEPING = {"csrfmiddlewaretoken"}


class StrictInputMixin:
    """Refuse (400, per field) what a request names but the serializer will not set: unknown fields, read-only
    fields, and those listed in `refused_fields` with the reason (where the field is changed instead).
    Text fields take strings without control characters: JSON's 123 is not a name."""

    refused_fields: dict = {}

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = self.refused(data) | self.text_errors(data)
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def refused(self, data) -> dict:
        writable = {field.field_name for field in self._writable_fields}
        errors = {}
        for name in sorted(set(data) - writable - FORM_BOOKKEEPING, key=str):
            if name in self.refused_fields:
                errors[name] = [str(self.refused_fields[name])]
            elif name in self.fields:
                errors[name] = [_("Fältet ”%(name)s” kan inte ändras.") % {"name": name}]
            else:
                errors[name] = [unknown_field_message(name, sorted(writable))]
        return errors

    def text_errors(self, data) -> dict:
        errors = {}
        for field in self._writable_fields:
            value = data.get(field.field_name)
            if not isinstance(field, serializers.CharField) or value is None:
                continue
            if not isinstance(value, str):
                errors[field.field_name] = [_("Ange text, inte ett tal eller en lista.")]
            elif CONTROL_IN_TEXT.search(value):
                errors[field.field_name] = [_("Texten innehåller otillåtna tecken (styrtecken).")]
        return errors


class InputSerializer(StrictInputMixin, serializers.Serializer):
    """The base of every write serializer of the API."""


class NoInputSerializer(InputSerializer):
    """For actions that take no fields (accept, start planning...): any field sent is refused by name."""


def unknown_field_message(name: str, accepted) -> str:
    if not accepted:
        return _("Fältet ”%(name)s” tas inte emot: den här åtgärden tar inga fält.") % {"name": name}
    return _("Fältet ”%(name)s” tas inte emot. Fält som tas emot: %(fields)s.") % {
        "name": name,
        "fields": ", ".join(accepted),
    }


def body_fields(request, files=(), lists=()) -> dict:
    """The request's fields as a dict (JSON object or form), without the files: `files` names the file fields
    the endpoint takes (any other file is refused by name), `lists` the form fields that repeat."""
    data = request.data
    if not isinstance(data, Mapping):
        raise serializers.ValidationError({"non_field_errors": [_("Skicka fälten som ett JSON-objekt.")]})
    unexpected = sorted(set(request.FILES) - set(files))
    if unexpected:
        raise serializers.ValidationError(
            {name: [unknown_field_message(name, sorted(files)) if files else _no_files(name)] for name in unexpected}
        )
    fields = {}
    for key in data:
        if key in request.FILES:
            continue
        fields[key] = data.getlist(key) if key in lists and hasattr(data, "getlist") else data.get(key)
    return fields


def _no_files(name: str) -> str:
    return _("Fältet ”%(name)s” tas inte emot: här bifogas inga filer.") % {"name": name}
