"""The body as the build reads it: Python-Markdown with the site's extensions, then the sanitizer.

:func:`parse_body` renders a body with the same parser and extensions as the site (mkdocs.yml's
``markdown_extensions``; a test keeps the two lists equal) and gives its element tree too
(:mod:`toolkit.checks.body_tree`): what :mod:`toolkit.checks.markdown` and the Lenali scripts
read. There is no second Markdown parser: an unclosed fence, a fence indented by two spaces or an
admonition body is read as the site publishes it. :func:`rendered_problems` reports, at the
line of the source where it appears, what the sanitizer would remove from the published page:
the same finding the build makes (an error under ``--strict``), before any build.
"""

from __future__ import annotations

import re

import markdown

from toolkit.base.build_caches import per_build
from toolkit.checks.body_tree import BodyTree, Observer
from toolkit.checks.sanitize import BODY_START, Change, changes
from toolkit.content.corpus import Document
from toolkit.content.problems import Problem
from toolkit.upstream import active
from toolkit.upstream.markdown_fast import fast_markdown_extension

#: The build's Markdown extensions, in MkDocs' order: its built-in ones (toc, tables, fenced_code:
#: MkDocs adds them to any list), then mkdocs.yml's markdown_extensions
#: (tests/checks/test_rendered.py compares them with what MkDocs loads).
EXTENSIONS = [
    "toc",
    "tables",
    "fenced_code",
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "pymdownx.tasklist",
]
EXTENSION_CONFIGS = {
    "tables": {"use_align_attribute": True},
    "toc": {"permalink": True},
    "pymdownx.tasklist": {"custom_checkbox": False},
}
FIX = (
    "Remove it: use Markdown, ids and classes only (`{#id .class}`), images saved next to the "
    "page, links to https:// addresses."
)


@per_build(maxsize=1)
def _converter() -> tuple[markdown.Markdown, Observer]:
    """One converter per build (reset before each body), with the stand-in when it is active,
    and the observer that keeps its tree (which changes nothing in the HTML)."""
    extensions: list = list(EXTENSIONS)
    if active("markdown_fast"):  # as the build does (toolkit.website.bridge): same HTML, faster
        extensions.append(fast_markdown_extension())
    observer = Observer()
    converter = markdown.Markdown(
        extensions=[*extensions, observer], extension_configs=EXTENSION_CONFIGS
    )
    return converter, observer


def parse_body(text: str) -> tuple[str, BodyTree]:
    """``text`` (Markdown) as the site's Python-Markdown renders it, before sanitizing, and the
    tree it serialized (an empty one when the parser fails)."""
    converter, observer = _converter()
    try:
        rendered = converter.reset().convert(text)
    except Exception:  # noqa: BLE001 - a parser failure on hostile input: the build fails there too
        _converter.cache_clear()  # its block parser's state may be left mid-way: a new one
        return "", BodyTree()
    return rendered, observer.tree


def render_body(text: str) -> str:
    """``text`` (Markdown) as the site's Python-Markdown renders it, before sanitizing."""
    return parse_body(text)[0]


# BODY_START (toolkit.checks.sanitize, whose export cleaner lets it go silently) is put before a
# body whose first line is indented, wherever a page shows it: an HTML comment after which no
# list, admonition or code block of what the hub wrote before can go on, so that the body's first
# block is read as render_body reads the body on its own (a code block). A body whose first line
# is not indented starts a block of its own after a blank line anyway.
_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def published_body(body: str) -> str:
    """The body's Markdown as ``hub check`` renders it and every page that shows it writes it:
    from its first line that is not blank, indentation kept (an indented first line is a code
    block in both), to its last."""
    return _BLANK_LINES.sub("", body).rstrip()


def body_block(body: str) -> str:
    """The body as a page places it after what the hub wrote (:func:`published_body`, after
    :data:`BODY_START` when it begins indented); nothing when the body is empty."""
    text = published_body(body)
    if not text:
        return ""
    return f"{BODY_START}\n\n{text}\n" if text[0] in " \t" else text + "\n"


def rendered_problems(
    doc: Document, skip_lines: frozenset[int] = frozenset(), rendered: str | None = None
) -> list[Problem]:
    """What the sanitizer would remove from ``doc``'s published body, by source line (lines in
    ``skip_lines`` already have a message); ``rendered``: that body rendered already."""
    if "<" not in doc.body and "{" not in doc.body and ":" not in doc.body and "&" not in doc.body:
        return []  # no raw HTML, attribute list, address or entity: nothing to remove
    if rendered is None:
        rendered = render_body(published_body(doc.body))
    problems = []
    for change in changes(rendered):
        line = _line(doc, change.needle)
        if line in skip_lines:
            continue
        problems.append(removal_problem(doc.rel, line, change))
    return problems


def removal_problem(rel: str, line: int, change: Change) -> Problem:
    """The one message for what the sanitizer removes, from ``hub check`` and from the build."""
    return Problem(
        rel,
        line,
        "unsafe-html",
        f"The published page would carry {change.what}: the sanitizer removes it.",
        FIX,
    )


def source_line(body: str | None, body_start: int, needle: str) -> int:
    """The first line of ``body`` (line ``body_start`` of its file) that shows ``needle``."""
    needle = needle.lower()
    for index, line in enumerate((body or "").split("\n")):
        if needle and needle in line.lower():
            return body_start + index
    return body_start


def _line(doc: Document, needle: str) -> int:
    return source_line(doc.body, doc.body_start, needle)
