"""Split a Markdown file into its YAML front matter and body, keeping line numbers.

MkDocs drops a page's front matter silently when its YAML is broken, so the hub reads
it here: every value is paired with the line it stands on, and YAML errors become
problems that name the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from toolkit.content.problems import Problem


@dataclass
class FrontMatter:
    data: dict[str, Any]
    #: line of each value, keyed by its path: ("steps", 0, "title") -> 12
    lines: dict[tuple, int] = field(default_factory=dict)
    #: line where the body starts (1-based), i.e. the line after the closing ---
    body_start: int = 1
    body: str = ""

    def line_of(self, loc: tuple) -> int:
        """Line of the value at ``loc``, or of its nearest parent that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


#: libyaml's parser when PyYAML was built with it (the wheels are): 10x faster than pure Python.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader that leaves dates as text: pydantic reports a bad date with its field."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _walk(node: yaml.Node, loc: tuple, lines: dict[tuple, int]) -> None:
    lines[loc] = node.start_mark.line + 2  # +1 for 1-based, +1 for the opening ---
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            _walk(value_node, (*loc, key), lines)
            lines[(*loc, key)] = key_node.start_mark.line + 2
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), lines)


_MAP, _SEQ, _STR = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str"
#: Scalars built here as PyYAML's SafeConstructor builds them (with its own functions).
_SCALARS = {tag: _Loader.yaml_constructors[tag].__get__(yaml.constructor.SafeConstructor()) for tag in (
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")}


class _Unusual(Exception):
    """YAML that :func:`_build` leaves to PyYAML (tags, merge keys, complex keys)."""


def _build(node: yaml.Node, loc: tuple, lines: dict[tuple, int]):
    """The value of ``node`` and, in ``lines``, the line of each value, in one walk: what
    ``construct_document`` then :func:`_walk` give for plain mappings, sequences and scalars
    (tests/test_frontmatter.py compares both). Raises _Unusual for anything else."""
    lines[loc] = node.start_mark.line + 2
    tag, kind = node.tag, type(node)
    if kind is yaml.ScalarNode:
        if tag == _STR:
            return node.value
        if tag in _SCALARS:
            return _SCALARS[tag](node)
    elif kind is yaml.MappingNode and tag == _MAP:
        data = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise _Unusual
            key_tag = key_node.tag
            if key_tag == _STR:
                key = key_node.value
            elif key_tag in _SCALARS:
                key = _SCALARS[key_tag](key_node)
            else:
                raise _Unusual  # merge keys ('<<'), '=' keys, explicit tags
            child = (*loc, key_node.value)
            data[key] = _build(value_node, child, lines)
            lines[child] = key_node.start_mark.line + 2
        return data
    elif kind is yaml.SequenceNode and tag == _SEQ:
        return [_build(item, (*loc, index), lines) for index, item in enumerate(node.value)]
    raise _Unusual


def _load(yaml_text: str) -> tuple[object, yaml.Node | None, dict[tuple, int] | None]:
    """(data, root node, line of each value) of ``yaml_text``; the lines are None when PyYAML
    built the data (then :func:`_walk` finds them in the node, as it stands after construction:
    merge keys are merged into it)."""
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None, None
        if "&" not in yaml_text:  # no anchor, hence no alias: every node is reached once
            lines: dict[tuple, int] = {}
            try:
                return _build(node, (), lines), node, lines
            except (_Unusual, RecursionError, ValueError, TypeError, yaml.YAMLError):
                pass  # PyYAML builds it, or says what is wrong
        return loader.construct_document(node), node, None
    finally:
        loader.dispose()


def parse(text: str, path: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse ``text``; return the front matter (None when unusable) and the problems found."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [
            Problem(path, 1, "front-matter", "The file does not start with front matter.",
                    "Put a block between two lines of '---' at the very top (copy a template from methodology/templates/).")
        ]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None, [
            Problem(path, 1, "front-matter", "The front matter is never closed.",
                    "Add a line with '---' after the last field.")
        ]
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1:])
    try:
        data, node, walked = _load(yaml_text)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark else 2
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        context = getattr(error, "context", None)
        message = f"The front matter is not valid YAML: {what}"
        if context:
            message += f" ({context})"
        return None, [
            Problem(path, line, "yaml", message.rstrip(".") + ".",
                    "Check the indentation and put quotes around values that contain ':' or start with a special character.")
        ]
    if data is None:
        data, node = {}, None
    if not isinstance(data, dict):
        return None, [
            Problem(path, 2, "yaml", "The front matter is not a set of 'field: value' lines.",
                    "Write one 'field: value' per line, as in the templates of methodology/templates/.")
        ]
    line_map: dict[tuple, int] = {(): 1}
    if node is not None:
        if walked is None:
            _walk(node, (), line_map)
        else:
            line_map.update(walked)
        line_map[()] = 1
    return FrontMatter(data=data, lines=line_map, body_start=end + 2, body=body), []
