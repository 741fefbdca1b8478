"""Fixtures of the search tests: a user outside the register, the database backend and a fake Elasticsearch."""

import pytest
from django.contrib.auth.models import Group

from search.backends import set_backend
from tests.search.factories import FakeElasticsearch


@pytest.fixture
def outsider(make_user):
    """Logged in, but without the right to read the register (e.g. a guide editor)."""
    Group.objects.get_or_create(name="Redaktör")
    return make_user(groups=["Redaktör"], username="redaktor")


@pytest.fixture
def database_backend():
    """The database backend of the test database (SQLite or PostgreSQL), whatever the settings say."""
    from django.db import connection

    if connection.vendor == "postgresql":
        from search.backends.postgres import PostgresBackend as Backend
    else:
        from search.backends.database_sqlite import SQLiteBackend as Backend
    backend = Backend()
    set_backend(backend)
    yield backend
    set_backend(None)


@pytest.fixture
def fake_es(settings):
    """The Elasticsearch backend on the fake client, as every caller will find it."""
    from search.backends.elastic import ElasticBackend

    settings.ELASTICSEARCH_URL = "http://fake-es:9200"
    fake = FakeElasticsearch()
    backend = ElasticBackend(client=fake.client)
    set_backend(backend)
    fake.backend = backend
    yield fake
    set_backend(None)
