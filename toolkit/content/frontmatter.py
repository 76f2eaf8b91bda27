"""Split a Markdown file into its YAML front matter and body, keeping line numbers.

MkDocs drops a page's front matter silently when its YAML is broken, so the hub reads
it here: every value is paired with the line it stands on, and YAML errors become
problems that name the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from toolkit.content.problems import Problem, printable


@dataclass
class FrontMatter:
    #: the values; None in a front matter that the check cache gave back (toolkit.checks.cache),
    #: which keeps the lines and not the values
    data: dict[str, Any] | None
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
_SCALARS = {
    tag: _Loader.yaml_constructors[tag].__get__(yaml.constructor.SafeConstructor())
    for tag in (
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
    )
}


class _Unusual(Exception):
    """YAML that :func:`_build` leaves to PyYAML (tags, complex keys)."""


#: Limits on what a contributor's front matter may hold (it is read on every build, in CI too):
#: a few kilobytes is a long page's front matter; 64 KB leaves ample room.
MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_DEPTH = 16  # steps > item > inclusion is depth 3
MAX_EVENTS = 20_000
#: Integers longer than this are not counts, durations or versions (Python refuses to read
#: integers of more than 4,300 digits at all).
MAX_INT_DIGITS = 15


class Refused(Exception):
    """Front matter the hub refuses before (or instead of) building it: ``line``, what, fix."""

    def __init__(self, line: int, message: str, fix: str):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


def _screen(yaml_text: str) -> None:
    """Refuse anchors, aliases, deep nesting and oversized documents from the parser's events,
    before anything is built: an alias bomb (a billion laughs) never grows in memory."""
    depth = 0
    loader = _Loader(yaml_text)
    try:
        count = 0
        while loader.check_event():
            event = loader.get_event()
            count += 1
            line = event.start_mark.line + 2 if event.start_mark else 2
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise Refused(
                    line,
                    "The front matter uses a YAML anchor or alias ('&name' or '*name').",
                    "Write each value out in full: the hub's pages never need anchors or aliases "
                    "(if the text itself starts with '&' or '*', put it in quotes).",
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise Refused(
                        line,
                        f"The front matter nests lists and fields more than {MAX_DEPTH} levels deep.",
                        "Flatten it as in the templates of methodology/templates/.",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if count > MAX_EVENTS:
                raise Refused(
                    line,
                    f"The front matter holds more than {MAX_EVENTS} values.",
                    "Keep the front matter to the fields of the template; put long text in the body.",
                )
    finally:
        loader.dispose()


def _scalar(node: yaml.ScalarNode, tag: str):
    if tag == "tag:yaml.org,2002:int":
        digits = sum(ch.isdigit() for ch in node.value)
        if digits > MAX_INT_DIGITS:
            raise Refused(
                node.start_mark.line + 2,
                f"The number has {digits} digits, more than any field takes.",
                "Write a smaller number, or put the text in quotes if it is not a number.",
            )
    value = _SCALARS[tag](node)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise Refused(
            node.start_mark.line + 2,
            f"'{node.value}' is not a finite number.",
            "Write a plain number, or put the text in quotes.",
        )
    return value


def _duplicate_keys(node: yaml.Node) -> None:
    """Refuse a mapping that names the same field twice (YAML keeps the last one silently)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode):
                    line = key_node.start_mark.line + 2
                    if key_node.value in seen:
                        raise Refused(
                            line,
                            f"The field '{printable(key_node.value)}' is given twice "
                            f"(first on line {seen[key_node.value]}).",
                            "Keep one of the two: YAML would silently use the last one.",
                        )
                    seen[key_node.value] = line
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def _build(node: yaml.Node, loc: tuple, lines: dict[tuple, int]):
    """The value of ``node`` and, in ``lines``, the line of each value, in one walk: what
    ``construct_document`` then :func:`_walk` give for plain mappings, sequences and scalars
    (tests/content/test_frontmatter.py compares both). Raises _Unusual for anything else."""
    lines[loc] = node.start_mark.line + 2
    tag, kind = node.tag, type(node)
    if kind is yaml.ScalarNode:
        if tag == _STR:
            return node.value
        if tag in _SCALARS:
            return _scalar(node, tag)
    elif kind is yaml.MappingNode and tag == _MAP:
        data = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise _Unusual
            key_tag = key_node.tag
            if key_tag == _STR:
                key = key_node.value
            elif key_tag in _SCALARS:
                key = _scalar(key_node, key_tag)
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
    _screen(yaml_text)  # no anchor or alias past this point: every node is reached once
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None, None
        _duplicate_keys(node)
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
            Problem(
                path,
                1,
                "front-matter",
                "The file does not start with front matter.",
                "Put a block between two lines of '---' at the very top (copy a template from methodology/templates/).",
            )
        ]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None, [
            Problem(
                path,
                1,
                "front-matter",
                "The front matter is never closed.",
                "Add a line with '---' after the last field.",
            )
        ]
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    size = len(yaml_text.encode("utf-8", "surrogatepass"))
    if size > MAX_FRONT_MATTER_BYTES:
        return None, [
            Problem(
                path,
                1,
                "front-matter",
                f"The front matter is {size // 1024} KB, over the limit of "
                f"{MAX_FRONT_MATTER_BYTES // 1024} KB.",
                "Keep the fields of the template in the front matter and put long text in the body.",
            )
        ]
    try:
        data, node, walked = _load(yaml_text)
    except Refused as refused:
        return None, [Problem(path, refused.line, "yaml", refused.message, refused.fix)]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark else 2
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        context = getattr(error, "context", None)
        message = f"The front matter is not valid YAML: {what}"
        if context:
            message += f" ({context})"
        return None, [
            Problem(
                path,
                line,
                "yaml",
                message.rstrip(".") + ".",
                "Check the indentation and put quotes around values that contain ':' or start with a special character.",
            )
        ]
    if data is None:
        data, node = {}, None
    if not isinstance(data, dict):
        return None, [
            Problem(
                path,
                2,
                "yaml",
                "The front matter is not a set of 'field: value' lines.",
                "Write one 'field: value' per line, as in the templates of methodology/templates/.",
            )
        ]
    line_map: dict[tuple, int] = {(): 1}
    if node is not None:
        if walked is None:
            _walk(node, (), line_map)
        else:
            line_map.update(walked)
        line_map[()] = 1
    return FrontMatter(data=data, lines=line_map, body_start=end + 2, body=body), []
