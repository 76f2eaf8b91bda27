"""The real site in Chromium: axe-core on every page template in the four languages, keyboard
use, language attributes, no third-party request, no cookie, and a CSP with no violation."""

from __future__ import annotations

import pytest
from browser import Server, require_chromium
from conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.needs_axe]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: One page per template: home, each content type, catalogues, glossary, contributor pages, 404.
TEMPLATES = (
    "",
    "methodologies/cycle-ccap/",
    "methodologies/cycle-ccap/capsule/",
    "formations/budget-plaidoyer/",
    "etudes-de-cas/scenario-debat-budget-jeunes/",
    "etudes-de-cas/debats-communautaires-2020/",
    "outils/feuille-presence-sexe-age/",
    "methodologies/",
    "formations/",
    "glossaire/",
    "contribuer/",
    "contribuer/traductions/",
    "contribuer/champs/",
    "telechargements/",
)
LANGUAGE_PREFIXES = ("", "en/", "bm/", "snk/")
WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def site(real_site):
    require_chromium()
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `npm ci` (make test does).")
    server = Server(real_site)
    yield server.url
    server.stop()


def _pages(prefix: str) -> list[str]:
    return [prefix + path for path in TEMPLATES] + (["404.html"] if prefix == "" else [])


def _axe(page, only: list[str] | None = None) -> list[dict]:
    """axe-core's violations on ``page`` (axe is in every page of the context: see _context)."""
    options = {"resultTypes": ["violations"]}
    if only:
        options["runOnly"] = {"type": "rule", "values": only}
    return page.evaluate(  # after the transitions (the scheme's colours fade in at load)
        """async (options) => (await Promise.all(document.getAnimations().map(a => a.finished)),
                               await axe.run(document, options))
        .violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                target: v.nodes[0].target.join(' ')}))""",
        options,
    )


def _context(browser, scheme: str = "light"):
    """A context whose pages carry axe-core from their start: an init script, which the page's
    CSP does not govern, so the policy stays enforced and its violations are reported."""
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(path=str(AXE))
    context.add_init_script(WATCH)
    return context


def _report(scheme: str, found: list) -> list:
    serious = []
    for path, violation in found:
        if violation["impact"] in ("serious", "critical"):
            serious.append((path, violation))
        else:  # listed, as the issue asks, without failing
            print(
                f"axe ({scheme}, {violation['impact']}): /{path} {violation['id']} x{violation['nodes']}"
            )
    return serious


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)  # under `make test`, a worker each
def test_every_template_passes_axe_and_asks_nothing_of_another_host(site, browser, prefix):
    """Each page once, with the site's CSP enforced: no request to another host (the search's
    worker and index included), no cookie, no CSP violation, then axe-core's audit."""
    context = _context(browser)
    outside, violations, found = [], [], []
    context.on(
        "request",
        lambda r: None if r.url.startswith((site, "data:", "blob:")) else outside.append(r.url),
    )
    page = context.new_page()  # one tab for every page: a new tab each costs more than the page
    for path in _pages(prefix):
        page.goto(f"{site}/{path}")  # a new document: the init scripts run again
        found += [(path, violation) for violation in _axe(page)]
        page.keyboard.press("/")  # open search: its worker and index must come from the site too
        page.keyboard.type("budget")
        page.wait_for_timeout(150)
        violations += [f"/{path}: {v}" for v in page.evaluate("window.__cspViolations")]
        assert page.evaluate("document.cookie") == ""
    assert context.cookies() == []
    context.close()
    assert outside == []
    assert violations == []
    assert _report("light", found) == []


def test_dark_scheme_keeps_contrast(site, browser):
    """In the dark scheme only colours change: axe's contrast rule on every template (in French:
    every language has the same templates and colours, which the light pass checks in all four)."""
    context = _context(browser, "dark")
    found = []
    page = context.new_page()
    for path in _pages(""):
        page.goto(f"{site}/{path}")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        found += [(path, violation) for violation in _axe(page, only=["color-contrast"])]
    context.close()
    assert _report("dark", found) == []


def test_axe_would_catch_a_violation(site, browser):
    """The checks above can fail: an image without alt text is a critical violation, and a
    colour too pale for its background a serious one."""
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{site}/")
    page.evaluate(
        "document.querySelector('article').append(Object.assign(document.createElement('img'), {src: 'x.png'}))"
    )
    assert "image-alt" in {v["id"] for v in _axe(page)}
    page.evaluate(
        "Object.assign(document.querySelector('article p').style, {color: '#eeeeee', background: '#ffffff'})"
    )
    assert "color-contrast" in {v["id"] for v in _axe(page, only=["color-contrast"])}
    context.close()


def test_csp_blocks_what_the_site_does_not_use(site, browser):
    """The policy is really enforced: an injected inline script and a third-party image are blocked."""
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(f"{site}/")
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                             document.body.append(s);
                             document.body.append(Object.assign(document.createElement('img'), {src: 'https://example.org/t.png'})); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    directives = " ".join(page.evaluate("window.__cspViolations"))
    assert "script-src" in directives and "img-src" in directives
    context.close()


def test_keyboard_reaches_skip_link_language_switcher_and_search(site, browser):
    page = browser.new_page()
    page.goto(f"{site}/methodologies/cycle-ccap/")
    page.keyboard.press("Tab")
    first = page.evaluate(
        "document.activeElement.className + ' ' + document.activeElement.getAttribute('href')"
    )
    assert "md-skip" in first and "#" in first
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")  # the focus is visible
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate("""() => { const e = document.activeElement;
            if (e.closest('.md-select')) return 'language';
            if (e.closest('[data-md-component=search]') || e.getAttribute('for') === '__search') return 'search';
            return e.tagName; }""")
        )
    assert {"language", "search"} <= reached
    page.close()


def test_lang_attributes(site, browser):
    page = browser.new_page()
    for prefix, lang in zip(LANGUAGE_PREFIXES, ("fr", "en", "bm", "snk"), strict=True):
        page.goto(f"{site}/{prefix}methodologies/cycle-ccap/")
        assert page.locator("html").get_attribute("lang") == lang
    page.goto(
        f"{site}/en/formations/budget-plaidoyer/"
    )  # an English page exists: no French passage
    assert page.locator("article div[lang=fr]").count() == 0
    page.goto(f"{site}/bm/formations/budget-plaidoyer/")  # French shown to a Bambara reader
    assert page.locator("article div[lang=fr]").count() == 1
    page.close()
