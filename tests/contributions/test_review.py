"""`hub review --lang bm`: a pack a native speaker can open in Word, listing every pending text."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from toolkit.checks.validate import validate_tree
from toolkit.content.model import is_reviewed
from toolkit.contributions.review import Row, Text, write_pdf, write_review_pack
from toolkit.render import catalogues

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def result():
    return validate_tree(ROOT, use_cache=True)


@pytest.mark.slow  # the real content's pack, opened with python-docx
def test_the_pack_opens_with_python_docx_and_lists_every_pending_text(result, tmp_path):
    files, texts = write_review_pack(result, "bm", ROOT, tmp_path, pdf=False)
    pack = docx.Document(str(files[0]))
    assert len(pack.tables) == len(texts)
    listed = "\n".join(
        cell.text for table in pack.tables for row in table.rows for cell in row.cells
    )
    pending = [
        d
        for d in result.corpus.documents
        if d.lang == "bm"
        and d.meta is not None
        and d.meta.native_review is not None
        and not is_reviewed(d.meta)
    ]
    assert len(pending) > 40  # titles and summaries, capsules, the home page
    for doc in pending:
        assert f"{doc.rel}: title" in listed, doc.rel
        assert doc.meta.title in listed
    fuzzy = [k for k, t in catalogues.translations("bm").items() if t.fuzzy]
    for key in fuzzy:
        assert f'msgctxt "{key}"' in listed
    glossary = [
        e for e in result.vocabularies.glossary.entries if e.bm and e.bm.native_review == "pending"
    ]
    assert len(glossary) == 56
    for entry in glossary:
        assert f"{entry.id} > bm > definition" in listed
    header = [c.text for c in pack.tables[0].rows[0].cells]
    assert len(header) == 4 and all(header)
    assert all(
        row.cells[2].text == "" for table in pack.tables for row in table.rows[1:]
    )  # to fill in


def test_a_reviewed_text_leaves_the_pack(result, tmp_path):
    doc = next(
        d
        for d in result.corpus.documents
        if d.rel == "docs/formations/budget-plaidoyer/capsule-1.bm.md"
    )
    from toolkit.content.model import NativeReview

    saved = doc.meta.native_review
    try:
        doc.meta.native_review = NativeReview(status="reviewed", by="A.K.", date="2026-12-01")
        _, texts = write_review_pack(result, "bm", ROOT, tmp_path, pdf=False)
        assert doc.rel not in {t.file for t in texts}
    finally:
        doc.meta.native_review = saved


def test_the_pdf_keeps_the_letters_and_reads_no_markup(tmp_path):
    import pypdf

    texts = [
        Text(
            "Essai",
            "docs/x.bm.md",
            [
                Row(
                    "Le #budget [de] *la* commune",
                    "Komini ka budget ɛ ɔ ɲ ŋ",
                    "docs/x.bm.md: title",
                )
            ],
        )
    ]
    write_pdf(texts, tmp_path / "pack.pdf", "bm")
    text = pypdf.PdfReader(tmp_path / "pack.pdf").pages[0].extract_text()
    assert "ɛ ɔ ɲ ŋ" in text and "#budget [de] *la*" in text
