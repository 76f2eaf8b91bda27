"""The translation pack of a language that has nothing yet (Soninké first), and its import.

``hub translate pack --lang snk`` writes a Word table per kind of text, for a translator who works
in Word or on paper: the French source, the Bambara text as a second reference (where there is
one), an empty column for the new language, and the file and field the text goes to. It holds
what a reader meets first:

- the interface strings the language's ``.po`` lacks;
- the title and summary of every methodology, curriculum, case study and tool sheet without a
  text in that language (a ``scope: summary`` translation);
- the glossary terms (term and definition) without one;
- the capsules (title, summary and the spoken script) without one.

``hub translate import <pack.docx>`` adds every filled row as a draft awaiting a native speaker's
review, credited to the translator named in the pack: ``native_review: pending`` and
``translators: [...]`` in a new page or capsule (made from its French source as ``hub new
--translate`` makes it), a ``fuzzy`` entry in the ``.po``, a ``native_review: pending`` term in the
glossary. A row whose French changed since the pack was made is refused; nothing already
translated is overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from toolkit.content.frontmatter import parse
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES
from toolkit.content.model import SUMMARY_TYPES
from toolkit.content.result import Result
from toolkit.content.scaffold import translation_text
from toolkit.contributions.review import Row, Text, plain_text
from toolkit.contributions.review_import import Outcome, PackError, fold, reviewer_line, screen_zip
from toolkit.contributions.yamledit import (
    EditError,
    find_key,
    front_matter_bounds,
    scalar_lines,
    set_line,
    set_scalar,
)
from toolkit.render import catalogues
from toolkit.render.labels import label

#: The reference language shown beside French (the hub's other national language).
REFERENCE = "bm"
COLUMNS = (
    "review.pack.source",
    "translate.pack.reference",
    "translate.pack.new",
    "review.pack.where",
)


@dataclass
class Pack:
    texts: list[Text] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)  # where -> Bambara text


def _reference(corpus, doc, name: str) -> str:
    other = corpus.by_key.get(doc.key, {}).get(REFERENCE)
    if other is None or other.meta is None:
        return ""
    if name == "body":
        return "" if other.summary_only else other.body.strip()
    return plain_text(getattr(other.meta, name, "") or "")


def translation_pack(result: Result, lang: str, root: Path) -> Pack:
    """What ``lang`` lacks, by kind, with French and Bambara beside it."""
    pack = Pack()
    corpus = result.corpus
    po = catalogues.po_path(lang, root / "locales")
    rel_po = po.relative_to(root).as_posix()
    french = catalogues.source(root / "locales")
    have = catalogues.translations(lang, root / "locales")
    reference = catalogues.translations(REFERENCE, root / "locales")
    strings = Text(label("review.pack.interface", lang), rel_po)
    for key, text in french.items():
        if key in have:
            continue
        where = f'{rel_po}: msgctxt "{key}"'
        strings.rows.append(Row(text, "", where))
        if key in reference:
            pack.references[where] = reference[key].text
    summaries = Text(label("translate.pack.summaries", lang), "docs/")
    capsules = Text(label("translate.pack.capsules", lang), "docs/")
    for doc in sorted(corpus.documents, key=lambda d: d.rel):
        if doc.lang != DEFAULT_LANGUAGE or doc.meta is None:
            continue
        if lang in corpus.by_key.get(doc.key, {}):
            continue
        target = doc.rel.replace(f".{DEFAULT_LANGUAGE}.md", f".{lang}.md")
        names = ("title", "summary", "body") if doc.kind == "capsule" else ("title", "summary")
        if doc.kind != "capsule" and doc.kind not in SUMMARY_TYPES:
            continue
        into = capsules if doc.kind == "capsule" else summaries
        for name in names:
            source = doc.body.strip() if name == "body" else plain_text(getattr(doc.meta, name))
            where = f"{target}: {name}"
            into.rows.append(Row(source, "", where))
            if found := _reference(corpus, doc, name):
                pack.references[where] = found
    glossary = Text(label("review.pack.glossary", lang), "methodology/glossary.yml")
    for entry in result.vocabularies.glossary.entries:
        if getattr(entry, lang, None) is not None:
            continue
        other = getattr(entry, REFERENCE, None)
        for name in ("term", "definition"):
            source = getattr(entry.fr, name) or ""
            if not source:
                continue
            where = f"methodology/glossary.yml: {entry.id} > {lang} > {name}"
            glossary.rows.append(Row(plain_text(source), "", where))
            if other is not None and getattr(other, name):
                pack.references[where] = plain_text(getattr(other, name))
    pack.texts = [t for t in (strings, summaries, glossary, capsules) if t.rows]
    return pack


def write_pack(pack: Pack, path: Path, lang: str) -> None:
    from docx import Document as Docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    name = LANGUAGE_NAMES.get(lang, lang)
    document = Docx()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(10)
    title = f"{label('translate.pack.title', lang)} · {name}"
    document.core_properties.title = title
    document.add_heading(title, level=0)
    document.add_paragraph(label("translate.pack.intro", lang).replace("{language}", name))
    document.add_paragraph(label("translate.pack.translator", lang))
    document.add_paragraph(
        f"{sum(len(t.rows) for t in pack.texts)} {label('translate.pack.count', lang)}"
    )
    header = _header(lang)
    widths = (Cm(7.5), Cm(7.5), Cm(7.5), Cm(4.2))
    for text in pack.texts:
        document.add_heading(text.title, level=1)
        table = document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, value, width in zip(table.rows[0].cells, header, widths, strict=True):
            cell.text, cell.width = value, width
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in text.rows:
            values = (row.source, pack.references.get(row.where, ""), "", row.where)
            for cell, value, width in zip(table.add_row().cells, values, widths, strict=True):
                cell.text, cell.width = value, width
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def _header(lang: str) -> list[str]:
    name = LANGUAGE_NAMES.get(lang, lang)
    return [label(key, lang).replace("{language}", name) for key in COLUMNS]


# ------------------------------------------------------------------ reading it back


def read_pack(path: Path, lang: str) -> tuple[str, dt.date | None, list[tuple[str, str, str]]]:
    """(translator, date, [(French, translation, where)]) of a filled pack. Raises PackError."""
    screen_zip(path)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise PackError(f"Word cannot be read ({type(error).__name__}: {error})") from None
    translator, date = reviewer_line(document, label("translate.pack.translator", lang))
    header = [fold(h) for h in _header(lang)]
    rows = []
    for table in document.tables:
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        if not cells or [fold(c) for c in cells[0]] != header:
            continue
        for values in cells[1:]:
            if len(values) == len(COLUMNS):
                rows.append((values[0], values[2].strip(), fold(values[3])))
    if not rows:
        raise PackError(
            f"no table with the columns {', '.join(header)}: not a translation pack in '{lang}'"
        )
    return translator, date, rows


def import_pack(
    result: Result,
    lang: str,
    root: Path,
    path: Path,
    by: str | None = None,
    dry_run: bool = False,
) -> Outcome:
    """Add every translated row of the pack at ``path`` as a draft awaiting review."""
    translator, date, rows = read_pack(path, lang)
    translator = by or translator
    if not translator:
        raise PackError(
            "the pack does not say who translated it (the line "
            f"'{label('translate.pack.translator', lang)}'). Fix: ask, then run again with "
            "--by '<name>'"
        )
    outcome = Outcome(translator, date or dt.date.today())
    current = {}
    for text in translation_pack(result, lang, root).texts:
        for row in text.rows:
            current[fold(row.where)] = row.source
    given: dict[str, dict[str, str]] = defaultdict(dict)  # file -> field -> translation
    for source, translation, where in rows:
        if not translation:
            outcome.blank += 1
            continue
        if where not in current:
            outcome.refused.append(
                f"{where or 'a row with no file'}: nothing awaits a translation there now "
                "(translated already, or the file and field column was changed). Fix: make a new "
                f"pack (hub translate pack --lang {lang})"
            )
            continue
        if fold(source) != fold(current[where]):
            outcome.refused.append(
                f"{where}: the French source changed since the pack was made. Fix: make a new "
                f"pack (hub translate pack --lang {lang}) and translate this row again"
            )
            continue
        rel, _, name = where.partition(": ")
        given[rel][name] = translation
    po_texts = {}
    for rel, fields in sorted(given.items()):
        try:
            if rel.endswith(".po"):
                for name, text in fields.items():
                    po_texts[name.split('"')[1]] = fold(text)
                continue
            if rel == "methodology/glossary.yml":
                old = (root / rel).read_text(encoding="utf-8")
                new = _glossary(old, lang, fields)
            else:
                old = ""
                new = _page(result, root, rel, lang, fields, translator)
        except EditError as error:
            outcome.refused.append(f"{rel}: {error}")
            continue
        outcome.changed[rel] = (old, new)
        outcome.applied += [f"{rel}: {name}" for name in fields]
        outcome.reviewed.append(rel)  # here: added as drafts
        if not dry_run:
            (root / rel).write_text(new, encoding="utf-8")
    if po_texts:
        po = catalogues.po_path(lang, root / "locales")
        rel = po.relative_to(root).as_posix()
        old = po.read_text(encoding="utf-8")
        if not dry_run:
            catalogues.set_translations(lang, po_texts, root / "locales", fuzzy=True)
            outcome.changed[rel] = (old, po.read_text(encoding="utf-8"))
        outcome.applied += [f'{rel}: msgctxt "{key}"' for key in po_texts]
    return outcome


def _page(result, root: Path, rel: str, lang: str, fields: dict, translator: str) -> str:
    """A new page (title and summary) or capsule (and its script) in ``lang``, as ``hub new
    --translate`` starts it from the French source, with the translator's text."""
    if (root / rel).exists():
        raise EditError("exists already: nothing is overwritten")
    french = root / rel.replace(f".{lang}.md", f".{DEFAULT_LANGUAGE}.md")
    doc = result.corpus.by_src_uri.get(french.relative_to(root / "docs").as_posix())
    missing = [n for n in ("title", "summary") if n not in fields]
    capsule = doc is not None and doc.kind == "capsule"
    if capsule and "body" not in fields:
        missing.append("body")
    if missing:
        raise EditError(
            f"{', '.join(missing)} not translated: a page needs its title and summary (and a "
            "capsule its script) in one pack. Fix: translate those rows too"
        )
    version = re.search(r"^version:\s*(\d+)\s*$", french.read_text(encoding="utf-8"), re.M)
    if not version:
        raise EditError(f"{french.relative_to(root)} has no version")
    credit = json.dumps([translator], ensure_ascii=False)
    if capsule:
        text = translation_text(french.read_text(encoding="utf-8"), lang)
        lines, closing = front_matter_bounds(text)
        head = lines[: closing + 1]
        head = set_scalar(head, "title", fields["title"], 0, 0, len(head) - 1)
        head = set_scalar(head, "summary", fields["summary"], 0, 0, len(head) - 1)
        head = set_line(head, "translators", credit, 0, 0, len(head) - 1)
        new = "\n".join(head) + "\n\n" + fields["body"].strip().replace("\r\n", "\n") + "\n"
    else:
        head = [
            "---",
            f"# A {LANGUAGE_NAMES.get(lang, lang)} title and summary only (scope: summary): the "
            "page shows them, then the French body.",
            "scope: summary",
            *scalar_lines("title", fields["title"], 0, False),
            *scalar_lines("summary", fields["summary"], 0, True),
            f"language: {lang}",
            f"translators: {credit}",
            f"source_version: {version[1]}",
            "native_review: pending",
            "---",
        ]
        new = "\n".join(head) + "\n"
    front, problems = parse(new, rel)
    if front is None or problems:
        raise EditError("the new file's front matter would not parse; write it by hand")
    return new


