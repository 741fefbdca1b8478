"""Content-Security-Policy: every page gets one; the admin, Wagtail's admin and the product pages still work."""

import pytest

from tests.browser import HAVE_CHROMIUM


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.fixture
def superuser_client(client, make_user):
    client.force_login(make_user(is_superuser=True))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/admin/", "/admin/records/case/", "/postlista/", "/processer/"])
def test_the_product_and_the_back_office_run_only_their_own_scripts(superuser_client, url):
    response = superuser_client.get(url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/cms/", "/cms/pages/", "/cms/login/"])
def test_wagtails_admin_loads_with_the_inline_scripts_it_still_writes(superuser_client, url):
    if url == "/cms/login/":
        superuser_client.logout()
    response = superuser_client.get(url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]  # its preview frames its own pages


def test_wagtail_calls_no_other_site():
    from django.conf import settings

    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False


# --- In a real browser: no script, style or frame is refused --------------------------------------------

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI + " " + event.sourceFile + ":" + event.lineNumber);
});
"""


@pytest.mark.browser
@pytest.mark.skipif(not HAVE_CHROMIUM, reason="Chromium and chromedriver are not installed")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_page_breaks_the_policy_in_a_browser(driver, live_server, seed_plan, make_user):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    from cms.demo import load as load_guides
    from cms.models import GuidePage
    from tests.records.factories import CaseFactory

    load_guides(type("Out", (), {"write": lambda self, *a, **k: None})())
    guide = GuidePage.objects.first()
    make_user(username="rut", is_superuser=True)
    case = CaseFactory(process=seed_plan["2.9.1"])
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_VIOLATIONS})
    wait = WebDriverWait(driver, 20)

    driver.get(live_server.url + "/admin/login/")
    driver.find_element(By.NAME, "username").send_keys("rut")
    driver.find_element(By.NAME, "password").send_keys("test-password-123")
    driver.find_element(By.CSS_SELECTOR, "[type=submit]").click()
    wait.until(ec.url_to_be(live_server.url + "/admin/"))

    violations = {}
    for path in (
        "/",
        "/admin/",
        f"/admin/records/case/{case.pk}/change/",
        "/admin/records/case/add/?process=2.9.1",
        "/admin/classification/node/",
        "/processer/2.9.1/",
        "/cms/",
        "/cms/pages/",
        f"/cms/pages/{guide.pk}/edit/",
    ):
        driver.get(live_server.url + path)
        wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
        if path.startswith("/admin/records/case/add/"):
            # The registration form's own script fetches the process's guides: it ran if they show.
            wait.until(
                lambda d: (
                    d.find_element(By.ID, "process-guides").is_displayed()
                    or d.execute_script("return window.__cspViolations.length")
                )
            )
        found = driver.execute_script("return window.__cspViolations")
        if found:
            violations[path] = found
    assert violations == {}
