"""A time and memory budget for rendering each page of the build.

The limits of :mod:`toolkit.checks.limits` stop the inputs known to be costly before any parser
sees them; this is the line of defence for what they do not foresee. While Python-Markdown
renders a page, a profiling timer (CPU time of this process, so a busy machine does not trip
it) looks every 50 ms at the CPU time the page has taken and at how much the process has grown
since it started; past :data:`PAGE_CPU_SECONDS` or :data:`PAGE_MEGABYTES` the page stops with a
message that names it. A ``RecursionError`` or a ``MemoryError`` while rendering gets a message
too: the build stops (``PluginError``: no traceback) and names the file, never a stack.

The real pages render in under 0.1 s each and add a few MB.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import threading
import time

from mkdocs.exceptions import PluginError

from toolkit.content.problems import Problem

#: CPU seconds one page may take to render (the real ones: < 0.1 s).
PAGE_CPU_SECONDS = 10.0
#: How much the build may grow, in MB, while one page renders (the real ones: a few MB).
PAGE_MEGABYTES = 1024
#: How often the budget is looked at, in CPU seconds.
TICK = 0.05

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class OverBudget(Exception):
    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def _resident_mb() -> float | None:
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE_SIZE / 1e6
    except (OSError, ValueError, IndexError):
        return None


def _problem(rel: str, what: str, fix: str) -> PluginError:
    return PluginError(str(Problem(rel, 1, "page-budget", what, fix)))


@contextlib.contextmanager
def budget(rel: str, seconds: float = PAGE_CPU_SECONDS, megabytes: float = PAGE_MEGABYTES):
    """Run the body under the page budget of ``rel``; raise PluginError naming it when the body
    passes it, recurses past Python's limit or runs out of memory."""
    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGPROF")
    started, grown_from = time.process_time(), _resident_mb()

    def look(signum, frame) -> None:
        if time.process_time() - started > seconds:
            raise OverBudget("time")
        now = _resident_mb()
        if grown_from is not None and now is not None and now - grown_from > megabytes:
            raise OverBudget("memory")

    previous = None
    if timed:
        previous = signal.signal(signal.SIGPROF, look)
        signal.setitimer(signal.ITIMER_PROF, TICK, TICK)
    try:
        yield
    except OverBudget as over:
        if over.what == "time":
            raise _problem(
                rel,
                f"Rendering this page took more than {seconds:g} s of CPU time, the budget of "
                "one page; the build stopped there.",
                "Look for very long or deeply nested passages (brackets, lists, tables) and "
                "split the page.",
            ) from None
        raise _problem(
            rel,
            f"Rendering this page took more than {megabytes:g} MB of memory, the budget of one "
            "page; the build stopped there.",
            "Look for a passage repeated many times or a very long one, and split the page.",
        ) from None
    except RecursionError:
        raise _problem(
            rel,
            "This page is nested too deep to render (lists, quotes, notes or HTML elements "
            "inside one another); the build stopped there.",
            "Flatten the nesting: a few levels are as deep as a reader can follow.",
        ) from None
    except MemoryError:
        raise _problem(
            rel,
            "Rendering this page ran out of memory; the build stopped there.",
            "Look for a passage repeated many times or a very long one, and split the page.",
        ) from None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_PROF, 0, 0)
            signal.signal(signal.SIGPROF, previous or signal.SIG_DFL)


def guard(page, rel: str) -> None:
    """Make ``page.render`` run under the budget of ``rel`` (the file it comes from)."""
    render = page.render

    @functools.wraps(render)
    def guarded(*args, **kwargs):
        with budget(rel):
            return render(*args, **kwargs)

    page.render = guarded
