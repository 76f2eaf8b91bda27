"""Personal data in the content: phone numbers, e-mail addresses and identity numbers.

Case studies and every other page are published openly and copied offline (Kiwix, SaheLink),
so a phone number or a NINA printed in a page cannot be taken back. A hit is a problem unless
the front matter says ``consent: true`` (written consent, see the consent form tool sheet).

The text is read as the reader sees it, not as it is typed: the lines of a paragraph joined (a
number wrapped across two lines is one number), HTML entities (``&#64;``) and Markdown escapes
decoded, tags and emphasis between digits removed, every Unicode space a space and invisible
format characters dropped; front matter values are read as YAML decodes them (``"\x40"``).
Phone numbers are found by ``phonenumbers`` (libphonenumber): written internationally
(``+``/``00`` and any country code), or nationally as in Mali first and its neighbours (Senegal,
Guinea, Côte d'Ivoire, Burkina Faso, Niger, Algeria, Mauritania) and France; ``tel:``, ``sms:``
and WhatsApp links (``wa.me``) are phone numbers whatever their form, ``mailto:`` links e-mail
addresses. Years and ranges of years (2020 2021), article or decree numbers (2015-052), amounts
(349 915 €, 1 250 000 000 FCFA), dates, periods (2020-03/2020-06) and web addresses are not
personal data.

Round three (issue 25): every line is first read as :func:`toolkit.checks.folding.fold` reads it
(NFKC, invisible characters gone, look-alikes of digits as digits) and percent-decoded; the
values of HTML attributes, link titles, attribute lists and HTML comments, and the query of every
address, are read too, each on its own; a phone number inside a messaging address (``t.me/+``,
``signal.me/#p/+``, ``?phone=``) is a phone number; ``76/12/34/56`` is four groups, not a date;
numbers written in words are read as digits (:mod:`toolkit.checks.numberwords`); identity numbers
are found in groups separated by spaces, dots, hyphens or slashes. Folder names (slugs) and the
glossary are read too (:func:`slug_problems`, :func:`glossary_problems`); what the page renders
is read again by :mod:`toolkit.checks.rendered_privacy` (numbers split across table cells).
"""

from __future__ import annotations

import functools
import html
import os
import posixpath
import re
import urllib.parse
from pathlib import Path

from toolkit.checks.folding import fold
from toolkit.checks.numberwords import spelled_runs
from toolkit.content.corpus import Document
from toolkit.content.problems import Problem, printable

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
#: NINA and other identity numbers: 10+ letters and digits in one run, at least 6 of them digits.
ID_NUMBER = re.compile(r"(?<![\w/.-])(?=(?:[A-Z]*\d){6})(?:[A-Z0-9]{10,}|\d{10,}[a-z])(?![\w/-])")
#: The same written in groups (a NINA is 14 digits and a letter: 1 19 03 10 100 1014 B): at least
#: 12 digits in groups of 1 to 5 separated by single spaces (or all by dots, hyphens or slashes),
#: not an amount in thousands.
ID_SPACED = re.compile(
    r"(?<![\w/.,-])\d{1,5}([ ./-])\d{1,5}(?:\1\d{1,5})+(?:\1?[A-Za-z])?(?![\w/-]|[.,]\d)"
)
THOUSANDS = re.compile(r"^\d{1,3}(?:([ .])\d{3})(?:\1\d{3})*$")
#: What comes before a long number that is not an identity number.
_NOT_ID_BEFORE = re.compile(r"(?:ISBN(?:-1[03])?|ISSN|DOI)\s*:?\s*$", re.IGNORECASE)
#: Links that hold a phone number whatever its form: tel:, sms:, callto:, WhatsApp, Viber, a
#: Telegram or Signal link to a number (t.me/+223..., signal.me/#p/+223...), any query or
#: fragment field named after a phone (?phone=, &number=).
PHONE_LINK = re.compile(
    r"(?:\b(?:tel|sms|smsto|callto|whatsapp|viber|facetime(?:-audio)?)\s*:\s*(?://)?"
    r"|\bwa\.me/|\b(?:t|telegram)\.me/\+|\bsignal\.me/#\w*/\+?"
    r"|[?&#;](?:phone|tel|number|msisdn|to|mobile)=)\+?[\d\s().-]*\d",
    re.IGNORECASE,
)
#: Addresses, whose digits are not personal data: URLs, Markdown link targets, HTML href/src
#: (mailto:, tel: and WhatsApp targets are found before, and mailto: kept).
_ADDRESSES = re.compile(
    r"""(?:https?|ftp)://[^\s)>\]"']+|www\.[^\s)>\]"']+|\]\((?!\s*<?mailto:)[^)\n]*\)|(?:href|src)\s*=\s*(?:"(?!mailto:)[^"]*"|'(?!mailto:)[^']*')""",
    re.IGNORECASE,
)
#: Where national numbers are looked for, Mali first; international ones (+/00) are found in all.
REGIONS = ("ML", "SN", "GN", "CI", "BF", "NE", "DZ", "MR", "FR")
#: The fewest digits of any valid number of any region, country code included (Austria,
#: Germany, Iran: +43 1234); a paragraph with fewer holds no phone number.
MIN_PHONE_DIGITS = 6
#: Paragraphs are scanned in windows of this many characters, overlapping by more than the
#: longest written number: the work is linear in the text, whatever a page holds.
WINDOW, OVERLAP = 400, 80
#: Windows with enough digits for a phone number that one file may hold (the real pages have at
#: most about 30): phonenumbers takes up to 90 ms on a window dense with digits, so a page made
#: of numbers is refused with a message rather than scanned for minutes, or skipped.
MAX_NUMBER_WINDOWS = 100


