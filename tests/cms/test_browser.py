"""In a real browser: an editor writes and submits a guide, a reviewer approves it, it shows on its process page."""

import os
import tempfile
from pathlib import Path

import pytest

from cms.services import EDITOR_GROUP, REVIEWER_GROUP
from tests.browser import HAVE_CHROMIUM
from tests.factories import ProcessFactory, UserFactory

SCREENSHOTS = os.environ.get("ORDNA_SCREENSHOTS")  # a folder: keep a screenshot of every stage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not HAVE_CHROMIUM,
        reason="Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
    ),
    # Serialized rollback restores the page tree, groups and workflow that migrations made, after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "test-password-123"
WAIT = 20


class Admin:
    """Small, explicit-wait helpers around the Wagtail admin."""

    def __init__(self, driver, base_url):
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver, self.base_url = driver, base_url
        self.wait = WebDriverWait(driver, WAIT)
        self.shots = 0

    def shot(self, name):
        if SCREENSHOTS:
            self.shots += 1
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            self.driver.save_screenshot(str(Path(SCREENSHOTS) / f"{self.shots:02d}-{name}.png"))

    def wait_until(self, condition, stage):
        """Wait for a condition; on timeout keep a screenshot of the page as it was."""
        from selenium.common.exceptions import TimeoutException

        try:
            return self.wait.until(condition)
        except TimeoutException:
            self.driver.save_screenshot(str(Path(SCREENSHOTS or tempfile.gettempdir()) / f"timeout-{stage}.png"))
            errors = self.driver.find_elements("css selector", ".error-message, .w-field__errors, .help-critical")
            where = "return arguments[0].closest('[data-contentpath]')?.getAttribute('data-contentpath')"
            details = [(e.text, self.driver.execute_script(where, e)) for e in errors if e.text]
            raise AssertionError(f"{stage}: {details}") from None

    def find(self, css):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as ec

        return self.wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def click(self, css):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as ec

        return self.click_element(self.wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, css))))

    def click_element(self, element):
        from selenium.common.exceptions import ElementClickInterceptedException

        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        try:
            element.click()
        except ElementClickInterceptedException:  # covered by the sticky action bar
            self.driver.execute_script("arguments[0].click();", element)
        return element

    def open(self, path):
        self.driver.get(self.base_url + path)

    def log_in(self, username):
        self.driver.delete_all_cookies()
        self.open("/cms/login/")
        self.find("#id_username").send_keys(username)
        self.find("#id_password").send_keys(PASSWORD)
        self.click("form button[type=submit]")
        self.wait.until(lambda d: "/cms/login/" not in d.current_url)

    def add_step(self, index, heading, text):
        from selenium.common.exceptions import ElementClickInterceptedException
        from selenium.webdriver.common.by import By

        buttons = self.driver.find_elements(By.CSS_SELECTOR, "[data-contentpath='body'] button.c-sf-add-button")
        button = buttons[-1]
        # The sticky action bar can cover the button; a script click is what a user's tap does here.
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button)
        self.shot(f"chooser-{index}")
        # Each opened chooser stays in the DOM; use the one that is showing.
        option_xpath = "//*[@role='option'][normalize-space()='Steg']"
        options = self.wait.until(lambda d: [o for o in d.find_elements(By.XPATH, option_xpath) if o.is_displayed()])
        self.click_element(options[-1])
        heading_input = self.find(f"input[name='body-{index}-value-heading']")
        heading_input.send_keys(heading)
        editor = self.find(
            f"[data-contentpath='body'] [data-contentpath] #body-{index}-value-text + * .public-DraftEditor-content, "
            f"#body-{index}-value-text ~ * .public-DraftEditor-content"
        )
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", editor)
        try:
            editor.click()
        except ElementClickInterceptedException:
            # Near the bottom of a short page the sticky action bar covers the editor.
            self.driver.execute_script("arguments[0].focus();", editor)
        editor.send_keys(text)
        # Draftail keeps its own state and writes it to a hidden input; the form posts that input.
        stored = self.driver.find_element(By.CSS_SELECTOR, f"input[name='body-{index}-value-text']")
        self.wait_until(lambda d: text.split()[0] in (stored.get_attribute("value") or ""), f"step-{index}-text")
        assert heading_input.get_attribute("value") == heading


def test_an_editor_writes_a_guide_a_reviewer_publishes_it_and_it_shows_on_its_process(driver, live_server):
    from wagtail.models import Page

    from cms.models import GuideIndexPage, GuidePage

    process = ProcessFactory(title="Förvalta fastigheter och inventarier")
    UserFactory(username="redaktor", groups=[EDITOR_GROUP], is_staff=False)
    UserFactory(username="granskare", groups=[REVIEWER_GROUP], is_staff=False)
    index = GuideIndexPage.objects.get()
    admin = Admin(driver, live_server.url)

    admin.log_in("redaktor")
    admin.open(f"/cms/pages/add/cms/guidepage/{index.pk}/")
    admin.find("#id_title").send_keys("Hantera en arbetsorder")
    admin.find("#id_intro").send_keys("Så tar du emot och klarmarkerar en arbetsorder.")
    admin.click("#id_guide_processes-ADD")
    from selenium.webdriver.support.ui import Select

    Select(admin.find("#id_guide_processes-0-node")).select_by_value(str(process.pk))
    admin.shot("editor-filled-meta")
    admin.add_step(0, "Acceptera", "Klicka på Acceptera innan du börjar.")
    admin.add_step(1, "Klarmarkera", "Skriv vad du gjort och klicka på Utförd.")
    admin.shot("editor-two-steps")

    submit = driver.find_element("css selector", "button[name='action-submit']")
    driver.execute_script("arguments[0].click();", submit)
    admin.wait_until(lambda d: "/edit/" not in d.current_url and "/add/" not in d.current_url, "submit")
    admin.shot("editor-submitted")
    guide = GuidePage.objects.get(title="Hantera en arbetsorder")
    assert not guide.live
    assert guide.current_workflow_state is not None

    admin.log_in("granskare")
    admin.open(f"/cms/pages/{guide.pk}/edit/")
    admin.shot("reviewer-edit")
    approve = driver.find_element(
        "css selector", "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    driver.execute_script("arguments[0].click();", approve)
    admin.wait_until(lambda d: "/edit/" not in d.current_url, "approve")
    admin.shot("reviewer-approved")

    guide.refresh_from_db()
    assert guide.live
    admin.open(f"/processer/{process.code}/")
    admin.shot("process-page")
    assert "Hantera en arbetsorder" in admin.find("[data-guides]").text
    admin.open(guide.url)
    assert "Klarmarkera" in admin.find("#steg-2").text
    assert Page.objects.filter(pk=guide.pk, live=True).exists()
