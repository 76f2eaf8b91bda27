"""Checks on the Markdown body: internal links and anchors, images, headings, link texts,
raw HTML (an allowlist of elements and attributes) and HTML tables.

Each reads the tree the site's Python-Markdown builds for the published body
(:func:`toolkit.checks.rendered.parse_body`, :mod:`toolkit.checks.body_tree`): the links, images
and headings it made, the raw HTML it keeps, each at the line of the source that shows it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from toolkit.base import purepath
from toolkit.base.build_caches import per_build
from toolkit.checks import sanitize
from toolkit.checks.body_tree import (
    SourceLines,
    address,
    anchors,
    events,
    text_of,
)
from toolkit.checks.limits import nesting_problems
from toolkit.checks.privacy import image_metadata_problems
from toolkit.checks.rendered import parse_body, published_body, rendered_problems
from toolkit.content.corpus import Corpus, Document
from toolkit.content.languages import DEFAULT_LANGUAGE
from toolkit.content.problems import Problem, printable
from toolkit.media.images import IMAGE_SUFFIXES

UNSAFE_TAG = re.compile(
    r"<\s*(script|iframe|object|embed|frame|frameset|base|meta|link|form)\b", re.IGNORECASE
)
EVENT_ATTRIBUTE = re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)
JS_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
HTML_JS_URL = re.compile(
    r"""(href|src|action)\s*=\s*["']?\s*(javascript|vbscript):""", re.IGNORECASE
)

