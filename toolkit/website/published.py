"""What a page publishes from its content, made safe before the theme wraps it.

- :func:`page_body`: the page's HTML after Python-Markdown (and the hub's image filter) goes
  through the sanitizer (:mod:`toolkit.checks.sanitize`) last; anything it had to remove is a
  problem naming the file and, where the source shows it, the line (an error under ``--strict``).
- :func:`safe_meta`: the front matter the templates see (they read keys such as ``template``):
  only the content model's fields, as text.
- :func:`autoescape`: every template of the build escapes what it prints (catalogue strings, front
  matter, navigation titles are text); the HTML the hub made (:func:`for_templates`: the page's
  sanitized body, its table of contents re-made as text) is marked as such.
- :func:`unpublishable`: files of ``docs/`` that would be published as they are and could run
  script (HTML pages, SVG images with scripts, handlers or outside references).
"""

from __future__ import annotations

import html

from markupsafe import Markup

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
    """The front matter as the templates may see it: known keys, as text (the templates escape
    it: :func:`autoescape`)."""
    return {key: value for key, value in meta.items() if key in META_KEYS}


def autoescape(env) -> None:
    """Every template ``env`` renders escapes every value it prints, unless the hub marked it as
    HTML it made (:func:`for_templates`). Material prints ``config.site_name``, the copyright,
    the description, navigation titles and ``page.meta`` unescaped; with this they are text,
    whatever a catalogue or a front matter holds."""
    env.autoescape = True


def html_text_of(text: str) -> str:
    """Text that MkDocs took from rendered HTML (entities kept, tags stripped) as plain text."""
    return html.unescape(text)


def _toc_as_text(items) -> None:
    for item in items:
        item.title = Markup(html.escape(html.unescape(str(item.title)), quote=True))
        _toc_as_text(item.children)


def still_marked(content):
    """``page.content`` marked as the hub's own again after a plugin edited it as a plain string.

    Material's search plugin (on in the offline build: the SaheLink kits and the ZIMs) strips
    ``data-search-*`` attributes from ``page.content`` with ``re.sub`` in ``on_page_context``,
    after the hub marked it (:func:`for_templates`): the result is a ``str``, which the
    autoescaping templates then printed as text, so every offline page showed its HTML source.
    What it edits is the sanitized page the hub marked, with attributes taken out."""
    return content if content is None or isinstance(content, Markup) else Markup(content)


def for_templates(page_html: str, page) -> Markup:
    """The page's sanitized HTML, marked as the hub's own for the templates; the table of
    contents, whose titles Python-Markdown strips of tags with a regular expression, made
    again as text."""
    _toc_as_text(page.toc or [])
    if "title" not in page.meta and page.title:  # the first heading's text, for the templates
        page.meta["title"] = html_text_of(page.title)
    return Markup(page_html)
