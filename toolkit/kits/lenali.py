"""The Lenali kit: voice capsules ready to record and publish on Lenali, a voice-only network.

``build_lenali_kit(result, out_dir, options)`` takes the result of
:func:`toolkit.checks.validate.validate_tree` and writes, for every methodology and curriculum that
has a capsule (``capsule.<lang>.md`` next to its ``index.fr.md``), one folder per language::

    <out_dir>/<slug>/<lang>/script.txt      the spoken script, plain text, to read aloud
                            script.md       the same with its title, in Markdown
                            metadata.json   title, language, words, reading time, review status…
                            audio.<ext>     the recording, when the capsule names one (audio:)
                            cover.jpg|png   ≤ 720 px, ≤ 100 KB: the capsule's cover, the item's
                                            illustration, or a generated cover with the title
    <out_dir>/recording-guide.md (+ .pdf)   how facilitators record and publish a capsule, made of
                                            the recording guide and Lenali pages (and .<lang>.md)
    <out_dir>/manifest.json, SHA256SUMS     every capsule, every file with its size and SHA-256
                                            (toolkit.kits.manifest's format, ``hub verify``)

Reading time is counted at 130 words a minute; a script over 90 seconds is flagged
``too_long``. Audio must be .mp3, .ogg, .opus or .m4a, at most 2 minutes and 2 MB
(:func:`audio_problems`, which the content validation can call too); durations are read with
mutagen. A bad recording stops the build (``strict=True``, the default) or is left out and
reported. Same content → same bytes (no dates, sorted JSON, deterministic images and PDF).

Needs Pillow and mutagen; the PDF of the guide needs pypandoc (pypandoc-binary) and typst,
and is skipped without them (the Markdown guide is always written).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from toolkit.checks import body_tree, rendered
from toolkit.checks.body_tree import text_blocks
from toolkit.checks.rendered import parse_body, published_body
from toolkit.content.corpus import SPOKEN, Corpus, Document
from toolkit.content.languages import (
    DEFAULT_LANGUAGE,
    ISO639_3,
    REVIEWED_LANGUAGES,
    name_in_sentence,
)
from toolkit.content.licence import LICENCE
from toolkit.content.model import review_status
from toolkit.content.problems import Problem
from toolkit.kits.cache import KITS_CODE, digest, tree_digest
from toolkit.kits.contents import lenali_contents
from toolkit.kits.errors import KitError, kit_problem
from toolkit.kits.images import resize_cover, title_cover
from toolkit.kits.kit import Output, Run
from toolkit.kits.manifest import write_manifest, write_zip
from toolkit.media.audio import duration_label as _duration_label
from toolkit.media.audio import (
    process,
    read_sidecar,
    recording_of,
    recording_problems,
    sidecar_of,
    tags_for,
)

#: Speaking pace used to estimate how long a script lasts (slow, clear reading).
WORDS_PER_MINUTE = 130
#: A capsule is meant to last about 90 seconds.
MAX_READING_SECONDS = 90
COVER_MAX_PX = 720
COVER_MAX_BYTES = 100_000
#: Kinds of content that can carry a capsule in this kit.
CAPSULE_KINDS = ("methodology", "curriculum")
GUIDE_NAME = "recording-guide"
#: The code that reads a capsule's script (the site's Python-Markdown tree): part of the zip's key.
SCRIPT_CODE = (Path(body_tree.__file__), Path(rendered.__file__))


@dataclass
class CapsuleEntry:
    slug: str
    kind: str
    lang: str
    folder: str  # relative to the kit, e.g. cycle-ccap/bm
    metadata: dict
    files: list[str] = field(default_factory=list)
    data: dict[str, bytes] = field(default_factory=dict, repr=False)  # name -> bytes, to write


@dataclass
class LenaliReport:
    out_dir: Path
    capsules: list[CapsuleEntry]
    problems: list[Problem]  # recordings left out (strict=False) and covers replaced
    guide_pdf: bool
    manifest: Path | None = None


# ------------------------------------------------------------------ the script


def plain_text(markdown: str) -> str:
    """The text a voice reads, from the tree the site's Python-Markdown builds for the page
    (:func:`toolkit.checks.body_tree.text_blocks`): no Markdown marks, links reduced to their
    text, images, code and HTML tags dropped, one paragraph per block, separated by a blank
    line."""
    blocks = text_blocks(parse_body(published_body(markdown))[1])
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def count_words(text: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))


def reading_seconds(words: int) -> int:
    return round(words * 60 / WORDS_PER_MINUTE)


def script_facts(text: str) -> dict:
    """Words, estimated reading time and the ``too_long`` flag of a plain-text script."""
    words = count_words(text)
    seconds = reading_seconds(words)
    return {
        "words": words,
        "reading_seconds": seconds,
        "words_per_minute": WORDS_PER_MINUTE,
        "too_long": seconds > MAX_READING_SECONDS,
    }


# ------------------------------------------------------------------ the kit


def capsule_documents(corpus: Corpus, langs: tuple[str, ...]) -> list[tuple[Document, Document]]:
    """(item in French, capsule) for every methodology and curriculum with a capsule in
    ``langs``, and every curriculum session's capsule (``capsule-<n>.<lang>.md``), in slug, session
    then language order. Invalid capsules (no model) are left out."""
    pairs = []
    for kind in CAPSULE_KINDS:
        for item in corpus.items_of_kind(kind):
            source = item.get(DEFAULT_LANGUAGE) or next(iter(item.values()))
            spoken = [corpus.by_key.get(source.key.rsplit("/", 1)[0] + "/capsule", {})]
            spoken += corpus.session_capsules(
                source.key
            ).values()  # a curriculum's sessions, in order
            for capsules in spoken:
                for lang in langs:
                    capsule = capsules.get(lang)
                    if capsule is not None and capsule.meta is not None:
                        pairs.append((source, capsule))
    return sorted(
        pairs, key=lambda pair: (pair[0].slug, _session(pair[1]), langs.index(pair[1].lang))
    )


def _session(capsule: Document) -> int:
    """The session number of a curriculum session's capsule (``capsule-<n>``), 0 for the item's."""
    match = SPOKEN.match(PurePosixPath(capsule.key).name)
    return int(match["session"]) if match and match["session"] else 0


def capsule_url(capsule: Document, site_url: str) -> str:
    folder = PurePosixPath(capsule.src_uri).parent.as_posix()
    prefix = "" if capsule.lang == DEFAULT_LANGUAGE else f"{capsule.lang}/"
    page = PurePosixPath(capsule.key).name  # capsule or capsule-<n>
    return (
        f"{site_url.rstrip('/')}/{prefix}{folder}/{page}/"
        if site_url
        else f"{prefix}{folder}/{page}/"
    )


def _cover(
    root: Path, corpus: Corpus, source: Document, capsule: Document
) -> tuple[bytes, str, str | None]:
    """(bytes, origin, problem): the capsule's cover, else the item's illustration, else a
    generated cover."""
    candidates = []
    if capsule.meta.cover:
        candidates.append(("cover", (root / capsule.rel).parent / capsule.meta.cover))
    item = corpus.by_key.get(source.key, {})
    for doc in (item.get(capsule.lang), source):
        if doc is not None and getattr(
            doc.meta, "illustration", None
        ):  # not a summary-only translation
            candidates.append(("illustration", (root / doc.rel).parent / doc.meta.illustration))
            break
    problem = None
    for origin, path in candidates:
        try:
            return resize_cover(path, COVER_MAX_PX, COVER_MAX_BYTES), origin, None
        except KitError as error:
            first = error.problems[0]
            problem = kit_problem(
                "lenali",
                capsule.rel,
                f"{first.message} A generated cover is used instead",
                first.fix,
            )
    facts = script_facts(plain_text(capsule.body))
    subtitle = f"{name_in_sentence(capsule.lang)} · {_duration_label(facts['reading_seconds'])}"
    return (
        title_cover(capsule.meta.title, subtitle, COVER_MAX_PX, COVER_MAX_BYTES),
        "generated",
        problem,
    )


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


@dataclass(frozen=True)
class LenaliOptions:
    """How to build a Lenali kit: its languages, the site's address (``""``: none), whether a
    recording that breaks the rules stops the build (``strict``; else it is left out and
    listed in the report and manifest), whether the guide is also a PDF (``pdf``, when pypandoc
    and typst are installed), the kit-wide fields of the manifest (version, commit,
    commit_time…) and the key that signs it."""

    langs: tuple[str, ...] = ("bm", "snk", "fr")
    site_url: str = ""
    strict: bool = True
    pdf: bool = True
    manifest_meta: dict | None = None
    signer: object | None = None


def build_lenali_kit(
    result, out_dir: Path, options: LenaliOptions = LenaliOptions()
) -> LenaliReport:
    """Write the Lenali kit for ``result`` (a :class:`toolkit.checks.validate.Result`) in
    ``out_dir`` (see the module docstring and :class:`LenaliOptions`). A recording that breaks
    the rules (:func:`audio_problems`) raises :class:`~toolkit.kits.errors.KitError`
    (``kit-lenali``) when ``options.strict``."""
    corpus: Corpus = result.corpus
    out_dir, langs = Path(out_dir), tuple(options.langs)
    pairs = capsule_documents(corpus, langs)
    audio_errors = _audio_problems(Path(corpus.root), pairs)
    if audio_errors and options.strict:
        raise KitError(audio_errors)
    problems = list(audio_errors)
    bad_audio = {problem.path for problem in audio_errors}
    if out_dir.exists():  # a kit holds only what this build writes
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    entries: list[CapsuleEntry] = []
    for source, capsule in pairs:
        entry, cover_problem = _capsule(corpus, source, capsule, options.site_url, bad_audio)
        problems += [cover_problem] if cover_problem else []
        for name, data in sorted(entry.data.items()):
            _write(out_dir / entry.folder / name, data)
        entries.append(entry)
    guide_pdf = _write_guides(out_dir, entries, corpus, options)
    report = LenaliReport(out_dir, entries, problems, guide_pdf)
    report.manifest = write_kit_manifest(out_dir, entries, problems, options)
    return report


def _audio_problems(root: Path, pairs: list[tuple[Document, Document]]) -> list[Problem]:
    """What is wrong with the capsules' recordings (:func:`audio_problems`)."""
    errors: list[Problem] = []
    for _source, capsule in pairs:
        recording = recording_of(root / capsule.rel, capsule.meta.audio)
        if recording is not None:
            errors += [
                kit_problem("lenali", capsule.rel, what, fix)
                for what, fix in recording_problems(recording, capsule.lang)
            ]
    return errors


