"""The kits at the end of `mkdocs build`: built once after all languages, listed on the
downloads page of every language, linked from each content page, verified, reproducible,
cached, and the SaheLink offline site works from file:// in Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import require_chromium
from conftest import make_site_tree

from toolkit.kits.errors import KitError
from toolkit.kits.verification import verify

pytestmark = pytest.mark.build
SNAPSHOT: dict[str, bytes] = {}  # site/downloads after the fixture's builds: name -> bytes


def _build(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CI": "", "HUB_KITS": "1", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_site_tree(tmp_path_factory.mktemp("kits") / "hub")
    first = _build(root)
    assert first.returncode == 0, first.stderr[-3000:]
    sums = (root / "site/downloads/SHA256SUMS").read_text()
    second = _build(root)
    assert second.returncode == 0, second.stderr[-3000:]
    SNAPSHOT.update(_downloads(root))  # for the build under another clock, which runs last
    return root, first.stderr, second.stderr, sums


def test_kits_are_built_once_after_all_languages(built):
    _, log, _, _ = built
    assert log.count("kits built in") == 1
    assert log.index("Building 'snk' documentation") < log.index("kits built in")


def test_second_build_reuses_every_export_and_gives_the_same_bytes(built):
    root, first, second, sums = built
    times = [float(re.search(r"kits built in ([\d.]+) s", log)[1]) for log in (first, second)]
    assert "0 documents exported" in second and "0 documents exported" not in first
    assert (root / "site/downloads/SHA256SUMS").read_text() == sums
    print(f"kit time: first build {times[0]:.1f} s, second {times[1]:.1f} s")


def test_kits_verify_and_are_indexed(built):
    root, *_ = built
    downloads = root / "site/downloads"
    index = json.loads((downloads / "kits.json").read_text())
    files = {kit["file"] for kit in index["kits"]}
    assert {
        "sahelink-fr.zip",
        "sahelink-en.zip",
        "lenali.zip",
        "kayes-hub_fr.zim",
        "kayes-hub_bm.zim",
    } <= files
    for name in sorted(f for f in files if not f.endswith(".zim")):
        assert verify(downloads / name) == [], name
    assert verify(downloads / "kiwix") == []
    with zipfile.ZipFile(downloads / "sahelink-fr.zip") as archive:
        names = archive.namelist()
    assert names == sorted(names) and not any(n.startswith("/") or ".." in n for n in names)
    assert any(n.endswith("documents/methodology/debat-budget.fr.pdf") for n in names)
    assert any(n.endswith("site/index.html") for n in names)


def test_downloads_pages_and_download_blocks(built):
    root, *_ = built
    site = root / "site"
    index = json.loads((site / "downloads/kits.json").read_text())
    for prefix in ("", "en/", "bm/", "snk/"):
        page = (site / prefix / "telechargements/index.html").read_text()
        for kit in index["kits"]:
            assert kit["sha256"] in page and kit["file"] in page
    method = site / "methodologies/debat-budget/index.html"
    links = re.findall(r'<p class="hub-download">.*?</p>', method.read_text())[0]
    for href in re.findall(r'href="([^"]+)"', links):
        assert (method.parent / href).resolve().is_file(), href


def test_offline_pages_are_html_not_escaped_text(built):
    """The offline build's pages print their content as HTML: Material's search plugin (on
    offline only) turned the marked content back into a string, which the autoescaping templates
    then printed as text (every kit page showed its source)."""
    root, *_ = built
    with zipfile.ZipFile(root / "site/downloads/sahelink-fr.zip") as archive:
        pages = [n for n in archive.namelist() if n.endswith(".html")]
        assert pages
        for name in pages:
            text = archive.read(name).decode("utf-8")
            assert "&lt;p&gt;" not in text and "&lt;h1" not in text, name


def test_offline_site_works_from_file_urls(built, browser, tmp_path):
    require_chromium()
    root, *_ = built
    with zipfile.ZipFile(root / "site/downloads/sahelink-fr.zip") as archive:
        archive.extractall(tmp_path)
    home = next(tmp_path.rglob("site/index.html"))
    folder = home.parent.as_uri()
    page = browser.new_page()
    outside, console = [], []
    page.on("console", lambda m: console.append(m.text))
    page.on("requestfailed", lambda r: console.append(f"failed: {r.url.rsplit('/', 1)[-1]}"))
    page.on(
        "request",
        lambda r: None if r.url.startswith((folder, "data:", "blob:")) else outside.append(r.url),
    )
    page.goto(home.as_uri())
    page.get_by_role("link", name="le débat budgétaire").first.click()
    assert page.url.split("#")[0].endswith("methodologies/debat-budget/index.html")
    page.wait_for_load_state("load")
    # typed key by key, as a reader does: Material reads the query on keyup (and when its index
    # is ready); fill() sends no keyup, so a query filled after the index was ready went unread
    page.locator("input.md-search__input").press_sequentially("budget")
    try:
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
    except Exception:
        raise AssertionError(
            f"no search result; console: {[c for c in console if 'sitemap' not in c][:8]}"
        ) from None
    page.keyboard.press("Escape")
    # the page links to its own files in the kit; one language per kit: no link of the page
    # points at a file the kit lacks (the other languages' pages are not in it)
    assert page.locator("p.hub-download a").count() == 3
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    inside = [unquote(urlsplit(h).path) for h in hrefs if h.startswith(folder)]
    assert inside and [h for h in inside if not Path(h).exists()] == []
    assert not [h for h in inside if "/site/en/" in h]
    page.close()
    assert outside == []


def test_a_failing_kit_leaves_the_previous_downloads_untouched(built, monkeypatch):
    from toolkit.checks.validate import validate_tree
    from toolkit.kits import build as kits_build

    root, *_ = built
    site = root / "site"
    before = (site / "downloads/SHA256SUMS").read_text()
    monkeypatch.setattr(type(kits_build.KITS["lenali"]), "budget", lambda kit, lang: 10)
    request = kits_build.KitsRequest(kits=("lenali",), progress=lambda _: None)
    with pytest.raises(KitError) as caught:
        kits_build.build_kits(root, site, validate_tree(root), request)
    assert re.fullmatch(
        r"downloads/lenali\.zip: \[kit-budget\] lenali: lenali\.zip weighs .* over its 0.0 MB "
        r"budget\. Fix: .*toolkit/kits/lenali\.py \(budget\)\.",
        str(caught.value.problems[0]),
    )
    assert (site / "downloads/SHA256SUMS").read_text() == before
    assert not (site / ".downloads.tmp").exists()


def test_hub_kits_builds_one_kit_and_hub_verify_checks_it(built, monkeypatch, capsys):
    from toolkit import cli

    root, *_ = built
    monkeypatch.chdir(root)
    assert cli.main(["kits", "--kit", "zim"]) == 0
    # one ZIM per language with text of its own: the fixture's Soninké is its home page only
    assert "3 kits built" in capsys.readouterr().out
    index = json.loads((root / "site/downloads/kits.json").read_text())
    assert [kit["kit"] for kit in index["kits"]] == ["zim"] * 3
    assert cli.main(["verify", str(root / "site/downloads/kiwix")]) == 0
    manifest = root / "site/downloads/kiwix/kayes-hub_fr.zim"
    manifest.write_bytes(manifest.read_bytes()[:-10])
    assert cli.main(["verify", str(root / "site/downloads/kiwix")]) == 1
    assert "kayes-hub_fr.zim" in capsys.readouterr().out


def _downloads(root: Path) -> dict[str, bytes]:
    folder = root / "site" / "downloads"
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


#: Loaded by every Python process of the second build (PYTHONPATH): each folder is listed in
#: reverse name order, which neither the file system's order nor a sorted walk gives, so that a
#: walk the build forgot to sort changes the bytes. It leaves a mark that it ran.
REVERSED_LISTING = """
import os

