"""Python-Markdown (3.11.3) without the attempts that cannot match: same HTML, faster."""

from __future__ import annotations

import re

# --- Python-Markdown, without the attempts that cannot match -----------------------------------
# Python-Markdown tries each inline pattern (links, emphasis, code, HTML...) on each run of
# text, at about 3 µs a try, even when the text lacks the character every match of the pattern
# starts with: about half of the time spent converting a page. The processor below skips a
# pattern when its text cannot match (its trigger character is absent, or, for a pattern it
# does not know, its regular expression finds nothing) and otherwise does exactly what
# Python-Markdown does. The block parser likewise asks each block processor (headings, quotes,
# tables, rules, admonitions...) whether it claims each block, mostly with a regular expression
# over the whole block; a processor whose every match contains a given text (such as a line
# that starts with '#') is not asked about a block without it. The HTML is the same (tests/upstream/test_parallel.py compares them).


def _inline_triggers():
    from markdown import inlinepatterns as ip

    return {
        ip.BACKTICK_RE: ("`",),
        ip.ESCAPE_RE: ("\\",),
        ip.LINK_RE: ("[",),
        ip.IMAGE_LINK_RE: ("![",),
        ip.AUTOLINK_RE: ("<",),
        ip.AUTOMAIL_RE: ("<",),
        ip.LINE_BREAK_RE: ("  \n",),
        ip.HTML_RE: ("<",),
        ip.ENTITY_RE: ("&",),
    }


def _trigger(pattern, known: dict):
    """Texts one of which a match of ``pattern`` contains; False: ask its regular expression;
    None: always try it, as Python-Markdown does.

    Python-Markdown asks of an inline processor only that ``getCompiledRegExp()`` return an
    object with ``finditer``, called once a try. A pattern is skipped only when it is one whose
    expression is known to be a compiled ``re`` pattern (``getCompiledRegExp`` is upstream's,
    which returns ``compiled_re``); any other (an old-style pattern, matched differently, or a
    processor with a ``getCompiledRegExp`` of its own, which may return a proxy without
    ``search`` or count its calls) is always tried."""
    from markdown import inlinepatterns as ip

    if not isinstance(pattern, ip.InlineProcessor):
        return None
    if type(pattern).getCompiledRegExp is not ip.Pattern.getCompiledRegExp:
        return None
    if type(pattern) is ip.DelimiterProcessor:  # '*' and '_' emphasis: one of its tokens
        return tuple(pattern.tokens) or False
    compiled = getattr(pattern, "compiled_re", None)
    if type(compiled) is not re.Pattern:
        return None
    return known.get(compiled.pattern, False)


def _block_guards():
    """Block processor class -> texts one of which every block it claims contains, once a
    newline is put before the block (``"\n#"``: a line that starts with '#')."""
    from markdown import blockprocessors as bp
    from markdown.extensions import abbr, tables

    return {
        bp.HashHeaderProcessor: ("\n#",),
        bp.BlockQuoteProcessor: (">",),
        bp.SetextHeaderProcessor: ("\n=", "\n-"),
        bp.HRProcessor: ("\n-", "\n_", "\n*", "\n "),
        bp.ReferenceProcessor: ("]:",),
        abbr.AbbrBlockprocessor: ("\n*[",),
        tables.TableProcessor: ("|",),
    }


def _guard_block_tests(md) -> None:
    """Python-Markdown's block loop, asking a processor of a known class about a block only when
    the block can match it; the admonition's test skips its regular expression likewise."""
    from markdown.extensions.admonition import AdmonitionProcessor

    guards = _block_guards()
    parser = md.parser
    for processor in parser.blockprocessors:
        if type(processor) is AdmonitionProcessor:
            processor.test = _guarded_admonition(processor)

    def parseBlocks(parent, blocks: list[str]) -> None:
        # BlockParser.parseBlocks (Python-Markdown 3.11) with the guards
        processors = [
            (processor, guards.get(type(processor))) for processor in parser.blockprocessors
        ]
        while blocks:
            block, lines = blocks[0], None
            for processor, needs in processors:
                if needs:
                    if lines is None:
                        lines = "\n" + block
                    for text in needs:
                        if text in lines:
                            break
                    else:
                        continue
                if processor.test(parent, block):
                    if processor.run(parent, blocks) is not False:
                        break
                    if blocks and blocks[0] is not block:  # put back otherwise: look again
                        block, lines = blocks[0], None

    parser.parseBlocks = parseBlocks


def _guarded_admonition(processor):
    # AdmonitionProcessor.test: its "!!!" line, else a block indented under an admonition
    test, parse_content = processor.test, processor.parse_content

    def guarded(parent, block: str) -> bool:
        if "!!!" in block:
            return test(parent, block)
        return parse_content(parent, block)[0] is not None

    return guarded


def fast_markdown_extension():
    """A Python-Markdown extension: the inline processor replaced by :class:`_FastInline`, and
    the tests of the block processors guarded (see above)."""
    from markdown import util
    from markdown.extensions import Extension
    from markdown.treeprocessors import InlineProcessor

    known = _inline_triggers()

    class _FastInline(InlineProcessor):
        def run(self, tree, ancestors=None):
            self._patterns = list(self.inlinePatterns)
            self._triggers = [_trigger(pattern, known) for pattern in self._patterns]
            self._all_triggers = sorted(
                {text for needs in self._triggers if needs for text in needs}
            )
            return super().run(tree, ancestors)

        def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
            # Python-Markdown's __handleInline, with the skip. The triggers present are looked
            # for once: what a match leaves in the text (a placeholder, or part of the matched
            # text) brings no trigger that was not there.
            if not isinstance(data, util.AtomicString):
                start = 0
                patterns, triggers = self._patterns, self._triggers
                present = {text for text in self._all_triggers if text in data}
                apply = self._InlineProcessor__applyPattern
                while patternIndex < len(patterns):
                    pattern, needs = patterns[patternIndex], triggers[patternIndex]
                    if needs is not None:
                        if needs:
                            can_match = not present.isdisjoint(needs)
                        else:  # upstream's getCompiledRegExp: compiled_re, an re pattern at run()
                            regex = pattern.compiled_re
                            can_match = type(regex) is not re.Pattern or regex.search(data, start)
                        if not can_match:
                            patternIndex, start = patternIndex + 1, 0  # what a failed try returns
                            continue
                    data, matched, start = apply(pattern, data, patternIndex, start)
                    if not matched:
                        patternIndex += 1
            return data

    class FastMarkdownExtension(Extension):
        hub_fast_markdown = True

        def extendMarkdown(self, md):
            priority = next(
                item.priority for item in md.treeprocessors._priority if item.name == "inline"
            )
            md.treeprocessors.register(_FastInline(md), "inline", priority)
            _guard_block_tests(md)

    return FastMarkdownExtension()
