"""The one error of the kits: :class:`KitError`, carrying content-shaped problems.

A kit problem is a :class:`toolkit.content.problems.Problem` with the check ``kit-<name>``
(``kit-export``, ``kit-zim``, ``kit-lenali``, ``kit-sahelink``, ``kit-manifest``,
``kit-image``, ``kit-budget``, ``kit-site``, ``kit-verify``) and line 0 when it is about a
whole file, printed like every content problem::

    docs/outils/x/index.fr.md: [kit-export] the fr PDF failed at the typst step: ... Fix: ...

``hub kits``, the MkDocs hook and ``hub verify`` print these lines; nothing matches class names.
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.content.problems import Problem, printable


def kit_problem(kit: str, path: object, what: str, fix: str, line: int = 0) -> Problem:
    """A problem of kit ``kit`` about ``path`` (a document, a kit file or folder)."""
    what, fix = what.strip(), fix.strip()
    return Problem(
        str(path),
        line,
        f"kit-{kit}",
        what if what.endswith(".") else what + ".",
        fix if fix.endswith(".") else fix + ".",
    )


class KitError(Exception):
    """A kit could not be built: one or more :class:`Problem` (file, what, fix)."""

    def __init__(self, problems: Problem | Iterable[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def of(cls, kit: str, path: object, what: str, fix: str) -> KitError:
        return cls(kit_problem(kit, path, what, fix))


#: How to fix a failed export, by step.
EXPORT_FIXES = {
    "image": "Correct the image path in the page (hub check reports it with its line)",
    "render": "Run hub check and correct what it reports",
    "pandoc": "Install pypandoc-binary (make install); if it is installed, run hub check on the file",
    "typst": "Run hub check on the file; if it passes, report the file and this message",
    "write": "Check the free space and permissions of the kit folder",
}


def export_error(rel: str, lang: str, step: str, detail: str) -> KitError:
    """An export failed: which document, in which language, at which step, and why."""
    return KitError(
        kit_problem(
            "export",
            rel,
            f"the {lang} export failed at the {step} step: {printable(detail.strip())}",
            EXPORT_FIXES.get(step, EXPORT_FIXES["typst"]),
        )
    )
