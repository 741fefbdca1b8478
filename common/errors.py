"""The one domain error of Ordna, and the API exception handler that turns it into a Swedish answer."""

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig, ValidationError
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler

from common.request_checks import too_big_response


class DomainError(ValidationError):
    """Bad input or a refused action that a user can cause, with a Swedish message.

    Raised by the services of every app; boundaries turn it into a form error, a 400 or a one-line
    message. Pass a dict (`{"process": "..."}`) to tie the message to a field.
    """

    def field_messages(self) -> dict[str, list[str]]:
        """The messages per field, with `non_field_errors` for those tied to none."""
        if hasattr(self, "error_dict"):
            return {
                field: [str(m) for m in ValidationError(errors).messages] for field, errors in self.error_dict.items()
            }
        return {"non_field_errors": [str(m) for m in self.messages]}

    def __str__(self):
        return " ".join(str(m) for m in self.messages)


class ErrorCollector:
    """Run several checks and report all their messages at once, per field."""

    def __init__(self):
        self.messages: dict[str, list[str]] = {}

    def check(self, function, *args):
        try:
            return function(*args)
        except DomainError as error:
            for field, messages in error.field_messages().items():
                self.messages.setdefault(field, []).extend(messages)
            return None

    def add(self, field: str, message) -> None:
        self.messages.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.messages:
            raise DomainError(self.messages)


def api_exception_handler(exc, context):
    """DRF's handler, knowing ours: a DomainError is a 400 per field, a refusal a 403, a miss a 404, a body
    over DATA_UPLOAD_MAX_MEMORY_SIZE a 413."""
    if isinstance(exc, RequestDataTooBig):
        return too_big_response()
    if isinstance(exc, DomainError):
        exc = serializers.ValidationError(exc.field_messages())
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, ObjectDoesNotExist | Http404):
        exc = exceptions.NotFound()
    return exception_handler(exc, context)
