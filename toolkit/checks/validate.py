"""Validate the content: every check, every problem, one shape (see toolkit.content.problems).

``validate_tree(root)`` is what ``hub check`` and the MkDocs hooks both call.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from toolkit.base import forkpool
from toolkit.checks.cache import CheckCache, LocalFacts
from toolkit.checks.catalogues import catalogue_problems
from toolkit.checks.files import committed_cache_problems, file_problems
from toolkit.checks.french_words import check_bambara_text, check_document
from toolkit.checks.limits import glossary_problems as glossary_limit_problems
from toolkit.checks.limits import nesting_problems
from toolkit.checks.markdown import BodyFacts, extract_body, resolve_body
from toolkit.checks.placeholders import check_placeholders
from toolkit.checks.privacy import glossary_problems, sidecar_problems
from toolkit.checks.rendered_privacy import check_personal_data_rendered
from toolkit.content import vocabularies as vocab_module
from toolkit.content.corpus import Corpus, Document, iter_markdown, read_document
from toolkit.content.frontmatter import FrontMatter, parse
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES, REVIEWED_LANGUAGES
from toolkit.content.links import outgoing, target_kind
from toolkit.content.model import CAPSULE_MAX_WORDS, confined_fields, model_for
from toolkit.content.paths import confined
from toolkit.content.problems import Problem, printable
from toolkit.content.result import Result
from toolkit.content.sections import SECTION_OF_TYPE
from toolkit.content.vocabularies import Vocabularies
from toolkit.media.images import image_problems

TEMPLATE_HINT = "methodology/templates/{kind}.fr.md"


def _dotted(loc: tuple) -> str:
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"item {part + 1}")
        else:
            parts.append(f"'{printable(part)}'")
    return " > ".join(parts)


def _schema_problems(doc: Document, error: ValidationError) -> list[Problem]:
    model = model_for(doc.kind, doc.fm.data)
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        line = doc.fm.line_of(loc)
        where = _dotted(loc)
        kind = item["type"]
        if kind == "extra_forbidden":
            parent = loc[:-1]
            allowed = sorted(model.model_fields) if not parent else []
            guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            fix = (
                f"did you mean '{guess[0]}'? Otherwise remove it."
                if guess
                else "remove it or check its spelling."
            )
            if allowed and not guess:
                fix = f"remove it or use one of the fields of a {doc.kind}: {', '.join(f for f in allowed if f != 'kind')}."
            problems.append(
                Problem(
                    doc.rel,
                    line,
                    "unknown-field",
                    f"Unknown field {where}.",
                    fix[0].upper() + fix[1:],
                )
            )
        elif kind == "missing":
            field = loc[-1]
            problems.append(
                Problem(
                    doc.rel,
                    line,
                    "missing-field",
                    f"Required field {where} is missing.",
                    f"Add '{field}:' (see {TEMPLATE_HINT.format(kind=doc.kind)} for an example).",
                )
            )
        elif kind.startswith("date") or kind.startswith("datetime"):
            problems.append(
                Problem(
                    doc.rel,
                    line,
                    "format",
                    f"Field {where} is not a date: {item['input']!r}.",
                    "Write the date as YYYY-MM-DD, for example 2025-03-31.",
                )
            )
        elif kind == "string_pattern_mismatch" or (
            kind == "value_error" and "duration" in item["msg"]
        ):
            problems.append(
                Problem(
                    doc.rel,
                    line,
                    "format",
                    f"Field {where} has the wrong form: {item['input']!r}.",
                    _format_fix(loc, item),
                )
            )
        elif kind == "literal_error":
            expected = item.get("ctx", {}).get("expected", "")
            problems.append(
                Problem(
                    doc.rel,
                    line,
                    "value",
                    f"Field {where} cannot be {item['input']!r}.",
                    f"Use one of {expected}.",
                )
            )
        else:
            message = printable(item["msg"]).rstrip(".")
            problems.append(
                Problem(
                    doc.rel,
                    line,
                    "type",
                    f"Field {where}: {message}, got {item['input']!r}."[:300],
                    "Compare with the template in " + TEMPLATE_HINT.format(kind=doc.kind) + ".",
                )
            )
    return problems


def _format_fix(loc: tuple, item: dict) -> str:
    name = str(loc[-2] if isinstance(loc[-1], int) else loc[-1])
    return {
        "duration": "Write a duration like '90 min', '2 h', '3 days', '2-6 weeks' or '1-3 months'.",
        "period": "Write a year or a range: '2020', '2019/2021' or '2020-03/2020-06'.",
        "url": "Write the full public address, starting with https:// or http://.",
    }.get(
        name,
        "Use lower-case letters, digits and hyphens, like 'cycle-ccap'."
        if name in ("tools", "methodologies", "see", "id")
        else "Compare with the template.",
    )


def _check_front_matter(
    doc: Document, vocabularies: Vocabularies
) -> tuple[list[Problem], Document]:
    """The front matter's problems, and ``doc`` with its front matter and model when valid."""
    fm, problems = parse(doc.text, doc.rel)
    doc = replace(doc, fm=fm)
    if fm is None:
        return problems, doc
    problems += _check_vocabulary(doc, vocabularies)
    try:
        doc = replace(doc, meta=model_for(doc.kind, fm.data).model_validate(fm.data))
    except ValidationError as error:
        return problems + _schema_problems(doc, error), doc
    if doc.meta.language != doc.lang:
        problems.append(
            Problem(
                doc.rel,
                fm.line_of(("language",)),
                "language",
                f"The file is named for '{doc.lang}' but says language: {doc.meta.language}.",
                f"Set 'language: {doc.lang}' or rename the file to index.{doc.meta.language}.md.",
            )
        )
    problems += _check_kind_rules(doc)
    return problems, doc


