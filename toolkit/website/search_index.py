"""The online site's search index: small static files, fetched a few at a time.

Material's search sends every reader the whole index of every language at page load (2.7 MB
gzip on the 1,000-document benchmark corpus). Pagefind, tried next, costs about 170 KB for a
first query on that corpus (its WebAssembly alone is 72 KB). This index is made for 2G: a first
query fetches one shard per word typed (the words sharing its first two letters, with the pages
holding them) and the titles and summaries of the results shown, typically 10 to 30 KB.

Layout, per language (``search/<lang>/``; the language of a page is its URL prefix, so a reader
of the Bambara pages searches the Bambara pages, French fallbacks included):

- ``<prefix>.json``: ``{"n": pages, "c": chunk size, "w": {word: [page, weight, ...]}}``, the
  page numbers delta-encoded; ``prefix`` is the word's first two letters (folded), ``_`` for
  one-letter words;
- ``p/<k>.json``: ``[[url, title, summary], ...]`` for pages ``k*c`` to ``k*c + c - 1``.

Words are lower-cased and folded as people type them on a phone whose keyboard has no Bambara
letters: accents and tone marks dropped (é -> e, à -> a), ɛ -> e, ɔ -> o, ɲ -> ny, ŋ -> ng. The
query is folded the same way (``docs/assets/hub.js``), so ``kolosi`` and ``kɔlɔsi`` both find
``kɔlɔsi``, ``sebenw`` finds ``sɛbɛnw``, ``debat`` finds ``débat``; the results still show and
mark the words as written. Pages are those
marked ``data-hub-search-body`` by overrides/main.html (content pages and the glossary, not
catalogues); heading anchors, edit links and download blocks are left out.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.base import forkpool
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES

FOLDER = "search"
MARKER = "data-hub-search-body"
CHUNK = 16  # pages per titles file: a result list of 10 fetches a few small files
PREFIX = 2
#: Words too common to help, in the languages that have a list (never searched, never stored).
STOP_WORDS = frozenset(
    """
au aux avec ce ces dans de des du elle en et il ils je la le les leur leurs lui ma mais me mes
ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes ton tu un une vos
votre vous est sont ont été être avoir fait
a an and are as at be by for from has have in is it its of on or that the their this to was
were which will with
""".split()
)
TITLE_WEIGHT, SUMMARY_WEIGHT = 8, 3
MAX_WEIGHT = 99
PARALLEL_MINIMUM = 400  # pages: below, one process

WORD = re.compile(r"[^\W_]+", re.UNICODE)
COMBINING = re.compile(r"[\u0300-\u036f]")
TAG = re.compile(r"<[^>]+>")
DROP = re.compile(
    r'<a class="headerlink"[^>]*>.*?</a>|<p class="hub-(?:edit|download)">.*?</p>', re.S
)
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


class SearchIndexError(RuntimeError):
    """The index could not be written; the message says what to do."""


@dataclass
class SearchReport:
    seconds: float
    pages: dict[str, int] = field(default_factory=dict)  # language -> pages indexed
    files: int = 0
    bytes: int = 0

    def summary(self) -> str:
        langs = ", ".join(f"{lang} {count}" for lang, count in sorted(self.pages.items()))
        return (
            f"search index: {sum(self.pages.values())} pages ({langs}), {self.files} files, "
            f"{self.bytes / 1024:.0f} KB, in {self.seconds:.1f} s"
        )


#: The letters of Bambara and Soninké that phone keyboards lack, as readers type them instead
#: (the same table is in docs/assets/hub.js and toolkit/kits/lunr.typed.js).
KEYBOARD = str.maketrans({"ɛ": "e", "ɔ": "o", "ɲ": "ny", "ŋ": "ng"})


def fold(text: str) -> str:
    """Lower case as typed on any phone: no accents or tone marks, ɛ ɔ ɲ ŋ as e o ny ng."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", COMBINING.sub("", decomposed)).translate(KEYBOARD)


def words(text: str) -> list[str]:
    return [w for w in WORD.findall(fold(text)) if w not in STOP_WORDS]


