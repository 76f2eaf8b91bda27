"""Line-by-line edits of YAML written by people: one key's value is replaced, and every other line
(comments, order, quoting, the folded summaries) stays as it was, as ``hub new --translate`` does.

A value is written back in the style it had: a folded block (``>-``) stays folded, wrapped at
:data:`WIDTH` columns; anything else becomes one double-quoted line (JSON's escapes are YAML's).
The caller parses the result again: an edit that would not read back as the value meant is
never written (:class:`EditError`).
"""

from __future__ import annotations

import json
import re
import textwrap

WIDTH = 96


class EditError(ValueError):
    """An edit that cannot be made line by line; the message says what to do by hand."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """Index after the last line that belongs to the key on ``lines[start]`` (indented deeper than
    ``indent``, blank lines inside included)."""
    end = start + 1
    last = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and _indent(line) <= indent:
            break
        end += 1
        if line.strip():
            last = end
    return last


def find_key(lines: list[str], key: str, indent: int, start: int = 0, stop: int | None = None):
    """(first, end) line indices of ``key:`` at exactly ``indent`` spaces within [start, stop), or
    None."""
    stop = len(lines) if stop is None else stop
    pattern = re.compile(rf"^ {{{indent}}}{re.escape(key)}:(\s|$)")
    for number in range(start, stop):
        if pattern.match(lines[number]):
            return number, min(stop, _block_end(lines, number, indent))
    return None


def scalar_lines(key: str, value: str, indent: int, folded: bool) -> list[str]:
    """``key: value`` as YAML lines at ``indent``: folded (``>-``) or one double-quoted line."""
    value = " ".join(value.split())
    pad = " " * indent
    if folded and value:
        wrapped = textwrap.wrap(
            value, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
        )
        return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in wrapped)]
    return [f"{pad}{key}: {json.dumps(value, ensure_ascii=False)}"]


def set_scalar(
    lines: list[str], key: str, value: str, indent: int = 0, start: int = 0, stop=None
) -> list[str]:
    """``lines`` with the value of ``key`` (at ``indent``, within [start, stop)) replaced by the
    text ``value``, in the style it had. Raises EditError when the key is not there."""
    found = find_key(lines, key, indent, start, stop)
    if found is None:
        raise EditError(f"no '{key}:' line to change")
    first, end = found
    head = lines[first].split(":", 1)[1].strip()
    folded = head.startswith(">") or head.startswith("|")
    return [*lines[:first], *scalar_lines(key, value, indent, folded), *lines[end:]]


def set_line(
    lines: list[str], key: str, text: str, indent: int = 0, start: int = 0, stop=None
) -> list[str]:
    """``lines`` with ``key``'s whole value replaced by the YAML ``text`` on one line, or the line
    added at the end of [start, stop) when the key is missing."""
    found = find_key(lines, key, indent, start, stop)
    line = f"{' ' * indent}{key}: {text}"
    if found is None:
        at = len(lines) if stop is None else stop
        return [*lines[:at], line, *lines[at:]]
    first, end = found
    return [*lines[:first], line, *lines[end:]]


def front_matter_bounds(text: str) -> tuple[list[str], int]:
    """(the file's lines, index of the closing ``---``). Raises EditError without front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise EditError("the file does not start with front matter")
    for number in range(1, len(lines)):
        if lines[number].strip() in ("---", "..."):
            return lines, number
    raise EditError("the front matter is never closed")