def _check_vocabulary(doc: Document, vocabularies: Vocabularies) -> list[Problem]:
    """Vocabulary terms, read from the raw front matter so they are checked even when
    other fields are invalid."""
    data, fm, problems = doc.fm.data, doc.fm, []
    fields = [
        (name, position, term)
        for name in ("themes", "audiences", "places", "sdgs")
        if isinstance(data.get(name), list)
        for position, term in enumerate(data[name])
    ]
    if doc.kind == "case-study" and isinstance(data.get("place"), str):
        fields.append(("places", None, data["place"]))
    for name, position, term in fields:
        vocabulary = vocabularies.get(name)
        if not isinstance(term, (str, int)) or term in vocabulary:
            continue
        loc = (name, position) if position is not None else ("place",)
        guess = difflib.get_close_matches(str(term), [str(t) for t in vocabulary.terms], n=1)
        fix = (
            f"Did you mean '{guess[0]}'?"
            if guess
            else f"Use an id from methodology/vocabularies/{name}.yml or add the term there."
        )
        problems.append(
            Problem(
                doc.rel,
                fm.line_of(loc),
                "vocabulary",
                f"'{printable(term)}' is not in the {name} vocabulary.",
                fix,
            )
        )
    return problems


def _check_kind_rules(doc: Document) -> list[Problem]:
    meta, fm, problems = doc.meta, doc.fm, []
    if doc.summary_only:  # title and summary only: the rules apply to the French source
        return problems
    if doc.kind == "curriculum":
        for index, session in enumerate(meta.sessions):
            total = sum(step.minutes for step in session.steps)
            if total != session.duration_min:
                problems.append(
                    Problem(
                        doc.rel,
                        fm.line_of(("sessions", index, "duration_min")),
                        "timing",
                        f"Session {index + 1} lasts {session.duration_min} min but its steps add up to {total} min.",
                        "Make 'duration_min' equal to the sum of the steps' 'minutes'.",
                    )
                )
    if doc.kind == "capsule":
        words = len(doc.body.split())
        if words > CAPSULE_MAX_WORDS:
            problems.append(
                Problem(
                    doc.rel,
                    doc.body_start,
                    "capsule-length",
                    f"The spoken script has {words} words; a capsule should take about 90 seconds to say.",
                    f"Shorten it to at most {CAPSULE_MAX_WORDS} words.",
                )
            )
        if not words:
            problems.append(
                Problem(
                    doc.rel,
                    doc.body_start,
                    "capsule-length",
                    "The spoken script is empty.",
                    "Write the script below the front matter.",
                )
            )
    if doc.kind == "case-study" and not meta.sources and not meta.illustrative:
        problems.append(
            Problem(
                doc.rel,
                fm.line_of(("sources",)) if "sources" in fm.data else 1,
                "sources",
                "A case study needs public sources, or must say it is an illustrative scenario.",
                "List the sources under 'sources:' (title and url), or set 'illustrative: true'.",
            )
        )
    return problems


