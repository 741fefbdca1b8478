"""The search engine in use: Elasticsearch when ELASTICSEARCH_URL is set, else the database's own."""

from django.conf import settings
from django.db import connection

from .base import SearchBackend
from .database_sqlite import SQLiteBackend
from .elastic import ElasticBackend
from .postgres import PostgresBackend


class _Choice:
    """The backend in use in this process, and the settings it was chosen for."""

    def __init__(self):
        self.backend: SearchBackend | None = None
        self.key: tuple | None = None

    def get(self) -> SearchBackend:
        key = _settings_key()
        if self.backend is None or self.key != key:
            self.backend, self.key = _make(), key
        return self.backend

    def set(self, backend: SearchBackend | None) -> None:
        self.backend = backend
        self.key = _settings_key() if backend is not None else None


_choice = _Choice()


def get_backend() -> SearchBackend:
    """The backend chosen by the settings, one per process (re-chosen if the settings change)."""
    return _choice.get()


def set_backend(backend: SearchBackend | None) -> None:
    """Use `backend` from now on (None: choose again from the settings); for tests and benchmarks."""
    _choice.set(backend)


def _settings_key() -> tuple:
    return (settings.ELASTICSEARCH_URL, connection.vendor)


def _make() -> SearchBackend:
    if settings.ELASTICSEARCH_URL:
        return ElasticBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"No search backend for the {connection.vendor} database; set ELASTICSEARCH_URL.")
