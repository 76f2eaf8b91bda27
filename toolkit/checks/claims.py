"""What the hub says of its kits and languages, against what the build produced (issue 29).

A page once said that the Kiwix file held the site "dans les quatre langues" when no page was
written in Soninké. This check reads every sentence of the hub's own that counts the languages
of the hub, a kit, the site or a Kiwix file (the French and English pages, the interface
strings, the README of each built kit) and compares the count with the languages that the built
kits really hold: those whose SaheLink kit has documents of their own, not only French
fallbacks (its ``catalogue.json``, ``fallback`` column).

It needs a build (``downloads/`` with ``kits.json`` and the kit folders), so it runs in the
build tests, not in ``hub check``.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from toolkit.content.problems import Problem

CHECK = "language-claim"

NUMBERS = {
    "un": 1, "une": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
    "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6,
}  # fmt: skip

#: "N langues", "in the N languages", "N languages": the count a sentence claims.
COUNT = re.compile(
    r"\b(?P<n>\d+|" + "|".join(NUMBERS) + r")\s+(?:langues|languages)\b", re.IGNORECASE
)
#: A sentence is about the hub's own holdings when it names one of these.
HOLDINGS = re.compile(
    r"\b(kits?|kiwix|zim|site|centre de ressources|resource centre|hub|téléchargements?|"
    r"downloads?|hors ligne|offline)\b",
    re.IGNORECASE,
)
#: ... and not when it is about something else that has languages (Lenali, Mali's languages).
ELSEWHERE = re.compile(r"\b(lenali|mali|nationales?|national|officielles?|official)\b", re.I)
#: A kit's file named in the text: ``sahelink-fr.zip``, ``kiwix/kayes-hub_bm.zim``.
KIT_FILE = re.compile(r"`(?:kiwix/)?([A-Za-z0-9_.-]+\.(?:zip|zim))`")
SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")


def held_languages(downloads: Path) -> list[str]:
    """The languages whose SaheLink kit holds documents written in that language."""
    index = json.loads((downloads / "kits.json").read_text(encoding="utf-8"))
    held = []
    for kit in index["kits"]:
        name = kit["file"]
        if not (name.startswith("sahelink-") and name.endswith(".zip")):
            continue
        lang = name.removeprefix("sahelink-").removesuffix(".zip")
        rows = _catalogue(downloads, name)
        if any(not row.get("fallback") for row in rows):
            held.append(lang)
    return held


def _catalogue(downloads: Path, zip_name: str) -> list[dict]:
    folder = downloads / zip_name.removesuffix(".zip")
    if (folder / "catalogue.json").is_file():
        return json.loads((folder / "catalogue.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(downloads / zip_name) as archive:
        name = next(n for n in archive.namelist() if n.endswith("/catalogue.json"))
        return json.loads(archive.read(name))


def count_claims(text: str) -> Iterator[tuple[int, str, int]]:
    """(line, sentence, claimed count) of each sentence of ``text`` that counts the languages
    of the hub's own holdings."""
    offset = 0
    for part in SENTENCE.split(text):
        start = text.find(part, offset)
        offset = start + len(part) if start >= 0 else offset
        sentence = " ".join(part.split())
        match = COUNT.search(sentence)
        if not match or not HOLDINGS.search(sentence) or ELSEWHERE.search(sentence):
            continue
        n = match["n"].lower()
        count = int(n) if n.isdigit() else NUMBERS[n]
        yield text.count("\n", 0, max(start, 0)) + 1, sentence, count


def _sources(root: Path, downloads: Path) -> Iterator[tuple[str, str]]:
    """(path, text) of everything the hub says in its own words about itself."""
    docs = root / "docs"
    for lang in ("fr", "en"):
        for page in sorted(docs.rglob(f"*.{lang}.md")):
            yield page.relative_to(root).as_posix(), page.read_text(encoding="utf-8")
    for catalogue in [root / "locales" / "hub.pot", *sorted(root.glob("locales/en/**/*.po"))]:
        if catalogue.is_file():
            yield catalogue.relative_to(root).as_posix(), catalogue.read_text(encoding="utf-8")
    for readme in sorted(downloads.glob("*/README.md")):
        yield f"downloads/{readme.relative_to(downloads).as_posix()}", readme.read_text("utf-8")


def built_files(downloads: Path) -> set[str]:
    """The names of the kits and Kiwix files the build made."""
    index = json.loads((downloads / "kits.json").read_text(encoding="utf-8"))
    return {kit["file"] for kit in index["kits"]} | {
        zim.name for zim in (downloads / "kiwix").glob("*.zim")
    }


def claim_problems(root: Path, downloads: Path) -> list[Problem]:
    """Every sentence whose count of languages differs from what the built kits hold, and every
    kit file named in the text that the build did not make."""
    held = held_languages(downloads)
    files = built_files(downloads)
    problems = []
    for path, text in _sources(root, downloads):
        if path.endswith((".pot", ".po")):  # a string's quoted lines, joined (lines kept)
            text = text.replace('"\n"', "\n")
        for line, sentence, count in count_claims(text):
            if count != len(held):
                problems.append(
                    Problem(
                        path,
                        line,
                        CHECK,
                        f"The text says {count} languages, the built kits hold "
                        f"{len(held)} ({', '.join(held)}): « {sentence[:160]} ».",
                        "Say what the kits hold (or name the languages), not what is planned.",
                    )
                )
        for match in KIT_FILE.finditer(text):
            if match[1] not in files:
                problems.append(
                    Problem(
                        path,
                        text.count("\n", 0, match.start()) + 1,
                        CHECK,
                        f"The text names the file {match[1]}, which the build did not make.",
                        f"Name one of the files the build makes: {', '.join(sorted(files))}.",
                    )
                )
    return problems
