"""In a real browser: a contractor logs in, finds a new work order from the overview, accepts it, completes it with
the action performed, and the SMS to the tenant shows in the message table."""

import pytest

from records.models import Message, WorkOrder
from records.work_orders import services as work_orders
from tests.browser import HAVE_CHROMIUM
from tests.cms.test_browser import PASSWORD, Admin
from tests.records.work_factories import ContractorFactory, contractor_user, orderer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not HAVE_CHROMIUM,
        reason="Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
    ),
    # Serialized rollback restores the groups and number series that migrations made, after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(admin, username):
    admin.driver.delete_all_cookies()
    admin.open("/admin/login/")
    admin.find("#id_username").send_keys(username)
    admin.find("#id_password").send_keys(PASSWORD)
    admin.click("#login-form [type=submit]")
    admin.wait.until(lambda d: "/admin/login/" not in d.current_url)


def test_a_contractor_takes_a_work_order_from_ordered_to_completed(driver, live_server, seed_plan, settings, tmp_path):
    from selenium.webdriver.common.by import By

    settings.MEDIA_ROOT = tmp_path
    contractor = ContractorFactory(name="Fiktiva Rör AB")
    contractor_user(contractor, username="roraren")
    boss = orderer(username="bestallaren")
    order = work_orders.create_work_order(
        work_orders.WorkOrderData(
            order_type="fel",
            contractor=contractor,
            property_name="Demofastigheten 4:2",
            apartment="1102",
            subject="Droppande kran i badrummet",
            tenant_phone="070-555 66 77",
        ),
        user=boss,
    )
    admin = Admin(driver, live_server.url)

    log_in(admin, "roraren")
    admin.open("/admin/records/workorder/overview/")
    admin.shot("overview")
    admin.click("tr[data-status='bestalld'] a[data-type='fel']")
    admin.wait_until(lambda d: "status__exact=bestalld" in d.current_url, "list")
    admin.click_element(driver.find_element(By.LINK_TEXT, order.reference))
    admin.click("a[data-action='accept']")
    admin.shot("accept-confirm")
    assert "Acceptera arbetsordern innan du påbörjar arbetet" in admin.find("[data-warning]").text
    admin.click("#confirm-action [type=submit]")
    admin.wait_until(lambda d: "/change/" in d.current_url, "accepted")
    assert "är accepterad" in admin.find(".messagelist").text

    admin.click("a[data-action='complete']")
    assert "skickas ett SMS till hyresgästen" in admin.find("[data-warning]").text
    admin.click("#confirm-action [type=submit]")  # without the action performed: refused, nothing changes
    assert "Ange utförd åtgärd" in admin.find(".errorlist, .errornote").text
    assert WorkOrder.objects.get().status == "accepterad"
    admin.find("#id_action_performed").send_keys("Bytt packning i blandaren och provkört.")
    admin.shot("complete-filled")
    admin.click("#confirm-action [type=submit]")
    admin.wait_until(lambda d: "/change/" in d.current_url, "completed")
    admin.shot("completed")
    assert "Utförd" in admin.find(".field-status").text
    assert "Bytt packning i blandaren" in admin.find("#case-timeline").text

    order.refresh_from_db()
    assert order.status == "utford" and order.case.status == "closed"
    sms = Message.objects.get(kind="work_order_completed")
    assert (sms.recipient, sms.status) == ("070-555 66 77", "sent")

    log_in(admin, "bestallaren")
    admin.open("/admin/records/message/?channel__exact=sms")
    admin.shot("messages")
    table = admin.find("#result_list").text
    assert "070-555 66 77" in table and "Skickat" in table and order.reference in table
