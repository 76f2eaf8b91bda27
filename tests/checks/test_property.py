"""Whatever a contributor types, validation answers with problems in the one shape, never a crash.

One file of a copy of the fixture tree is replaced by arbitrary front matter (YAML-ish text,
random dicts dumped as YAML, mutated valid front matter, random unicode) and an arbitrary
Markdown body, then the whole tree is validated.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import examples, make_site_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.checks.validate import validate_tree
from toolkit.content import vocabularies
from toolkit.content.problems import Problem
from toolkit.website.bridge import HubBuild

SHAPE = re.compile(r"^docs/\S+:\d+: \[[a-z-]+\] .+ Fix: .+$")

#: Files to overwrite (existing ones of every kind) or to create.
TARGETS = [
    "docs/methodologies/debat-budget/index.fr.md",
    "docs/methodologies/debat-budget/index.en.md",
    "docs/methodologies/debat-budget/capsule.fr.md",
    "docs/formations/budget-101/index.fr.md",
    "docs/etudes-de-cas/scenario-debat/index.fr.md",
    "docs/outils/fiche-debat/index.fr.md",
    "docs/index.fr.md",
    "docs/index.bm.md",
    "docs/outils/nouvelle/index.snk.md",
    "docs/etudes-de-cas/nouveau/index.fr.md",
    "docs/contribuer/notes.md",
]

FIELDS = [
    "title",
    "summary",
    "language",
    "themes",
    "audiences",
    "places",
    "sdgs",
    "last_reviewed",
    "authors",
    "translators",
    "version",
    "source_version",
    "native_review",
    "reviewers",
    "illustration",
    "consent",
    "purpose",
    "when_to_use",
    "duration",
    "steps",
    "roles",
    "resources",
    "risks",
    "tools",
    "sources",
    "goal",
    "sessions",
    "methodologies",
    "place",
    "period",
    "actors",
    "illustrative",
    "results",
    "lessons",
    "format",
    "generated",
    "audio",
    "cover",
    "minutes",
    "duration_min",
    "url",
    "description",
    "inclusion",
    "risk",
    "mitigation",
]

VALID = {
    "title": "Titre",
    "summary": "Résumé.",
    "language": "fr",
    "themes": ["public-budget"],
    "audiences": ["youth-leaders"],
    "last_reviewed": "2026-11-25",
    "authors": ["Tests"],
    "version": 1,
    "place": "kayes-cercle",
    "actors": ["Conseil"],
    "methodologies": ["debat-budget"],
    "illustrative": True,
    "results": ["Un résultat."],
    "lessons": ["Une leçon."],
}

YAML_BITS = [
    "title: T",
    "summary: S",
    "language: fr",
    "language: zz",
    "themes: [public-budget",
    "themes:",
    "- a",
    "- - b",
    "  - title: x",
    "    inclusion: y",
    "sessions:",
    "  - steps:",
    "      - minutes: -3",
    "sdgs: [0, 99]",
    "version: 0",
    "last_reviewed: 2025-13-45",
    "duration: 3 jours",
    "consent: yes",
    "&a [1, 2]",
    "*a",
    "<<: *a",
    "!!python/object:os.system",
    "!!binary ab",
    "? [a, b]",
    ": x",
    "{a: 1",
    "}",
    "]",
    "[",
    "|",
    ">-",
    "'",
    '"',
    "\t",
    "---",
    "...",
    "#",
    "%YAML 1.2",
    "%TAG ! x",
    "- ",
    "key: 'unterminated",
    "k: v: w",
    "1: 2",
    "null: ~",
    "true: false",
    "period: 2020-03/2020-06",
    "url: javascript:x",
    "tools: [Fiche Débat]",
    "é: ɛ",
    "\u2028",
    "\ufeff",
    "x" * 300,
    # the limits (toolkit/content/frontmatter.py): anchors, aliases, huge numbers, depth, duplicates
    "a: &x [1, 2]",
    "b: *x",
    "n: " + "9" * 40,
    "m: 1" + "0" * 5000,
    "[" * 20,
    "]" * 20,
    "title: T",
    "x: 1.0e999",
    "\x00",
    "\x1b",
]
MD_BITS = [
    "# T",
    "## T",
    "### T",
    "###### T",
    "T\n===",
    "T\n---",
    "[ici](x)",
    "[here](https://a.b)",
    "[https://a.b](https://a.b)",
    "<https://a.b>",
    "![](y.png)",
    "![alt](../../assets/none.png)",
    "[x](#nope)",
    "[x](../../outils/fiche-debat/index.md#z)",
    "[x](../../../../../etc)",
    "[x](%zz)",
    "[x](javascript:alert(1))",
    "[x](<>)",
    "[x]( )",
    "<table>",
    "</table>",
    "<th>",
    "<td>",
    "<tr>",
    "<div onclick=x>",
    '<div style="a">',
    "<script>",
    "</script>",
    "<font>",
    "<x-y z>",
    "<a href='javascript:'>",
    "<!--",
    "-->",
    "```",
    "~~~",
    "> ",
    "- ",
    "1. ",
    "    ",
    "| a | b |",
    "|---|---|",
    "{#id}",
    "{: .c }",
    "76 12 34 56",
    "+223 76123456",
    "a@b.org",
    "11903101001014B",
    "2015-052",
    "349 915 €",
    "è ò ñ",
    '<span lang="fr">',
    "</span>",
    '<div lang="fr" markdown>',
    "</div>",
    "!!! note",
    "&amp;",
    "&#0;",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "*",
    "_",
    "`",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\x00",
    "\u200b",
    "ɛɔɲŋ",
    "[a](tel:+22376123456)",
    "wa.me/22376123456",
    "a&#64;b.org",
    "76\u202f12\u202f34\u202f56",
    "76 12\n34 56",
    "1 19 03 10 100 1014 B",
    "06 12 34 56 78",
    "\\-",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(min_value=dt.date(1900, 1, 1)).map(str),
    st.sampled_from(VALID["themes"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), inner, max_size=4
        ),
    ),
    max_leaves=12,
)


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


front_matter = st.one_of(
    st.lists(st.sampled_from(YAML_BITS), max_size=25).flatmap(
        lambda bits: st.lists(
            st.sampled_from(["\n", " ", "\n  ", ""]), min_size=len(bits), max_size=len(bits)
        ).map(lambda seps: "".join(b + s for b, s in zip(bits, seps, strict=True)))
    ),
    st.dictionaries(
        st.one_of(st.sampled_from(FIELDS), st.text(max_size=12)), values, max_size=10
    ).map(_dump),
    st.dictionaries(st.sampled_from(FIELDS), values, max_size=6).map(
        lambda d: _dump({**VALID, **d})
    ),
    values.map(_dump),
    st.text(max_size=200),
)
body = st.one_of(
    st.lists(st.one_of(st.sampled_from(MD_BITS), st.text(max_size=15)), max_size=40).map("".join),
    st.lists(st.sampled_from(MD_BITS), max_size=40).map(" ".join),
    st.text(max_size=300),
)
files = st.one_of(
    st.tuples(front_matter, body).map(lambda fb: f"---\n{fb[0]}\n---\n\n{fb[1]}\n"),
    st.tuples(front_matter, body).map(
        lambda fb: f"---\n{fb[0]}{fb[1]}"
    ),  # never closed, or closed by chance
    body,
    st.binary(max_size=200),  # not UTF-8 (most of the time)
)


@pytest.fixture(scope="module")
def tree():
    """A copy of the fixture tree; the vocabularies never change, so they are read once (speed)."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr(vocabularies, "load", functools.lru_cache(vocabularies.load))
        yield make_site_tree(Path(tmp) / "hub")


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(target=st.sampled_from(TARGETS), content=files)
def test_any_file_gives_problems_in_the_one_shape_never_a_crash(tree, target, content):
    path = tree / target
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        result = validate_tree(tree)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.line, int) and problem.line >= 1, problem
        assert SHAPE.match(str(problem)), str(problem)
    # What the hooks do with the same content: render every page for every reader.
    build = HubBuild(tree, result)
    for doc in result.corpus.documents:
        for reader in ("fr", "en", "bm", "snk"):
            markdown, _title = build.page_markdown("", doc.src_uri, reader)
            assert isinstance(markdown, str)


def test_the_tree_is_restored_after_each_example(tree):
    assert validate_tree(tree).problems == []
