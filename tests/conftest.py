from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

# Builds in the tests skip the kits unless a test asks for them (tests/kits/test_build.py).
os.environ.setdefault("HUB_KITS", "0")

ROOT = Path(__file__).resolve().parents[1]
#: `make test-fast` (HUB_TEST_FAST=1): property tests try a tenth of their examples.
FAST = os.environ.get("HUB_TEST_FAST") == "1"


def examples(n: int) -> int:
    """Hypothesis examples for a property test: ``n`` in the full suite, n/10 in the fast lane."""
    return max(10, n // 10) if FAST else n


FIXTURE = ROOT / "tests" / "fixtures" / "site"


NAV_STUB = """---
title: {title}
summary: >-
  Une page de la navigation du site, vide dans l'arbre de test : seule son adresse compte.
language: fr
themes: [digital-tools]
audiences: [partner-organisations, facilitators]
last_reviewed: 2026-11-30
authors: [Tests]
version: 1
---

# {title}

Page vide.
"""


def _nav_stubs(root: Path) -> None:
    """A small page for each page of the real mkdocs.yml's navigation that the fixture docs
    lack (the partner pages): a strict build fails on a navigation entry with no file, and a
    ZIM of the tree would link to it."""
    import re

    for line in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*- (?P<title>[^:]+): (?P<path>\S+)/index\.md$", line)
        if match and not any((root / "docs" / match["path"]).glob("index.*md")):
            page = root / "docs" / match["path"] / "index.fr.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(NAV_STUB.format(title=match["title"]), encoding="utf-8")


def make_site_tree(root: Path) -> Path:
    """A small, valid copy of the hub: fixture docs with the real config, model, theme and assets
    (and a stub for each page of the real navigation the fixture docs lack)."""
    shutil.copytree(FIXTURE / "docs", root / "docs")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    for name in ("methodology", "overrides", "hooks"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(FIXTURE / "glossary.yml", root / "methodology" / "glossary.yml")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(set_contact(config), encoding="utf-8")
    _nav_stubs(root)
    return root


#: The studio's destination in the test trees (an organisation's role address; example.org).
TEST_CONTACT = {"organisation": "Équipe de test", "email": "studio@hub.example.org", "whatsapp": ""}


def set_contact(config: str, contact: dict | None = None) -> str:
    """mkdocs.yml's text with ``extra.hub.contact`` set (the real file leaves it to the operator)."""
    contact = TEST_CONTACT if contact is None else contact
    for key, value in contact.items():
        config, count = re.subn(
            rf'^(      {key}:) "[^"\n]*"$', rf'\1 "{value}"', config, count=1, flags=re.M
        )
        assert count == 1, f"mkdocs.yml has no extra.hub.contact.{key}"
    return config


@pytest.fixture
def site_tree(tmp_path: Path) -> Path:
    return make_site_tree(tmp_path / "hub")


@pytest.fixture(scope="session")
def playwright_api():
    """Playwright, started once per test process (about 1 CPU-s each time): every Chromium of the
    run is launched from it (Playwright's sync API runs one at a time in a process)."""
    from browser import require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="session")
def _chromium(playwright_api):
    """Debian's chromium, launched once per test process (about 1.6 CPU-s each launch)."""
    from browser import ARGS, CHROMIUM

    instance = playwright_api.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield instance
    instance.close()


@pytest.fixture(scope="module")
def browser(_chromium):
    """Debian's chromium through Playwright (skipped with a reason when missing, failed under CI),
    shared by the modules of a test process; the pages a module left open are closed after it."""
    yield _chromium
    for context in _chromium.contexts:
        context.close()


def _build_strict(root: Path, site_dir: Path, **env: str) -> Path:
    """``mkdocs build --strict`` of ``root`` into ``site_dir`` (no kits, no CI annotations)."""
    import subprocess
    import sys

    environment = {
        **os.environ,
        "CI": "",
        "GITHUB_ACTIONS": "",
        "HUB_KITS": "0",
        "NO_MKDOCS_2_WARNING": "1",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root,
        capture_output=True,
        text=True,
        env=environment,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site_dir


def script_build(script: str, root: Path, site_dir: Path):
    """A build of ``root`` into ``site_dir`` run by ``script`` (python -c, the site folder its
    argument) with the stand-ins as configured (HUB_STANDINS unset), no kits, no CI annotations:
    for the tests that change an upstream package before MkDocs starts."""
    import subprocess
    import sys

    environment = {**os.environ, "CI": "", "GITHUB_ACTIONS": "", "HUB_KITS": "0"}
    environment.update(NO_MKDOCS_2_WARNING="1")
    environment.pop("HUB_STANDINS", None)
    return subprocess.run(
        [sys.executable, "-c", script, str(site_dir)],
        cwd=root,
        capture_output=True,
        text=True,
        env=environment,
        timeout=900,
    )


def shared(tmp_path_factory, name: str, make) -> Path:
    """``make(folder)`` once for the whole run, also across pytest-xdist's workers (``make -n``):
    the first worker to ask makes it under a lock, the others wait and read the same files.
    For read-only results only; ``make`` returns the path to hand out. Asked again for the same
    ``name``, it hands out what was made."""
    if name not in _SHARED:
        _SHARED[name] = _shared(tmp_path_factory, name, make)
    return _SHARED[name]


_SHARED: dict[str, Path] = {}  # name -> what shared() made in this process


def _shared(tmp_path_factory, name: str, make) -> Path:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return make(tmp_path_factory.mktemp(name))
    import fcntl

    root = tmp_path_factory.getbasetemp().parent  # shared by the workers of this run
    done = root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            folder = root / name
            if folder.exists():
                shutil.rmtree(folder)  # a worker that failed before
            folder.mkdir()
            done.write_text(str(make(folder)), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))


def real_build(tmp_path_factory) -> Path:
    """The real content built once for the whole run (strict, no kits): read-only."""
    return shared(tmp_path_factory, "real", lambda folder: _build_strict(ROOT, folder / "site"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real content built once for the whole session (strict, no kits): read-only."""
    return real_build(tmp_path_factory)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture tree (tests/fixtures/site) built once for the whole session: read-only."""

    def make(folder: Path) -> Path:
        root = make_site_tree(folder / "hub")
        return _build_strict(root, root / "site")

    return shared(tmp_path_factory, "fixture", make)


#: Tests whose parameters are worth a worker each under `make test` (pytest-xdist): the part of
#: the test id that names the group. Every other test runs in the worker of its module.
SPLIT = {
    "tests/website/test_phone_layout.py::test_every_template_fits_a_phone": r"-(\d+)\]$",
    "tests/website/test_trust_browser.py::test_every_template_passes_axe_and_asks_nothing_of_"
    "another_host": r"\[(.*)\]$",
}


def scope_of(nodeid: str) -> str:
    """The group of a test under pytest-xdist: its module, or its share of a split test."""
    for test, pattern in SPLIT.items():
        if nodeid.startswith(test + "[") and (match := re.search(pattern, nodeid)):
            return f"{test}[{match[1]}]"
    return nodeid.split("::", 1)[0]


@pytest.hookimpl(optionalhook=True)  # `pytest -p no:xdist` runs too
def pytest_xdist_make_scheduler(config, log):
    """A module's tests go to one worker, so its module-scoped builds and browsers are made
    once (pytest-xdist's own xdist_group marks do not reach its scheduler under pytest 9)."""
    from xdist.scheduler import LoadScopeScheduling

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

    return ModuleScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    """The long groups first (browsers, builds, validators), so that the short ones fill the
    workers at the end rather than one worker finishing a browser test alone (the Makefile
    passes --no-loadscope-reorder, which would otherwise put the groups with most tests
    first). A group's tests stay together and in their order (its fixtures are made once)."""
    weight = {"browser": 0, "build": 1, "slow": 2}
    groups: dict[str, tuple[int, int]] = {}
    for index, item in enumerate(items):
        name = scope_of(item.nodeid)
        heavy = min((weight.get(mark.name, 3) for mark in item.iter_markers()), default=3)
        first = groups.get(name, (heavy, index))
        groups[name] = (min(first[0], heavy), first[1])
    order = {id(item): index for index, item in enumerate(items)}
    items.sort(key=lambda item: (*groups[scope_of(item.nodeid)], order[id(item)]))


# --- System tools: skip with what to install, fail under CI=true (tests/system_tools.py) --------

_skipped_for: dict[str, int] = {}


def pytest_configure(config):
    from system_tools import MARKERS, TOOLS

    for marker, name in MARKERS.items():
        config.addinivalue_line("markers", f"{marker}: needs {name} ({TOOLS[name].used_for})")


@pytest.hookimpl(tryfirst=True)  # before the fixtures are set up
def pytest_runtest_setup(item):
    from system_tools import TOOLS, require, tools_of

    names = tools_of(item)
    for name in names:
        if not TOOLS[name].found():
            _skipped_for[name] = _skipped_for.get(name, 0) + 1
    require(*names)  # skips (or fails under CI) before any fixture is set up, naming every one


def pytest_terminal_summary(terminalreporter):
    from system_tools import TOOLS, in_ci, message

    if not _skipped_for:
        return
    verb = "failed" if in_ci() else "skipped"
    terminalreporter.section("system tools missing")
    for name, count in sorted(_skipped_for.items()):
        terminalreporter.write_line(f"{count} test(s) {verb}: {message(TOOLS[name])}")
    if not in_ci():
        terminalreporter.write_line(
            "Every other test ran. Under CI=true these would fail, not skip."
        )
