"""Fixtures of the retention tests: archivists, and on-commit work run as a real commit would."""

import pytest


@pytest.fixture
def archivist(make_user):
    return make_user(groups=["Arkivarie"], username="arkivarie", first_name="Anna", last_name="Arkivarie")


@pytest.fixture
def second_archivist(make_user):
    return make_user(groups=["Arkivarie"], username="arkivarie2", first_name="Bertil", last_name="Bevarande")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on-commit work (signals, Celery tasks) as a real commit would: `with on_commit(): ...`."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
