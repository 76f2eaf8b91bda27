"""Integration: build a fixture site with the real configuration, in all four languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.build
MKDOCS = [sys.executable, "-m", "mkdocs"]


def _build(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CI": "", "GITHUB_ACTIONS": ""}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def built(fixture_site: Path) -> Path:
    return fixture_site  # built once per session (tests/conftest.py); these tests only read it


def test_every_language_has_its_pages(built):
    for prefix in ("", "en/", "bm/", "snk/"):
        for page in (
            "index.html",
            "methodologies/debat-budget/index.html",
            "outils/index.html",
            "glossaire/index.html",
            "formations/budget-101/index.html",
        ):
            assert (built / prefix / page).is_file(), prefix + page


def test_html_lang_and_interface_follow_the_language(built):
    assert '<html lang="fr"' in (built / "index.html").read_text()
    assert '<html lang="en"' in (built / "en/index.html").read_text()
    bm = (built / "bm/index.html").read_text()
    assert '<html lang="bm"' in bm and "Ɲinini" in bm  # Material's search label, from overrides
    assert '<html lang="snk"' in (built / "snk/index.html").read_text()


def test_typed_page_shows_structure_and_links_both_ways(built):
    method = (built / "methodologies/debat-budget/index.html").read_text()
    assert 'id="steps"' in method and 'id="step-2"' in method
    assert "Inclure les femmes et les jeunes" in method
    assert 'href="../../outils/fiche-debat/"' in method  # tool sheet it uses
    assert (
        'href="../../etudes-de-cas/scenario-debat/"' in method
    )  # case study applying it (backlink)
    assert 'href="../../formations/budget-101/"' in method  # course teaching it (backlink)
    assert 'href="capsule/"' in method  # its spoken capsule
    tool = (built / "outils/fiche-debat/index.html").read_text()
    assert (
        'href="../../methodologies/debat-budget/"' in tool
        and 'href="../../formations/budget-101/"' in tool
    )
    course = (built / "formations/budget-101/index.html").read_text()
    assert 'id="agenda"' in course and "<strong>1 h</strong>" in course


def test_english_translation_is_used_and_missing_ones_fall_back_with_a_notice(built):
    english = (built / "en/methodologies/debat-budget/index.html").read_text()
    assert "Preparing the public budget debate" in english
    assert "not available in English" not in english
    fallback = (built / "en/formations/budget-101/index.html").read_text()
    assert "Le budget communal" in fallback
    assert "This page is not available in English yet" in fallback
    assert 'href="../../contribuer/traduire/"' in fallback
    assert (
        '<div lang="fr">' in fallback
    )  # the French passage is marked as French for screen readers
    bambara = (built / "bm/methodologies/debat-budget/index.html").read_text()
    assert "Nin sɛbɛn in tɛ bamanankan na fɔlɔ" in bambara


def test_generated_catalogues_and_glossary_in_each_language(built):
    assert (
        "Préparer le débat public sur le budget" in (built / "methodologies/index.html").read_text()
    )
    en_catalogue = (built / "en/methodologies/index.html").read_text()
    assert "Methodologies" in en_catalogue and "Preparing the public budget debate" in en_catalogue
    glossary = (built / "en/glossaire/index.html").read_text()
    assert "Economic, social and cultural development programme" in glossary
    assert 'lang="bm"' in glossary and "awaiting review by a native speaker" in glossary


def test_glossary_abbreviations_get_their_tooltip_where_they_are_used(built):
    used = '<abbr title="Programme de développement économique, social et culturel">PDESC</abbr>'
    assert used in (built / "contribuer/traduire/index.html").read_text()
    english = '<abbr title="Economic, social and cultural development programme">PDESC</abbr>'
    assert english in (built / "en/contribuer/traduire/index.html").read_text()
    method = (built / "methodologies/debat-budget/index.html").read_text()
    assert "<abbr" not in method and "*[PDESC]" not in method  # not used there: no definition left


def test_illustrative_case_study_is_labelled_at_the_top(built):
    page = (built / "etudes-de-cas/scenario-debat/index.html").read_text()
    article = page[page.index("<article") :]
    assert article.index("Scénario illustratif") < article.index("Dans une commune rurale")


def test_unreviewed_bambara_is_marked(built):
    assert "Nin sɛbɛn in ma lajɛ fɔlɔ" in (built / "bm/index.html").read_text()


def test_broken_content_fails_with_file_and_line_and_writes_nothing(site_tree):
    page = site_tree / "docs/methodologies/debat-budget/index.fr.md"
    page.write_text(page.read_text().replace("themes: [public-budget]", "themes: [public-budget"))
    result = _build(site_tree)
    assert result.returncode != 0
    assert "docs/methodologies/debat-budget/index.fr.md:6: [yaml]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site_tree / "site").exists()


def test_serve_mode_reports_problems_as_warnings_and_builds(site_tree):
    page = site_tree / "docs/methodologies/debat-budget/index.fr.md"
    page.write_text(page.read_text().replace("themes: [public-budget]", "themes: [budget]"))
    env = {**os.environ, "CI": "", "GITHUB_ACTIONS": ""}
    result = subprocess.run(
        [*MKDOCS, "build"], cwd=site_tree, capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0
    assert (
        "WARNING -  hub: docs/methodologies/debat-budget/index.fr.md:5: [vocabulary]"
        in result.stderr
    )
    assert (site_tree / "site/index.html").is_file()
