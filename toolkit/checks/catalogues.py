"""``hub check`` on the interface strings: every ``locales/*/LC_MESSAGES/hub.po`` (content that
translators send) is read as the build reads it, and each problem named at its line.

A catalogue string is text (the build escapes it wherever it prints it), so what is checked is
what would break or mislead: a file Babel cannot read, a key the source (``locales/hub.pot``)
does not have, a placeholder of the French text (``{amount}``) missing or added, control
characters, and a string longer than any interface string needs.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from toolkit.content.problems import Problem

#: No interface string needs more (the longest French one is about 400 characters).
MAX_CHARS = 2000
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
    try:
        source = {m.context: m.id for m in _read(template) if m.id and m.context}
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        return [_unreadable(root, template, error)]
    problems = []
    for path in sorted(locales.glob("*/LC_MESSAGES/*.po")):
        problems += _po_problems(root, path, source)
    return problems


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
    try:
        catalog = _read(path)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        return [_unreadable(root, path, error)]
    problems = []
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
