"""Measure the hub against a default Material + mkdocs-static-i18n site, as the "Low bandwidth"
issue asks, and write the results to a Markdown file.

One run:

1. generates a corpus (``bench.corpus.generate``: ``--docs`` items of each of the four
   content types, in four languages) into a temporary folder;
2. builds it twice: with this hub's configuration (``HUB_KITS=0 python -m mkdocs build``) and with
   ``default_mkdocs.yml`` (theme material with its defaults, plugins search + i18n, no hooks, no
   overrides; Soninké cannot be configured in upstream mkdocs-static-i18n, so ``*.snk.md`` files
   are left out of that build). Each build is timed, its HTML pages counted and its peak memory
   read from the child's resource usage (``os.wait4``);
3. builds the French part of the same corpus with Zensical (the Material team's successor, which
   has one language per project), its default theme and no configuration but the site name and
   ``language = "fr"``: ``*.fr.md`` become ``*.md``, images kept, the hub's own assets left out;
   then the real site (this repository, ``HUB_KITS=0``) into a temporary folder;
4. serves every site over 127.0.0.1 with gzip (``GzipServer``, as a static host would) and measures
   in Debian's chromium (Playwright, CDP): first view of a methodology page with a cold cache
   (bytes transferred, requests, requests to any other host, search-related bytes fetched before
   the reader touches search), the extra bytes of the first search query, and the first
   contentful paint under emulated slow 3G (400 ms latency, 400 kbit/s, cache disabled);
5. runs Lighthouse (mobile preset) on a methodology page, a curriculum, a catalogue and the home
   page when ``npx --no-install lighthouse`` works in ``bench/`` (``make bench`` installs it
   there from bench/package.json; this tool never installs anything); the hub and the real site
   are built for the address they are served from (``site_url``), and the real site is built
   again without one for Lighthouse SEO on the same pages (its pages then leave out the hreflang
   alternates, which would be relative);
6. builds smaller corpora (``--sizes``, in documents of all types together) on both sides for
   the build throughput and memory curve;
7. prints one table (hub, default, hub/default, Zensical in French, real site) and appends it, with the date (UTC) and
   the machine, to ``--out`` (default ``bench/RESULTS.md``).

    python -m bench.measure [--docs 250] [--sizes 250,500,1000] [--out bench/RESULTS.md] [--quick]
                            [--no-zensical]

``--quick`` (for the tests): a 10-item corpus, one FCP run, no Lighthouse, no sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import io
import json
import mimetypes
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import KINDS, SLUG_STEM, generate

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = Path(__file__).with_name("default_mkdocs.yml")
DEFAULT_OUT = REPO / "bench" / "RESULTS.md"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
#: The Chromium arguments of tests/browser.py, plus a resolver that fails every host but the
#: loopback at once: requests to other hosts are still made (and counted), but never wait on this
#: machine's access to the internet, so timings do not depend on it.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_ARGS = ARGS + ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
#: Emulated slow 3G of the issue: 400 ms latency, 400 kbit/s both ways (bytes per second).
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
QUERY = "budget"
#: Budgets of the issue (for the hub side).
BUDGET_FIRST_VIEW_KB = 60
BUDGET_FIRST_QUERY_KB = 150
BUDGET_FCP_S = 1.5
BUDGET_PAGES_PER_S = 100
BUDGET_PEAK_MB = 1536
BUDGET_BUILD_TIME_RATIO = 0.5  # at most half the default stack's build time
#: Lighthouse minimum scores (0-100) per category.
BUDGET_LIGHTHOUSE = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
#: Pages measured, per side: (corpus path, real-site preferred path, section to pick from).
PAGES = {
    "methodology": ("methodologies/{m}/", "methodologies/cycle-ccap/", "methodologies"),
    "curriculum": ("formations/{c}/", "formations/budget-plaidoyer/", "formations"),
    "catalogue": ("methodologies/", "methodologies/", None),
    "home": ("", "", None),
}
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_MISSING = "lighthouse: not installed (npm i -D lighthouse)"


# --- A static host with gzip ----------------------------------------------------------------------

#: Content types a static host compresses (images and fonts are already compressed).
GZIP_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/manifest+json",
    "image/svg+xml",
)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host: text responses gzipped (level 6, nginx's and most hosts'
    default level being 1 to 6) when the request accepts gzip, with Content-Encoding and the
    compressed Content-Length. Compressed bytes are kept per file and modification time."""

    compresslevel = 6
    _cache: dict[tuple[str, int], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, *args):  # quiet
        pass

    def _accepts_gzip(self) -> bool:
        for part in self.headers.get("Accept-Encoding", "").split(","):
            name, _, params = part.strip().partition(";")
            if name.strip().lower() in ("gzip", "*") and params.replace(" ", "") != "q=0":
                return True
        return False

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            parts = urllib.parse.urlsplit(self.path)
            if not parts.path.endswith("/"):
                return super().send_head()  # the redirect to the folder with a slash
            index = os.path.join(path, "index.html")
            if not os.path.isfile(index):
                return super().send_head()
            path = index
        ctype = self.guess_type(path)
        if not (os.path.isfile(path) and ctype.startswith(GZIP_TYPES) and self._accepts_gzip()):
            return super().send_head()
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns)
        with self._lock:
            body = self._cache.get(key)
        if body is None:
            with open(path, "rb") as handle:
                body = gzip.compress(handle.read(), compresslevel=self.compresslevel, mtime=0)
            with self._lock:
                self._cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


