"""The interface strings as gettext catalogues: ``locales/hub.pot`` and one ``hub.po`` per language.

Every string the hub or the theme shows comes from these files, read with Babel (no ``.mo``
in git: the ``.po`` is read directly at build, and ``hub labels compile`` writes ``.mo`` files
for tools that want them).

- ``msgctxt`` is the stable key the code asks for (``review.pending``, ``nav.home``, or
  ``theme:search.placeholder`` for Material's own strings) and ``msgid`` is the French text.
  Translators' tools (Poedit, Weblate, GitHub's editor) show the French source next to the
  draft, which a key alone would not give them; the key keeps the lookup stable when the
  French wording changes, and a changed French text makes the translation ``fuzzy`` again.
- ``locales/hub.pot`` is the French source (French is the site's source language); the
  ``en``, ``bm`` and ``snk`` catalogues carry the translations.
- ``#, fuzzy`` marks a draft that awaits a native speaker's review: it is shown (the reader
  gets the draft) and counted. An entry with no translation falls back to French, inside
  ``lang="fr"`` where the page can say so (:func:`toolkit.render.labels.label_markup`).

:func:`import_labels` converts a Python dict of labels (``{key: {lang: text}}``, the form the
hub used before, and the one other modules may still add) into the catalogues; it is
re-runnable: it adds new keys, marks a translation fuzzy when its French source changed, and
never overwrites a translation already in a ``.po``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from toolkit.base.build_caches import per_build
from toolkit.checks.catalogues import MAX_CATALOGUE_BYTES

LOCALES = Path(__file__).resolve().parents[2] / "locales"
DOMAIN = "hub"
SOURCE_LANGUAGE = "fr"
TRANSLATED = ("en", "bm", "snk")
#: Languages whose every draft awaits a native speaker (imported strings are marked fuzzy).
DRAFT_LANGUAGES = ("bm", "snk")
THEME_PREFIX = "theme:"
#: A fixed date in the headers, so that re-running the converter changes nothing by itself.
HEADER_DATE = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Translation:
    text: str
    fuzzy: bool


def template_path(root: Path = LOCALES) -> Path:
    return root / f"{DOMAIN}.pot"


def po_path(lang: str, root: Path = LOCALES) -> Path:
    return root / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def _published(path: Path) -> Catalog:
    """The catalogue at ``path`` as the site reads it: empty when it is missing, larger than
    :data:`MAX_CATALOGUE_BYTES` or unreadable (a translator's file is content: ``hub check``,
    and the build's own validation, name what is wrong at its line, and a strict build stops;
    the interface shows the French text meanwhile, never a traceback)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_CATALOGUE_BYTES:
            return Catalog()
        return _read(path)
    except (PoFileError, UnicodeDecodeError, ValueError, OSError):
        return Catalog()


@per_build(maxsize=4)
def source(root: Path = LOCALES) -> dict[str, str]:
    """key -> French text, from the template."""
    return {m.context: m.id for m in _published(template_path(root)) if m.id and m.context}


@per_build(maxsize=16)
def translations(lang: str, root: Path = LOCALES) -> dict[str, Translation]:
    """key -> translation (fuzzy ones included) of ``lang``; empty entries are left out."""
    if lang == SOURCE_LANGUAGE:
        return {}
    return {
        m.context: Translation(m.string, m.fuzzy)
        for m in _published(po_path(lang, root))
        if m.id and m.context and isinstance(m.string, str) and m.string.strip()
    }


def clear_cache() -> None:
    source.cache_clear()
    translations.cache_clear()


@dataclass(frozen=True)
class Counts:
    lang: str
    total: int
    translated: int  # reviewed: not fuzzy
    fuzzy: int  # drafts awaiting review, shown
    missing: int  # French shown

    def to_dict(self) -> dict:
        return {
            "language": self.lang,
            "total": self.total,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "missing": self.missing,
        }


def counts(lang: str, root: Path = LOCALES, theme: bool = True) -> Counts:
    """How many interface strings ``lang`` has reviewed, as drafts, or not at all."""
    keys = [k for k in source(root) if theme or not k.startswith(THEME_PREFIX)]
    if lang == SOURCE_LANGUAGE:
        return Counts(lang, len(keys), len(keys), 0, 0)
    found = translations(lang, root)
    fuzzy = sum(1 for k in keys if k in found and found[k].fuzzy)
    done = sum(1 for k in keys if k in found and not found[k].fuzzy)
    return Counts(lang, len(keys), done, fuzzy, len(keys) - done - fuzzy)


# -- writing the catalogues -------------------------------------------------------------------


def _new_catalog(lang: str | None) -> Catalog:
    catalog = Catalog(
        locale=lang,
        domain=DOMAIN,
        project="Kayes knowledge hub",
        version="1",
        copyright_holder="GRDR, Tuwindi and contributors",
        charset="utf-8",
        creation_date=HEADER_DATE,
        revision_date=HEADER_DATE,
        fuzzy=False,
        language_team=f"{lang or 'fr'} (native speakers: see CONTRIBUTING)",
    )
    catalog.header_comment = (
        "# Interface strings of the Kayes knowledge hub"
        + (f" ({lang})" if lang else " (French source)")
        + ".\n"
        "# msgctxt: the key the code asks for; msgid: the French text; msgstr: the translation.\n"
        "# '#, fuzzy' = a draft awaiting a native speaker's review (shown on the site).\n"
        "# An empty msgstr shows the French text. Edit here or in Poedit / Weblate."
    )
    return catalog