def prefix_of(word: str) -> str:
    return word[:PREFIX] if len(word) >= PREFIX else "_"


def _text(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


@dataclass
class Page:
    url: str  # from the site's root, e.g. "bm/methodologies/cycle-ccap/"
    title: str
    summary: str
    counts: Counter


def read_page(path: Path, site_dir: Path) -> Page | None:
    """The searchable text of one built page, or None when it is not to be searched."""
    source = path.read_text(encoding="utf-8")
    start = source.find(MARKER)
    if start < 0:
        return None
    end = source.rfind("</article>")
    body = DROP.sub(" ", source[source.find(">", start) + 1 : end if end > start else None])
    heading = H1.search(body)
    title = _text(heading[1]) if heading else ""
    described = DESCRIPTION.search(source, 0, start)
    summary = html.unescape(described[1]) if described else ""
    counts = Counter(words(_text(body)))
    for word in words(title):
        counts[word] += TITLE_WEIGHT
    for word in words(summary):
        counts[word] += SUMMARY_WEIGHT
    relative = path.relative_to(site_dir).as_posix()
    url = relative[: -len("index.html")] if relative.endswith("index.html") else relative
    return Page(url, title or url, summary, counts)


def language_of(url: str) -> str:
    first = url.split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def _write_json(path: Path, data) -> int:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _index_language(folder: Path, pages: list[Page]) -> tuple[int, int]:
    """Write one language's shards and title chunks into ``folder``; (files, bytes) written."""
    folder.mkdir(parents=True)
    pages.sort(key=lambda p: p.url)
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, page in enumerate(pages):
        for word, count in page.counts.items():
            postings[word].append((number, min(count, MAX_WEIGHT)))
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word in sorted(postings):
        flat, previous = [], 0
        for number, weight in postings[word]:
            flat += (number - previous, weight)
            previous = number
        shards[prefix_of(word)][word] = flat
    files = written = 0
    for prefix, entries in shards.items():
        written += _write_json(
            folder / f"{prefix}.json", {"n": len(pages), "c": CHUNK, "w": entries}
        )
        files += 1
    (folder / "p").mkdir()
    for k in range(0, len(pages), CHUNK):
        rows = [[p.url, p.title, p.summary] for p in pages[k : k + CHUNK]]
        written += _write_json(folder / "p" / f"{k // CHUNK}.json", rows)
        files += 1
    return files, written


def build_index(site_dir: Path) -> SearchReport:
    """Index every searchable page of ``site_dir`` into ``site_dir/search/<lang>/``.

    Languages are indexed side by side on a large site (toolkit.base.forkpool). Written aside
    (``search.tmp``) and moved into place: never a half-written index."""
    start = time.perf_counter()
    html_by_language: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if relative.parts[0] not in (FOLDER, FOLDER + ".tmp"):
            html_by_language[language_of(relative.as_posix())].append(path)
    staging = site_dir / (FOLDER + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    languages = sorted(html_by_language)

    def work(part: int, parts: int) -> list[tuple[str, int, int, int]]:
        done = []
        for lang in languages[part::parts]:
            pages = [page for path in html_by_language[lang] if (page := read_page(path, site_dir))]
            if pages:
                done.append((lang, len(pages), *_index_language(staging / lang, pages)))
        return done

    total_html = sum(len(paths) for paths in html_by_language.values())
    parts = min(forkpool.parts_for(total_html, PARALLEL_MINIMUM), len(languages)) or 1
    report = SearchReport(0.0)
    for done in forkpool.split(work, parts):
        for lang, count, files, written in done:
            report.pages[lang], report.files, report.bytes = (
                count,
                report.files + files,
                report.bytes + written,
            )
    if not report.pages:
        shutil.rmtree(staging, ignore_errors=True)
        raise SearchIndexError(
            "No page to index: content pages need the data-hub-search-body "
            "mark. Fix: keep overrides/main.html's content block."
        )
    final = site_dir / FOLDER
    shutil.rmtree(final, ignore_errors=True)
    staging.replace(final)
    report.seconds = time.perf_counter() - start
    return report
