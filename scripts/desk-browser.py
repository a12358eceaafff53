"""The advisors' desk in headless Chromium (scripts/test-desk): sign in by email link from the
spool, see exactly one's own cases and the agency queue, take a case, mark it contacted with a
note, see another tab's change refuse to be overwritten, sign out, and find the old cookie
refused; then the agency's manager, on a case page with the reassignment form and on a case
that does not exist. axe-core checks every page at WCAG 2.1 AA, and that nothing is wider than a phone's
screen; every page is photographed."""

import email
import email.policy
import glob
import os
import time

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_checks import LAPTOP, PHONE, browser, check, check_page, finish, overflowing

URL = os.environ["DESK_URL"]
SPOOL = os.environ["DESK_SPOOL"]
SHOTS = os.environ["DESK_SHOTS"]
EXPECTED_MINE = int(os.environ["DESK_EXPECTED_MINE"])


def page(driver, name):
    """The shared page checks, and on a phone nothing wider than the screen: tables become cards."""
    check_page(driver, SHOTS, name)
    driver.set_window_size(*PHONE)
    wide = overflowing(driver)
    driver.set_window_size(*LAPTOP)
    check(wide == [], f"{name}: wider than a phone's screen: {sorted(set(wide))[:5]}")


def sign_in_link(advisor):
    for _ in range(100):
        files = glob.glob(f"{SPOOL}/email/desk/*/{advisor}-*.eml")
        if files:
            with open(files[0], "rb") as handle:
                message = email.message_from_binary_file(handle, policy=email.policy.default)
            body = message.get_body(("plain",)).get_content()
            return next(line.strip() for line in body.splitlines() if "/desk/sign-in?token=" in line)
        time.sleep(0.1)
    raise SystemExit("no sign-in link in the spool")


def replaced(old):
    """True once `old` has left the document. Chromium may answer a probe of a node that is
    being torn down with a generic inspector error ("Node with given id does not belong to the
    document") rather than a stale reference: both mean the page was replaced."""
    def predicate(_driver):
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True
    return predicate


def follow(driver, by, selector):
    """Clicks a link or a form's button and waits until the next page has replaced this one."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(by, selector).click()
    WebDriverWait(driver, 60).until(replaced(old))


def rows(driver):
    return driver.find_elements(By.CSS_SELECTOR, "tbody tr")


driver = browser()
try:
    driver.get(URL + "/desk/")
    check(driver.current_url.endswith("/desk/sign-in"), "without a session, /desk/ goes to the sign-in page")
    page(driver, "01-sign-in")
    driver.find_element(By.ID, "email").send_keys("sophie.lefevre@example.fr")
    follow(driver, By.CSS_SELECTOR, "form button")
    page(driver, "02-link-sent")
    link = sign_in_link("ADV001")
    check(link.startswith(URL + "/desk/sign-in?token="), "the link is built on desk.public_url")
    driver.get(link)
    page(driver, "03-link-button")
    follow(driver, By.CSS_SELECTOR, "form button")
    check(driver.current_url.endswith("/desk/"), "signing in opens my cases")
    page(driver, "04-my-cases")
    check(len(rows(driver)) == EXPECTED_MINE, f"my cases: {len(rows(driver))} rows, expected {EXPECTED_MINE}")
    cookie = driver.get_cookie("relance_desk")
    check(cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Lax", "the session cookie's flags")

    driver.get(URL + "/desk/queue")
    page(driver, "05-queue")
    queue = len(rows(driver))
    check(queue > 0, "the agency queue is not empty")
    follow(driver, By.CSS_SELECTOR, "tbody tr a")
    page(driver, "06-queue-case")
    follow(driver, By.XPATH, "//button[text()='Prendre en charge']")
    check("Prendre en charge" not in driver.page_source, "a taken case can no longer be taken")
    driver.get(URL + "/desk/queue")
    check(len(rows(driver)) == queue - 1, "the taken case left the queue")
    driver.get(URL + "/desk/")
    check(len(rows(driver)) == EXPECTED_MINE + 1, "the taken case is now mine")

    # Two tabs on the same case: the second one's change is refused.
    follow(driver, By.CSS_SELECTOR, "tbody tr a")
    case_url = driver.current_url
    first = driver.current_window_handle
    driver.switch_to.new_window("tab")
    driver.get(case_url)
    second = driver.current_window_handle
    driver.switch_to.window(first)
    driver.find_element(By.ID, "action-contacted").click()
    driver.find_element(By.ID, "note").send_keys("Appelée le 17, rappel <b>lundi</b>")
    follow(driver, By.XPATH, "//button[text()='Enregistrer']")
    page(driver, "07-case-contacted")
    check("Appelée le 17, rappel <b>lundi</b>" in driver.find_element(By.TAG_NAME, "main").text, "the note is shown as text")
    driver.switch_to.window(second)
    driver.find_element(By.ID, "action-resolved").click()
    follow(driver, By.XPATH, "//button[text()='Enregistrer']")
    page(driver, "08-case-conflict")
    check("modifié par quelqu’un d’autre" in driver.page_source, "the other tab's change is refused")
    check("contacté" in driver.find_element(By.CSS_SELECTOR, ".fiche").text.lower(), "the page shows the new state")
    driver.close()
    driver.switch_to.window(first)

    follow(driver, By.XPATH, "//button[text()='Se déconnecter']")
    page(driver, "09-signed-out")
    driver.add_cookie({"name": "relance_desk", "value": cookie["value"], "path": "/desk"})
    driver.get(URL + "/desk/")
    check(driver.current_url.endswith("/desk/sign-in"), "the old cookie no longer opens the desk")
    driver.get(link)
    page(driver, "10-link-spent")
    check("déjà servi ou a expiré" in driver.page_source, "a spent link does not sign in again")

    # The agency's manager: a case page with the reassignment form, and a case that is not there.
    driver.get(URL + "/desk/sign-in")
    driver.find_element(By.ID, "email").send_keys("karim.benali@example.fr")
    follow(driver, By.CSS_SELECTOR, "form button")
    driver.get(sign_in_link("ADV002"))
    follow(driver, By.CSS_SELECTOR, "form button")
    driver.get(URL + "/desk/queue")
    follow(driver, By.CSS_SELECTOR, "tbody tr a")
    page(driver, "11-manager-case")
    check(driver.find_elements(By.CSS_SELECTOR, "select") != [], "a manager's case page offers the reassignment")
    driver.get(URL + "/desk/cases/999999999")
    page(driver, "12-case-not-found")
    follow(driver, By.XPATH, "//button[text()='Se déconnecter']")
finally:
    driver.quit()

finish("desk-browser")
