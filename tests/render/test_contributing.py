"""hub new, hub status, the field reference, and the contributor links in the built site."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from toolkit import cli
from toolkit.checks.validate import validate_tree
from toolkit.content import schemas
from toolkit.content.model import Methodology
from toolkit.content.schemas import schema_for
from toolkit.render.contributing import field_reference


def _fill(path):
    """What a contributor does: write text over the markers, name a methodology of this tree."""
    text = (
        path.read_text(encoding="utf-8").replace("À REMPLIR : ", "").replace("À REMPLIR", "Texte")
    )
    text = text.replace("methodologies: [restitution-publique]", "methodologies: [debat-budget]")
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("kind", ["methodology", "curriculum", "case-study", "tool", "page"])
def test_hub_new_validates_once_its_markers_are_filled(site_tree, monkeypatch, capsys, kind):
    monkeypatch.chdir(site_tree)
    assert cli.main(["new", kind, "--slug", "essai"]) == 0
    created = capsys.readouterr().out.split()[1]
    path = site_tree / created
    problems = validate_tree(site_tree, only=[path]).problems
    assert problems and {p.check for p in problems} <= {"placeholder", "cross-link"}
    assert "placeholder" in {p.check for p in problems}
    _fill(path)
    assert validate_tree(site_tree, only=[path]).problems == []


def test_hub_new_refuses_what_it_cannot_do(site_tree, monkeypatch, capsys):
    monkeypatch.chdir(site_tree)
    assert cli.main(["new", "tool", "--slug", "Mauvais Nom"]) == 2
    assert cli.main(["new", "tool", "--slug", "fiche-debat"]) == 2
    assert cli.main(["new", "tool", "--slug", "x", "--lang", "bm"]) == 2
    errors = capsys.readouterr().err
    assert "is not a slug" in errors and "exists already" in errors and "French first" in errors


def test_hub_new_translate_records_the_source_version(site_tree, monkeypatch, capsys):
    monkeypatch.chdir(site_tree)
    source = "docs/methodologies/debat-budget/index.fr.md"
    assert cli.main(["new", "--translate", source, "--lang", "bm"]) == 0
    path = site_tree / "docs/methodologies/debat-budget/index.bm.md"
    text = path.read_text(encoding="utf-8")
    assert (
        "language: bm" in text and "source_version: 1" in text and "native_review: pending" in text
    )
    assert "\nversion:" not in text
    # the markers, and the French text the draft copies, which is not Bambara until translated
    assert {p.check for p in validate_tree(site_tree, only=[path]).problems} == {
        "placeholder",
        "french-word",
    }
    _fill(path)
    assert {p.check for p in validate_tree(site_tree, only=[path]).problems} == {"french-word"}


def test_hub_status_finds_missing_stale_and_unreviewed(site_tree, monkeypatch, capsys):
    monkeypatch.chdir(site_tree)
    assert cli.main(["status", "--json"]) == 0
    report = {lang["language"]: lang for lang in json.loads(capsys.readouterr().out)}
    states = {item["path"]: item["state"] for item in report["en"]["items"]}
    assert states["docs/index.fr.md"] == "stale"  # English home made from version 1, French is at 2
    assert states["docs/formations/budget-101/index.fr.md"] == "missing"
    assert states["docs/methodologies/debat-budget/index.fr.md"] == "up-to-date"
    bambara = {item["path"]: item["state"] for item in report["bm"]["items"]}
    assert bambara["docs/index.fr.md"] == "pending-review"
    # the Bambara home page and the tool sheet's title and summary; the session capsule is reviewed
    assert report["bm"]["pending_review"] == 2 and report["en"]["stale"] == 1
    assert report["bm"]["capsules"] == {"translated": 1, "total": 2}
    assert report["bm"]["reviews"] == [
        {"file": "docs/formations/budget-101/capsule-1.bm.md", "by": "T.K.", "date": "2026-11-29"}
    ]
    assert report["bm"]["interface_strings"]["fuzzy"] > 200
    assert cli.main(["status", "--lang", "en", "--next", "2"]) == 0
    out = capsys.readouterr().out
    assert "Translate next into en:" in out
    assert out.index("stale    docs/index.fr.md") < out.index(
        "  missing  docs"
    )  # stale pages first


def test_field_reference_follows_the_schema(monkeypatch):
    schema = schema_for("methodology")
    reference = field_reference("en")
    for name, prop in schema["properties"].items():
        assert f"| `{name}` |" in reference
        assert " ".join(prop.get("description", "").split()) in reference
    monkeypatch.setattr(
        Methodology.model_fields["purpose"], "description", "A changed description."
    )
    Methodology.model_rebuild(force=True)
    schemas._model_schema.cache_clear()  # made once per process: the models never change in a build
    try:
        assert "A changed description." in field_reference("en")
    finally:
        monkeypatch.undo()
        Methodology.model_rebuild(force=True)
        schemas._model_schema.cache_clear()


@pytest.mark.build
def test_built_site_has_contributor_links_stale_notice_and_status(site_tree):
    env = {
        **os.environ,
        "CI": "",
        "HUB_REPOSITORY": "https://github.com/example-org/hub",
        "NO_MKDOCS_2_WARNING": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site_tree,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    site = site_tree / "site"
    method = (site / "methodologies/debat-budget/index.html").read_text()
    assert (
        'href="https://github.com/example-org/hub/edit/main/docs/methodologies/debat-budget/index.fr.md"'
        in method
    )
    assert "new/main/docs/methodologies/debat-budget?filename=index.bm.md" in method
    fallback = (site / "en/formations/budget-101/index.html").read_text()
    assert "new/main/docs/formations/budget-101?filename=index.en.md" in fallback
    home_en = (site / "en/index.html").read_text()
    assert (
        "The French version of this page has changed" in home_en
        and 'href="../" hreflang="fr"' in home_en
    )
    for prefix in ("", "en/", "bm/", "snk/"):
        assert (site / prefix / "contribuer/traductions/index.html").is_file()
    status_en = (site / "en/contribuer/traductions/index.html").read_text()
    assert "Translation status" in status_en and "Le budget communal" in status_en
