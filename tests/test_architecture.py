"""The layers of toolkit/ and the one direction of their imports (README.md, "Layout").

base <- upstream <- content <- media <- checks <- render <- website | kits | contributions <- cli

A module may import its own subpackage and any layer below it, never one above it nor its
sibling (website, kits and contributions stay independent of each other). The hooks import website and kits
only (they are thin adapters), and upstream imports nothing of the hub but base.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

LAYERS = {
    "base": 0,
    "upstream": 1,
    "content": 2,
    "media": 3,
    "checks": 4,
    "render": 5,
    "website": 6,
    "kits": 6,
    "contributions": 6,
    "cli": 7,
}
TOOLKIT = ROOT / "toolkit"


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "toolkit" or len(parts) < 2:
        return None
    return parts[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module == "toolkit":  # from toolkit import upstream
                found += [(node.lineno, f"toolkit.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, module))
    return found


def _violations(path: Path, own: str, allowed) -> list[str]:
    rel = path.relative_to(ROOT)
    return [
        f"{rel}:{line}: imports {module}"
        for line, module in _imports(path)
        if (layer := _layer(module)) is not None and layer != own and not allowed(layer)
    ]


def test_every_module_belongs_to_a_layer():
    strays = [
        p.relative_to(ROOT).as_posix()
        for p in TOOLKIT.iterdir()
        if p.name not in {"__init__.py", "__pycache__", "cli.py"}
        and p.stem not in LAYERS
        and not p.name.endswith(".md")
    ]
    assert strays == [], "toolkit/ holds only the layer folders and cli.py"


def test_imports_point_down_the_layers():
    problems = []
    for path in sorted(TOOLKIT.rglob("*.py")):
        parts = path.relative_to(TOOLKIT).parts
        own = parts[0] if len(parts) > 1 else path.stem
        if own == "__init__":
            continue
        rank = LAYERS[own]
        problems += _violations(path, own, lambda layer, rank=rank: LAYERS[layer] < rank)
    assert problems == [], "\n".join(problems)


def test_hooks_call_only_the_website_and_the_kits():
    problems = []
    for path in sorted((ROOT / "hooks").glob("*.py")):
        problems += _violations(
            path, "hooks", lambda layer: layer in ("website", "kits", "upstream")
        )
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 40, f"{path.name} is not thin"
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    "source, expected",
    [
        (
            "from toolkit.kits.lenali import audio_problems\n",
            ["toolkit/checks/x.py:1: imports toolkit.kits.lenali"],
        ),
        (
            "from ..render.document import render_document\n",
            ["toolkit/checks/x.py:1: imports toolkit.render.document"],
        ),
        ("from ..content.model import MODELS\nfrom . import privacy\n", []),
    ],
)
def test_the_check_sees_an_upward_import(tmp_path, monkeypatch, source, expected):
    path = ROOT / "toolkit" / "checks" / "x.py"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    assert _violations(path, "checks", lambda layer: LAYERS[layer] < LAYERS["checks"]) == expected


def _toolkit_sources():
    for path in sorted(TOOLKIT.rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _is_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv")


def test_the_environment_is_read_in_one_place():
    """Only toolkit/base/environment.py reads os.environ; ``{**os.environ, ...}`` for a
    subprocess passes it on without reading it."""
    readers = []
    for rel, tree in _toolkit_sources():
        if rel == "toolkit/base/environment.py":
            continue
        passed_on = {
            id(value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Dict)
            for key, value in zip(node.keys, node.values, strict=True)
            if key is None
        }
        readers += [
            f"{rel}:{node.lineno}"
            for node in ast.walk(tree)
            if _is_environ(node) and id(node) not in passed_on
        ]
    assert readers == [], "read the environment through toolkit.base.environment: " + ", ".join(
        readers
    )


def test_module_state_is_only_per_build_caches():
    """No ``global``, ``functools.cache`` or ``lru_cache`` outside toolkit/base/build_caches.py:
    a module-level cache outlives the build, and ``mkdocs serve`` would serve it to the next."""
    found = []
    for rel, tree in _toolkit_sources():
        if rel == "toolkit/base/build_caches.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found.append(f"{rel}:{node.lineno}: global")
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    name = getattr(target, "attr", None) or getattr(target, "id", None)
                    if name in ("cache", "lru_cache"):
                        found.append(f"{rel}:{decorator.lineno}: {name}")
    assert found == [], "use toolkit.base.build_caches (per_build, Memo): " + ", ".join(found)
