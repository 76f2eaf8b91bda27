"""Translation status: per language, which pages exist, are missing, are stale (the French
source changed since the translation was made) or await a native speaker's review.

``hub status`` prints it, the site shows it on a page per language, and a stale page shows a
notice. "What to translate next" follows :data:`PRIORITY`: the hub has no analytics (readers
are not tracked), so the order is the editors' judgement of what readers come for first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.content.corpus import Corpus, Document
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES, REVIEWED_LANGUAGES
from toolkit.content.model import is_reviewed

#: Sections in the order readers need them (home and guides first, then methodologies...).
PRIORITY = ("page", "methodology", "capsule", "curriculum", "tool", "case-study")


@dataclass
class Entry:
    key: str  # the item, e.g. methodologies/cycle-ccap/index
    kind: str
    title: str
    source: Document
    translation: Document | None

    @property
    def state(self) -> str:
        """missing, stale, pending-review or up-to-date."""
        if self.translation is None:
            return "missing"
        if is_stale(self.translation, self.source):
            return "stale"
        meta = self.translation.meta
        if self.translation.lang in REVIEWED_LANGUAGES and (meta is None or not is_reviewed(meta)):
            return "pending-review"
        return "up-to-date"


@dataclass
class LanguageStatus:
    lang: str
    entries: list[Entry] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for e in self.entries if e.state == state)

    @property
    def existing(self) -> int:
        return sum(1 for e in self.entries if e.translation is not None)

    def to_dict(self) -> dict:
        return {
            "language": self.lang,
            "pages": len(self.entries),
            "existing": self.existing,
            "missing": self.count("missing"),
            "stale": self.count("stale"),
            "pending_review": self.count("pending-review"),
            "up_to_date": self.count("up-to-date"),
            "items": [{"path": e.source.rel, "kind": e.kind, "title": e.title, "state": e.state,
                       **({"translation": e.translation.rel} if e.translation else {})}
                      for e in self.entries],
        }

    def next_to_translate(self, limit: int = 10) -> list[Entry]:
        """Missing and stale pages, most needed first (see PRIORITY)."""
        todo = [e for e in self.entries if e.state in ("missing", "stale")]
        return sorted(todo, key=lambda e: (e.state != "stale", PRIORITY.index(e.kind)
                                           if e.kind in PRIORITY else len(PRIORITY), e.key))[:limit]


def is_stale(translation: Document, source: Document) -> bool:
    if translation.meta is None or source.meta is None:
        return False
    made_from, current = translation.meta.source_version, source.meta.version
    return bool(made_from and current and made_from < current)


def status(corpus: Corpus, languages: tuple[str, ...] = LANGUAGES[1:]) -> list[LanguageStatus]:
    """The status of every translation language (French is the source)."""
    result = []
    for lang in languages:
        language = LanguageStatus(lang)
        for key, langs in sorted(corpus.by_key.items()):
            source = langs.get(DEFAULT_LANGUAGE)
            if source is None or source.meta is None or getattr(source.meta, "generated", None):
                continue
            language.entries.append(Entry(key, source.kind, source.meta.title, source, langs.get(lang)))
        result.append(language)
    return result
