"""Limits on what a contributor controls (issue 25): each costly shape of input has a fixture
and the exact message it gets, at its line, before any Markdown parser runs."""

from __future__ import annotations

import pytest

from toolkit.checks.limits import glossary_problems, nesting_problems
from toolkit.checks.validate import validate_tree

REL = "docs/methodologies/x/index.fr.md"
LIST_FIX = (
    "Fix: Flatten it: a list in a list in a list is as deep as a reader on a phone can follow."
)
QUOTE_FIX = "Fix: Quote once: a quote in a quote in a quote is as deep as a reader can follow."
BRACKET_FIX = (
    "Fix: Close the brackets you open, and put no link inside a link's text; write a literal "
    "bracket as \\[ or \\(."
)


def _nesting(body: str) -> list[str]:
    return [str(p) for p in nesting_problems(REL, body, 5)]


def _lists(line: int, depth: int) -> str:
    return (
        f"{REL}:{line}: [nesting] Lists are nested {depth} deep here; the limit is 10. {LIST_FIX}"
    )


HTML_FIX = "Fix: Close each element you open, and nest a few at most: prefer Markdown to HTML."
INLINE_FIX = (
    "Fix: Split the paragraph with blank lines, use less markup, or put long data in a "
    "downloadable file."
)


def _html(line: int) -> str:
    return (
        f"{REL}:{line}: [nesting] HTML elements are open 21 deep here; the limit is 20. {HTML_FIX}"
    )


def _inline(line: int) -> str:
    return (
        f"{REL}:{line}: [nesting] This paragraph holds more than 1000 pieces of inline markup "
        f"(emphasis, code, escapes, links, tags, entities); the limit is 1000. {INLINE_FIX}"
    )


def _brackets(line: int, what: str = "Brackets [ ]") -> str:
    return f"{REL}:{line}: [nesting] {what} are open 11 deep here; the limit is 10. {BRACKET_FIX}"


