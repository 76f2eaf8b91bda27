"""The Kiwix kit: a ZIM of the built fixture site, checked by libzim, zimcheck and kiwix-serve.

The fixture site is the session's build (conftest's fixture_site). zimcheck and kiwix-serve
come from Debian (``apt-get install zim-tools kiwix-tools``); without them those tests are
skipped, except under CI where they must be installed. zimcheck runs every test but ``-I``:
Debian's 3.1.3 is built on libzim 8 and rejects every file written by libzim 9 (see DESIGN.md).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

libzim = pytest.importorskip("libzim", reason="python-libzim is not installed (pip install libzim)")
pytest.importorskip("PIL", reason="Pillow is not installed (pip install Pillow)")

from libzim.reader import Archive  # noqa: E402
from libzim.search import Query, Searcher  # noqa: E402

from toolkit.content.languages import ISO639_3, LANGUAGES  # noqa: E402
from toolkit.kits.errors import KitError  # noqa: E402
from toolkit.kits.images import logo_png_48  # noqa: E402
from toolkit.kits.zim import ZimSpec, build_zim, rewrite_links  # noqa: E402

pytestmark = pytest.mark.build
IN_CI = os.environ.get("CI") == "true"

META = dict(
    title="Participation citoyenne Kayes",
    description="Méthodes, formations et fiches pour la participation citoyenne à Kayes",
    languages=[ISO639_3[lang] for lang in LANGUAGES],
    date="2026-01-15",
    name="participation-kayes_mul_all",
    creator="Grdr et Tuwindi",
    publisher="Grdr",
)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} is missing under CI: apt-get install zim-tools kiwix-tools")
        pytest.skip(f"{name} is not installed (Debian: apt-get install zim-tools kiwix-tools)")
    return found


@pytest.fixture(scope="module")
def zim(fixture_site: Path, tmp_path_factory) -> Path:
    """A ZIM of the session's build of the fixture tree (conftest's fixture_site, only read)."""
    out = tmp_path_factory.mktemp("zim") / "participation-kayes.zim"
    report = build_zim(fixture_site, out, ZimSpec(illustration_png_48=logo_png_48(), **META))
    # no sitemap without site_url (and the ZIM leaves one out anyway); the online site has no
    # Material search index any more (its own small index stays: the search box works in kiwix-serve)
    assert report.entries > 0 and set(report.skipped) <= {"sitemap.xml", "sitemap.xml.gz"}
    assert (fixture_site / "sitemap.xml").exists() == ("sitemap.xml" in report.skipped)
    assert (fixture_site / "search" / "fr" / "p" / "0.json").is_file()
    return out


def _search(archive: Archive, words: str) -> list[str]:
    search = Searcher(archive).search(Query().set_query(words))
    return list(search.getResults(0, 20))


def test_archive_is_valid_and_opens_on_the_home_page(zim):
    archive = Archive(zim)
    assert archive.entry_count > 0
    assert archive.main_entry.get_item().path == "index.html"
    assert "Accueil" in archive.main_entry.get_item().title
    assert archive.check()
    assert archive.has_fulltext_index and archive.has_title_index
    assert archive.has_illustration(48)
    assert bytes(archive.get_metadata("Language")).decode() == "fra,eng,bam,snk"
    assert bytes(archive.get_metadata("Title")).decode() == META["title"]


def test_every_language_is_in_the_archive_with_its_mimetype(zim):
    archive = Archive(zim)
    for prefix in ("", "en/", "bm/", "snk/"):
        item = archive.get_entry_by_path(
            prefix + "methodologies/debat-budget/index.html"
        ).get_item()
        assert item.mimetype == "text/html"
    assert archive.get_entry_by_path("bm/index.html").get_item().title.startswith("Daminɛ")
    assert archive.get_entry_by_path("assets/hub.css").get_item().mimetype == "text/css"
    assert not archive.has_entry_by_path("search/search_index.json")
    # links point at files inside the book, never at the server's root
    home = bytes(archive.get_entry_by_path("bm/index.html").get_item().content).decode()
    assert 'href="/"' not in home and 'href="../index.html"' in home
    # folder URLs typed by hand or built by scripts still land on the page
    assert archive.get_entry_by_path("methodologies/debat-budget/").is_redirect


def test_full_text_search_finds_french_and_bambara(zim):
    archive = Archive(zim)
    assert any("budget" in path for path in _search(archive, "budget"))
    assert "bm/index.html" in _search(archive, "Daminɛ")


def test_two_builds_give_the_same_bytes(fixture_site, zim, tmp_path):
    again = tmp_path / "again.zim"
    build_zim(fixture_site, again, ZimSpec(illustration_png_48=logo_png_48(), **META))
    assert again.read_bytes() == zim.read_bytes()
    assert Archive(again).check()


@pytest.mark.needs_zimcheck
def test_zimcheck_passes(zim):
    zimcheck = _tool("zimcheck")
    result = subprocess.run(
        [zimcheck, "-0", "-C", "-M", "-F", "-P", "-R", "-U", "-X", "-L", str(zim)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.read().decode("utf-8", "replace")


@pytest.mark.needs_kiwix_serve
@pytest.mark.browser
def test_kiwix_serve_serves_the_home_page_and_searches(zim, browser):
    kiwix_serve = _tool("kiwix-serve")
    port = _free_port()
    server = subprocess.Popen(
        [kiwix_serve, "--port", str(port), "--address", "127.0.0.1", str(zim)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    book = zim.stem  # kiwix-serve 3.3 names the book after the file
    base = f"http://127.0.0.1:{port}"
    try:
        deadline, home = time.monotonic() + 20, None
        while home is None:
            try:
                home = _get(f"{base}/{book}/")  # redirects to the main page
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert "<title>Accueil" in home
        query = urllib.parse.urlencode({"content": book, "pattern": "budget"})
        results = _get(f"{base}/search?{query}")
        assert f"/{book}/formations/budget-101/index.html" in results
        query = urllib.parse.urlencode({"content": book, "pattern": "Daminɛ"})
        assert f"/{book}/bm/index.html" in _get(f"{base}/search?{query}")
        # In Chromium, the pages of the ZIM ask nothing of any other host.
        page = browser.new_page()
        outside = []
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:", "blob:")) else outside.append(r.url),
        )
        for path in (
            "",
            "methodologies/debat-budget/index.html",
            "en/index.html",
            "glossaire/index.html",
        ):
            page.goto(f"{base}/{book}/{path}")
            page.wait_for_load_state("load")
        page.close()
        assert outside == []
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.mark.parametrize(
    "change, words",
    [
        ({"title": "Participation citoyenne des femmes et des jeunes"}, "title has 48 characters"),
        ({"description": "x" * 81}, "description has 81 characters"),
        ({"languages": ["fr", "eng"]}, "'fr' is not an ISO 639-3 code"),
        ({"date": "15/01/2026"}, "is not YYYY-MM-DD"),
        ({"name": "participation kayes"}, "name 'participation kayes'"),
        ({"publisher": " "}, "publisher is empty"),
    ],
)
def test_metadata_kiwix_would_reject_is_refused(change, words):
    with pytest.raises(KitError, match=words):
        ZimSpec(**{**META, **change, "illustration_png_48": logo_png_48()}).check()


def test_illustration_must_be_a_48_pixel_png():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (64, 64)).save(buffer, "PNG")
    with pytest.raises(KitError, match="64×64"):
        ZimSpec(**META, illustration_png_48=buffer.getvalue()).check()
    with pytest.raises(KitError, match="not a PNG"):
        ZimSpec(**META, illustration_png_48=b"GIF89a").check()
    ZimSpec(**META, illustration_png_48=logo_png_48()).check()
    assert logo_png_48() == logo_png_48()


def test_links_are_rewritten_to_files_inside_the_book():
    paths = {
        "index.html",
        "en/index.html",
        "contribuer/index.html",
        "contribuer/champs/index.html",
        "assets/hub.css",
        "methodologies/x/index.html",
    }
    cases = {
        ("contribuer/champs/index.html", "../.."): "../../index.html",
        ("contribuer/champs/index.html", "../../"): "../../index.html",
        ("en/index.html", "/"): "../index.html",
        ("index.html", "/en/"): "en/index.html",
        ("index.html", "./"): "index.html",
        ("methodologies/x/index.html", "../../assets/hub.css?v=1"): "../../assets/hub.css?v=1",
        ("methodologies/x/index.html", "./#steps"): "index.html#steps",
        ("index.html", "https://example.org/"): "https://example.org/",
        ("index.html", "#top"): "#top",
        ("index.html", "missing/"): "missing/",
    }
    for (page, link), expected in cases.items():
        assert rewrite_links(page, f'<a href="{link}">', paths) == f'<a href="{expected}">', link
