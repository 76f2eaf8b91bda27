"""The programs some tests need that pip cannot install, and what to install to get them.

A test that needs one carries a marker (``needs_chromium``, ``needs_axe``, ``needs_epubcheck``,
``needs_zimcheck``, ``needs_kiwix_serve``, ``needs_espeak_ng``, ``needs_faketime``; the ``browser`` marker implies ``needs_chromium``).
Where the program is missing, the test is skipped with the reason and the command that installs
it, and a summary at the end of the run lists every program missing, how many tests it skipped
and how to install it. Under ``CI=true`` nothing may be skipped: the test fails with the same
message. ``.ci/system-deps`` (run by ``make test``) says the same before the tests start.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
#: Java options for epubcheck: the C1 compiler only and a serial collector. Measured here on 80
#: EPUBs of the real kits: 12.8 CPU-seconds instead of 31.7 (C2 compiles more than a run of
#: this length ever gains back, and the parallel collector's threads compete with the tests').
EPUBCHECK_JAVA = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


@dataclass(frozen=True)
class Tool:
    name: str
    used_for: str
    #: install commands per platform: "debian", "macos" (Windows: use WSL, i.e. "debian")
    install: dict[str, str]

    def found(self) -> bool:
        return FINDERS[self.name]()


def _chromium() -> bool:
    return bool(shutil.which("chromium") or shutil.which("chromium-browser"))


def _axe() -> bool:
    return (ROOT / "node_modules" / "axe-core" / "axe.min.js").is_file()


def _epubcheck() -> bool:
    # javac too: the kit test runs every EPUB through one JVM with a Java source file
    # (tests/kits/EpubCheckAll.java), which needs the JDK's compiler
    return bool(shutil.which("java") and shutil.which("javac")) and EPUBCHECK_JAR.is_file()


FINDERS = {
    "chromium": _chromium,
    "axe": _axe,
    "epubcheck": _epubcheck,
    "zimcheck": lambda: bool(shutil.which("zimcheck")),
    "kiwix-serve": lambda: bool(shutil.which("kiwix-serve")),
    "espeak-ng": lambda: bool(shutil.which("espeak-ng")),
    "faketime": lambda: bool(shutil.which("faketime")),
}

TOOLS = {
    tool.name: tool
    for tool in (
        Tool(
            "chromium",
            "the browser tests (pages, search, offline kit, accessibility, CSP) drive Debian's "
            "chromium through Playwright",
            {"debian": "sudo apt-get install chromium", "macos": "brew install --cask chromium"},
        ),
        Tool(
            "axe",
            "the accessibility tests inject axe-core, installed by npm into node_modules/",
            {
                "debian": "sudo apt-get install nodejs npm, then make test (it runs npm ci)",
                "macos": "brew install node, then make test (it runs npm ci)",
            },
        ),
        Tool(
            "epubcheck",
            "the EPUB exports are checked by epubcheck, the validator e-readers follow (Java)",
            {
                "debian": "sudo apt-get install epubcheck default-jdk-headless",
                "macos": "no /usr/share/java/epubcheck.jar there: run the tests in Debian or WSL",
            },
        ),
        Tool(
            "zimcheck",
            "the Kiwix ZIM is checked by zimcheck, the validator Kiwix uses",
            {"debian": "sudo apt-get install zim-tools", "macos": "brew install zim-tools"},
        ),
        Tool(
            "kiwix-serve",
            "the Kiwix ZIM is opened and searched in kiwix-serve, as a hotspot would",
            {"debian": "sudo apt-get install kiwix-tools", "macos": "brew install kiwix-tools"},
        ),
        Tool(
            "espeak-ng",
            "the recordings import tests make speech with espeak-ng (test fixtures only, never "
            "content)",
            {"debian": "sudo apt-get install espeak-ng", "macos": "brew install espeak-ng"},
        ),
        Tool(
            "faketime",
            "the kits are built a second time under another clock (libfaketime) and time zone, "
            "and must give the same bytes",
            {"debian": "sudo apt-get install faketime", "macos": "brew install libfaketime"},
        ),
    )
}

#: marker name -> tool name
MARKERS = {"needs_" + name.replace("-", "_"): name for name in TOOLS}


def this_platform() -> str:
    return "macos" if sys.platform == "darwin" else "debian"


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def message(tool: Tool) -> str:
    install = tool.install[this_platform()]
    where = "" if this_platform() == "macos" or platform.system() == "Linux" else " (in WSL)"
    return f"{tool.name} is missing: {tool.used_for}. Install{where}: {install}"


def require(*names: str) -> list[str]:
    """Skip the calling test when any of ``names`` is missing (fail under CI=true), saying what to
    install for each; returns the names found missing (none when it returns at all)."""
    missing = [TOOLS[name] for name in names if not TOOLS[name].found()]
    if not missing:
        return []
    text = " | ".join(message(tool) for tool in missing)
    if in_ci():
        pytest.fail(f"{text} (CI=true: nothing may be skipped)", pytrace=False)
    pytest.skip(text)


def tools_of(item) -> list[str]:
    """The tools a collected test needs, from its markers."""
    names = [MARKERS[m.name] for m in item.iter_markers() if m.name in MARKERS]
    if item.get_closest_marker("browser") and "chromium" not in names:
        names.insert(0, "chromium")
    return names
