"""``hub verify``'s problems in the content shape: :func:`toolkit.kits.manifest.verify`'s
findings about a kit (zip or folder) as :class:`~toolkit.content.problems.Problem` lines,
``<kit>: [kit-verify] what. Fix: how.``"""

from __future__ import annotations

from pathlib import Path

from toolkit.content.problems import Problem, printable
from toolkit.kits.errors import kit_problem

FIX = "Download or copy the kit again, then run hub verify (or sha256sum -c SHA256SUMS) on the copy"


def verify_problems(target: Path) -> list[Problem]:
    """Every problem :func:`~toolkit.kits.manifest.verify` finds in ``target``."""
    from toolkit.kits.manifest import verify

    where = str(target)
    problems = []
    for text in verify(Path(target)):
        text = text.removeprefix(f"{where}: ")
        problems.append(kit_problem("verify", where, printable(text).rstrip("."), FIX))
    return problems
