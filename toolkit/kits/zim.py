"""A ZIM file of the built static site (one per language: ``include`` takes that
language's files, see :mod:`toolkit.kits.sitecopy`), with a full-text index.

``build_zim(site_dir, out, spec)`` packs a folder written by ``mkdocs build`` with python-libzim
(:mod:`toolkit.kits.kiwix` is the kit: one ZIM per language, cached).
libzim validates nothing (DESIGN.md), so this module does what Kiwix expects:

- metadata: Title ≤ 30 characters, Description ≤ 80, Language as ISO 639-3 codes joined by
  commas (``fra,eng,bam,snk``), Date ``YYYY-MM-DD``, Name, Creator, Publisher and a 48×48 PNG
  ``Illustration_48x48@1``; a wrong value raises :class:`~toolkit.kits.errors.KitError` (``kit-zim``) before writing;
- every file gets its mimetype, HTML pages their ``<title>``, the main path is ``index.html``;
- MkDocs links to folders (``../cycle-ccap/``) and, without ``site_url``, mkdocs-static-i18n
  writes absolute links (``/en/``) that would leave the book in kiwix-serve (3.3 serves it
  under ``/<file name>/``, later versions under ``/content/<name>/``): in every HTML page, ``href``/``src`` values that point inside the site
  are rewritten to relative links to the file (``../cycle-ccap/index.html``), links to files
  left out (other languages) to the published address or dropped, and the download links under
  each page are dropped (the downloads are not in the ZIM); the other bytes are untouched. Files
  with the same bytes are stored once, the others becoming redirects (zimcheck ``-R``). Each ``<folder>/index.html`` also gets a redirect ``<folder>/`` for
  links built by scripts;
- ``search/search_index.json`` (Material's client-side index, megabytes, useless in Kiwix, which
  searches the ZIM's own full-text index; only an offline build has one) and the sitemaps are
  left out; the online site's own small search index (``search/<lang>/``) stays, so the page's
  search box works in Kiwix too;
- reproducible: entries are added in sorted order by one worker, metadata are fixed, and the two
  random parts libzim writes (the archive UUID in the header, the UUID of the embedded Xapian
  databases) are replaced by values derived from the content, then the MD5 checksum at the end
  of the file is recomputed (see :func:`_make_reproducible`). Same site folder → same bytes.

Needs python-libzim (``pip install libzim``, bundles libzim 9) and Pillow for the logo.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import mmap
import os
import posixpath
import re
import struct
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from libzim.writer import ContentProvider, Creator, Hint, Item, StringProvider

from toolkit.base.files import atomic_path
from toolkit.content.licence import LICENCE_SPDX
from toolkit.kits.errors import KitError
from toolkit.kits.sitecopy import DOWNLOAD_BLOCK, rewrite_links  # noqa: F401 - rewrite_links: API

#: Kiwix's limits (https://wiki.openzim.org/wiki/Metadata).
TITLE_MAX = 30
DESCRIPTION_MAX = 80
LONG_DESCRIPTION_MAX = 4000

#: Files of the built site that have no use inside a ZIM.
SKIPPED = frozenset({"search/search_index.json", "sitemap.xml", "sitemap.xml.gz"})

MIMETYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".mjs": "application/javascript",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/vnd.microsoft.icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
    ".epub": "application/epub+zip",
    ".zip": "application/zip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".m4a": "audio/mp4",
    ".gz": "application/gzip",
}
#: Already compressed: storing them compressed again costs time for nothing.
UNCOMPRESSED_PREFIXES = ("image/", "audio/", "video/", "font/woff")
UNCOMPRESSED = frozenset(
    {
        "application/pdf",
        "application/epub+zip",
        "application/zip",
        "application/gzip",
        MIMETYPES[".docx"],
        MIMETYPES[".odt"],
    }
)

TITLE_RE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
LANGUAGE_RE = re.compile(r"^[a-z]{3}$")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def mimetype_of(path: str) -> str:
    lower = path.lower()
    for suffix in (".xml.gz",):
        if lower.endswith(suffix):
            return "application/gzip"
    return MIMETYPES.get(Path(lower).suffix, "application/octet-stream")


def title_of(path: str, data: bytes) -> str:
    """The page's ``<title>`` (entities decoded, spaces collapsed), or the path."""
    if mimetype_of(path) == "text/html":
        match = TITLE_RE.search(data[:20_000])
        if match:
            text = " ".join(html.unescape(match[1].decode("utf-8", "replace")).split())
            if text:
                return text
    return path


