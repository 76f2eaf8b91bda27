"""`hub review import`: a real review pack, filled in with python-docx as a reviewer would fill it
in Word, comes back into a copy of the repository."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import pytest
import yaml

from toolkit.checks.validate import validate_tree
from toolkit.cli import main
from toolkit.content.frontmatter import parse
from toolkit.contributions.review import write_review_pack
from toolkit.contributions.review_import import PackError, import_pack
from toolkit.render import catalogues
from toolkit.render.labels import label

ROOT = Path(__file__).resolve().parents[2]


def copy_repository(target: Path) -> Path:
    for name in ("docs", "methodology", "locales"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def rows_by_where(pack: docx.Document) -> dict[str, object]:
    return {row.cells[3].text: row for table in pack.tables for row in table.rows[1:]}


def front(path: Path) -> dict:
    data, problems = parse(path.read_text(encoding="utf-8"), str(path))
    assert not problems
    return data.data


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    """A copy of the repository, its Bambara pack filled in, and the import's outcome."""
    root = copy_repository(tmp_path_factory.mktemp("repo"))
    result = validate_tree(root)
    files, texts = write_review_pack(result, "bm", root, root / "review", pdf=False)
    pages = [t for t in texts if t.file.startswith("docs/") and len(t.rows) >= 2]
    ok, corrected, blank, wrong, deleted, older = pages[:6]
    pack = docx.Document(str(files[0]))
    rows = rows_by_where(pack)
    reviewer = next(p for p in pack.paragraphs if p.text == label("review.pack.reviewer", "bm"))
    reviewer.text = "Lajɛbaga (tɔgɔ walima tɔgɔ surun): A. Kéita   Don: 05/12/2026"
    for row in ok.rows:
        rows[row.where].cells[2].text = "OK"
    rows[corrected.rows[0].where].cells[2].text = "Kɔrɔsili ɲuman"
    for row in corrected.rows[1:]:
        rows[row.where].cells[2].text = "ok."
    for row in blank.rows[1:]:
        rows[row.where].cells[2].text = "OK"  # the first row left blank
    rows[wrong.rows[0].where].cells[1].text = "A correction typed over the draft"
    for row in wrong.rows[1:]:
        rows[row.where].cells[2].text = "OK"
    gone = rows[deleted.rows[0].where]
    gone._tr.getparent().remove(gone._tr)
    for row in deleted.rows[1:]:
        rows[row.where].cells[2].text = "OK"
    for row in older.rows:
        rows[row.where].cells[2].text = "OK"
    interface = [t for t in texts if t.file.endswith("hub.po")][0].rows
    po_ok, po_fix = interface[0], interface[1]
    rows[po_ok.where].cells[2].text = "OK"
    rows[po_fix.where].cells[2].text = "Sɛbɛn kura"
    glossary = [t for t in texts if t.file == "methodology/glossary.yml"][0].rows
    entry = glossary[0].where.split(": ")[1].split(" > ")[0]
    entry_rows = [r for r in glossary if f": {entry} > " in r.where]
    for row in entry_rows:
        rows[row.where].cells[2].text = "OK"
    filled = root / "review" / "returned.docx"
    pack.save(str(filled))
    # the French source of one text changes after the pack was made (a pack from an older commit)
    source = root / older.file.replace(".bm.md", ".fr.md")
    source.write_text(
        source.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Nouveau — ", 1),
        encoding="utf-8",
    )
    before = {p: p.read_text(encoding="utf-8") for p in (root / "docs").rglob("*.bm.md")}
    dry = import_pack(validate_tree(root), "bm", root, filled, dry_run=True)
    after_dry = {p: p.read_text(encoding="utf-8") for p in (root / "docs").rglob("*.bm.md")}
    outcome = import_pack(validate_tree(root), "bm", root, filled)
    catalogues.clear_cache()
    return {
        "root": root,
        "outcome": outcome,
        "dry": dry,
        "unchanged_by_dry_run": before == after_dry,
        "texts": (ok, corrected, blank, wrong, deleted, older),
        "po": (po_ok, po_fix),
        "entry": entry,
        "filled": filled,
    }


@pytest.mark.slow  # two copies of the real content validated, a real pack written and read
def test_ok_marks_a_text_reviewed_by_the_reviewer_named_in_the_pack(returned):
    ok = returned["texts"][0]
    meta = front(returned["root"] / ok.file)
    assert meta["native_review"] == {"status": "reviewed", "by": "A. Kéita", "date": "2026-12-05"}
    assert ok.file in returned["outcome"].reviewed


@pytest.mark.slow
def test_a_correction_replaces_the_text_and_marks_it_reviewed(returned):
    corrected = returned["texts"][1]
    field = corrected.rows[0].where.split(": ")[1]
    meta = front(returned["root"] / corrected.file)
    assert meta[field] == "Kɔrɔsili ɲuman"
    assert meta["native_review"]["status"] == "reviewed"