class TooManyNumbers(Exception):
    """A file holds more passages with numbers than the check scans (MAX_NUMBER_WINDOWS)."""

    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


#: What phonenumbers may take for a number and is not one: years and ranges of years, dates.
_NOT_PHONES = re.compile(
    r"^(?:(?:1[89]|20)\d\d(?:\s*[-–/ ]\s*(?:1[89]|20)\d\d)+"
    r"|\d{4}([-./])\d{1,2}\1\d{1,2}|\d{1,2}([-./])\d{1,2}\2\d{2,4})$"
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_MARKUP = re.compile(r"<!--.*?-->|<[^<>]*>", re.DOTALL)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(r"(?<=[\d+])[*_`~]+|[*_`~]+(?=\d)")

KINDS = (
    (EMAIL, "an e-mail address"),
    (ID_NUMBER, "an identity number (NINA or similar)"),
)
PHONE = "a phone number"


_MAILTO = re.compile(r"mailto:\s*([^\"'\s>?]+)", re.IGNORECASE)


def _mailto_of_tag(match: re.Match) -> str:
    """A tag, dropped as the reader never sees it, but for the e-mail addresses of its links."""
    found = _MAILTO.findall(match[0])
    return f" {' '.join(found)} " if found else ""


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match[0])


def has_consent(doc: Document) -> bool:
    if doc.meta is not None:
        return bool(getattr(doc.meta, "consent", False))
    data = (doc.fm.data if doc.fm is not None else None) or {}  # None: read from the cache
    return data.get("consent") is True


def as_read(text: str) -> str:
    """One line (folded already: toolkit.checks.folding) as a reader sees it: entities and
    escapes decoded, tags and emphasis between digits dropped."""
    if "&" in text:
        text = fold(html.unescape(text))
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "*" in text or "_" in text or "`" in text or "~" in text:
        text = _EMPHASIS.sub("", text)
    return text


