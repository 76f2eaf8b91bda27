"""Split CPU-bound work of the build over the machine's cores, with ``os.fork``.

The validation of every file and the search index of every language are independent pieces
of pure-Python work. :func:`split` runs ``work(part, parts)`` in ``parts`` processes: the
calling process does part 0, forked children the others, and their results come back pickled
through pipes, in part order. It falls back to one part, in this process, where forking is not
safe or not worth it: no ``os.fork``, more than one thread (``mkdocs serve`` runs a watcher
and a server), a single core, ``HUB_PARALLEL=0``/``1``, or less work than ``minimum``.

:func:`tune_gc` and :func:`freeze` cut the time Python's cyclic garbage collector spends
walking the large, long-lived content model during a build.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

from toolkit.base.environment import environment

T = TypeVar("T")


class PartFailed(RuntimeError):
    """A forked part raised: its traceback is the message."""


def processes() -> int:
    """How many processes may work at once: HUB_PARALLEL if set (0 or 1: one at a time), else
    the cores this process may use. Shared by these parts and the language builds
    (toolkit.upstream.parallel)."""
    wanted = environment().parallel
    if wanted.isdigit():
        return max(int(wanted), 1)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def parts_for(amount: int, minimum: int) -> int:
    """How many parts to split ``amount`` items into (1 when forking is unsafe or not worth it)."""
    if amount < minimum or not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    return min(processes(), max(amount // max(minimum // 2, 1), 1))


def split(work: Callable[[int, int], T], parts: int) -> list[T]:
    """``[work(0, parts), ..., work(parts - 1, parts)]``, the parts after the first in children."""
    if parts <= 1:
        return [work(0, 1)]
    children = []
    for part in range(1, parts):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - in the child (coverage does not follow forks)
            os.close(read_end)
            try:
                payload = pickle.dumps((True, work(part, parts)), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:  # noqa: BLE001 - everything goes back to the parent
                payload = pickle.dumps((False, traceback.format_exc()))
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            os._exit(0)
        os.close(write_end)
        children.append((pid, read_end))
    results: list[T] = []
    failure = None
    try:
        results.append(work(0, parts))
    finally:
        for pid, read_end in children:
            with os.fdopen(read_end, "rb") as incoming:
                data = incoming.read()
            os.waitpid(pid, 0)
            if not data:
                failure = failure or f"part {len(results)} of {parts} ended without a result"
                continue
            ok, value = pickle.loads(data)
            if ok:
                results.append(value)
            else:
                failure = failure or value
    if failure:
        raise PartFailed(failure)
    return results


def tune_gc() -> None:
    """Collect the youngest objects less often: a build makes millions of short-lived ones."""
    gc.set_threshold(20_000, 50, 50)


def freeze() -> None:
    """Move everything alive now (the validated content model) out of the collector's sight:
    later collections no longer walk it, and forked workers share its memory pages."""
    gc.collect()
    gc.freeze()