class GzipServer:
    """Serves ``folder`` on 127.0.0.1 (a free port) with gzip until stopped; a context manager."""

    def __init__(self, folder: Path, port: int = 0):
        handler = lambda *a, **k: GzipHandler(*a, directory=str(folder), **k)  # noqa: E731
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @staticmethod
    def free_port() -> int:
        """A port free now on the loopback: a site is built for its address, then served there."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def __enter__(self) -> GzipServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# --- Builds ----------------------------------------------------------------------------------------


@dataclass
class Build:
    label: str
    site: Path
    seconds: float = 0.0
    pages: int = 0
    peak_rss_mb: float = 0.0
    ok: bool = False
    error: str = ""
    search_index_gz: int | None = None
    languages: int = 0
    port: int = 0  # where the site is served (hub and real site are built for that address)

    @property
    def pages_per_s(self) -> float | None:
        return self.pages / self.seconds if self.ok and self.seconds else None


def run_build(
    label: str,
    root: Path,
    site: Path,
    config: str | None = None,
    timeout: int = 3600,
    command: list[str] | None = None,
    site_url: bool = True,
) -> Build:
    """``python -m mkdocs build`` in ``root`` (HUB_KITS=0), or ``command``, timed, with the
    child's peak RSS.

    The hub is built for the address it is then served from (HUB_SITE_URL, as CI sets the
    published address), so that its pages carry absolute hreflang and canonical addresses;
    with ``site_url`` False, for no address (a preview, a copy served from anywhere)."""
    if command is None:
        command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
        if config:
            command += ["--config-file", config]
    port = GzipServer.free_port()
    env = {
        **os.environ,
        "HUB_KITS": "0",
        "CI": "",
        "NO_MKDOCS_2_WARNING": "1",
        "OFFLINE": "false",
        "HUB_SITE_URL": f"http://127.0.0.1:{port}/",
    }
    if not site_url:
        del env["HUB_SITE_URL"]
    result = Build(label, site, port=port)
    log = site.parent / f"{site.name}.log"
    site.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=root, stdout=out, stderr=subprocess.STDOUT, env=env)
        timer = threading.Timer(timeout, lambda: proc.send_signal(signal.SIGKILL))
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own resource usage
        finally:
            timer.cancel()
        result.seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    result.peak_rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    result.ok = proc.returncode == 0
    if not result.ok:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        result.error = f"exit {proc.returncode}: " + " | ".join(tail)
        return result
    result.pages = sum(1 for _ in site.rglob("*.html"))
    index = site / "search" / "search_index.json"
    if not index.is_file():
        index = site / "search.json"  # Zensical's
    if index.is_file():  # Material's or Zensical's search: one file, loaded whole
        result.search_index_gz = len(gzip.compress(index.read_bytes(), compresslevel=6, mtime=0))
    elif (site / "search").is_dir():  # the hub's: many small files, few of them fetched per query
        result.search_index_gz = sum(
            _served_size(p) for p in (site / "search").rglob("*") if p.is_file()
        )
    result.languages = 1 + sum(
        1
        for p in site.iterdir()
        if p.is_dir()
        and (p / "index.html").is_file()
        and len(p.name) in (2, 3)
        and p.name not in ("js", "css", "img")
    )
    return result


def _served_size(path: Path) -> int:
    """Bytes GzipHandler sends for ``path``: gzip for the types it compresses, else as is."""
    ctype = mimetypes.guess_type(path.name)[0] or ""
    if ctype.startswith(GZIP_TYPES):
        return len(
            gzip.compress(path.read_bytes(), compresslevel=GzipHandler.compresslevel, mtime=0)
        )
    return path.stat().st_size


def prepare_default(root: Path) -> str:
    """Put the default configuration next to the generated docs; return its file name."""
    name = "mkdocs.default.yml"
    shutil.copy(DEFAULT_CONFIG, root / name)
    return name


#: Zensical's configuration: its defaults, the site name and the corpus' language.
ZENSICAL_TOML = """[project]
site_name = "Zensical (default theme)"
docs_dir = "docs"
site_dir = "{site}"

