"""The search engine in use: Elasticsearch when ELASTICSEARCH_URL is set, else the database's own."""

from django.conf import settings
from django.db import connection

from .base import SearchBackend

_backend = None
_backend_key = None


def get_backend() -> SearchBackend:
    """The backend chosen by the settings, one per process (re-chosen if the settings change)."""
    global _backend, _backend_key
    key = (settings.ELASTICSEARCH_URL, connection.vendor)
    if _backend is None or _backend_key != key:
        _backend, _backend_key = _make(), key
    return _backend


def set_backend(backend: SearchBackend | None) -> None:
    """Use `backend` from now on (None: choose again from the settings); for tests and benchmarks."""
    global _backend, _backend_key
    _backend = backend
    _backend_key = (settings.ELASTICSEARCH_URL, connection.vendor) if backend is not None else None


def _make() -> SearchBackend:
    if settings.ELASTICSEARCH_URL:
        from .elastic import ElasticBackend

        return ElasticBackend()
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    if connection.vendor == "sqlite":
        from .database_sqlite import SQLiteBackend

        return SQLiteBackend()
    raise NotImplementedError(f"No search backend for the {connection.vendor} database; set ELASTICSEARCH_URL.")