def _write(catalog: Catalog, path: Path) -> bool:
    """Write ``catalog`` to ``path``; True when the file changed."""
    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=100, omit_header=False, sort_output=False, include_previous=False
    )
    data = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def _load_or_new(path: Path, lang: str | None) -> Catalog:
    catalog = _new_catalog(lang)
    if path.is_file():
        for message in _read(path):
            if message.id and message.context:
                catalog.add(
                    message.id,
                    message.string,
                    context=message.context,
                    flags=message.flags,
                    auto_comments=message.auto_comments,
                    user_comments=message.user_comments,
                )
    return catalog


@dataclass
class ImportReport:
    added: list[str]
    changed: list[str]  # French source changed: translations marked fuzzy
    filled: dict[str, int]  # lang -> translations taken from the dict
    written: list[Path]


def import_labels(
    labels: Mapping[str, Mapping[str, str]],
    root: Path = LOCALES,
    comment: str = "",
    withheld: Mapping[str, frozenset[str]] | None = None,
) -> ImportReport:
    """Merge ``labels`` (``{key: {"fr": ..., "en": ..., "bm": ...}}``) into the catalogues.

    ``withheld`` names, per language, keys whose text in ``labels`` must not be imported
    (for example Soninké entries that are French sentences).
    """
    withheld = withheld or {}
    template = _load_or_new(template_path(root), None)
    catalogs = {lang: _load_or_new(po_path(lang, root), lang) for lang in TRANSLATED}
    report = ImportReport([], [], dict.fromkeys(TRANSLATED, 0), [])
    for key, texts in labels.items():
        french = texts.get(SOURCE_LANGUAGE)
        if not french:
            continue
        old = next((m for m in template if m.context == key), None)
        comments = [comment] if comment else []
        if old is None:
            template.add(french, context=key, auto_comments=comments)
            report.added.append(key)
        elif old.id != french:
            template.delete(old.id, context=key)
            template.add(french, context=key, auto_comments=old.auto_comments)
            report.changed.append(key)
        for lang, catalog in catalogs.items():
            current = next((m for m in catalog if m.context == key), None)
            string, flags = "", set()
            if current is not None:
                string, flags = current.string or "", set(current.flags)
                catalog.delete(current.id, context=key)
                if old is not None and old.id != french and string:
                    flags.add("fuzzy")  # the French source changed since this was translated
            offered = texts.get(lang)
            if not string and offered and key not in withheld.get(lang, frozenset()):
                string = offered
                report.filled[lang] += 1
                if lang in DRAFT_LANGUAGES:
                    flags.add("fuzzy")
            catalog.add(
                french,
                string,
                context=key,
                flags=flags,
                auto_comments=comments if current is None else current.auto_comments,
            )
    report.written = write_all(template, catalogs, root)
    clear_cache()
    return report


def write_all(template: Catalog, catalogs: dict[str, Catalog], root: Path = LOCALES) -> list[Path]:
    """Write the template and the catalogues; each catalogue follows the template's order and
    gets an empty entry for every key it lacks (what ``msgmerge`` would do)."""
    written = []
    if _write(template, template_path(root)):
        written.append(template_path(root))
    for lang, catalog in catalogs.items():
        ordered = _new_catalog(lang)
        by_key = {m.context: m for m in catalog if m.id and m.context}
        for message in template:
            if not message.id:
                continue
            have = by_key.get(message.context)
            ordered.add(
                message.id,
                have.string if have else "",
                context=message.context,
                flags=have.flags if have else (),
                auto_comments=message.auto_comments,
            )
        if _write(ordered, po_path(lang, root)):
            written.append(po_path(lang, root))
    return written


def compile_mo(root: Path = LOCALES) -> list[Path]:
    """Write ``hub.mo`` next to each ``hub.po`` (fuzzy entries included: they are shown)."""
    out = []
    for lang in TRANSLATED:
        path = po_path(lang, root)
        if not path.is_file():
            continue
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, _read(path), use_fuzzy=True)
        out.append(path.with_suffix(".mo"))
    return out


# -- Material's own interface strings -----------------------------------------------------------

#: Material keys that are settings, not words: written into the partials as they are.
THEME_SETTINGS = {
    "language": None,
    "direction": "ltr",
    "search.config.lang": "en",
    "search.config.pipeline": "stopWordFilter",
    "search.config.separator": "[\\s\\-]+",
}


def read_theme_partial(path: Path) -> dict[str, str]:
    """The ``{key: string}`` table of a Material language partial (``partials/languages/xx.html``)."""
    import json
    import re

    text = path.read_text(encoding="utf-8")
    match = re.search(r"\{\{\s*(\{.*\})\s*\[key\]\s*\}\}", text, re.S)
    if match is None:
        raise ValueError(f"{path}: no string table found")
    return json.loads(match[1])


