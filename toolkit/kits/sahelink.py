"""The SaheLink kit: one zip per language for the SaheLink digital library and its connected
spaces, which work offline from a USB stick or an SD card.

``sahelink-<lang>/`` holds:

- ``documents/<type>/<slug>.<lang>.{pdf,docx,epub}`` for every document in that language,
  capsules included (``documents/capsule/``), and
  ``documents/curriculum/<slug>.facilitator-pack.<lang>.pdf`` for each curriculum; a document
  with no translation is there in French as ``<slug>.fr.epub`` only (:data:`FALLBACK_FORMATS`,
  marked on the cover and in the catalogue); links between documents point to each other's
  files in the kit (:func:`kit_files_of`);
- ``catalogue.csv`` and ``catalogue.json``: Dublin Core fields, one row per file (absolute
  ``identifier`` of the file, ``relation``: the work, ``fallback``: the French mark);
- ``catalogue.oai_dc.xml``, ``opds.xml``, ``covers/``: see :mod:`toolkit.kits.catalogues`;
- ``summaries/<slug>.md``: short, blog-ready summaries (title, summary, 3 key points, link);
- ``site/``: the offline site of that language, when one is given (:mod:`toolkit.kits.offline`);
- ``README.md``, ``manifest.json`` and ``SHA256SUMS`` (see :mod:`toolkit.kits.manifest`).

It is zipped reproducibly as ``sahelink-<lang>.zip``. Exports go through the cache of
:mod:`toolkit.kits.exports`, so a rebuild converts only the documents that changed.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.content.corpus import Document, describe
from toolkit.content.languages import DEFAULT_LANGUAGE, ISO639_3
from toolkit.content.languages import colon as colon_of
from toolkit.content.licence import LICENCE, LICENCE_URL
from toolkit.content.result import Result
from toolkit.content.sections import CONTENT_TYPES
from toolkit.kits.addresses import file_identifier, page_url, work_identifier
from toolkit.kits.cache import KitCache
from toolkit.kits.catalogues import write_library_catalogues
from toolkit.kits.contents import Part, sahelink_contents, sentences
from toolkit.kits.errors import KitError
from toolkit.kits.exports import FORMATS, MIME_TYPES, document_source, export_source, is_fallback
from toolkit.kits.facilitator_pack import pack_source
from toolkit.kits.kit import Output, Run
from toolkit.kits.manifest import build_epoch, write_manifest, write_zip
from toolkit.kits.offline import copy_language_site
from toolkit.kits.pandoc_markdown import ExportContext
from toolkit.render.kit_layout import document_path, item_slug, kit_file, pack_path, sahelink_name
from toolkit.render.labels import label

log = logging.getLogger(__name__)

KIT_TYPES: tuple[str, ...] = (*CONTENT_TYPES, "capsule")
#: Dublin Core elements of the catalogue, after the file's path in the kit.
DUBLIN_CORE = (
    "title",
    "creator",
    "subject",
    "description",
    "date",
    "language",
    "type",
    "format",
    "identifier",
    "rights",
    "coverage",
)
#: After them: the work the file is a format of (``relation``), and the French fallback mark.
CATALOGUE_COLUMNS = ("file", *DUBLIN_CORE, "relation", "fallback")
#: The formats of a French fallback in another language's kit. A reader of that kit gets the
#: page on the offline site and the EPUB (the smallest, read on any phone with an e-reader
#: app); its PDF, DOCX and facilitator pack are in the French kit, which the README and the
#: downloads page say. Shipping all three made a Bambara kit 6 MB of French (issue 16).
FALLBACK_FORMATS: tuple[str, ...] = ("epub",)
#: A capsule is a script read aloud: its page is on the kit's offline site (and a session's is in
#: its curriculum's facilitator pack), its PDF prints it for the reader. A DOCX and an EPUB of
#: each were 0.55 MB of the Bambara kit's 2.5 MB, which no page linked.
CAPSULE_FORMATS: tuple[str, ...] = ("pdf",)


@dataclass
class KitReport:
    """What a kit build did."""

    lang: str
    folder: Path
    zip_path: Path
    files: int = 0
    converted: int = 0
    cached: int = 0
    seconds: float = 0.0
    documents: list[str] = field(default_factory=list)
    contents: list[Part] = field(default_factory=list)  # what it holds, counted from its folder


def kit_documents(result: Result, lang: str, fallbacks: bool = True) -> list[Document]:
    """The documents of the kit of ``lang`` (valid content items and capsules), in kit order:
    each item in ``lang``, or in French when it has no translation (``fallbacks``) or only a
    translated title and summary (the French document is then the export)."""
    docs = []
    for langs in result.corpus.by_key.values():
        doc = langs.get(lang)
        if doc is None or doc.meta is None or doc.summary_only:
            doc = langs.get(DEFAULT_LANGUAGE) if fallbacks else None
        if doc is not None and doc.meta is not None and doc.kind in KIT_TYPES:
            docs.append(doc)
    return sorted(docs, key=lambda d: (KIT_TYPES.index(d.kind), item_slug(d), d.src_uri))


def kit_formats(doc: Document, lang: str, formats: tuple[str, ...] = FORMATS) -> tuple[str, ...]:
    """The formats of ``doc`` in the kit of ``lang``: all, the EPUB of a French fallback, the
    PDF of a capsule (:data:`CAPSULE_FORMATS`)."""
    if is_fallback(doc, lang):
        formats = tuple(fmt for fmt in formats if fmt in FALLBACK_FORMATS)
    if doc.kind == "capsule":
        formats = tuple(fmt for fmt in formats if fmt in CAPSULE_FORMATS)
    return formats


def kit_files_of(docs: list[Document], lang: str) -> Callable[[str], str | None]:
    """For :func:`toolkit.kits.pandoc_markdown.pandoc_markdown`: the linked page (its path under docs/,
    with or without language suffix) to its export in this kit, or None when the kit lacks it
    or carries it without the PDF and DOCX a link from a PDF or DOCX would open."""
    by_key = {doc.key: doc for doc in docs if {"pdf", "docx"} <= set(kit_formats(doc, lang))}

    def lookup(src_uri: str) -> str | None:
        _lang, key, _kind, _slug = describe(src_uri)
        doc = by_key.get(key)
        return kit_file(doc) if doc is not None else None

    return lookup


# ---------------------------------------------------------------------- catalogue rows


def catalogue_row(
    doc: Document, context: ExportContext, file: str, fmt: str, title_suffix: str = ""
) -> dict[str, str]:
    """The catalogue's row of ``file``, the export of ``doc`` as ``fmt`` in the kit of
    ``context.lang``."""
    lang, site_url = context.lang, context.site_url
    meta, vocab = doc.meta, context.vocab
    text_lang = doc.lang or lang
    described = meta
    if doc.kind == "capsule" and not meta.themes:  # a capsule is about its item
        item = context.corpus.whole(item_slug(doc), lang)
        described = item.meta if item and item.meta else meta
    return {
        "file": file,
        "title": meta.title + title_suffix,
        "creator": "; ".join(meta.authors),
        "subject": "; ".join(vocab.themes.label(t, text_lang) for t in described.themes),
        "description": " ".join(meta.summary.split()),
        "date": meta.last_reviewed.isoformat(),
        "language": ISO639_3.get(text_lang, text_lang),
        "type": label(f"kind.{doc.kind}", text_lang),
        "format": MIME_TYPES[fmt],
        "identifier": file_identifier(lang, file, site_url),
        "rights": f"{LICENCE} ({LICENCE_URL})",
        "coverage": "; ".join(vocab.places.label(p, text_lang) for p in described.places),
        "relation": work_identifier(doc, lang, site_url),
        "fallback": label("kits.fallback.mark", lang) if is_fallback(doc, lang) else "",
    }


def write_catalogue(folder: Path, rows: list[dict[str, str]]) -> None:
    rows = sorted(rows, key=lambda r: r["file"])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CATALOGUE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "catalogue.csv").write_bytes(buffer.getvalue().encode("utf-8"))
    (folder / "catalogue.json").write_bytes(
        (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    )


# -------------------------------------------------------------------------- summaries


HEADING = re.compile(r"^##\s+(?P<text>.+?)\s*(\{[^}]*\})?\s*$")


def key_points(doc: Document, limit: int = 3) -> list[str]:
    """Up to three points: the steps of a methodology, the sessions of a curriculum, the
    results of a case study, otherwise the section headings of the body or the purpose."""
    meta = doc.meta
    if doc.kind == "methodology":
        points = [
            f"{step.title} : {_first_sentence(step.description)}"
            if doc.lang == "fr"
            else f"{step.title}: {_first_sentence(step.description)}"
            for step in meta.steps
        ]
    elif doc.kind == "curriculum":
        points = [session.title for session in meta.sessions]
    elif doc.kind == "case-study":
        points = list(meta.results)
    else:
        points = [m["text"] for line in doc.body.splitlines() if (m := HEADING.match(line))]
        if not points and getattr(meta, "purpose", None):
            points = [meta.purpose]
    return [" ".join(str(p).split()) for p in points[:limit]]


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def summary_markdown(doc: Document, lang: str, site_url: str) -> str:
    meta, text_lang = doc.meta, doc.lang or lang
    colon = colon_of(text_lang)
    lines = [
        f"# {meta.title}",
        "",
        f"*{label('kind.' + doc.kind, text_lang)}* — " + " ".join(meta.summary.split()),
        "",
    ]
    if is_fallback(doc, lang):
        lines[1:1] = ["", f"*{label('kits.fallback.note', lang)}*"]
    points = key_points(doc)
    if points:
        lines += [f"**{label('kits.key_points', text_lang)}{colon}**", ""]
        lines += [f"- {p}" for p in points] + [""]
    if site_url:
        lines += [
            f"{label('kits.read_more', text_lang)}{colon} <{page_url(doc, lang, site_url)}>",
            "",
        ]
    lines += [
        f"{label('last_reviewed', text_lang)}{colon} {meta.last_reviewed.isoformat()} · "
        f"[{LICENCE}]({LICENCE_URL})",
        "",
    ]
    return "\n".join(lines)


def readme_markdown(lang: str, contents: list[Part]) -> str:
    """The kit's README in ``lang``: what it holds, said from its ``contents``
    (:func:`toolkit.kits.contents.sahelink_contents`), where each thing is, how to check it."""
    has_site = any(part.what == "offline_pages" for part in contents)
    has_fallbacks = any(part.fallback for part in contents)
    items = [
        ("documents/", "readme.documents"),
        ("catalogue.csv, catalogue.json", "readme.catalogue"),
        ("catalogue.oai_dc.xml, opds.xml, covers/", "readme.library"),
        ("summaries/", "readme.summaries"),
    ]
    if has_site:
        items.append(("site/", "readme.site"))
    lines = [f"# {label('kits.readme.title', lang)}", "", label("kits.readme.intro", lang), ""]
    lines += [" ".join(sentences(contents, lang)), ""]
    lines += [f"- `{path}`: {label('kits.' + key, lang)}" for path, key in items]
    if has_fallbacks:
        lines += ["", label("kits.readme.fallbacks", lang)]
    lines += [
        "",
        label("kits.readme.check", lang),
        "",
        "    sha256sum -c SHA256SUMS",
        "",
        f"{label('kits.readme.licence', lang)} {LICENCE}: {LICENCE_URL}",
        "",
    ]
    return "\n".join(lines)


# ------------------------------------------------------------------------------ build


@dataclass
class _Job:
    doc: Document
    fmt: str
    dest: Path
    rel: str  # path inside the kit
    pack: bool = False


def _clean(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


@dataclass
class SahelinkOptions:
    """How to build a SaheLink kit: the site's address (``""``: none), the offline site to carry
    (None: none), the cache, the manifest's ``version``, ``commit`` and ``commit_time``
    (seconds, used when SOURCE_DATE_EPOCH is not set), the formats, the conversions run at once,
    where progress goes (default: logging) and the key that signs the manifest."""

    site_url: str = ""
    offline: Path | None = None
    cache: KitCache = field(default_factory=lambda: KitCache(None))
    version: str = ""
    commit: str = ""
    commit_time: int | None = None
    formats: tuple[str, ...] = FORMATS
    workers: int | None = None
    progress: Callable[[str], None] | None = None
    signer: object | None = None


def build_sahelink_kit(
    result: Result, lang: str, out_dir: Path, options: SahelinkOptions | None = None
) -> KitReport:
    """Build ``out_dir/sahelink-<lang>/`` and ``out_dir/sahelink-<lang>.zip`` (see the module
    docstring). Exports go through ``options.cache``: unchanged documents are not converted
    again. Raises :class:`~toolkit.kits.errors.KitError` naming the document, language and step.
    """
    return _SahelinkBuild(result, lang, Path(out_dir), options or SahelinkOptions()).run()


class _SahelinkBuild:
    """One SaheLink kit being built (:func:`build_sahelink_kit`)."""

    def __init__(self, result: Result, lang: str, out_dir: Path, options: SahelinkOptions):
        self.result, self.lang, self.options = result, lang, options
        self.name = sahelink_name(lang)
        self.folder = out_dir / self.name
        self.report = KitReport(lang, self.folder, out_dir / f"{self.name}.zip")
        self.say = options.progress or log.info
        self.docs = kit_documents(result, lang)
        self.context = ExportContext(
            result.corpus,
            result.vocabularies,
            lang,
            options.site_url,
            kit_files_of(self.docs, lang),
        )
        self.jobs = [(doc, self._jobs(doc)) for doc in self.docs]

    def _jobs(self, doc: Document) -> list[_Job]:
        jobs = []
        for fmt in kit_formats(doc, self.lang, self.options.formats):
            rel = document_path(doc, fmt)
            jobs.append(_Job(doc, fmt, self.folder / rel, rel))
        if doc.kind == "curriculum" and not is_fallback(doc, self.lang):
            rel = pack_path(doc)
            jobs.append(_Job(doc, "pdf", self.folder / rel, rel, pack=True))
        return jobs

    def run(self) -> KitReport:
        started = time.perf_counter()
        _clean(self.folder)
        rows = self._export()
        self._describe(rows)
        self._offline_site()
        self._readme()
        manifest = write_manifest(self.folder, self._manifest_meta(), signer=self.options.signer)
        report = self.report
        report.files = len(manifest["files"]) + 2
        epoch = build_epoch(self.options.commit_time)
        write_zip(self.folder, report.zip_path, prefix=self.name, epoch=epoch)
        report.seconds = time.perf_counter() - started
        self.say(
            f"[{self.name}] {report.zip_path.name}: {report.files} files, {report.converted} "
            f"converted, {report.cached} from the cache, {report.seconds:.1f} s"
        )
        return report

    def _export(self) -> list[dict[str, str]]:
        """Every export, converted in a pool (sources are made in this thread: rendering is
        cheap and shares the corpus; the conversions wait on pandoc and Typst); the
        catalogue's rows."""
        sources = {}
        for _doc, jobs in self.jobs:
            for job in jobs:
                key = (job.doc.src_uri, job.pack)
                if key not in sources:
                    make = pack_source if job.pack else document_source
                    sources[key] = make(job.doc, self.context)

        def run(job: _Job) -> bool:
            source = sources[(job.doc.src_uri, job.pack)]
            return export_source(source, job.fmt, job.dest, self.options.cache)

        workers = self.options.workers or min(8, os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [
                (doc, [(job, pool.submit(run, job)) for job in jobs]) for doc, jobs in self.jobs
            ]
            rows: list[dict[str, str]] = []
            for number, (doc, pending) in enumerate(futures, 1):
                done = self._collect(doc, pending, futures, rows)
                self.report.documents.append(doc.rel)
                self.say(f"[{self.name}] {number}/{len(futures)} {doc.rel}: {done}")
        return rows

    def _collect(self, doc: Document, pending: list, futures: list, rows: list) -> str:
        """Wait for one document's exports (the first failure cancels the rest), add their
        catalogue rows to ``rows``; what was done, for the progress line."""
        done = []
        for job, future in pending:
            try:
                converted = future.result()
            except KitError:
                for _job, other in (p for _d, ps in futures for p in ps):
                    other.cancel()
                raise
            self.report.converted += converted
            self.report.cached += not converted
            done.append(job.rel.rsplit("/", 1)[1] + ("" if converted else " (cache)"))
            suffix = f" — {label('kits.pack', doc.lang or self.lang)}" if job.pack else ""
            rows.append(catalogue_row(doc, self.context, job.rel, job.fmt, title_suffix=suffix))
        return ", ".join(done)

    def _describe(self, rows: list[dict[str, str]]) -> None:
        """The summaries and the catalogues."""
        lang, site_url, docs = self.lang, self.options.site_url, self.docs
        summaries = self.folder / "summaries"
        summaries.mkdir()
        for doc in docs:
            if doc.kind in CONTENT_TYPES:
                (summaries / f"{item_slug(doc)}.md").write_bytes(
                    summary_markdown(doc, lang, site_url).encode("utf-8")
                )
        write_catalogue(self.folder, rows)
        date = max((doc.meta.last_reviewed for doc in docs), default=None)
        write_library_catalogues(self.folder, lang, docs, rows, site_url, date)

    def _readme(self) -> None:
        """The README, once everything it describes is in the folder."""
        self.report.contents = sahelink_contents(self.folder)
        (self.folder / "README.md").write_bytes(
            readme_markdown(self.lang, self.report.contents).encode("utf-8")
        )

    def _offline_site(self) -> None:
        """The language's share of the offline site, when one is given."""
        if self.options.offline is None:
            return
        site_dir = Path(self.options.offline)
        if not (site_dir / "index.html").is_file():
            raise KitError.of(
                "sahelink",
                site_dir,
                "the offline site has no index.html",
                "Build it first (OFFLINE=true mkdocs build)",
            )
        in_folder = {job.rel for _doc, jobs in self.jobs for job in jobs}
        site_url = self.options.site_url
        folder = self.folder / "site"
        pages = copy_language_site(site_dir, folder, self.lang, self.docs, site_url, in_folder)
        self.say(f"[{self.name}] offline site ({self.lang}, {pages} pages) copied from {site_dir}")

    def _manifest_meta(self) -> dict:
        return {
            "name": self.name,
            "title": f"{label('kits.readme.title', self.lang)} ({self.lang})",
            "version": self.options.version,
            "commit": self.options.commit,
            "commit_time": self.options.commit_time,
            "languages": [self.lang],
            "licence": LICENCE,
        }


#: The size budget of each language's SaheLink kit (zip), in bytes, about a tenth above what the
#: content of 2026-11-30 measured: fr 5.47 MB, en 4.35, bm 2.50, snk 1.40. A kit carries its
#: language's share of the offline site (about 0.8 MB, no source maps nor unused lunr
#: languages), its language's documents in PDF, DOCX and EPUB, and its French fallbacks as EPUB
#: only (:data:`FALLBACK_FORMATS`). Soninké, with no document of its own yet, holds the issue's
#: 1.5 MB. Bambara has 33 documents of its own (capsules and session scripts, 1.1 MB in three
#: formats), so the 1.5 MB set when it had 9 no longer holds for it.
#: Bambara: 2.0 MB (issue 27) since its capsules ship as PDF only (:data:`CAPSULE_FORMATS`)
#: and its pages without their indentation (:func:`toolkit.kits.offline.without_indentation`):
#: 1.97 MB on 2026-12-07 with a site_url (its pages' share links and the published addresses
#: of what it leaves out add 30 KB to a kit built without one).
BUDGETS = {"fr": 6_000_000, "en": 4_800_000, "bm": 2_000_000, "snk": 1_500_000}


class SahelinkKit:
    """One SaheLink kit per language, each carrying that language's share of the offline site.
    The folder stays whole beside its zip (site/ included): the pages link into it, hub verify
    checks it."""

    name = "sahelink"
    needs = frozenset({"offline-site"})

    def languages(self, run: Run) -> tuple[str, ...]:
        """The languages asked that have documents of their own: a language with no text yet
        (Soninké today) gets no kit of French fallbacks."""
        return tuple(lang for lang in run.languages if kit_documents(run.result, lang, False))

    def budget(self, lang: str) -> int:
        return BUDGETS.get(lang, 7_000_000)

    def build(self, run: Run) -> list[Output]:
        options = SahelinkOptions(
            run.site_url,
            run.offline_site(),
            run.cache,
            run.stamp.version,
            run.stamp.commit,
            run.stamp.commit_time,
            progress=run.progress,
            signer=run.signer,
        )
        outputs = []
        for lang in self.languages(run):
            kit = build_sahelink_kit(run.result, lang, run.staging, options)
            iso = (ISO639_3[kit.lang],)
            outputs.append(
                Output(
                    kit.zip_path,
                    iso,
                    self.budget(lang),
                    kit.converted,
                    kit.cached,
                    tuple(kit.contents),
                )
            )
        return outputs


KIT = SahelinkKit()