def _check_audio(doc: Document) -> list[Problem]:
    """A capsule's recording (``audio:`` or ``capsule.<lang>.<ext>`` next to it) and its sidecar:
    readable, consented, in the capsule's language, not too long, silent, clipped, quiet or loud;
    the sidecar's speaker and date hold no personal data (they go into the published files)."""
    from toolkit.media.audio import (  # decoding only when needed
        recording_of,
        recording_problems,
        sidecar_of,
    )

    recording = recording_of(doc.source_path, doc.meta.audio)
    if recording is None:
        return []
    line = doc.fm.line_of(("audio",)) if doc.meta.audio else 1
    return [
        Problem(doc.rel, line, "audio", what.rstrip(".") + ".", fix.rstrip(".") + ".")
        for what, fix in recording_problems(recording, doc.lang)
    ] + sidecar_problems(doc, sidecar_of(recording))


def _check_paths(doc: Document, docs_dir: Path) -> list[Problem]:
    """Every file the front matter names resolves inside ``docs/``, through no symbolic link."""
    problems = []
    for name in confined_fields(type(doc.meta)):
        value = getattr(doc.meta, name, None)
        if not value:
            continue
        _path, why = confined(doc.source_path.parent, value, docs_dir)
        if why is not None:
            problems.append(
                Problem(
                    doc.rel,
                    doc.fm.line_of((name,)),
                    "path",
                    f"'{name}: {value}' {why}: only files of docs/ are published.",
                    "Save the file next to the page (or in a folder of docs/) and give its "
                    "relative path; no symbolic link.",
                )
            )
    return problems


def _check_translation(doc: Document, corpus: Corpus) -> list[Problem]:
    if doc.meta is None:
        return []
    fm, meta, problems = doc.fm, doc.meta, []
    source = corpus.by_key.get(doc.key, {}).get(DEFAULT_LANGUAGE)
    if doc.is_source:
        if meta.version is None:
            problems.append(
                Problem(
                    doc.rel,
                    1,
                    "version",
                    "The French source has no 'version'.",
                    "Add 'version: 1' (increase it when the meaning changes).",
                )
            )
        return problems
    if source is None:
        problems.append(
            Problem(
                doc.rel,
                1,
                "translation-source",
                f"This translation has no French source ({doc.src_uri.replace('.' + doc.lang + '.md', '.fr.md')}).",
                "Write the French page first, or move this file next to it.",
            )
        )
        return problems
    if meta.source_version is None:
        problems.append(
            Problem(
                doc.rel,
                1,
                "source-version",
                "The translation does not say which version of the French source it comes from.",
                f"Add 'source_version: {source.meta.version if source.meta and source.meta.version else 1}'.",
            )
        )
    elif source.meta and source.meta.version and meta.source_version > source.meta.version:
        problems.append(
            Problem(
                doc.rel,
                fm.line_of(("source_version",)),
                "source-version",
                f"source_version {meta.source_version} is newer than the French source (version {source.meta.version}).",
                f"Set 'source_version: {source.meta.version}'.",
            )
        )
    if not meta.translators:
        problems.append(
            Problem(
                doc.rel,
                1,
                "translators",
                "The translation names no translator.",
                "Add 'translators:' with the names of who translated it.",
            )
        )
    if doc.lang in REVIEWED_LANGUAGES and meta.native_review is None:
        problems.append(
            Problem(
                doc.rel,
                1,
                "native-review",
                "Bambara and Soninké pages must say whether a native speaker reviewed them.",
                "Add 'native_review: pending' (then '{status: reviewed, by: <initials>, date: YYYY-MM-DD}' "
                "once a native speaker has reviewed the text).",
            )
        )
    return problems


