"""What a person does on the site, in a real browser."""
import json
import time

import pytest
import importlib.util
import pathlib
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import NOW, make_driver, run, screenshot

# axe-core 4.x, as shipped inside the axe-playwright-python wheel (installed without its
# Playwright dependency: only the script is used, injected through Selenium).
AXE_SOURCE = (pathlib.Path(importlib.util.find_spec("axe_playwright_python").origin).parent / "axe.min.js").read_text()

PAGES = {"home": "/", "category": "/categories/messaging/", "service": "/services/discord/"}


def test_service_page_shows_the_state_in_words(site, browser):
    browser.get(site["base"] + "/services/discord/")
    banner = browser.find_element(By.ID, "state")
    assert "Problems detected" in banner.text or "Possible problems" in banner.text
    assert banner.get_attribute("role") == "status"
    assert browser.find_element(By.CSS_SELECTOR, "#chart svg")
    quiet = make_driver()
    try:
        # No reports, no history and no official source: honest "not enough data", never green.
        quiet.get(site["base"] + "/services/gmail/")
        assert "Not enough data" in quiet.find_element(By.ID, "state").text
    finally:
        quiet.quit()


def test_reporting_a_problem_thanks_and_counts_after_the_next_run(site, browser):
    browser.get(site["base"] + "/services/slack/")
    before = int(browser.find_element(By.ID, "last-hour").text)
    browser.find_element(By.CSS_SELECTOR, "form.report-form input[type=radio]").click()
    browser.find_element(By.CSS_SELECTOR, "form.report-form button").click()
    result = browser.find_element(By.CSS_SELECTOR, "form.report-form .form-result")
    WebDriverWait(browser, 10).until(lambda d: result.text.strip() != "")
    assert "Thanks" in result.text
    assert int(browser.find_element(By.ID, "last-hour").text) == before + 1
    run(site["root"], "run", "--offline")
    browser.execute_script("document.dispatchEvent(new Event('visibilitychange'))")
    WebDriverWait(browser, 10).until(
        lambda d: json.loads(d.execute_script(
            "return JSON.stringify(document.getElementById('last-24h').textContent)")) != "0")
    assert int(browser.find_element(By.ID, "last-24h").text) >= 1


def test_notify_form_answers(site, browser):
    browser.get(site["base"] + "/services/slack/")
    browser.find_element(By.ID, "notify-email").send_keys("reader@example.org")
    browser.find_element(By.CSS_SELECTOR, "form.notify-form button").click()
    result = browser.find_element(By.CSS_SELECTOR, "form.notify-form .form-result")
    WebDriverWait(browser, 10).until(lambda d: result.text.strip() != "")
    assert "inbox" in result.text.lower() or "confirm" in result.text.lower()


def test_search_box_filters_the_home_page(site, browser):
    browser.get(site["base"] + "/")
    box = browser.find_element(By.ID, "filter")
    box.send_keys("disc")
    visible = [li.get_attribute("data-slug") for li in browser.find_elements(By.CSS_SELECTOR, ".category .service-item")
               if li.is_displayed()]
    assert visible == ["discord"]


def test_no_console_errors(site, browser):
    for path in PAGES.values():
        browser.get(site["base"] + path)
        time.sleep(0.3)
        errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        assert errors == [], errors


def test_content_security_policy_is_sent_and_enforced(site):
    import urllib.request
    with urllib.request.urlopen(site["base"] + "/services/discord/") as response:
        policy = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, policy
    driver = make_driver()
    try:
        driver.get(site["base"] + "/services/discord/")
        # Markup that third-party text might smuggle in: the policy must stop its handler.
        driver.execute_script(
            "window.__ran = false;"
            "var d = document.createElement('div');"
            "d.innerHTML = '<img src=\"/missing.png\" onerror=\"window.__ran = true\">';"
            "document.body.appendChild(d);")
        time.sleep(0.5)
        assert driver.execute_script("return window.__ran") is False
        violations = [e for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]
        assert violations, "the blocked handler is reported as a violation"
    finally:
        driver.quit()


def test_page_works_without_javascript(site):
    driver = make_driver(javascript=False)
    try:
        driver.get(site["base"] + "/services/discord/")
        assert "Is Discord down?" in driver.find_element(By.TAG_NAME, "h1").text
        assert driver.find_element(By.CSS_SELECTOR, "form.report-form").get_attribute("method") == "post"
        assert driver.find_element(By.CSS_SELECTOR, "#chart-table table")
    finally:
        driver.quit()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_accessibility_has_no_serious_violations(site, page, dark):
    driver = make_driver(dark=dark)
    try:
        driver.get(site["base"] + PAGES[page])
        driver.set_script_timeout(180)
        driver.execute_script(AXE_SOURCE)
        violations = driver.execute_script(
            "return axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => r.violations)", ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], json.dumps([(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious], indent=1)
    finally:
        driver.quit()


@pytest.mark.parametrize("width,label", [(390, "phone"), (1280, "desktop")])
def test_screenshots_of_every_page(site, width, label):
    driver = make_driver(width=width, height=1600)
    try:
        for name, path in PAGES.items():
            driver.get(site["base"] + path)
            screenshot(driver, f"{name}-{label}")
    finally:
        driver.quit()