[project.theme]
language = "fr"
"""
ZENSICAL_MISSING = "zensical: not installed (it is in the test extras: make install)"
#: Zensical's build is stopped after this long (seconds): the whole run stays under 30 minutes.
ZENSICAL_TIMEOUT_S = 360


def zensical_command() -> list[str] | None:
    """The ``zensical`` command of this environment (installed by ``make install``), or None."""
    beside = Path(sys.executable).with_name("zensical")
    found = str(beside) if beside.is_file() else shutil.which("zensical")
    return [found] if found else None


def prepare_zensical(corpus: Path, root: Path, site: Path) -> int:
    """The French part of the corpus as a Zensical project in ``root`` (``*.fr.md`` -> ``*.md``,
    images and other content files kept, the hub's own ``docs/assets`` left out), built into
    ``site`` (a folder inside ``root``). Returns the number of Markdown pages."""
    docs = corpus / "docs"
    pages = 0
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        if not path.is_file() or relative.parts[0] == "assets":
            continue
        name = path.name
        if name.endswith(".md"):
            stem, _, lang = name[:-3].rpartition(".")
            if lang != "fr" or not stem:
                continue
            name = stem + ".md"
            pages += 1
        target = root / "docs" / relative.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    (root / "zensical.toml").write_text(
        ZENSICAL_TOML.format(site=site.relative_to(root).as_posix()), encoding="utf-8"
    )
    return pages


def run_zensical(corpus: Path, work: Path, timeout: int = ZENSICAL_TIMEOUT_S) -> Build:
    """Zensical's build of the corpus' French pages (``--clean``: no cache from a previous run)."""
    root = work / "zensical"
    site = root / "site"  # Zensical requires the site folder inside the project
    command = zensical_command()
    if command is None:
        return Build("zensical", site, error=ZENSICAL_MISSING)
    prepare_zensical(corpus, root, site)
    build = run_build(
        "zensical", root, site, command=command + ["build", "--clean"], timeout=timeout
    )
    if not build.ok and build.seconds >= timeout:
        build.error = f"stopped after {timeout} s, to keep the whole run under 30 minutes (--zensical-timeout)"
    return build


def snk_files(root: Path) -> int:
    return sum(1 for _ in (root / "docs").rglob("*.snk.md"))


# --- Browser ---------------------------------------------------------------------------------------


def _search_related(url: str) -> bool:
    path = urllib.parse.urlsplit(url).path.lower()
    return "search" in path or "lunr" in path


class Recorder:
    """Every request of a browser context: Playwright's request events give the full list (the
    page and its workers: Material's search worker loads its scripts itself), CDP's
    Network.loadingFinished the bytes transferred (encodedDataLength) for the page's requests.
    A request CDP did not see (a worker's) is sized from Playwright (headers + encoded body, or
    the Content-Length the server sent)."""

    def __init__(self, context, page, origin: str):
        self.origin = origin
        self.entries: list[dict] = []
        self.inflight = 0
        self._cdp_bytes: dict[str, list[int]] = {}
        self._cdp_urls: dict[str, str] = {}
        self.cdp = context.new_cdp_session(page)
        self.cdp.on("Network.requestWillBeSent", self._cdp_sent)
        self.cdp.on("Network.loadingFinished", self._cdp_finished)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        context.on("request", self._request)
        context.on("requestfinished", lambda r: self._done(r, failed=False))
        context.on("requestfailed", lambda r: self._done(r, failed=True))

    def _cdp_sent(self, event) -> None:
        self._cdp_urls[event["requestId"]] = event["request"]["url"]

    def _cdp_finished(self, event) -> None:
        url = self._cdp_urls.get(event["requestId"])
        if url:
            self._cdp_bytes.setdefault(url, []).append(int(event["encodedDataLength"]))

    def _request(self, request) -> None:
        if not request.url.startswith(("data:", "blob:")):
            self.inflight += 1

    def _done(self, request, failed: bool) -> None:
        url = request.url
        if url.startswith(("data:", "blob:")):
            return
        self.inflight -= 1
        self.entries.append(
            {
                "url": url,
                "failed": failed,
                "request": request,
                "third_party": not url.startswith(self.origin + "/") and url != self.origin,
            }
        )

    def _size(self, entry: dict) -> int:
        if "bytes" in entry:
            return entry["bytes"]
        size = 0
        if not entry["failed"]:
            pending = self._cdp_bytes.get(entry["url"])
            if pending:
                size = pending.pop(0)
            else:  # a worker's request
                try:
                    sizes = entry["request"].sizes()
                    size = sizes["responseHeadersSize"] + sizes["responseBodySize"]
                    if sizes["responseBodySize"] <= 0:
                        response = entry["request"].response()
                        length = int(
                            (response.headers if response else {}).get("content-length", 0)
                        )
                        size = max(sizes["responseHeadersSize"], 0) + length
                except Exception:  # noqa: BLE001 - a request gone with its context
                    size = 0
        entry["bytes"] = size
        return size

    def wait_idle(self, page, quiet_ms: int = 600, timeout_ms: int = 30_000) -> None:
        """Until no request has been in flight for ``quiet_ms``."""
        waited = quiet = 0
        while waited < timeout_ms:
            page.wait_for_timeout(100)
            waited += 100
            quiet = quiet + 100 if self.inflight <= 0 else 0
            if quiet >= quiet_ms:
                return

    def summary(self, start: int = 0) -> dict:
        entries = self.entries[start:]
        return {
            "bytes": sum(self._size(e) for e in entries),
            "requests": len(entries),
            "third_party": sorted({e["url"] for e in entries if e["third_party"]}),
            "search_bytes": sum(self._size(e) for e in entries if _search_related(e["url"])),
            "search_urls": sorted(
                {urllib.parse.urlsplit(e["url"]).path for e in entries if _search_related(e["url"])}
            ),
        }


SEARCH_INPUT = ".md-search__input, input[type=search]"
#: The focused element, looked for inside open shadow roots too (Zensical's search dialog lives in
#: one, its input focused by "/"): a search input, or any text input in a shadow root.
FOCUSED_SEARCH_JS = """(selector) => {
  let element = document.activeElement, shadow = false;
  while (element && element.shadowRoot && element.shadowRoot.activeElement) {
    element = element.shadowRoot.activeElement; shadow = true;
  }
  return !!element && (element.matches(selector) || (shadow && element.tagName === 'INPUT'));
}"""
#: Results shown: Material's and the hub's lists, or links in an open dialog of a shadow root.
RESULTS_SHOWN_JS = """() => {
  if (document.querySelectorAll('.md-search-result__item, [role=search] li, .search-results li').length)
    return true;
  return [...document.querySelectorAll('*')].some(e => e.shadowRoot
    && e.shadowRoot.querySelectorAll('dialog[open] li a[href], dialog[open] li').length > 0);
}"""


def _search(page) -> bool:
    """Use search as a reader would: "/" (Material's shortcut), or focus the search input."""
    page.keyboard.press("/")
    focused = page.evaluate(FOCUSED_SEARCH_JS, SEARCH_INPUT)
    if not focused:
        field_ = page.locator(SEARCH_INPUT).first
        if field_.count() == 0:
            return False
        try:
            if not field_.is_visible():
                toggle = page.locator(
                    "label[for='__search'], [data-md-toggle='search'] ~ * label"
                ).first
                if toggle.count():
                    toggle.click(timeout=3000)
            field_.focus(timeout=3000)
        except Exception:  # noqa: BLE001
            return False
    page.keyboard.type(QUERY, delay=50)
    try:  # results shown (Material), or any search result list
        page.wait_for_function(RESULTS_SHOWN_JS, timeout=15_000)
    except Exception:  # noqa: BLE001 - no results is still a measured query
        pass
    return True


def first_view(browser, base: str, path: str) -> dict:
    """Cold-cache first view of ``path`` on the gzip server, then the first search query."""
    context = browser.new_context()
    page = context.new_page()
    recorder = Recorder(context, page, base)
    page.goto(f"{base}/{path}", wait_until="load", timeout=120_000)
    recorder.wait_idle(page)
    first = recorder.summary()
    mark = len(recorder.entries)
    searched = _search(page)
    recorder.wait_idle(page)
    query = recorder.summary(mark)
    context.close()
    return {"first": first, "query": query, "searched": searched}


FCP_JS = """() => new Promise(resolve => {
  const find = () => performance.getEntriesByName('first-contentful-paint')[0];
  if (find()) return resolve(find().startTime);
  new PerformanceObserver(() => { if (find()) resolve(find().startTime); })
    .observe({type: 'paint', buffered: true});
  setTimeout(() => resolve(find() ? find().startTime : null), 15000);
})"""


def fcp_throttled(browser, url: str, runs: int) -> float | None:
    """Median first contentful paint (seconds) under SLOW_3G, cache disabled, fresh context each run."""
    values = []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        page.goto(url, wait_until="load", timeout=300_000)
        value = page.evaluate(FCP_JS)
        context.close()
        if value is not None:
            values.append(value / 1000)
    return statistics.median(values) if values else None


#: Lighthouse is installed by `make bench` into bench/node_modules (bench/package.json).
LIGHTHOUSE_DIR = REPO / "bench"


def lighthouse_command() -> list[str] | None:
    """``npx --no-install lighthouse`` (from bench/node_modules) when it works (never installs it)."""
    command = ["npx", "--no-install", "lighthouse"]
    if not shutil.which("npx"):
        return None
    try:
        probe = subprocess.run(
            command + ["--version"], cwd=LIGHTHOUSE_DIR, capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return command if probe.returncode == 0 else None


def lighthouse(
    command: list[str], url: str, categories: tuple[str, ...] = LIGHTHOUSE_CATEGORIES
) -> dict[str, int | None]:
    """Scores (0-100) of one page with Lighthouse's default (mobile) preset and Debian's chromium."""
    flags = " ".join(["--headless=new"] + ARGS[1:])
    run = subprocess.run(
        command
        + [
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={flags}",
            "--only-categories=" + ",".join(categories),
        ],
        cwd=LIGHTHOUSE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    try:
        scores = json.loads(run.stdout)["categories"]
    except (ValueError, KeyError):
        return {name: None for name in categories}
    return {
        name: (
            round(scores[name]["score"] * 100)
            if scores.get(name, {}).get("score") is not None
            else None
        )
        for name in categories
    }


def pick_pages(site: Path, real: bool) -> dict[str, str]:
    """Paths (relative to the site root) of the pages measured on one site."""
    chosen = {}
    for name, (corpus_path, real_path, section) in PAGES.items():
        if real:
            path = real_path
            if section and not (site / path / "index.html").is_file():
                folders = sorted(
                    p for p in (site / section).iterdir() if (p / "index.html").is_file()
                )
                path = f"{section}/{folders[0].name}/" if folders else f"{section}/"
        else:
            path = corpus_path.format(
                m=f"{SLUG_STEM['methodology']}-0001", c=f"{SLUG_STEM['curriculum']}-0001"
            )
        chosen[name] = path
    return chosen


@dataclass
class Side:
    build: Build
    pages: dict[str, str] = field(default_factory=dict)
    view: dict | None = None
    fcp: float | None = None
    lighthouse: dict[str, dict] = field(default_factory=dict)


def measure_side(browser, side: Side, fcp_runs: int, lh: list[str] | None, log) -> None:
    if not side.build.ok:
        return
    with GzipServer(side.build.site, side.build.port) as server:
        path = side.pages["methodology"]
        log(f"  {side.build.label}: first view and search of /{path}")
        side.view = first_view(browser, server.url, path)
        log(f"  {side.build.label}: first contentful paint under slow 3G ({fcp_runs} run(s))")
        side.fcp = fcp_throttled(browser, f"{server.url}/{path}", fcp_runs)
        if lh:
            for name, page in side.pages.items():
                log(f"  {side.build.label}: lighthouse {name} /{page}")
                side.lighthouse[name] = lighthouse(lh, f"{server.url}/{page}")


def measure_seo_without_site_url(side: Side, lh: list[str], log) -> None:
    """Lighthouse SEO of the real site built without ``site_url``: its pages then leave the
    hreflang alternates out (relative ones are invalid; DESIGN.md, link previews)."""
    if not side.build.ok:
        return
    with GzipServer(side.build.site, side.build.port) as server:
        for name, page in side.pages.items():
            log(f"  {side.build.label}: lighthouse seo /{page}")
            side.lighthouse[name] = lighthouse(lh, f"{server.url}/{page}", ("seo",))


# --- Report ----------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        chromium = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except OSError:
        chromium = "?"
    versions = []
    for dist in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "zensical", "playwright"):
        try:
            from importlib.metadata import version

            versions.append(f"{dist} {version(dist)}")
        except Exception:  # noqa: BLE001
            pass
    return {
        "platform": platform.platform(),
        "cpu": f"{os.cpu_count()} × {cpu}",
        "memory": memory,
        "python": platform.python_version(),
        "chromium": chromium or "?",
        "packages": ", ".join(versions),
    }


def _kb(value: int | None) -> str:
    return "–" if value is None else f"{value / 1024:.1f}"


def _num(value, fmt: str = "{:.0f}") -> str:
    return "–" if value is None else fmt.format(value)


def _ratio(a, b) -> str:
    if a is None or b in (None, 0):
        return "–"
    return f"{a / b:.2f}"


def _verdict(value, limit, minimum: bool = False) -> str:
    if value is None:
        return "–"
    if minimum:
        return "ok" if value >= limit else "UNDER"
    return "ok" if value <= limit else "OVER"


def table(
    hub: Side,
    default: Side,
    real: Side | None,
    sizes: list[tuple[int, int, Build, Build]],
    lighthouse_note: str | None,
    zensical: Side | None = None,
    bare: Side | None = None,
) -> list[list[str]]:
    """Rows: metric, budget, hub, default, hub/default, hub vs budget, Zensical (fr), real site.
    ``bare``: the real site built without ``site_url`` (its SEO rows judge the real site)."""
    rows: list[list[str]] = []

    def row(metric, budget, get, fmt=_num, limit=None, ratio=True, minimum=False, peer=True):
        values = [get(s) if s is not None else None for s in (hub, default, real, zensical)]
        rows.append(
            [
                metric,
                budget,
                fmt(values[0]),
                fmt(values[1]),
                _ratio(values[0], values[1]) if ratio else "–",
                _verdict(values[0], limit, minimum) if limit is not None else "",
                fmt(values[3]) if zensical is not None and peer else "–",
                fmt(values[2]) if real is not None else "–",
            ]
        )

    b = lambda s: s.build if s.build.ok else None  # noqa: E731
    row("languages built", "", lambda s: s.build.languages if b(s) else None, ratio=False)
    row("build: HTML pages", "", lambda s: b(s) and s.build.pages)
    row("build: seconds", "", lambda s: b(s) and s.build.seconds, lambda v: _num(v, "{:.1f}"))
    if b(hub) and b(default):
        ratio = hub.build.seconds / default.build.seconds
        rows.append(
            [
                "build: seconds, hub/default",
                f"≤ {BUDGET_BUILD_TIME_RATIO}",
                f"{ratio:.2f}",
                "",
                "",
                _verdict(ratio, BUDGET_BUILD_TIME_RATIO),
                "–",
                "–",
            ]
        )
    row(
        "build: pages/s",
        f"≥ {BUDGET_PAGES_PER_S}",
        lambda s: b(s) and s.build.pages_per_s,
        lambda v: _num(v, "{:.1f}"),
        limit=BUDGET_PAGES_PER_S,
        minimum=True,
    )
    row(
        "build: peak memory (MB)",
        f"≤ {BUDGET_PEAK_MB}",
        lambda s: b(s) and s.build.peak_rss_mb,
        limit=BUDGET_PEAK_MB,
    )
    row(
        "search index, all files as served (KB)",
        "",
        lambda s: b(s) and s.build.search_index_gz,
        _kb,
    )
    v = lambda s: s.view  # noqa: E731
    row(
        "first view: transferred, gzip (KB)",
        f"≤ {BUDGET_FIRST_VIEW_KB}",
        lambda s: v(s) and v(s)["first"]["bytes"],
        _kb,
        limit=BUDGET_FIRST_VIEW_KB * 1024,
    )
    row("first view: requests", "", lambda s: v(s) and v(s)["first"]["requests"])
    row(
        "first view: requests to other hosts",
        "0",
        lambda s: v(s) and len(v(s)["first"]["third_party"]),
        limit=0,
        ratio=False,
    )
    row(
        "first view: search bytes before any search (KB)",
        "0",
        lambda s: v(s) and v(s)["first"]["search_bytes"],
        _kb,
        limit=0,
    )
    row(
        f"first query '{QUERY}': bytes after typing (KB)",
        "",
        lambda s: v(s) and v(s)["query"]["bytes"],
        _kb,
    )
    # What the first query costs: what it downloads, plus the search files already fetched with the
    # first view (a site that loads its index up front has paid for the query before it is made).
    row(
        "first query: search bytes incl. those prefetched (KB)",
        f"≤ {BUDGET_FIRST_QUERY_KB}",
        lambda s: v(s) and v(s)["first"]["search_bytes"] + v(s)["query"]["bytes"],
        _kb,
        limit=BUDGET_FIRST_QUERY_KB * 1024,
    )
    row(
        "first view + first query (KB)",
        "",
        lambda s: v(s) and v(s)["first"]["bytes"] + v(s)["query"]["bytes"],
        _kb,
    )
    row(
        "FCP, slow 3G, cold cache (s)",
        f"≤ {BUDGET_FCP_S}",
        lambda s: s.fcp,
        lambda x: _num(x, "{:.2f}"),
        limit=BUDGET_FCP_S,
    )
    if lighthouse_note:
        rows.append([lighthouse_note, "", "", "", "", "", "", ""])
    else:
        for page in PAGES:
            for category in LIGHTHOUSE_CATEGORIES:
                row(
                    f"lighthouse {page}: {category}",
                    f"≥ {BUDGET_LIGHTHOUSE[category]}",
                    lambda s, p=page, c=category: s.lighthouse.get(p, {}).get(c),
                    limit=BUDGET_LIGHTHOUSE[category],
                    minimum=True,
                    peer=False,
                )
        for page in PAGES if bare is not None else ():
            value = bare.lighthouse.get(page, {}).get("seo")
            limit = BUDGET_LIGHTHOUSE["seo"]
            rows.append(
                [
                    f"lighthouse {page}: seo, real site without site_url",
                    f"≥ {limit}",
                    "–",
                    "–",
                    "–",
                    _verdict(value, limit, True),
                    "–",
                    _num(value),
                ]
            )
    for size, per_type, hub_build, default_build in sizes:
        for label, get, fmt in (
            ("pages/s", lambda x: x.pages_per_s, lambda x: _num(x, "{:.1f}")),
            ("peak memory (MB)", lambda x: x.peak_rss_mb if x.ok else None, _num),
            ("HTML pages", lambda x: x.pages if x.ok else None, _num),
        ):
            h, d = get(hub_build), get(default_build)
            rows.append(
                [
                    f"build {size} documents ({per_type}/type): {label}",
                    "",
                    fmt(h),
                    fmt(d),
                    _ratio(h, d),
                    "",
                    "–",
                    "–",
                ]
            )
    return rows


HEADER = [
    "metric",
    "budget",
    "hub",
    "default",
    "hub/default",
    "hub vs budget",
    "zensical (fr)",
    "real site",
]


def markdown_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |" for r in rows]
    return "\n".join(lines)


def text_table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [HEADER] + rows) for i in range(len(HEADER))]

    def fmt(r):
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )

    return "\n".join([fmt(HEADER), "  ".join("-" * w for w in widths)] + [fmt(r) for r in rows])


