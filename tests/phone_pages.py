"""The pages a reader sees, one per template, and how to look at them in Chromium.

Shared by the layout test (tests/website/test_phone_layout.py) and `make screenshots`
(tests/screenshots.py): the same list of templates, the same sample of kits on the downloads
page, the same way of opening the search and applying a catalogue filter."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.render.signpost import IN_PREPARATION

LANGUAGES = ("fr", "en", "bm", "snk")

#: One page per template (French paths; other languages under /<lang>/). The 404 page exists once.
TEMPLATES: dict[str, str] = {
    "home": "",
    "methodology": "methodologies/debat-public-budget/",
    "curriculum": "formations/budget-plaidoyer/",
    "curriculum-session": "formations/budget-plaidoyer/#session-2",
    "case-study": "etudes-de-cas/debats-communautaires-2020/",
    "tool": "outils/fiche-consentement/",
    "capsule": "methodologies/suivi-plans-actions/capsule/",
    "catalogue": "methodologies/",
    "catalogue-filtered": "methodologies/#filter",
    "catalogue-no-match": "etudes-de-cas/#no-match",
    "glossary": "glossaire/",
    "downloads": "telechargements/",
    "contribute": "contribuer/",
    "translate": "contribuer/traduire/",
    "field-reference": "contribuer/champs/",
    "translation-status": "contribuer/traductions/",
    "studio": "contribuer/studio/",  # the voice issue's recording page, when it exists
    "404": "404.html",
}

#: Words that find results in every language (the search test's own words).
SEARCH_WORDS = {"fr": "budget", "en": "budget", "bm": "sɛbɛnw", "snk": "budget"}

#: A sample of the kits list, as the kit build writes it (downloads/kits.json), so that a build
#: without kits (HUB_KITS=0) shows the downloads table the readers see.
SAMPLE_KITS = {
    "kits": [
        {
            "kit": "sahelink",
            "file": f"sahelink-{code}.zip",
            "size": 12_345_678,
            "date": "2026-11-30",
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "contents": [
                {
                    "what": "documents",
                    "count": 35,
                    "lang": code,
                    "formats": ["PDF", "DOCX", "EPUB"],
                },
                {"what": "packs", "count": 4, "lang": code, "formats": ["PDF"]},
                {
                    "what": "documents",
                    "count": 3,
                    "lang": "fr",
                    "formats": ["EPUB"],
                    "fallback": True,
                },
                {"what": "offline_pages", "count": 84},
                {"what": "catalogues", "count": 0, "formats": ["Dublin Core", "OPDS"]},
                {"what": "short_summaries", "count": 35},
            ],
        }
        for code in LANGUAGES
    ]
    + [
        {
            "kit": "zim",
            "file": "hub_mul_2026-11.zim",
            "size": 45_678_901,
            "date": "2026-11-30",
            "sha256": "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
            "contents": [
                {"what": "documents", "count": 35, "lang": "fr"},
                {"what": "capsules", "count": 33, "lang": "fr"},
                {"what": "zim_pages", "count": 86},
            ],
        },
    ]
}


def existing(site: Path) -> dict[str, str]:
    """The templates this build has (the studio page only once the voice issue has landed)."""
    found = {}
    for name, path in TEMPLATES.items():
        file = site / path.split("#")[0]
        if file.is_file() or (file / "index.html").is_file():
            found[name] = path
    return found


def url(base: str, lang: str, path: str) -> str:
    if path == "404.html" or lang == "fr":
        return f"{base}/{path}"
    return f"{base}/{lang}/{path}"


def add_sample_kits(site: Path) -> None:
    """Write the sample kit list into the downloads pages of a build made without kits."""
    from toolkit.kits.downloads import fill_downloads_pages

    index = site / "downloads" / "kits.json"
    if index.exists():
        return
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(json.dumps(SAMPLE_KITS), encoding="utf-8")
    fill_downloads_pages(site)


def prepare(page, name: str, lang: str) -> None:
    """What the template's state needs after loading: a filter applied, or one that matches
    nothing. A language in preparation shows its catalogues as signposts, with no filters."""
    if name.startswith("catalogue-") and lang in IN_PREPARATION:
        assert page.locator("form.hub-filters").count() == 0  # a signpost
        return
    if name == "catalogue-filtered":
        page.select_option("select[name=languages]", lang)
    elif name == "catalogue-no-match":  # the first pair of choices that leaves no card
        page.evaluate("""() => {
            const form = document.querySelector('form.hub-filters');
            const [a, b] = form.querySelectorAll('select');
            for (const x of Array.from(a.options).slice(1)) for (const y of Array.from(b.options).slice(1)) {
                a.value = x.value; b.value = y.value;
                form.dispatchEvent(new Event('change'));
                if (!document.querySelector('li.hub-card:not([hidden])')) return;
            }
            throw new Error('every pair of filters matches a card');
        }""")


def open_search(page, lang: str) -> None:
    """Open the search with a tap on the header's button (phones) or the field (desktop), type,
    and wait for the results."""
    button = page.locator("label.md-header__button[for=__search]")
    if button.is_visible():
        button.click()
    else:
        page.click(".md-search__input")
    page.fill(".md-search__input", SEARCH_WORDS[lang])  # one input event: one query
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__list').children.length > 0",
        timeout=15_000,
    )


#: In the page: what a reader on this viewport would find wrong, as a list of sentences.
#: Elements entirely outside the viewport (Material's closed drawer) and elements clipped by a
#: scrolling ancestor (a wide table scrolls inside itself) are not "wider than the viewport".
LAYOUT_JS = r"""() => {
  // the screen's width in CSS pixels: under a phone's viewport, innerWidth grows to the width of
  // content wider than the screen (the page is then zoomed out), and would hide it
  const W = document.documentElement.clientWidth, problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > W) problems.push(`the page scrolls sideways: scrollWidth ${root.scrollWidth} > ${W}`);
  const seen = (e) => e.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '') +
    (e.textContent.trim() ? ` "${e.textContent.trim().slice(0, 30)}"` : '');
  const clips = new Map();  // element -> what it and its ancestors leave visible: [left, right]
  const clipOf = (a) => {  // up to the root, or up to and including a fixed ancestor
    if (!a || a === root) return [-Infinity, Infinity];
    let c = clips.get(a);
    if (!c) {
      const s = getComputedStyle(a);
      c = s.position === 'fixed' ? [-Infinity, Infinity] : clipOf(a.parentElement);
      if (s.overflowX !== 'visible') {
        const ar = a.getBoundingClientRect();
        c = [Math.max(c[0], ar.left), Math.min(c[1], ar.right)];
      }
      clips.set(a, c);
    }
    return c;
  };
  const clipped = (e) => {  // the part of e left visible by its ancestors' overflow
    const r = e.getBoundingClientRect(), c = clipOf(e.parentElement);
    return [Math.max(r.left, c[0]), Math.min(r.right, c[1])];
  };
  const wide = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || r.right <= 0 || r.left >= W || !seen(e)) continue;
    const [left, right] = clipped(e);
    if (right - left > 0 && (left < -1 || right > W + 1)) wide.push(e);
  }
  // report the outermost ones only
  for (const e of wide) {
    if (!wide.some((o) => o !== e && o.contains(e))) {
      const r = e.getBoundingClientRect();
      problems.push(`wider than the viewport (${Math.round(r.left)}..${Math.round(r.right)} of ${W}): ${name(e)}`);
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const small = new Set();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const e = t.parentElement;
    if (!t.textContent.trim() || small.has(e) || !seen(e)) continue;
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < 12) { small.add(e); problems.push(`text under 12 px (${size.toFixed(1)} px): ${name(e)}`); }
  }
  // with the search open, only its own targets can be tapped
  const open = document.getElementById('__search').checked ? document.querySelector('.md-search__inner') : null;
  // tap targets: 24 x 24 px, or spaced so that a 24 px circle on each touches no other (WCAG 2.5.8)
  const targets = Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [tabindex]:not([tabindex="-1"])'))
    .filter((e) => { const r = e.getBoundingClientRect();
      return r.width && r.height && r.right > 0 && r.left < W && seen(e) && (!open || open.contains(e)); });
  const boxes = targets.map((e) => e.getBoundingClientRect());
  const under = targets.map((e, i) => boxes[i].width < 24 || boxes[i].height < 24);
  targets.forEach((e, i) => {
    if (!under[i]) return;
    const style = getComputedStyle(e), parent = e.parentElement;  // the exception for a link in a sentence
    if (style.display === 'inline' && parent && parent.textContent.trim().length > e.textContent.trim().length + 1) return;
    const b = boxes[i], cx = (b.left + b.right) / 2, cy = (b.top + b.bottom) / 2;
    const clash = targets.find((o, j) => {
      if (j === i || o.contains(e) || e.contains(o)) return false;
      const ob = boxes[j];
      if (under[j]) return Math.hypot((ob.left + ob.right) / 2 - cx, (ob.top + ob.bottom) / 2 - cy) < 24;
      const dx = Math.max(ob.left - cx, 0, cx - ob.right), dy = Math.max(ob.top - cy, 0, cy - ob.bottom);
      return Math.hypot(dx, dy) < 12;
    });
    if (clash) problems.push(`tap target under 24 x 24 px (${Math.round(b.width)} x ${Math.round(b.height)}) too close to ${name(clash)}: ${name(e)}`);
  });
  return problems;
}"""

#: In the page, after a first Tab (keyboard use): focus each element of the tab order in turn
#: and say when the focus cannot be seen: no outline, outside the viewport, or under something.
FOCUS_JS = r"""(scope) => {
  const problems = [], H = document.documentElement.clientHeight, W = document.documentElement.clientWidth;
  const area = scope ? document.querySelector(scope) : document;
  const all = Array.from(area.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]'))
    .filter((e) => e.tabIndex >= 0 && !e.disabled && e.checkVisibility({visibilityProperty: true}))
    .filter((e) => e.type !== 'radio' || e.checked || !document.querySelector(`input[name="${e.name}"]:checked`));
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '') +
    ((e.textContent || e.getAttribute('aria-label') || '').trim() ? ` "${(e.textContent.trim() || e.getAttribute('aria-label')).slice(0, 30)}"` : '');
  for (const e of all) {
    e.focus();
    if (document.activeElement !== e) continue;  // not focusable after all (display: none...)
    let shown = e;
    const r0 = e.getBoundingClientRect();
    if ((r0.width < 2 || r0.height < 2 || getComputedStyle(e).opacity === '0') && e.labels && e.labels.length) {
      const near = [...e.labels, e.nextElementSibling].filter((l) => l && l.tagName === 'LABEL');
      shown = near.find((l) => l.checkVisibility({opacityProperty: true, visibilityProperty: true})) || near[0];
    }
    const s = getComputedStyle(shown), r = shown.getBoundingClientRect();
    if (!r.width || !r.height || !shown.checkVisibility({opacityProperty: true, visibilityProperty: true})) {
      problems.push(`focus on something not shown: ${name(e)}`); continue;
    }
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    if (!outline && s.boxShadow === 'none') problems.push(`focus without a visible outline: ${name(e)}`);
    const x = Math.min(Math.max((r.left + r.right) / 2, 0), W - 1), y = Math.min(Math.max((r.top + r.bottom) / 2, 0), H - 1);
    if (r.bottom <= 0 || r.top >= H || r.right <= 0 || r.left >= W) { problems.push(`focus outside the viewport: ${name(e)}`); continue; }
    const top = document.elementFromPoint(x, y);
    if (top && !shown.contains(top) && !top.contains(shown) && !e.contains(top) && !(e.labels && Array.from(e.labels).some((l) => l.contains(top))))
      problems.push(`focus hidden under ${name(top)}: ${name(e)}`);
  }
  return problems;
}"""

#: Print media: table cells and form fields keep borders that print (dark enough, not hairlines).
PRINT_JS = r"""() => {
  const problems = [];
  const dark = (c) => { const m = c.match(/[\d.]+/g).map(Number); const a = m.length > 3 ? m[3] : 1;
    return a >= 0.9 && (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) <= 120; };
  const sides = ['Top', 'Right', 'Bottom', 'Left'];
  const check = (e, what) => {
    const s = getComputedStyle(e);
    const bad = sides.filter((side) => s[`border${side}Style`] === 'none' || parseFloat(s[`border${side}Width`]) < 1
      || !dark(s[`border${side}Color`]));
    if (bad.length) problems.push(`${what} without a dark border (${bad.join(', ').toLowerCase()}): ${e.outerHTML.slice(0, 60)}`);
  };
  document.querySelectorAll('article table').forEach((t) => check(t, 'table'));
  document.querySelectorAll('article td, article th').forEach((c) => check(c, 'table cell'));
  document.querySelectorAll('article input, article textarea, article select').forEach((f) => {
    const s = getComputedStyle(f);
    if (s.display === 'none' || f.type === 'hidden') return;
    if (s.appearance !== 'none') {  // drawn by the browser: a disabled one prints pale grey
      if (f.disabled) problems.push(`form field drawn pale (a disabled ${f.type} the browser draws): ${f.outerHTML.slice(0, 60)}`);
      return;
    }
    check(f, 'form field');
  });
  return problems;
}"""

#: Final states, not the middle of a transition (the checks read positions and opacity): an init
#: script for a browser context, which adds the style as a constructed style sheet (no <style>
#: element the site's CSP would refuse) before the page's first frame.
NO_TRANSITIONS = (
    "(() => { const sheet = new CSSStyleSheet(); sheet.replaceSync("
    "'*, *::before, *::after { transition: none !important; animation: none !important; }');"
    " document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; })()"
)
