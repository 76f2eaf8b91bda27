"""The review pack for native speakers: everything awaiting review in one language, as a Word
table per text (and the same as PDF, for paper), made for a reviewer who works in Word or on
paper and sends the file back.

Each table has four columns: the French source, the draft, an empty "OK or correction"
column, and the file and field the draft comes from, so that whoever records the review
knows what to change. ``hub review import`` applies the returned pack; by hand, recording a
review is one change: ``native_review: {status: reviewed, by: <initials>, date: YYYY-MM-DD}`` in
the front matter of the file, or removing ``#, fuzzy`` above the entry in the ``.po`` catalogue.

What is pending:

- interface strings marked ``fuzzy`` in ``locales/<lang>/LC_MESSAGES/hub.po``;
- pages, title-and-summary translations and capsules whose ``native_review`` is not reviewed;
- glossary entries whose term or definition in that language is ``pending``;
- vocabulary labels in that language still marked ``# AWAITING NATIVE SPEAKER REVIEW`` in their
  files (themes, audiences, places).

``hub review import`` (:mod:`toolkit.contributions.review_import`) reads the returned pack back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES
from toolkit.content.model import is_reviewed
from toolkit.content.result import Result
from toolkit.render import catalogues
from toolkit.render.labels import label

#: The comment that marks a vocabulary label as a draft (``bm: "..."  # AWAITING ...``).
VOCABULARY_MARK = "AWAITING NATIVE SPEAKER REVIEW"
COLUMNS = ("review.pack.source", "review.pack.draft", "review.pack.verdict", "review.pack.where")


@dataclass
class Row:
    source: str  # the French text
    draft: str  # the text awaiting review
    where: str  # file and field


@dataclass
class Text:
    title: str
    file: str
    rows: list[Row] = field(default_factory=list)


def plain_text(text: str) -> str:
    """Markdown/HTML of a draft as a reviewer reads it: tags dropped, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", "", text or "").split())


def _paragraphs(body: str) -> list[str]:
    return [p for p in (plain_text(p) for p in re.split(r"\n\s*\n", body.strip())) if p]


def _document_text(doc, source) -> Text:
    text = Text(doc.meta.title, doc.rel)
    for name in ("title", "summary"):
        text.rows.append(
            Row(
                plain_text(getattr(source.meta, name, "") if source else ""),
                plain_text(getattr(doc.meta, name)),
                f"{doc.rel}: {name}",
            )
        )
    if doc.summary_only:
        return text
    drafts, sources = _paragraphs(doc.body), _paragraphs(source.body) if source else []
    if drafts and len(drafts) == len(sources):
        for number, (french, draft) in enumerate(zip(sources, drafts, strict=True), 1):
            text.rows.append(Row(french, draft, f"{doc.rel}: body, paragraph {number}"))
    elif drafts:
        text.rows.append(Row("\n\n".join(sources), "\n\n".join(drafts), f"{doc.rel}: body"))
    return text


def pending_texts(result: Result, lang: str, root: Path) -> list[Text]:
    """Every text awaiting a native speaker's review in ``lang``, one :class:`Text` per file."""
    texts: list[Text] = []
    po = catalogues.po_path(lang, root / "locales")
    if po.is_file():
        found = catalogues.translations(lang, root / "locales")
        french = catalogues.source(root / "locales")
        rel = po.relative_to(root).as_posix()
        rows = [
            Row(french[key], t.text, f'{rel}: msgctxt "{key}"')
            for key, t in found.items()
            if t.fuzzy and key in french
        ]
        if rows:
            texts.append(Text(label("review.pack.interface", lang), rel, rows))
    corpus = result.corpus
    for doc in sorted(corpus.documents, key=lambda d: d.rel):
        if (
            doc.lang != lang
            or doc.meta is None
            or doc.meta.native_review is None
            or is_reviewed(doc.meta)
        ):
            continue
        source = corpus.by_key.get(doc.key, {}).get(DEFAULT_LANGUAGE)
        texts.append(_document_text(doc, source))
    glossary = Text(label("review.pack.glossary", lang), "methodology/glossary.yml")
    for entry in result.vocabularies.glossary.entries:
        national = getattr(entry, lang, None)
        if national is None or national.native_review != "pending":
            continue
        if national.term:
            glossary.rows.append(
                Row(
                    entry.fr.term,
                    national.term,
                    f"methodology/glossary.yml: {entry.id} > {lang} > term",
                )
            )
        if national.definition:
            glossary.rows.append(
                Row(
                    plain_text(entry.fr.definition or ""),
                    plain_text(national.definition),
                    f"methodology/glossary.yml: {entry.id} > {lang} > definition",
                )
            )
    if glossary.rows:
        texts.append(glossary)
    vocabularies = Text(label("review.pack.vocabularies", lang), "methodology/vocabularies/")
    for name in ("themes", "audiences", "places"):
        drafts = _marked_drafts(root / "methodology" / "vocabularies" / f"{name}.yml", lang)
        for term_id, term in result.vocabularies.get(name).terms.items():
            if term.labels.get(lang) and term_id in drafts:
                vocabularies.rows.append(
                    Row(
                        term.labels.get("fr", ""),
                        term.labels[lang],
                        f"methodology/vocabularies/{name}.yml: {term_id} > {lang}",
                    )
                )
    if vocabularies.rows:
        texts.append(vocabularies)
    return texts