#: Old or foreign spellings and the official letters of Bambara and Soninké (Mali).
OLD_LETTERS = {"è": "ɛ", "È": "Ɛ", "ò": "ɔ", "Ò": "Ɔ", "ñ": "ɲ", "Ñ": "Ɲ"}
#: French passages inside a Bambara or Soninké page, marked for readers and screen readers.
FRENCH_BLOCK = re.compile(r'^\s*<div\s+lang="fr"')
FRENCH_SPAN = re.compile(r'<span\s+lang="fr">.*?</span>')


def _check_orthography(doc: Document) -> list[Problem]:
    """Bambara and Soninké are written with ɛ ɔ ɲ ŋ, never è ò ñ (decree of 1982)."""
    if doc.lang not in REVIEWED_LANGUAGES or doc.text is None:
        return []
    if not any(letter in doc.text for letter in OLD_LETTERS):  # the usual case: nothing to report
        return []
    problems, in_french = [], False
    for number, line in enumerate(doc.text.split("\n"), 1):
        if FRENCH_BLOCK.match(line):
            in_french = True
        if in_french:
            in_french = "</div>" not in line
            continue
        found = sorted({ch for ch in FRENCH_SPAN.sub("", line) if ch in OLD_LETTERS})
        if found:
            old = ", ".join(found)
            new = ", ".join(OLD_LETTERS[ch] for ch in found)
            problems.append(
                Problem(
                    doc.rel,
                    number,
                    "orthography",
                    f"The letters {old} are not in the official alphabet.",
                    f'Write {new} instead; put a French passage in <span lang="fr">…</span>.',
                )
            )
    return problems


def _check_links(doc: Document, corpus: Corpus) -> list[Problem]:
    problems = []
    for field, slug, loc in outgoing(doc):
        wanted = target_kind(doc.kind, field)
        found = corpus.kind_of(slug)
        line = doc.fm.line_of(loc)
        if found is None:
            known = [s for s, keys in corpus.by_slug.items() if corpus.kind_of(s) == wanted]
            guess = difflib.get_close_matches(slug, known, n=1)
            fix = (
                f"Did you mean '{guess[0]}'?"
                if guess
                else f"Use the folder name of a page under docs/{SECTION_OF_TYPE[wanted]}/."
            )
            problems.append(
                Problem(doc.rel, line, "cross-link", f"'{slug}' in '{field}' names no page.", fix)
            )
        elif found != wanted:
            problems.append(
                Problem(
                    doc.rel,
                    line,
                    "cross-link",
                    f"'{slug}' in '{field}' is a {found}, not a {wanted}.",
                    f"Name a page under docs/{SECTION_OF_TYPE[wanted]}/ here.",
                )
            )
    return problems


def _check_slugs(corpus: Corpus) -> list[Problem]:
    problems = []
    for slug, keys in corpus.by_slug.items():
        if len(keys) > 1:
            for key in keys[1:]:
                for doc in corpus.by_key.get(key, {}).values():
                    problems.append(
                        Problem(
                            doc.rel,
                            1,
                            "duplicate-slug",
                            f"The slug '{slug}' is also used by docs/{keys[0]}.*.md.",
                            "Rename this folder: slugs name items in links and kits and must be unique.",
                        )
                    )
    return problems


