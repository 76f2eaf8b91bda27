"""What each stand-in of toolkit/upstream buys: the bench corpus built with every stand-in, then
with each one turned off (HUB_STANDINS=off:<name>), then with none; CPU seconds of the build's
processes (less sensitive than wall time to what else the machine runs) and wall seconds.

    python -m bench.standins --docs 250 [--runs 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import generate
from toolkit.upstream import STAND_INS


def _build(root: Path, site: Path, off: str) -> tuple[float, float]:
    env = {**os.environ, "HUB_KITS": "0", "NO_MKDOCS_2_WARNING": "1", "CI": "", "HUB_STANDINS": off}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.standins", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--docs", type=int, default=250)
    parser.add_argument(
        "--runs", type=int, default=2, help="builds per variant (the fastest counts)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        generate(root, args.docs, 0)
        variants = [
            ("every stand-in", ""),
            *((f"without {name}", f"off:{name}") for name in STAND_INS),
            ("none", "off"),
        ]
        results = {}
        _build(root, Path(tmp) / "warm", "")  # image cache and page cache warm for every variant
        for label, off in variants:
            runs = [_build(root, Path(tmp) / "site", off) for _ in range(args.runs)]
            results[label] = min(runs)
        base_cpu, base_wall = results["every stand-in"]
        print(
            f"Bench corpus, {args.docs} documents of each type, 4 languages; best of {args.runs} builds"
        )
        print("| variant | CPU s | wall s | CPU s the stand-in saves | share of the build |")
        print("|---|---:|---:|---:|---:|")
        for label, (cpu, wall) in results.items():
            saved = "" if label == "every stand-in" else f"{cpu - base_cpu:+.1f}"
            share = (
                "" if label == "every stand-in" else f"{(cpu - base_cpu) / base_cpu * 100:+.1f} %"
            )
            print(f"| {label} | {cpu:.1f} | {wall:.1f} | {saved} | {share} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