@pytest.mark.slow
def test_the_file_keeps_its_comments_order_and_other_lines(returned):
    corrected = returned["texts"][1]
    old = (ROOT / corrected.file).read_text(encoding="utf-8").splitlines()
    new = (returned["root"] / corrected.file).read_text(encoding="utf-8").splitlines()
    changed = [line for line in new if line not in old]
    assert len(changed) <= 3  # the corrected field (a folded summary may take 2) and the review
    assert [line.split(":")[0] for line in old if line and not line.startswith(" ")] == [
        line.split(":")[0] for line in new if line and not line.startswith(" ")
    ]


@pytest.mark.slow
def test_a_blank_row_a_deleted_row_and_the_wrong_column_leave_the_text_pending(returned):
    root, outcome = returned["root"], returned["outcome"]
    _, _, blank, wrong, deleted, _ = returned["texts"]
    for text in (blank, wrong, deleted):
        assert front(root / text.file)["native_review"] == "pending", text.file
        assert (root / text.file).read_text(encoding="utf-8") == (ROOT / text.file).read_text(
            encoding="utf-8"
        )
    refused = "\n".join(outcome.refused)
    assert f"{wrong.rows[0].where}: the draft column differs from the text in the file" in refused
    assert outcome.blank >= 1
    still = "\n".join(outcome.pending)
    for text in (blank, wrong, deleted):
        assert f"{text.file}: 1 of its {len(text.rows)} rows not answered" in still


@pytest.mark.slow
def test_a_row_whose_french_source_changed_is_refused(returned):
    older = returned["texts"][5]
    root, outcome = returned["root"], returned["outcome"]
    assert front(root / older.file)["native_review"] == "pending"
    assert any(
        line.startswith(f"{older.rows[0].where}: the French source changed since the pack")
        for line in outcome.refused
    )


@pytest.mark.slow
def test_interface_strings_go_to_the_po_no_longer_fuzzy(returned):
    root = returned["root"]
    po_ok, po_fix = returned["po"]
    found = catalogues.translations("bm", root / "locales")
    key_ok = po_ok.where.split('"')[1]
    key_fix = po_fix.where.split('"')[1]
    assert found[key_ok] == catalogues.Translation(po_ok.draft, False)
    assert found[key_fix] == catalogues.Translation("Sɛbɛn kura", False)
    still = [k for k, t in found.items() if t.fuzzy]
    assert still and key_ok not in still  # the others stay drafts


@pytest.mark.slow
def test_a_glossary_entry_answered_in_full_is_done(returned):
    entries = yaml.safe_load((returned["root"] / "methodology/glossary.yml").read_text())
    entry = next(e for e in entries if e["id"] == returned["entry"])
    assert entry["bm"]["native_review"] == "done"
    assert "# " in (returned["root"] / "methodology/glossary.yml").read_text()  # comments kept


@pytest.mark.slow
def test_the_dry_run_prints_the_diff_and_writes_nothing(returned):
    assert returned["unchanged_by_dry_run"]
    diff = returned["dry"].diff()
    ok = returned["texts"][0]
    assert f"+++ {ok.file}" in diff
    assert '+native_review: {status: reviewed, by: "A. Kéita", date: 2026-12-05}' in diff
    assert sorted(returned["dry"].changed) == sorted(returned["outcome"].changed)


@pytest.mark.slow
def test_the_content_still_validates_after_the_import(returned):
    result = validate_tree(returned["root"])
    assert [p for p in result.problems if "bm" in p.path] == []


@pytest.mark.slow
def test_the_command_says_row_by_row_and_fails_on_a_refused_row(returned, monkeypatch, capsys):
    monkeypatch.setattr("toolkit.cli.project_root", lambda: returned["root"])
    status = main(["review", "import", str(returned["filled"]), "--lang", "bm", "--dry-run"])
    out = capsys.readouterr().out
    assert status == 1
    assert "refused  " in out and "texts marked reviewed" in out


def test_a_file_that_is_not_a_pack_is_refused(tmp_path):
    bogus = tmp_path / "hub-review-bm.docx"
    bogus.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(PackError, match="not a Word file"):
        import_pack(None, "bm", tmp_path, bogus)
    other = tmp_path / "other.docx"
    document = docx.Document()
    document.add_table(rows=2, cols=4)
    document.save(str(other))
    with pytest.raises(PackError, match="not a review pack"):
        import_pack(None, "bm", tmp_path, other)


def test_a_pack_that_names_no_reviewer_is_refused(tmp_path):
    from toolkit.contributions.review import Row, Text, write_docx

    pack = tmp_path / "pack.docx"
    write_docx([Text("x", "docs/x.bm.md", [Row("a", "b", "docs/x.bm.md: title")])], pack, "bm")
    with pytest.raises(PackError, match="does not say who reviewed it"):
        import_pack(None, "bm", tmp_path, pack, today=dt.date(2026, 12, 7))
