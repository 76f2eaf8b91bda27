"""The build's budget per page (issue 25): a page that takes too long, grows the build too much,
recurses past Python's limit or runs out of memory stops the build with a message naming it,
never a traceback."""

from __future__ import annotations

import signal
import sys

import pytest
from mkdocs.exceptions import PluginError

from toolkit.website.page_budget import budget, guard

REL = "docs/methodologies/x/index.fr.md"


def _stopped(body, **limits) -> str:
    with pytest.raises(PluginError) as raised, budget(REL, **limits):
        body()
    return str(raised.value)


def test_a_page_over_its_time_budget_is_named():
    def spin():
        while True:
            pass

    assert _stopped(spin, seconds=0.2) == (
        f"{REL}:1: [page-budget] Rendering this page took more than 0.2 s of CPU time, the budget "
        "of one page; the build stopped there. Fix: Look for very long or deeply nested passages "
        "(brackets, lists, tables) and split the page."
    )


def test_a_page_over_its_memory_budget_is_named():
    def grow():
        kept = []
        while True:
            kept.append(bytearray(8_000_000))  # touched: resident

    assert _stopped(grow, megabytes=100) == (
        f"{REL}:1: [page-budget] Rendering this page took more than 100 MB of memory, the budget "
        "of one page; the build stopped there. Fix: Look for a passage repeated many times or a "
        "very long one, and split the page."
    )


def test_recursion_and_memory_errors_become_messages():
    def deep(n=0):
        return deep(n + 1)

    assert _stopped(deep).startswith(
        f"{REL}:1: [page-budget] This page is nested too deep to render (lists, quotes, notes or "
        "HTML elements inside one another); the build stopped there."
    )

    def out_of_memory():
        raise MemoryError

    assert _stopped(out_of_memory).startswith(
        f"{REL}:1: [page-budget] Rendering this page ran out of memory; the build stopped there."
    )


def test_the_budget_leaves_the_timer_and_handler_as_they_were():
    before = signal.getsignal(signal.SIGPROF)
    with budget(REL):
        assert signal.getitimer(signal.ITIMER_PROF)[0] > 0
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) == before


def test_guard_wraps_the_page_render():
    class Page:
        def render(self, config, files):
            return sys.getrecursionlimit() and self.deep()

        def deep(self):
            return self.deep()

    page = Page()
    guard(page, REL)
    with pytest.raises(
        PluginError, match=r"^docs/methodologies/x/index\.fr\.md:1: \[page-budget\]"
    ):
        page.render({}, [])


def test_the_sanitizer_and_the_scan_of_a_page_have_its_budget_too(monkeypatch):
    """What the build does with a page's HTML after rendering it (the sanitizer, the personal-data
    scan: toolkit.website.lifecycle.Lifecycle.page_html) stops with the same message."""
    from types import SimpleNamespace

    from toolkit.website import lifecycle

    def deep(*args, **kwargs):
        return deep(*args, **kwargs)

    monkeypatch.setattr(lifecycle, "page_body", deep)
    build = lifecycle.Lifecycle(reader="fr")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="methodologies/x/index.fr.md"), url="x/")
    with pytest.raises(PluginError) as raised:
        build.page_html("<p>x</p>", page)
    assert str(raised.value).startswith(
        f"{REL}:1: [page-budget] This page is nested too deep to render"
    )