def _glossary(old: str, lang: str, fields: dict) -> str:
    """``old`` with a ``lang`` block (term, definition, native_review: pending) in each entry."""
    lines = old.split("\n")
    by_entry = defaultdict(dict)
    for name, text in fields.items():
        entry_id, _, part = (p.strip() for p in name.split(">"))
        by_entry[entry_id][part] = text
    for entry_id, parts in by_entry.items():
        pattern = re.compile(rf"^- id:\s*['\"]?{re.escape(entry_id)}['\"]?\s*(#.*)?$")
        first = next((i for i, line in enumerate(lines) if pattern.match(line)), None)
        if first is None:
            raise EditError(f"no entry '{entry_id}'")
        end = first + 1
        while end < len(lines) and not lines[end].startswith("- "):
            end += 1
        if find_key(lines, lang, 2, first, end) is not None:
            raise EditError(f"'{entry_id}' has a {lang} text already: nothing is overwritten")
        after = None
        for previous in ("bm", "en", "fr"):
            found = find_key(lines, previous, 2, first, end)
            if found:
                after = found[1]
                break
        block = [f"  {lang}:"]
        for part in ("term", "definition"):
            if part in parts:
                block += scalar_lines(part, parts[part], 4, False)
        block.append("    native_review: pending")
        lines[after:after] = block
    new = "\n".join(lines)
    try:
        yaml.safe_load(new)
    except yaml.YAMLError as error:
        raise EditError(f"the edit would break the glossary ({error})") from None
    return new
