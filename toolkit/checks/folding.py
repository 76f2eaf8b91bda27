"""Text as a reader reads it, for the checks that match patterns in it (personal data).

A contributor can write a number so that it shows the same to a reader but no longer matches a
pattern: fullwidth, circled or superscript digits, a Cyrillic ``З`` for a 3, a joiner or a
Hangul filler between two digits, ``O`` and ``l`` for 0 and 1 next to digits. :func:`fold`
undoes that, in this order:

1. NFKC: compatibility forms become what they stand for (``７`` ``⑦`` ``⁷`` ``𝟕`` -> ``7``,
   ``＠`` -> ``@``, ``ｔｅｌ：`` -> ``tel:``);
2. invisible characters are removed: Unicode's default-ignorable code points (soft hyphen,
   zero-width spaces and joiners, word joiner, bidi controls, variation selectors, Hangul
   fillers, tags) and every other format character (category Cf), and combining marks put on a
   digit; every space (Zs, Zl, Zp, tab, braille blank) becomes one space;
3. confusables: every character that Unicode's confusables data (UTS #39, the data of its
   skeletons) gives as a look-alike of a digit is that digit (``З`` -> 3, ``б`` -> 6, Greek or
   Cyrillic ``О`` -> 0), and so is any other character with a digit value that is not a decimal
   digit of a script (``❼`` -> 7; decimal digits such as Arabic-Indic ones are digits already
   for ``\\d`` and for libphonenumber). The ASCII look-alikes ``O``, ``I`` and ``l`` count as
   0 and 1 only inside a run of digits (``76 l2 34 56``), never in words.

The skeleton classes come from ``confusable-homoglyphs`` (Unicode's ``confusables.txt`` as data,
both directions): the classes of the ten digits are the union of its look-alike pairs.
"""

from __future__ import annotations

import re
import unicodedata

from toolkit.base.build_caches import per_build

#: Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt) that are not format
#: characters (those are all removed).
_IGNORABLE_RANGES = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),  # tags and variation selectors supplement
)
#: Spaces that are not in category Zs, Zl or Zp: tab and the braille blank.
_OTHER_SPACES = frozenset("\t\u2800")
#: Combining marks put on a digit (7\u0305 6): the digit is read.
_MARK_ON_DIGIT = re.compile(
    r"(?<=\d)[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)


@per_build(maxsize=1)
def _digit_classes() -> dict[str, str]:
    """Every look-alike of a digit in Unicode's confusables data -> the digit (skeleton classes:
    the union of the data's look-alike pairs)."""
    from confusable_homoglyphs import confusables

    parent: dict[str, str] = {}

    def find(char: str) -> str:
        while parent.get(char, char) != char:
            char = parent[char]
        return char

    for char, items in confusables.confusables_data.items():
        if len(char) != 1:
            continue
        for item in items:
            other = item["c"]
            if len(other) == 1:
                a, b = find(char), find(other)
                if a != b:
                    parent[a] = b
    roots = {find(digit): digit for digit in "0123456789"}
    return {
        char: roots[find(char)]
        for char in set(parent) | set(parent.values())
        if find(char) in roots and char not in roots.values()
    }


@per_build(maxsize=65536)
def _as_read(char: str) -> str:
    """One non-ASCII character (after NFKC) as read: a space, nothing, a digit, or itself."""
    category = unicodedata.category(char)
    if category in ("Zs", "Zl", "Zp") or char in _OTHER_SPACES:
        return " "
    code = ord(char)
    if category == "Cf" or any(first <= code <= last for first, last in _IGNORABLE_RANGES):
        return ""
    if category == "Nd":  # a decimal digit of a script: a digit for \\d and libphonenumber
        return char
    digit = _digit_classes().get(char)
    if digit is None and unicodedata.digit(char, None) is not None:  # ❼ ➆ ⓻ ፯
        digit = str(unicodedata.digit(char))
    return digit if digit is not None else char


#: ASCII letters that look like 0 and 1, inside a run of digits (not in a word).
_ASCII_LOOKALIKES = re.compile(
    r"(?<![A-Za-z0-9])(?=[0-9OIl]*[0-9])[0-9OIl]*[OIl][0-9OIl]*(?![A-Za-z0-9])"
)
_ASCII_DIGITS = str.maketrans("OIl", "011")
#: What any run of digits with a look-alike in it holds: a look-alike next to a digit.
_NEAR_DIGIT = re.compile(r"[0-9][OIl]|[OIl][0-9]")


def _ascii_digits(match: re.Match) -> str:
    return match[0].translate(_ASCII_DIGITS)


def fold(text: str) -> str:
    """``text`` as read: NFKC, invisible characters removed, look-alikes of digits as digits."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        chars = [c for c in set(text) if not c.isascii()]
        table = {ord(c): _as_read(c) for c in chars}
        if any(table[ord(c)] != c for c in chars):
            text = text.translate(table)
        if any(unicodedata.category(c) == "Mn" for c in chars):
            text = _MARK_ON_DIGIT.sub("", text)
    if "\t" in text:
        text = text.replace("\t", " ")
    if _NEAR_DIGIT.search(text):
        text = _ASCII_LOOKALIKES.sub(_ascii_digits, text)
    return text