def import_theme(
    material_languages: Path, drafts: Mapping[str, Path] = (), root: Path = LOCALES
) -> ImportReport:
    """Material's French strings become ``theme:<key>`` entries of the template, its English
    ones the English translations; ``drafts`` (lang -> an existing partial) gives the drafts of
    other languages, kept only where they differ from Material's French and English."""
    french = read_theme_partial(material_languages / "fr.html")
    english = read_theme_partial(material_languages / "en.html")
    offered = {lang: read_theme_partial(path) for lang, path in dict(drafts).items()}
    labels: dict[str, dict[str, str]] = {}
    for key, text in french.items():
        if key in THEME_SETTINGS:
            continue
        entry = {"fr": text, "en": english.get(key, "")}
        for lang, table in offered.items():
            draft = table.get(key, "")
            if draft and draft not in (text, english.get(key)):
                entry[lang] = draft
        labels[THEME_PREFIX + key] = entry
    return import_labels(labels, root, comment="Material for MkDocs interface string")


#: Characters written as ``\\uXXXX`` in the generated partials: Jinja's delimiters and HTML's.
_JINJA_UNSAFE = {c: f"\\u{ord(c):04x}" for c in "{}%#<>&'"}


def _jinja_string(value: str) -> str:
    """``value`` as a double-quoted string literal that JSON and Jinja both read as ``value``."""
    import json

    text = json.dumps(value, ensure_ascii=False)
    return "".join(_JINJA_UNSAFE.get(c, c) for c in text)


def _name(key: str) -> str:
    """A catalogue key as the partial's comment names it (letters, digits, ``.``, ``_``, ``-``)."""
    return re.sub(r"[^\w.-]", "?", key)


def theme_partial(lang: str, root: Path = LOCALES) -> str:
    """Material's ``partials/languages/<lang>.html``, written from the catalogue of ``lang``:
    each draft or reviewed translation, else the French string.

    The file is a Jinja template, that is code, and its strings come from translators' ``.po``
    files, which are content: each string is a JSON (and Jinja) string literal in which no
    character that opens or closes a Jinja tag, expression or comment appears as itself, so
    that whatever a catalogue holds stays one string; the templates escape it when they print
    it (:func:`toolkit.website.published.autoescape`)."""
    table: dict[str, str] = {"language": lang, "direction": THEME_SETTINGS["direction"]}
    found = translations(lang, root)
    missing, fuzzy = [], []
    for key, french in source(root).items():
        if not key.startswith(THEME_PREFIX):
            continue
        name = key[len(THEME_PREFIX) :]
        if key in found:
            table[name] = found[key].text
            if found[key].fuzzy:
                fuzzy.append(name)
        else:
            table[name] = french
            missing.append(name)
    for name in ("search.config.lang", "search.config.pipeline", "search.config.separator"):
        table[name] = THEME_SETTINGS[name]
    body = ",\n".join(f"  {_jinja_string(k)}: {_jinja_string(v)}" for k, v in table.items())
    return (
        "{#-\n"
        f"  Material for MkDocs interface strings for '{lang}'. GENERATED from\n"
        f"  locales/{lang}/LC_MESSAGES/hub.po (entries theme:<key>) by `hub labels theme`:\n"
        "  edit the catalogue, not this file (a test fails when they differ).\n"
        f"  Drafts awaiting a native speaker's review (fuzzy): {len(fuzzy)}.\n"
        f"  Not translated, shown in French: {', '.join(map(_name, missing)) or 'none'}.\n"
        "  search.config.lang is 'en': lunr has no stemmer for this language.\n"
        "-#}\n"
        "{% macro t(key) %}{{ {\n" + body + "\n}[key] }}{% endmacro %}\n"
    )


def theme_partial_path(lang: str, project: Path | None = None) -> Path:
    project = project or LOCALES.parent
    return project / "overrides" / "partials" / "languages" / f"{lang}.html"


def set_translations(
    lang: str,
    texts: Mapping[str, str],
    root: Path = LOCALES,
    fuzzy: bool = True,
    overwrite: bool = False,
) -> int:
    """Put ``texts`` (key -> text) into the catalogue of ``lang`` (drafts unless ``fuzzy`` is
    False); existing translations are kept unless ``overwrite``. Returns how many were set."""
    template = _load_or_new(template_path(root), None)
    catalogs = {code: _load_or_new(po_path(code, root), code) for code in TRANSLATED}
    catalog, done = catalogs[lang], 0
    french = {m.context: m.id for m in template if m.id}
    for key, text in texts.items():
        if key not in french:
            raise KeyError(f"{key} is not in {template_path(root)}: import it first")
        current = catalog.get(french[key], context=key)
        if current is not None and current.string and not overwrite:
            continue
        if current is not None:
            catalog.delete(french[key], context=key)
        catalog.add(french[key], text, context=key, flags=["fuzzy"] if fuzzy else [])
        done += 1
    write_all(template, catalogs, root)
    clear_cache()
    return done
