"""No page links to a kit that is not there (toolkit.kits.downloads): the download blocks are held
in a comment while the kits are built, released when every kit is in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.kits import build as kits_build
from toolkit.kits.downloads import hold_download_links, release_download_links
from toolkit.render.downloads import download_block

BLOCK = '<p class="hub-download"><strong>Télécharger</strong> : <a href="../../downloads/x.pdf" download>PDF</a></p>'


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "methodologies/x").mkdir(parents=True)
    (site / "methodologies/x/index.html").write_text(f"<main>{BLOCK}<p>texte</p></main>")
    (site / "index.html").write_text("<main>accueil</main>")
    return site


def test_hold_then_release_gives_the_page_back(tmp_path):
    site = _site(tmp_path)
    page = site / "methodologies/x/index.html"
    original = page.read_text()
    assert hold_download_links(site) == 1
    held = page.read_text()
    assert "<a " not in held.replace("<!--hub:held-download", "").split("-->")[-1]
    assert 'href="../../downloads' not in held.split("<!--hub:held-download")[0]
    assert release_download_links(site) == 1 and page.read_text() == original


def test_the_block_the_pages_carry_can_be_held():
    from types import SimpleNamespace

    doc = SimpleNamespace(
        kind="methodology",
        slug="cycle-ccap",
        folder="methodologies/cycle-ccap",
        lang="fr",
        export_stem="cycle-ccap",
    )
    block = download_block(doc, "fr").strip()
    assert block.startswith('<p class="hub-download">') and "--" not in block


def test_a_kit_build_that_dies_leaves_no_link(tmp_path, monkeypatch):
    site = _site(tmp_path)
    monkeypatch.setattr(
        type(kits_build.KITS["zim"]),
        "build",
        lambda *args: (_ for _ in ()).throw(KeyboardInterrupt()),
    )
    result = type("R", (), {"corpus": None})()
    request = kits_build.KitsRequest(kits=("zim",), progress=lambda _: None)
    with pytest.raises(KeyboardInterrupt):
        kits_build.build_kits(tmp_path, site, result, request)
    text = (site / "methodologies/x/index.html").read_text()
    assert text.startswith("<main><!--hub:held-download ") and not (site / "downloads").exists()
