"""What a reader sees on a 320 and 360 px phone, in Chromium, on one build of the real site.

Every template (tests/phone_pages.py) in the four languages, with the search closed and open with
results: no sideways scrolling, nothing wider than the screen, no text under 12 px, tap targets of
24 x 24 px at least (WCAG 2.5.8), the keyboard focus always seen with an outline. Then the
problems found by looking at screenshots (issue 17), one test each, and what a printed page keeps.
`make screenshots` shows the same pages to a person."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser import Server, build, require_chromium
from conftest import ROOT
from phone_pages import FOCUS_JS, LAYOUT_JS, NO_TRANSITIONS, PRINT_JS, add_sample_kits, existing, open_search, prepare, url

pytestmark = pytest.mark.browser

LANGUAGES = ("fr", "en", "bm", "snk")
DARK = {(360, "en"), (360, "snk"), (320, "fr"), (320, "bm")}  # each language in both schemes


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """One build of the real content without kits (a sample kit list on the downloads pages),
    served on loopback: (folder, address). PHONE_SITE=<folder> reuses a build made before
    (`HUB_KITS=0 mkdocs build --site-dir <folder>`), when working on these tests."""
    require_chromium()
    reuse = os.environ.get("PHONE_SITE")
    folder = Path(reuse) if reuse else build(ROOT, tmp_path_factory.mktemp("real") / "site", HUB_KITS="0")
    add_sample_kits(folder)
    server = Server(folder)
    yield folder, server.url
    server.stop()


@pytest.fixture(scope="module")
def pages(browser):
    """One page per (width, scheme), reused from test to test."""
    made = {}

    def get(width: int, scheme: str = "light", height: int = 740):
        key = (width, scheme, height)
        if key not in made:
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                          is_mobile=width < 600, has_touch=width < 600,
                                          bypass_csp=True)  # for the no-transitions style
            made[key] = context.new_page()
        return made[key]

    yield get
    for page in made.values():
        page.context.close()


def _open(page, address: str) -> None:
    page.goto(address)
    page.add_style_tag(content=NO_TRANSITIONS)


def _keyboard(page) -> None:
    """Tell Chromium the reader uses the keyboard (focus rings show for :focus-visible)."""
    page.keyboard.press("Shift")
    page.evaluate("document.activeElement && document.activeElement.blur()")


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_fits_a_phone(real_site, pages, width, lang):
    folder, base = real_site
    page = pages(width, "dark" if (width, lang) in DARK else "light")
    found = []
    for name, path in existing(folder).items():
        if name == "404" and lang != "fr":
            continue
        _open(page, url(base, lang, path))
        prepare(page, name, lang)
        found += [f"{name} ({lang}, {width} px): {p}" for p in page.evaluate(LAYOUT_JS)]
        _keyboard(page)
        found += [f"{name} ({lang}, {width} px): {p}" for p in page.evaluate(FOCUS_JS, None)]
        page.keyboard.press("Escape")
        page.evaluate("window.scrollTo(0, 0)")
        open_search(page, lang)
        found += [f"{name} ({lang}, {width} px, search open): {p}" for p in page.evaluate(LAYOUT_JS)]
        _keyboard(page)
        found += [f"{name} ({lang}, {width} px, search open): {p}" for p in page.evaluate(FOCUS_JS, ".md-search")]
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)