#: Raw HTML a page may use; anything else is reported (see _check_allowlist). The allowlist is
#: the sanitizer's (toolkit/checks/sanitize.py); ``markdown`` is md_in_html's, consumed by the build.
ALLOWED_ELEMENTS = sanitize.ELEMENTS
ALLOWED_ATTRIBUTES = frozenset({"markdown"}).union(
    *sanitize.ATTRIBUTES.values(), *sanitize.ATTRIBUTE_VALUES.values()
)
#: Elements that already have their own message (UNSAFE_TAG).
_UNSAFE_ELEMENTS = frozenset(
    "script iframe object embed frame frameset base meta link form".split()
)
_ATTRIBUTE = r"""[^\s"'>/=`<]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
HTML_TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+{_ATTRIBUTE})*)\s*/?>")
HTML_ATTRIBUTE = re.compile(rf"\s+({_ATTRIBUTE})")
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
TABLE_TAG = re.compile(r"<(/?)(table|th)(?=[\s>/])", re.IGNORECASE)
#: Link texts that say nothing about the target (compared in lower case, trimmed).
VAGUE_LINK_TEXTS = frozenset({"ici", "here", "cliquez ici", "click here", "lien", "link"})
BARE_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S*$", re.IGNORECASE)


def anchors_of(doc: Document, findings: Mapping[str, BodyFacts]) -> set[str]:
    from toolkit.content.anchors import (
        structural_anchors,  # the rendered page adds its own sections
    )

    facts = findings.get(doc.rel)
    if facts is None:  # a file whose body the checks did not read: read it, unless its nesting
        # is past the limits (toolkit.checks.limits: no Markdown parser is given it)
        if nesting_problems(doc.rel, doc.body, doc.body_start):
            return structural_anchors(doc)
        facts = extract_body(doc)
    return set(facts.anchors) | structural_anchors(doc)


@per_build(maxsize=8192)
def _folder_parts(src_uri: str) -> tuple[str, ...]:
    return PurePosixPath(src_uri).parent.parts


def _joined_parts(src_uri: str, url: str) -> list[str]:
    """``PurePosixPath(src_uri).parent / url``'s parts, as pathlib splits them (an absolute
    ``url`` replaces the folder; its root is '//' for exactly two slashes, else '/'), without
    making paths (tests/checks/test_markdown.py compares both)."""
    if url.startswith("/"):
        rel = url.lstrip("/")
        parts = ["//" if len(url) - len(rel) == 2 else "/"]
    else:
        rel, parts = url, list(_folder_parts(src_uri))
    parts += [part for part in rel.split("/") if part and part != "."]
    return parts


def _suffix(path: str) -> str:
    """``PurePosixPath(path).suffix`` of a path joined from parts."""
    return purepath.suffix(path.rsplit("/", 1)[-1])


def _resolve(doc: Document, url: str, docs_dir: Path, corpus: Corpus) -> tuple[str, object]:
    """('ok'|'missing'|'asset', target document or path) for a relative URL."""
    parts: list[str] = []
    for part in _joined_parts(doc.src_uri, unquote(url)):
        if part == "..":
            if not parts:
                return "missing", None
            parts.pop()
        elif part != ".":
            parts.append(part)
    path = "/".join(parts)
    candidates = []
    if url.endswith("/") or path == "" or not _suffix(path):
        candidates.append((path + "/index").lstrip("/"))
    if path.endswith(".md"):
        stem = path[:-3]
        for lang in (doc.lang, DEFAULT_LANGUAGE):
            if stem.endswith(f".{lang}"):
                stem = stem[: -len(lang) - 1]
        candidates.append(stem)
    for key in candidates:
        langs = corpus.by_key.get(key)
        if langs:
            return "ok", langs.get(doc.lang) or langs.get(DEFAULT_LANGUAGE)
    if path and (docs_dir / path).is_file():
        return "asset", docs_dir / path
    return "missing", None


@dataclass
class BodyFacts:
    """What a body says, read once per file (and cached by toolkit.checks.cache): the problems
    found in the file alone, then the links, images and anchors to check against the corpus."""

    problems: list[Problem] = field(default_factory=list)
    links: list[tuple[str, int]] = field(default_factory=list)  # (href, line)
    images: list[tuple[str, str, int]] = field(default_factory=list)  # (src, alt, line)
    anchors: frozenset[str] = frozenset()


def extract_body(doc: Document) -> BodyFacts:
    """What ``doc``'s body says, read from the tree Python-Markdown builds for its page."""
    facts = BodyFacts()
    problems = facts.problems
    rendered, tree = parse_body(published_body(doc.body))
    source = SourceLines(doc.body, doc.body_start)
    fragments: list[tuple[str, object]] = []  # raw HTML in reading order, with a line finder
    headings: list[tuple[int, str, int]] = []  # (level, title, line)
    for event in events(tree):
        element = event.element
        if event.kind == "html":
            locate = source.locator(event.html, event.rebuilt, element.tag if event.rebuilt else "")
            problems += _check_html(doc, event.html, locate)
            fragments.append((event.html, locate))
        elif event.kind == "heading":
            title = " ".join(text_of(tree, element).split())
            level = int(element.tag[1])
            headings.append((level, title, source.heading(level, title)))
        elif event.kind == "link":
            href, text = address(tree, element.get("href")), text_of(tree, element)
            autolink = id(element) in tree.autolinks
            line = source.find(
                f"]({href}", f"](<{href}", f"<{text}" if autolink else "", f"[{text}", href
            )
            facts.links.append((href, line))
            if not autolink:
                problems += _check_link_text(doc, line, href, text)
        elif event.kind == "image":
            src = address(tree, element.get("src"))
            alt = text_of(tree, element, attribute="alt").strip()
            facts.images.append((src, alt, source.find(f"]({src}", f"](<{src}", f"![{alt}", src)))
    problems += _check_headings(doc, headings)
    for html, locate in fragments:
        problems += _check_allowlist(doc, html, locate)
    problems += _check_tables(doc, fragments)
    # What the sanitizer removes from the same rendering (attribute lists, entity-disguised
    # addresses...), at the lines no message above names already.
    reported = {p.line for p in problems if p.check == "unsafe-html"}
    reported.update(line for href, line in facts.links if JS_URL.match(href))  # see _check_link
    reported.update(
        line for src, alt, line in facts.images if urlsplit(src).scheme or urlsplit(src).netloc
    )
    problems += rendered_problems(doc, frozenset(reported), rendered)
    facts.anchors = anchors(tree)
    return facts


def resolve_body(
    doc: Document,
    facts: BodyFacts,
    corpus: Corpus,
    docs_dir: Path,
    findings: Mapping[str, BodyFacts],
) -> list[Problem]:
    """Links, anchors and images of ``doc`` checked against the corpus, the other documents'
    ``findings`` (their anchors) and the files."""
    problems: list[Problem] = []
    for href, line in facts.links:
        problems += _check_link(doc, href, line, corpus, docs_dir, findings)
    for src, alt, line in facts.images:
        problems += _check_image(doc, src, alt, line, corpus, docs_dir)
    return problems


