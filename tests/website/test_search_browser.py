"""The online search and the lighter pages, in Chromium, on a real build of the site.

Structural properties of the low-bandwidth budgets (the numbers live in `make bench`): nothing of
the search is fetched before the reader uses it, results are in the page's language, Bambara
and Soninké words with ɛ ɔ ɲ ŋ are found whether typed with those letters or without, and Material's 35 KB bundle is not sent online."""

from __future__ import annotations

import re

import pytest
from browser import Server, require_chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(real_site):
    require_chromium()
    server = Server(real_site)
    yield server.url
    server.stop()


def _open(browser, url: str):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, requests


def _search(page, words: str) -> list[str]:
    """Open the search with the keyboard, type, and return the result links (paths)."""
    page.keyboard.press("/")
    page.keyboard.type(words)
    page.wait_for_selector(".md-search-result__meta:not(:empty)")
    page.wait_for_function(
        """() => /\\d|^[^0-9]*$/.test(document.querySelector('.md-search-result__meta').textContent)
        && document.querySelector('.md-search-result__list').children.length > 0""",
        timeout=15_000,
    )
    return page.eval_on_selector_all(
        ".md-search-result__link", "links => links.map(a => new URL(a.href).pathname)"
    )


@pytest.mark.parametrize(
    "path",
    [
        "",
        "methodologies/cycle-ccap/",
        "en/formations/budget-plaidoyer/",
        "bm/methodologies/",
        "snk/glossaire/",
    ],
)
def test_nothing_of_the_search_and_no_material_bundle_before_search(site, browser, path):
    page, requests = _open(browser, f"{site}/{path}")
    assert not [u for u in requests if "/search/" in u or "lunr" in u]
    assert not [u for u in requests if re.search(r"bundle\.[0-9a-f]+\.min\.js", u)]
    page.focus(".md-search__input")
    page.keyboard.type("budget")  # typing is what loads the index: one shard and the result titles
    page.wait_for_selector(".md-search-result__item")
    fetched = [u for u in requests if "/search/" in u]
    language = (path.split("/")[0] + "/") if path.split("/")[0] in ("en", "bm", "snk") else ""
    assert any(u.endswith(f"/search/{language.rstrip('/') or 'fr'}/bu.json") for u in fetched), (
        fetched
    )
    assert all(f"/search/{language.rstrip('/') or 'fr'}/" in u for u in fetched)
    page.close()


@pytest.mark.parametrize(
    ("prefix", "words", "expected"),
    [
        ("", "budget", "/methodologies/debat-public-budget/"),
        ("en/", "budget", "/en/methodologies/debat-public-budget/"),
        ("bm/", "ɲininiw", "/bm/methodologies/suivi-plans-actions/capsule/"),  # ɲ
        ("bm/", "sɛbɛnw", None),  # ɛ, any result
        (
            "bm/",
            "kɔlɔsili",
            "/bm/methodologies/cycle-ccap/",
        ),  # ɔ, a Bambara title over a French page
        ("snk/", "budget", None),  # no Soninké text is published yet: the French pages under /snk/
    ],
)
def test_results_are_in_the_page_language(site, browser, prefix, words, expected):
    page, _ = _open(browser, f"{site}/{prefix}")
    found = _search(page, words)
    assert found, f"no result for {words!r} on /{prefix}"
    if expected:
        assert expected in found
    others = ("/en/", "/bm/", "/snk/")
    for path in found:
        if prefix:
            assert path.startswith("/" + prefix), f"{path} is not a /{prefix} page"
        else:
            assert not path.startswith(others), f"{path} is not a French page"
    page.close()


@pytest.mark.parametrize(
    ("prefix", "typed", "written"),
    [
        ("bm/", "kɔlɔsi", "kɔlɔsi"),  # ɔ and ɛ are letters, not separators: found whole
        ("bm/", "kolosi", "kɔlɔsi"),  # typed on a phone keyboard with no ɔ
        ("bm/", "sebenw", "sɛbɛn"),  # no ɛ
        ("", "debat", "débat"),  # no accent
    ],
)
def test_search_finds_words_as_typed_and_marks_them_as_written(
    site, browser, prefix, typed, written
):
    """Most phone keyboards have no ɛ ɔ ɲ ŋ and many readers type no accents: the search finds
    the word all the same, and marks it in the results as it is written."""
    page, _ = _open(browser, f"{site}/{prefix}")
    found = _search(page, typed)
    assert found and all(p.startswith("/" + prefix) for p in found)
    marks = page.eval_on_selector_all(
        ".md-search-result__list mark", "m => m.map(e => e.textContent.toLowerCase())"
    )
    assert any(m.startswith(written) for m in marks), marks
    page.close()


def test_escape_closes_the_search_and_results_are_keyboard_links(site, browser):
    page, _ = _open(browser, f"{site}/en/")
    _search(page, "budget")
    assert page.is_checked("#__search")
    page.keyboard.press("Tab")  # from the field, the keyboard reaches the results
    focused = ""
    for _ in range(6):
        focused = page.evaluate("document.activeElement.className")
        if "md-search-result__link" in focused:
            break
        page.keyboard.press("Tab")
    assert "md-search-result__link" in focused
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    page.close()


def test_dark_mode_switch_works_without_materials_bundle(site, browser):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(f"{site}/methodologies/")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.click("label[for='__palette_1']:visible")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.reload()  # the choice is remembered, as Material does
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert page.is_visible("label[for='__palette_0']")
    context.close()
