"""What each file says on its own, cached by the file's bytes.

``hub check`` reads every file, but only the checks that span files (links, translations,
cross-links, slugs) need the whole corpus; the rest (front matter, schema, vocabulary, body
rules) depend on the file alone. Their results are kept in ``.cache/hub-check.pickle``, keyed by
each file's SHA-1 and by a fingerprint of the toolkit code and the model data, so an unchanged
file is never parsed twice and any change to the rules empties the cache.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

from toolkit.base.files import write_atomically

CACHE_FILE = Path(".cache") / "hub-check.pickle"


@dataclass
class LocalFacts:
    fm: object
    meta: object
    body_facts: object
    problems: list


def fingerprint(methodology_dir: Path) -> str:
    """Changes whenever the toolkit code, the model data or the interpreter changes."""
    digest = hashlib.sha1(sys.version.encode())
    package = Path(__file__).parents[1]  # the whole toolkit package
    for path in sorted([*package.rglob("*.py"), *methodology_dir.glob("vocabularies/*.yml"),
                        methodology_dir / "glossary.yml"]):
        if path.is_file():
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


class CheckCache:
    def __init__(self, root: Path, methodology_dir: Path, enabled: bool = True):
        self.path = root / CACHE_FILE
        self.enabled = enabled
        self.key = fingerprint(methodology_dir) if enabled else ""
        self.entries: dict[str, tuple[str, LocalFacts]] = {}
        self.changed = False
        if enabled:
            self._load()

    def _load(self) -> None:
        try:
            with self.path.open("rb") as handle:
                key, entries = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return
        if key == self.key:
            self.entries = entries

    def get(self, rel: str, digest: str) -> LocalFacts | None:
        entry = self.entries.get(rel)
        return entry[1] if entry and entry[0] == digest else None

    def put(self, rel: str, digest: str, facts: LocalFacts) -> None:
        if self.enabled:
            self.entries[rel] = (digest, facts)
            self.changed = True

    def save(self, keep: set[str]) -> None:
        """Write the entries of the files still present, atomically; a failure only costs speed."""
        if not self.enabled or (not self.changed and keep == set(self.entries)):
            return
        entries = {rel: entry for rel, entry in self.entries.items() if rel in keep}
        try:
            write_atomically(self.path, pickle.dumps((self.key, entries), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass
