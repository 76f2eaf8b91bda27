"""What a reader sees on a 320 and 360 px phone, in Chromium, on one build of the real site.

Every template (tests/phone_pages.py) in the four languages, with the search closed and open with
results: no sideways scrolling, nothing wider than the screen, no text under 12 px, tap targets of
24 x 24 px at least (WCAG 2.5.8), the keyboard focus always seen with an outline. Then the
problems found by looking at screenshots (issue 17), one test each, and what a printed page keeps.
`make screenshots` shows the same pages to a person."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from browser import Server, require_chromium
from conftest import ROOT, real_build, shared
from phone_pages import (
    FOCUS_JS,
    LAYOUT_JS,
    NO_TRANSITIONS,
    PRINT_JS,
    add_sample_kits,
    existing,
    open_search,
    prepare,
    url,
)

pytestmark = pytest.mark.browser

LANGUAGES = ("fr", "en", "bm", "snk")
DARK = {(360, "en"), (360, "snk"), (320, "fr"), (320, "bm")}  # each language in both schemes


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """A copy of the run's build of the real content (conftest's real_build, which other tests
    read unchanged) with a sample kit list on the downloads pages, served on loopback:
    (folder, address). PHONE_SITE=<folder> reuses a build made before, and builds nothing
    (`HUB_KITS=0 mkdocs build --site-dir <folder>`), when working on these tests."""
    require_chromium()
    reuse = os.environ.get("PHONE_SITE")

    def make(folder: Path) -> Path:
        site = Path(shutil.copytree(real_build(tmp_path_factory), folder / "site"))
        add_sample_kits(site)
        return site

    folder = Path(reuse) if reuse else shared(tmp_path_factory, "phone-site", make)
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
            context = browser.new_context(
                viewport={"width": width, "height": height},
                color_scheme=scheme,
                is_mobile=width < 600,
                has_touch=width < 600,
            )
            context.add_init_script(NO_TRANSITIONS)  # in every page, before its own
            made[key] = context.new_page()
        return made[key]

    yield get
    for page in made.values():
        page.context.close()


#: LAYOUT_JS, then FOCUS_JS from no focus, in one call (each call to the page costs CPU).
CHECKS_JS = (
    f"(scope) => [...({LAYOUT_JS})(),"
    f" ...(document.activeElement && document.activeElement.blur(), ({FOCUS_JS})(scope))]"
)


def _open(page, address: str) -> None:
    if "#" in address:
        page.goto("about:blank")  # a new document, not a jump within the one before
    page.goto(address)


def _checks(page, scope: str | None) -> list[str]:
    """What LAYOUT_JS and FOCUS_JS find on the page as it is, the keyboard in use (a key
    pressed: Chromium then shows the focus rings of :focus-visible)."""
    page.keyboard.press("Shift")
    return page.evaluate(CHECKS_JS, scope)


@pytest.mark.parametrize("width", [320, 360])  # under `make test`, a worker each (conftest SPLIT)
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
        found += [f"{name} ({lang}, {width} px): {p}" for p in _checks(page, None)]
        page.keyboard.press("Escape")
        page.evaluate("window.scrollTo(0, 0)")
        open_search(page, lang)
        found += [
            f"{name} ({lang}, {width} px, search open): {p}" for p in _checks(page, ".md-search")
        ]
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)


#: Made wrong on purpose: an element wider than the phone, a wide box that scrolls inside a box
#: of its own (not a problem), text under 12 px, two small buttons side by side, a button whose
#: focus shows nothing. The site's CSP allows this: styles set through the CSSOM, not markup.
BROKEN_JS = """() => {
  const article = document.querySelector('article');
  const make = (tag, id, style, text) => {
    const e = document.createElement(tag);
    e.id = id;
    for (const [name, value] of Object.entries(style)) e.style.setProperty(name, value, 'important');
    if (text) e.textContent = text;
    article.prepend(e);
    return e;
  };
  make('div', 'too-wide', {width: '500px', height: '20px'});
  const scroller = make('div', 'scroller', {'overflow-x': 'auto'});
  const inside = document.createElement('div');
  inside.id = 'inside-scroller';
  inside.style.setProperty('width', '900px');
  inside.style.setProperty('height', '20px');
  scroller.append(inside);
  make('p', 'tiny-text', {'font-size': '10px'}, 'Un texte trop petit');
  const row = make('p', 'row', {});
  for (const id of ['tap-a', 'tap-b']) {
    const button = document.createElement('button');
    button.id = id;
    button.textContent = 'x';
    for (const [name, value] of Object.entries({width: '12px', height: '12px', padding: '0',
        margin: '0', 'font-size': '12px', 'line-height': '12px'}))
      button.style.setProperty(name, value, 'important');
    row.append(button);
  }
  make('button', 'no-outline', {outline: 'none', 'box-shadow': 'none', width: '200px',
    height: '40px'}, 'Aucun contour');
}"""


def test_the_checks_find_what_they_look_for(real_site, pages):
    """LAYOUT_JS and FOCUS_JS on a page made wrong on purpose: each kind of problem is found, and
    a wide box that scrolls inside its own box is not one (a test that cannot fail is no test)."""
    _, base = real_site
    page = pages(360)
    _open(page, url(base, "fr", "glossaire/"))
    page.evaluate(BROKEN_JS)
    found = _checks(page, None)
    for expected in (
        r"the page scrolls sideways: scrollWidth \d+ > 360",
        r"wider than the viewport \(-?\d+\.\.\d+ of 360\): div#too-wide",
        r'text under 12 px \(10\.0 px\): p#tiny-text "Un texte trop petit"',
        r'tap target under 24 x 24 px \(12 x 12\) too close to button#tap-[ab] "x": '
        r'button#tap-[ab] "x"',
        r'focus without a visible outline: button#no-outline "Aucun contour"',
    ):
        assert any(re.fullmatch(expected, problem) for problem in found), (expected, found)
    assert not [problem for problem in found if "scroller" in problem], found


# --- The problems seen on a phone (issue 17), one test each -------------------------------------


@pytest.mark.parametrize("lang", ["fr", "bm"])
def test_search_on_a_phone_fits_the_screen_and_holds_the_page(real_site, pages, lang):
    _, base = real_site
    page = pages(360)
    _open(page, url(base, lang, "methodologies/"))
    open_search(page, lang)
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for selector in (".md-search-result__meta", ".md-search-result__link"):
        box = page.locator(selector).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box)
    page.mouse.move(180, 400)
    for _ in range(4):
        page.mouse.wheel(0, 800)
    page.wait_for_timeout(200)
    assert page.evaluate("scrollY") == 0, "the page behind the search scrolled"


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_site_name_is_whole_in_the_header(real_site, pages, width, lang):
    _, base = real_site
    page = pages(width)
    _open(page, url(base, lang, "glossaire/"))
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    cut = name.evaluate(
        "e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1"
    )
    box, header = name.bounding_box(), page.locator(".md-header").bounding_box()
    assert not cut, f"the site name is cut: {name.inner_text()!r} in {box}"
    assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_downloads_table_reads_on_a_phone(real_site, pages, lang):
    _, base = real_site
    page = pages(360)
    _open(page, url(base, lang, "telechargements/"))
    width = page.evaluate("document.documentElement.clientWidth")
    cells = page.locator(".hub-kits td")
    assert cells.count() >= 4
    for box in (cells.nth(i).bounding_box() for i in range(cells.count())):
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    description = page.locator(".hub-kits td small").first.bounding_box()
    assert description["width"] >= width * 0.6, (
        f"the description is squeezed into {description['width']} px"
    )
    sha = page.locator(".hub-kits .hub-sha").first.bounding_box()
    assert sha["x"] + sha["width"] <= width


@pytest.mark.parametrize("lang", ["bm", "snk"])
def test_no_blank_gap_above_the_notice(real_site, pages, lang):
    _, base = real_site
    page = pages(360)
    gaps = {}
    for code in ("fr", lang):
        _open(page, url(base, code, ""))
        gaps[code] = page.evaluate("""() => {
            const first = document.querySelector('[data-hub-search-body]').firstElementChild;
            return first.getBoundingClientRect().top - document.querySelector('.md-header').getBoundingClientRect().bottom; }""")
    assert gaps[lang] <= 40, f"{gaps[lang]} px between the header and the notice"
    assert abs(gaps[lang] - gaps["fr"]) <= 4, gaps


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_catalogue_filters_look_like_controls_and_say_when_nothing_matches(real_site, pages, lang):
    _, base = real_site
    page = pages(360)
    _open(page, url(base, lang, "etudes-de-cas/"))
    for select in page.locator(".hub-filters select").all():
        assert select.bounding_box()["height"] >= 32, "a filter smaller than a finger"
    button = page.locator(".hub-filters button")
    colours = button.evaluate("""b => [getComputedStyle(b).backgroundColor,
        getComputedStyle(document.body).backgroundColor]""")
    assert colours[0] not in ("rgba(0, 0, 0, 0)", colours[1]), (
        f"'{button.inner_text()}' looks like plain text"
    )
    prepare(page, "catalogue-no-match", lang)
    assert page.locator("li.hub-card:visible").count() == 0
    words = {"fr": "Aucun document", "en": "No document"}[lang]
    assert page.get_by_text(words).is_visible(), "a filter with no match says nothing"


def _tab_to(page, test: str, limit: int = 40) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(test):
            return True
    return False


@pytest.mark.parametrize("width", [360, 1280])
def test_the_light_dark_switch_shows_its_focus(real_site, pages, width):
    _, base = real_site
    page = pages(width)
    _open(page, url(base, "fr", "outils/"))
    assert _tab_to(page, "document.activeElement.classList.contains('md-option')")
    outline = page.evaluate("""() => { const l = document.activeElement.nextElementSibling;
        const s = getComputedStyle(l); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert outline[0] != "none" and outline[1] >= 2, outline


@pytest.mark.parametrize("width", [360, 1280])
def test_tabbing_past_the_search_closes_it(real_site, pages, width):
    _, base = real_site
    page = pages(width)
    _open(page, url(base, "en", "outils/"))
    assert _tab_to(page, "document.activeElement.classList.contains('md-search__input')")
    assert page.is_checked("#__search")
    assert _tab_to(page, "!document.activeElement.closest('.md-search')", 10)
    assert not page.is_checked("#__search"), (
        "the search stays open while the focus is on the page behind"
    )


def test_an_empty_search_has_no_clear_button_to_tab_to(real_site, pages):
    _, base = real_site
    page = pages(1280)
    _open(page, url(base, "fr", ""))
    page.click(".md-search__input")
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.type === 'reset'"), (
        "Tab lands on a hidden, empty button"
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_printed_pages_keep_their_borders(real_site, pages, lang):
    folder, base = real_site
    page = pages(1280)
    found = []
    page.emulate_media(media="print")
    try:
        for name, path in existing(folder).items():
            if name != "404" or lang == "fr":
                _open(page, url(base, lang, path))
                found += [f"{name} ({lang}): {p}" for p in page.evaluate(PRINT_JS)]
    finally:
        page.emulate_media(media="screen")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_contributor_pages_say_where_the_repository_is(real_site, pages, lang):
    from toolkit.website.editlinks import repository_url

    _, base = real_site
    page = pages(360)
    _open(page, url(base, lang, "contribuer/"))
    note = page.locator("article .hub-repository")
    repository = repository_url(os.environ.get("HUB_REPOSITORY"), ROOT)
    if repository:
        assert note.locator(f'a[href="{repository}"]').is_visible()
    else:
        assert note.is_visible()
        assert {"fr": "sans adresse de dépôt", "en": "without a repository address"}[
            lang
        ] in note.inner_text()
