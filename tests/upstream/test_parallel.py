"""The languages built side by side (toolkit.upstream.parallel) give the site the sequential build gives,
and a problem in any language fails the build with its messages."""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import examples

pytestmark = pytest.mark.build
MKDOCS = [sys.executable, "-m", "mkdocs"]
WORKERS = "Building en, bm, snk in 3 worker processes"


def _build(root: Path, parallel: str, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "CI": "",
        "GITHUB_ACTIONS": "",
        "HUB_PARALLEL": parallel,
        "NO_MKDOCS_2_WARNING": "1",
        "HUB_SITE_URL": "https://example.org/hub/",
    }  # with a sitemap
    return subprocess.run(
        [*MKDOCS, "build", *args], cwd=root, capture_output=True, text=True, env=env, timeout=300
    )


def _tree(root: Path) -> dict[str, Path]:
    return {path.relative_to(root).as_posix(): path for path in root.rglob("*") if path.is_file()}


def _add_hook(site_tree: Path, body: str) -> None:
    """A hook that misbehaves in the Bambara build only (which runs in a worker)."""
    (site_tree / "hooks" / "misbehave.py").write_text(
        "import logging, os, signal\n"
        "from mkdocs.exceptions import PluginError\n"
        "log = logging.getLogger('mkdocs.plugins.misbehave')\n\n"
        "def on_page_markdown(markdown, page, config, files):\n"
        "    if config.theme['language'] == 'bm' and page.file.src_uri == 'index.bm.md':\n"
        f"        {body}\n"
        "    return markdown\n"
    )
    config = site_tree / "mkdocs.yml"
    config.write_text(config.read_text().replace("hooks:\n", "hooks:\n  - hooks/misbehave.py\n", 1))


def test_parallel_build_writes_the_same_files_as_the_sequential_one(site_tree):
    sequential = _build(site_tree, "0", "--strict")
    assert sequential.returncode == 0, sequential.stderr
    assert WORKERS not in sequential.stderr
    (site_tree / "site").rename(site_tree / "seq")
    parallel = _build(site_tree, "2", "--strict")
    (site_tree / "site").rename(site_tree / "par")
    assert parallel.returncode == 0, parallel.stderr
    assert WORKERS in parallel.stderr
    seq, par = _tree(site_tree / "seq"), _tree(site_tree / "par")
    assert sorted(seq) == sorted(par)
    assert len([name for name in seq if name.endswith(".html")]) > 60
    different = [name for name in seq if not filecmp.cmp(seq[name], par[name], shallow=False)]
    assert different == []
    # every language's pages are in the sitemap, as after the sequential build
    sitemap = (site_tree / "par/sitemap.xml").read_text()
    for prefix in ("", "en/", "bm/", "snk/"):
        assert f"{prefix}methodologies/debat-budget/</loc>" in sitemap
    # the workers' folders are gone
    assert sorted(p.name for p in site_tree.iterdir() if p.name.startswith(".site")) == []
    # the log is the sequential one, in the same order, plus the line about the workers
    assert _log(parallel.stderr) == _log(sequential.stderr)


def _log(text: str) -> list[str]:
    """The lines logged, without durations and without the line about the workers."""
    return [
        re.sub(r"[0-9.]+ s(econds)?\b", "N s", line)
        for line in text.splitlines()
        if WORKERS not in line
    ]


def test_a_content_error_in_a_translation_fails_the_strict_build_with_file_and_line(site_tree):
    page = site_tree / "docs/index.bm.md"
    page.write_text(page.read_text() + "\nA bɛ sɔrɔ nin kɔnɔ: è.\n")
    result = _build(site_tree, "2", "--strict")
    assert result.returncode != 0
    assert "docs/index.bm.md:" in result.stderr and "[orthography]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site_tree / "site").exists()


