"""OpenAPI schema hooks: the schema documents Ordna's own API only."""


def only_ordna_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
