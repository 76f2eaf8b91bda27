"""Personal data in what a page publishes: its HTML read as a reader (and a scraper) gets it.

The source check (:mod:`toolkit.checks.privacy`) reads the Markdown line by line; markup can
still put a number together that no source line shows: a number split across the cells of a
table (``| 76 | 12 | 34 | 56 |``), across list items or tags. :func:`read_html` reads published
HTML as the scan wants it: the text of each block (paragraph, heading, list item, table, ...) as
one paragraph, inline elements and table cells joined by spaces, and on its own every attribute
value (titles, alt texts, data attributes), every address (its query and ``mailto:``, ``tel:``
and messaging links) and every comment. :func:`html_hits` scans that; :func:`output_problems`
turns hits into problems at the line of the source that shows them (found by their digits, or
their first word), with the source check's message. ``hub check`` runs it on the body as the
site's Python-Markdown renders it (:func:`toolkit.checks.rendered.render_body`), the build on
each page's HTML after the sanitizer (:mod:`toolkit.website.lifecycle`), so a finding names the
same ``file:line`` in both.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from toolkit.checks.folding import fold
from toolkit.checks.privacy import (
    MAX_NUMBER_WINDOWS,
    NUMBER_WORD,
    PHONE,
    SIX_DIGITS,
    TooManyNumbers,
    check_personal_data,
    has_consent,
    personal_data_problem,
    scan,
)
from toolkit.content.corpus import Document
from toolkit.content.problems import Problem

#: Elements whose start or end ends a paragraph of text (a table or a list is one paragraph:
#: its cells or items are read together, since that is where a number is split to hide it).
BLOCKS = frozenset(
    """address article aside blockquote body br details dialog div fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 head header hr html main nav p pre section summary
    table title""".split()
)
#: Elements whose boundaries separate cells (table cells, list items, form fields).
SEPARATED = frozenset(
    {"td", "th", "tr", "ul", "ol", "li", "dl", "dt", "dd", "caption", "option", "label", "button"}
)
#: Between two cells: " - " is a separator libphonenumber reads inside a number (a number split
#: across cells is found) and the identity-number pattern does not (a column of counts or
#: figures is not taken for one long number).
_CELLS = re.compile(r"\s*\x00[\s\x00]*")
#: Elements whose text a reader never gets.
HIDDEN = frozenset({"script", "style", "template"})


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.extras: list[str] = []
        self._text: list[str] = []
        self._hidden = 0

    def _end_paragraph(self) -> None:
        text = _CELLS.sub(" - ", "".join(self._text)).strip(" -\t\n\x00")
        if text:
            self.paragraphs.append(text)
        self._text = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in BLOCKS:
            self._end_paragraph()
        elif tag in SEPARATED:
            self._text.append("\x00")
        if tag in HIDDEN:
            self._hidden += 1
        for _, value in attrs:
            if value and value.strip():
                self.extras.append(value)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN:
            self._hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        if tag in BLOCKS:
            self._end_paragraph()
        elif tag in SEPARATED:
            self._text.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._text.append(data)

    def handle_comment(self, data: str) -> None:
        self.extras.append(data)

    def close(self) -> None:
        super().close()
        self._end_paragraph()


def read_html(html: str) -> tuple[list[str], list[str]]:
    """(paragraphs of text, attribute values and comments) of ``html``, in document order."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.paragraphs, reader.extras


def html_hits(html: str, budget: list[int] | None = None) -> list[tuple[str, str]]:
    """(text, what it looks like) of each piece of personal data ``html`` publishes."""
    paragraphs, extras = read_html(html)
    lines: list[tuple[int, str]] = []
    for text in [*paragraphs, *extras]:
        if not _may_hold_data(text):
            continue  # no digits, address, entity or number word: nothing to find in it
        # '<' in text is text: keep the scan from taking it for a tag
        text = " ".join(text.replace("<", "‹").split())
        lines += [(len(lines) + 1, text), (len(lines) + 2, "")]
    return [(found, what) for _, found, what in scan(lines, budget=budget)] if lines else []


def _key(found: str, what: str) -> str:
    digits = "".join(re.findall(r"\d", fold(found)))
    return (
        f"{what}:{digits}" if digits and what != "an e-mail address" else f"{what}:{found.strip()}"
    )