def notes(
    hub: Side,
    default: Side,
    real: Side | None,
    docs: int,
    snk: int,
    elapsed: float,
    zensical: Side | None = None,
) -> list[str]:
    out = [
        f"Corpus: `python -m bench.corpus` with {docs} items of each of the {len(KINDS)} types "
        f"({docs * len(KINDS)} documents) in 4 languages, seed 0 (generated test text).",
        "hub: this repository's mkdocs.yml, hooks and overrides (`HUB_KITS=0`). default: "
        "`bench/default_mkdocs.yml`, theme material with its defaults, plugins search + i18n, "
        f"no hooks, no overrides. Soninké cannot be configured in upstream mkdocs-static-i18n: the {snk} "
        "`*.snk.md` files are left out of the default build (`exclude_docs`), so it has 3 languages "
        "(fr, en, bm; bm pages use Material's English interface strings, Material having none for "
        "Bambara). The default stack does not read the hub's front matter (steps, sessions, links).",
        "Served over 127.0.0.1 by a threaded http.server that gzips text responses (level 6). "
        "Measured in Debian's chromium through Playwright: bytes are CDP's encodedDataLength "
        "(headers + compressed body), plus Playwright's sizes for the requests of the search worker. "
        "Requests to other hosts are counted, then fail at once (the resolver knows only the "
        "loopback), so no figure depends on this machine's internet access; on the real web the "
        "default stack would also download Google Fonts.",
        "Search bytes are those of URLs with `search` or `lunr` in their path; the first "
        f"query is '/' then typing `{QUERY}` and waiting for the results. The hub and the real site "
        "are built for the loopback address they are served from (HUB_SITE_URL, as CI sets the "
        "published address): absolute hreflang and canonical addresses.",
        "Lighthouse: bench/node_modules (`npm ci --prefix bench`), mobile preset (simulated "
        "throttling), Debian's chromium, scores 0-100.",
        "zensical (fr): Zensical "
        + _version("zensical")
        + ", the Material team's successor, which "
        "has one language per project and runs no MkDocs hooks or plugins: the French pages of the "
        "same corpus (`*.fr.md` as `*.md`, images kept, the hub's assets left out) with its default "
        'theme and a configuration of two settings (site name, `language = "fr"`), built with '
        "`zensical build --clean` (no cache). A quarter of the hub's pages: compare pages/s and "
        "bytes, not seconds. No Lighthouse, no build curve for it (run time).",
        "FCP: median of the runs, Network.emulateNetworkConditions (latency 400 ms, 50,000 bytes/s "
        "both ways), cache disabled, a fresh browser context per run.",
    ]
    for side in (hub, default, zensical, real):
        if side is None:
            continue
        if not side.build.ok:
            out.append(f"{side.build.label}: build failed: {side.build.error}")
            continue
        out.append(
            f"{side.build.label}: pages measured: "
            + ", ".join(f"{k} `/{v}`" for k, v in side.pages.items())
        )
        if side.view:
            if side.view["first"]["third_party"]:
                out.append(
                    f"{side.build.label}: requests to other hosts: "
                    + ", ".join(f"`{u[:80]}`" for u in side.view["first"]["third_party"])
                )
            if side.view["first"]["search_urls"]:
                out.append(
                    f"{side.build.label}: search files fetched before any search: "
                    + ", ".join(f"`{u}`" for u in side.view["first"]["search_urls"])
                )
            if not side.view["searched"]:
                out.append(f"{side.build.label}: no search box found.")
    out.append(f"Whole run: {elapsed / 60:.1f} min.")
    return out


