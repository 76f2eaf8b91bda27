"""What each file says on its own, cached by the file's bytes.

``hub check`` reads every file, but only the checks that span files (links, translations,
cross-links, slugs) need the whole corpus; the rest (front matter, schema, vocabulary, body
rules) depend on the file alone. Their results are kept in ``.cache/hub-check.json``, keyed by
each file's SHA-1 and by a fingerprint of the toolkit code and the model data, so an unchanged
file is never parsed twice and any change to the rules empties the cache.

The cache is data, never code: JSON whose every value is decoded into a known shape (the
validated front matter is validated again by its model), and anything that does not parse is
ignored and rebuilt. A contributor can commit a file under ``.cache/`` (ignored files can be
force-added), so the file also carries an HMAC made with a key kept outside the checkout
(toolkit.base.local_cache): a cache this machine did not write is not trusted, and
cannot claim that a file passed. A read-only or missing cache folder only makes checks slower.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from toolkit.base.local_cache import machine_key

CACHE_FILE = Path(".cache") / "hub-check.json"
FORMAT = 1
#: A cache larger than this is not read (the real corpus' is about 1 MB).
MAX_CACHE_BYTES = 64_000_000


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
    for path in sorted(
        [
            *package.rglob("*.py"),
            *methodology_dir.glob("vocabularies/*.yml"),
            methodology_dir / "glossary.yml",
        ]
    ):
        if path.is_file():
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


# -- a small tagged JSON codec: only known shapes come back ------------------------------------


def _classes() -> dict[str, type]:
    from toolkit.checks.markdown import BodyFacts
    from toolkit.content.frontmatter import FrontMatter
    from toolkit.content.problems import Problem

    return {"Problem": Problem, "BodyFacts": BodyFacts, "FrontMatter": FrontMatter}


def _encode(value: object) -> object:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, tuple):
        return {"tuple": [_encode(item) for item in value]}
    if isinstance(value, (set, frozenset)):
        return {"set": sorted((_encode(item) for item in value), key=repr)}
    if isinstance(value, dict):
        return {"dict": [[_encode(k), _encode(v)] for k, v in value.items()]}
    name = type(value).__name__
    if dataclasses.is_dataclass(value) and _classes().get(name) is type(value):
        return {
            "class": name,
            "fields": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)},
        }
    if hasattr(value, "model_dump") and type(value).__module__ == "toolkit.content.model":
        return {"model": name, "data": value.model_dump(mode="json")}
    raise TypeError(f"cannot cache a {name}")


def _decode(value: object, classes: dict[str, type]) -> object:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_decode(item, classes) for item in value]
    if not isinstance(value, dict) or len(value) not in (1, 2):
        raise ValueError("unexpected value in the cache")
    if "tuple" in value:
        return tuple(_decode(item, classes) for item in value["tuple"])
    if "set" in value:
        return frozenset(_decode(item, classes) for item in value["set"])
    if "dict" in value:
        return {_decode(k, classes): _decode(v, classes) for k, v in value["dict"]}
    if "class" in value:
        cls = classes[value["class"]]
        names = {f.name for f in dataclasses.fields(cls)}
        fields = value["fields"]
        if set(fields) != names:
            raise ValueError("the cached shape differs from the code")
        return cls(**{name: _decode(item, classes) for name, item in fields.items()})
    if "model" in value:
        from toolkit.content import model

        cls = getattr(model, value["model"])
        if not (isinstance(cls, type) and hasattr(cls, "model_validate")):
            raise ValueError("unknown model in the cache")
        return cls.model_validate(value["data"])
    raise ValueError("unexpected value in the cache")


class CheckCache:
    def __init__(self, root: Path, methodology_dir: Path, enabled: bool = True):
        self.path = root / CACHE_FILE
        self.secret = machine_key() if enabled else None
        self.enabled = enabled and self.secret is not None
        self.key = fingerprint(methodology_dir) if self.enabled else ""
        self.entries: dict[str, tuple[str, LocalFacts]] = {}
        self.changed = False
        if self.enabled:
            self._load()

    def _mac(self, payload: bytes) -> str:
        return hmac.new(self.secret, payload, hashlib.sha256).hexdigest()

    def _load(self) -> None:
        """Read the cache; anything unexpected (not ours, not JSON, another shape) leaves it empty."""
        try:
            if self.path.is_symlink() or self.path.stat().st_size > MAX_CACHE_BYTES:
                return
            mac, _, payload = self.path.read_bytes().partition(b"\n")
            if not hmac.compare_digest(mac.decode("ascii", "replace"), self._mac(payload)):
                return
            data = json.loads(payload)
            if data.get("format") != FORMAT or data.get("key") != self.key:
                return
            classes = _classes()
            entries = {}
            for rel, (digest, facts) in data["entries"].items():
                fm, meta, body_facts, problems = (
                    _decode(facts[name], classes)
                    for name in ("fm", "meta", "body_facts", "problems")
                )
                entries[str(rel)] = (str(digest), LocalFacts(fm, meta, body_facts, list(problems)))
        except Exception:  # noqa: BLE001 - a cache that cannot be read is rebuilt, whatever the reason
            return
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
        try:
            entries = {
                rel: [
                    digest,
                    {
                        name: _encode(getattr(facts, name))
                        for name in ("fm", "meta", "body_facts", "problems")
                    },
                ]
                for rel, (digest, facts) in self.entries.items()
                if rel in keep
            }
            payload = json.dumps(
                {"format": FORMAT, "key": self.key, "entries": entries},
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode("utf-8")
        except (TypeError, ValueError, RecursionError):
            return  # a shape the codec does not know: no cache rather than a wrong one
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as handle:
                handle.write(self._mac(payload).encode("ascii") + b"\n" + payload)
            os.replace(tmp, self.path)
        except OSError:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
