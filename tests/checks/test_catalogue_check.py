"""hub check reads the translators' .po files as content: each problem at its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit.checks.catalogues import MAX_CHARS, catalogue_problems

ROOT = Path(__file__).resolve().parents[2]
PO = "locales/bm/LC_MESSAGES/hub.po"


def _tree(tmp_path: Path, entries: str) -> Path:
    root = tmp_path / "hub"
    (root / "locales" / "bm" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(ROOT / "locales" / "hub.pot", root / "locales" / "hub.pot")
    (root / PO).write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries,
        encoding="utf-8",
    )
    return root


def test_the_real_catalogues_have_no_problem():
    assert catalogue_problems(ROOT) == []


def test_hostile_or_broken_entries_are_named_at_their_line(tmp_path):
    long = "a" * (MAX_CHARS + 1)
    root = _tree(
        tmp_path,
        'msgctxt "no.such.key"\nmsgid "x"\nmsgstr "y"\n\n'  # line 5
        'msgctxt "duration.format"\nmsgid "{amount} {unit}"\nmsgstr "{amount.__class__}"\n\n'
        f'msgctxt "edit"\nmsgid "Modifier"\nmsgstr "{long}"\n\n'
        'msgctxt "translate"\nmsgid "Traduire"\nmsgstr "a\\u0007b\x1bc"\n',
    )
    found = [str(p) for p in catalogue_problems(root)]
    assert found[0] == (
        f"{PO}:6: [po] The key 'no.such.key' is not in locales/hub.pot: the site never shows it. "
        "Fix: Remove the entry, or add the key to locales/hub.pot (`hub labels import`)."
    )
    assert found[1].startswith(
        f"{PO}:10: [po] The translation of 'duration.format' must hold the placeholders "
        "{amount} {unit} exactly as the French text does (it holds none)."
    )
    assert found[2].startswith(f"{PO}:14: [po] The translation of 'edit' has {MAX_CHARS + 1}")
    assert found[3].startswith(f"{PO}:18: [po] The translation of 'translate' holds an invisible")
    assert len(found) == 4


def test_a_file_that_is_not_utf8_is_a_problem_not_a_traceback(tmp_path):
    root = _tree(tmp_path, "")
    (root / PO).write_bytes(b'msgctxt "edit"\nmsgid "Modifier"\nmsgstr "\xff\xfe"\n')
    found = catalogue_problems(root)
    assert len(found) == 1 and found[0].path == PO and found[0].check == "po"


def test_personal_data_in_an_interface_string_is_named_at_its_line(tmp_path):
    """Interface strings are printed in every page's header and footer, the kits' covers and the
    ZIMs' metadata, where the check of a page's body does not look: they are read here, folded
    as page text is (issue 25)."""
    root = _tree(
        tmp_path,
        'msgctxt "copyright"\nmsgid "x"\nmsgstr ""\n"Contact : 7\u20606 1\u30002 '
        '\uff13\uff14 \u2464\u2465"\n\n'  # a joiner, an ideographic space, fullwidth, circled
        'msgctxt "edit"\nmsgid "Modifier"\nmsgstr "ecrire a awa.diarra%40example.org"\n\n'
        'msgctxt "translate"\nmsgid "Traduire"\nmsgstr "Traduire (2024-2026)"\n',
    )
    pot = root / "locales" / "hub.pot"
    pot.write_text(
        pot.read_text(encoding="utf-8")
        + '\nmsgctxt "x.wa"\nmsgid "Écrivez sur https://wa.me/22376123456"\nmsgstr ""\n',
        encoding="utf-8",
    )
    pot_line = pot.read_text(encoding="utf-8").count("\n") - 1
    found = [str(p) for p in catalogue_problems(root) if "[personal-data]" in str(p)]
    fix = (
        "Fix: Remove it: interface strings name roles and institutions, never a person's number "
        "or address (the studio's contact is the operator's, in mkdocs.yml: extra.hub.contact)."
    )
    assert found == [
        f"locales/hub.pot:{pot_line}: [personal-data] An interface string shows what looks like "
        f"a phone number: 'wa.me/22376123456'. {fix}",
        f"{PO}:7: [personal-data] An interface string shows what looks like a phone number: "
        f"'76 1 2 34 56'. {fix}",
        f"{PO}:12: [personal-data] An interface string shows what looks like an e-mail address: "
        f"'awa.diarra@example.org'. {fix}",
    ]


def test_a_catalogue_too_large_or_unreadable_is_named_and_the_site_shows_french(tmp_path):
    """The build reads the catalogues before it validates anything (the site's name, the
    navigation): a file Babel cannot read, or one too large to parse quickly, is left out there
    (the French text is shown) and named by the check, never a traceback."""
    from toolkit.checks.catalogues import MAX_CATALOGUE_BYTES
    from toolkit.render import catalogues

    root = _tree(tmp_path, "")
    po = root / PO
    po.write_bytes(b'msgctxt "edit"\nmsgid "Modifier"\nmsgstr "\xff\xfe"\n')
    assert catalogues.translations("bm", root / "locales") == {}
    catalogues.clear_cache()
    po.write_text(
        'msgctxt "edit"\nmsgid "Modifier"\nmsgstr "Changer"\n\n# '
        + "x" * MAX_CATALOGUE_BYTES
        + "\n",
        encoding="utf-8",
    )
    assert catalogues.translations("bm", root / "locales") == {}
    assert [str(p) for p in catalogue_problems(root)] == [
        f"{PO}:1: [po] The catalogue is 1.0 MB, over the limit of 1 MB: the site does not read "
        "it. Fix: Keep the entries of locales/hub.pot only, each a short string (Poedit removes "
        "the others)."
    ]
    po.write_text('msgctxt "edit"\nmsgid "Modifier"\nmsgstr "Changer"\n', encoding="utf-8")
    catalogues.clear_cache()  # a new build
    assert catalogues.translations("bm", root / "locales")["edit"].text == "Changer"
    catalogues.clear_cache()
