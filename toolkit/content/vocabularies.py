"""Controlled vocabularies (themes, audiences, places, SDGs) and the glossary, read from
``methodology/``: data that contributors edit, never hard-coded here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from toolkit.content.model import GlossaryEntry

VOCABULARIES = ("themes", "audiences", "places", "sdgs")


@dataclass(frozen=True)
class Term:
    id: str | int
    labels: dict[str, str]
    data: dict

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("fr") or str(self.id)


@dataclass
class Vocabulary:
    name: str
    terms: dict[str | int, Term]

    def __contains__(self, term_id: object) -> bool:
        return term_id in self.terms

    def label(self, term_id: str | int, lang: str) -> str:
        term = self.terms.get(term_id)
        return term.label(lang) if term else str(term_id)


class ModelDataError(Exception):
    """methodology/ data is broken: the message names the file and what to fix."""


#: No file of methodology/ needs more (the glossary is 47 KB, and has a limit of 300 KB of its own:
#: toolkit.checks.limits); a larger one is refused before it is parsed.
MAX_YAML_BYTES = 1_000_000


def _read_yaml(path: Path):
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = 0  # said below
    if size > MAX_YAML_BYTES:
        raise ModelDataError(
            f"{path}:1: [yaml] The file is {size / 1e6:.1f} MB, over the limit of "
            f"{MAX_YAML_BYTES // 1_000_000} MB: it is not read. Fix: keep each entry short; "
            "long explanations belong in a page."
        )
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ModelDataError(f"{path}: missing. Fix: restore it from git.") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ModelDataError(
            f"{path}:{line}: [yaml] {getattr(error, 'problem', error)}. Fix: check the indentation."
        ) from error


def load_vocabulary(folder: Path, name: str) -> Vocabulary:
    path = folder / "vocabularies" / f"{name}.yml"
    terms: dict[str | int, Term] = {}
    for item in _read_yaml(path) or []:
        if not isinstance(item, dict) or "id" not in item or "fr" not in item:
            raise ModelDataError(
                f"{path}: [vocabulary] a term lacks 'id' or 'fr': {item!r}. Fix: add them."
            )
        labels = {k: v for k, v in item.items() if k in ("fr", "en", "bm", "snk")}
        if not all(isinstance(label, str) for label in labels.values()) or not isinstance(
            item["id"], str | int
        ):
            raise ModelDataError(
                f"{path}: [vocabulary] the term {str(item['id'])[:40]!r} has an id or a label "
                "that is not text. Fix: write each label as one line of text."
            )
        terms[item["id"]] = Term(item["id"], labels, item)
    return Vocabulary(name, terms)


@dataclass
class Glossary:
    entries: list[GlossaryEntry]


def load_glossary(folder: Path) -> Glossary:
    path = folder / "glossary.yml"
    raw = _read_yaml(path) or []
    entries = []
    for index, item in enumerate(raw):
        try:
            entries.append(GlossaryEntry.model_validate(item))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ModelDataError(
                f"{path}: [glossary] entry {index + 1} ({item.get('id', '?') if isinstance(item, dict) else '?'}): "
                f"{where}: {first['msg']}. Fix: compare with the other entries."
            ) from error
    return Glossary(sorted(entries, key=lambda e: e.fr.term.lower()))


@dataclass
class Vocabularies:
    themes: Vocabulary
    audiences: Vocabulary
    places: Vocabulary
    sdgs: Vocabulary
    glossary: Glossary

    def get(self, name: str) -> Vocabulary:
        return getattr(self, name)


def load(methodology_dir: Path) -> Vocabularies:
    vocabularies = {name: load_vocabulary(methodology_dir, name) for name in VOCABULARIES}
    return Vocabularies(**vocabularies, glossary=load_glossary(methodology_dir))
