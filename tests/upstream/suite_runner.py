"""Runs an upstream project's own test suite with the hub's stand-in in place (one process a suite).

    python tests/upstream/suite_runner.py markdown .cache/upstream/markdown-3.11.3
    python tests/upstream/suite_runner.py i18n .cache/upstream/mkdocs_static_i18n-1.3.1

The folder is an unpacked sdist (``make test``'s install step downloads and unpacks it, with
its own copy of the package removed, so that the installed package is the one tested). Run
from that folder, as upstream runs its suite. The last line printed is ``SUITE-RESULT`` and a
JSON object: the counts, the tests that failed, and what shows that the stand-in was in place
(tests/upstream/test_upstream_suites.py reads it).
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _outside(module, source: Path) -> bool:
    """The module was imported from the installed package, not from the sdist's folder."""
    return not Path(module.__file__).resolve().is_relative_to(source.resolve())


def run_markdown(source: Path) -> dict:
    """Python-Markdown's suite (``unittest discover tests``), the fast extension added to every
    ``Markdown`` instance, as the hub adds it to MkDocs' configuration: after the others."""
    import unittest

    import markdown
    import markdown.core
    from markdown.treeprocessors import InlineProcessor

    from toolkit.upstream.markdown_fast import fast_markdown_extension

    made = {"instances": 0, "fast": 0}
    upstream_init = markdown.core.Markdown.__init__

    def __init__(self, **kwargs):
        upstream_init(self, **kwargs)
        self.registerExtensions([fast_markdown_extension()], {})
        made["instances"] += 1
        inline = self.treeprocessors["inline"] if "inline" in self.treeprocessors else None
        if type(inline).__name__ == "_FastInline" and "parseBlocks" in vars(self.parser):
            made["fast"] += 1

    markdown.core.Markdown.__init__ = __init__
    suite = unittest.TestLoader().discover("tests", top_level_dir=".")
    stream = io.StringIO()
    result = unittest.TextTestRunner(stream=stream, verbosity=1).run(suite)
    probe = markdown.Markdown()  # the wrapping is still there, and gives the fast processors
    inline = probe.treeprocessors["inline"]
    bad = [test.id() for test, _ in result.failures + result.errors]
    bad += [test.id() for test in result.unexpectedSuccesses]
    return {
        "ran": result.testsRun,
        "failed": len(result.failures) + len(result.unexpectedSuccesses),
        "errors": len(result.errors),
        "skipped": len(result.skipped),
        "expected_failures": len(result.expectedFailures),
        "failing": bad,
        "report": stream.getvalue()[-6000:] if bad else "",
        "stand_in": {
            "installed_package": _outside(markdown, source),
            "instances": made["instances"],
            "instances_with_fast_extension": made["fast"],
            "probe_inline_processor": type(inline).__name__,
            "probe_inline_is_upstream_subclass": isinstance(inline, InlineProcessor),
        },
    }


PYGMENTS_MODULES = [
    "tests.test_syntax.extensions.test_code_hilite",
    "tests.test_syntax.extensions.test_fenced_code",
]


def run_markdown_pygments(source: Path) -> dict:
    """Python-Markdown's tests of Pygments' output, which upstream runs only with the Pygments
    they were written for (``PYGMENTS_VERSION``, 2.7.1) and skips otherwise. Run here with the
    installed Pygments (the caller sets ``PYGMENTS_VERSION`` to it), once as they are and once
    with the fast extension on every ``Markdown``: the outcome of each test, and the message of
    each failure (Pygments' newer HTML), must be the same."""
    import unittest

    import markdown.core

    from toolkit.upstream.markdown_fast import fast_markdown_extension

    sys.path.insert(0, str(source))  # tests/ is a package there (the sdist has no markdown/)

    def outcomes() -> tuple[dict, int]:
        suite = unittest.TestLoader().loadTestsFromNames(PYGMENTS_MODULES)
        result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
        seen = {test.id(): "skipped: " + reason for test, reason in result.skipped}
        seen.update({test.id(): "failed: " + text for test, text in result.failures})
        seen.update({test.id(): "error: " + text for test, text in result.errors})
        return seen, result.testsRun

    plain, ran = outcomes()
    made = {"instances": 0}
    upstream_init = markdown.core.Markdown.__init__

    def __init__(self, **kwargs):
        upstream_init(self, **kwargs)
        self.registerExtensions([fast_markdown_extension()], {})
        made["instances"] += 1

    markdown.core.Markdown.__init__ = __init__
    fast, fast_ran = outcomes()
    different = sorted(
        name for name in plain.keys() | fast.keys() if plain.get(name) != fast.get(name)
    )
    return {
        "ran": fast_ran,
        "ran_plain": ran,
        "skipped": sum(text.startswith("skipped") for text in fast.values()),
        "differ_from_upstream": different,
        "report": "\n\n".join(
            f"{name}\nupstream: {plain.get(name)}\nfast: {fast.get(name)}" for name in different
        )[-8000:],
        "not_passing_either_way": len(plain),
        "stand_in": {"installed_package": _outside(markdown, source), **made},
    }


