"""Numbers written in words, read as digits: "soixante-seize douze trente-quatre cinquante-six".

A phone number is dictated in groups, and can be written that way to pass a check that looks
for digits. The rule: a run of at least :data:`MIN_GROUPS` numbers written in French or English
words (each from 0 to 99: ``soixante-seize``, ``quatre-vingt-dix-neuf``, ``vingt et un``,
``seventy-six``; digits may stand among them), with nothing but spaces, hyphens and commas
between them, is read as the digits of its numbers written one after the other
(``76123456``). Whether that is a phone number is then libphonenumber's call, as for digits.
Fewer groups ("deux ou trois", "quinze à vingt") are ordinary prose and never read.
"""

from __future__ import annotations

import re

UNITS = {
    # French
    "zéro": 0, "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    # English
    "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
#: The fewest numbers in a run that is read as digits (a phone number is said in 4 or 5 pairs).
MIN_GROUPS = 4

_WORD = re.compile(r"[^\W\d_]+|\d{1,3}", re.UNICODE)
_GAP = re.compile(r"^[\s,\-–]*$")


def _teen(words: list[str], at: int, below: int) -> tuple[int, int] | None:
    """(value, words used) of a number under ``below`` said in one word or as dix-sept..."""
    if at >= len(words):
        return None
    if words[at] == "dix" and at + 1 < len(words) and words[at + 1] in ("sept", "huit", "neuf"):
        value, used = 10 + UNITS[words[at + 1]], 2
    elif words[at] in UNITS:
        value, used = UNITS[words[at]], 1
    else:
        return None
    return (value, used) if value < below else None


def _number_at(words: list[str], index: int) -> tuple[int, int] | None:
    """(value, words used) of the number 0-99 that starts at ``words[index]``, or None."""
    word = words[index]
    if word.isdigit():
        return int(word), 1
    if word == "quatre" and index + 1 < len(words) and words[index + 1] in ("vingt", "vingts"):
        rest = _teen(words, index + 2, 20)
        return (80 + rest[0], 2 + rest[1]) if rest and rest[0] else (80, 2)
    if word in TENS:
        value, at = TENS[word], index + 1
        if at < len(words) and words[at] == "et":  # vingt et un, soixante et onze
            rest = _teen(words, at + 1, 20)
            if rest and rest[0] in (1, 11):
                return value + rest[0], 2 + rest[1]
            return value, 1
        rest = _teen(words, at, 20 if value in (60,) else 10)
        return (value + rest[0], 1 + rest[1]) if rest and rest[0] else (value, 1)
    return _teen(words, index, 20)


def spelled_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, digits) of each run of :data:`MIN_GROUPS` or more numbers in words."""
    tokens = [(m.start(), m.end(), m[0].lower()) for m in _WORD.finditer(text)]
    words = [t[2] for t in tokens]
    runs: list[tuple[int, int, str]] = []
    index = 0
    while index < len(tokens):
        start_index, digits, groups, worded = index, "", 0, False
        while index < len(tokens):
            if groups and not _GAP.match(text[tokens[index - 1][1] : tokens[index][0]]):
                break
            found = _number_at(words, index)
            if found is None:
                break
            value, used = found
            worded = worded or not words[index].isdigit()
            digits += str(value) if not words[index].isdigit() else words[index]
            groups += 1
            index += used
        if groups >= MIN_GROUPS and worded:
            runs.append((tokens[start_index][0], tokens[index - 1][1], digits))
        if index == start_index:
            index += 1
    return runs
