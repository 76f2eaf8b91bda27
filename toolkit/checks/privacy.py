"""Personal data in the content: phone numbers, e-mail addresses and identity numbers.

Case studies and every other page are published openly and copied offline (Kiwix, SaheLink),
so a phone number or a NINA printed in a page cannot be taken back. A hit is a problem unless
the front matter says ``consent: true`` (written consent, see the consent form tool sheet).

The patterns are narrow on purpose: years (2024), article or decree numbers (2015-052),
amounts (349 915 €), dates and periods (2020-03/2020-06) and addresses (URLs, link targets)
are not personal data.
"""

from __future__ import annotations

import re
from pathlib import Path

from toolkit.content.corpus import Document
from toolkit.content.problems import Problem, printable

#: +223 (or 00223) then 8 digits, spaced or not: +223 76 12 34 56, +22376123456.
INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])(?:\+|00)\s?223(?:[\s.-]?\d){8}(?![\w-])")
#: 8 digits in groups of two, starting 2-9 like Malian numbers: 76 12 34 56, 76.12.34.56, 76-12-34-56.
LOCAL_PHONE = re.compile(r"(?<![\w+.,/-])[2-9]\d(?:([ .-])\d{2})(?:\1\d{2}){2}(?![\w/-]|[.,]\d)")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
#: NINA and other identity numbers: 10+ letters and digits in one run, at least 6 of them digits.
ID_NUMBER = re.compile(r"(?<![\w/.-])(?=(?:[A-Z]*\d){6})[A-Z0-9]{10,}(?![\w/-])")
#: Addresses, whose digits are not personal data: URLs, Markdown link targets, HTML href/src
#: (mailto: targets are kept: they hold an e-mail address).
_ADDRESSES = re.compile(
    r"""(?:https?|ftp)://[^\s)>\]"']+|www\.[^\s)>\]"']+|\]\((?!\s*<?mailto:)[^)\n]*\)|(?:href|src)\s*=\s*(?:"(?!mailto:)[^"]*"|'(?!mailto:)[^']*')""",
    re.IGNORECASE,
)

#: What a match of KINDS needs in the file as it is: an '@' (e-mail address), '223' (phone number
#: with +223 or 00223), or this (8 digits in pairs, or 6 digits with only capitals between: a local
#: phone number or an identity number). Blanking the addresses only turns runs of 3 characters or
#: more into spaces, so every character of a match is the file's own (a match has no space, or
#: single spaces between digits). A line, or a whole file, with none of these has nothing to report
#: (tests/test_markdown_checks.py compares both ways on arbitrary lines).
_DIGITS = re.compile(r"\d(?:\d([ .-])\d\d\1\d\d\1\d\d|(?:[A-Z]*\d){5})")


def _possible(text: str) -> bool:
    return "@" in text or "223" in text or _DIGITS.search(text) is not None


KINDS = (
    (INTERNATIONAL_PHONE, "a phone number"),
    (LOCAL_PHONE, "a phone number"),
    (EMAIL, "an e-mail address"),
    (ID_NUMBER, "an identity number (NINA or similar)"),
)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match[0])


def has_consent(doc: Document) -> bool:
    if doc.meta is not None:
        return bool(getattr(doc.meta, "consent", False))
    data = doc.fm.data if doc.fm is not None else {}
    return data.get("consent") is True


def check_personal_data(doc: Document) -> list[Problem]:
    """Phone numbers, e-mail addresses and ID-like numbers anywhere in the file (front matter
    and body), unless the page records the written consent of the people concerned."""
    if doc.text is None or not _possible(doc.text) or has_consent(doc):
        return []  # the usual case: nothing that could be personal data anywhere in the file
    where = "case study" if doc.kind == "case-study" else "page"
    problems = []
    for number, line in enumerate(doc.text.split("\n"), 1):
        if not _possible(line):
            continue
        for found, what in personal_data_in(line):
            problems.append(Problem(
                doc.rel, number, "personal-data",
                f"This {where} shows what looks like {what}: '{printable(found.strip())}'.",
                "Remove it or name a role or an institution instead; keep it only with the written "
                "consent of the person (docs/outils/fiche-consentement/) and 'consent: true' in the front matter."))
    return problems


def personal_data_in(line: str) -> list[tuple[str, str]]:
    """(text, what it looks like) of each piece of personal data in one line, in report order."""
    text = _ADDRESSES.sub(_blank, line)
    found: list[tuple[int, int, str]] = []
    hits = []
    for pattern, what in KINDS:
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end, _ in found):
                continue  # +223 76 12 34 56 is one phone number, not two
            found.append((match.start(), match.end(), what))
            hits.append((match[0], what))
    return hits


#: EXIF tags that can identify or locate a person: GPS position, author, owner, comments.
IDENTIFYING_EXIF = {34853: "GPS position", 315: "author (Artist)", 42032: "camera owner",
                    40093: "author (XPAuthor)", 37510: "comment (UserComment)", 33432: "copyright holder"}


def image_metadata_problems(doc: Document, path: Path, src: str, line: int) -> list[Problem]:
    """An image whose metadata names or locates someone is personal data too, unless consent."""
    if has_consent(doc) or path.suffix.lower() not in (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff"):
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
    return [Problem(doc.rel, line, "personal-data",
                    f"The image '{src}' carries personal data in its metadata ({', '.join(found)}).",
                    "Save a copy without metadata (for example `exiftool -all= file`, or export it again), "
                    "or record the written consent with 'consent: true'.")]


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
