"""Browser tests: a prepared site served by the real `downtrack serve` on 127.0.0.1, driven by
headless Chromium through Selenium."""
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("DOWNTRACK_BIN", REPO / ".build/debug/downtrack"))
ARTIFACTS = REPO / "test-artifacts"
NOW = "2026-11-26T22:00:00Z"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(site, *args):
    return subprocess.run([str(BINARY), *args, "--root", str(site)], check=True, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site():
    work = pathlib.Path(tempfile.mkdtemp(prefix="downtrack-e2e-"))
    shutil.copytree(REPO / "content", work / "content")
    shutil.copytree(REPO / "templates", work / "templates")
    port = free_port()
    (work / "downtrack.yml").write_text(
        f'site: {{title: Downtrack, base_url: "http://127.0.0.1:{port}"}}\n'
        "intake: {report_window_minutes: 1}\n"
    )
    # A service in trouble: a burst of reports in the last minutes.
    for minute in range(50, 60):
        run(work, "report", "discord", "login", "--at", f"2026-11-26T21:{minute}:00Z", "--count", "30")
    # Two minutes of collecting: the detector enters a problem state only when it persists.
    run(work, "collect", "--offline", "--now", "2026-11-26T21:59:00Z")
    run(work, "run", "--offline", "--now", NOW)
    server = subprocess.Popen([str(BINARY), "serve", "--root", str(work), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield {"root": work, "base": base}
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)


def make_driver(javascript=True, dark=False, width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={width},{height}"):
        options.add_argument(flag)
    if dark:
        options.add_argument("--force-dark-mode")
        options.add_argument("--blink-settings=preferredColorScheme=0")
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    if dark:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    return driver


@pytest.fixture
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


def screenshot(driver, name):
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
