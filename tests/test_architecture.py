"""The layers of toolkit/ and the one direction of their imports (README.md, "Layout").

base <- upstream <- content <- media <- checks <- render <- website | kits | contributions <- cli

A module may import its own subpackage and any layer below it, never one above it nor its
sibling (website, kits and contributions stay independent of each other). The hooks import website and kits
only (they are thin adapters), and upstream imports nothing of the hub but base. No two modules
import each other, directly or round a loop, and no import inside a function hides such a loop.
The environment is read in one module, module state is per-build caches only, a rule written
once stays written once (the French colon), and no function in toolkit/kits/ is over 60 lines or
6 parameters.
"""

from __future__ import annotations

import ast
import re
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


_MUTATORS = frozenset(
    "append add update setdefault pop popitem clear extend insert remove discard move_to_end".split()
)
_CONTAINERS = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)


def _unregistered_state(tree: ast.Module, rel: str) -> list[str]:
    """Module-level lists, dicts and sets that a function changes, unless the module gives
    build_caches.register a clear function that names them (emptied when a build starts)."""
    containers = {}
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        value = getattr(node, "value", None)
        if isinstance(target, ast.Name) and isinstance(value, _CONTAINERS):
            containers[target.id] = node.lineno
    functions = {
        node.name: node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    registered: set[str] = set()
    for call in ast.walk(tree):
        name = getattr(getattr(call, "func", None), "attr", None) or getattr(
            getattr(call, "func", None), "id", None
        )
        if isinstance(call, ast.Call) and name == "register":
            for arg in call.args:
                for node in ast.walk(functions.get(getattr(arg, "id", ""), arg)):
                    if isinstance(node, ast.Name):
                        registered.add(node.id)
    found = []
    for function in functions.values():
        local = {a.arg for a in function.args.args + function.args.kwonlyargs}
        local |= {
            n.id
            for n in ast.walk(function)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        for node in ast.walk(function):
            changed = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in _MUTATORS and isinstance(node.func.value, ast.Name):
                    changed = node.func.value.id
            elif isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
                targets = getattr(node, "targets", None) or [node.target]
                for target in targets:
                    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                        changed = target.value.id
            if changed in containers and changed not in local and changed not in registered:
                found.append(f"{rel}:{node.lineno}: {function.name} changes {changed}")
    return found


def test_module_state_a_function_changes_is_emptied_when_a_build_starts():
    """A module-level list, dict or set that a function fills is state that outlives the build
    (``mkdocs serve`` rebuilds in the same process) unless build_caches.reset empties it."""
    found = []
    for rel, tree in _toolkit_sources():
        if rel != "toolkit/base/build_caches.py":
            found += _unregistered_state(tree, rel)
    assert found == [], "register a clear function with toolkit.base.build_caches: " + ", ".join(
        found
    )


def test_the_state_check_sees_a_module_list_a_function_fills():
    source = (
        "seen = []\nkept = {}\nnames = ['a']\n"
        "def note(x):\n    seen.append(x)\n    kept[x] = 1\n    names = []\n    names.append(x)\n"
        "def _forget():\n    kept.clear()\n"
        "register(_forget)\n"
    )
    assert _unregistered_state(ast.parse(source), "x.py") == ["x.py:5: note changes seen"]


# -- import cycles ----------------------------------------------------------------------------


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> tuple[dict[str, set[str]], dict[str, set[tuple[str, int]]]]:
    """Each toolkit module's imports of other toolkit modules: those run when it is imported
    (module level, not under ``if TYPE_CHECKING``), and those inside a function."""
    modules = {_module_name(p): p for p in TOOLKIT.rglob("*.py")}

    def target(name: str) -> str | None:
        while name and name not in modules:  # a function's dotted name -> its module's
            name = name.rpartition(".")[0]
        return name or None

    top: dict[str, set[str]] = {name: set() for name in modules}
    inner: dict[str, set[tuple[str, int]]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        in_function = {
            id(node)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(function)
        }
        type_checking = {
            id(node)
            for branch in ast.walk(tree)
            if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
            for node in ast.walk(branch)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                found = [f"{base}.{alias.name}" for alias in node.names] + [base]
            else:
                continue
            targets = {t for each in found if (t := target(each)) and t != name}
            if id(node) in type_checking:
                continue
            if id(node) in in_function:
                inner[name] |= {(t, node.lineno) for t in targets}
            else:
                top[name] |= targets
    return top, inner


def _reaches(top: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name == goal:
            return True
        if name not in seen:
            seen.add(name)
            todo += top.get(name, ())
    return False


def _cycles(top: dict[str, set[str]]) -> list[str]:
    """Each import cycle among module-level imports, as ``a -> b -> a`` (once per cycle)."""
    found = set()
    for start in top:
        for first in top[start]:
            if _reaches(top, first, start):
                found.add(" <-> ".join(sorted((start, first))))
    return sorted(found)


def _dodges(top: dict[str, set[str]], inner: dict[str, set[tuple[str, int]]]) -> list[str]:
    """Imports inside a function that would close a cycle if they ran at import time."""
    return sorted(
        f"{name}:{line} imports {target} inside a function"
        for name, imports in inner.items()
        for target, line in imports
        if _reaches(top, target, name)
    )


def test_no_import_cycle_and_no_import_inside_a_function_to_dodge_one():
    top, inner = _graph()
    assert _cycles(top) == [], "import cycles: " + "; ".join(_cycles(top))
    assert _dodges(top, inner) == [], "an import inside a function dodges a cycle"


def test_the_cycle_check_sees_a_cycle_and_a_dodge():
    top = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(top) == ["a <-> b", "a <-> c", "b <-> c"]
    assert _reaches(top, "a", "d") is False and _reaches(top, "d", "c") is True
    acyclic = {"a": {"b"}, "b": set(), "c": set()}
    inner = {"b": {("a", 7)}, "c": {("a", 9)}}
    assert _cycles(acyclic) == []
    assert _dodges(acyclic, inner) == ["b:7 imports a inside a function"]


def test_the_french_colon_rule_is_written_once():
    """French puts a space before a colon after a label: toolkit.content.languages.colon says
    so, and no other module writes the rule again."""
    rule = re.compile(r"""["']\s:["']\s+if\b""")
    copies = [
        f"{rel}:{text[: match.start()].count(chr(10)) + 1}"
        for rel, text in (
            (p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8"))
            for p in sorted(TOOLKIT.rglob("*.py"))
        )
        for match in rule.finditer(text)
        if rel != "toolkit/content/languages.py"
    ]
    assert copies == [], "use toolkit.content.languages.colon: " + ", ".join(copies)


#: Issue 28: no function in toolkit/kits/ longer than this many lines (its def line to its last,
#: docstring included) nor with more parameters (self and cls not counted; *args and **kwargs
#: are one each). A kit's options or a file's description is an object (LenaliOptions, ZimSpec).
MAX_FUNCTION_LINES = 60
MAX_PARAMETERS = 6


def _oversized(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        args = node.args
        names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
        names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
        parameters = len([n for n in names if n not in ("self", "cls")])
        lines = node.end_lineno - node.lineno + 1
        if lines > MAX_FUNCTION_LINES:
            found.append(f"{name}:{node.lineno} {node.name} is {lines} lines long")
        if parameters > MAX_PARAMETERS:
            found.append(f"{name}:{node.lineno} {node.name} takes {parameters} parameters")
    return found


def test_no_function_in_the_kits_is_over_60_lines_or_6_parameters():
    found = [
        problem
        for path in sorted((TOOLKIT / "kits").rglob("*.py"))
        for problem in _oversized(path.read_text(encoding="utf-8"), path.relative_to(ROOT))
    ]
    assert found == [], "\n".join(found)


def test_the_limits_check_sees_a_long_function_and_many_parameters():
    long_body = "\n".join(f"    x{i} = {i}" for i in range(60))
    source = (
        f"def long():\n{long_body}\n\n"
        "def fits(a, b, c, d, e, f):\n    return a\n\n"
        "class K:\n    def method(self, a, b, c, d, e, *rest, **options):\n        pass\n"
    )
    assert _oversized(source, "x.py") == [
        "x.py:1 long is 61 lines long",
        "x.py:67 method takes 7 parameters",
    ]
