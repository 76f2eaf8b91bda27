"""Both views of a zip, compared: what ``hub verify`` checks before it believes either.

A zip says what it holds twice: a local header before each entry's data, and the central
directory at the end. Readers disagree on which they trust: Python's ``zipfile``, ``unzip`` and
Windows read the central directory, Java's ``ZipInputStream`` and streaming extractors walk the
local headers, and ``unzip`` also takes a name from an Info-ZIP Unicode Path extra field
(``0x7075``) over the one in the header. A kit made to look one way to the verifier and another
to the partner's tool is a kit smuggled past the check, so :func:`structure_problems` refuses
any zip whose two views are not the same, entry by entry and byte by byte:

- the local headers, walked from the first byte, must be exactly the central directory's
  entries, in order and back to back, up to the central directory (no entry in only one view,
  nothing hidden before, between or after them, no archive comment);
- each entry's name, flags, method, CRC, sizes and extra fields must be the same in both;
- no Unicode Path or Unicode Comment extra field (``0x7075``, ``0x6375``), no data descriptor,
  no ZIP64, no encryption, no split archive: the hub writes none of these;
- no directory that holds data, no entry that is a directory in one place and a file in
  another, no name twice, and no two names that a case-insensitive file system (a phone's SD
  card, Windows, macOS) would write to one file.

Everything is read with bounds; a malformed zip is one line, never a traceback.
"""

from __future__ import annotations

import stat
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path

LOCAL = b"PK\x03\x04"
CENTRAL = b"PK\x01\x02"
END = b"PK\x05\x06"
ZIP64_END = b"PK\x06\x06"
LOCAL_FORMAT = "<4sHHHHHIIIHH"  # signature ... name length, extra length (30 bytes)
CENTRAL_FORMAT = "<4sHHHHHHIIIHHHHHII"  # (46 bytes)
END_FORMAT = "<4sHHHHIIH"  # (22 bytes)
#: Extra fields no hub kit carries and readers act on: a second name, a second comment, ZIP64.
FORBIDDEN_EXTRAS = {0x7075: "Unicode Path", 0x6375: "Unicode Comment", 0x0001: "ZIP64"}
MAX_ENTRIES = 200_000
ENCRYPTED, DATA_DESCRIPTOR = 0x1, 0x8


class ZipStructureError(Exception):
    """Why the zip's structure cannot be trusted (one line)."""


@dataclass(frozen=True)
class Header:
    """What a local header or a central directory entry says of one entry."""

    name: bytes
    flags: int
    method: int
    crc: int
    compressed: int
    size: int
    extra: bytes
    offset: int = 0  # of the local header (central directory only)
    mode: int = 0  # external attributes (central directory only)


def structure_problems(path: Path) -> list[str]:
    """Every way the two views of the zip at ``path`` disagree or hold what the hub never
    writes, one line each (empty: the structure is sound)."""
    try:
        data = Path(path).read_bytes()
        central, cd_start = _central_directory(data)
        problems = _walk_local(data, central, cd_start)
    except ZipStructureError as error:
        return [f"{path}: {error}."]
    except (OSError, struct.error, ValueError, IndexError) as error:
        return [f"{path}: not a readable zip ({type(error).__name__})."]
    problems += _name_problems(central)
    return [f"{path}: {problem}." for problem in problems]


def _central_directory(data: bytes) -> tuple[list[Header], int]:
    """The central directory's entries and where it starts; the end record must close the
    file (no comment) and point at a directory that fills the space before it."""
    end_at = len(data) - struct.calcsize(END_FORMAT)
    if end_at < 0 or data[end_at : end_at + 4] != END:
        raise ZipStructureError(
            "not a readable zip (it does not end with its end-of-central-directory record: "
            "cut short, something after it, or not a zip)"
        )
    _sig, disk, cd_disk, count_here, count, size, start, comment = struct.unpack_from(
        END_FORMAT, data, end_at
    )
    if disk or cd_disk or count_here != count or comment:
        raise ZipStructureError("the zip is split over several disks or has a comment")
    if count == 0xFFFF or size == 0xFFFFFFFF or start == 0xFFFFFFFF or ZIP64_END in data[-98:]:
        raise ZipStructureError("the zip uses ZIP64, which the hub never writes")
    if count > MAX_ENTRIES or start + size != end_at:
        raise ZipStructureError(
            "the central directory is not where the end record says, or something lies between them"
        )
    entries, at = [], start
    for _ in range(count):
        header, at = _central_entry(data, at)
        entries.append(header)
    if at != end_at:
        raise ZipStructureError("the central directory holds more than its entries")
    return entries, start


def _central_entry(data: bytes, at: int) -> tuple[Header, int]:
    fields = struct.unpack_from(CENTRAL_FORMAT, data, at)
    (sig, _made, _needed, flags, method, _time, _date, crc, compressed, size) = fields[:10]
    name_len, extra_len, comment_len, disk, _internal, external, offset = fields[10:]
    if sig != CENTRAL:
        raise ZipStructureError(f"a central directory entry is damaged (at byte {at})")
    if comment_len or disk:
        raise ZipStructureError("a central directory entry has a comment or another disk")
    at += struct.calcsize(CENTRAL_FORMAT)
    name, extra = data[at : at + name_len], data[at + name_len : at + name_len + extra_len]
    if len(name) != name_len or len(extra) != extra_len:
        raise ZipStructureError("a central directory entry runs past the directory")
    end = at + name_len + extra_len
    return Header(name, flags, method, crc, compressed, size, extra, offset, external), end


