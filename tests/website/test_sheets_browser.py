"""At the session, on a phone: a tool sheet's checklist is ticked and stays ticked on this
device only, prints with empty boxes; one session of a curriculum prints alone
(docs/assets/sheets.js, toolkit/website/sheets.py)."""

from __future__ import annotations

import pytest
from browser import Server, require_chromium

from toolkit.render.labels import is_fallback, label

pytestmark = pytest.mark.browser

TOOL = "outils/fiche-consentement/"
CURRICULUM = "formations/budget-plaidoyer/"


@pytest.fixture(scope="module")
def served(real_site):
    require_chromium()
    server = Server(real_site)
    yield server.url
    server.stop()


def _boxes_state(page) -> str:
    return page.eval_on_selector_all(
        ".task-list-item > input",
        "l => l.map(x => x.disabled ? 'd' : x.checked ? '1' : '0').join('')",
    )


def test_a_checklist_is_ticked_on_the_phone_kept_on_it_and_printed_empty(served, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    requests = []
    page.goto(f"{served}/{TOOL}", wait_until="networkidle")
    page.on("request", lambda r: requests.append(r.url))
    state = _boxes_state(page)
    assert len(state) >= 3 and set(state) == {"0"}, state  # enabled, none ticked
    page.locator(".task-list-item > input").nth(0).click()
    page.locator(".task-list-item").nth(2).click(position={"x": 120, "y": 8})  # the line's text
    assert _boxes_state(page)[:3] == "101"
    assert requests == []  # a tick sends nothing
    page.reload()
    assert _boxes_state(page)[:3] == "101"  # kept on this device
    other = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    other.goto(f"{served}/{TOOL}")
    assert set(_boxes_state(other)) == {"0"}  # another device (profile) has its own
    other.context.close()
    box = page.locator(".task-list-item > input").nth(0)
    assert box.evaluate("b => getComputedStyle(b).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.emulate_media(media="print")
    assert box.evaluate("b => getComputedStyle(b).backgroundColor") == "rgba(0, 0, 0, 0)"
    size = box.bounding_box()
    assert size["width"] >= 24 and size["height"] >= 24  # WCAG 2.5.8 on screen
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en", "bm"])  # Soninké pages are signposts for now
def test_one_session_prints_alone(served, browser, lang):
    page = browser.new_page()
    prefix = "" if lang == "fr" else f"{lang}/"
    page.goto(f"{served}/{prefix}{CURRICULUM}")
    buttons = page.locator("button.hub-print-session")
    sessions = page.locator("h2[id^=session-]").count()
    assert sessions >= 2 and buttons.count() == sessions
    assert buttons.first.inner_text() == label("print.session", lang)  # the page's language
    assert buttons.first.get_attribute("lang") == (
        "fr" if is_fallback("print.session", lang) else None
    )
    page.evaluate("window.print = () => { window.printed = true; }")
    buttons.nth(1).click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => Array.from(document.querySelectorAll('article h1, article h2'))
               .filter(e => e.offsetParent !== null || e.getClientRects().length)
               .map(e => e.tagName + (e.id.startsWith('session-') ? '#' + e.id : ''))"""
    )
    assert shown == ["H1", "H2#session-2"], shown
    assert page.locator("button.hub-print-session").nth(1).is_hidden()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".hub-print-part").count() == 0  # the whole page prints again
    page.close()
