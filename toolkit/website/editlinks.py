""" "Edit this page" and "Translate this page" links to the file in the repository.

The repository comes from ``extra.repository`` in mkdocs.yml (set from the HUB_REPOSITORY
environment variable; the CI workflow sets it), else from the git remote ``origin``. Without
either, no link is shown rather than a wrong one. The links are plain URLs into GitHub's web
editor: nothing is fetched from GitHub when a page is read.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path
from urllib.parse import quote

from toolkit.render.labels import label_md

BRANCH = "main"


def repository_url(configured: str | None, root: Path) -> str | None:
    """https://github.com/owner/name, or None when unknown."""
    url = (configured or "").strip() or _git_origin(root)
    if not url:
        return None
    match = re.match(
        r"^(?:git@github\.com:|https://github\.com/)([\w.-]+/[\w.-]+?)(?:\.git)?/?$", url
    )
    return f"https://github.com/{match[1]}" if match else None


def _git_origin(root: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def edit_url(repository: str, rel: str) -> str:
    return f"{repository}/edit/{BRANCH}/{quote(rel)}"


def translate_url(repository: str, rel: str, lang: str) -> str:
    """GitHub's new-file page for the ``lang`` file next to the French ``rel`` (the translation
    guide says to copy the French file, or to run ``hub new --translate``)."""
    folder, name = rel.rsplit("/", 1)
    target = name.replace(".fr.md", f".{lang}.md")
    return f"{repository}/new/{BRANCH}/{quote(folder)}?filename={quote(target)}"


#: The contributor pages (docs/contribuer/...) say "open it in the repository": they say where it is.
CONTRIBUTOR_PAGES = "contribuer"


def with_repository_note(markdown: str, repository: str | None, lang: str) -> str:
    """``markdown`` with, after its title, a note that gives the repository's address, or says
    that this build has none (no ``HUB_REPOSITORY``, no git remote) and whom to ask."""
    if repository:
        address = html.escape(repository, quote=True)
        note = (
            f'<p class="hub-repository">{label_md("repository.at", lang)} '
            f'<a href="{address}">{address}</a></p>'
        )
    else:
        note = f'<p class="hub-repository">{label_md("repository.none", lang)}</p>'
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    return "\n".join([*lines[: title + 1], "", note, "", *lines[title + 1 :]])
