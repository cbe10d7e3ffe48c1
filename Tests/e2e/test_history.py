"""The outage history in a real browser, on a site filled by `downtrack demo`: the service page's
past outages, 90-day strip and lag, and the history page (axe clean in light and dark)."""
import json
import pathlib
import shutil
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from conftest import BINARY, NOW, REPO, free_port, make_driver, run, screenshot
from test_site import AXE_SOURCE


@pytest.fixture(scope="module")
def demo_site():
    work = pathlib.Path(tempfile.mkdtemp(prefix="downtrack-e2e-history-"))
    shutil.copytree(REPO / "content", work / "content")
    shutil.copytree(REPO / "templates", work / "templates")
    port = free_port()
    (work / "downtrack.yml").write_text(
        f'site: {{title: Downtrack, base_url: "http://127.0.0.1:{port}", data_license: "CC BY 4.0"}}\n')
    run(work, "demo", "--now", NOW, "--weeks", "2")
    run(work, "build", "--now", NOW)
    server = subprocess.Popen([str(BINARY), "serve", "--root", str(work), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    # A service whose history pairs an official incident with a crowd episode.
    slug = None
    for path in sorted((work / "output/api/v1/services").glob("*/history.json")):
        if json.loads(path.read_text())["lags"]:
            slug = path.parent.name
            break
    assert slug, "the demo data holds at least one lag"
    yield {"root": work, "base": base, "slug": slug}
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)


def test_service_page_shows_past_outages_the_strip_and_the_lag(demo_site, browser):
    browser.get(f"{demo_site['base']}/services/{demo_site['slug']}/")
    section = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=history-heading]")
    strip = section.find_element(By.CSS_SELECTOR, "svg.strip")
    assert strip.get_attribute("role") == "img"
    assert "last 90 days" in browser.find_element(By.ID, "strip-title").get_attribute("textContent")
    assert section.find_elements(By.CSS_SELECTOR, "ol.outages > li")
    lag = " ".join(p.text for p in section.find_elements(By.CSS_SELECTOR, ".lag"))
    assert "status page" in lag and "minute" in lag, lag
    # The strip as a table, behind a disclosure.
    section.find_element(By.CSS_SELECTOR, "details summary").click()
    assert section.find_elements(By.CSS_SELECTOR, "table.strip-table tbody tr")
    assert "CC BY 4.0" in browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=data-heading]").text
    section.find_element(By.PARTIAL_LINK_TEXT, "Full history").click()
    assert browser.current_url.endswith(f"/services/{demo_site['slug']}/history/")


def test_history_page_lists_the_timeline_and_links_the_open_data(demo_site, browser):
    browser.get(f"{demo_site['base']}/services/{demo_site['slug']}/history/")
    assert "outage history" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=timeline-heading] ol.outages > li")
    text = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=lag-heading]").text
    assert "not noticed by people" in text and "never acknowledged" in text, text
    for link in browser.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=data-heading] a"):
        with urllib.request.urlopen(link.get_attribute("href")) as response:
            assert response.status == 200
            assert response.read()
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == [], errors


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("page", ["service", "history"])
def test_history_pages_have_no_serious_accessibility_violations(demo_site, page, dark):
    path = f"/services/{demo_site['slug']}/" + ("history/" if page == "history" else "")
    driver = make_driver(dark=dark)
    try:
        driver.get(demo_site["base"] + path)
        driver.set_script_timeout(180)
        driver.execute_script(AXE_SOURCE)
        violations = driver.execute_script(
            "return axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => r.violations)", ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], json.dumps(
            [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious], indent=1)
        screenshot(driver, f"history-{page}-{'dark' if dark else 'light'}")
    finally:
        driver.quit()