def test_a_warning_in_a_worker_fails_the_strict_build_and_is_shown(site_tree):
    _add_hook(site_tree, "log.warning('Bambara warning from the worker')")
    result = _build(site_tree, "2", "--strict")
    assert result.returncode != 0
    assert "WARNING -  Bambara warning from the worker" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not list(site_tree.glob(".site-*"))
    relaxed = _build(site_tree, "2")  # without --strict: shown, and the site is built
    assert relaxed.returncode == 0, relaxed.stderr
    assert "WARNING -  Bambara warning from the worker" in relaxed.stderr
    assert (site_tree / "site/bm/index.html").is_file()


def test_a_plugin_error_in_a_worker_fails_the_build_with_its_message(site_tree):
    _add_hook(site_tree, "raise PluginError('the Bambara page cannot be read')")
    result = _build(site_tree, "2")
    assert result.returncode != 0
    assert "the Bambara page cannot be read" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_crash_in_a_worker_fails_the_build_and_the_others_stop(site_tree):
    _add_hook(site_tree, "raise RuntimeError('unexpected')")
    result = _build(site_tree, "2")
    assert result.returncode != 0
    assert "RuntimeError: unexpected" in result.stderr
    _add_hook(site_tree, "os.kill(os.getpid(), signal.SIGKILL)")
    result = _build(site_tree, "2")
    assert result.returncode != 0
    assert "The build of the 'bm' pages stopped (signal 9)" in result.stderr
    assert not list(site_tree.glob(".site-*"))


# --- the faster Python-Markdown (toolkit.upstream.markdown_fast.fast_markdown_extension) ----------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TOKENS = [
    "word",
    " ",
    "  \n",
    "\n",
    "\n\n",
    "*",
    "**",
    "_",
    "__",
    "`",
    "``",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "!",
    "<",
    ">",
    "&",
    ";",
    "#",
    "-",
    "|",
    ":",
    "{",
    "}",
    ".",
    "=",
    '"',
    "'",
    "@",
    "http://x.y",
    "[a](b.md)",
    "![i](p.png)",
    "[r][1]",
    "\n[1]: http://z\n",
    '<span lang="fr">',
    "</span>",
    "&amp;",
    "&#233;",
    "`code`",
    "**bold**",
    "*em*",
    "_em_",
    "{#id}",
    "{: .cls }",
    "<https://a.b>",
    "<me@x.org>",
    "\n*[PDESC]: Programme\n",
    "PDESC",
    '\n!!! note "T"\n\n    ',
    "\n| a | b |\n|---|---|\n| c | d |\n",
    "\n- [ ] task\n",
    "\n## Title\n",
    '<div markdown="1">\n\n',
    "\n\n</div>\n",
    "\n```\ncode *x*\n```\n",
    "é",
    "ɛ",
    "\n> quote\n",
    "\n---\n",
    "\n***\n",
    "\n___\n",
    "\n- - -\n",
    '\n[ref]: http://x "t"\n',
    "\n| a |\n",
    "| x",
    "\n# H #\n",
    "Title\n===\n",
    "\n    indented\n",
    "\n!!! warning\n    body\n\n    more\n",
    "\n1. one\n",
]


def _markdown_pair():
    import markdown
    from mkdocs.config import load_config

    from toolkit.upstream.markdown_fast import fast_markdown_extension

    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions, configs = config["markdown_extensions"], config["mdx_configs"]

    def plain(text: str) -> str:
        return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)

    def fast(text: str) -> str:
        return markdown.Markdown(
            extensions=[*extensions, fast_markdown_extension()], extension_configs=configs
        ).convert(text)

    return plain, fast


_PAIR = []


def _pair():
    if not _PAIR:
        _PAIR.extend(_markdown_pair())
    return _PAIR


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_fast_markdown_gives_python_markdowns_html(text):
    plain, fast = _pair()
    assert fast(text) == plain(text)


def test_fast_markdown_on_the_real_and_fixture_pages():
    plain, fast = _pair()
    pages = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "tests/fixtures").rglob("*.md"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        assert fast(text) == plain(text), page
