"""A language with nothing yet can start: the Soninké translation pack of the real content, filled in
with python-docx as a translator would fill it in Word, comes back as drafts awaiting review.
(The "Soninké" written here is test text in a copy of the repository, never content.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
import yaml

from toolkit.checks.validate import validate_tree
from toolkit.content.frontmatter import parse
from toolkit.contributions.translation import import_pack, translation_pack, write_pack
from toolkit.contributions.yamledit import set_scalar
from toolkit.render import catalogues
from toolkit.render.labels import label

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # two validations of a copy of the real content, a real pack


@pytest.fixture(scope="module")
def translated(tmp_path_factory):
    root = tmp_path_factory.mktemp("repo")
    for name in ("docs", "methodology", "locales"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    pack = translation_pack(validate_tree(root), "snk", root)
    path = root / "review" / "hub-translate-snk.docx"
    write_pack(pack, path, "snk")
    kinds = {t.title: t for t in pack.texts}
    interface = kinds[label("review.pack.interface", "snk")].rows
    summaries = kinds[label("translate.pack.summaries", "snk")].rows
    glossary = kinds[label("review.pack.glossary", "snk")].rows
    capsules = kinds[label("translate.pack.capsules", "snk")].rows
    document = docx.Document(str(path))
    rows = {row.cells[3].text: row for table in document.tables for row in table.rows[1:]}
    line = next(
        p for p in document.paragraphs if p.text == label("translate.pack.translator", "snk")
    )
    line.text = "Traduit par (nom ou initiales) : K. Sylla   Date : 06/12/2026"
    page = summaries[0].where.split(": ")[0]
    half = summaries[2].where.split(": ")[0]  # only its title: refused
    older = summaries[4].where.split(": ")[0]  # its French title changes after the pack
    capsule = capsules[0].where.split(": ")[0]
    entry = glossary[0].where
    filled = {
        interface[0].where: "Sooninke xanne",
        f"{page}: title": "Kitaabu kille",
        f"{page}: summary": "Kitaabu kille ga na xibaaru.",
        f"{half}: title": "Kille do",
        f"{older}: title": "Kille",
        f"{older}: summary": "Kille xibaaru.",
        entry: "Komini",
        f"{capsule}: title": "Kaawa kille",
        f"{capsule}: summary": "Kaawa xibaaru.",
        f"{capsule}: body": "Jabaaxu.\n\nKaawa.",
    }
    for where, text in filled.items():
        rows[where].cells[2].text = text
    filled_path = root / "review" / "returned.docx"
    document.save(str(filled_path))
    source = root / older.replace(".snk.md", ".fr.md")
    lines = source.read_text(encoding="utf-8").split("\n")
    title = _front(source)["title"]
    source.write_text("\n".join(set_scalar(lines, "title", f"Nouveau — {title}")), encoding="utf-8")
    outcome = import_pack(validate_tree(root), "snk", root, filled_path)
    catalogues.clear_cache()
    return {
        "root": root,
        "outcome": outcome,
        "page": page,
        "half": half,
        "older": older,
        "capsule": capsule,
        "entry": entry,
        "key": interface[0].where.split('"')[1],
        "references": pack.references,
        "summaries": summaries,
    }


def _front(path: Path) -> dict:
    front, problems = parse(path.read_text(encoding="utf-8"), str(path))
    assert not problems
    return front.data


def test_the_pack_gives_french_and_bambara_beside_an_empty_column(translated):
    assert any(w.endswith(": title") for w in translated["references"])  # Bambara where it exists
    assert all(row.draft == "" for row in translated["summaries"])


def test_a_translated_page_is_a_draft_credited_to_its_translator(translated):
    data = _front(translated["root"] / translated["page"])
    assert data["scope"] == "summary" and data["title"] == "Kitaabu kille"
    assert data["native_review"] == "pending" and data["translators"] == ["K. Sylla"]
    assert data["language"] == "snk" and data["source_version"] >= 1


def test_a_translated_capsule_keeps_its_french_front_matter(translated):
    root = translated["root"]
    data = _front(root / translated["capsule"])
    french = _front(root / translated["capsule"].replace(".snk.md", ".fr.md"))
    assert data["title"] == "Kaawa kille" and data["translators"] == ["K. Sylla"]
    assert data["native_review"] == "pending" and data["source_version"] == french["version"]
    assert (
        (root / translated["capsule"])
        .read_text(encoding="utf-8")
        .endswith("\n\nJabaaxu.\n\nKaawa.\n")
    )


def test_interface_strings_and_glossary_terms_are_drafts(translated):
    root = translated["root"]
    found = catalogues.translations("snk", root / "locales")
    assert found[translated["key"]] == catalogues.Translation("Sooninke xanne", True)
    entry_id = translated["entry"].split(": ")[1].split(" > ")[0]
    entries = yaml.safe_load((root / "methodology/glossary.yml").read_text(encoding="utf-8"))
    entry = next(e for e in entries if e["id"] == entry_id)
    assert entry["snk"] == {"term": "Komini", "native_review": "pending"}


def test_half_a_page_and_a_changed_source_are_refused(translated):
    root, outcome = translated["root"], translated["outcome"]
    refused = "\n".join(outcome.refused)
    assert f"{translated['half']}: summary not translated" in refused
    assert f"{translated['older']}: title: the French source changed since the pack" in refused
    assert not (root / translated["half"]).exists() and not (root / translated["older"]).exists()


def test_the_content_validates_with_the_new_drafts(translated):
    result = validate_tree(translated["root"])
    assert [str(p) for p in result.problems if ".snk." in p.path or "glossary" in p.path] == []
    snk = {d.rel for d in result.corpus.documents if d.lang == "snk"}
    assert translated["page"] in snk and translated["capsule"] in snk
