"""Comments and docstrings name only modules and files that exist: a module renamed or moved
leaves no stale name behind (nine did: a package that became website/, test files that moved
into tests/<layer>/)."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest
from conftest import ROOT

#: A dotted toolkit name, or a path to a file of the repository's own folders.
DOTTED = re.compile(r"\btoolkit(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
PATH = re.compile(
    r"(?<![\w/.-])(?:toolkit|tests|hooks|bench|overrides|methodology)/[\w./-]*\w\.(?:py|html|md|yml|typ|js|css)\b"
)
SOURCES = ("toolkit", "hooks", "tests", "bench")


def _prose(text: str) -> list[tuple[int, str]]:
    """(line, text) of every comment and docstring of a Python source."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            found.append((token.start[0], token.string))
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                if isinstance(body[0].value.value, str):
                    found.append((body[0].lineno, body[0].value.value))
    return found


def _module_exists(dotted: str) -> bool:
    """A dotted toolkit name: the longest prefix that is a module or package exists, and what
    follows it, if anything, is a name that module defines."""
    parts = dotted.split(".")
    for end in range(len(parts), 1, -1):
        base = ROOT.joinpath(*parts[:end])
        module = base.with_suffix(".py") if not base.is_dir() else base / "__init__.py"
        if module.is_file():
            rest = parts[end:]
            return not rest or _defines(module, rest[0])
    return False


def _defines(module: Path, name: str) -> bool:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node.name == name:
                return True
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
        elif isinstance(node, ast.ImportFrom | ast.Import):
            if any((alias.asname or alias.name.split(".")[0]) == name for alias in node.names):
                return True
    return (module.parent / f"{name}.py").is_file() or (module.parent / name).is_dir()


def stale_names(path: Path) -> list[str]:
    rel = path.relative_to(ROOT).as_posix()
    stale = []
    for line, text in _prose(path.read_text(encoding="utf-8")):
        for match in DOTTED.finditer(text):
            if not _module_exists(match[0].rstrip(".")):
                stale.append(f"{rel}:{line}: {match[0]}")
        for match in PATH.finditer(text):
            if "<" not in match[0] and "*" not in match[0] and not (ROOT / match[0]).exists():
                stale.append(f"{rel}:{line}: {match[0]}")
    return stale


def test_comments_name_only_modules_and_files_that_exist():
    stale = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "node_modules" not in path.parts:
                stale += stale_names(path)
    assert stale == [], "\n".join(stale)


@pytest.mark.parametrize(
    "source, expected",
    [
        ('"""See toolkit.site for the rest."""\n', ["toolkit.site"]),
        ("# tests/test_old_name.py checks it\n", ["tests/test_old_name.py"]),
        ('"""toolkit.website.lifecycle.BUILD, tests/test_architecture.py"""\n', []),
        ('"""toolkit.website.lifecycle.NOT_THERE"""\n', ["toolkit.website.lifecycle.NOT_THERE"]),
    ],
)
def test_the_lint_sees_a_stale_name(monkeypatch, source, expected):
    path = ROOT / "toolkit" / "x.py"
    original = Path.read_text

    def read_text(self, encoding=None):
        return source if self == path else original(self, encoding=encoding)

    monkeypatch.setattr(Path, "read_text", read_text)
    assert [each.split(": ", 1)[1] for each in stale_names(path)] == expected
