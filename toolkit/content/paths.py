"""Files named in front matter stay inside ``docs/``.

``cover:``, ``illustration:``, ``audio:`` (any field the model marks
:class:`~toolkit.content.model.Confined`) name a file relative to the page. A contributor could
write ``../../../../usr/share/...`` and publish a file of the build machine, or commit a symbolic
link that points out of the repository: :func:`confined` follows the path one part at a time from
the page's folder, refuses any part that is a symbolic link, and refuses a result outside
``docs/``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def confined(folder: Path, value: str, docs_dir: Path) -> tuple[Path | None, str | None]:
    """(the file ``value`` names from ``folder``, None) or (None, why it is refused)."""
    docs = docs_dir.resolve()
    path = folder.resolve()
    for part in PurePosixPath(value).parts:
        if part in ("", "."):
            continue
        path = path.parent if part == ".." else path / part
        if path.is_symlink():
            return None, "goes through a symbolic link"
    if path != docs and docs not in path.parents:
        return None, "points outside docs/"
    return path, None
