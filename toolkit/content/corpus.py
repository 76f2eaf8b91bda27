"""Load the content tree (``docs/``) into typed documents, without MkDocs.

A content item is a folder; each language is a file ``index.<lang>.md`` in it.
``docs/methodologies/cycle-ccap/index.fr.md`` is the French methodology whose slug
is ``cycle-ccap``. Files outside the four sections are plain pages.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from toolkit.content.frontmatter import FrontMatter
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.content.links import outgoing
from toolkit.content.model import Common
from toolkit.content.sections import SECTIONS

LANG_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3})\.md$")
#: A spoken script next to an item: ``capsule`` (the item's) or ``capsule-<n>`` (session n of a
#: curriculum: what the facilitator says to open it, explain the key idea, launch the activity).
SPOKEN = re.compile(r"^capsule(-(?P<session>[1-9][0-9]?))?$")


@dataclass(frozen=True)
class Document:
    """One file of the content: one item in one language. Read-only: the validation makes a new
    Document with the parsed front matter (``fm``) and its model (``meta``) from the one
    :func:`read_document` made (``dataclasses.replace``), and keeps what its checks found in the
    body apart, in :class:`toolkit.content.result.Result` (``findings``)."""

    rel: str  # path from the project root, e.g. docs/outils/grille/index.fr.md
    src_uri: str  # path from docs/, e.g. outils/grille/index.fr.md
    lang: str | None
    key: str  # the item, shared by all languages: outils/grille/index
    kind: str  # methodology, curriculum, case-study, tool, capsule or page
    slug: str | None  # folder name for content items
    text: str | None = None  # None when the file is not UTF-8
    fm: FrontMatter | None = None
    meta: Common | None = None  # validated front matter, None when invalid
    digest: str = ""  # SHA-1 of the file's bytes
    size: int = 0  # bytes
    source_path: Path | None = None  # the file on disk

    @property
    def is_source(self) -> bool:
        return self.lang == DEFAULT_LANGUAGE

    @property
    def summary_only(self) -> bool:
        """A translation of the title and summary only (``scope: summary``)."""
        return getattr(self.meta, "scope", None) == "summary"

    @property
    def export_stem(self) -> str:
        """The name of this document's exports: the item's slug (a capsule: its folder's name),
        with ``-session-<n>`` for the capsule of a curriculum's session n."""
        name = self.slug or PurePosixPath(self.src_uri).parent.name
        match = SPOKEN.match(PurePosixPath(self.key).name) if self.kind == "capsule" else None
        return f"{name}-session-{match['session']}" if match and match["session"] else name

    @property
    def folder(self) -> str:
        return str(PurePosixPath(self.src_uri).parent)

    @property
    def body(self) -> str:
        return self.fm.body if self.fm else ""

    @property
    def body_start(self) -> int:
        return self.fm.body_start if self.fm else 1


def describe(src_uri: str) -> tuple[str | None, str, str, str | None]:
    """(lang, key, kind, slug) of a file under docs/."""
    match = LANG_SUFFIX.match(src_uri)
    lang = match["lang"] if match and match["lang"] in LANGUAGES else None
    key = match["stem"] if lang else src_uri[: -len(".md")]
    parts = PurePosixPath(key).parts
    if len(parts) == 3 and parts[0] in SECTIONS and parts[2] == "index":
        return lang, key, SECTIONS[parts[0]], parts[1]
    if len(parts) == 3 and parts[0] in SECTIONS and SPOKEN.match(parts[2]):
        return lang, key, "capsule", None  # capsule: the item's; capsule-<n>: session n's
    return lang, key, "page", None


@dataclass
class Corpus:
    root: Path
    documents: list[Document] = field(default_factory=list)

    @cached_property
    def by_key(self) -> dict[str, dict[str, Document]]:
        items: dict[str, dict[str, Document]] = defaultdict(dict)
        for doc in self.documents:
            if doc.lang:
                items[doc.key][doc.lang] = doc
        return dict(items)

    @cached_property
    def by_slug(self) -> dict[str, list[str]]:
        """slug -> keys of the content items that use it (more than one is an error)."""
        slugs: dict[str, set[str]] = defaultdict(set)
        for doc in self.documents:
            if doc.slug:
                slugs[doc.slug].add(doc.key)
        return {slug: sorted(keys) for slug, keys in slugs.items()}

    @cached_property
    def by_src_uri(self) -> dict[str, Document]:
        return {doc.src_uri: doc for doc in self.documents}

    def session_capsules(self, item_key: str) -> dict[int, dict[str, Document]]:
        """Session number -> {lang: capsule} of the curriculum ``item_key`` (…/index)."""
        folder = item_key.rsplit("/", 1)[0]
        found: dict[int, dict[str, Document]] = {}
        for key, langs in self.by_key.items():
            if key.startswith(folder + "/capsule-") and key.count("/") == folder.count("/") + 1:
                match = SPOKEN.match(key.rsplit("/", 1)[1])
                if match and match["session"]:
                    found[int(match["session"])] = langs
        return dict(sorted(found.items()))

    def item(self, slug: str) -> dict[str, Document]:
        """All languages of the content item with this slug (empty when unknown)."""
        keys = self.by_slug.get(slug, [])
        return self.by_key.get(keys[0], {}) if keys else {}

    def kind_of(self, slug: str) -> str | None:
        item = self.item(slug)
        return next(iter(item.values())).kind if item else None

    def get(self, slug: str, lang: str) -> Document | None:
        """The item in ``lang``, or in French when it has no such translation."""
        item = self.item(slug)
        return item.get(lang) or item.get(DEFAULT_LANGUAGE)

    def whole(self, slug: str, lang: str) -> Document | None:
        """The item in ``lang`` with its whole text: French when ``lang`` has no translation, or
        only a translated title and summary (``scope: summary``)."""
        found = self.get(slug, lang)
        if found is not None and found.summary_only:
            return self.item(slug).get(DEFAULT_LANGUAGE)
        return found

    def items_of_kind(self, kind: str) -> list[dict[str, Document]]:
        return [
            langs
            for key, langs in sorted(self.by_key.items())
            if next(iter(langs.values())).kind == kind
        ]

    @cached_property
    def backlinks(self) -> dict[str, dict[str, list[str]]]:
        """slug -> {kind of the linking item -> sorted slugs that link to it}."""
        back: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for langs in self.by_key.values():
            source = langs.get(DEFAULT_LANGUAGE)
            if not source or not source.meta or not source.slug:
                continue
            for _field, target, _loc in outgoing(source):
                back[target][source.kind].add(source.slug)
        return {
            slug: {kind: sorted(s) for kind, s in kinds.items()} for slug, kinds in back.items()
        }


def iter_markdown(docs_dir: Path) -> list[Path]:
    """The Markdown files under ``docs_dir``, never through a symbolic link (a link is reported by
    toolkit.checks.files and never read: it could point at any file of the machine)."""
    found = []
    for current, dirs, names in os.walk(docs_dir, followlinks=False):
        base = Path(current)
        dirs[:] = [d for d in dirs if not (base / d).is_symlink()]
        for name in names:
            path = base / name
            if name.endswith(".md") and not path.is_symlink() and path.is_file():
                found.append(path)
    return sorted(found)


def _relative(path: Path, folder: Path) -> str:
    """``path.relative_to(folder).as_posix()``, without making a path when ``folder`` is an
    absolute folder that holds ``path`` (the usual case)."""
    parts, folder_parts = path.parts, folder.parts
    depth = len(folder_parts)
    if (
        depth > 1
        and folder_parts[0] == "/"
        and len(parts) > depth
        and parts[:depth] == folder_parts
    ):
        return "/".join(parts[depth:])
    return path.relative_to(folder).as_posix()


def _read_regular(path: Path) -> bytes:
    """The bytes of ``path``, refusing to follow a symbolic link at the last step."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def read_document(path: Path, root: Path, docs_dir: Path) -> Document:
    src_uri = _relative(path, docs_dir)
    lang, key, kind, slug = describe(src_uri)
    data = _read_regular(path)
    try:
        text = data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        text = None
    return Document(
        rel=_relative(path, root),
        src_uri=src_uri,
        lang=lang,
        key=key,
        kind=kind,
        slug=slug,
        text=text,
        digest=hashlib.sha1(data).hexdigest(),
        size=len(data),
        source_path=path,
    )