def _version(dist: str) -> str:
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:  # noqa: BLE001 - not installed
        return "?"


def write_markdown(
    out: Path, rows, note_lines: list[str], info: dict[str, str], when: dt.datetime, command: str
) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    existing = (
        out.read_text(encoding="utf-8")
        if out.is_file()
        else (
            "# Benchmark results\n\nWritten by `python -m bench.measure` (`make bench`); each run "
            'appends a section. Budgets from the "Low bandwidth" issue.\n'
        )
    )
    section = [
        f"## {when:%Y-%m-%d %H:%M} UTC",
        "",
        f"- command: `{command}`",
        f"- machine: {info['platform']}; CPU {info['cpu']}; memory {info['memory']}; Python {info['python']}",
        f"- browser: {info['chromium']}; {info['packages']}",
        "",
        markdown_table(rows),
        "",
        *[f"- {line}" for line in note_lines],
        "",
    ]
    out.write_text(existing.rstrip("\n") + "\n\n" + "\n".join(section), encoding="utf-8")


# --- Main ------------------------------------------------------------------------------------------


# ------------------------------------------------------------------ voice (issue 14)

#: Budgets of the published recordings.
VOICE_OPUS_KB_PER_MINUTE = 200
VOICE_LUFS, VOICE_LUFS_TOLERANCE = -16.0, 1.0