def _capsule(
    corpus: Corpus, source: Document, capsule: Document, site_url: str, bad_audio: set[str]
) -> tuple[CapsuleEntry, Problem | None]:
    """One capsule's folder (its files in ``entry.data``), and why its cover was replaced."""
    root = Path(corpus.root)
    folder = f"{capsule.export_stem}/{capsule.lang}"  # <slug>/bm, <slug>-session-2/bm
    meta = capsule.meta
    script = plain_text(capsule.body)
    files = {
        "script.txt": script.encode("utf-8"),
        "script.md": f"# {meta.title}\n\n{capsule.body.strip()}\n".encode(),
    }
    audio = {"audio": None, "audio_seconds": None}
    recording = recording_of(root / capsule.rel, meta.audio)
    if recording is not None and capsule.rel not in bad_audio:
        audio = _audio(recording, capsule, files, root)
    cover, origin, cover_problem = _cover(root, corpus, source, capsule)
    cover_name = "cover.png" if cover.startswith(b"\x89PNG") else "cover.jpg"
    files[cover_name] = cover
    metadata = {
        **_capsule_facts(source, capsule, script, site_url),
        **audio,
        "cover": cover_name,
        "cover_origin": origin,
        "licence": LICENCE,
    }
    files["metadata.json"] = _json(metadata)
    entry = CapsuleEntry(source.slug, source.kind, capsule.lang, folder, metadata, sorted(files))
    entry.data = files
    return entry, cover_problem