def _check_headings(doc: Document, headings: list[tuple[int, str, int]]) -> list[Problem]:
    """Headings go down one level at a time; the site adds the page title (level 1) itself,
    except on plain pages, which may have one level-1 heading."""
    problems, previous, titles = [], 1, 0
    for level, title, line in headings:
        shown = printable(f"{'#' * level} {title}"[:80])
        if level == 1:
            titles += 1
            if doc.kind != "page":
                problems.append(
                    Problem(
                        doc.rel,
                        line,
                        "heading-level",
                        f"The heading '{shown}' is a level-1 heading: the site already shows the title as the page's only one.",
                        "Start the sections of the body at '##'.",
                    )
                )
            elif titles > 1:
                problems.append(
                    Problem(
                        doc.rel,
                        line,
                        "heading-level",
                        f"The heading '{shown}' is a second level-1 heading: a page has only one.",
                        "Make it a level-2 heading ('## ...').",
                    )
                )
        elif level > previous + 1:
            problems.append(
                Problem(
                    doc.rel,
                    line,
                    "heading-level",
                    f"The heading '{shown}' skips a level: it comes after a level-{previous} heading.",
                    f"Make it a level-{previous + 1} heading ('{'#' * (previous + 1)} ...'): screen readers navigate by levels.",
                )
            )
        previous = level
    return problems


def _check_link_text(doc: Document, line: int, href: str, text: str) -> list[Problem]:
    text = " ".join(text.split())
    if JS_URL.match(href):
        return []  # reported as unsafe
    vague = text.strip(" .:;,!?").lower() in VAGUE_LINK_TEXTS
    if not vague and not BARE_URL.match(text):
        return []
    what = (
        f"The link text '{printable(text)}' does not say where the link goes"
        if vague
        else f"The link text '{printable(text[:60])}' is a bare address"
    )
    return [
        Problem(
            doc.rel,
            line,
            "link-text",
            f"{what}.",
            "Describe the target in the link text, e.g. [the budget reading guide](...): "
            "screen readers list links by their text.",
        )
    ]


def _check_allowlist(doc: Document, html: str, locate) -> list[Problem]:
    """Raw HTML elements and attributes outside the allowlist (script, on* and javascript:
    have their own messages in _check_html)."""
    problems = []
    html = HTML_COMMENT.sub(lambda m: " " * len(m[0]), html)
    for tag in HTML_TAG.finditer(html):
        name = tag[2].lower()
        if name in _UNSAFE_ELEMENTS:
            continue
        if name not in ALLOWED_ELEMENTS:
            if tag[1]:
                continue  # the opening tag is reported
            problems.append(
                Problem(
                    doc.rel,
                    locate(tag.start(), tag[0]),
                    "unsafe-html",
                    f"Raw HTML <{printable(name)}> is not in the list of allowed elements.",
                    "Use Markdown, or one of: " + ", ".join(sorted(ALLOWED_ELEMENTS)) + ".",
                )
            )
            continue
        if tag[1]:
            continue
        for attribute in HTML_ATTRIBUTE.finditer(tag[3]):
            attr = attribute[1].split("=", 1)[0].strip().lower()
            if attr in ALLOWED_ATTRIBUTES:
                continue
            if attr.startswith("on") and "=" in attribute[1]:
                continue  # reported as running code by _check_html
            problems.append(
                Problem(
                    doc.rel,
                    locate(tag.start(3) + attribute.start(1), attribute[1]),
                    "unsafe-html",
                    f"The HTML attribute '{printable(attr)}' on <{printable(name)}> is not in the list of allowed attributes.",
                    "Remove it; allowed attributes are "
                    + ", ".join(sorted(ALLOWED_ATTRIBUTES))
                    + ".",
                )
            )
    return problems


