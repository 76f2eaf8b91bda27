"""Which files of the repository are content and which are code: the one list.

Content is what contributors send through GitHub's web editor and what ``hub check`` validates:
the pages and their media under ``docs/``, the method (vocabularies, glossary, templates) under
``methodology/``, and the interface strings in ``locales/`` (``.po`` and the ``.pot`` source).
The hub treats content as data: it parses it, validates it and makes again everything it
publishes from it (DESIGN.md, "Threat model").

Everything else is code, because the build runs it or trusts it: ``mkdocs.yml`` (its YAML loader
builds Python objects: ``!!python/object/apply``), ``hooks/``, ``overrides/`` (Jinja templates,
including the language partials generated from the ``.po`` files), ``toolkit/``, ``.github/``,
``.ci/``, ``Makefile``, ``pyproject.toml``, the constraints, the npm files, ``docs/assets/`` (the
hub's own scripts and stylesheets, which the CSP's ``'self'`` lets run) and
``methodology/schemas/`` (generated from the model). A file that is not content is code: a new
kind of file needs a maintainer until this list says otherwise.

CI lists the code a pull request changes ("needs a maintainer", ``.github/workflows/site.yml``),
and ``.github/CODEOWNERS`` gives every code path to the maintainers
(``tests/delivery/test_workflows.py`` checks both against this list)::

    git diff --name-only BASE HEAD | python -m toolkit.base.codepaths
"""

from __future__ import annotations

import sys
from fnmatch import fnmatchcase
from pathlib import PurePosixPath

#: Content: (glob of the path from the repository's root, what it is). Checked in order.
CONTENT: tuple[tuple[str, str], ...] = (
    ("docs/assets/*", "code"),  # the hub's own scripts, styles and images: before docs/*
    ("docs/*", "content"),
    ("methodology/schemas/*", "code"),  # generated from toolkit/content/model.py
    ("methodology/*", "content"),
    ("locales/*.po", "content"),
    ("locales/*.pot", "content"),
)

#: The code paths named in the issue and DESIGN.md, each a glob (CODEOWNERS must cover them).
CODE: tuple[str, ...] = (
    "mkdocs.yml",
    "hooks/*",
    "overrides/*",
    "toolkit/*",
    ".github/*",
    ".ci/*",
    "Makefile",
    "pyproject.toml",
    "constraints.txt",
    "package.json",
    "package-lock.json",
    "bench/*",
    "tests/*",
    "docs/assets/*",
    "methodology/schemas/*",
)


def kind(path: str) -> str:
    """``content`` or ``code`` for ``path`` (from the repository's root, forward slashes)."""
    path = PurePosixPath(path).as_posix().lstrip("/")
    for pattern, what in CONTENT:
        if fnmatchcase(path, pattern):
            return what
    return "code"


def is_code(path: str) -> bool:
    return kind(path) == "code"


def code_paths(paths) -> list[str]:
    """The paths among ``paths`` that are code, in their order, each once."""
    return [p for p in dict.fromkeys(p.strip() for p in paths) if p and is_code(p)]


def main(lines=None) -> int:
    """Print the code paths among the paths read (one a line), then nothing else."""
    for path in code_paths(sys.stdin if lines is None else lines):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