def _audio(recording: Path, capsule: Document, files: dict[str, bytes], root: Path) -> dict:
    """Publish ``recording`` (its Opus and MP3 into ``files``); the facts metadata.json gives."""
    sidecar, _ = read_sidecar(sidecar_of(recording))
    published = process(recording, tags_for(capsule.meta.title, capsule.lang, sidecar), root)
    for suffix, blob in published.files.items():
        files["audio" + suffix] = blob
    return {
        "audio": "audio.opus",
        "audio_seconds": round(published.seconds, 1),
        "audio_mp3": "audio.mp3",
        "audio_bytes": {s[1:]: len(b) for s, b in published.files.items()},
        "speaker": sidecar.speaker if sidecar else "anonymous",
        "consent": bool(sidecar and sidecar.consent),
        "recorded": sidecar.date if sidecar else None,
    }


def _capsule_facts(source: Document, capsule: Document, script: str, site_url: str) -> dict:
    """What metadata.json says of a capsule's text: its item, language, length and review."""
    meta = capsule.meta
    return {
        "slug": source.slug,
        "kind": source.kind,
        "session": _session(capsule) or None,
        "title": meta.title,
        "summary": meta.summary,
        "language": capsule.lang,
        "language_iso639_3": ISO639_3.get(capsule.lang, capsule.lang),
        "language_name": name_in_sentence(capsule.lang),
        **script_facts(script),
        "native_review": review_status(meta)
        if capsule.lang in REVIEWED_LANGUAGES
        else "not-needed",
        "last_reviewed": meta.last_reviewed.isoformat(),
        "version": meta.version if capsule.lang == DEFAULT_LANGUAGE else meta.source_version,
        "authors": list(meta.authors),
        "translators": list(meta.translators),
        "source": capsule.rel,
        "page": capsule_url(capsule, site_url),
    }