def _check_tables(doc: Document, fragments) -> list[Problem]:
    """Raw HTML tables need a header row (<th> cells); Markdown tables always have one."""
    problems, stack = [], []  # stack of [line of <table>, has <th>]
    for html, locate in fragments:
        html = HTML_COMMENT.sub(lambda m: " " * len(m[0]), html)
        for match in TABLE_TAG.finditer(html):
            closing, name = match[1], match[2].lower()
            if name == "table" and not closing:
                stack.append([locate(match.start(), match[0]), False])
            elif name == "th" and not closing and stack:
                stack[-1][1] = True
            elif name == "table" and closing and stack:
                line, has_header = stack.pop()
                if not has_header:
                    problems.append(_table_problem(doc, line))
    problems += [_table_problem(doc, line) for line, has_header in stack if not has_header]
    return problems


def _table_problem(doc: Document, line: int) -> Problem:
    return Problem(
        doc.rel,
        line,
        "table-header",
        "This HTML table has no header row (no <th> cells).",
        "Put the column titles in <th> cells in the first row, or write a Markdown table.",
    )


def _check_html(doc: Document, html: str, locate) -> list[Problem]:
    problems = []
    for match in UNSAFE_TAG.finditer(html):
        tag = match[1].lower()
        problems.append(
            Problem(
                doc.rel,
                locate(match.start(), match[0]),
                "unsafe-html",
                f"Raw HTML <{tag}> is not allowed: it could run code in readers' browsers.",
                "Remove it; use Markdown, or ask a maintainer for a safe alternative.",
            )
        )
    for match in EVENT_ATTRIBUTE.finditer(html):
        problems.append(
            Problem(
                doc.rel,
                locate(match.start(1), match[1]),
                "unsafe-html",
                f"The HTML attribute '{match[1]}' runs code.",
                "Remove the attribute.",
            )
        )
    for match in HTML_JS_URL.finditer(html):
        problems.append(
            Problem(
                doc.rel,
                locate(match.start(), match[0]),
                "unsafe-html",
                "A 'javascript:' address runs code.",
                "Link to a page or a https:// address instead.",
            )
        )
    return problems


def _check_link(
    doc: Document,
    href: str,
    line: int,
    corpus: Corpus,
    docs_dir: Path,
    findings: Mapping[str, BodyFacts],
) -> list[Problem]:
    if JS_URL.match(href):
        return [
            Problem(
                doc.rel,
                line,
                "unsafe-html",
                f"The link '{href[:40]}' runs code.",
                "Link to a page or a https:// address instead.",
            )
        ]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/") or not href:
        return []
    target_doc = doc
    if parts.path:
        status, target_doc = _resolve(doc, parts.path, docs_dir, corpus)
        if status == "missing":
            return [
                Problem(
                    doc.rel,
                    line,
                    "link",
                    f"The link '{href}' points to nothing.",
                    "Check the path: link to another page as '../../outils/<slug>/index.md'.",
                )
            ]
        if status == "asset":
            return []
    if parts.fragment and target_doc is not None and target_doc.meta is not None:
        if parts.fragment not in anchors_of(target_doc, findings):
            return [
                Problem(
                    doc.rel,
                    line,
                    "anchor",
                    f"The link '{href}' names a section '#{parts.fragment}' that does not exist.",
                    "Use the id of a heading of that page (its title in lower case with hyphens).",
                )
            ]
    return []


def _check_image(
    doc: Document, src: str, alt: str, line: int, corpus: Corpus, docs_dir: Path
) -> list[Problem]:
    problems = []
    if not alt:
        problems.append(
            Problem(
                doc.rel,
                line,
                "image-alt",
                f"The image '{src}' has no text alternative.",
                "Describe the image between the brackets: ![what it shows](path).",
            )
        )
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        problems.append(
            Problem(
                doc.rel,
                line,
                "image",
                f"The image '{src}' is loaded from another site.",
                "Save the image next to the page and link it by its file name.",
            )
        )
        return problems
    status, path = _resolve(doc, parts.path, docs_dir, corpus)
    if status != "asset":
        problems.append(
            Problem(
                doc.rel,
                line,
                "image",
                f"The image '{src}' does not exist.",
                "Check the file name, or add the image next to the page.",
            )
        )
        return problems
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        problems.append(
            Problem(
                doc.rel,
                line,
                "image",
                f"'{src}' is not an image format browsers show.",
                "Use PNG, JPEG, WebP or SVG.",
            )
        )
    problems += image_metadata_problems(doc, path, src, line)
    return problems  # sizes: toolkit/media/images.py (images are resized at build)