_scandir, _listdir = os.scandir, os.listdir


class _Listed:
    def __init__(self, entries):
        self._entries = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._entries)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def close(self):
        pass


def scandir(path="."):
    with _scandir(path) as found:
        return _Listed(sorted(found, key=lambda entry: entry.name, reverse=True))


def listdir(path="."):
    return sorted(_listdir(path), reverse=True)


os.scandir, os.listdir = scandir, listdir
with open(os.environ["HUB_TEST_LISTING_MARK"], "a") as mark:
    mark.write("reversed")
"""


@pytest.mark.needs_faketime
def test_kits_are_the_same_bytes_under_another_clock_time_zone_locale_umask_and_listing(
    built, tmp_path
):
    """Every kit, export and ZIM made again from nothing (the kits' cache emptied) three years
    later by the clock (libfaketime), in another time zone, locale and umask, with every folder
    listed in another order: the same bytes. Runs last in this module: it rebuilds the kits
    its other tests read."""
    import shutil

    root, *_ = built
    before = dict(SNAPSHOT)
    shutil.rmtree(root / ".cache" / "kits")
    (tmp_path / "sitecustomize.py").write_text(REVERSED_LISTING, encoding="utf-8")
    mark = tmp_path / "listing.mark"
    env = {
        **os.environ,
        "CI": "",
        "HUB_KITS": "1",
        "NO_MKDOCS_2_WARNING": "1",
        "TZ": "Pacific/Kiritimati",  # UTC+14; the first builds run in the machine's (UTC here)
        "LC_ALL": "C.UTF-8",  # the first builds: the machine's (POSIX here)
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(tmp_path),
        "HUB_TEST_LISTING_MARK": str(mark),
    }
    again = subprocess.run(
        ["faketime", "2029-07-15 23:59:30", sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
        preexec_fn=lambda: os.umask(0o077),
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert "0 documents exported" not in again.stderr  # made again, not read from the cache
    assert mark.is_file(), "the reversed listing was not loaded"
    after = _downloads(root)
    assert sorted(after) == sorted(before)
    different = [name for name in before if before[name] != after[name]]
    assert different == [], f"{len(different)} files differ, first: {different[:8]}"