def _write_guides(
    out_dir: Path, entries: list[CapsuleEntry], corpus: Corpus, options: LenaliOptions
) -> bool:
    """The recording guide in French (and as PDF when asked) and in each kit language that has
    its page; True when the PDF was written."""
    langs, site_url = tuple(options.langs), options.site_url
    guide = recording_guide(entries, langs, site_url, corpus)
    _write(out_dir / f"{GUIDE_NAME}.md", guide.encode("utf-8"))
    for lang in guide_languages(corpus, langs)[1:]:  # recording-guide.bm.md when the page exists
        _write(
            out_dir / f"{GUIDE_NAME}.{lang}.md",
            recording_guide(entries, langs, site_url, corpus, lang).encode("utf-8"),
        )
    if not options.pdf:
        return False
    last = max(
        (dt.date.fromisoformat(e.metadata["last_reviewed"]) for e in entries),
        default=dt.date(2025, 1, 1),
    )
    data = guide_pdf_bytes(guide, last)
    if data is not None:
        _write(out_dir / f"{GUIDE_NAME}.pdf", data)
    return data is not None


# ------------------------------------------------------------------ manifest


def write_kit_manifest(
    out_dir: Path, entries: list[CapsuleEntry], problems: list[Problem], options: LenaliOptions
) -> Path:
    """``manifest.json`` (and ``SHA256SUMS``): every capsule with its facts and files, and every
    file of the kit with its size and SHA-256. ``options.manifest_meta`` adds the kit-wide
    fields the other kits carry (``version``, ``commit``, ``commit_time``...)."""
    langs, site_url = tuple(options.langs), options.site_url
    meta = {
        "name": "lenali",
        "title": "Capsules vocales pour Lenali",
        "description": "Capsules vocales à enregistrer et publier sur Lenali, avec leur guide.",
        "languages": [lang for lang in langs if any(e.lang == lang for e in entries)],
        **({"site_url": site_url} if site_url else {}),  # none without site_url, never ""
        "words_per_minute": WORDS_PER_MINUTE,
        "max_reading_seconds": MAX_READING_SECONDS,
        "capsules": [
            {
                "slug": e.slug,
                "kind": e.kind,
                "language": e.lang,
                "folder": e.folder,
                "title": e.metadata["title"],
                "words": e.metadata["words"],
                "reading_seconds": e.metadata["reading_seconds"],
                "too_long": e.metadata["too_long"],
                "native_review": e.metadata["native_review"],
                "audio": e.metadata["audio"],
                "audio_seconds": e.metadata["audio_seconds"],
                "audio_bytes": e.metadata.get("audio_bytes"),
                "consent": e.metadata.get("consent"),
                "status": "recorded" if e.metadata["audio"] else "to-record",
                "files": [f"{e.folder}/{name}" for name in e.files],
            }
            for e in entries
        ],
        "problems": [str(problem) for problem in problems],
        **(options.manifest_meta or {}),
    }
    write_manifest(out_dir, meta, signer=options.signer)
    return out_dir / "manifest.json"


# ------------------------------------------------------------------ recording guide

#: The content pages the guide is made of (under docs/): how to record, and Lenali's own page.
GUIDE_PAGE = "contribuer/enregistrer/index.{lang}.md"
LENALI_PAGE = "partenaires/lenali/index.{lang}.md"
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")


def _sections(body: str) -> list[tuple[int, str, str]]:
    """(level, heading, text under it up to the next heading) of a page's Markdown body."""
    marks = list(_HEADING.finditer(body))
    return [
        (
            len(m[1]),
            m[2],
            body[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(body)].strip(),
        )
        for i, m in enumerate(marks)
    ]


