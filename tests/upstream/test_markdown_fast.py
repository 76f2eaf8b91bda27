"""toolkit.upstream.markdown_fast asks no more of an inline processor than Python-Markdown does:
``getCompiledRegExp()`` returns something with ``finditer``, called once a try."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import markdown
import pytest
from markdown import inlinepatterns

from toolkit.upstream.markdown_fast import fast_markdown_extension


class _FinditerOnly:
    """A compiled pattern's proxy with ``finditer`` only, recording where each search starts
    (as in Python-Markdown's own testInlineProcessorAdvancesSearchIndex)."""

    def __init__(self, pattern: re.Pattern, starts: list):
        self.pattern, self.starts = pattern, starts

    def finditer(self, data, start=0):
        self.starts.append(start)
        return self.pattern.finditer(data, start)


class _OwnGetter(inlinepatterns.InlineProcessor):
    """Its own ``getCompiledRegExp``, returning a proxy each call."""

    def __init__(self, pattern, md):
        super().__init__(pattern, md)
        self.starts = []

    def getCompiledRegExp(self):
        return _FinditerOnly(self.compiled_re, self.starts)

    def handleMatch(self, m, data):
        return m.group(0), m.start(0), m.end(0)


class _ProxyAttribute(inlinepatterns.InlineProcessor):
    """Upstream's ``getCompiledRegExp``, with ``compiled_re`` set to the proxy."""

    def __init__(self, pattern, md):
        super().__init__(pattern, md)
        self.starts = []
        self.compiled_re = _FinditerOnly(self.compiled_re, self.starts)

    def handleMatch(self, m, data):
        el = ElementTree.Element("mark")
        el.text = m.group(0)
        return el, m.start(0), m.end(0)


TEXTS = ["xxxx", "a x b *x* [x](y) `x`", "no match here", "x\n\nx  \nx &amp; <b>x</b>", ""]


@pytest.mark.parametrize("kind", [_OwnGetter, _ProxyAttribute])
def test_a_processor_whose_expression_has_finditer_only(kind):
    for text in TEXTS:
        results = []
        for extensions in ([], [fast_markdown_extension()]):
            md = markdown.Markdown(extensions=extensions)
            processor = kind(r"x", md)
            md.inlinePatterns.register(processor, "finditer-only", 1000)
            results.append((md.convert(text), processor.starts))
        (plain, plain_starts), (fast, fast_starts) = results
        assert fast == plain, text
        assert fast_starts == plain_starts, text  # tried as often, from the same places
        if kind is _ProxyAttribute and "x" in text:
            assert "<mark>x</mark>" in fast, text  # its matches did become elements


def test_python_markdowns_own_case_resumes_after_the_previous_match():
    md = markdown.Markdown(extensions=[fast_markdown_extension()])
    processor = _OwnGetter(r"x", md)
    md.inlinePatterns.register(processor, "record-search-index", 1000)
    assert md.convert("xxxx") == "<p>xxxx</p>"
    assert processor.starts[0] == 0 and processor.starts[1] > processor.starts[0]


def test_only_the_patterns_it_does_not_understand_are_always_tried():
    """The fallback (None: always try) is for those; upstream's own patterns are still skipped
    when their text cannot match (a trigger, or False: ask the re pattern first)."""
    from toolkit.upstream.markdown_fast import _inline_triggers, _trigger

    known = _inline_triggers()
    md = markdown.Markdown(extensions=["abbr", "attr_list", "footnotes", "md_in_html", "toc"])
    assert all(_trigger(pattern, known) is not None for pattern in md.inlinePatterns)
    assert _trigger(md.inlinePatterns["backtick"], known) == ("`",)
    plain = inlinepatterns.SimpleTextInlineProcessor(r"q", md)
    assert _trigger(plain, known) is False
    assert _trigger(_OwnGetter(r"q", md), known) is None
    assert _trigger(_ProxyAttribute(r"q", md), known) is None
    assert _trigger(inlinepatterns.SimpleTextPattern(r"q"), known) is None  # old-style
