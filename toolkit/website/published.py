"""What a page publishes from its content, made safe before the theme wraps it.

- :func:`page_body`: the page's HTML after Python-Markdown (and the hub's image filter) goes
  through the sanitizer (:mod:`toolkit.checks.sanitize`) last; anything it had to remove is a
  problem naming the file and, where the source shows it, the line (an error under ``--strict``).
- :func:`safe_meta`: the front matter the templates see (Material prints ``page.meta.title``
  and the description unescaped, and reads keys such as ``template``): only the content model's
  fields, every string HTML-escaped.
- :func:`unpublishable`: files of ``docs/`` that would be published as they are and could run
  script (HTML pages, SVG images with scripts, handlers or outside references).
"""

from __future__ import annotations

import html

from toolkit.checks.rendered import removal_problem, source_line
from toolkit.checks.sanitize import changes, sanitize, unpublishable  # noqa: F401 (the build's)
from toolkit.content.model import MODELS
from toolkit.content.problems import Problem

#: The front matter keys the templates may see (the content model's, and the hub's own).
META_KEYS = frozenset({"generated", "description"}).union(
    *(m.model_fields for m in MODELS.values())
)


def page_body(
    html_text: str, rel: str, source: str | None, body_start: int, generated: bool = False
) -> tuple[str, list[Problem]]:
    """(sanitized HTML, what had to be removed) for the page from ``rel`` whose Markdown body is
    ``source`` (its first line is line ``body_start`` of the file)."""
    cleaned = sanitize(html_text, generated)
    if cleaned == html_text:
        return cleaned, []
    problems = [
        removal_problem(rel, source_line(source, body_start, change.needle), change)
        for change in changes(html_text, generated)
    ]
    return cleaned, problems


def safe_meta(meta: dict) -> dict:
    """The front matter as the templates may see it: known keys, strings escaped."""
    return {key: _escaped(value) for key, value in meta.items() if key in META_KEYS}


def escaped_text(text: str) -> str:
    """Text that MkDocs took from rendered HTML (entities kept, tags stripped), escaped once."""
    return html.escape(html.unescape(text), quote=True)


def _escaped(value):
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value
