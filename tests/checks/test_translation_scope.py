"""Title-and-summary translations and review records, as the validation sees them."""

from __future__ import annotations

from toolkit.checks.validate import validate_tree

TOOL = "docs/outils/fiche-debat/index.bm.md"


def test_a_summary_translation_is_valid_and_knows_its_fields(site_tree):
    assert validate_tree(site_tree, only=[site_tree / TOOL]).problems == []
    path = site_tree / TOOL
    path.write_text(path.read_text().replace("language: bm\n", "language: bm\npurpose: Laɲini\n"))
    problems = validate_tree(site_tree, only=[path]).problems
    assert [(p.check, p.line) for p in problems] == [("unknown-field", 6)]


def test_a_review_record_says_who_and_when(site_tree):
    path = site_tree / TOOL
    text = path.read_text()
    path.write_text(
        text.replace("native_review: pending", "native_review: {status: reviewed, by: A.K.}")
    )
    problems = validate_tree(site_tree, only=[path]).problems
    assert len(problems) == 1 and "needs 'by' (name or initials) and 'date'" in problems[0].message
    path.write_text(
        text.replace(
            "native_review: pending",
            "native_review: {status: reviewed, by: A.K., date: 2026-12-01}",
        )
    )
    assert validate_tree(site_tree, only=[path]).problems == []
