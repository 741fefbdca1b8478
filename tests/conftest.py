"""Fixtures shared by every test module: the seed plan, users in their role groups, a headless browser.

The seed classification plan is imported once per session, into the test database right after it is
created, and committed. A test that asks for `seed_plan` finds it there; every other database test starts
without a plan (the `empty_plan` fixture deletes it inside the test's transaction, which is rolled back), as
if the plan had never been loaded. A transactional test ends with a flush, after which the plan is committed
again for the tests that follow.
"""

import pytest


class SeedPlan:
    """What committing the seed plan added to the test database: primary keys per model, and the node codes."""

    rows: dict = {}
    codes: frozenset = frozenset()
    blocker = None  # pytest-django's database blocker, once the test database exists


def table_keys() -> dict:
    from django.apps import apps

    return {
        model: set(model._base_manager.values_list("pk", flat=True))
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    }


def commit_seed_plan() -> None:
    """Import the seed plan in a transaction of its own, commit it, and note every row it added."""
    from django.db import transaction

    from classification.models import Node
    from outbox.models import OutboxEntry

    from .factories import load_seed_plan

    before = table_keys()
    with transaction.atomic():
        load_seed_plan()
        # In a test the import's follow-up work (plan_changed: the search index, stored retention dates) never
        # ran, since the test's transaction is rolled back. Dropping it (the outbox rows and their on-commit
        # handover) keeps the database as such a test saw it.
        OutboxEntry.objects.all().delete()
        transaction.get_connection().run_on_commit.clear()
    after = table_keys()
    SeedPlan.rows = {model: keys - before[model] for model, keys in after.items() if keys - before[model]}
    SeedPlan.codes = frozenset(Node.objects.values_list("code", flat=True))


def delete_seed_rows() -> None:
    """Delete exactly the rows the seed plan added, without signals (no history rows, no on-commit work)."""
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    # One transaction (a savepoint inside a test): foreign keys are checked when it commits, in any order.
    with transaction.atomic(), connection.cursor() as cursor:
        for model, added in SeedPlan.rows.items():
            keys = sorted(added)
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                cursor.execute(
                    f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} "
                    f"IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )


def plan_is_loaded() -> bool:
    from classification.models import Node

    return Node.objects.filter(code__in=SeedPlan.codes).count() == len(SeedPlan.codes)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the seed plan committed once for the whole session."""
    with django_db_blocker.unblock():
        commit_seed_plan()
    SeedPlan.blocker = django_db_blocker
    yield
    SeedPlan.blocker = None
    with django_db_blocker.unblock():
        delete_seed_rows()  # a kept database (--reuse-db) is left as the migrations made it


def flushes_database(item) -> bool:
    """A transactional test (TransactionTestCase) flushes every table when it ends."""
    from pytest_django.fixtures import validate_django_db

    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transactional, reset_sequences, *_ = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    return bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    if SeedPlan.blocker is not None and nextitem is not None and flushes_database(item):
        with SeedPlan.blocker.unblock():
            if not plan_is_loaded():
                commit_seed_plan()  # the flush took it: commit it again rather than in every later test
    return result


@pytest.fixture
def seed_plan(db):
    """The seed classification plan (67 nodes) as {code: node}, committed once for the session.

    Imported again through the importer, within the test, if it is missing (an earlier fixture of this test
    emptied it, or a transactional test flushed it)."""
    from classification.models import Node

    from .factories import load_seed_plan

    nodes = {node.code: node for node in Node.objects.all()}
    if not SeedPlan.codes <= nodes.keys():
        load_seed_plan()
        nodes = {node.code: node for node in Node.objects.all()}
    return nodes


@pytest.fixture
def empty_plan(db):
    """No classification plan: the committed seed plan is deleted within the test and comes back after it."""
    delete_seed_rows()


@pytest.fixture(autouse=True)
def plan_only_when_asked_for(request):
    """A database test that does not ask for seed_plan starts with an empty plan, as it always did."""
    if "seed_plan" in request.fixturenames:
        return
    if request.node.get_closest_marker("django_db") or "django_db_setup" in request.fixturenames:
        request.getfixturevalue("empty_plan")


@pytest.fixture
def make_user(db):
    from .factories import UserFactory

    def make(groups=(), **kwargs):
        return UserFactory(groups=list(groups), **kwargs)

    return make


@pytest.fixture
def registrar(make_user):
    return make_user(groups=["Registrator"], username="registrator")


@pytest.fixture
def reader(make_user):
    return make_user(groups=["Läsare"], username="lasare")


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


@pytest.fixture
def driver():
    """Headless Chromium with a throwaway profile, asking for Swedish (tests/browser.py says where it is)."""
    import shutil
    import tempfile

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from .browser import CHROMEDRIVER, CHROMIUM

    profile = tempfile.mkdtemp(prefix="ordna-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
        "--lang=sv-SE",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    # Headless Chromium asks for English; our users' browsers ask for Swedish.
    options.add_experimental_option("prefs", {"intl.accept_languages": "sv-SE,sv"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.implicitly_wait(0)
    yield browser
    browser.quit()
    shutil.rmtree(profile, ignore_errors=True)