def load_corpus(root: Path, docs_dir: Path | None = None) -> Corpus:
    docs_dir = docs_dir or root / "docs"
    return Corpus(
        root=root, documents=[read_document(p, root, docs_dir) for p in iter_markdown(docs_dir)]
    )


def validate_tree(
    root: Path,
    docs_dir: Path | None = None,
    only: list[Path] | None = None,
    use_cache: bool = False,
) -> Result:
    """Validate every Markdown file under ``docs_dir`` against the model in ``root/methodology``.

    ``only`` limits the reported problems to these files (the whole corpus is still read,
    since links and translations depend on the other files). ``use_cache`` keeps what each
    file says on its own in ``.cache/`` (see toolkit.checks.cache).
    """
    root = root.resolve()
    docs_dir = (docs_dir or root / "docs").resolve()
    vocabularies = vocab_module.load(root / "methodology")
    read = load_corpus(root, docs_dir)
    cache = CheckCache(root, root / "methodology", enabled=use_cache)
    problems: list[Problem] = []
    fresh = _check_files(
        root,
        docs_dir,
        [doc for doc in read.documents if cache.get(doc.rel, doc.digest) is None],
        vocabularies,
    )
    documents: list[Document] = []
    findings: dict[str, BodyFacts] = {}
    for doc in read.documents:
        facts = cache.get(doc.rel, doc.digest)
        if facts is None:
            facts = fresh[doc.rel]
            doc = replace(doc, fm=facts.fm, meta=facts.meta)
            slim = doc.fm and FrontMatter(
                data=None, lines=doc.fm.lines, body_start=doc.fm.body_start
            )
            cache.put(doc.rel, doc.digest, replace(facts, fm=slim))
        elif facts.fm is not None:  # the body is the text after the front matter
            body = "\n".join(doc.text.split("\n")[facts.fm.body_start - 1 :])
            fm = replace(facts.fm, body=body)  # its data stays None: not read again
            doc = replace(doc, fm=fm, meta=facts.meta)
        else:
            doc = replace(doc, meta=facts.meta)
        documents.append(doc)
        if facts.body_facts is not None:
            findings[doc.rel] = facts.body_facts
        problems += facts.problems
    corpus = Corpus(root=read.root, documents=documents)
    cache.save({doc.rel for doc in corpus.documents})
    problems += _check_slugs(corpus)
    glossary = root / "methodology" / "glossary.yml"
    problems += glossary_limit_problems(glossary) or glossary_problems(glossary)
    problems += file_problems(root, docs_dir)
    problems += catalogue_problems(root)  # the .po files translators send
    problems += committed_cache_problems(root)
    problems += check_bambara_text(root, vocabularies.glossary)
    wanted = {_under(p, root) for p in only} if only is not None else None
    for doc in corpus.documents:
        if wanted is not None and doc.rel not in wanted:
            continue  # the checks that span files, only for the files asked about
        if doc.meta is not None:
            problems += _check_paths(doc, docs_dir)  # files outside the page: never cached
            problems += _check_translation(doc, corpus)
            problems += _check_links(doc, corpus)
            if doc.kind == "capsule" and not _check_paths(doc, docs_dir):  # never cached
                problems += _check_audio(doc)
        if (facts := findings.get(doc.rel)) is not None:
            problems += resolve_body(doc, facts, corpus, docs_dir, findings)
            problems += image_problems(doc, facts, docs_dir, root)  # image files: never cached
    if wanted is not None:
        problems = [p for p in problems if p.path in wanted]
    return Result(corpus, vocabularies, sorted(set(problems)), findings)


