"""OpenAPI schema hooks: the schema documents Ordna's own API only, with the error answers every operation can give."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def _components() -> dict:
    return {
        "Error": {
            "type": "object",
            "description": _("Ett fel med ett meddelande på svenska."),
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        },
        "ValidationErrors": {
            "type": "object",
            "description": _(
                "Felaktig begäran: meddelanden på svenska per fält, {fält: [meddelanden]}, eller under "
                "non_field_errors eller detail."
            ),
            "additionalProperties": True,
        },
    }


# (status, component, when it applies to an operation, description)
ERROR_RESPONSES = [
    ("400", "ValidationErrors", "with_input", gettext_lazy("Felaktig begäran; inget har ändrats.")),
    ("403", "Error", "always", gettext_lazy("Inte inloggad, eller saknar behörighet.")),
    ("404", "Error", "always", gettext_lazy("Finns inte, eller syns inte för dig.")),
]


def only_ordna_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def _takes_input(operation: dict) -> bool:
    return bool(operation.get("parameters") or operation.get("requestBody"))


def document_error_responses(result, generator, request, public):
    """Every operation says which errors it answers with (DRF's 400, 403 and 404 through common.errors),
    unless it describes them itself."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, component in _components().items():
        schemas.setdefault(name, component)
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for status, component, applies, description in ERROR_RESPONSES:
                if status in responses or (applies == "with_input" and not _takes_input(operation)):
                    continue
                responses[status] = {
                    "description": str(description),
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
                }
    return result
