"""In Debian's chromium, driven by Playwright: open a page and switch language."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _require_chromium():
    if CHROMIUM:
        return
    message = "Debian's chromium is missing: run `make test` as root, or `sudo apt-get install chromium`."
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    _require_chromium()
    from conftest import make_site_tree

    root = make_site_tree(tmp_path_factory.mktemp("browser") / "hub")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, check=True,
                   capture_output=True, timeout=300)
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def test_open_a_page_and_switch_language(served_site, browser):
    page = browser.new_page()
    outside = []
    page.on("request", lambda r: None if r.url.startswith(served_site) or r.url.startswith("data:") else outside.append(r.url))
    page.goto(f"{served_site}/methodologies/debat-budget/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Préparer le débat public sur le budget"
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{served_site}/en/methodologies/debat-budget/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Preparing the public budget debate"
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Bamanankan").click()
    page.wait_for_url(f"{served_site}/bm/methodologies/debat-budget/")
    assert "Nin sɛbɛn in tɛ bamanankan na fɔlɔ" in page.locator("article").inner_text()
    assert outside == []
    page.close()


def test_catalogue_filters_narrow_the_list(served_site, browser):
    page = browser.new_page()
    page.goto(f"{served_site}/etudes-de-cas/")
    assert page.locator("li.hub-card:visible").count() == 1
    page.select_option("select[name=languages]", "en")
    assert page.locator("li.hub-card:visible").count() == 0
    page.select_option("select[name=languages]", "fr")
    assert page.locator("li.hub-card:visible").count() == 1
    page.close()