def _under(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (its folder resolved, not the file: a link is reported, not
    followed); a path outside ``root`` matches no problem."""
    path = Path(path).absolute()
    where = path.parent.resolve() / path.name
    return where.relative_to(root).as_posix() if where.is_relative_to(root) else where.as_posix()


#: Below this many files, the checks run in this process only (forking costs more than it saves).
PARALLEL_MINIMUM = 400


def _check_files(
    root: Path, docs_dir: Path, docs: list[Document], vocabularies: Vocabularies
) -> dict[str, LocalFacts]:
    """:func:`_check_file` for each of ``docs``, split over the cores on a large corpus
    (toolkit.base.forkpool): what a forked part learns about its documents comes back with it. Each
    part also prepares the images its documents embed (resized into .cache/images, where the
    budget check below and the build then find them)."""

    def work(part: int, parts: int):
        out = []
        for doc in docs[part::parts]:
            facts = _check_file(root, doc, vocabularies)
            checked = replace(doc, fm=facts.fm, meta=facts.meta)
            image_problems(checked, facts.body_facts, docs_dir, root)  # resized; reported later
            out.append((doc.rel, facts))
        return out

    found: dict[str, LocalFacts] = {}
    for results in forkpool.split(work, forkpool.parts_for(len(docs), PARALLEL_MINIMUM)):
        found.update(results)
    return found


def _check_file(root: Path, doc: Document, vocabularies: Vocabularies) -> LocalFacts:
    """The checks that need only the file itself (their results can be cached)."""
    problems = _file_problems(root, doc)
    if problems is not None:
        return LocalFacts(None, None, None, problems)
    problems, doc = _check_front_matter(doc, vocabularies)
    problems += _check_orthography(doc)
    problems += check_document(doc, vocabularies.glossary)
    problems += check_placeholders(doc)
    body_facts = None
    if doc.fm is not None:
        nesting = nesting_problems(doc.rel, doc.body, doc.body_start)
        if nesting:  # no Markdown parser is given it (toolkit.checks.limits)
            return LocalFacts(doc.fm, doc.meta, None, problems + nesting)
        body_facts = extract_body(doc)
        problems += body_facts.problems
        problems += check_personal_data_rendered(doc)
    return LocalFacts(doc.fm, doc.meta, body_facts, problems)


def _file_problems(root: Path, doc: Document) -> list[Problem] | None:
    """What stops the other checks of a file (too large, not UTF-8, a control character, no
    language in its name), or None."""
    if doc.size > MAX_PAGE_BYTES:
        return [
            Problem(
                doc.rel,
                1,
                "page-size",
                f"The file is {doc.size / 1e6:.1f} MB, over the limit of "
                f"{MAX_PAGE_BYTES // 1_000_000} MB for a page.",
                "Split it into several pages; put large tables or data in a downloadable file elsewhere.",
            )
        ]
    if doc.text is None:
        return [_encoding_problem(root / doc.rel, doc.rel)]
    control = CONTROL.search(doc.text)
    if control:
        line = doc.text.count("\n", 0, control.start()) + 1
        return [
            Problem(
                doc.rel,
                line,
                "encoding",
                f"The file holds an invisible control character ({printable(control[0])}).",
                "Delete it (copying text from a PDF or a word processor often brings them in).",
            )
        ]
    if doc.lang is None:
        return [
            Problem(
                doc.rel,
                1,
                "file-name",
                "The file name does not say its language.",
                f"Rename it to end in .fr.md (or .{'/.'.join(LANGUAGES[1:])}.md).",
            )
        ]
    return None


#: A page is text a reader scrolls through on a phone; the longest real page is about 30 KB.
MAX_PAGE_BYTES = 1_000_000
#: Control characters (C0 but tab and line feed, DEL, C1): invisible, and some break tools.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _encoding_problem(path: Path, rel: str) -> Problem:
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    try:
        data.decode("utf-8")
        line = 1
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
    return Problem(
        rel,
        line,
        "encoding",
        "The file is not UTF-8 text.",
        "Save it as UTF-8 (in most editors: 'Save with encoding' > UTF-8).",
    )
