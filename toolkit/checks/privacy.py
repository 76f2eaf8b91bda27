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
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from pathlib import Path

from toolkit.content.corpus import Document
from toolkit.content.problems import Problem, printable

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
#: NINA and other identity numbers: 10+ letters and digits in one run, at least 6 of them digits.
ID_NUMBER = re.compile(r"(?<![\w/.-])(?=(?:[A-Z]*\d){6})[A-Z0-9]{10,}(?![\w/-])")
#: The same written in groups (a NINA is 14 digits and a letter: 1 19 03 10 100 1014 B): at least
#: 12 digits in groups of 1 to 5 separated by single spaces, not an amount in thousands.
ID_SPACED = re.compile(r"(?<![\w/.,-])\d{1,5}(?: \d{1,5}){2,}(?: ?[A-Z])?(?![\w/-]|[.,]\d)")
THOUSANDS = re.compile(r"^\d{1,3}(?: \d{3})+$")
#: Links that hold a phone number whatever its form: tel:, sms:, callto:, WhatsApp.
PHONE_LINK = re.compile(
    r"(?:\b(?:tel|sms|callto|whatsapp)\s*:\s*(?://)?|\bwa\.me/|whatsapp\.com/send/?\?phone=)\+?[\d\s().-]*\d",
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
    data = doc.fm.data if doc.fm is not None else {}
    return data.get("consent") is True


@functools.cache
def _invisible() -> re.Pattern:
    """Every Unicode space (Zs, Zl, Zp) and format character (Cf: zero-width, soft hyphen, bidi
    marks), as one character class (built once: the planes that hold them)."""
    spaces, formats = [], []
    for code in (*range(0x30000), *range(0xE0000, 0xE1000)):
        category = unicodedata.category(chr(code))
        if category in ("Zs", "Zl", "Zp"):
            spaces.append(chr(code))
        elif category == "Cf":
            formats.append(chr(code))
    return re.compile(
        "([" + re.escape("".join(spaces)) + "\t])|[" + re.escape("".join(formats)) + "]"
    )


def as_read(text: str) -> str:
    """One line as a reader sees it: entities and escapes decoded, tags and emphasis between
    digits dropped, any space a space, format characters (zero-width, soft hyphen) gone."""
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii() or "\t" in text:
        text = _invisible().sub(lambda m: " " if m[1] else "", text)
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
_SIX_DIGITS = re.compile(r"(?:\D*\d){6}")
#: A run of 8 digits with at most 4 punctuation or space characters between two: the shortest
#: national number of Mali's neighbours and France (phonenumbers' metadata: 8 digits or more)
#: written in any way its matcher accepts. Without one, only Mali's matcher runs (it also finds
#: every number written with + or 00).
_NATIONAL_RUN = re.compile(r"\d(?:(?:[^\w\n]|[xXー]){0,4}\d){7}")
#: The same with 6 digits: what any number of any region needs (phonenumbers' matcher takes
#: digits with at most 4 punctuation characters between two, 'x' and 'ー' among them).
_PHONE_RUN = re.compile(r"\d(?:(?:[^\w\n]|[xXー]){0,4}\d){5}")


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
        regions = REGIONS if not quick or _NATIONAL_RUN.search(window) else REGIONS[:1]
        for region in regions:
            for match in phonenumbers.PhoneNumberMatcher(
                window, region, leniency=phonenumbers.Leniency.VALID
            ):
                start, end = base + match.start, base + match.end
                if _NOT_PHONES.match(match.raw_string.strip(" ()[]")):
                    continue
                if any(s < end and start < e for s, e, _ in found):
                    continue
                raw = match.raw_string.strip()
                if raw.startswith("(") and ")" not in raw:
                    raw, start = raw[1:].lstrip(), start + 1
                found.append((start, end, raw))
    return sorted(found)


def scan(
    lines: list[tuple[int, str]], quick: bool = True, budget: list[int] | None = None
) -> list[tuple[int, str, str]]:
    """(line, text, what it looks like) of each piece of personal data in ``lines`` ((number,
    text) pairs as typed), in reading order. ``quick`` skips the windows that cannot hold a
    phone number (tests compare both ways). Raises TooManyNumbers with the line where the
    ``budget`` (a one-item list, default MAX_NUMBER_WINDOWS) ran out."""
    budget = budget if budget is not None else [MAX_NUMBER_WINDOWS]
    if (
        quick
        and not any("@" in line or "&" in line for _, line in lines)
        and not _SIX_DIGITS.match("".join(line for _, line in lines))
    ):
        return []  # no address, no entity, fewer than 6 digits: nothing any pattern below can find
    hits: list[tuple[int, int, str, str]] = []
    read = []
    for number, line in lines:
        if "&" in line:
            line = html.unescape(line)
        if ":" in line or "/" in line:  # tel:, sms:, wa.me/: a phone number; other addresses: none
            for match in PHONE_LINK.finditer(line):
                if _SIX_DIGITS.match(match[0]):  # shorter: a service number (112), not a person's
                    hits.append((number, match.start(), match[0].strip(), PHONE))
            line = _ADDRESSES.sub(_blank, PHONE_LINK.sub(_blank, line))
        elif "(" in line or "=" in line or "www." in line.lower():
            line = _ADDRESSES.sub(_blank, line)
        if "<" in line:  # tags go, but an address a tag's mailto: link carries is still published
            line = _MARKUP.sub(_mailto_of_tag, line)
        read.append((number, as_read(line)))
    for text, starts in _paragraphs(read):
        taken: list[tuple[int, int]] = []
        try:
            phones = _phones(text, quick, budget)
        except TooManyNumbers:
            raise TooManyNumbers(starts[0][1]) from None
        for start, end, found in phones:
            taken.append((start, end))
            hits.append((_line_at(starts, start), start, found, PHONE))
        for pattern, what in (*KINDS, (ID_SPACED, KINDS[1][1])):
            for match in pattern.finditer(text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                if pattern is ID_SPACED and (
                    _digits(match[0]) < 12
                    or THOUSANDS.match(match[0])
                    or all(_YEAR.match(group) for group in match[0].split())
                ):
                    continue
                taken.append((match.start(), match.end()))
                hits.append((_line_at(starts, match.start()), match.start(), match[0], what))
    hits.sort(key=lambda hit: (hit[0], hit[1]))
    return [(line, found, what) for line, _, found, what in hits]


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


def check_personal_data(doc: Document) -> list[Problem]:
    """Phone numbers, e-mail addresses and ID-like numbers anywhere in the file (front matter
    and body), unless the page records the written consent of the people concerned."""
    if doc.text is None or has_consent(doc):
        return []
    where = "case study" if doc.kind == "case-study" else "page"
    fm = getattr(doc, "fm", None)
    body_start = fm.body_start if fm is not None else 1
    lines = list(enumerate(doc.text.split("\n"), 1))
    budget = [MAX_NUMBER_WINDOWS]
    try:
        hits = scan(lines[body_start - 1 :] if fm is not None else lines, budget=budget)
        if fm is not None:  # front matter values as decoded, each on its own
            for line, value in _front_matter_values(doc):
                hits += [
                    (line, found, what)
                    for _, found, what in scan(
                        [(line, part) for part in value.split("\n")], budget=budget
                    )
                ]
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
    problems = []
    for line, found, what in hits:
        problems.append(
            Problem(
                doc.rel,
                line,
                "personal-data",
                f"This {where} shows what looks like {what}: '{printable(found.strip())}'.",
                "Remove it or name a role or an institution instead; keep it only with the written "
                "consent of the person (docs/outils/fiche-consentement/) and 'consent: true' in the front matter.",
            )
        )
    return sorted(set(problems), key=lambda p: (p.line, problems.index(p)))


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
