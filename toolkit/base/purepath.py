"""pathlib's rules for '/'-separated paths, on strings: what PurePosixPath would give, without
making path objects (a few microseconds each, on every file and link of a build).

Used where a build step runs once per file or link: toolkit.upstream.i18n_files (the i18n plugin's per-file
step) and toolkit.checks.markdown (links); their tests compare the results with pathlib's.
"""

from __future__ import annotations


def stem(name: str) -> str:
    """pathlib's ``PurePosixPath(name).stem`` for a single path component."""
    i = name.rfind(".")
    return name[:i] if 0 < i < len(name) - 1 else name


def suffix(name: str) -> str:
    """pathlib's ``PurePosixPath(name).suffix`` for a single path component."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def normalize(text: str) -> str:
    """``str(PurePosixPath(text))``: no empty or '.' components, '.' when nothing is left."""
    if (
        "//" not in text
        and "/./" not in text
        and not text.startswith("./")
        and not text.endswith(("/", "/."))
        and text not in ("", ".")
    ):
        return text
    head = "/" if text.startswith("/") else ""
    if text.startswith("//") and not text.startswith("///"):
        head = "//"
    parts = [part for part in text.split("/") if part not in ("", ".")]
    return (head + "/".join(parts)) or "."


def split(path: str) -> tuple[str, str]:
    """(parent, name) of a normalised path, as pathlib's ``.parent`` and ``.name``."""
    if path == ".":
        return ".", ""
    parent, _, name = path.rpartition("/")
    if not _:
        return ".", path
    return parent or "/", name


def join(parent: str, name: str) -> str:
    """``str(PurePosixPath(parent) / name)`` for normalised parts."""
    if parent == ".":
        return normalize(name)
    if name == ".":
        return parent
    return normalize(parent + name if parent.endswith("/") else parent + "/" + name)
