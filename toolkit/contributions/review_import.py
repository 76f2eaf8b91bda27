"""``hub review import <pack.docx>``: a review pack that came back, applied row by row.

Each row of the pack (:mod:`toolkit.contributions.review`) holds the French source, the draft, the
reviewer's "OK or correction" and the file and field. Reading it back:

- "OK" (any case, a final dot allowed, or the draft copied unchanged) keeps the text;
- anything else in that column is the correction, and replaces the draft;
- an empty cell changes nothing, and a row deleted from the pack is simply absent.

A row is applied only when the pack still describes the text in the repository: its French
source cell must equal today's French (else the source changed since the pack was made, and the
review is of an older text), and its draft cell today's draft (else the draft changed since, or
the reviewer wrote in the wrong column). Every other row is refused with its reason, never
applied to a newer text.

A text is marked reviewed once every one of its pending rows was answered, with the reviewer
and the date written in the pack (``--by``/``--date`` when the pack has none):

- a page or capsule: ``native_review: {status: reviewed, by: ..., date: ...}``;
- an interface string: its ``.po`` entry, no longer ``fuzzy``;
- a glossary entry: ``native_review: done`` in its language;
- a vocabulary label: the ``# AWAITING NATIVE SPEAKER REVIEW`` comment removed.

Files are edited line by line (:mod:`toolkit.contributions.yamledit`): comments and order stay.
Each edited file is parsed again before it is written; nothing is written on ``dry_run``, which
returns the diff instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from toolkit.content.frontmatter import parse
from toolkit.content.result import Result
from toolkit.contributions.review import COLUMNS, pending_texts, plain_text
from toolkit.contributions.yamledit import (
    EditError,
    find_key,
    front_matter_bounds,
    set_line,
    set_scalar,
)
from toolkit.render import catalogues
from toolkit.render.labels import label

#: A returned pack is a zip from outside: refused over these sizes before anything parses it.
MAX_PACK_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 100_000_000
MAX_MEMBERS = 2_000
OK = re.compile(r"^\s*(ok|o\.k\.?)\s*[.!]?\s*$", re.I)


class PackError(ValueError):
    """A file that is not a review pack the hub can read."""


@dataclass
class PackRow:
    number: int  # the row's position among the pack's rows, for messages
    source: str
    draft: str
    verdict: str
    where: str


@dataclass
class Outcome:
    """What the import did, row by row and file by file."""

    reviewer: str
    date: dt.date
    applied: list[str] = field(default_factory=list)  # "where: OK" / "where: corrected"
    refused: list[str] = field(default_factory=list)  # "where: why. Fix: how."
    blank: int = 0
    reviewed: list[str] = field(default_factory=list)  # texts now marked reviewed
    pending: list[str] = field(default_factory=list)  # texts answered in part: still pending
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)  # rel -> (old, new)

    def diff(self) -> str:
        out = []
        for rel, (old, new) in sorted(self.changed.items()):
            out += difflib.unified_diff(
                old.splitlines(keepends=True), new.splitlines(keepends=True), rel, rel
            )
        return "".join(out)


def fold(text: str) -> str:
    """``text`` with its spaces folded (how a pack's cells are compared)."""
    return " ".join((text or "").split())


# ------------------------------------------------------------------ reading the pack


def screen_zip(path: Path) -> None:
    """Refuse a Word file from outside that is too large or unpacks to too much (PackError)."""
    size = path.stat().st_size
    if size > MAX_PACK_BYTES:
        raise PackError(
            f"{size / 1e6:.1f} MB, more than a review pack ({MAX_PACK_BYTES // 1_000_000} MB)"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise PackError(f"not a Word file (.docx): {error}") from None
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise PackError("the Word file unpacks to more than a review pack can hold")


def reviewer_line(document, line: str) -> tuple[str, dt.date | None]:
    """(name, date) typed over the blanks of the pack's paragraph ``line`` ("Relu par (nom ou
    initiales) : ____   Date : ____"), whatever was kept of the blanks; ("", None) without it."""
    parts = [fold(p.strip(" :")) for p in re.split(r"_{3,}", line)]
    pattern = re.compile(
        rf"^\s*{re.escape(parts[0])}\s*:?\s*(?P<by>.*?)\s*{re.escape(parts[1])}\s*:?\s*"
        r"(?P<date>.*?)\s*$"
    )
    for paragraph in document.paragraphs:
        match = pattern.match(fold(paragraph.text))
        if match:
            return fold(match["by"].replace("_", " ")), _date(match["date"])
    return "", None


def _date(text: str) -> dt.date | None:
    text = text.strip("_ .")
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_pack(path: Path, lang: str) -> tuple[str, dt.date | None, list[PackRow]]:
    """(reviewer, date, rows) of a returned pack. Raises PackError."""
    screen_zip(path)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise PackError(f"Word cannot be read ({type(error).__name__}: {error})") from None
    reviewer, date = reviewer_line(document, label("review.pack.reviewer", lang))
    header = [label(key, lang) for key in COLUMNS]
    rows, number = [], 0
    for table in document.tables:
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        if not cells or [fold(c) for c in cells[0]] != [fold(h) for h in header]:
            continue  # not one of the pack's tables
        for values in cells[1:]:
            number += 1
            if len(values) != len(COLUMNS):
                continue
            source, draft, verdict, where = values
            rows.append(PackRow(number, source, draft, verdict.strip(), fold(where)))
    if not rows:
        raise PackError(
            f"no table with the columns {', '.join(header)}: not a review pack in '{lang}'"
        )
    return reviewer, date, rows


# ------------------------------------------------------------------ applying it


@dataclass
class _Answer:
    where: str
    text: str  # the reviewed text (the draft on OK, the correction otherwise)
    corrected: bool


def import_pack(
    result: Result,
    lang: str,
    root: Path,
    pack: Path,
    by: str | None = None,
    date: dt.date | None = None,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> Outcome:
    """Apply the returned ``pack`` to the files under ``root``. Raises PackError."""
    reviewer, written_date, rows = read_pack(pack, lang)
    reviewer = by or reviewer
    if not reviewer:
        raise PackError(
            "the pack does not say who reviewed it (the line "
            f"'{label('review.pack.reviewer', lang)}'). Fix: ask the reviewer, then run again "
            "with --by '<name or initials>'"
        )
    outcome = Outcome(reviewer, date or written_date or today or dt.date.today())
    current = {}  # where -> (French, draft), as a pack made now would print them
    texts_of = defaultdict(set)  # file -> every pending where of it
    for text in pending_texts(result, lang, root):
        for row in text.rows:
            current[fold(row.where)] = (row.source, row.draft)
            texts_of[_file_of(row.where)].add(fold(row.where))
    answers: dict[str, list[_Answer]] = defaultdict(list)
    for row in rows:
        verdict = row.verdict
        if row.where not in current:
            if verdict:
                outcome.refused.append(
                    f"row {row.number} ({row.where or 'no file named'}): nothing awaits review "
                    "there now (reviewed already, or the file and field column was changed). "
                    "Fix: nothing to do if it was reviewed; else make a new pack"
                )
            else:
                outcome.blank += 1
            continue
        source, draft = current[row.where]
        if fold(row.source) != fold(source):
            outcome.refused.append(
                f"{row.where}: the French source changed since the pack was made; the review is "
                "of the older text. Fix: make a new pack (hub review --lang "
                f"{lang}) and ask for this row again"
            )
            continue
        if fold(row.draft) != fold(draft):
            outcome.refused.append(
                f"{row.where}: the draft column differs from the text in the file (the draft "
                "changed since the pack was made, or a correction was written in the draft "
                "column). Fix: write corrections in the column "
                f"'{label('review.pack.verdict', lang)}', or make a new pack"
            )
            continue
        if not verdict:
            outcome.blank += 1
            continue
        if OK.match(verdict) or fold(verdict) == fold(draft):
            answers[_file_of(row.where)].append(_Answer(row.where, draft, False))
        else:
            answers[_file_of(row.where)].append(_Answer(row.where, verdict, True))
    po_texts: dict[str, str] = {}
    for rel, given in sorted(answers.items()):
        complete = {a.where for a in given} == texts_of[rel]
        if not complete and not rel.endswith(".po") and rel != "methodology/glossary.yml":
            missing = len(texts_of[rel]) - len(given)
            outcome.pending.append(
                f"{rel}: {missing} of its {len(texts_of[rel])} rows not answered (blank, deleted "
                "or refused): it stays pending"
            )
        try:
            if rel.endswith(".po"):
                for answer in given:
                    key = answer.where.split('msgctxt "', 1)[1].rstrip('"')
                    text = (
                        answer.text
                        if answer.corrected
                        else catalogues.translations(lang, root / "locales")[key].text
                    )
                    po_texts[key] = text
                    _note(outcome, answer)
                continue
            path = root / rel
            old = path.read_text(encoding="utf-8")
            if rel.startswith("docs/"):
                new, refused = _apply_page(old, rel, given, complete, outcome)
            elif rel == "methodology/glossary.yml":
                new, refused = _apply_glossary(old, lang, given, texts_of[rel], outcome)
            else:
                new, refused = _apply_vocabulary(old, lang, given, outcome)
        except EditError as error:
            outcome.refused += [f"{a.where}: {error}" for a in given]
            continue
        for answer in given:
            if answer.where not in refused:
                _note(outcome, answer)
        if new != old:
            outcome.changed[rel] = (old, new)
            if not dry_run:
                path.write_text(new, encoding="utf-8")
    if po_texts:
        po = catalogues.po_path(lang, root / "locales")
        rel = po.relative_to(root).as_posix()
        old = po.read_text(encoding="utf-8")
        if dry_run:
            new = _po_after(root, lang, po_texts)
        else:
            catalogues.set_translations(
                lang, po_texts, root / "locales", fuzzy=False, overwrite=True
            )
            new = po.read_text(encoding="utf-8")
        if new != old:
            outcome.changed[rel] = (old, new)
        outcome.reviewed += [f'{rel}: msgctxt "{key}"' for key in po_texts]
    return outcome


def _note(outcome: Outcome, answer: _Answer) -> None:
    outcome.applied.append(f"{answer.where}: {'corrected' if answer.corrected else 'OK'}")


def _file_of(where: str) -> str:
    return where.split(":", 1)[0].strip()


def _po_after(root: Path, lang: str, texts: dict[str, str]) -> str:
    """The ``.po`` of ``lang`` as :func:`catalogues.set_translations` would write it, made in a
    copy of ``locales/`` (the dry run writes nothing in the repository)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "locales"
        shutil.copytree(root / "locales", copy)
        catalogues.set_translations(lang, texts, copy, fuzzy=False, overwrite=True)
        text = catalogues.po_path(lang, copy).read_text(encoding="utf-8")
    catalogues.clear_cache()
    return text


# -- pages and capsules


#: A body paragraph the pack shows as plain text can be replaced only when it is plain text: no
#: markup lost between the file and the pack (tags, lists, tables, quotes, several lines).
_MARKUP = re.compile(r"<[^>]+>|^\s*([-*+>|]|\d+[.)])\s", re.M)


def _apply_page(old: str, rel: str, given: list[_Answer], complete: bool, outcome: Outcome):
    lines, closing = front_matter_bounds(old)
    body = "\n".join(lines[closing + 1 :])
    head = lines[: closing + 1]
    refused = set()
    for answer in given:
        if not answer.corrected:
            continue
        field_name = answer.where.split(":", 1)[1].strip()
        if field_name in ("title", "summary"):
            head = set_scalar(head, field_name, answer.text, 0, 0, len(head) - 1)
            continue
        number = re.fullmatch(r"body, paragraph (\d+)", field_name)
        replaced = _replace_paragraph(body, int(number[1]), answer.text) if number else None
        if replaced is None:
            outcome.refused.append(
                f"{answer.where}: the correction was not applied: this part holds markup (links, "
                f"lists, <span lang>) the pack does not show. Fix: apply it by hand in {rel}"
            )
            refused.add(answer.where)
            continue
        body = replaced
    if complete and not refused:
        record = f"{{status: reviewed, by: {_quoted(outcome.reviewer)}, date: {outcome.date.isoformat()}}}"
        head = set_line(head, "native_review", record, 0, 0, len(head) - 1)
        outcome.reviewed.append(rel)
    new = "\n".join([*head, body])
    front, problems = parse(new, rel)
    if front is None or problems:
        raise EditError(f"the edit would break the front matter of {rel}; apply it by hand")
    for answer in given:
        name = answer.where.split(":", 1)[1].strip()
        if name in ("title", "summary") and fold(front.data.get(name)) != fold(answer.text):
            raise EditError(f"'{name}' would not read back as written; apply it by hand in {rel}")
    return new, refused


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _replace_paragraph(body: str, number: int, text: str) -> str | None:
    """``body`` with its ``number``-th paragraph (counted as the pack counts them) replaced by
    ``text``, or None when that paragraph is not plain text."""
    parts = re.split(r"(\n\s*\n)", body)
    seen = 0
    for index in range(0, len(parts), 2):
        if not plain_text(parts[index]):
            continue
        seen += 1
        if seen != number:
            continue
        raw = parts[index]
        if _MARKUP.search(raw) or "\n" in raw.strip() or raw.strip().startswith("#"):
            return None
        lead = raw[: len(raw) - len(raw.lstrip())]
        tail = raw[len(raw.rstrip()) :]
        parts[index] = lead + fold(text) + tail
        return "".join(parts)
    return None


# -- the glossary and the vocabularies


def _entry_bounds(lines: list[str], entry_id: str) -> tuple[int, int]:
    pattern = re.compile(rf"^- id:\s*['\"]?{re.escape(entry_id)}['\"]?\s*(#.*)?$")
    for first, line in enumerate(lines):
        if pattern.match(line):
            end = first + 1
            while end < len(lines) and not lines[end].startswith("- "):
                end += 1
            return first, end
    raise EditError(f"no entry '{entry_id}'")


def _language_block(lines: list[str], entry_id: str, lang: str) -> tuple[int, int]:
    first, end = _entry_bounds(lines, entry_id)
    block = find_key(lines, lang, 2, first, end)
    if block is None:
        raise EditError(f"no '{lang}:' in the entry '{entry_id}'")
    return block


def _apply_glossary(old: str, lang: str, given: list[_Answer], pending: set[str], outcome):
    lines = old.split("\n")
    by_entry = defaultdict(list)
    for answer in given:
        entry_id, _, part = (p.strip() for p in answer.where.split(":", 1)[1].split(">"))
        by_entry[entry_id].append((part, answer))
    for entry_id, parts in by_entry.items():
        for part, answer in parts:
            if answer.corrected:
                start, stop = _language_block(lines, entry_id, lang)
                lines = set_scalar(lines, part, answer.text, 4, start, stop)
        asked = {w for w in pending if f": {entry_id} > {lang} >" in w}
        if asked == {a.where for _, a in parts}:
            start, stop = _language_block(lines, entry_id, lang)
            lines = set_line(lines, "native_review", "done", 4, start, stop)
            outcome.reviewed.append(f"methodology/glossary.yml: {entry_id} > {lang}")
    new = "\n".join(lines)
    try:
        yaml.safe_load(new)
    except yaml.YAMLError as error:
        raise EditError(f"the edit would break methodology/glossary.yml ({error})") from None
    return new, set()


def _apply_vocabulary(old: str, lang: str, given: list[_Answer], outcome):
    lines = old.split("\n")
    for answer in given:
        rest = answer.where.split(":", 1)[1]
        term_id = rest.split(">")[0].strip()
        first, end = _entry_bounds(lines, term_id)
        found = find_key(lines, lang, 2, first, end)
        if found is None:
            raise EditError(f"no '{lang}:' label for '{term_id}'")
        lines[found[0] : found[1]] = [f"  {lang}: {_quoted(fold(answer.text))}"]
        outcome.reviewed.append(answer.where)
    new = "\n".join(lines)
    try:
        yaml.safe_load(new)
    except yaml.YAMLError as error:
        raise EditError(f"the edit would break the vocabulary ({error})") from None
    return new, set()