@dataclass(frozen=True)
class ZimSpec:
    """What a ZIM says of itself (its metadata, as Kiwix names them), its search language and
    the page it opens on."""

    title: str
    description: str
    languages: list[str]
    date: str
    name: str
    creator: str
    publisher: str
    illustration_png_48: bytes
    long_description: str | None = None
    tags: list[str] | None = None
    license: str | None = LICENCE_SPDX
    source: str | None = None
    index_language: str = "fra"
    main_path: str = "index.html"

    def check(self) -> None:
        """Raise :class:`~toolkit.kits.errors.KitError` (``kit-zim``) naming every value Kiwix
        would reject."""
        errors = self._text_problems() + self._code_problems()
        problem = png_problem(self.illustration_png_48, 48)
        if problem:
            errors.append(f"illustration: {problem}")
        if errors:
            raise KitError.of(
                "zim",
                "toolkit/kits/kiwix.py",
                "ZIM metadata rejected: " + "; ".join(errors),
                "Correct these values where the ZIM is described (toolkit/kits/kiwix.py)",
            )

    def _text_problems(self) -> list[str]:
        errors = []
        for field, value in (
            ("title", self.title),
            ("description", self.description),
            ("name", self.name),
            ("creator", self.creator),
            ("publisher", self.publisher),
        ):
            if not isinstance(value, str) or not value.strip():
                errors.append(f"{field} is empty")
        title, description, long = self.title, self.description, self.long_description
        if len(title) > TITLE_MAX:
            errors.append(f"title has {len(title)} characters, Kiwix allows {TITLE_MAX}: {title!r}")
        if len(description) > DESCRIPTION_MAX:
            errors.append(
                f"description has {len(description)} characters, Kiwix allows "
                f"{DESCRIPTION_MAX}: {description!r}"
            )
        if long is not None and len(long) > LONG_DESCRIPTION_MAX:
            errors.append(
                f"long description has {len(long)} characters, Kiwix allows {LONG_DESCRIPTION_MAX}"
            )
        if long is not None and long == description:
            errors.append("long description repeats the description: leave it out")
        return errors

    def _code_problems(self) -> list[str]:
        errors = [] if self.languages else ["languages is empty"]
        for code in self.languages:
            if not LANGUAGE_RE.match(code):
                errors.append(
                    f"language {code!r} is not an ISO 639-3 code (three lower-case letters, "
                    "like 'fra'; see toolkit.content.languages.ISO639_3)"
                )
        try:
            if dt.date.fromisoformat(self.date).isoformat() != self.date:
                raise ValueError
        except (TypeError, ValueError):
            errors.append(f"date {self.date!r} is not YYYY-MM-DD")
        if self.name and not NAME_RE.match(self.name):
            errors.append(
                f"name {self.name!r} must be letters, digits, '.', '_' or '-' "
                "(Kiwix names look like 'participation-kayes_mul_all')"
            )
        return errors

    def metadata(self) -> dict[str, str]:
        """The ZIM metadata entries (besides the illustration), as Kiwix names them."""
        metadata = {
            "Title": self.title,
            "Description": self.description,
            "Language": ",".join(self.languages),
            "Date": self.date,
            "Name": self.name,
            "Creator": self.creator,
            "Publisher": self.publisher,
            "Scraper": "kayes-hub-toolkit",
        }
        if self.long_description:
            metadata["LongDescription"] = self.long_description
        if self.tags:
            metadata["Tags"] = ";".join(self.tags)
        if self.license:
            metadata["License"] = self.license
        if self.source:
            metadata["Source"] = self.source
        return metadata


