"""The online site's search index: Pagefind, run over the built site.

Material's own search sends every reader the whole index of every language at page load
(2.7 MB gzip on the 1,000-document benchmark corpus). Pagefind writes a static index split in
small chunks, one index per page language (from ``<html lang>``): the browser fetches Pagefind
only when the reader uses the search, then only the chunks holding the words typed. The
offline kit keeps Material's search (a local file costs nothing).

Pagefind is the ``pagefind[bin]`` package from PyPI, which carries its binary: no download at
build time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BUNDLE = "pagefind"
#: Parts of a page that are not its text: heading anchors (¶), edit links, download blocks.
IGNORED = ".headerlink, .hub-edit, .hub-download"
#: Pagefind's ready-made interfaces, which the hub does not use (docs/assets/hub.js is its own,
#: smaller interface): removed so that the published site carries no dead files.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do."""


@dataclass
class SearchReport:
    seconds: float
    pages: dict[str, int] = field(default_factory=dict)  # language -> pages indexed

    def summary(self) -> str:
        langs = ", ".join(f"{lang} {count}" for lang, count in sorted(self.pages.items()))
        return f"search index: {sum(self.pages.values())} pages ({langs}) in {self.seconds:.1f} s"


def command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
            "--exclude-selectors", IGNORED, "--silent"]


def build_index(site_dir: Path) -> SearchReport:
    """Index ``site_dir`` (every language) into ``site_dir/pagefind``; report pages per language."""
    start = time.perf_counter()
    try:
        run = subprocess.run(command(site_dir), capture_output=True, text=True, timeout=900)
    except FileNotFoundError:  # pragma: no cover - sys.executable always exists
        raise SearchIndexError("Python not found to run Pagefind.") from None
    except subprocess.TimeoutExpired:
        raise SearchIndexError("Pagefind took more than 15 minutes. Fix: check the site size.") from None
    if run.returncode != 0:
        output = (run.stderr or run.stdout).strip()
        if "No module named pagefind" in output:
            raise SearchIndexError("Pagefind is not installed. Fix: `make install` "
                                   "(pip install 'pagefind[bin]').")
        raise SearchIndexError(f"Pagefind failed: {output.splitlines()[-1] if output else run.returncode}")
    entry = site_dir / BUNDLE / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    except (OSError, ValueError):
        raise SearchIndexError(f"Pagefind wrote no {entry.relative_to(site_dir)}: no page to index? "
                               "Fix: content pages need data-pagefind-body (overrides/main.html).") from None
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    pages = {lang: int(info.get("page_count", 0)) for lang, info in languages.items()}
    return SearchReport(time.perf_counter() - start, pages)
