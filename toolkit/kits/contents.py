"""What a kit holds, counted from the kit itself, and said in the reader's language.

A kit's description on the downloads page, in its README and in a ZIM's long description is
never written by hand: a sentence such as "in Bambara, Soninké and French" or "each translated
document in PDF, DOCX and EPUB" stayed on the page after the kit had changed (issue 27). Each
kit module counts what it wrote (:func:`sahelink_contents` reads the kit's ``catalogue.json``
and its offline site, :func:`lenali_contents` the zip's ``manifest.json``,
:func:`zim_contents` the pages a ZIM is made of) as :class:`Part` rows, which the index
(``kits.json``) carries; :func:`sentences` turns them into sentences from the catalogue strings
``kits.contents.*`` (a count is written with the string of its plural category:
``kits.contents.documents.one`` for "1 document").
"""

from __future__ import annotations

import json
import zipfile
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from babel import Locale, UnknownLocaleError
from babel.lists import format_list

from toolkit.content.languages import DEFAULT_LANGUAGE, ISO639_3
from toolkit.content.languages import colon as colon_of
from toolkit.content.sections import CONTENT_TYPES
from toolkit.render.kit_layout import PACK_SUFFIX
from toolkit.render.labels import LABELS, is_fallback, label

#: What a part counts, in the order a description says them; each is ``kits.contents.<what>``.
WHATS = (
    "documents",
    "packs",
    "capsules",
    "summaries",
    "scripts",
    "recorded",
    "guide",
    "offline_pages",
    "zim_pages",
    "catalogues",
    "short_summaries",
)
HUB_CODES = {iso: code for code, iso in ISO639_3.items()}
#: The string that leads a language's sentence: its language is that of every sentence said.
CONTENTS_KEY = "kits.contents.in"


@dataclass(frozen=True)
class Part:
    """``count`` things of one kind (``what``, one of :data:`WHATS`) in a kit: in ``lang`` (a hub
    code; ``""`` for what is in no one language, such as the catalogues), in French for want
    of a translation (``fallback``), in ``formats`` (upper-case names, empty when that is not
    the point)."""

    what: str
    count: int
    lang: str = ""
    formats: tuple[str, ...] = ()
    fallback: bool = False

    def as_json(self) -> dict:
        return {**asdict(self), "formats": list(self.formats)}

    @classmethod
    def of_json(cls, data: dict) -> Part:
        return cls(**{**data, "formats": tuple(data.get("formats", ()))})


# ------------------------------------------------------------------------------- counting


def sahelink_contents(folder: Path) -> list[Part]:
    """The parts of a SaheLink kit's folder: its documents by language and set of formats (one
    work, several files: grouped by the catalogue's ``relation``), its facilitator packs and
    capsules, the pages of its offline site, its catalogues and short summaries."""
    rows = json.loads((folder / "catalogue.json").read_text(encoding="utf-8"))
    works: dict[str, tuple[str, str, bool]] = {}  # work -> (what, language, fallback)
    formats: dict[str, set[str]] = defaultdict(set)  # work -> its files' formats
    for row in rows:
        path = PurePosixPath(row["file"])
        kind = path.parts[1] if len(path.parts) > 2 else ""
        pack = f".{PACK_SUFFIX}." in path.name
        what = "packs" if pack else "capsules" if kind == "capsule" else "documents"
        work = row["relation"] + ("#pack" if pack else "")
        works[work] = (what, HUB_CODES.get(row["language"], row["language"]), bool(row["fallback"]))
        formats[work].add(path.suffix.lstrip(".").upper())
    counted: dict[tuple, int] = defaultdict(int)
    for work, (what, lang, fallback) in works.items():
        counted[(what, lang, fallback, tuple(sorted(formats[work], key=_format_order)))] += 1
    parts = [Part(w, n, lang, fmts, fb) for (w, lang, fb, fmts), n in counted.items()]
    pages = _site_pages(folder / "site")
    if pages:
        parts.append(Part("offline_pages", pages))
    if (folder / "opds.xml").is_file() and (folder / "catalogue.oai_dc.xml").is_file():
        parts.append(Part("catalogues", 0, formats=("Dublin Core", "OPDS")))
    summaries = len(list((folder / "summaries").glob("*.md")))
    if summaries:
        parts.append(Part("short_summaries", summaries))
    return ordered(parts)


def _format_order(name: str) -> tuple[int, str]:
    known = ("PDF", "DOCX", "EPUB")
    return (known.index(name) if name in known else len(known), name)


def _site_pages(site: Path) -> int:
    """The pages of an offline site: its HTML files but the redirect at its root."""
    if not site.is_dir():
        return 0
    return sum(
        1
        for path in site.rglob("*.html")
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8", errors="replace")[:2000]
    )


