"""Limits on what a contributor controls, measured before any parser runs.

Parsers have costs that grow faster than their input. Python-Markdown matches brackets by
scanning ahead from each ``[``: 24 KB of nested brackets made the build 18 times slower and
unclosed ones are worse (quadratic; 24 KB took 85 s here); a list nested 300 deep makes
Python-Markdown and the build's tree walks recurse past Python's limit. So the nesting of
lists, quotes (and notes), brackets and parentheses (inline links are both) is measured here on
the Markdown as typed, line by line, in linear time, and a page past a limit gets a message at
the line where it first passes it; its body is then not given to a Markdown parser by
``hub check`` (:func:`toolkit.checks.validate._check_file`), and the build fails under
``--strict`` before rendering it. The real pages nest lists 2 deep, brackets 1 deep and
parentheses 2 deep.

Two more shapes are measured the same way. HTML elements written in the page nest too: 3,000
``<details>`` inside one another pass Python-Markdown but make the build's tree walks recurse past
Python's limit (the real pages nest them 2 deep). And Python-Markdown's inline processor copies
the rest of a paragraph's text at each piece of markup it finds in it (emphasis, code, escapes,
links, tags, entities, line breaks), so a paragraph of many is quadratic: 40,000 escaped
characters (80 KB) took 4.7 s, 160,000 took 22 s. The pieces of inline markup of a paragraph
are counted (the real pages have at most 39); past :data:`MAX_INLINE_MARKUP` a paragraph costs
at most a few seconds for a whole 1 MB page.

The glossary (``methodology/glossary.yml``) is printed on a page per language and its
abbreviations become tooltips wherever a page uses them: its size, its number of entries, the
length of each field and its references (``see``) have limits too (:func:`glossary_problems`).

The build has a last line of defence for what no limit here foresees: a time and memory budget
per page (:mod:`toolkit.website.page_budget`).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from toolkit.content.problems import Problem

#: Lists (and notes, whose bodies are indented like list items) nested deeper than this.
MAX_LIST_DEPTH = 10
#: Quotes (``>``) nested deeper than this.
MAX_QUOTE_DEPTH = 10
#: Square brackets, or parentheses, open at once in one paragraph (a link in a link text, a
#: link destination in parentheses: ``[a [b](c)](d)``).
MAX_BRACKET_DEPTH = 10
#: HTML elements open inside one another, counted over the whole page (an element left open
#: counts until it is closed).
MAX_HTML_DEPTH = 20
#: Pieces of inline markup in one paragraph (lines with no blank line between).
MAX_INLINE_MARKUP = 1000

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
#: The container markers that open a line: quotes, list items, notes (admonitions).
_CONTAINERS = re.compile(r"^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)]|!!!\+?|\?\?\?\+?)(?=[ \t]|$)[ \t]*)+")
_LIST_MARKER = re.compile(r"(?:^|[ \t>])(?:[-*+]|\d{1,9}[.)]|!!!\+?|\?\?\?\+?)(?=[ \t]|$)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_ESCAPED = re.compile(r"\\[\[\]()]")
#: An HTML start or end tag (``/>`` or a void element opens nothing).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[ \t/][^<>]*)?>")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
#: What starts a piece of inline markup for Python-Markdown: an escape, a code span's backticks,
#: a tag, comment or autolink, an entity, emphasis, a link or image, a hard line break.
_INLINE = re.compile(r"\\.|`+|<|&|\*+|_+|!?\[|  $")

LIST_FIX = "Flatten it: a list in a list in a list is as deep as a reader on a phone can follow."
QUOTE_FIX = "Quote once: a quote in a quote in a quote is as deep as a reader can follow."
BRACKET_FIX = (
    "Close the brackets you open, and put no link inside a link's text; write a literal bracket "
    "as \\[ or \\(."
)
HTML_FIX = "Close each element you open, and nest a few at most: prefer Markdown to HTML."
INLINE_FIX = (
    "Split the paragraph with blank lines, use less markup, or put long data in a "
    "downloadable file."
)


def _columns(indent: str) -> int:
    return len(indent.expandtabs(4))


def nesting_problems(rel: str, body: str, first_line: int = 1) -> list[Problem]:
    """The first line of ``body`` (line ``first_line`` of ``rel``) where lists, quotes, or
    brackets and parentheses are nested past their limit; at most one message of each kind."""
    problems: dict[str, Problem] = {}
    fence: str | None = None
    square = round_ = 0
    elements = inline = 0
    for index, line in enumerate(body.split("\n")):
        number = first_line + index
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = None
            continue
        if opening:
            fence, square, round_ = opening[1], 0, 0
            continue
        if not line.strip():
            square = round_ = inline = 0  # a paragraph ends: nothing is matched across it
            continue
        if "inline" not in problems:
            inline += len(_INLINE.findall(line))
            if inline > MAX_INLINE_MARKUP:
                problems["inline"] = Problem(
                    rel,
                    number,
                    "nesting",
                    f"This paragraph holds more than {MAX_INLINE_MARKUP} pieces of inline markup "
                    "(emphasis, code, escapes, links, tags, entities); the limit is "
                    f"{MAX_INLINE_MARKUP}.",
                    INLINE_FIX,
                )
        if "<" in line and "html" not in problems:
            elements = _html_depth(line, elements)
            if elements > MAX_HTML_DEPTH:
                problems["html"] = Problem(
                    rel,
                    number,
                    "nesting",
                    f"HTML elements are open {MAX_HTML_DEPTH + 1} deep here; the limit is "
                    f"{MAX_HTML_DEPTH}.",
                    HTML_FIX,
                )
        prefix = _CONTAINERS.match(line)
        if prefix:
            quotes = prefix[0].count(">")
            lists = _columns(line[: len(line) - len(line.lstrip(" \t"))]) // 4 + len(
                _LIST_MARKER.findall(prefix[0])
            )
            if quotes > MAX_QUOTE_DEPTH and "quote" not in problems:
                problems["quote"] = Problem(
                    rel,
                    number,
                    "nesting",
                    f"Quotes are nested {quotes} deep here; the limit is {MAX_QUOTE_DEPTH}.",
                    QUOTE_FIX,
                )
            if lists > MAX_LIST_DEPTH and "list" not in problems:
                problems["list"] = Problem(
                    rel,
                    number,
                    "nesting",
                    f"Lists are nested {lists} deep here; the limit is {MAX_LIST_DEPTH}.",
                    LIST_FIX,
                )
        if "bracket" in problems or not any(c in line for c in "[]()"):
            continue
        text = _ESCAPED.sub("", line)
        if "`" in text:
            text = _CODE_SPAN.sub("", text)
        for char in text:
            if char == "[":
                square += 1
            elif char == "]":
                square = max(0, square - 1)
            elif char == "(":
                round_ += 1
            elif char == ")":
                round_ = max(0, round_ - 1)
            else:
                continue
            if square > MAX_BRACKET_DEPTH or round_ > MAX_BRACKET_DEPTH:
                what = "Brackets [ ]" if square > MAX_BRACKET_DEPTH else "Parentheses ( )"
                problems["bracket"] = Problem(
                    rel,
                    number,
                    "nesting",
                    f"{what} are open {MAX_BRACKET_DEPTH + 1} deep here; the limit is "
                    f"{MAX_BRACKET_DEPTH}.",
                    BRACKET_FIX,
                )
                break
    return sorted(problems.values(), key=lambda p: p.line)


def _html_depth(line: str, depth: int) -> int:
    """``depth`` after the tags of ``line`` (outside code spans); stops past the limit."""
    if "`" in line:
        line = _CODE_SPAN.sub("", line)
    for tag in _TAG.finditer(line):
        if tag[0].endswith("/>") or tag[2].lower() in _VOID:
            continue
        depth = max(0, depth - 1) if tag[1] else depth + 1
        if depth > MAX_HTML_DEPTH:
            break
    return depth


#: The glossary as a whole (the real one: 47 KB, 56 entries, the longest definition 506
#: characters, the longest term 57, at most 3 references).
MAX_GLOSSARY_BYTES = 300_000
MAX_GLOSSARY_ENTRIES = 600
MAX_TERM_CHARS = 120
MAX_ABBR_CHARS = 16
MAX_DEFINITION_CHARS = 2_000
MAX_SEE = 12
GLOSSARY = "methodology/glossary.yml"


def glossary_problems(path: Path, rel: str = GLOSSARY) -> list[Problem]:
    """The glossary's size, its number of entries, each field's length and its references,
    at the line of what passes a limit."""
    try:
        size = path.stat().st_size
    except OSError:
        return []
    if size > MAX_GLOSSARY_BYTES:
        return [
            Problem(
                rel,
                1,
                "glossary-size",
                f"The glossary is {size / 1000:.0f} KB, over the limit of "
                f"{MAX_GLOSSARY_BYTES // 1000} KB.",
                "Keep each definition to a few sentences; long explanations belong in a page.",
            )
        ]
    try:
        node = yaml.compose(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # the glossary's loader reports it (toolkit.content.vocabularies)
    if not isinstance(node, yaml.SequenceNode):
        return []
    problems = []
    if len(node.value) > MAX_GLOSSARY_ENTRIES:
        line = node.value[MAX_GLOSSARY_ENTRIES].start_mark.line + 1
        problems.append(
            Problem(
                rel,
                line,
                "glossary-size",
                f"The glossary has {len(node.value)} entries, over the limit of "
                f"{MAX_GLOSSARY_ENTRIES}.",
                "Keep the terms a reader of these pages needs; others belong in a page.",
            )
        )
    seen: dict[str, int] = {}
    for entry in node.value:
        if not isinstance(entry, yaml.MappingNode):
            continue
        for key, value in entry.value:
            problems += _field_problems(rel, key.value, value, seen)
    return problems


def _field_problems(rel: str, key: str, value, seen: dict[str, int]) -> list[Problem]:
    line = value.start_mark.line + 1
    if key == "id" and isinstance(value, yaml.ScalarNode):
        if value.value in seen:
            return [
                Problem(
                    rel,
                    line,
                    "glossary",
                    f"The id '{value.value[:40]}' is already used at line {seen[value.value]}.",
                    "Give each entry its own id: it is the anchor links point to.",
                )
            ]
        seen[value.value] = line
        return []
    if key == "see" and isinstance(value, yaml.SequenceNode):
        if len(value.value) > MAX_SEE:
            return [
                Problem(
                    rel,
                    line,
                    "glossary",
                    f"This entry refers to {len(value.value)} others; the limit is {MAX_SEE}.",
                    "Keep the few related terms a reader should look at next.",
                )
            ]
        return []
    if key == "abbr" and isinstance(value, yaml.ScalarNode) and len(value.value) > MAX_ABBR_CHARS:
        return [_too_long(rel, line, "abbreviation", len(value.value), MAX_ABBR_CHARS)]
    if key in ("fr", "en", "bm", "snk") and isinstance(value, yaml.MappingNode):
        problems = []
        for sub_key, sub_value in value.value:
            text = sub_value.value if isinstance(sub_value, yaml.ScalarNode) else ""
            limit = {"term": MAX_TERM_CHARS, "definition": MAX_DEFINITION_CHARS}.get(sub_key.value)
            if limit and len(text) > limit:
                problems.append(
                    _too_long(rel, sub_value.start_mark.line + 1, sub_key.value, len(text), limit)
                )
        return problems
    return []


def _too_long(rel: str, line: int, what: str, length: int, limit: int) -> Problem:
    return Problem(
        rel,
        line,
        "glossary",
        f"This {what} is {length} characters long, over the limit of {limit}.",
        "Shorten it: a glossary entry is read on a phone; long explanations belong in a page.",
    )
