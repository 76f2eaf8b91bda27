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

from .corpus import Document
from .problems import Problem, printable

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

#: A character that every pattern of KINDS needs, at least once: lines without one are skipped.
_CANDIDATE = re.compile(r"[@\d]")

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
    if doc.text is None or has_consent(doc):
        return []
    where = "case study" if doc.kind == "case-study" else "page"
    problems = []
    for number, line in enumerate(doc.text.split("\n"), 1):
        if not _CANDIDATE.search(line):  # every pattern needs a digit or an '@'
            continue
        text = _ADDRESSES.sub(_blank, line)
        found: list[tuple[int, int, str]] = []
        for pattern, what in KINDS:
            for match in pattern.finditer(text):
                if any(start <= match.start() < end for start, end, _ in found):
                    continue  # +223 76 12 34 56 is one phone number, not two
                found.append((match.start(), match.end(), what))
                problems.append(Problem(
                    doc.rel, number, "personal-data",
                    f"This {where} shows what looks like {what}: '{printable(match[0].strip())}'.",
                    "Remove it or name a role or an institution instead; keep it only with the written "
                    "consent of the person (docs/outils/fiche-consentement/) and 'consent: true' in the front matter."))
    return problems


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
