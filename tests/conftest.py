"""Fixtures shared by every test module: users in their role groups, the seed plan, a headless browser."""

import pytest


@pytest.fixture
def seed_plan(db):
    """The seed classification plan (67 nodes), loaded through the importer."""
    from classification.importing.apply import import_plan
    from classification.importing.files import read_plan_file

    from .factories import SEED_CSV

    import_plan(read_plan_file(SEED_CSV))
    from classification.models import Node

    return {node.code: node for node in Node.objects.all()}


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
