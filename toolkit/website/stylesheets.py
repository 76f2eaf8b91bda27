"""Material's stylesheet, cut down to the rules this site's pages can use.

Material ships one 23 KB (gzip) stylesheet for every feature it has: tabs, code blocks, blog,
annotations, tags... Every reader downloads it before the first page is painted, which on a
400 kbit/s line costs about half a second. After the build, the rules whose selectors name a
class that no page of the site carries are removed (and the @media blocks left empty).

The rule is conservative: a selector is dropped only when a class it *requires* (outside
:not(), :is(), :where(), :has() and other functions) appears in no HTML file of the site and in
none of the site's own scripts' added classes (``SCRIPT_CLASSES``). Type, id, attribute and
pseudo selectors never cause a drop. Only the online site is cut: the offline kit runs
Material's JavaScript, which adds classes of its own.

Needs tinycss2 (a CSS parser following the CSS Syntax specification, from PyPI).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from toolkit.base import forkpool

#: Classes that docs/assets/hub.js and catalogue.js add to pages at run time.
SCRIPT_CLASSES = frozenset(
    {
        "hub-js",
        "md-search-result__item",
        "md-search-result__link",
        "md-search-result__article",
        "md-typeset",
    }
)
CLASS_ATTRIBUTE = re.compile(rb'\bclass="([^"]*)"')
#: Material's stylesheets, by their file names (``main.<hash>.min.css``, ``palette.<hash>.min.css``).
MATERIAL_CSS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
#: The hub's own stylesheet, sent to every reader: kept whole (never cut), but without its comments
#: and spaces (:func:`minify`), so that it can explain itself in the repository for free.
HUB_CSS = "assets/hub.css"
PARALLEL_MINIMUM = 400  # HTML files: below, one process
GROUPING_RULES = frozenset({"media", "supports", "container", "layer", "document"})


@dataclass
class CutReport:
    files: int = 0
    before: int = 0
    after: int = 0
    rules_removed: int = 0

    def summary(self) -> str:
        return (
            f"{self.rules_removed} unused rules removed from {self.files} file(s), "
            f"{self.before / 1024:.0f} KB -> {self.after / 1024:.0f} KB"
        )


def classes_in(html_files: Iterable[Path]) -> set[str]:
    """Every class name that appears in a class attribute of these files (read side by side on
    a large site: toolkit.base.forkpool)."""
    files = list(html_files)

    def work(part: int, parts: int) -> set[bytes]:
        values: set[bytes] = set()  # the same attribute values recur on every page: split each once
        for path in files[part::parts]:
            values.update(CLASS_ATTRIBUTE.findall(path.read_bytes()))
        return values

    names: set[bytes] = set()
    for values in forkpool.split(work, forkpool.parts_for(len(files), PARALLEL_MINIMUM)):
        for value in values:
            names.update(value.split())
    return {name.decode("utf-8", "replace") for name in names}


def _split_selectors(prelude: list) -> list[list]:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def _required_classes(selector: list) -> set[str]:
    """Classes the selector needs on some element: ``.name`` at its top level (not in functions)."""
    required = set()
    for before, token in zip([None, *selector], selector, strict=False):
        if (
            token.type == "ident"
            and before is not None
            and before.type == "literal"
            and before.value == "."
        ):
            required.add(token.value)
    return required


def _cut_rules(rules: list, used: set[str], report: CutReport) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(rule.prelude) if _required_classes(s) <= used]
            if not selectors:
                report.rules_removed += 1
                continue
            if len(selectors) != len(_split_selectors(rule.prelude)):
                prelude = []
                for index, selector in enumerate(selectors):
                    if index:
                        prelude.append(
                            tinycss2.ast.LiteralToken(rule.source_line, rule.source_column, ",")
                        )
                    prelude.extend(_strip(selector))
                rule.prelude = prelude
            kept.append(rule)
        elif (
            rule.type == "at-rule"
            and rule.lower_at_keyword in GROUPING_RULES
            and rule.content is not None
        ):
            inner = tinycss2.parse_rule_list(rule.content)
            inner_kept = _cut_rules(inner, used, report)
            if not [r for r in inner_kept if r.type not in ("whitespace", "comment")]:
                continue
            rule.content = _as_tokens(inner_kept)
            kept.append(rule)
        elif rule.type == "comment":
            continue
        else:
            kept.append(rule)
    return kept


def _strip(tokens: list) -> list:
    while tokens and tokens[0].type == "whitespace":
        tokens = tokens[1:]
    while tokens and tokens[-1].type == "whitespace":
        tokens = tokens[:-1]
    return tokens


def _as_tokens(rules: list) -> list:
    """Rules back into component values, for an at-rule's block."""
    return tinycss2.parse_component_value_list(tinycss2.serialize(rules))


def cut(css: str, used: set[str], report: CutReport | None = None) -> str:
    """``css`` without the rules that need a class outside ``used``."""
    report = report if report is not None else CutReport()
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=False)
    return tinycss2.serialize(_cut_rules(rules, used, report))


def minify(css: str) -> str:
    """``css`` with the same rules, without comments and with the least whitespace: a run of
    spaces becomes one, none next to ``{ } ; ,`` or after ``:`` (strings, urls and functions are tokens, untouched)."""
    return _compact(tinycss2.parse_component_value_list(css, skip_comments=True))


def _compact(tokens: list) -> str:
    pieces: list[
        tuple[str, str]
    ] = []  # (kind, text); kind: "space", "tight" (no space around) or ""
    for token in tokens:
        if token.type == "whitespace":
            pieces.append(("space", " "))
        elif token.type == "{} block":
            pieces += [("tight", "{"), ("", _compact(token.content)), ("tight", "}")]
        elif token.type == "() block":
            pieces += [("", "(" + _compact(token.content) + ")")]
        elif token.type == "[] block":
            pieces += [("", "[" + _compact(token.content) + "]")]
        elif token.type == "function":
            pieces.append(
                (
                    "",
                    tinycss2.serialize_identifier(token.name)
                    + "("
                    + _compact(token.arguments)
                    + ")",
                )
            )
        elif token.type == "literal" and token.value in ";,":
            pieces.append(("tight", token.value))
        elif token.type == "literal" and token.value == ":":  # a space before may matter (a :hover)
            pieces.append(("colon", ":"))
        else:
            pieces.append(("", token.serialize()))
    out = []
    for index, (kind, text) in enumerate(pieces):
        if kind == "space":
            before = pieces[index - 1][0] if index else "tight"
            after = pieces[index + 1][0] if index + 1 < len(pieces) else "tight"
            if before in ("tight", "space", "colon") or after in ("tight", "space"):
                continue
        out.append(text)
    return "".join(out)


def cut_site(site_dir: Path) -> CutReport:
    """Cut Material's stylesheets in ``site_dir`` to the classes its HTML files use."""
    report = CutReport()
    used = classes_in(site_dir.rglob("*.html")) | SCRIPT_CLASSES
    for pattern in MATERIAL_CSS:
        for path in site_dir.glob(pattern):
            css = path.read_text(encoding="utf-8")
            result = cut(css, used, report)
            report.files += 1
            report.before += len(css.encode())
            report.after += len(result.encode())
            temporary = path.with_suffix(".tmp")
            temporary.write_text(result, encoding="utf-8")
            temporary.replace(path)  # never a half-written stylesheet
    hub = site_dir / HUB_CSS
    if hub.is_file():
        temporary = hub.with_suffix(".tmp")
        temporary.write_text(minify(hub.read_text(encoding="utf-8")), encoding="utf-8")
        temporary.replace(hub)
    return report
