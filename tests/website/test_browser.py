"""In Debian's chromium, driven by Playwright: open a page and switch language."""

from __future__ import annotations

import pytest
from browser import Server, require_chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served_site(fixture_site):
    require_chromium()
    server = Server(fixture_site)
    yield server.url
    server.stop()


def test_open_a_page_and_switch_language(served_site, browser):
    page = browser.new_page()
    outside = []
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(served_site) or r.url.startswith("data:")
            else outside.append(r.url)
        ),
    )
    page.goto(f"{served_site}/methodologies/debat-budget/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert (
        page.locator("h1").first.inner_text().rstrip("¶")
        == "Préparer le débat public sur le budget"
    )
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
