"""Upstream's own test suites pass with the hub's stand-ins in place: Python-Markdown's with the
fast extension (toolkit.upstream.markdown_fast) added to every ``Markdown`` instance,
mkdocs-static-i18n's with its file step and link lookup replaced by toolkit.upstream.i18n_files.

Their sources are the sdists of the installed versions, which ``make test``'s install step
downloads and unpacks into .cache/upstream/ (see the Makefile); each suite runs in a process of
its own (tests/upstream/suite_runner.py), from its folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("suite_runner.py")
SOURCES = ROOT / ".cache" / "upstream"


def _source(folder: str) -> Path:
    path = SOURCES / folder
    if not (path / "tests").is_dir():
        message = (
            f"{path.relative_to(ROOT)} is absent: run `make test` "
            "(its install step downloads the sources)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def _run(suite: str, source: Path, pygments: str | None = None) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # upstream's choice: its tests of Pygments' output run only when PYGMENTS_VERSION names the
    # version they were written for (2.7.1; the hub's is newer), otherwise they are skipped
    env.pop("PYGMENTS_VERSION", None)
    if pygments:
        env["PYGMENTS_VERSION"] = pygments
    done = subprocess.run(
        [sys.executable, str(RUNNER), suite, str(source)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("SUITE-RESULT ")]
    assert done.returncode == 0 and lines, (
        f"{suite} suite runner exited {done.returncode}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    )
    return json.loads(lines[-1].removeprefix("SUITE-RESULT "))


def _counts(result: dict) -> str:
    return (
        f"{result['ran'] - result['failed']} of {result['ran']} passed, {result['failed']} "
        f"failed, {result['errors']} errors, {result['skipped']} skipped "
        f"in {result['seconds']} s; failing: {result['failing']}\n{result['report']}"
    )


@pytest.fixture(scope="module")
def markdown_suite() -> dict:
    return _run("markdown", _source(f"markdown-{version('markdown')}"))


@pytest.fixture(scope="module")
def markdown_pygments() -> dict:
    return _run(
        "markdown-pygments",
        _source(f"markdown-{version('markdown')}"),
        pygments=version("pygments"),
    )


@pytest.fixture(scope="module")
def i18n_suite() -> dict:
    return _run("i18n", _source(f"mkdocs_static_i18n-{version('mkdocs-static-i18n')}"))


def test_python_markdown_suite_passes_with_the_fast_extension(markdown_suite):
    result = markdown_suite
    assert result["failed"] == 0 and result["errors"] == 0, _counts(result)
    assert result["ran"] > 1000, _counts(result)


def test_every_markdown_instance_of_that_suite_had_the_fast_extension(markdown_suite):
    stand_in = markdown_suite["stand_in"]
    assert stand_in["installed_package"], "the sdist's own markdown/ was imported"
    assert stand_in["instances"] > 500, stand_in
    assert stand_in["instances_with_fast_extension"] == stand_in["instances"], stand_in
    assert stand_in["probe_inline_processor"] == "_FastInline", stand_in
    assert stand_in["probe_inline_is_upstream_subclass"], stand_in


def test_its_pygments_tests_give_upstreams_outcomes_with_the_fast_extension(markdown_pygments):
    """The tests that the suite skips (written for Pygments 2.7.1), run with the hub's Pygments:
    some fail on Pygments' newer HTML, with or without the extension, and each the same way."""
    result = markdown_pygments
    assert result["differ_from_upstream"] == [], result["report"]
    assert result["ran"] == result["ran_plain"] > 60 and result["skipped"] == 0, result
    assert result["stand_in"]["installed_package"] and result["stand_in"]["instances"] > 30, result


@pytest.mark.build
def test_i18n_suite_passes_with_the_file_step_stand_in(i18n_suite):
    result = i18n_suite
    assert result["failed"] == 0 and result["errors"] == 0 and result["exit_code"] == 0, _counts(
        result
    )
    assert result["ran"] > 50, _counts(result)


@pytest.mark.build
def test_that_suite_went_through_the_stand_in(i18n_suite):
    stand_in = i18n_suite["stand_in"]
    assert stand_in["installed_package"], "the sdist's own mkdocs_static_i18n/ was imported"
    assert stand_in["reconfigure_files"] > 20, stand_in
    assert stand_in["upstream_step_during_run"] == 0, stand_in
    assert stand_in["create_i18n_file"] > 500, stand_in
    assert stand_in["get_file_from_path"] > 100, stand_in
