"""Where content lives: the sections of docs/ and their content types, and the project root."""

from __future__ import annotations

from pathlib import Path

#: Content sections: folder under docs/ (French, like URLs) -> content type.
SECTIONS: dict[str, str] = {
    "methodologies": "methodology",
    "formations": "curriculum",
    "etudes-de-cas": "case-study",
    "outils": "tool",
}
SECTION_OF_TYPE = {kind: section for section, kind in SECTIONS.items()}
CONTENT_TYPES: tuple[str, ...] = tuple(SECTIONS.values())


def project_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml, searching upwards from ``start`` (default: cwd)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here
