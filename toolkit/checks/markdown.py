"""Checks on the Markdown body: internal links and anchors, images, headings, link texts,
raw HTML (an allowlist of elements and attributes) and HTML tables."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify
from markdown_it import MarkdownIt

from toolkit.base import purepath
from toolkit.base.build_caches import per_build
from toolkit.checks import sanitize
from toolkit.checks.privacy import image_metadata_problems
from toolkit.checks.rendered import rendered_problems
from toolkit.content.corpus import Corpus, Document
from toolkit.content.languages import DEFAULT_LANGUAGE
from toolkit.content.problems import Problem, printable
from toolkit.media.images import IMAGE_SUFFIXES

_md = MarkdownIt("commonmark").enable("table")
_md.validateLink = lambda url: True  # see every link, javascript: ones included, to report them


def _inline_where_read(state) -> None:
    """markdown-it's core 'inline' rule, only for the inline tokens whose children
    :func:`extract_body` reads: links, images and raw HTML (each needs a '[' or a '<'). Headings and
    anchors read the token's text, which the block rules set. About half of the parsing time."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            content = token.content
            if "[" in content or "<" in content:
                state.md.inline.parse(content, state.md, state.env, token.children)


_md.core.ruler.at("inline", _inline_where_read)
UNSAFE_TAG = re.compile(
    r"<\s*(script|iframe|object|embed|frame|frameset|base|meta|link|form)\b", re.IGNORECASE
)
EVENT_ATTRIBUTE = re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)
JS_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
HEADING_ID = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")
ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}")
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


def _line(doc: Document, token, needle: str | None = None) -> int:
    start, end = token.map if token.map else (0, 1)
    if needle:
        lines = doc.body.split("\n")
        for index in range(start, min(end, len(lines))):
            if needle in lines[index]:
                return doc.body_start + index
    return doc.body_start + start


def _anchors(tokens, text: str) -> frozenset[str]:
    anchors = set()
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            title = tokens[index + 1].content
            explicit = HEADING_ID.search(title)
            anchors.add(
                explicit[1] if explicit else slugify(HEADING_ID.sub("", title).strip(), "-")
            )
    anchors.update(ATTR_ID.findall(text))
    return frozenset(anchors)


def anchors_of(doc: Document, findings: Mapping[str, BodyFacts]) -> set[str]:
    from toolkit.content.anchors import (
        structural_anchors,  # the rendered page adds its own sections
    )

    facts = findings.get(doc.rel)
    if facts is None:  # a file whose body the checks did not read
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
    facts = BodyFacts()
    problems = facts.problems
    tokens = _md.parse(doc.body)
    fragments: list[tuple[str, object]] = []  # raw HTML in reading order, with a line finder
    for token in tokens:
        if token.type in ("html_block",):
            problems += _check_html(doc, token, token.content)
            fragments.append((token.content, _block_locator(doc, token)))
        if token.type != "inline":
            continue
        children = token.children or []
        for position, child in enumerate(children):
            if child.type == "html_inline":
                problems += _check_html(doc, token, child.content)
                fragments.append((child.content, _inline_locator(doc, token, child.content)))
            elif child.type == "link_open":
                href = child.attrs.get("href", "")
                facts.links.append((href, _line(doc, token, href)))
                problems += _check_link_text(doc, token, child, children[position + 1 :])
            elif child.type == "image":
                src = child.attrs.get("src", "")
                alt = (
                    "".join(c.content for c in child.children or []).strip()
                    or child.content.strip()
                )
                facts.images.append((src, alt, _line(doc, token, src)))
    problems += _check_headings(doc, tokens)
    for html, locate in fragments:
        problems += _check_allowlist(doc, html, locate)
    problems += _check_tables(doc, fragments)
    # The same body as the build parses it (Python-Markdown), through the sanitizer: what
    # markdown-it read differently (fences, admonitions, attribute lists) is reported too.
    reported = {p.line for p in problems if p.check == "unsafe-html"}
    reported.update(line for href, line in facts.links if JS_URL.match(href))  # see _check_link
    reported.update(
        line for src, alt, line in facts.images if urlsplit(src).scheme or urlsplit(src).netloc
    )
    problems += rendered_problems(doc, frozenset(reported))
    facts.anchors = _anchors(tokens, doc.body)
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


def _block_locator(doc: Document, token):
    base = _line(doc, token)

    def locate(position: int, needle: str) -> int:
        return base + token.content[:position].count("\n")

    return locate


def _inline_locator(doc: Document, token, html: str):
    def locate(position: int, needle: str) -> int:
        return _line(doc, token, html if "\n" not in html else needle.split("\n")[0])

    return locate


def _check_headings(doc: Document, tokens) -> list[Problem]:
    """Headings go down one level at a time; the site adds the page title (level 1) itself,
    except on plain pages, which may have one level-1 heading."""
    problems, previous, titles = [], 1, 0
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1:])
        title = tokens[index + 1].content.strip() if index + 1 < len(tokens) else ""
        shown = printable(f"{'#' * level} {' '.join(title.split())}"[:80])
        line = _line(doc, token)
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


def _check_link_text(doc: Document, token, link, following) -> list[Problem]:
    parts = []
    for child in following:
        if child.type == "link_close":
            break
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
    text = " ".join("".join(parts).split())
    if link.markup == "autolink" or JS_URL.match(link.attrs.get("href", "")):
        return []  # <https://...> is meant to show the address; javascript: is reported as unsafe
    vague = text.strip(" .:;,!?").lower() in VAGUE_LINK_TEXTS
    if not vague and not BARE_URL.match(text):
        return []
    href = link.attrs.get("href", "")
    what = (
        f"The link text '{printable(text)}' does not say where the link goes"
        if vague
        else f"The link text '{printable(text[:60])}' is a bare address"
    )
    return [
        Problem(
            doc.rel,
            _line(doc, token, f"[{''.join(parts)}]" if parts else href),
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


def _check_html(doc: Document, token, html: str) -> list[Problem]:
    problems = []
    for match in UNSAFE_TAG.finditer(html):
        tag = match[1].lower()
        problems.append(
            Problem(
                doc.rel,
                _line(doc, token, match[0]),
                "unsafe-html",
                f"Raw HTML <{tag}> is not allowed: it could run code in readers' browsers.",
                "Remove it; use Markdown, or ask a maintainer for a safe alternative.",
            )
        )
    for match in EVENT_ATTRIBUTE.finditer(html):
        problems.append(
            Problem(
                doc.rel,
                _line(doc, token, match[1]),
                "unsafe-html",
                f"The HTML attribute '{match[1]}' runs code.",
                "Remove the attribute.",
            )
        )
    for match in HTML_JS_URL.finditer(html):
        problems.append(
            Problem(
                doc.rel,
                _line(doc, token, match[0]),
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
