"""toolkit.base.forkpool: work split over forked processes comes back whole, in order, or fails loudly."""

from __future__ import annotations

import os
import threading

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


def test_no_fork_for_small_work_with_threads_or_when_turned_off(monkeypatch):
    monkeypatch.setenv("HUB_PARALLEL", "2")
    assert forkpool.parts_for(1000, 400) == 2
    assert forkpool.parts_for(100, 400) == 1
    monkeypatch.setenv("HUB_PARALLEL", "1")
    assert forkpool.parts_for(1000, 400) == 1
    monkeypatch.setenv("HUB_PARALLEL", "2")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:  # mkdocs serve runs threads: never fork then
        assert forkpool.parts_for(1000, 400) == 1
    finally:
        stop.set()
        thread.join()


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
        assert (one.rel, one.meta, one.body_facts) == (other.rel, other.meta, other.body_facts)
