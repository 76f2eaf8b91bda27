"""Every check: a small broken file in an otherwise valid tree, and the exact message."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.checks.validate import validate_tree

M = "docs/methodologies/debat-budget/index.fr.md"
T = "docs/outils/fiche-debat/index.fr.md"


def _messages(root: Path) -> list[str]:
    return [str(p) for p in validate_tree(root).problems]


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _png(root: Path, rel: str, width: int, height: int) -> None:
    from PIL import Image

    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, height), (200, 120, 40)).save(path)


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


TOOL = """---
title: Fiche
summary: Une fiche.
language: {lang}
themes: [public-budget]
audiences: [facilitators]
last_reviewed: 2026-11-25
authors: [Tests]
{extra}purpose: Noter.
format: form
---

{body}
"""


def test_the_fixture_tree_is_valid(site_tree):
    assert _messages(site_tree) == []


CASES = {
    "yaml": (
        lambda r: _edit(r, M, "themes: [public-budget]", "themes: [public-budget"),
        [
            f"{M}:6: [yaml] The front matter is not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence). "
            "Fix: Check the indentation and put quotes around values that contain ':' or start with a special character."
        ],
    ),
    "unknown-field": (
        lambda r: _edit(r, M, "purpose:", "purpse:"),
        [
            f"{M}:1: [missing-field] Required field 'purpose' is missing. Fix: Add 'purpose:' (see methodology/templates/methodology.fr.md for an example).",
            f"{M}:12: [unknown-field] Unknown field 'purpse'. Fix: Did you mean 'purpose'? Otherwise remove it.",
        ],
    ),
    "missing-field": (
        lambda r: _edit(r, M, 'duration: "4-8 weeks"\n', ""),
        [
            f"{M}:1: [missing-field] Required field 'duration' is missing. Fix: Add 'duration:' (see methodology/templates/methodology.fr.md for an example)."
        ],
    ),
    "type": (
        lambda r: _edit(r, M, "sdgs: [5, 16]", "sdgs: five"),
        [
            f"{M}:8: [type] Field 'sdgs': Input should be a valid list, got 'five'. Fix: Compare with the template in methodology/templates/methodology.fr.md."
        ],
    ),
    "format-date": (
        lambda r: _edit(r, M, "last_reviewed: 2026-11-25", "last_reviewed: 25/11/2026"),
        [
            f"{M}:9: [format] Field 'last_reviewed' is not a date: '25/11/2026'. Fix: Write the date as YYYY-MM-DD, for example 2025-03-31."
        ],
    ),
    "format-duration": (
        lambda r: _edit(r, M, 'duration: "4-8 weeks"', "duration: 3 jours"),
        [
            f"{M}:15: [format] Field 'duration' has the wrong form: '3 jours'. Fix: Write a duration like '90 min', '2 h', '3 days', '2-6 weeks' or '1-3 months'."
        ],
    ),
    "vocabulary": (
        lambda r: _edit(r, M, "themes: [public-budget]", "themes: [public-budgett]"),
        [
            f"{M}:5: [vocabulary] 'public-budgett' is not in the themes vocabulary. Fix: Did you mean 'public-budget'?"
        ],
    ),
    "language": (
        lambda r: _edit(r, M, "language: fr", "language: en"),
        [
            f"{M}:4: [language] The file is named for 'fr' but says language: en. Fix: Set 'language: fr' or rename the file to index.en.md."
        ],
    ),
    "duplicate-slug": (
        lambda r: _write(
            r,
            "docs/outils/debat-budget/index.fr.md",
            TOOL.format(lang="fr", extra="version: 1\n", body="Texte."),
        ),
        [
            "docs/outils/debat-budget/index.fr.md:1: [duplicate-slug] The slug 'debat-budget' is also used by docs/methodologies/debat-budget/index.*.md. "
            "Fix: Rename this folder: slugs name items in links and kits and must be unique."
        ],
    ),
    "translation-source": (
        lambda r: _write(
            r,
            "docs/outils/seule/index.en.md",
            TOOL.format(lang="en", extra="source_version: 1\ntranslators: [T]\n", body="Text."),
        ),
        [
            "docs/outils/seule/index.en.md:1: [translation-source] This translation has no French source (outils/seule/index.fr.md). "
            "Fix: Write the French page first, or move this file next to it."
        ],
    ),
    "source-version": (
        lambda r: _edit(
            r, "docs/methodologies/debat-budget/index.en.md", "source_version: 1\n", ""
        ),
        [
            "docs/methodologies/debat-budget/index.en.md:1: [source-version] The translation does not say which version of the French source it comes from. Fix: Add 'source_version: 1'."
        ],
    ),
    "native-review": (
        lambda r: _edit(r, "docs/index.bm.md", "native_review: pending\n", ""),
        [
            "docs/index.bm.md:1: [native-review] Bambara and Soninké pages must say whether a native speaker reviewed them. "
            "Fix: Add 'native_review: pending' (then '{status: reviewed, by: <initials>, date: YYYY-MM-DD}' "
            "once a native speaker has reviewed the text)."
        ],
    ),
    "cross-link": (
        lambda r: _edit(r, M, "tools: [fiche-debat]", "tools: [fiche-debats, budget-101]"),
        [
            f"{M}:31: [cross-link] 'budget-101' in 'tools' is a curriculum, not a tool. Fix: Name a page under docs/outils/ here.",
            f"{M}:31: [cross-link] 'fiche-debats' in 'tools' names no page. Fix: Did you mean 'fiche-debat'?",
        ],
    ),
    "timing": (
        lambda r: _edit(
            r, "docs/formations/budget-101/index.fr.md", "duration_min: 60", "duration_min: 90"
        ),
        [
            "docs/formations/budget-101/index.fr.md:15: [timing] Session 1 lasts 90 min but its steps add up to 60 min. "
            "Fix: Make 'duration_min' equal to the sum of the steps' 'minutes'."
        ],
    ),
    "sources": (
        lambda r: _edit(
            r, "docs/etudes-de-cas/scenario-debat/index.fr.md", "illustrative: true\n", ""
        ),
        [
            "docs/etudes-de-cas/scenario-debat/index.fr.md:1: [sources] A case study needs public sources, or must say it is an illustrative scenario. "
            "Fix: List the sources under 'sources:' (title and url), or set 'illustrative: true'."
        ],
    ),
    "capsule-length": (
        lambda r: _edit(
            r, "docs/methodologies/debat-budget/capsule.fr.md", "Bonjour.", "mot " * 230
        ),
        [
            "docs/methodologies/debat-budget/capsule.fr.md:9: [capsule-length] The spoken script has 245 words; a capsule should take about 90 seconds to say. "
            "Fix: Shorten it to at most 220 words."
        ],
    ),
    "link": (
        lambda r: _edit(
            r,
            M,
            "Le débat porte",
            "Voir [la fiche](../../outils/fiche-debatt/index.md). Le débat porte",
        ),
        [
            f"{M}:34: [link] The link '../../outils/fiche-debatt/index.md' points to nothing. Fix: Check the path: link to another page as '../../outils/<slug>/index.md'."
        ],
    ),
    "anchor": (
        lambda r: _edit(r, "docs/index.fr.md", "index.md#steps", "index.md#etapes"),
        [
            "docs/index.fr.md:12: [anchor] The link 'methodologies/debat-budget/index.md#etapes' names a section '#etapes' that does not exist. "
            "Fix: Use the id of a heading of that page (its title in lower case with hyphens)."
        ],
    ),
    "image-missing": (
        lambda r: _edit(
            r, M, "Le débat porte", "![Une salle de réunion](salle.jpg)\n\nLe débat porte"
        ),
        [
            f"{M}:34: [image] The image 'salle.jpg' does not exist. Fix: Check the file name, or add the image next to the page."
        ],
    ),
    "image-alt": (
        lambda r: (
            _png(r, "docs/methodologies/debat-budget/salle.png", 8, 8),
            _edit(r, M, "Le débat porte", "![](salle.png)\n\nLe débat porte"),
        ),
        [
            f"{M}:34: [image-alt] The image 'salle.png' has no text alternative. Fix: Describe the image between the brackets: ![what it shows](path)."
        ],
    ),
    "image-budget": (
        lambda r: (
            _png(r, "docs/methodologies/debat-budget/bandeau.png", 6001, 2),
            _edit(r, M, "Le débat porte", "![Un long bandeau](bandeau.png)\n\nLe débat porte"),
        ),
        [
            f"{M}:34: [image-budget] The image 'bandeau.png' measures 6001×2 px, over the 6000 px a source image may measure. "
            "Fix: Resize it to at most 2000 px on its longest side and export it again (JPEG quality 80) before committing: the site makes its own 960 px copy."
        ],
    ),
    "image-unreadable": (
        lambda r: (
            _write(r, "docs/methodologies/debat-budget/salle.png", "png"),
            _edit(r, M, "Le débat porte", "![Une salle](salle.png)\n\nLe débat porte"),
        ),
        [
            f"{M}:34: [image] The image 'salle.png' cannot be read (it is not a JPEG, PNG, WebP or GIF image, or it is damaged). "
            "Fix: Open it in an image editor and export it again as JPEG (photos) or PNG (drawings)."
        ],
    ),
    "unsafe-html": (
        lambda r: _edit(
            r,
            M,
            "Le débat porte",
            '<div onclick="x()">A</div>\n\n<script>alert(1)</script>\n\n[Lien](javascript:alert(1))\n\nLe débat porte',
        ),
        [
            f"{M}:34: [unsafe-html] The HTML attribute 'onclick' runs code. Fix: Remove the attribute.",
            f"{M}:36: [unsafe-html] Raw HTML <script> is not allowed: it could run code in readers' browsers. Fix: Remove it; use Markdown, or ask a maintainer for a safe alternative.",
            f"{M}:38: [unsafe-html] The link 'javascript:alert(1)' runs code. Fix: Link to a page or a https:// address instead.",
        ],
    ),
    "encoding": (
        lambda r: (r / T).write_bytes(
            (r / T).read_bytes().replace(b"Noter les", "Not\xe9r les".encode("latin-1"))
        ),
        [
            f"{T}:10: [encoding] The file is not UTF-8 text. Fix: Save it as UTF-8 (in most editors: 'Save with encoding' > UTF-8)."
        ],
    ),
    "orthography": (
        lambda r: _edit(r, "docs/index.bm.md", "# Daminɛ\n\nƝɛ fɔlɔ.", "# Daminɛ\n\nÑè fòlò."),
        [
            "docs/index.bm.md:14: [orthography] The letters Ñ, è, ò are not in the official alphabet. "
            'Fix: Write Ɲ, ɛ, ɔ instead; put a French passage in <span lang="fr">…</span>.'
        ],
    ),
    "file-name": (
        lambda r: _write(r, "docs/outils/notes.md", "# Notes\n"),
        [
            "docs/outils/notes.md:1: [file-name] The file name does not say its language. Fix: Rename it to end in .fr.md (or .en/.bm/.snk.md)."
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_check_reports_file_line_and_fix(site_tree, case):
    breaks, expected = CASES[case]
    breaks(site_tree)
    assert _messages(site_tree) == expected


def test_every_problem_is_reported_not_just_the_first(site_tree):
    CASES["vocabulary"][0](site_tree)
    CASES["timing"][0](site_tree)
    CASES["file-name"][0](site_tree)
    assert len(_messages(site_tree)) == 3


def test_only_limits_the_report_to_the_named_files(site_tree):
    CASES["vocabulary"][0](site_tree)
    CASES["timing"][0](site_tree)
    result = validate_tree(site_tree, only=[site_tree / M])
    assert [p.check for p in result.problems] == ["vocabulary"]


def test_french_passages_in_bambara_pages_may_keep_french_letters(site_tree):
    _edit(
        site_tree,
        "docs/index.bm.md",
        "# Daminɛ\n\nƝɛ fɔlɔ.",
        "# Daminɛ\n\n"
        'Ɲɛ <span lang="fr">(la Mère)</span>.\n\n'
        '<div lang="fr" markdown="block">\nProblème réglé.\n</div>\n\n',
    )
    assert _messages(site_tree) == []


def test_vocabulary_is_checked_even_when_other_fields_are_invalid(site_tree):
    CASES["vocabulary"][0](site_tree)
    CASES["format-date"][0](site_tree)
    assert [p.check for p in validate_tree(site_tree).problems] == ["vocabulary", "format"]


def test_cached_check_gives_the_same_problems_and_sees_changes(site_tree):
    CASES["vocabulary"][0](site_tree)
    CASES["link"][0](site_tree)
    expected = _messages(site_tree)
    first = [str(p) for p in validate_tree(site_tree, use_cache=True).problems]
    assert (site_tree / ".cache/hub-check.json").is_file()
    second = [str(p) for p in validate_tree(site_tree, use_cache=True).problems]
    assert first == second == expected
    _edit(site_tree, M, "themes: [public-budgett]", "themes: [public-budget]")
    third = [p.check for p in validate_tree(site_tree, use_cache=True).problems]
    assert third == ["link"]


def test_capsule_audio_is_checked(site_tree):
    capsule = "docs/methodologies/debat-budget/capsule.fr.md"
    _edit(site_tree, capsule, "version: 1\n", "version: 1\naudio: voix.mp3\n")
    assert _messages(site_tree) == [
        f"{capsule}:8: [audio] voix.mp3: the recording is missing. "
        "Fix: Put the file next to the capsule, or remove the 'audio:' line."
    ]
    (site_tree / "docs/methodologies/debat-budget/voix.flac").write_bytes(b"fLaC")
    _edit(site_tree, capsule, "audio: voix.mp3", "audio: voix.flac")
    checks = _messages(site_tree)
    assert len(checks) == 3 and "'.flac' is not an accepted format" in checks[0]
    assert "voix.json is missing" in checks[1]
    assert checks[2].startswith(
        "docs/methodologies/debat-budget/voix.flac:1: [files] 'voix.flac' is not a file "
        "type the hub publishes."
    )


@settings(max_examples=examples(500), deadline=None)
@given(
    st.lists(
        st.sampled_from(["/", "//", "a", "b", "docs", ".", "..", "x.md"]), min_size=1, max_size=5
    ),
    st.lists(
        st.sampled_from(["/", "//", "a", "b", "docs", ".", "..", "x.md"]), min_size=1, max_size=4
    ),
)
def test_relative_paths_as_pathlib_gives_them(path_bits, folder_bits):
    """toolkit.content.corpus._relative, pathlib's relative_to without making paths: same text, same error."""
    from pathlib import PurePosixPath

    from toolkit.content.corpus import _relative

    path, folder = PurePosixPath("/".join(path_bits)), PurePosixPath("/".join(folder_bits))
    for base in (folder, PurePosixPath("/", *folder.parts), PurePosixPath("/", *path.parts[1:3])):
        try:
            expected = path.relative_to(base).as_posix()
        except ValueError:
            with pytest.raises(ValueError):
                _relative(path, base)
        else:
            assert _relative(path, base) == expected
