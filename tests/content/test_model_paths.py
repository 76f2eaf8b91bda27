"""Every front matter field that names a file is confined to ``docs/`` (issue 25).

``../../../../usr/share/...`` as a Lenali cover published a file of the build machine. The test
walks the content model (every model, nested ones included) and fails when a field that looks
like a path (by its name or its description) carries no :class:`Confined` mark; then hostile
values are refused at their line by ``hub check``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from conftest import make_site_tree
from pydantic import BaseModel

from toolkit.checks.validate import validate_tree
from toolkit.content import model
from toolkit.content.model import MODELS, Confined, confined_fields
from toolkit.content.paths import confined

#: What makes a field path-like: its name, or a description that speaks of a file to find.
PATH_LIKE = re.compile(
    r"path|next to this file|relative to this file|image|picture|photo|audio|sound file|"
    r"cover|illustration|attachment|\.(png|jpe?g|svg|ogg|opus|mp3|pdf)\b",
    re.I,
)


def _models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    stack = [*MODELS.values(), model.SummaryTranslation, model.GlossaryEntry]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.append(current)
        for field in current.model_fields.values():
            stack += [
                t
                for t in _types(field.annotation)
                if isinstance(t, type) and issubclass(t, BaseModel)
            ]
    return seen


def _types(annotation) -> list:
    args = get_args(annotation)
    return [annotation, *(t for arg in args for t in _types(arg))]


def test_every_path_like_field_of_the_model_is_confined():
    path_like = []
    for current in _models():
        marked = set(confined_fields(current))
        for name, field in current.model_fields.items():
            if PATH_LIKE.search(name) or PATH_LIKE.search(field.description or ""):
                path_like.append(f"{current.__name__}.{name}")
                assert name in marked, (
                    f"{current.__name__}.{name} names a file: type it LocalPath "
                    "(toolkit/content/model.py) so that it stays inside docs/"
                )
    assert {"Methodology.illustration", "Capsule.audio", "Capsule.cover"} <= set(path_like)


def test_the_walk_would_catch_an_unmarked_field():
    class WithAttachment(BaseModel):
        attachment: str | None = None

    assert confined_fields(WithAttachment) == []
    assert PATH_LIKE.search("attachment")
    assert any(isinstance(m, Confined) for m in model.LocalPath.__metadata__)


CAPSULE = "docs/methodologies/debat-budget/capsule.fr.md"


@pytest.fixture
def tree(tmp_path):
    return make_site_tree(tmp_path / "hub")


def _with_fields(root: Path, rel: str, extra: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\n" + extra, 1), encoding="utf-8")


def _problems(root: Path, rel: str) -> list[str]:
    return [str(p) for p in validate_tree(root).problems if p.path == rel]


@pytest.mark.parametrize(
    "field, value, why",
    [
        (
            "cover",
            "../../../../../../../../usr/share/common-licenses/GPL-3",
            "points outside docs/",
        ),
        ("illustration", "../../../mkdocs.yml", "points outside docs/"),
        ("audio", "../../../../../../etc/passwd", "points outside docs/"),
        ("cover", "lien.png", "goes through a symbolic link"),
    ],
)
def test_a_file_outside_docs_is_refused_at_its_line(tree, field, value, why):
    (tree / "docs/methodologies/debat-budget/lien.png").symlink_to("/usr/share/pixmaps")
    _with_fields(tree, CAPSULE, f"{field}: {value}\n")
    found = _problems(tree, CAPSULE)
    assert (
        f"{CAPSULE}:2: [path] '{field}: {value}' {why}: only files of docs/ are published."
        in "\n".join(found)
    ), found


@pytest.mark.parametrize("value", ["/etc/passwd", "C:\\\\x.png", "https://evil.example/x.png"])
def test_an_absolute_path_or_an_address_is_not_a_path(tree, value):
    _with_fields(tree, CAPSULE, f"cover: '{value}'\n")
    found = _problems(tree, CAPSULE)
    assert any(":2: " in line and "cover" in line for line in found), found


def test_confined_follows_the_path_part_by_part(tmp_path):
    docs = tmp_path / "docs"
    (docs / "a" / "b").mkdir(parents=True)
    (docs / "c.png").write_bytes(b"x")
    assert confined(docs / "a" / "b", "../../c.png", docs) == ((docs / "c.png").resolve(), None)
    assert confined(docs / "a", "../../x", docs)[1] == "points outside docs/"
    (docs / "a" / "up").symlink_to(docs)  # a link that stays inside docs/ is refused too
    assert confined(docs / "a", "up/c.png", docs)[1] == "goes through a symbolic link"