def png_problem(data: bytes, size: int) -> str | None:
    """Why ``data`` is not a ``size``×``size`` PNG, or None."""
    if not isinstance(data, bytes) or not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "not a PNG file"
    from io import BytesIO

    from PIL import Image

    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
            found = image.size
    except Exception as error:  # noqa: BLE001 - any decoding failure means an unusable PNG
        return f"unreadable PNG ({error})"
    if found != (size, size):
        return f"is {found[0]}×{found[1]}, Kiwix wants {size}×{size}"
    return None


class _FileProvider(ContentProvider):
    """Reads the file when libzim asks (keeps memory flat for large sites)."""

    def __init__(self, path: Path, size: int):
        super().__init__()
        self.path, self.size = path, size

    def get_size(self) -> int:
        return self.size

    def gen_blob(self):
        from libzim.writer import Blob

        yield Blob(self.path.read_bytes())


class _SiteItem(Item):
    def __init__(
        self, path: str, file: Path, data_head: bytes, size: int, content: bytes | None = None
    ):
        super().__init__()
        self.path, self.file, self.size, self.content = path, file, size, content
        self.mimetype = mimetype_of(path)
        self.title = title_of(path, data_head)

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        return self.title

    def get_mimetype(self) -> str:
        return self.mimetype

    def get_contentprovider(self) -> ContentProvider:
        if self.content is not None:
            return StringProvider(self.content)
        return _FileProvider(self.file, self.size)

    def get_hints(self) -> dict:
        front = self.mimetype == "text/html" and posixpath.basename(self.path) != "404.html"
        compress = not (
            self.mimetype.startswith(UNCOMPRESSED_PREFIXES) or self.mimetype in UNCOMPRESSED
        )
        return {Hint.FRONT_ARTICLE: front, Hint.COMPRESS: compress}


@contextlib.contextmanager
def _quiet_stdout(enabled: bool):
    """Point file descriptor 1 at /dev/null while libzim finishes the file (it writes to
    std::cout directly, so sys.stdout cannot catch it)."""
    if not enabled:
        yield
        return
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


@dataclass
class ZimReport:
    path: Path
    entries: int  # items added (redirects not counted)
    redirects: int
    skipped: list[str]
    size: int


def site_files(site_dir: Path) -> list[tuple[str, Path]]:
    """(ZIM path, file) for every file of the built site that goes in the ZIM, sorted."""
    files = []
    for file in site_dir.rglob("*"):
        if file.is_file():
            files.append((file.relative_to(site_dir).as_posix(), file))
    return sorted(files)


def build_zim(
    site_dir: Path,
    out: Path,
    spec: ZimSpec,
    include: set[str] | None = None,
    site_url: str = "",
    quiet: bool = True,
) -> ZimReport:
    """Write ``out``, a ZIM of the built site in ``site_dir`` described by ``spec``. See the
    module docstring.

    ``include``: the site files the ZIM carries (default: all; see
    :func:`toolkit.kits.sitecopy.language_paths`); links to the other files go to their
    published address on ``site_url``, or are dropped. The download links under each page are
    dropped (the downloads are not in the ZIM). A file whose bytes repeat an earlier one
    becomes a redirect to it (zimcheck's redundancy test).
    ``quiet``: hide the progress lines libzim prints on the standard output whatever its
    verbosity ("Resolve redirects", "ZIM file is ready!"), which would clutter ``mkdocs build``.
    """
    site_dir, out = Path(site_dir), Path(out)
    spec.check()
    every = site_files(site_dir)
    all_paths = {path for path, _ in every}
    files = [(path, file) for path, file in every if include is None or path in include]
    paths = {path for path, _ in files}
    if spec.main_path not in paths:
        raise KitError.of(
            "zim",
            site_dir / spec.main_path,
            "the site has no home page",
            "Build the site first (mkdocs build)",
        )
    items, redirects, skipped = _items(files, all_paths, paths, site_url)
    with atomic_path(out) as tmp:
        creator_ = Creator(str(tmp))
        creator_.config_verbose(False)
        creator_.config_indexing(True, spec.index_language)
        creator_.config_nbworkers(1)  # one worker: clusters and index in the same order every time
        creator_.set_mainpath(spec.main_path)
        _write_archive(creator_, quiet, spec, items, sorted(redirects))
        _make_reproducible(tmp)
    return ZimReport(out, len(items), len(redirects), skipped, out.stat().st_size)