def _speech_like(seconds: float, rate: int = 48_000):
    """A speech-like test signal made now (voiced syllables about 180 Hz, pauses), never published."""
    import numpy as np

    rng = np.random.default_rng(1)
    t = np.arange(int(seconds * rate)) / rate
    phase = 2 * np.pi * np.cumsum(180 + 25 * np.sin(2 * np.pi * 0.7 * t)) / rate
    voice = sum(np.sin(k * phase) / k for k in range(1, 8))
    syllables = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) ** 0.5 * (np.floor(t * 4) % 6 != 5)
    return (voice * syllables * 0.1 + rng.normal(0, 0.0005, t.size)).astype(np.float32)


def voice_measures(seconds: float = 60.0) -> dict:
    """What a listener pays for a capsule: audio bytes before play (the player's markup: preload
    none), published Opus and MP3 bytes per minute, their loudness, and processing time per minute
    of audio, on a speech-like signal made here (a WAV in a temporary folder, never published)."""
    import tempfile

    from toolkit.media import audio
    from toolkit.media.audio import Recording
    from toolkit.render.player import player

    with tempfile.TemporaryDirectory(prefix="hub-voice-") as tmp:
        source = Path(tmp) / "capsule.fr.wav"
        samples = _speech_like(seconds)
        source.write_bytes(_wav(samples))
        started = time.perf_counter()
        published = audio.process(source, audio.tags_for("Bench", "fr", None))  # no cache: timed
        spent = time.perf_counter() - started
    minutes = published.seconds / 60
    sizes = {suffix: len(blob) for suffix, blob in published.files.items()}
    lufs = {
        suffix: round(audio.loudness(audio.decode(blob)[0]), 2)
        for suffix, blob in published.files.items()
    }
    markup = player(
        Recording("bench", "bench/capsule.fr", "fr", published.seconds, sizes, "anonymous", source),
        "fr",
    )
    before_play = 0 if 'preload="none"' in markup and "autoplay" not in markup else None
    return {
        "seconds": published.seconds,
        "before_play": before_play,
        "opus_kb_per_minute": round(sizes[".opus"] / 1000 / minutes, 1),
        "mp3_kb_per_minute": round(sizes[".mp3"] / 1000 / minutes, 1),
        "lufs": lufs,
        "processing_s_per_minute": round(spent / minutes, 2),
    }