HOSTILE = {
    "list-300-deep": (
        "Texte.\n\n" + "\n".join("    " * i + "- x" for i in range(300)) + "\n",
        [_lists(17, 11)],
    ),
    "list-markers-on-one-line": ("Texte.\n\n" + "- " * 300 + "x\n", [_lists(7, 300)]),
    "ordered-list-two-space-indent": (
        "\n".join("  " * i + "1. x" for i in range(40)) + "\n",
        [_lists(25, 11)],
    ),
    "notes-in-notes": (
        "\n".join("    " * i + '!!! note "N"' for i in range(30)) + "\n",
        [_lists(15, 11)],
    ),
    "quote-300-deep": (
        "Texte.\n\n" + "> " * 300 + "x\n",
        [
            f"{REL}:7: [nesting] Quotes are nested 300 deep here; the limit is 10. {QUOTE_FIX}",
        ],
    ),
    "quotes-and-lists": (
        "> - > - > - > - > - > - x\n",
        [],  # 6 of each: under both limits
    ),
    "brackets-24-kb": (
        "Texte.\n\n" + "[" * 12_000 + "x" + "]" * 12_000 + "\n",
        [_inline(7), _brackets(7)],
    ),
    "brackets-unclosed": ("Texte.\n\nx" + "[" * 24_000 + "\n", [_inline(7), _brackets(7)]),
    "brackets-across-lines": ("Texte.\n" + "[a\n" * 11 + "b" + "]" * 11 + "\n", [_brackets(16)]),
    "inline-links-nested": (
        "Voir " + "[a " * 11 + "b" + "](https://example.org)" * 11 + "\n",
        [_brackets(5)],
    ),
    "link-destinations-nested": (
        "[a](" + "(" * 11 + "x" + ")" * 12 + "\n",
        [_brackets(5, "Parentheses ( )")],
    ),
    # 3,000 <details> in one another: the build's tree walks recursed past Python's limit
    "details-3000-deep": (
        "Texte.\n\n" + "<details>" * 3000 + "x" + "</details>" * 3000 + "\n",
        [_inline(7), _html(7)],
    ),
    "divs-one-a-line": ("\n".join(["<div>"] * 30 + ["x"] + ["</div>"] * 30) + "\n", [_html(25)]),
    "elements-left-open": ("\n\n".join(["<span>x"] * 25) + "\n", [_html(45)]),
    # Python-Markdown's inline processor is quadratic in the markup of one paragraph
    "escapes-80-kb": ("Texte " + "\\*" * 40_000 + "\n", [_inline(5)]),
    "code-spans": ("`a` " * 600 + "\n", [_inline(5)]),
    "emphasis-over-lines": ("\n".join(["*a* _b_"] * 300) + "\n", [_inline(255)]),
    "entities": ("&amp; " * 1001 + "\n", [_inline(5)]),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_each_costly_nesting_gets_its_message_at_its_line(case):
    body, expected = HOSTILE[case]
    assert _nesting(body) == expected


def test_what_is_not_nesting_is_not_measured():
    deep = "[" * 50 + "]" * 50
    assert _nesting(f"```\n{deep}\n```\n\n`{deep}`\n\n" + "\\[" * 50 + "\n\n" + "[a]" * 500) == []
    paragraphs = "\n\n".join("[" * 10 + "x" for _ in range(20))  # a paragraph ends what it opened
    assert _nesting(paragraphs) == []
    assert _nesting("\n".join("    " * i + "- x" for i in range(10))) == []  # 10 levels pass
    html = "<div>" * 20 + "<br><img src=a.png><hr/>x<span/>" + "</div>" * 20  # 20 levels pass
    assert _nesting(html + "\n\n" + html + "\n\n`" + "<b>" * 50 + "`\n") == []
    assert _nesting("```\n" + "<div>" * 50 + "\n```\n") == []
    markup = "*a* `b` [c](d) &amp; <b>e</b> \\* "  # 10 pieces
    assert _nesting(markup * 100 + "\n\n" + markup * 100) == []  # 1,000 a paragraph pass


INLINE_MESSAGE = (
    "This paragraph holds more than 1000 pieces of inline markup (emphasis, code, escapes, links, "
    "tags, entities); the limit is 1000. " + INLINE_FIX
)


@pytest.mark.parametrize(
    ("body", "offset", "messages"),
    [
        (
            "Texte.\n\n" + "\n".join("    " * i + "- x" for i in range(300)) + "\n",
            12,
            ["Lists are nested 11 deep here; the limit is 10. " + LIST_FIX],
        ),
        (
            "Texte.\n\n" + "[" * 12_000 + "x" + "]" * 12_000 + "\n",
            2,
            [INLINE_MESSAGE, "Brackets [ ] are open 11 deep here; the limit is 10. " + BRACKET_FIX],
        ),
        (
            "Texte.\n\n" + "<details>" * 3000 + "x" + "</details>" * 3000 + "\n",
            2,
            [INLINE_MESSAGE, "HTML elements are open 21 deep here; the limit is 20. " + HTML_FIX],
        ),
        ("Texte " + "\\*" * 100_000 + "\n", 0, [INLINE_MESSAGE]),
    ],
    ids=["list-300-deep", "brackets-24-kb", "details-3000-deep", "escapes-200-kb"],
)
def test_hub_check_reports_it_and_parses_nothing_more(site_tree, body, offset, messages):
    rel = "docs/methodologies/debat-budget/index.fr.md"
    path = site_tree / rel
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(text + body, encoding="utf-8")
    first = text.count("\n") + 1  # the line where the appended body starts
    found = [str(p) for p in validate_tree(site_tree).problems if p.path == rel]
    assert sorted(found) == sorted(f"{rel}:{first + offset}: [nesting] {m}" for m in messages)


GLOSSARY = "methodology/glossary.yml"


def _glossary(tmp_path, text: str) -> list[str]:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return [str(p).split(" Fix:")[0] for p in glossary_problems(path)]


def _entry(
    ident: str, term: str = "Terme", definition: str = "Définition.", extra: str = ""
) -> str:
    return (
        f"- id: {ident}\n  fr:\n    term: {term}\n    definition: {definition}\n"
        f"  en:\n    term: Term\n{extra}"
    )


def test_the_glossary_has_limits(tmp_path):
    assert _glossary(tmp_path, _entry("a") + _entry("b")) == []
    assert _glossary(tmp_path, "# x\n" + "#" * 300_001 + "\n") == [
        f"{GLOSSARY}:1: [glossary-size] The glossary is 300 KB, over the limit of 300 KB."
    ]
    assert _glossary(tmp_path, "".join(_entry(f"t{i}") for i in range(601)))[0] == (
        f"{GLOSSARY}:3601: [glossary-size] The glossary has 601 entries, over the limit of 600."
    )
    assert _glossary(tmp_path, _entry("a", term="T" * 121)) == [
        f"{GLOSSARY}:3: [glossary] This term is 121 characters long, over the limit of 120."
    ]
    assert _glossary(tmp_path, _entry("a", definition="D" * 2001)) == [
        f"{GLOSSARY}:4: [glossary] This definition is 2001 characters long, over the limit of 2000."
    ]
    assert _glossary(tmp_path, _entry("a", extra="  abbr: " + "A" * 17 + "\n")) == [
        f"{GLOSSARY}:7: [glossary] This abbreviation is 17 characters long, over the limit of 16."
    ]
    see = "  see: [" + ", ".join(f"t{i}" for i in range(13)) + "]\n"
    assert _glossary(tmp_path, _entry("a", extra=see)) == [
        f"{GLOSSARY}:7: [glossary] This entry refers to 13 others; the limit is 12."
    ]
    assert _glossary(tmp_path, _entry("a") + _entry("a")) == [
        f"{GLOSSARY}:7: [glossary] The id 'a' is already used at line 1."
    ]


def test_the_real_glossary_is_within_its_limits():
    from conftest import ROOT

    assert glossary_problems(ROOT / GLOSSARY) == []


@pytest.mark.build
def test_a_build_that_renders_a_page_past_a_limit_names_it_with_no_traceback(site_tree):
    """Without --strict the build goes on past the nesting warning; rendering the page then
    recurses past Python's limit, and the page budget (toolkit.website.page_budget) stops the
    build with a message naming the file."""
    import os
    import subprocess
    import sys

    rel = "docs/methodologies/debat-budget/index.fr.md"
    path = site_tree / rel
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n\n"
        + "\n".join("    " * i + "- x" for i in range(300))
        + "\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "CI": "",
        "GITHUB_ACTIONS": "",
        "HUB_KITS": "0",
        "NO_MKDOCS_2_WARNING": "1",
    }
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_tree / "site")],
        cwd=site_tree,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "RecursionError" not in run.stderr
    assert (
        f"{rel}:1: [page-budget] This page is nested too deep to render (lists, quotes, notes or "
        "HTML elements inside one another); the build stopped there." in run.stderr
    )
    assert "[nesting] Lists are nested 11 deep here; the limit is 10." in run.stderr