def _items(
    files: list[tuple[str, Path]], all_paths: set[str], paths: set[str], site_url: str
) -> tuple[list[_SiteItem], list[tuple[str, str, str]], list[str]]:
    """(the ZIM's items, its redirects, the site files left out) for ``files``."""
    skipped, items, seen = [], [], {}
    redirects = []
    for path, file in files:
        if path in SKIPPED:
            skipped.append(path)
            continue
        if mimetype_of(path) == "text/html":
            text = file.read_bytes().decode("utf-8", "surrogateescape")
            text = DOWNLOAD_BLOCK.sub("", text)
            content = rewrite_links(path, text, all_paths, keep=paths, site_url=site_url).encode(
                "utf-8", "surrogateescape"
            )
            items.append(_SiteItem(path, file, content[:20_000], len(content), content))
            continue
        data = file.read_bytes()
        digest = hashlib.sha256(data).digest()
        if digest in seen:  # the same bytes again: one entry, and a redirect
            redirects.append((path, path, seen[digest]))
            continue
        seen[digest] = path
        items.append(_SiteItem(path, file, data[:20_000], len(data)))
    for item in items:
        if item.path.endswith("/index.html"):
            folder = item.path[: -len("index.html")]
            if folder not in paths:
                redirects.append((folder, item.title, item.path))
    return items, redirects, skipped


def _write_archive(
    creator_: Creator,
    quiet: bool,
    spec: ZimSpec,
    items: list[_SiteItem],
    redirects: list[tuple[str, str, str]],
) -> None:
    metadata = spec.metadata()
    with _quiet_stdout(quiet), creator_:
        creator_.add_illustration(48, spec.illustration_png_48)
        for key in sorted(metadata):
            creator_.add_metadata(key, metadata[key])
        for item in items:
            creator_.add_item(item)
        for path, page_title, target in redirects:
            creator_.add_redirection(path, page_title, target, {Hint.FRONT_ARTICLE: False})


#: Start of a Xapian glass database's version file; its 16-byte UUID follows the 2-byte format.
XAPIAN_MAGIC = b"\x0f\rXapian Glass"
HEADER_UUID = 8  # offset of the archive UUID in the ZIM header
HEADER_CHECKSUM_POS = 72  # offset of the 64-bit position of the MD5 checksum


def _make_reproducible(path: Path) -> None:
    """Replace the random UUIDs libzim writes with values derived from the content.

    Two builds of the same site differ only in 16-byte runs (measured with libzim 9.8): the
    archive UUID in the header, the UUID in the version file of each Xapian database (full
    text and titles, stored in uncompressed clusters) and the MD5 checksum over all of it.
    The UUIDs are zeroed, the file hashed, each UUID set from that hash, the MD5 recomputed.
    Kiwix uses the archive UUID as the book's id: a new content gives a new id.
    """
    with path.open("r+b") as handle, mmap.mmap(handle.fileno(), 0) as data:
        checksum_pos = struct.unpack_from("<Q", data, HEADER_CHECKSUM_POS)[0]
        if checksum_pos != len(data) - 16:
            raise RuntimeError(f"{path}: unexpected ZIM layout (checksum at {checksum_pos})")
        spots = [HEADER_UUID]
        found = data.find(XAPIAN_MAGIC)
        while found != -1:
            spots.append(found + len(XAPIAN_MAGIC) + 2)
            found = data.find(XAPIAN_MAGIC, found + 1)
        for spot in spots:
            data[spot : spot + 16] = bytes(16)
        with memoryview(data) as view:
            digest = hashlib.sha256(view[:checksum_pos]).digest()
        for number, spot in enumerate(spots):
            seed = hashlib.sha256(digest + number.to_bytes(2, "big")).digest()[:16]
            data[spot : spot + 16] = uuid.UUID(bytes=seed, version=4).bytes
        with memoryview(data) as view:
            data[checksum_pos:] = hashlib.md5(view[:checksum_pos]).digest()
        data.flush()