def run_i18n(source: Path) -> dict:
    """mkdocs-static-i18n's suite (pytest), its ``reconfigure_files`` run inside
    ``toolkit.upstream.i18n_files.faster()`` as the hub's plugin runs it."""
    import pytest
    from mkdocs_static_i18n import reconfigure, suffix

    from toolkit.upstream import i18n_files

    calls = {
        "create_i18n_file": 0,
        "get_file_from_path": 0,
        "reconfigure_files": 0,
        "upstream_step_during_run": 0,
    }
    step, lookup = i18n_files.create_i18n_file, i18n_files._get_file_from_path

    def counted_step(*args, **kwargs):
        calls["create_i18n_file"] += 1
        return step(*args, **kwargs)

    def counted_lookup(self, path):
        calls["get_file_from_path"] += 1
        return lookup(self, path)

    i18n_files.create_i18n_file = counted_step  # faster() puts the module's function in place
    # the class is made again for each build (a per-build cache) from the module's function
    i18n_files._get_file_from_path = counted_lookup
    upstream_reconfigure = reconfigure.ExtendedPlugin.reconfigure_files

    def reconfigure_files(self, files, mkdocs_config):
        # toolkit.upstream.i18n_plugin.I18nIso639.reconfigure_files, on upstream's own plugin
        calls["reconfigure_files"] += 1
        with i18n_files.faster():
            if suffix.create_i18n_file is i18n_files._upstream().create_i18n_file:
                calls["upstream_step_during_run"] += 1
            return upstream_reconfigure(self, files, mkdocs_config)

    reconfigure.ExtendedPlugin.reconfigure_files = reconfigure_files

    class Outcomes:
        def __init__(self):
            self.passed, self.failing, self.skipped, self.errors = [], [], [], []
            self.report = []

        def pytest_runtest_logreport(self, report):
            if report.when == "call" and report.passed:
                self.passed.append(report.nodeid)
            elif report.skipped:
                self.skipped.append(report.nodeid)
            elif report.failed:
                (self.failing if report.when == "call" else self.errors).append(report.nodeid)
                self.report.append(
                    f"{report.nodeid} ({report.when}):\n{report.longreprtext[-3000:]}"
                )

        def pytest_collectreport(self, report):
            if report.failed:
                self.errors.append(report.nodeid)
                self.report.append(f"collecting {report.nodeid}:\n{report.longreprtext[-3000:]}")

    outcomes = Outcomes()
    code = pytest.main(
        ["-q", "-p", "no:cacheprovider", "--rootdir", ".", "tests"], plugins=[outcomes]
    )
    import mkdocs_static_i18n

    return {
        "ran": len(outcomes.passed) + len(outcomes.failing),
        "failed": len(outcomes.failing),
        "errors": len(outcomes.errors),
        "skipped": len(outcomes.skipped),
        "exit_code": int(code),
        "failing": outcomes.failing + outcomes.errors,
        "report": "\n\n".join(outcomes.report)[-8000:],
        "stand_in": {"installed_package": _outside(mkdocs_static_i18n, source), **calls},
    }


def main(argv: list[str]) -> int:
    suite, source = argv[0], Path(argv[1]).resolve()
    os.chdir(source)
    started = time.monotonic()
    result = {
        "markdown": run_markdown,
        "markdown-pygments": run_markdown_pygments,
        "i18n": run_i18n,
    }[suite](source)
    result["seconds"] = round(time.monotonic() - started, 1)
    sys.stdout.flush()
    print("\nSUITE-RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
