"""Interface strings in gettext catalogues: lookup, fallback, drafts, the converter, the theme."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from toolkit.content.languages import LANGUAGES
from toolkit.render import catalogues
from toolkit.render.labels import LABELS, is_fallback, label, label_markup
from toolkit.website.interface import NAV_KEYS, nav_translations

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def locales(tmp_path):
    yield tmp_path / "locales"
    catalogues.clear_cache()


def test_every_key_has_french_and_every_catalogue_follows_the_template():
    french = catalogues.source()
    assert len(french) > 200 and all(french.values())
    for lang in catalogues.TRANSLATED:
        with catalogues.po_path(lang).open("rb") as handle:
            keys = [m.context for m in read_po(handle) if m.id]
        assert keys == list(french), (
            f"{lang}: run `hub labels import` (or msgmerge) to follow locales/hub.pot"
        )


def test_drafts_are_shown_and_missing_strings_fall_back_to_french_marked_as_french():
    assert label("review.title", "fr") == "Relecture en attente"
    assert label("review.title", "bm") == "Lajɛli bɛ makɔnɔ"  # a fuzzy draft: shown
    assert catalogues.translations("bm")["review.title"].fuzzy
    assert is_fallback("review.pending", "snk")  # French sentences are not Soninké: withheld
    assert label("review.pending", "snk") == label("review.pending", "fr")
    assert label_markup("review.pending", "snk").startswith('<span lang="fr">')
    assert label_markup("review.title", "bm") == "Lajɛli bɛ makɔnɔ"
    assert label("no.such.key", "bm") == "no.such.key"
    assert LABELS["edit"]["bm"] == label("edit", "bm") and "theme:toc" not in list(LABELS)


def test_counts_per_language():
    bm, snk = catalogues.counts("bm"), catalogues.counts("snk")
    assert bm.total == snk.total == len(catalogues.source())
    # No Bambara string is marked reviewed (no native speaker has reviewed them yet), and none is
    # missing: every one is a draft awaiting review (fuzzy), shown to readers.
    bm_texts = catalogues.translations("bm")
    missing = {key for key in catalogues.source() if key not in bm_texts or not bm_texts[key].text}
    assert missing == set() and bm.missing == 0
    assert bm.translated == 0 and bm.fuzzy == bm.total
    assert all(bm_texts[key].fuzzy for key in catalogues.source())
    assert snk.translated + snk.fuzzy + snk.missing == snk.total and snk.missing > 200


def test_the_converter_is_rerunnable_and_marks_changed_french_fuzzy(locales):
    first = catalogues.import_labels(
        {
            "a": {"fr": "Bonjour", "en": "Hello", "bm": "I ni ce"},
            "b": {"fr": "Au revoir", "snk": "Au revoir"},
        },
        locales,
        withheld={"snk": frozenset({"b"})},
    )
    assert first.added == ["a", "b"] and first.filled == {"en": 1, "bm": 1, "snk": 0}
    again = catalogues.import_labels({"a": {"fr": "Bonjour", "bm": "autre chose"}}, locales)
    assert again.added == [] and again.written == []  # nothing changes: the .po wins over the dict
    assert catalogues.translations("bm", locales)["a"] == catalogues.Translation("I ni ce", True)
    assert catalogues.translations("en", locales)["a"] == catalogues.Translation("Hello", False)
    changed = catalogues.import_labels({"a": {"fr": "Bonjour à toutes et à tous"}}, locales)
    assert changed.changed == ["a"]
    assert catalogues.translations("en", locales)["a"].fuzzy  # its French source changed
    assert catalogues.source(locales)["a"] == "Bonjour à toutes et à tous"
    assert "b" not in catalogues.translations("snk", locales)


def test_a_reviewer_clears_fuzzy_and_the_string_counts_as_reviewed(locales):
    catalogues.import_labels({"a": {"fr": "Bonjour", "bm": "I ni ce"}}, locales)
    path = catalogues.po_path("bm", locales)
    path.write_text(path.read_text(encoding="utf-8").replace("#, fuzzy\n", ""), encoding="utf-8")
    catalogues.clear_cache()
    assert catalogues.counts("bm", locales).translated == 1
    compiled = catalogues.compile_mo(locales)
    assert [p.name for p in compiled] == ["hub.mo"] * 3 and all(p.stat().st_size for p in compiled)


def test_the_theme_partials_are_generated_from_the_catalogues():
    for lang in ("bm", "snk"):
        path = catalogues.theme_partial_path(lang, ROOT)
        assert path.read_text(encoding="utf-8") == catalogues.theme_partial(lang), (
            f"{path} is stale: run `hub labels theme`"
        )
    bm = catalogues.theme_partial("bm")
    assert '"toc": "Sɛbɛn kɔnɔ"' in bm and '"search.config.lang": "en"' in bm
    assert '"toc": "Table des matières"' in catalogues.theme_partial("snk")  # no Soninké: French


def test_navigation_titles_come_from_the_catalogues():
    assert nav_translations("bm")["Méthodologies"] == "Baarakɛcogow"
    assert set(nav_translations("en")) == set(NAV_KEYS)
    assert nav_translations("snk") == {}  # French titles stay until a Soninké entry exists


def test_import_command_reads_a_python_dict(tmp_path, monkeypatch, capsys):
    from toolkit import cli

    project = tmp_path / "project"
    shutil.copytree(ROOT / "locales", project / "locales")
    (project / "overrides/partials/languages").mkdir(parents=True)
    (tmp_path / "new.py").write_text(
        'LABELS = {"test.new-key": {"fr": "Studio", "en": "Studio", "snk": "Studio (fr)"}}\n'
    )
    monkeypatch.setattr(cli, "project_root", lambda: project)
    try:
        assert cli.main(["labels", "import", str(tmp_path / "new.py"), "--without", "snk"]) == 0
        assert "1 keys added" in capsys.readouterr().out
        assert catalogues.source(project / "locales")["test.new-key"] == "Studio"
        assert "test.new-key" not in catalogues.translations("snk", project / "locales")
        assert (project / "overrides/partials/languages/bm.html").is_file()
    finally:
        catalogues.clear_cache()


def test_the_zim_metadata_of_every_language_fits_kiwix_limits():
    """The ZIM's title and descriptions come from the catalogues: in every language they stay
    within what Kiwix accepts (a draft too long would stop the kit build)."""
    from toolkit.kits.kiwix import zim_spec

    for lang in LANGUAGES:
        zim_spec(lang, "2026-12-01", "").check()  # what the kit build gives libzim