def test_methodology_files_are_measured_before_they_are_parsed(site_tree, monkeypatch, capsys):
    """The vocabularies and the glossary are read before any page: a file over 1 MB is refused
    unparsed (PyYAML's pure-Python loader takes seconds a megabyte), and a label that is not one
    line of text (576 bytes of nested aliases are a list of 10**9 strings) is refused too, with
    a message and no traceback."""
    from toolkit.cli import main

    monkeypatch.chdir(site_tree)
    glossary = site_tree / GLOSSARY
    original = glossary.read_text(encoding="utf-8")
    glossary.write_text(original + "# " + "x" * 1_100_000 + "\n", encoding="utf-8")
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{glossary}:1: [yaml] The file is 1.1 MB, over the limit of 1 MB: it is")
    glossary.write_text(original, encoding="utf-8")
    themes = site_tree / "methodology/vocabularies/themes.yml"
    laughs = "".join(
        f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10)
    )
    themes.write_text(
        themes.read_text(encoding="utf-8")
        + '- id: laughs\n  x:\n  a0: &a0 ["lol"]\n'
        + laughs
        + "  fr: *a9\n",
        encoding="utf-8",
    )
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "[vocabulary] the term 'laughs' has an id or a label that is not text." in err
    assert "Traceback" not in err
