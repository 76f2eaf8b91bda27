"""Split a Markdown file into its YAML front matter and body, keeping line numbers.

MkDocs drops a page's front matter silently when its YAML is broken, so the hub reads
it here: every value is paired with the line it stands on, and YAML errors become
problems that name the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem


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
        loader = _Loader(yaml_text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
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
        _walk(node, (), line_map)
        line_map[()] = 1
    return FrontMatter(data=data, lines=line_map, body_start=end + 2, body=body), []