def _paragraphs(lines: list[tuple[int, str]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Join consecutive non-blank lines: (text, [(offset, line number)]) per paragraph."""
    out, text, starts = [], "", []
    for number, line in [*lines, (0, "")]:
        if line.strip():
            starts.append((len(text) + (1 if text else 0), number))
            text = f"{text} {line}" if text else line
        elif text:
            out.append((text, starts))
            text, starts = "", []
    return out


def _line_at(starts: list[tuple[int, int]], offset: int) -> int:
    line = starts[0][1]
    for start, number in starts:
        if start > offset:
            break
        line = number
    return line


_DIGIT = re.compile(r"\d")
#: Enough digits for a phone number of any region written internationally (MIN_PHONE_DIGITS).
SIX_DIGITS = re.compile(r"(?:\D*\d){6}")
#: A run of 8 digits with at most 4 punctuation or space characters between two: the shortest
#: national number of Mali's neighbours and France (phonenumbers' metadata: 8 digits or more)
#: written in any way its matcher accepts. Without one, only Mali's matcher runs (it also finds
#: every number written with + or 00).
_NATIONAL_RUN = re.compile(r"\d(?:(?:[^\w\n]|[xXー]){0,4}\d){7}")
#: A run of 8 digits that is years or a date (2019-2020, 12/04/2021): no region's number.
_DATES = re.compile(
    r"^(?:(?:1[89]|20)\d\d(?:\D{1,4}(?:1[89]|20)\d\d)+|\d{4}([-./])\d{1,2}\1\d{1,2}"
    r"|\d{1,2}([-./])\d{1,2}\2\d{4})$"
)
#: The same with 6 digits: what any number of any region needs (phonenumbers' matcher takes
#: digits with at most 4 punctuation characters between two, 'x' and 'ー' among them).
_PHONE_RUN = re.compile(r"\d(?:(?:[^\w\n]|[xXー]){0,4}\d){5}")


def _counting(text: str) -> bool:
    """Numbers that count (4 5 6 7 8 9 10: the numbered rows of a table read across)."""
    numbers = [int(group) for group in re.findall(r"\d+", text)]
    return len(numbers) >= 3 and all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def _digits(text: str) -> int:
    return len(_DIGIT.findall(text))


def _phones(text: str, quick: bool, budget: list[int]) -> list[tuple[int, int, str]]:
    """(start, end, text) of each phone number in ``text``; each window with enough digits to
    hold one costs one from ``budget`` (raises TooManyNumbers(0) when it runs out)."""
    import phonenumbers

    found: list[tuple[int, int, str]] = []
    step = WINDOW - OVERLAP
    for base in range(0, max(len(text) - OVERLAP, 1), step):
        window = text[base : base + WINDOW]
        if not _PHONE_RUN.search(window):
            if quick:
                continue
        else:
            budget[0] -= 1
            if budget[0] < 0:
                raise TooManyNumbers(0)
        regions = (
            REGIONS
            if not quick or any(not _DATES.match(run[0]) for run in _NATIONAL_RUN.finditer(window))
            else REGIONS[:1]
        )
        for region in regions:
            for match in phonenumbers.PhoneNumberMatcher(
                window, region, leniency=phonenumbers.Leniency.VALID
            ):
                start, end = base + match.start, base + match.end
                if _NOT_PHONES.match(match.raw_string.strip(" ()[]")) or _counting(
                    match.raw_string
                ):
                    continue
                if any(s < end and start < e for s, e, _ in found):
                    continue
                raw = match.raw_string.strip()
                if raw.startswith("(") and ")" not in raw:
                    raw, start = raw[1:].lstrip(), start + 1
                found.append((start, end, raw))
    return sorted(found)


_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_COMMENT = re.compile(r"<!--(.*?)(?:-->|$)")
#: Attribute values in a tag (quoted or not): read on their own.
_ATTRIBUTE = re.compile(r"""([^\s=/<>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
#: Markdown link titles: [text](target "title"), and a reference definition's.
_LINK_TITLE = re.compile(
    r"""(?:\]\(\s*<?[^\s)>]*>?|^\s{0,3}\[[^\]]+\]:\s*\S+)\s+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\))"""
)
#: Attribute lists: {: title="..." data-x='...' }.
_ATTR_LIST = re.compile(r"\{:?[^{}]*=[^{}]*\}")
#: The query and fragment of an address: its fields are read as text.
_QUERY = re.compile(r"""(?:[a-z][a-z0-9+.-]*:|www\.)[^\s)>\]"'<]*?[?#]([^\s)>\]"'<]+)""", re.I)
#: Four or more groups of digits joined by slashes (76/12/34/56): a number, not a date.
_SLASHED = re.compile(r"(?<![\d/])\d{2,4}(?:/\d{2,4}){3,}(?![\d/])")
_DIGIT_PLUS = re.compile(r"(?<=\d)\+(?=\d)")
_URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "poster", "data"})
#: A number word (numberwords.UNITS and TENS but the commonest ones, which need the others).
NUMBER_WORD = re.compile(
    r"\b(?:z[ée]ro|quatre|cinq|sept|huit|neuf|onze|douze|treize|quatorze|quinze|seize|vingts?"
    r"|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante|three|four|five|seven"
    r"|eight|nine|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b",
    re.IGNORECASE,
)


def _set_aside(number: int, line: str, extras: list[tuple[int, str]]) -> str:
    """``line`` without its HTML comments; their text, link titles, attribute list values and
    the fields of address queries go to ``extras`` (each read on its own)."""
    if "<!--" in line:
        for match in _COMMENT.finditer(line):
            extras.append((number, match[1]))
        line = _COMMENT.sub(" ", line)
    if "](" in line or line.lstrip().startswith("["):
        for match in _LINK_TITLE.finditer(line):
            extras.append((number, next(group for group in match.groups() if group is not None)))
    if "{" in line and "=" in line:
        for match in _ATTR_LIST.finditer(line):
            for attribute in _ATTRIBUTE.finditer(match[0]):
                extras.append((number, next(g for g in attribute.groups()[1:] if g is not None)))
    if "?" in line or "#" in line:
        for match in _QUERY.finditer(line):
            for field in re.split(r"[&;=#?]", match[1]):
                field = _DIGIT_PLUS.sub(" ", field)  # form encoding: + is a space
                extras.append((number, fold(urllib.parse.unquote(field))))
    return line


def _tag_text(match: re.Match, number: int, extras: list[tuple[int, str]]) -> str:
    """A tag, dropped as the reader never sees it, but for the e-mail addresses of its links;
    its attribute values (but addresses, read before) go to ``extras``."""
    for attribute in _ATTRIBUTE.finditer(match[0]):
        if attribute[1].lower() not in _URL_ATTRIBUTES:
            extras.append((number, next(g for g in attribute.groups()[1:] if g is not None)))
    return _mailto_of_tag(match)


def _as_groups(text: str) -> str:
    """76/12/34/56 as the groups of digits it is."""
    if "/" in text:
        text = _SLASHED.sub(lambda m: m[0].replace("/", " "), text)
    return text


def _spelled_phones(text: str, budget: list[int]) -> list[tuple[int, int, str]]:
    """Phone numbers written in words (toolkit.checks.numberwords), as (start, end, words)."""
    import phonenumbers

    if len(NUMBER_WORD.findall(text)) < 2:  # a run of four holds two of these at least
        return []
    found = []
    for start, end, digits in spelled_runs(text):
        if len(digits) < 8:
            continue
        budget[0] -= 1
        if budget[0] < 0:
            raise TooManyNumbers(0)
        for region in REGIONS:
            if any(
                True
                for _ in phonenumbers.PhoneNumberMatcher(
                    digits, region, leniency=phonenumbers.Leniency.VALID
                )
            ):
                found.append((start, end, text[start:end]))
                break
    return found


def scan(
    lines: list[tuple[int, str]], quick: bool = True, budget: list[int] | None = None
) -> list[tuple[int, str, str]]:
    """(line, text, what it looks like) of each piece of personal data in ``lines`` ((number,
    text) pairs as typed), in reading order. ``quick`` skips the windows that cannot hold a
    phone number (tests compare both ways). Raises TooManyNumbers with the line where the
    ``budget`` (a one-item list, default MAX_NUMBER_WINDOWS) ran out."""
    budget = budget if budget is not None else [MAX_NUMBER_WINDOWS]
    lines = [(number, fold(line)) for number, line in lines]
    if (
        quick
        and not any("@" in line or "&" in line or "%" in line for _, line in lines)
        and not SIX_DIGITS.match("".join(line for _, line in lines))
        and not NUMBER_WORD.search("\n".join(line for _, line in lines))
    ):
        return []  # no address, no entity, fewer than 6 digits: nothing any pattern below can find
    hits: list[tuple[int, int, str, str]] = []
    read: list[tuple[int, str]] = []
    extras: list[tuple[int, str]] = []  # attribute values, titles, comments, queries: each alone
    for number, line in lines:
        if "&" in line:
            line = fold(html.unescape(line))
        line = _set_aside(number, line, extras)
        if "%" in line:
            line = fold(_PERCENT.sub(lambda m: urllib.parse.unquote(m[0]), line))
        if ":" in line or "/" in line or "=" in line:  # tel:, wa.me/, ?phone=: a phone number
            for match in PHONE_LINK.finditer(line):
                if SIX_DIGITS.match(match[0]):  # shorter: a service number (112), not a person's
                    hits.append((number, match.start(), match[0].strip(), PHONE))
            line = _ADDRESSES.sub(_blank, PHONE_LINK.sub(_blank, line))
        elif "(" in line or "www." in line.lower():
            line = _ADDRESSES.sub(_blank, line)
        if "<" in line:  # tags go, but an address a tag's mailto: link carries is still published
            line = _MARKUP.sub(functools.partial(_tag_text, number=number, extras=extras), line)
        read.append((number, _as_groups(as_read(line))))
    paragraphs = _paragraphs(read) + [
        (_as_groups(as_read(text)), [(0, number)]) for number, text in extras if text.strip()
    ]
    for text, starts in paragraphs:
        taken: list[tuple[int, int]] = []
        try:
            phones = _phones(text, quick, budget)
            phones += _spelled_phones(text, budget)
        except TooManyNumbers:
            raise TooManyNumbers(starts[0][1]) from None
        for start, end, found in phones:
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            hits.append((_line_at(starts, start), start, found, PHONE))
        for pattern, what in (*KINDS, (ID_SPACED, KINDS[1][1])):
            for match in pattern.finditer(text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                if _NOT_ID_BEFORE.search(text, 0, match.start()) and pattern is not EMAIL:
                    continue
                if pattern is ID_SPACED and (
                    _digits(match[0]) < 12
                    or THOUSANDS.match(match[0])
                    or all(_YEAR.match(group) for group in re.split(r"[ ./-]", match[0]))
                    or _counting(match[0])
                ):
                    continue
                taken.append((match.start(), match.end()))
                hits.append((_line_at(starts, match.start()), match.start(), match[0], what))
    return _unique(hits)


def _unique(hits: list[tuple[int, int, str, str]]) -> list[tuple[int, str, str]]:
    """One hit per piece of data and line (a number seen in a link and in its query field, a
    title seen as text and as a title): the longest form, in reading order."""
    kept: dict[tuple, tuple[int, int, str, str]] = {}
    for hit in sorted(hits, key=lambda hit: (hit[0], -len(hit[2]), hit[1])):
        line, _, found, what = hit
        digits = "".join(_DIGIT.findall(found))
        kept.setdefault((line, what, digits if what == PHONE and digits else found), hit)
    return [
        (line, found, what)
        for line, _, found, what in sorted(kept.values(), key=lambda h: (h[0], h[1]))
    ]


def _front_matter_values(doc: Document) -> list[tuple[int, str]]:
    """Every text value of the front matter as YAML decoded it, with its line."""
    if doc.fm is None:
        return []
    out: list[tuple[int, str]] = []

    def walk(value, loc):
        if isinstance(value, str):
            out.append((doc.fm.line_of(loc), value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))

    walk(doc.fm.data, ())
    return out


def check_personal_data(doc: Document, rendered=None) -> list[Problem]:
    """Phone numbers, e-mail addresses and ID-like numbers anywhere in the file (front matter
    and body), unless the page records the written consent of the people concerned.
    ``rendered(doc, hits)``, when given, reads the rendered body too and returns the problems
    the source did not show (toolkit.checks.rendered_privacy.rendered_problems)."""
    if doc.text is None or has_consent(doc):
        return []
    where = where_in(doc)
    fm = getattr(doc, "fm", None)
    body_start = fm.body_start if fm is not None else 1
    lines = list(enumerate(doc.text.split("\n"), 1))
    budget = [MAX_NUMBER_WINDOWS]
    try:
        hits = scan(lines[body_start - 1 :] if fm is not None else lines, budget=budget)
        if fm is not None:  # front matter values as decoded, each on its own (a blank between)
            values = [
                pair
                for line, value in _front_matter_values(doc)
                for pair in [*((line, part) for part in value.split("\n")), (line, "")]
            ]
            hits += scan(values, budget=budget)
    except TooManyNumbers as too_many:
        return [
            Problem(
                doc.rel,
                too_many.line,
                "personal-data",
                f"This {where} holds too many numbers to check for personal data (more than "
                f"{MAX_NUMBER_WINDOWS} passages with numbers; the check stopped here).",
                "Split it into shorter pages, or put long tables of figures in a downloadable file.",
            )
        ]
    problems = slug_problems(doc, where)
    problems += [personal_data_problem(doc, line, found, what) for line, found, what in hits]
    if rendered is not None:  # what the page renders: numbers split across cells or tags
        problems += rendered(doc, hits)
    return sorted(set(problems), key=lambda p: (p.line, problems.index(p)))


def where_in(doc: Document) -> str:
    return "case study" if doc.kind == "case-study" else "page"


def personal_data_problem(doc: Document, line: int, found: str, what: str) -> Problem:
    """The one message for a piece of personal data in a page, from its source or its output."""
    return Problem(
        doc.rel,
        line,
        "personal-data",
        f"This {where_in(doc)} shows what looks like {what}: '{printable(found.strip())}'.",
        "Remove it or name a role or an institution instead; keep it only with the written "
        "consent of the person (docs/outils/fiche-consentement/) and 'consent: true' in the front matter.",
    )


def slug_problems(doc: Document, where: str = "page") -> list[Problem]:
    """The folder names of ``doc`` (its slug is in every address and kit name), at line 1."""
    problems = []
    for folder in doc.rel.split("/")[1:-1]:
        for _, found, what in scan([(1, folder)]):
            problems.append(
                Problem(
                    doc.rel,
                    1,
                    "personal-data",
                    f"The folder name '{printable(folder)}' of this {where} shows what looks like "
                    f"{what}: '{printable(found.strip())}'.",
                    "Rename the folder: name the subject, a role or an institution, never a person's "
                    "number or address.",
                )
            )
    return problems


def sidecar_problems(doc: Document, sidecar: Path) -> list[Problem]:
    """The text fields of a recording's sidecar (``capsule.<lang>.json``), at their lines: the
    speaker is written into the published Opus and MP3 (their ``artist`` tag), where no page
    shows it, so it is read here (unless the capsule records consent, as for its page)."""
    from toolkit.media.audio import read_sidecar

    if has_consent(doc) or not sidecar.is_file():
        return []
    read, _ = read_sidecar(sidecar)
    if read is None:
        return []  # the recording's check says what is wrong with it
    rel = posixpath.normpath(
        posixpath.join(posixpath.dirname(doc.rel), os.path.relpath(sidecar, doc.source_path.parent))
    )
    lines = sidecar.read_text(encoding="utf-8").split("\n")
    problems = []
    for field in ("speaker", "date"):
        value = getattr(read, field)
        if not value or value == "anonymous":
            continue
        line = next((n for n, text in enumerate(lines, 1) if f'"{field}"' in text), 1)
        try:
            hits = scan([(line, value)])
        except TooManyNumbers:
            hits = [(line, value[:40], "a list of numbers (too many to check)")]
        problems += [
            Problem(
                rel,
                line,
                "personal-data",
                f"The recording's '{field}' shows what looks like {what}: "
                f"'{printable(found.strip())}'; it is written into the published recording.",
                "Write the speaker's name or initials (with their consent), or 'anonymous': "
                "never a number or an address.",
            )
            for _, found, what in hits
        ]
    return problems


def glossary_problems(path: Path, rel: str = "methodology/glossary.yml") -> list[Problem]:
    """Every text of the glossary (terms, definitions, sources), read as YAML decodes it, at its
    line. The glossary is printed on every language's glossary page and in the kits."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # the glossary's loader reports it (toolkit.content.vocabularies)
    lines = text.split("\n")
    values: list[list[tuple[int, str]]] = []  # each value's lines
    stack = [node] if node is not None else []
    # an alias is the node it names: each is read once (576 bytes of nested aliases are 10**9
    # values when walked as a tree, and the glossary's model, which refuses them, may come later)
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, yaml.ScalarNode):
            if item.style in ("|", ">"):  # a block: its lines as typed, from the next line on
                first = item.start_mark.line + 1
                value = [
                    (first + 1 + index, line)
                    for index, line in enumerate(
                        lines[first : item.end_mark.line + (1 if item.end_mark.column else 0)]
                    )
                ]
            elif isinstance(item.value, str) and item.tag.endswith(":str"):
                value = [
                    (item.start_mark.line + 1 + index, part)
                    for index, part in enumerate(item.value.split("\n"))
                ]
            else:
                continue
            values.append(value)
        elif isinstance(item, yaml.SequenceNode):
            stack.extend(item.value)
        elif isinstance(item, yaml.MappingNode):
            stack.extend(child for pair in item.value for child in pair)
    values.sort()
    problems = []
    budget = [MAX_NUMBER_WINDOWS * 4]  # the glossary is read as a whole: four pages' worth
    try:
        hits = [hit for value in values for hit in scan(value, budget=budget)]
    except TooManyNumbers as too_many:
        hits, problems = (
            [],
            [
                Problem(
                    rel,
                    too_many.line,
                    "personal-data",
                    "The glossary holds too many numbers to check for personal data.",
                    "Keep figures out of definitions: name the law or the source instead.",
                )
            ],
        )
    for line, found, what in hits:
        problems.append(
            Problem(
                rel,
                line,
                "personal-data",
                f"The glossary shows what looks like {what}: '{printable(found.strip())}'.",
                "Remove it: a definition names roles and institutions, never a person's number "
                "or address.",
            )
        )
    return problems


#: EXIF tags that can identify or locate a person: GPS position, author, owner, comments.
IDENTIFYING_EXIF = {
    34853: "GPS position",
    315: "author (Artist)",
    42032: "camera owner",
    40093: "author (XPAuthor)",
    37510: "comment (UserComment)",
    33432: "copyright holder",
}


def image_metadata_problems(doc: Document, path: Path, src: str, line: int) -> list[Problem]:
    """An image whose metadata names or locates someone is personal data too, unless consent."""
    if has_consent(doc) or path.suffix.lower() not in (
        ".jpg",
        ".jpeg",
        ".png",
        ".webp",
        ".tif",
        ".tiff",
    ):
        return []
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:  # Pillow comes with the kits' dependencies
        return []
    if not _may_have_exif(path):
        return []
    try:
        with Image.open(path) as image:
            exif = image.getexif()
    except (OSError, UnidentifiedImageError, ValueError):
        return []
    found = [name for tag, name in IDENTIFYING_EXIF.items() if exif.get(tag)]
    if not found:
        return []
    return [
        Problem(
            doc.rel,
            line,
            "personal-data",
            f"The image '{src}' carries personal data in its metadata ({', '.join(found)}).",
            "Save a copy without metadata (for example `exiftool -all= file`, or export it again), "
            "or record the written consent with 'consent: true'.",
        )
    ]


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _may_have_exif(path: Path) -> bool:
    """False for a PNG file with no EXIF in it. Pillow decodes every pixel of a PNG to look for
    EXIF after the image data, but it reads EXIF only from an 'eXIf' chunk or a text chunk named
    'exif' or 'Raw profile type exif', whose names are stored as they are: a PNG without these
    bytes has no EXIF (other formats are read as before)."""
    try:
        with path.open("rb") as handle:
            if handle.read(8) != _PNG_SIGNATURE:
                return True
            data = handle.read()
    except OSError:
        return True  # Pillow reports it as before
    return b"eXIf" in data or b"exif" in data
