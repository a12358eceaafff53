"""What the browser tests share (scripts/desk-browser.py, scripts/reports-browser.py): Debian's
headless Chromium through Selenium, and a page check that photographs the page at laptop and
phone sizes and runs axe-core on it at WCAG 2.1 AA. Failures are collected, not raised, so that
one run reports all of them."""

import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium_axe_python import Axe

LAPTOP = (1280, 900)
PHONE = (390, 844)
failures = []


def check(condition, message):
    """Records a failure (and prints it) when `condition` is false."""
    if not condition:
        failures.append(message)
        print("FAIL: " + message, file=sys.stderr)


def browser():
    """A headless Chromium at laptop size."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={LAPTOP[0]},{LAPTOP[1]}"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(120)  # axe-core is slow on a loaded machine
    return driver


def whole_page(driver, size, path):
    """Photographs the whole page, not only what the window shows, at a window `size` wide; the
    window gets `size` back."""
    driver.set_window_size(*size)
    # The window's height includes what is not the page: grow it by what still does not show.
    for _ in range(3):
        hidden = driver.execute_script("return document.documentElement.scrollHeight - window.innerHeight")
        if hidden <= 0:
            break
        driver.set_window_size(size[0], driver.get_window_size()["height"] + hidden)
    driver.save_screenshot(path)
    driver.set_window_size(*LAPTOP)


def check_page(driver, shots, name):
    """Photographs the page at laptop and phone sizes into `shots`, checks that it is in French and
    that axe-core finds no WCAG 2.1 AA violation."""
    whole_page(driver, LAPTOP, f"{shots}/{name}.png")
    whole_page(driver, PHONE, f"{shots}/{name}-phone.png")
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr", f"{name}: lang is not fr")
    axe = Axe(driver)
    axe.inject()
    results = axe.run(options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    for violation in results["violations"]:
        check(False, f"{name}: axe {violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)")


def overflowing(driver):
    """The elements that stick out of the page's width: tables, charts, tiles."""
    return driver.execute_script(
        """const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));"""
    )


def finish(script):
    """Exits non-zero when any check failed."""
    if failures:
        raise SystemExit(f"{script}: {len(failures)} failures")
    print(f"{script}: every check passed")
