"""``hub verify``'s problems in the content shape: the findings of
:func:`toolkit.kits.manifest.verify_kit` about a kit (zip or folder) as
:class:`~toolkit.content.problems.Problem` lines, ``<kit>: [kit-verify] what. Fix: how.``"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from toolkit.content.problems import Problem, printable
from toolkit.kits.errors import kit_problem

FIX = "Download or copy the kit again, then run hub verify (or sha256sum -c SHA256SUMS) on the copy"


def as_problems(target: object, texts: Iterable[str]) -> list[Problem]:
    """``verify_kit``'s findings (``"<kit>: what"``) as problems of the kit ``target``."""
    where = str(target)
    return [
        kit_problem("verify", where, printable(text.removeprefix(f"{where}: ")).rstrip("."), FIX)
        for text in texts
    ]


def verify_problems(target: Path) -> list[Problem]:
    """Every problem :func:`~toolkit.kits.manifest.verify_kit` finds in ``target``."""
    from toolkit.kits.manifest import verify_kit

    return as_problems(target, verify_kit(Path(target)).problems)
