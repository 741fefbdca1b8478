"""The domain exception of the register: bad input a user can cause, with a Swedish message."""

from django.core.exceptions import ValidationError


class RecordsError(ValidationError):
    """Raised by the records services; boundaries turn it into a form error, a 400 or a message.

    Pass a dict (`{"process": "..."}`) to tie the message to a field.
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