def _walk_local(data: bytes, central: list[Header], cd_start: int) -> list[str]:
    """Walk the local headers from byte 0: each must be the next central entry's, its data
    followed straight by the next header, the last followed by the central directory."""
    problems, at = [], 0
    for entry in central:
        shown = _shown(entry.name)
        if at != entry.offset:
            raise ZipStructureError(
                f"{at and 'between entries' or 'before the first entry'} there are "
                f"{entry.offset - at if entry.offset > at else 'overlapping'} bytes the "
                f"central directory does not list (a hidden entry, before {shown})"
            )
        local, at = _local_entry(data, at, cd_start)
        problems += _compare(local, entry)
        problems += _entry_problems(entry)
    if at != cd_start:
        trailing = data[at:cd_start]
        what = "a local entry" if trailing.startswith(LOCAL) else f"{len(trailing)} bytes"
        raise ZipStructureError(
            f"{what} after the last listed entry is missing from the central directory "
            "(a hidden entry that some readers extract)"
        )
    return problems


def _local_entry(data: bytes, at: int, limit: int) -> tuple[Header, int]:
    fields = struct.unpack_from(LOCAL_FORMAT, data, at)
    sig, _needed, flags, method, _time, _date, crc, compressed, size, name_len, extra_len = fields
    if sig != LOCAL:
        raise ZipStructureError(f"a local header is missing or damaged (at byte {at})")
    at += struct.calcsize(LOCAL_FORMAT)
    name, extra = data[at : at + name_len], data[at + name_len : at + name_len + extra_len]
    end = at + name_len + extra_len + compressed
    if end > limit:
        raise ZipStructureError(f"the entry {_shown(name)} runs into the central directory")
    return Header(name, flags, method, crc, compressed, size, extra), end


def _compare(local: Header, central: Header) -> list[str]:
    """Where the local header and the central directory disagree about one entry."""
    shown = _shown(central.name)
    if local.name != central.name:
        return [
            f"the entry {shown} is named {_shown(local.name)} in its local header: "
            "two names for one entry"
        ]
    differ = [
        what
        for what, a, b in (
            ("flags", local.flags, central.flags),
            ("compression method", local.method, central.method),
            ("CRC", local.crc, central.crc),
            ("compressed size", local.compressed, central.compressed),
            ("size", local.size, central.size),
            ("extra fields", local.extra, central.extra),
        )
        if a != b
    ]
    if differ:
        return [
            f"the local header and the central directory disagree on the {', '.join(differ)} "
            f"of the entry {shown} (readers would not see the same file)"
        ]
    return []


def _entry_problems(entry: Header) -> list[str]:
    """What the hub never writes in one entry."""
    shown, problems = _shown(entry.name), []
    for tag in _extra_tags(entry.extra):
        if tag in FORBIDDEN_EXTRAS:
            problems.append(
                f"the entry {shown} carries an {FORBIDDEN_EXTRAS[tag]} extra field "
                f"(0x{tag:04x}): some tools would use another name or size than the one checked"
            )
    if entry.flags & DATA_DESCRIPTOR:
        problems.append(f"the entry {shown} has a data descriptor, which the hub never writes")
    if entry.flags & ENCRYPTED:
        problems.append(f"the entry {shown} is encrypted")
    kind = stat.S_IFMT(entry.mode >> 16)
    named_dir = entry.name.endswith(b"/")
    marked_dir = kind == stat.S_IFDIR or bool(entry.mode & 0x10)  # Unix or MS-DOS directory
    if named_dir != marked_dir:
        problems.append(
            f"the entry {shown} is a directory by its "
            f"{'name' if named_dir else 'attributes'} and a file by its "
            f"{'attributes' if named_dir else 'name'}"
        )
    if (named_dir or marked_dir) and (entry.size or entry.compressed > 2):
        problems.append(f"the directory {shown} holds data")
    return problems


def _extra_tags(extra: bytes) -> list[int]:
    """The tags of the extra fields; a field that runs past the end is itself a problem."""
    tags, at = [], 0
    while at + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, at)
        tags.append(tag)
        at += 4 + size
    if at != len(extra):
        raise ZipStructureError("an extra field is cut short")
    return tags


def _name_problems(central: list[Header]) -> list[str]:
    """Names given twice, or that one file system would write to one file."""
    problems, seen, folded = [], set(), {}
    for entry in central:
        name = entry.name.decode("utf-8", "replace")
        if name in seen:
            problems.append(f"the entry {_shown(entry.name)} appears twice")
            continue
        seen.add(name)
        key = unicodedata.normalize("NFC", name).casefold()
        if key in folded:
            problems.append(
                f"the entries {_shown(folded[key].encode())} and {_shown(entry.name)} are one "
                "file on a phone's SD card or on Windows (their names differ only in case)"
            )
        folded.setdefault(key, name)
    return problems


def _shown(name: bytes) -> str:
    """A name for a message: decoded, control characters escaped, bounded."""
    return repr(name.decode("utf-8", "replace"))[:120]
