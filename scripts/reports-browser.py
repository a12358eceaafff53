"""The HTML reports in headless Chromium (scripts/test-reports): each page given is opened from
its file, photographed whole on a laptop and a phone, checked by axe-core at WCAG 2.1 AA, then
printed on A4 by Chromium. A page passes when it is in French, loads nothing from outside itself,
draws every chart it has, writes its numbers the French way, shows no contact, and fits A4's
width in print without cutting a chart or a table."""

import base64
import os
import re
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions

from browser_checks import LAPTOP, PHONE, browser, check, check_page, finish, overflowing

SHOTS = os.environ["REPORT_SHOTS"]
# A4's width less the report's print margins (12 mm each side), in CSS pixels (96 per inch).
A4_PRINTABLE_WIDTH = round((210 - 2 * 12) / 25.4 * 96)


def whole_page(driver, path, size):
    """A screenshot of the whole length of the page at `size`'s width."""
    driver.set_window_size(size[0], size[1])
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(size[0], min(height + 140, 16_000))
    driver.save_screenshot(path)
    driver.set_window_size(*LAPTOP)


def check_report(driver, path):
    name = os.path.splitext(os.path.basename(path))[0]
    driver.get("file://" + path)
    text = driver.find_element(By.TAG_NAME, "body").text
    check(driver.title.strip() != "", f"{name}: the page has a title")
    outside = driver.execute_script(
        "return [...document.querySelectorAll('[src], link[href], script')].map(e => e.outerHTML.slice(0, 80));")
    check(outside == [], f"{name}: loads nothing from outside itself ({outside[:3]})")
    charts = driver.find_elements(By.TAG_NAME, "svg")
    check(charts != [], f"{name}: has charts")
    for index, chart in enumerate(charts):
        size = chart.size
        marks = chart.find_elements(By.CSS_SELECTOR, "rect, path, line, polyline, circle")
        check(size["width"] > 100 and size["height"] > 40 and len(marks) >= 1,
              f"{name}: chart {index + 1} is drawn ({size['width']}×{size['height']}, {len(marks)} marks)")
        check(chart.get_attribute("role") == "img" or chart.find_elements(By.TAG_NAME, "title"),
              f"{name}: chart {index + 1} has a text alternative")
    check(not re.search(r"\d\.\d+\s?%", text), f"{name}: a percentage written with a decimal point")
    check(not re.search(r"\b\d{1,3},\d{3}\b(?!\s?%)", text), f"{name}: a thousands separator written as a comma")
    check(not re.search(r"\b(NaN|nan|Infinity|inf|undefined|null)\b", text), f"{name}: a number that is not one")
    check(not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+|\+33\s?\d", text), f"{name}: shows an email address or a phone")
    check(not re.search(r"\b(sanction|radiation|contr[ôo]le)\w*", text, re.IGNORECASE),
          f"{name}: a word of sanction, where the journal is meant to help")

    check_page(driver, SHOTS, name)
    whole_page(driver, f"{SHOTS}/{name}-whole.png", LAPTOP)
    whole_page(driver, f"{SHOTS}/{name}-whole-phone.png", PHONE)

    # In print, at A4's printable width: nothing sticks out, and Chromium's PDF has its pages.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.set_window_size(A4_PRINTABLE_WIDTH, 1100)
    wide = overflowing(driver)
    check(wide == [], f"{name}: wider than A4 in print: {sorted(set(wide))[:5]}")
    driver.set_window_size(*LAPTOP)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    pdf = base64.b64decode(driver.print_page(options))
    with open(f"{SHOTS}/{name}.pdf", "wb") as handle:
        handle.write(pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    check(1 <= pages <= 12, f"{name}: prints on {pages} A4 pages")
    print(f"{name}: {len(charts)} charts, {pages} A4 pages")


driver = browser()
try:
    for report in sys.argv[1:]:
        check_report(driver, os.path.abspath(report))
finally:
    driver.quit()

finish("reports-browser")