def _marked_drafts(path: Path, lang: str) -> set[str]:
    """Ids of the terms whose ``lang`` label carries :data:`VOCABULARY_MARK` in ``path``."""
    found, term = set(), None
    if not path.is_file():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^- id:\s*['\"]?([^'\"#\s]+)", line):
            term = match[1]
        elif term and line.startswith(f"  {lang}:") and VOCABULARY_MARK in line:
            found.add(term)
    return found


def write_docx(texts: list[Text], path: Path, lang: str) -> None:
    from docx import Document as Docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Docx()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = (
        f"{label('review.pack.title', lang)} · {LANGUAGE_NAMES.get(lang, lang)}"
    )
    document.add_heading(
        f"{label('review.pack.title', lang)} · {LANGUAGE_NAMES.get(lang, lang)}", level=0
    )
    for reader in dict.fromkeys((lang, DEFAULT_LANGUAGE)):  # the instructions in both languages
        document.add_paragraph(label("review.pack.intro", reader))
    document.add_paragraph(label("review.pack.reviewer", lang))
    document.add_paragraph(f"{sum(len(t.rows) for t in texts)} {label('review.pack.count', lang)}")
    widths = (Cm(8.5), Cm(8.5), Cm(5.5), Cm(4.2))
    for text in texts:
        document.add_heading(text.title, level=1)
        document.add_paragraph(text.file)
        table = document.add_table(rows=1, cols=len(COLUMNS))
        table.style = "Table Grid"
        for cell, key, width in zip(table.rows[0].cells, COLUMNS, widths, strict=True):
            cell.text, cell.width = label(key, lang), width
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in text.rows:
            cells = table.add_row().cells
            for cell, value, width in zip(
                cells, (row.source, row.draft, "", row.where), widths, strict=True
            ):
                cell.text, cell.width = value, width
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def typst_source(texts: list[Text], lang: str) -> str:
    """The same pack as Typst markup (strings passed as Typst string literals: nothing in a
    draft is read as markup)."""

    def s(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = [
        '#set page(paper: "a4", flipped: true, margin: 1.5cm)',
        '#set text(font: ("Libertinus Serif", "DejaVu Sans"), size: 9pt, lang: "fr")',
        f"#heading(level: 1, {s(label('review.pack.title', lang) + ' · ' + LANGUAGE_NAMES.get(lang, lang))})",
    ]
    for reader in dict.fromkeys((lang, DEFAULT_LANGUAGE)):
        out.append(f"#par({s(label('review.pack.intro', reader))})")
    out.append(f"#par({s(label('review.pack.reviewer', lang))})")
    for text in texts:
        out.append(f"#heading(level: 2, {s(text.title)})")
        out.append(f"#text(size: 8pt, {s(text.file)})")
        cells = [f"strong({s(label(k, lang))})" for k in COLUMNS]
        for row in text.rows:
            cells += [s(row.source), s(row.draft), '""', f"text(size: 7pt, {s(row.where)})"]
        out.append(
            "#table(columns: (1fr, 1fr, 0.7fr, 0.55fr), inset: 4pt,\n  " + ",\n  ".join(cells) + ")"
        )
    return "\n".join(out) + "\n"


def write_pdf(texts: list[Text], path: Path, lang: str) -> None:
    import typst

    data = typst.compile(typst_source(texts, lang).encode("utf-8"), ignore_system_fonts=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_review_pack(
    result: Result, lang: str, root: Path, out_dir: Path, pdf: bool = True
) -> tuple[list[Path], list[Text]]:
    """Write ``hub-review-<lang>.docx`` (and ``.pdf``) into ``out_dir``; returns the files and
    the texts listed."""
    texts = pending_texts(result, lang, root)
    files = [out_dir / f"hub-review-{lang}.docx"]
    write_docx(texts, files[0], lang)
    if pdf:
        files.append(out_dir / f"hub-review-{lang}.pdf")
        write_pdf(texts, files[1], lang)
    return files, texts
