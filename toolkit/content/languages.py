"""The site's languages: their codes, order, names and review rule."""

from __future__ import annotations

#: Languages in site order. French is the default and lives at the root URL.
LANGUAGES: tuple[str, ...] = ("fr", "en", "bm", "snk")
DEFAULT_LANGUAGE = "fr"
#: Languages whose text must be reviewed by a native speaker before it is trusted.
REVIEWED_LANGUAGES: frozenset[str] = frozenset({"bm", "snk"})
#: Each language's name in that language (as in the language switcher).
LANGUAGE_NAMES = {"fr": "Français", "en": "English", "bm": "Bamanankan", "snk": "Sooninkanxanne"}


def name_in_sentence(code: str) -> str:
    """The language's own name as written inside a sentence: lower case, except English."""
    name = LANGUAGE_NAMES.get(code, code)
    return name if code == "en" else name.lower()


def colon(lang: str | None) -> str:
    """The colon after a label in ``lang``: French typography puts a space before it
    (« Durée : 2 h »), the other languages do not. The one place this rule is written."""
    return " :" if lang == DEFAULT_LANGUAGE else ":"


#: ISO 639-3 codes, for formats that want them (ZIM, Dublin Core).
ISO639_3 = {"fr": "fra", "en": "eng", "bm": "bam", "snk": "snk"}