def _for_kit(markdown: str, src_uri: str, site_url: str) -> str:
    """A page's Markdown for a kit read outside the site: a link to another page becomes its text
    and its address on the site (or just its text without ``site_url``); a web link shows its
    address, so that it survives printing."""

    def link(match: re.Match) -> str:
        text, target = match[1], match[2]
        if re.match(r"[a-z]+:", target):
            return f"{text} (<{target}>)"
        path = (PurePosixPath(src_uri).parent / target.split("#")[0]).as_posix()
        parts = []
        for part in path.split("/"):
            if part == "..":
                parts = parts[:-1]
            elif part not in ("", "."):
                parts.append(part)
        page = "/".join(parts)
        page = re.sub(r"(^|/)index(\.[a-z]{2,3})?\.md$", r"\1", page)
        return f"{text} (<{site_url.rstrip('/')}/{page}>)" if site_url else text

    return _LINK.sub(link, markdown)


def _page(corpus: Corpus, pattern: str, lang: str) -> Document | None:
    doc = corpus.by_src_uri.get(pattern.format(lang=lang)) if corpus is not None else None
    return doc if doc is not None and doc.fm is not None else None


def guide_languages(corpus: Corpus, langs: tuple[str, ...]) -> list[str]:
    """French (always), then every other kit language that has a recording guide page."""
    return [DEFAULT_LANGUAGE] + [
        lang for lang in langs if lang != DEFAULT_LANGUAGE and _page(corpus, GUIDE_PAGE, lang)
    ]