def lenali_contents(zip_path: Path) -> list[Part]:
    """The parts of the Lenali kit: per language, its capsules' scripts and how many are
    recorded (from the zip's ``manifest.json``), and the recording guide's formats."""
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        manifest = next(n for n in names if PurePosixPath(n).name == "manifest.json")
        capsules = json.loads(archive.read(manifest))["capsules"]
    scripts: dict[str, int] = defaultdict(int)
    recorded: dict[str, int] = defaultdict(int)
    for capsule in capsules:
        scripts[capsule["language"]] += 1
        recorded[capsule["language"]] += capsule["status"] == "recorded"
    parts = []
    for lang in scripts:
        parts.append(Part("scripts", scripts[lang], lang))
        if recorded[lang]:
            parts.append(Part("recorded", recorded[lang], lang))
    guide = sorted(
        {
            PurePosixPath(n).suffix.lstrip(".").upper()
            for n in names
            if PurePosixPath(n).name.startswith("recording-guide.")
        },
        key=_format_order,
    )
    if guide:
        parts.append(Part("guide", 0, formats=tuple("Markdown" if f == "MD" else f for f in guide)))
    return ordered(parts)


def zim_contents(corpus, lang: str, pages: int) -> list[Part]:
    """The parts of the ZIM of ``lang``, made of that language's pages of the site (``pages``
    HTML files): per content item and capsule, whether its page is in ``lang``, shows a title
    and summary in ``lang`` over the French text, or is the French page."""
    counted: dict[tuple[str, str, bool], int] = defaultdict(int)
    for versions in corpus.by_key.values():
        french = versions.get(DEFAULT_LANGUAGE)
        if french is None or french.meta is None or getattr(french.meta, "generated", None):
            continue
        if french.kind not in (*CONTENT_TYPES, "capsule"):
            continue
        what = "capsules" if french.kind == "capsule" else "documents"
        own = versions.get(lang)
        if own is not None and own.meta is not None and not own.summary_only:
            counted[(what, lang, False)] += 1
        elif own is not None and own.meta is not None:
            counted[("summaries", lang, False)] += 1
        elif french.kind != "capsule":  # a capsule missing in a language has no page there
            counted[(what, DEFAULT_LANGUAGE, True)] += 1
    parts = [Part(what, n, code, (), fb) for (what, code, fb), n in counted.items()]
    parts.append(Part("zim_pages", pages))
    return ordered(parts)


def has_own_text(corpus, lang: str) -> bool:
    """True when ``lang`` has a content item, a title and summary or a capsule written in it: a
    language with none (Soninké today) gets no kit made of other languages' pages."""
    return any(
        doc.lang == lang
        and doc.meta is not None
        and not getattr(doc.meta, "generated", None)
        and doc.kind in (*CONTENT_TYPES, "capsule")
        for doc in corpus.documents
    )


def ordered(parts: list[Part]) -> list[Part]:
    """Parts in the order :func:`sentences` says them: the languages with text of their own
    (in the hub's order), the French fallbacks, then what is in no one language."""
    codes = list(ISO639_3)

    def key(part: Part) -> tuple:
        group = 2 if not part.lang else 1 if part.fallback else 0
        rank = codes.index(part.lang) if part.lang in codes else len(codes)
        return (group, rank, part.lang, WHATS.index(part.what), part.formats)

    return sorted(parts, key=key)


# ------------------------------------------------------------------------------- saying


def _rules_language(key: str, reader: str) -> str:
    """The language whose grammar a string follows: the reader's, or French when the reader
    gets the French text."""
    return DEFAULT_LANGUAGE if is_fallback(key, reader) else reader


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def counted(key: str, count: int, reader: str) -> str:
    """The string ``key`` for ``count`` things in ``reader``'s language: ``key.one`` when the
    count is of CLDR's plural category "one" in the language of the text shown, else ``key``;
    ``{count}`` replaced."""
    category = _locale(_rules_language(key, reader)).plural_form(count)
    if category == "one" and f"{key}.one" in LABELS:
        key = f"{key}.one"
    return label(key, reader).replace("{count}", str(count))


def _said(part: Part, reader: str) -> str:
    text = counted(f"kits.contents.{part.what}", part.count, reader)
    return f"{text} ({', '.join(part.formats)})" if part.formats else text


def sentences(parts: list[Part], reader: str) -> list[str]:
    """Sentences that say ``parts`` to a reader of ``reader``: one per language, led by it
    ("En bambara : 33 capsules vocales (PDF)."), one for the French fallbacks, one for the rest.
    Plain text (escape it for HTML)."""
    groups: dict[tuple[str, bool], list[Part]] = {}
    for part in ordered(parts):
        groups.setdefault((part.lang, part.fallback), []).append(part)
    grammar = _rules_language(CONTENTS_KEY, reader)  # snk readers get French text
    list_locale, colon = _locale(grammar), colon_of(grammar)
    said_all = []
    for (lang, fallback), group in groups.items():
        said = format_list([_said(part, reader) for part in group], locale=list_locale)
        if not lang:
            sentence = f"{said}."
        elif fallback:
            sentence = f"{label('kits.contents.fallbacks', reader)}{colon} {said}."
        else:
            language = label(f"language.{lang}", reader)
            lead = label(CONTENTS_KEY, reader).replace("{language}", language)
            sentence = f"{lead}{colon} {said}."
        said_all.append(sentence[:1].upper() + sentence[1:])
    return said_all
