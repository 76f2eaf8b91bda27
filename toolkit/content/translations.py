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
from toolkit.content.model import SUMMARY_TYPES, is_reviewed, reviewer

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

    @property
    def scope(self) -> str | None:
        """full, summary (title and summary only) or None (no translation)."""
        if self.translation is None:
            return None
        return "summary" if self.translation.summary_only else "full"


@dataclass
class LanguageStatus:
    lang: str
    entries: list[Entry] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for e in self.entries if e.state == state)

    @property
    def existing(self) -> int:
        return sum(1 for e in self.entries if e.translation is not None)

    def covered(self, kinds: tuple[str, ...]) -> tuple[int, int]:
        """(translated, total) among the entries of ``kinds`` (a title-and-summary translation counts)."""
        chosen = [e for e in self.entries if e.kind in kinds]
        return sum(1 for e in chosen if e.translation is not None), len(chosen)

    @property
    def summaries(self) -> tuple[int, int]:
        """Methodologies, curricula, case studies and tool sheets with a title and summary here."""
        return self.covered(SUMMARY_TYPES)

    @property
    def capsules(self) -> tuple[int, int]:
        """Spoken scripts (an item's or a session's) translated here, of those in French."""
        return self.covered(("capsule",))

    @property
    def reviews(self) -> list[tuple[str, str, str]]:
        """(file, reviewer, date) of every translation a native speaker has reviewed."""
        out = []
        for e in self.entries:
            if (
                e.translation is not None
                and e.translation.meta is not None
                and is_reviewed(e.translation.meta)
            ):
                who, when = reviewer(e.translation.meta)
                out.append((e.translation.rel, who or "", when.isoformat() if when else ""))
        return out

    def to_dict(self) -> dict:
        summaries, capsules = self.summaries, self.capsules
        return {
            "language": self.lang,
            "summaries": {"translated": summaries[0], "total": summaries[1]},
            "capsules": {"translated": capsules[0], "total": capsules[1]},
            "reviews": [{"file": f, "by": b, "date": d} for f, b, d in self.reviews],
            "pages": len(self.entries),
            "existing": self.existing,
            "missing": self.count("missing"),
            "stale": self.count("stale"),
            "pending_review": self.count("pending-review"),
            "up_to_date": self.count("up-to-date"),
            "items": [
                {
                    "path": e.source.rel,
                    "kind": e.kind,
                    "title": e.title,
                    "state": e.state,
                    "scope": e.scope,
                    **({"translation": e.translation.rel} if e.translation else {}),
                }
                for e in self.entries
            ],
        }

    def next_to_translate(self, limit: int = 10) -> list[Entry]:
        """Missing and stale pages, then those translated as title and summary only, most needed
        first (see PRIORITY)."""
        todo = [e for e in self.entries if e.state in ("missing", "stale") or e.scope == "summary"]
        return sorted(
            todo,
            key=lambda e: (
                e.state != "stale",
                e.scope == "summary",
                PRIORITY.index(e.kind) if e.kind in PRIORITY else len(PRIORITY),
                e.key,
            ),
        )[:limit]


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
            language.entries.append(
                Entry(key, source.kind, source.meta.title, source, langs.get(lang))
            )
        result.append(language)
    return result
