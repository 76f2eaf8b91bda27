"""``hub check`` on the interface strings: every ``locales/*/LC_MESSAGES/hub.po`` (content that
translators send) is read as the build reads it, and each problem named at its line.

A catalogue string is text (the build escapes it wherever it prints it), so what is checked is
what would break or mislead: a file Babel cannot read, a key the source (``locales/hub.pot``)
does not have, a placeholder of the French text (``{amount}``) missing or added, control
characters, and a string longer than any interface string needs.

Interface strings are printed on every page (header, footer, ``<head>``, navigation), in the
kits' covers and READMEs and in the ZIMs' metadata, where the check of a page's published body
does not look: every string of ``locales/hub.pot`` and of each ``.po`` is read for personal data
here, at its line, with the page check's folding and patterns
(:func:`toolkit.checks.privacy.scan`).
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from toolkit.checks.privacy import MAX_NUMBER_WINDOWS, TooManyNumbers, scan
from toolkit.content.problems import Problem, printable

#: No interface string needs more (the longest French one is about 400 characters).
MAX_CHARS = 2000
#: No catalogue needs more (the largest, Bambara's, is 41 KB): the site does not read a larger
#: one (toolkit.render.catalogues), and this check names it before Babel parses it.
MAX_CATALOGUE_BYTES = 1_000_000
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
FIX_READ = "Open the file in Poedit (or compare it with locales/hub.pot) and correct the entry."


def _read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def catalogue_problems(root: Path) -> list[Problem]:
    """Problems of every ``.po`` under ``root/locales`` (none when there is no such folder)."""
    locales = root / "locales"
    template = locales / "hub.pot"
    if not template.is_file():
        return []
    if too_large := _too_large(root, template):
        return [too_large]
    try:
        source = {m.context: m.id for m in _read(template) if m.id and m.context}
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        return [_unreadable(root, template, error)]
    problems = _personal_data(root, template)
    for path in sorted(locales.glob("*/LC_MESSAGES/*.po")):
        problems += _po_problems(root, path, source)
    return problems


def _too_large(root: Path, path: Path) -> Problem | None:
    """A catalogue over :data:`MAX_CATALOGUE_BYTES`, named before Babel parses it."""
    size = path.stat().st_size
    if size <= MAX_CATALOGUE_BYTES:
        return None
    return Problem(
        path.relative_to(root).as_posix(),
        1,
        "po",
        f"The catalogue is {size / 1e6:.1f} MB, over the limit of "
        f"{MAX_CATALOGUE_BYTES // 1_000_000} MB: the site does not read it.",
        "Keep the entries of locales/hub.pot only, each a short string (Poedit removes the others).",
    )


def _unreadable(root: Path, path: Path, error: Exception) -> Problem:
    line = getattr(error, "lineno", None) or 1
    what = " ".join(str(error).split())[:200]
    return Problem(
        path.relative_to(root).as_posix(),
        line,
        "po",
        f"The catalogue cannot be read: {what}.",
        FIX_READ,
    )


def _po_problems(root: Path, path: Path, source: dict[str, str]) -> list[Problem]:
    rel = path.relative_to(root).as_posix()
    if too_large := _too_large(root, path):
        return [too_large]
    try:
        catalog = _read(path)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        return [_unreadable(root, path, error)]
    problems = _personal_data(root, path, catalog)
    for message in catalog:
        if not message.id:
            continue  # the header
        line = message.lineno or 1
        key, text = message.context, message.string
        if key not in source:
            problems.append(
                Problem(
                    rel,
                    line,
                    "po",
                    f"The key '{key}' is not in locales/hub.pot: the site never shows it.",
                    "Remove the entry, or add the key to locales/hub.pot (`hub labels import`).",
                )
            )
            continue
        if not isinstance(text, str) or not text:
            continue  # not translated: French is shown
        if len(text) > MAX_CHARS:
            problems.append(
                Problem(
                    rel,
                    line,
                    "po",
                    f"The translation of '{key}' has {len(text)} characters (at most {MAX_CHARS}).",
                    "Shorten it: an interface string is a word, a line or a short paragraph.",
                )
            )
        if _CONTROL.search(text):
            problems.append(
                Problem(
                    rel,
                    line,
                    "po",
                    f"The translation of '{key}' holds an invisible control character.",
                    "Retype the text in Poedit; keep only letters, punctuation and spaces.",
                )
            )
        wanted, given = set(_PLACEHOLDER.findall(source[key])), set(_PLACEHOLDER.findall(text))
        if wanted != given:
            problems.append(
                Problem(
                    rel,
                    line,
                    "po",
                    f"The translation of '{key}' must hold the placeholders "
                    f"{' '.join(sorted(wanted)) or '(none)'} exactly as the French text does"
                    f" (it holds {' '.join(sorted(given)) or 'none'}).",
                    "Copy the placeholders in braces from the French text, unchanged.",
                )
            )
    return problems


def _personal_data(root: Path, path: Path, catalog=None) -> list[Problem]:
    """Phone numbers, e-mail addresses and identity numbers in the strings of ``path`` (the French
    text of the template, the translation of a ``.po``), each at the line where it is written."""
    rel = path.relative_to(root).as_posix()
    if catalog is None:
        catalog = _read(path)
    translated = path.suffix == ".po"
    lines = path.read_text(encoding="utf-8").split("\n")
    values: list[tuple[int, str]] = []
    for message in catalog:
        text = message.string if translated else message.id
        if not message.id or not isinstance(text, str) or not text.strip():
            continue
        line = message.lineno or 1
        if translated:  # the msgstr after the msgid
            line = next(
                (n for n in range(line, len(lines) + 1) if lines[n - 1].startswith("msgstr")),
                line,
            )
        values += [*((line, part) for part in text.split("\n")), (line, "")]
    try:
        hits = scan(values, budget=[MAX_NUMBER_WINDOWS])
    except TooManyNumbers as too_many:
        return [
            Problem(
                rel,
                too_many.line,
                "personal-data",
                "The catalogue holds too many numbers to check for personal data.",
                "Keep figures out of interface strings.",
            )
        ]
    return [
        Problem(
            rel,
            line,
            "personal-data",
            f"An interface string shows what looks like {what}: '{printable(found.strip())}'.",
            "Remove it: interface strings name roles and institutions, never a person's number "
            "or address (the studio's contact is the operator's, in mkdocs.yml: extra.hub.contact).",
        )
        for line, found, what in hits
    ]