def source_line(text: str, found: str, first: int = 1) -> int:
    """The line of ``text`` (its first line is line ``first``) where ``found`` starts: by its
    digits (as read, across line ends and markup), else by its first word; else ``first``."""
    lines = text.split("\n")
    digits = "".join(re.findall(r"\d", fold(found)))
    if len(digits) >= 4:
        stream, owner = [], []
        for index, line in enumerate(lines):
            for digit in re.findall(r"\d", fold(line)):
                stream.append(digit)
                owner.append(index)
        at = "".join(stream).find(digits)
        if at >= 0:
            return first + owner[at]
    word = re.split(r"[\s@,;]+", fold(found).strip().lower())[0]
    if word:
        for index, line in enumerate(lines):
            if word in fold(line).lower():
                return first + index
    return first


def output_problems(
    doc: Document, html: str, known: set[str] | None = None, budget: list[int] | None = None
) -> list[Problem]:
    """The personal data ``html`` (a page of ``doc``) publishes, at the line of ``doc`` that
    shows it; pieces whose key is in ``known`` (the source check found them) left out."""
    known = known or set()
    budget = budget if budget is not None else [MAX_NUMBER_WINDOWS]
    problems = []
    for found, what in html_hits(html, budget):
        if _key(found, what) in known:
            continue
        known.add(_key(found, what))
        problems.append(personal_data_problem(doc, source_line(doc.text or "", found), found, what))
    return problems


def rendered_problems(doc: Document, hits: list[tuple[int, str, str]]) -> list[Problem]:
    """What the body renders that the source check (``hits``) did not find."""
    from toolkit.checks.rendered import render_body

    if not _joins_cells(doc.body):
        return []
    known = {_key(found, what) for _, found, what in hits}
    try:
        return output_problems(doc, render_body(doc.body), known)
    except TooManyNumbers:
        return []  # the source check stopped on this page already, with its message


def published_problems(doc: Document, html: str) -> list[Problem]:
    """The personal data a built page of ``doc`` publishes (its HTML after the sanitizer),
    unless the page records consent; a page the source check stopped on is left to its message.
    A page the hub generates (catalogues, translation status) shows other files' fields, each
    read in its own file, and tables of counts that read across as numbers: it is not read."""
    generated = doc.meta is not None and getattr(doc.meta, "generated", None)
    if generated or has_consent(doc) or not _may_hold_data(html):
        return []
    try:
        return output_problems(doc, html)
    except TooManyNumbers:
        return []


#: Lines whose text Markdown puts together with the next ones' in the rendered page: table rows,
#: list items, HTML cells and items.
_CELL_LINES = re.compile(
    r"^[ \t>]*(?:\||[-*+][ \t]|\d{1,9}[.)][ \t]|.*<(?:t[dhr]|li|d[dt])\b).*$", re.M
)


_LIST_MARKER = re.compile(r"^[ \t>]*\d{1,9}[.)][ \t]")


def _joins_cells(body: str) -> bool:
    """Whether ``body`` has table rows or list items with 6 digits or more among them, as read (a
    Cyrillic ``О`` is a 0 there too): what the rendered text can join that no line shows (other
    data the source check reads as it is)."""
    if not _may_hold_data(body):
        return False
    digits = 0
    for match in _CELL_LINES.finditer(body):
        cells = _LIST_MARKER.sub("", match[0], count=1)
        digits += sum(c.isdigit() for c in (cells if cells.isascii() else fold(cells)))
        if digits >= 6:
            return True
    return False


def _may_hold_data(text: str) -> bool:
    """Whether ``text`` (folded) has what any pattern of the scan needs: 6 digits, an at sign, an
    entity or a percent escape, or a number word."""
    if not text.isascii():
        text = fold(text)
    return (
        "@" in text
        or "&" in text
        or "%" in text
        or SIX_DIGITS.match(text) is not None
        or NUMBER_WORD.search(text) is not None
    )


def check_personal_data_rendered(doc: Document) -> list[Problem]:
    """The source check, then what the rendered body shows that the source did not."""
    return check_personal_data(doc, rendered=rendered_problems)


__all__ = [
    "PHONE",
    "check_personal_data_rendered",
    "output_problems",
    "published_problems",
    "read_html",
]
