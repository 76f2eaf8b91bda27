"""The benchmark's measuring tool: its gzip server behaves like a static host, its report is
appended, and a quick run builds both sides, measures them in Chromium and writes the table."""

from __future__ import annotations

import datetime as dt
import gzip
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import require_chromium

from bench.measure import GzipServer, prepare_zensical, write_markdown

ROOT = Path(__file__).resolve().parents[2]
HTML = "<!doctype html><title>t</title><p>" + "budget de la commune " * 200 + "</p>\n"


def _get(url: str, accept_gzip: bool = True):
    request = urllib.request.Request(
        url, headers={"Accept-Encoding": "gzip"} if accept_gzip else {}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


@pytest.fixture
def served(tmp_path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "app.js").write_text("console.log('x');\n" * 100, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    with GzipServer(tmp_path) as server:
        yield server.url


def test_text_is_served_gzipped_and_decodes(served):
    headers, body = _get(f"{served}/page/")
    assert headers["Content-Encoding"] == "gzip"
    assert int(headers["Content-Length"]) == len(body) < len(HTML.encode())
    assert headers["Content-Type"].startswith("text/html")
    assert gzip.decompress(body).decode("utf-8") == HTML
    headers, body = _get(f"{served}/app.js")
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).decode() == "console.log('x');\n" * 100


def test_no_gzip_unless_accepted_and_never_for_images(served):
    headers, body = _get(f"{served}/page/index.html", accept_gzip=False)
    assert headers.get("Content-Encoding") is None and body.decode("utf-8") == HTML
    headers, body = _get(f"{served}/image.png")
    assert headers.get("Content-Encoding") is None and len(body) == 308


def test_missing_file_is_404_and_folder_redirects(served):
    with pytest.raises(urllib.error.HTTPError) as error:
        _get(f"{served}/nothing.html")
    assert error.value.code == 404
    headers, body = _get(f"{served}/page")  # redirected to /page/, then gzipped
    assert gzip.decompress(body).decode("utf-8") == HTML


def test_results_are_appended(tmp_path):
    out = tmp_path / "bench" / "RESULTS.md"
    info = {
        "platform": "Linux-x",
        "cpu": "2 × cpu",
        "memory": "1.0 GiB",
        "python": "3.11",
        "chromium": "Chromium 1",
        "packages": "mkdocs 1",
    }
    rows = [["first view: transferred, gzip (KB)", "≤ 60", "50.0", "100.0", "0.50", "ok", "40.0"]]
    write_markdown(out, rows, ["a note"], info, dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC), "cmd")
    write_markdown(out, rows, ["a note"], info, dt.datetime(2026, 1, 3, 3, 4, tzinfo=dt.UTC), "cmd")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results")
    assert "## 2026-01-02 03:04 UTC" in text and "## 2026-01-03 03:04 UTC" in text
    assert text.index("2026-01-02") < text.index("2026-01-03")
    assert "| metric | budget | hub | default | hub/default |" in text
    assert "machine: Linux-x; CPU 2 × cpu; memory 1.0 GiB; Python 3.11" in text


@pytest.mark.build
@pytest.mark.browser
def test_quick_run_prints_both_sides_and_writes_markdown(tmp_path):
    require_chromium()
    out = tmp_path / "RESULTS.md"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.measure",
            "--quick",
            "--docs",
            "4",
            "--no-real",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    header = run.stdout.splitlines()[0].split()
    assert header[:5] == ["metric", "budget", "hub", "default", "hub/default"]
    assert header[-4:] == ["zensical", "(fr)", "real", "site"]
    lines = {line.split("  ")[0].strip(): line for line in run.stdout.splitlines()}
    first_view = lines["first view: transferred, gzip (KB)"].split()
    assert all(float(v) > 0 for v in first_view[-6:-4])  # hub and default both measured
    assert float(first_view[-2]) > 0 and first_view[-1] == "–"  # Zensical measured, no real site
    assert lines["languages built"].split()[-2] == "1"  # Zensical: French only
    assert float(lines["build: pages/s"].split()[-2]) > 0
    search_before = lines["first view: search bytes before any search (KB)"].split()
    assert float(search_before[-2]) > 0  # Zensical loads its index with the page
    assert "zensical: no search box found" not in run.stdout  # its search dialog was used
    assert "snk" in run.stdout  # the output says Soninké is left out of the default build
    text = out.read_text(encoding="utf-8")
    assert (
        "| metric | budget | hub | default | hub/default | hub vs budget | zensical (fr) "
        "| real site |"
    ) in text
    assert " UTC" in text and "- machine: " in text and "CPU " in text
    assert "lighthouse: skipped (--quick)" in text