def _wav(samples) -> bytes:
    import io
    import wave

    import numpy as np

    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(48_000)
        file.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return out.getvalue()


def voice_lines(measures: dict) -> list[str]:
    """The voice section of the results, each figure against its budget."""
    ok = lambda good: "ok" if good else "OVER BUDGET"  # noqa: E731
    loud = all(abs(v - VOICE_LUFS) <= VOICE_LUFS_TOLERANCE for v in measures["lufs"].values())
    return [
        f"voice: audio bytes before play {measures['before_play']} (budget 0): {ok(measures['before_play'] == 0)}",
        f"voice: published Opus {measures['opus_kb_per_minute']} KB per minute "
        f"(budget ≤ {VOICE_OPUS_KB_PER_MINUTE} KB): {ok(measures['opus_kb_per_minute'] <= VOICE_OPUS_KB_PER_MINUTE)}",
        f"voice: published MP3 {measures['mp3_kb_per_minute']} KB per minute",
        "voice: loudness "
        + ", ".join(f"{s[1:]} {v} LUFS" for s, v in measures["lufs"].items())
        + f" (budget {VOICE_LUFS:.0f} ± {VOICE_LUFS_TOLERANCE:.0f}): {ok(loud)}",
        f"voice: processing {measures['processing_s_per_minute']} s per minute of audio "
        f"({measures['seconds']:.0f} s of a speech-like test signal made at bench time, never published)",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.measure", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--docs",
        type=int,
        default=None,
        metavar="N",
        help="items of every content type (default 250: 1,000 documents; 10 with --quick)",
    )
    parser.add_argument(
        "--sizes",
        default="250,500,1000",
        metavar="LIST",
        help="build curve, in documents of all four types together (default 250,500,1000)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown file to append to")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="10 items per type, one FCP run, no Lighthouse, no sizes",
    )
    parser.add_argument("--no-real", action="store_true", help="skip the real site")
    parser.add_argument("--no-zensical", action="store_true", help="skip the Zensical peer")
    parser.add_argument(
        "--zensical-timeout",
        type=int,
        default=None,
        metavar="S",
        help=f"stop Zensical's build after S seconds (default {ZENSICAL_TIMEOUT_S})",
    )
    parser.add_argument(
        "--fcp-runs", type=int, default=None, help="FCP runs per side (default 3; 1 with --quick)"
    )
    args = parser.parse_args(argv)
    docs = args.docs or (10 if args.quick else 250)
    fcp_runs = args.fcp_runs or (1 if args.quick else 3)
    sizes = [] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    started = time.perf_counter()
    when = dt.datetime.now(dt.UTC)
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731

    with tempfile.TemporaryDirectory(prefix="hub-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        log(f"corpus: {docs} items of each type -> {corpus}")
        generate(corpus, docs, seed=0)
        default_config = prepare_default(corpus)
        log("build: hub")
        hub = Side(run_build("hub", corpus, work / "sites" / "hub"))
        log(
            f"  {hub.build.pages} pages in {hub.build.seconds:.1f} s, {hub.build.peak_rss_mb:.0f} MB {hub.build.error}"
        )
        log("build: default")
        default = Side(run_build("default", corpus, work / "sites" / "default", default_config))
        log(
            f"  {default.build.pages} pages in {default.build.seconds:.1f} s, {default.build.peak_rss_mb:.0f} MB "
            f"{default.build.error}"
        )
        zensical = None
        if not args.no_zensical:
            log("build: zensical (French)")
            zensical = Side(run_zensical(corpus, work, args.zensical_timeout or ZENSICAL_TIMEOUT_S))
            log(
                f"  {zensical.build.pages} pages in {zensical.build.seconds:.1f} s, "
                f"{zensical.build.peak_rss_mb:.0f} MB {zensical.build.error}"
            )
        real = None
        if not args.no_real:
            log("build: real site")
            real = Side(run_build("real site", REPO, work / "sites" / "real"))
            log(f"  {real.build.pages} pages in {real.build.seconds:.1f} s {real.build.error}")
        bare = None
        if real is not None and not args.quick:  # for Lighthouse SEO without site_url
            log("build: real site without site_url")
            bare_site = work / "sites" / "real-bare"
            bare = Side(run_build("real site, no site_url", REPO, bare_site, site_url=False))
            log(f"  {bare.build.pages} pages in {bare.build.seconds:.1f} s {bare.build.error}")
        for side in (hub, default, zensical):
            if side is not None and side.build.ok:
                side.pages = pick_pages(side.build.site, real=False)
        if real and real.build.ok:
            real.pages = pick_pages(real.build.site, real=True)
        if bare and bare.build.ok:
            bare.pages = pick_pages(bare.build.site, real=True)

        lh = None
        lighthouse_note = None
        if args.quick:
            lighthouse_note = "lighthouse: skipped (--quick)"
        else:
            lh = lighthouse_command()
            if lh is None:
                lighthouse_note = LIGHTHOUSE_MISSING
                log(LIGHTHOUSE_MISSING)

        from playwright.sync_api import sync_playwright

        log("browser: " + CHROMIUM)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            try:
                for side in (hub, default, zensical, real):
                    if side is not None:
                        # Lighthouse for the three MkDocs builds only (the run stays under 30 min)
                        measure_side(browser, side, fcp_runs, None if side is zensical else lh, log)
            finally:
                browser.close()
        if bare is not None and lh:
            measure_seo_without_site_url(bare, lh, log)
        for side in (hub, default, zensical, real, bare):
            if side is not None and side.build.ok:
                shutil.rmtree(side.build.site, ignore_errors=True)

        curve = []
        for size in sizes:
            per_type = max(1, round(size / len(KINDS)))
            if per_type == docs:
                curve.append((size, per_type, hub.build, default.build))
                continue
            log(f"sizes: {size} documents ({per_type} per type)")
            root = work / f"corpus-{size}"
            generate(root, per_type, seed=0)
            config = prepare_default(root)
            hub_build = run_build("hub", root, work / "sites" / f"hub-{size}")
            default_build = run_build("default", root, work / "sites" / f"default-{size}", config)
            log(
                f"  hub {hub_build.pages_per_s or 0:.1f} pages/s, default {default_build.pages_per_s or 0:.1f} pages/s"
            )
            curve.append((size, per_type, hub_build, default_build))
            shutil.rmtree(root, ignore_errors=True)
            shutil.rmtree(work / "sites", ignore_errors=True)
        snk = snk_files(corpus)

    elapsed = time.perf_counter() - started
    rows = table(hub, default, real, curve, lighthouse_note, zensical, bare)
    note_lines = notes(hub, default, real, docs, snk, elapsed, zensical)
    note_lines += voice_lines(voice_measures(20.0 if args.quick else 60.0))  # the voice section
    info = machine()
    print(text_table(rows))
    print()
    for line in note_lines:
        print("- " + line)
    command = "python -m bench.measure " + " ".join(argv if argv is not None else sys.argv[1:])
    write_markdown(args.out, rows, note_lines, info, when, command.strip())
    print(f"\nwritten: {args.out}")
    peers_ok = all(side is None or side.build.ok for side in (real, zensical, bare))
    return 0 if hub.build.ok and default.build.ok and peers_ok else 1


if __name__ == "__main__":
    sys.exit(main())