def recording_guide(
    entries: list[CapsuleEntry],
    langs: tuple[str, ...],
    site_url: str,
    corpus: Corpus | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> str:
    """The printable guide in ``lang``, made of the content pages (nothing written here): the
    recording guide page (docs/contribuer/enregistrer/index.<lang>.md), then the sections of the
    Lenali page (docs/partenaires/lenali/, in ``lang`` or else French) that speak of Lenali
    (what it is, what the kit holds, publishing on it), then the table of this kit's capsules,
    those still to record listed with their scripts."""
    guide = _page(corpus, GUIDE_PAGE, lang) or _page(corpus, GUIDE_PAGE, DEFAULT_LANGUAGE)
    lenali = _page(corpus, LENALI_PAGE, lang) or _page(corpus, LENALI_PAGE, DEFAULT_LANGUAGE)
    title = (
        guide.meta.title
        if guide is not None and guide.meta is not None
        else "Enregistrer une capsule vocale"
    )
    lines = [f"# {title} · Lenali", ""]
    if (
        guide is not None
        and guide.meta is not None
        and lang in REVIEWED_LANGUAGES
        and review_status(guide.meta) == "pending"
    ):
        lines += ["*Relecture par une personne de langue maternelle en attente.*", ""]
    if guide is not None:
        body = _HEADING.sub(lambda m: "" if len(m[1]) == 1 else m[0], guide.body, count=1).strip()
        lines += [_for_kit(body, guide.src_uri, site_url), ""]
    if lenali is not None:
        sections = _sections(lenali.body)
        for i, (level, heading, text) in enumerate(sections):
            has_subsections = i + 1 < len(sections) and sections[i + 1][0] > level
            if level >= 2 and "Lenali" in heading and not has_subsections:
                heading = re.sub(r"^\d+\.\s*", "", heading)
                lines += [f"## {heading}", "", _for_kit(text, lenali.src_uri, site_url), ""]
    lines += ["## Les capsules de ce kit", ""] + _capsule_table(entries)
    if site_url:
        lines += ["", f"Centre de ressources : <{site_url}>"]
    lines += ["", f"*Licence {LICENCE} · Grdr, Tuwindi et contributeurs.*", ""]
    return "\n".join(lines)


def _capsule_table(entries: list[CapsuleEntry]) -> list[str]:
    """The guide's table of the kit's capsules, then those still to record."""
    if not entries:
        return ["Aucune capsule dans ce kit pour l'instant."]
    lines = [
        "| Dossier | Titre | Durée estimée | À raccourcir | Relecture | Enregistrement |",
        "|---|---|---|---|---|---|",
    ]
    review = {"pending": "en attente", "done": "faite", "not-needed": "—"}
    for entry in entries:
        meta = entry.metadata
        title = meta["title"].replace("|", "\\|")
        lines.append(
            f"| `{entry.folder}` | {title} | {_duration_label(meta['reading_seconds'])} "
            f"| {'oui' if meta['too_long'] else 'non'} | {review.get(meta['native_review'], '—')} "
            f"| {'oui' if meta['audio'] else 'à faire'} |"
        )
    todo = [e for e in entries if not e.metadata["audio"]]
    if todo:
        lines += ["", "## À enregistrer", ""]
        lines += [f"- `{e.folder}/script.txt` : {e.metadata['title']}" for e in todo]
    return lines


def guide_pdf_bytes(markdown: str, day: dt.date) -> bytes | None:
    """The guide as PDF through pandoc → Typst (no LaTeX), or None without pypandoc or typst.
    ``day`` is the PDF's date: same guide and day → same bytes."""
    try:
        import pypandoc
        import typst
    except ImportError:
        return None
    body = pypandoc.convert_text(markdown, "typst", format="gfm", extra_args=["--wrap=none"])
    source = (
        '#set document(title: "Enregistrer une capsule vocale pour Lenali", '
        'author: "Centre de ressources participation citoyenne Kayes")\n'
        '#set page(paper: "a4", margin: 2cm)\n'
        '#set text(lang: "fr", size: 11pt)\n'
        "#show figure: set block(breakable: true)\n"  # long tables flow onto the next page
        '#show link: set text(fill: rgb("#bf360c"))\n\n' + body
    )
    epoch = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    with tempfile.TemporaryDirectory() as folder:
        return typst.compile(
            source.encode("utf-8"),
            root=folder,
            ignore_system_fonts=True,
            timestamp=epoch,
            format="pdf",
        )


# ------------------------------------------------------------------ the kit in a build


#: The languages of the Lenali kit, in its order: those people record in, French last.
LANGS = ("bm", "snk", "fr")


class LenaliKit:
    """``downloads/lenali.zip``: the capsules of the languages people record in, French last."""

    name = "lenali"
    needs = frozenset()

    def languages(self, run: Run) -> tuple[str, ...]:
        """Of the languages people record in (French last), those with a capsule: the kit and
        its manifest name no language it holds nothing in."""
        present = {capsule.lang for _item, capsule in capsule_documents(run.result.corpus, LANGS)}
        return tuple(lang for lang in LANGS if lang in present)

    def budget(self, lang: str) -> int:
        return 30_000_000

    def build(self, run: Run) -> list[Output]:
        langs = self.languages(run)
        zip_path = run.staging / f"{self.name}.zip"
        iso = tuple(ISO639_3[c] for c in langs)
        key = self._key(run)
        if run.cache.fetch(self.name, key, zip_path, ".zip"):
            run.progress("Lenali voice capsules unchanged (cache)")
            return [self._output(zip_path, iso)]
        run.progress("Lenali voice capsules")
        options = LenaliOptions(
            langs,
            run.site_url,
            manifest_meta=run.stamp.manifest(languages=list(iso)),
            signer=run.signer,
        )
        with tempfile.TemporaryDirectory(prefix="hub-lenali-") as tmp:
            folder = Path(tmp) / self.name
            build_lenali_kit(run.result, folder, options)
            write_zip(folder, zip_path, prefix=f"{self.name}/", epoch=run.stamp.epoch)
        run.cache.store(self.name, key, zip_path, ".zip")
        return [self._output(zip_path, iso)]

    def _output(self, zip_path: Path, iso: tuple[str, ...]) -> Output:
        contents = tuple(lenali_contents(zip_path))  # counted from the zip, cached or not
        return Output(zip_path, iso, self.budget(DEFAULT_LANGUAGE), contents=contents)

    def _key(self, run: Run) -> str:
        """The zip's inputs: the address, date, commit and signer (a zip signed with one key, or
        none, is not reused with another), the capsules and their items, the kits' code and the
        code that reads the scripts."""
        signer = run.signer.public().line() if run.signer else "unsigned"
        parts = [run.site_url, run.stamp.date, run.stamp.commit, signer]
        for doc in sorted(run.result.corpus.documents, key=lambda d: d.rel):
            if doc.kind == "capsule" or doc.kind in CAPSULE_KINDS:
                parts.append(doc.rel + doc.digest)
        return digest(*parts, tree_digest([KITS_CODE, *SCRIPT_CODE]))


KIT = LenaliKit()
