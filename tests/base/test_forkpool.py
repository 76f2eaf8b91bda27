"""toolkit.base.forkpool: work split over forked processes comes back whole, in order, or fails loudly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from toolkit.base import forkpool
from toolkit.checks.validate import validate_tree

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def test_parts_come_back_in_order_from_their_processes():
    items = list(range(100))
    results = forkpool.split(lambda part, parts: (part, os.getpid(), sum(items[part::parts])), 3)
    assert [r[0] for r in results] == [0, 1, 2]
    assert results[0][1] == os.getpid() and len({r[1] for r in results}) == 3
    assert sum(r[2] for r in results) == sum(items)


def test_a_failing_part_fails_the_whole_with_its_traceback():
    def work(part, parts):
        if part == 1:
            raise ValueError("bad document in part 1")
        return part

    with pytest.raises(forkpool.PartFailed, match="ValueError: bad document in part 1"):
        forkpool.split(work, 2)


def test_no_fork_for_small_work_with_threads_or_when_turned_off():
    # In a fresh interpreter: a pytest-xdist worker already runs threads of its own.
    script = """
import threading
from toolkit.base import forkpool
results = [forkpool.parts_for(1000, 400), forkpool.parts_for(100, 400)]
stop = threading.Event()
thread = threading.Thread(target=stop.wait)
thread.start()
results.append(forkpool.parts_for(1000, 400))  # mkdocs serve runs threads: never fork then
stop.set()
thread.join()
print(results)
"""

    def run(parallel: str) -> str:
        env = {**os.environ, "HUB_PARALLEL": parallel}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        return done.stdout.strip()

    assert run("2") == "[2, 1, 1]"
    assert run("1") == "[1, 1, 1]"


def test_validation_split_over_processes_finds_what_one_process_finds(site_tree, monkeypatch):
    (site_tree / "docs/outils/fiche-debat/index.fr.md").write_text(
        (site_tree / "docs/outils/fiche-debat/index.fr.md")
        .read_text(encoding="utf-8")
        .replace("themes:", "themes: [pas-un-theme]\nold_themes:", 1),
        encoding="utf-8",
    )
    monkeypatch.setattr("toolkit.checks.validate.PARALLEL_MINIMUM", 2)
    monkeypatch.setenv("HUB_PARALLEL", "1")
    alone = validate_tree(site_tree)
    monkeypatch.setenv("HUB_PARALLEL", "2")
    split = validate_tree(site_tree)
    assert split.problems == alone.problems and alone.problems
    for one, other in zip(alone.corpus.documents, split.corpus.documents, strict=True):
        assert (one.rel, one.meta, alone.facts(one)) == (other.rel, other.meta, split.facts(other))
