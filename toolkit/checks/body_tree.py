"""The body as the site's Python-Markdown reads it: the element tree it serializes, where each
piece of raw HTML came from, and the source line of what the checks report.

The checks on links, anchors, images, headings and raw HTML, and the Lenali scripts, read this
tree: the one the build renders for the published page (``toolkit.checks.rendered``: the same
extensions, in MkDocs' order). :class:`Observer`, an extension added to that converter, changes
nothing in the HTML; it notes:

- which entries of Python-Markdown's HTML stash hold what (a placeholder in the tree stands for
  each): the fenced code blocks' HTML (stashed before the raw HTML blocks are read), the raw HTML
  blocks and md_in_html's elements (stashed by the ``html_block`` preprocessor), the check boxes
  of task lists (stashed by a tree processor before the inline one), then what the inline
  processor stashes: raw inline HTML and entities;
- which links are autolinks (``<https://...>``: meant to show their address);
- which elements the ``toc`` extension adds (the headings' permalinks), so that they are not read
  as the contributor's links;
- the tree after the last tree processor (what the serializer writes).

Python-Markdown keeps no source positions. :class:`SourceLines` finds each element's line in the
source by what the source must show of it (a link's ``](address``, a heading's ``#`` line or
setext underline with its words, a raw HTML fragment's first line), searching forward from the
line of the element before (the tree is in reading order), then from the top, then giving that
line; tests/checks/test_markdown.py holds the cases (a link in a table, a reference link, a
heading after code that shows the same words...).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown import util
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

#: An entity the inline processor stashes (``&amp;``, ``&#233;``), as opposed to a raw tag.
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z0-9]+);")
_TAG = re.compile(r"<[^>]+>")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_LEVEL = frozenset(util.BLOCK_LEVEL_ELEMENTS)


@dataclass
class BodyTree:
    """One converted body: its tree, and what :class:`Observer` noted while making it."""

    root: etree.Element | None = None
    stash: list = field(default_factory=list)
    fenced: int = 0  # stash[:fenced]: fenced code blocks (HTML Python-Markdown wrote)
    blocks: int = 0  # stash[fenced:blocks]: raw HTML blocks and md_in_html's elements
    generated: int = 0  # stash[blocks:generated]: task list check boxes; after: inline stash
    raw: dict[int, etree.Element] = field(default_factory=dict)  # md_in_html's elements, by id
    autolinks: set[int] = field(default_factory=set)
    before_toc: dict[int, etree.Element] = field(default_factory=dict)  # before the toc ran

    def is_raw(self, element: etree.Element) -> bool:
        """An element the contributor wrote as HTML (md_in_html made it of their tags)."""
        return id(element) in self.raw

    def is_added(self, element: etree.Element) -> bool:
        """An element the toc extension added (a heading's permalink)."""
        return id(element) not in self.before_toc

    def stashed(self, index: int) -> tuple[str, object]:
        """(kind, value) of stash entry ``index``: 'code', 'block' (raw HTML), 'element'
        (md_in_html's, not in the tree), 'generated', 'entity' or 'inline' (raw HTML)."""
        value = self.stash[index] if 0 <= index < len(self.stash) else ""
        if index < self.fenced:
            return "code", value
        if index < self.blocks:
            return ("element" if isinstance(value, etree.Element) else "block"), value
        if index < self.generated:
            return "generated", value
        return ("entity" if _ENTITY.fullmatch(str(value)) else "inline"), value


class _Mark(Preprocessor):
    def __init__(self, md, observer: Observer, stage: str):
        super().__init__(md)
        self.observer, self.stage = observer, stage

    def run(self, lines: list[str]) -> list[str]:
        self.observer.mark(self.stage)
        return lines


class _MarkTree(Treeprocessor):
    def __init__(self, md, observer: Observer, stage: str):
        super().__init__(md)
        self.observer, self.stage = observer, stage

    def run(self, root: etree.Element) -> None:
        self.observer.mark(self.stage, root)


class Observer(Extension):
    """Notes what :class:`BodyTree` holds; the HTML is unchanged (tests/checks/test_rendered.py)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.tree = BodyTree()

    def extendMarkdown(self, md) -> None:
        self.md = md
        md.registerExtension(self)
        # after fenced_code (25), before html_block (20); after html_block
        md.preprocessors.register(_Mark(md, self, "fenced"), "hub_fenced", 22)
        md.preprocessors.register(_Mark(md, self, "blocks"), "hub_blocks", 19)
        # after pymdownx.tasklist (25), before inline (20); before toc (5); after unescape (0)
        md.treeprocessors.register(_MarkTree(md, self, "generated"), "hub_generated", 22)
        md.treeprocessors.register(_MarkTree(md, self, "before_toc"), "hub_before_toc", 6)
        md.treeprocessors.register(_MarkTree(md, self, "root"), "hub_root", -10)
        for name in ("autolink", "automail"):
            if name in md.inlinePatterns:
                self._note_autolinks(md.inlinePatterns[name])

    def _note_autolinks(self, processor) -> None:
        handle = processor.handleMatch

        def noted(match, data):
            element, start, end = handle(match, data)
            if element is not None:
                self.tree.autolinks.add(id(element))
            return element, start, end

        processor.handleMatch = noted

    def reset(self) -> None:
        self.tree = BodyTree()

    def mark(self, stage: str, root: etree.Element | None = None) -> None:
        tree, stash = self.tree, self.md.htmlStash.rawHtmlBlocks
        if stage == "fenced":
            tree.fenced = len(stash)
        elif stage == "blocks":
            tree.blocks = len(stash)
            for value in stash[tree.fenced :]:
                if isinstance(value, etree.Element):
                    tree.raw.update((id(e), e) for e in value.iter())
        elif stage == "generated":
            tree.generated = len(stash)
        elif stage == "before_toc":
            tree.before_toc = {id(e): e for e in root.iter()}
        else:
            tree.root, tree.stash = root, stash


# --- reading the tree ----------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One thing the checks read, in reading order: a heading, a link or an image (``element``),
    or a piece of raw HTML (``html``: as written, or an md_in_html tag written again)."""

    kind: str  # heading | link | image | html
    element: etree.Element | None = None
    html: str = ""
    rebuilt: bool = False  # html is md_in_html's element written again, not the source's text


def events(tree: BodyTree) -> Iterator[Event]:
    """Headings, links, images and raw HTML of ``tree`` in reading order."""
    if tree.root is not None:
        yield from _element_events(tree, tree.root)


def _element_events(tree: BodyTree, element: etree.Element) -> Iterator[Event]:
    yield from _text_events(tree, element.text)
    for child in element:
        if tree.is_added(child):
            yield from _text_events(tree, child.tail)
            continue
        if tree.is_raw(child):
            yield Event("html", child, start_tag(child), rebuilt=True)
            yield from _element_events(tree, child)
            yield Event("html", child, f"</{child.tag}>", rebuilt=True)
        else:
            if child.tag in HEADINGS:
                yield Event("heading", child)
            elif child.tag == "a":
                yield Event("link", child)
            elif child.tag == "img":
                yield Event("image", child)
            yield from _element_events(tree, child)
        yield from _text_events(tree, child.tail)


def _text_events(tree: BodyTree, text: str | None) -> Iterator[Event]:
    for match in util.HTML_PLACEHOLDER_RE.finditer(text or ""):
        kind, value = tree.stashed(int(match[1]))
        if kind in ("block", "inline"):
            yield Event("html", html=str(value))
        elif kind == "element":  # md_in_html's element left as HTML: its tags as a fragment
            yield Event("html", value, start_tag(value), rebuilt=True)
            yield from _element_events(tree, value)
            yield Event("html", value, f"</{value.tag}>", rebuilt=True)


def start_tag(element: etree.Element) -> str:
    attributes = "".join(
        f' {name}="{html.escape(str(value), quote=True)}"' for name, value in element.items()
    )
    return f"<{element.tag}{attributes}>"


def text_of(tree: BodyTree, element: etree.Element, attribute: str = "") -> str:
    """What ``element`` says as text (or its ``attribute``): its words and images' alternatives,
    entities read, raw HTML tags and the toc's permalinks left out."""
    if attribute:
        return _plain(tree, element.get(attribute, ""))
    parts: list[str] = []
    _collect_text(tree, element, parts)
    return "".join(parts)


def _collect_text(tree: BodyTree, element: etree.Element, parts: list[str]) -> None:
    parts.append(_plain(tree, element.text, code=element.tag == "code"))
    for child in element:
        if not tree.is_added(child):
            if child.tag == "img":
                parts.append(_plain(tree, child.get("alt", "")))
            _collect_text(tree, child, parts)
        parts.append(_plain(tree, child.tail))


def _plain(tree: BodyTree, text: str | None, code: bool = False) -> str:
    """``text`` with its stash placeholders read: entities as characters, raw HTML as nothing."""

    def read(match: re.Match) -> str:
        kind, value = tree.stashed(int(match[1]))
        return html.unescape(str(value)) if kind == "entity" else ""

    text = util.HTML_PLACEHOLDER_RE.sub(read, text or "")
    text = text.replace(util.AMP_SUBSTITUTE, "&")
    return html.unescape(text) if code else text


def address(tree: BodyTree, value: str | None) -> str:
    """An href or src as the page has it (an automail's address is written as entities)."""
    value = _plain(tree, value)
    return html.unescape(value) if "&#" in value else value


def anchors(tree: BodyTree) -> frozenset[str]:
    """Every id of the published body: headings (the toc's slugs, attribute lists) and the
    contributor's HTML."""
    found: set[str] = set()
    if tree.root is None:
        return frozenset()
    found.update(e.get("id") for e in tree.root.iter() if e.get("id"))
    for event in events(tree):
        if event.kind == "html" and not event.rebuilt:
            found.update(_HTML_ID.findall(_COMMENT.sub("", event.html)))
    for value in tree.stash:
        if isinstance(value, etree.Element):
            found.update(e.get("id") for e in value.iter() if e.get("id"))
    return frozenset(found)


_HTML_ID = re.compile(r"""<[^>]*?\sid\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


# --- the script a voice reads (Lenali) -----------------------------------------------------


def text_blocks(tree: BodyTree) -> list[str]:
    """The body's text, one string a block (paragraph, heading, list item, table cell...): no
    Markdown marks, links reduced to their text, images, code blocks and raw inline tags dropped,
    a raw HTML block as its text, a soft line break as a space and a hard one as a newline."""
    blocks: list[str] = []
    if tree.root is not None:
        buffer = _Blocks(tree, blocks)
        buffer.element(tree.root)
        buffer.flush()
    return blocks


class _Blocks:
    def __init__(self, tree: BodyTree, blocks: list[str]):
        self.tree, self.blocks, self.parts = tree, blocks, []

    def flush(self) -> None:
        text = "".join(self.parts).strip()
        self.parts = []
        if text:
            self.blocks.append(re.sub(r"[ \t]+", " ", text))

    def html_block(self, raw: str) -> None:
        self.flush()
        text = " ".join(_TAG.sub(" ", raw).split())
        if text:
            self.blocks.append(text)

    def text(self, text: str | None, code: bool = False) -> None:
        position = 0
        text = text or ""
        for match in util.HTML_PLACEHOLDER_RE.finditer(text):
            self.parts.append(self._words(text[position : match.start()], code))
            kind, value = self.tree.stashed(int(match[1]))
            if kind == "entity":
                self.parts.append(html.unescape(str(value)))
            elif kind == "block":
                self.html_block(str(value))
            elif kind == "element":
                self.html_block(etree.tostring(value, encoding="unicode", method="html"))
            elif kind == "code":
                self.flush()
            position = match.end()
        self.parts.append(self._words(text[position:], code))

    @staticmethod
    def _words(text: str, code: bool) -> str:
        text = text.replace("\n", " ").replace(util.AMP_SUBSTITUTE, "&")
        return html.unescape(text) if code else text

    def element(self, element: etree.Element) -> None:
        self.text(element.text, code=element.tag == "code")
        for child in element:
            tail = child.tail
            if self.tree.is_added(child) or child.tag in ("img", "pre", "hr"):
                pass
            elif child.tag == "br":
                self.parts.append("\n")
                tail = tail[1:] if tail and tail.startswith("\n") else tail  # prettify's
            elif child.tag in BLOCK_LEVEL:
                self.flush()
                self.element(child)
                self.flush()
            else:
                self.element(child)
            self.text(tail)


# --- source lines --------------------------------------------------------------------------


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _within(needle: str, haystack: str) -> bool:
    """``needle``'s characters appear in ``haystack`` in order."""
    rest = iter(haystack)
    return all(ch in rest for ch in needle)


_SETEXT = {1: re.compile(r"^ {0,3}=+[ \t]*$"), 2: re.compile(r"^ {0,3}-+[ \t]*$")}


class SourceLines:
    """Line numbers in the file for what the tree shows, found in reading order (see the
    module's docstring)."""

    def __init__(self, body: str, body_start: int, tab_length: int = 4):
        self.lines = [line.expandtabs(tab_length) for line in body.split("\n")]
        self.lower = [line.lower() for line in self.lines]
        self.start, self.cursor = body_start, 0

    def find(self, *needles: str) -> int:
        """The first line from the cursor showing one of ``needles`` (tried in turn), else the
        first from the top, else the cursor's line."""
        needles = tuple(n for n in needles if n and n.strip())
        for needle in needles:
            index = self._search(needle, self.cursor)
            if index is not None:
                self.cursor = index
                return self.start + index
        for needle in needles:
            index = self._search(needle, 0)
            if index is not None:
                return self.start + index
        return self.start + self.cursor

    def _search(self, needle: str, start: int) -> int | None:
        lower = needle.lower()
        for index in range(start, len(self.lines)):
            if needle in self.lines[index] or lower in self.lower[index]:
                return index
        return None

    def heading(self, level: int, text: str) -> int:
        """The line of a level-``level`` heading whose words are ``text``: an ATX line of that
        many '#', or the text line of a setext heading."""
        words = _letters(text)
        atx = re.compile(rf"^\s*#{{{level}}}(?!#)")
        for start in (self.cursor, 0):
            for index in range(start, len(self.lines)):
                line = self.lines[index]
                if atx.match(line) and _within(words, _letters(line)):
                    break
                underline = _SETEXT.get(level)
                following = self.lines[index + 1] if index + 1 < len(self.lines) else ""
                if (
                    underline
                    and line.strip()
                    and underline.match(following)
                    and _within(words, _letters(line))
                ):
                    break
            else:
                continue
            if start == self.cursor:
                self.cursor = index
            return self.start + index
        return self.start + self.cursor

    def locator(self, event_html: str, rebuilt: bool, tag: str = ""):
        """A function (position in ``event_html``, needle) -> line for one raw HTML fragment:
        the line of its first line, plus the lines before ``position``. An md_in_html element
        written again is found by its tag's name."""
        if rebuilt:
            line = (
                self.find(f"<{tag}") if not event_html.startswith("</") else self.find(event_html)
            )
            return lambda position, needle: line
        lines = event_html.split("\n")
        first = next((i for i, text in enumerate(lines) if text.strip()), 0)
        base = self.find(lines[first].strip()) - first if lines else self.start + self.cursor
        return lambda position, needle: max(base + event_html[:position].count("\n"), self.start)
