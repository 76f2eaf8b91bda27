"""Words the hub itself puts on pages, in every language of the site.

They live in gettext catalogues (``locales/hub.pot`` for the French source, then
``locales/<lang>/LC_MESSAGES/hub.po``), read by :mod:`toolkit.render.catalogues`. A Bambara
or Soninké entry marked ``fuzzy`` is a draft awaiting a native speaker's review: it is shown.
An entry with no translation shows the French text (French is the working language most
readers share); :func:`label_markup` then wraps it in ``lang="fr"``.

A catalogue string is text, never markup: translators send ``.po`` files, and what they type is
shown as typed. :func:`label` gives the text (for the templates, which escape it, and for code);
:func:`label_md` and :func:`label_markup` give it as Markdown (or HTML) that shows exactly that
text (:func:`toolkit.render.text.md_text`), and are what the page renderers put into Markdown.

To add a string: add it to ``locales/hub.pot`` and the ``.po`` files (Poedit, Weblate, or by
hand), or put ``{key: {"fr": ..., "en": ...}}`` in a Python file and run
``hub labels import that_file.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from toolkit.render import catalogues
from toolkit.render.text import md_text

FALLBACK_LANGUAGE = catalogues.SOURCE_LANGUAGE


def label(key: str, lang: str) -> str:
    """The label in ``lang`` (a reviewed translation or a draft), else French, else the key
    itself (visible, never a crash)."""
    if lang != FALLBACK_LANGUAGE:
        found = catalogues.translations(lang).get(key)
        if found is not None:
            return found.text
    return catalogues.source().get(key, key)


def is_fallback(key: str, lang: str) -> bool:
    """True when ``lang`` readers get the French text of ``key``."""
    return lang != FALLBACK_LANGUAGE and key not in catalogues.translations(lang)


def label_md(key: str, lang: str) -> str:
    """:func:`label` as Markdown (or HTML text, or a double-quoted attribute value) that shows
    exactly that text, on one line: no markup a catalogue entry holds is ever read."""
    return md_text(label(key, lang))


def label_markup(key: str, lang: str) -> str:
    """:func:`label_md` for HTML or Markdown text: a French fallback is marked ``lang="fr"``, so
    that screen readers read it in French and the reader sees it is not a translation."""
    text = label_md(key, lang)
    return f'<span lang="fr">{text}</span>' if is_fallback(key, lang) else text


class _Labels(Mapping):
    """``LABELS[key][lang]``: a read-only view of the catalogues, in the shape of the old dict
    (each key maps the languages that have a text to it)."""

    def __getitem__(self, key: str) -> dict[str, str]:
        french = catalogues.source()[key]
        entry = {FALLBACK_LANGUAGE: french}
        for lang in catalogues.TRANSLATED:
            found = catalogues.translations(lang).get(key)
            if found is not None:
                entry[lang] = found.text
        return entry

    def __iter__(self) -> Iterator[str]:
        return (k for k in catalogues.source() if not k.startswith(catalogues.THEME_PREFIX))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, key: object) -> bool:
        return key in catalogues.source()


LABELS = _Labels()
