"""Problems found in the content, and the one shape they are reported in.

``docs/path/index.fr.md:LINE: [check] what is wrong. Fix: how.``
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from toolkit.base.environment import environment


def printable(text: object) -> str:
    """``text`` on one line as typed: line breaks and other invisible characters escaped,
    so that a problem quoting a contributor's text keeps the one-line shape."""
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(text)
    )


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes (or a kit's file)
    line: int  # 0: the problem is about the whole file (a kit, an export)
    check: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:" if self.line else f"{self.path}:"
        return f"{where} [{self.check}] {self.message} Fix: {self.fix}"

    def annotation(self) -> str:
        """The same problem as a GitHub Actions annotation (shown on the pull request line)."""
        text = f"[{self.check}] {self.message} Fix: {self.fix}"
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        line = f",line={self.line}" if self.line else ""
        return f"::error file={self.path}{line},title={self.check}::{text}"


def summary(problems: Iterable[Problem], files_checked: int) -> str:
    problems = list(problems)
    if not problems:
        return f"All {files_checked} files passed."
    files = len({p.path for p in problems})
    if len(problems) == 1:
        return f"There was 1 problem in {files}/{files_checked} files."
    return f"There were {len(problems)} problems in {files}/{files_checked} files."


def report_lines(
    problems: Iterable[Problem], files_checked: int, ci: bool | None = None
) -> list[str]:
    """Every problem, sorted by file and line, then GitHub annotations under CI, then a summary."""
    problems = sorted(set(problems))
    if ci is None:
        ci = environment().ci
    lines = [str(p) for p in problems]
    if ci:
        lines += [p.annotation() for p in problems]
    lines.append(summary(problems, files_checked))
    return lines
