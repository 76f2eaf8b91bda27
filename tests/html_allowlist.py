"""What a browser would see in published HTML, read by an HTML5 parser (html5lib), against the
hub's allowlist: an implementation of the rules independent of the sanitizer's, for the tests."""

from __future__ import annotations

import re

import html5lib

from toolkit.checks.sanitize import (
    ATTRIBUTE_VALUES,
    ATTRIBUTES,
    ELEMENTS,
    GENERATED_ATTRIBUTES,
    GENERATED_ELEMENTS,
)

_INVISIBLE = re.compile(r"[\x00-\x20]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def _url_problem(element: str, value: str) -> str | None:
    url = _INVISIBLE.sub("", value).lower()  # browsers drop tabs and newlines, trim the rest
    if url.startswith(("//", "/\\", "\\")):
        return "another host"
    scheme = _SCHEME.match(url)
    if scheme is None:
        return None
    if element == "img":
        return "an image from another host"
    return None if scheme[1] in ("https", "http", "mailto") else f"the scheme {scheme[1]}:"


def offending(fragment: str, generated: bool = False) -> list[str]:
    """Everything in ``fragment`` (an HTML fragment, as a browser parses it) outside the allowlist."""
    elements = ELEMENTS | (GENERATED_ELEMENTS if generated else frozenset())
    tree = html5lib.parseFragment(fragment, container="div", namespaceHTMLElements=False)
    found = []
    for node in tree.iter():
        if not isinstance(node.tag, str) or node is tree:
            continue  # a comment, or the fragment itself
        tag = node.tag.split("}")[-1]
        if tag not in elements:
            found.append(f"<{tag}>")
        for name, value in node.attrib.items():
            name = name.split("}")[-1] if isinstance(name, str) else name[1]
            allowed = (
                name in ATTRIBUTES["*"]
                or name in ATTRIBUTES.get(tag, ())
                or value in ATTRIBUTE_VALUES.get(tag, {}).get(name, ())
                or generated
                and (name.startswith("data-") or name in GENERATED_ATTRIBUTES.get(tag, ()))
            )
            if not allowed or name.startswith("on") or name == "style":
                found.append(f"{name} on <{tag}>")
            elif name in ("href", "src") and (problem := _url_problem(tag, value)):
                found.append(f"{name}={value!r} on <{tag}>: {problem}")
    return found