def test_zensical_gets_the_french_pages_of_the_corpus(tmp_path):
    docs = tmp_path / "corpus" / "docs"
    (docs / "methodologies" / "m").mkdir(parents=True)
    (docs / "assets").mkdir()
    for name in ("index.fr.md", "index.en.md", "index.snk.md", "capsule.fr.md", "figure.png"):
        (docs / "methodologies" / "m" / name).write_text(name, encoding="utf-8")
    (docs / "index.fr.md").write_text("accueil", encoding="utf-8")
    (docs / "assets" / "hub.css").write_text("a{}", encoding="utf-8")
    root = tmp_path / "zensical"
    assert prepare_zensical(tmp_path / "corpus", root, root / "site") == 3
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == [
        "docs/index.md",
        "docs/methodologies/m/capsule.md",
        "docs/methodologies/m/figure.png",
        "docs/methodologies/m/index.md",
        "zensical.toml",
    ]
    assert (root / "docs/methodologies/m/index.md").read_text(encoding="utf-8") == "index.fr.md"
    config = (root / "zensical.toml").read_text(encoding="utf-8")
    assert 'site_dir = "site"' in config and 'language = "fr"' in config


def test_zensical_build_is_stopped_at_its_time_limit(tmp_path, monkeypatch):
    import bench.measure as measure

    (tmp_path / "corpus" / "docs").mkdir(parents=True)
    (tmp_path / "corpus" / "docs" / "index.fr.md").write_text("# Accueil\n", encoding="utf-8")
    slow = [sys.executable, "-c", "import time; time.sleep(60)"]
    monkeypatch.setattr(measure, "zensical_command", lambda: slow)
    build = measure.run_zensical(tmp_path / "corpus", tmp_path / "work", timeout=1)
    assert not build.ok and build.seconds < 30
    assert build.error.startswith("stopped after 1 s, to keep the whole run under 30 minutes")
    monkeypatch.setattr(measure, "zensical_command", lambda: None)
    missing = measure.run_zensical(tmp_path / "corpus", tmp_path / "work2")
    assert not missing.ok and missing.error == measure.ZENSICAL_MISSING


def test_the_real_site_without_site_url_has_its_own_seo_rows(tmp_path):
    """Lighthouse SEO must be 100 with and without site_url (issue 27): the real site built
    without one gets a row per page, judged against the SEO budget."""
    from bench.measure import Build, Side, table

    side = Side(Build("hub", tmp_path))
    bare = Side(Build("real site, no site_url", tmp_path))
    bare.lighthouse = {"methodology": {"seo": 100}, "home": {"seo": 92}}
    rows = {row[0]: row for row in table(side, side, None, [], None, None, bare)}
    assert rows["lighthouse methodology: seo, real site without site_url"][-3:] == [
        "ok",
        "–",
        "100",
    ]
    assert rows["lighthouse home: seo, real site without site_url"][-3:] == ["UNDER", "–", "92"]
    assert rows["lighthouse catalogue: seo, real site without site_url"][-1] == "–"  # not measured
    without = table(side, side, None, [], "lighthouse: skipped (--quick)", None, bare)
    assert not [row for row in without if "without site_url" in row[0]]
