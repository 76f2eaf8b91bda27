"""``hub verify``: the verdict on a kit (zip or folder) from anywhere, read as hostile, against its
manifest, its sums and the hub's signature (:mod:`toolkit.kits.manifest` writes them), and its
findings in the content shape, ``<kit>: [kit-verify] what. Fix: how.``"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from toolkit.base.environment import environment
from toolkit.content.languages import ISO639_3
from toolkit.content.problems import Problem, printable
from toolkit.kits import signing
from toolkit.kits.errors import kit_problem
from toolkit.kits.manifest import GENERATED, MANIFEST, MANIFEST_SIGNATURE, SUMS
from toolkit.kits.zipscan import structure_problems

FIX = "Download or copy the kit again, then run hub verify (or sha256sum -c SHA256SUMS) on the copy"

#
# A kit comes from anywhere (a USB stick, a download): verify reads it as hostile. It streams what
# it hashes and never reads more of an entry than the manifest says it holds; a broken, encrypted,
# bombed or odd zip is a one-line problem, never a traceback.

#: The manifest and the sums are small text files; a kit of 80 MB lists a few thousand files.
MAX_TEXT_BYTES = 16_000_000
MAX_ENTRIES = 200_000
#: Compression methods the hub writes (stored, deflate); anything else is refused unread.
ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}


#: What reading a damaged, odd or hostile zip entry can raise: each becomes a one-line verdict.
_READ_ERRORS = (
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
    zipfile.BadZipFile,
    struct.error,
    OverflowError,
)


class _Unreadable(Exception):
    """An entry that cannot be read: the reason, for a one-line problem."""


def unsafe_name(name: str) -> str | None:
    """Why a zip entry name is unsafe to extract, or None."""
    if not name:
        return "empty name"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    if "\\" in name:
        return "backslash in the name"
    if ".." in PurePosixPath(name).parts:
        return "'..' in the path"
    if "\0" in name:
        return "NUL in the name"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return "control character in the name"
    return None


class _Entry:
    """One file of a kit: its declared size and a way to stream it, hashed at most once."""

    def __init__(self, size: int, opener: Callable[[], object]):
        self.size, self._open, self._digest = size, opener, None

    def digest(self, limit: int | None = None) -> str:
        """SHA-256 of the entry, reading at most ``limit`` (default: its declared size) bytes;
        raises _Unreadable when it cannot be read or holds more or less than declared."""
        if self._digest is None:
            limit = self.size if limit is None else limit
            digest, total = hashlib.sha256(), 0
            try:
                with self._open() as handle:
                    while True:
                        block = handle.read(min(1 << 20, limit + 1 - total))
                        if not block:
                            break
                        total += len(block)
                        if total > limit:
                            raise _Unreadable(f"holds more than the {limit} bytes declared")
                        digest.update(block)
            except _Unreadable:
                raise
            except _READ_ERRORS as error:
                raise _Unreadable(_reason(error)) from None
            if total != limit:
                raise _Unreadable(f"holds {total} bytes, not the {limit} declared")
            self._digest = digest.hexdigest()
        return self._digest

    def text(self, what: str) -> str:
        """The entry as UTF-8 text (manifest, sums), bounded by MAX_TEXT_BYTES."""
        if self.size > MAX_TEXT_BYTES:
            raise _Unreadable(f"is {self.size} bytes, too large for a {what}")
        chunks = []
        try:
            with self._open() as handle:
                data = handle.read(self.size + 1)
                chunks.append(data)
        except _READ_ERRORS as error:
            raise _Unreadable(_reason(error)) from None
        data = b"".join(chunks)
        if len(data) != self.size:
            raise _Unreadable(f"holds {len(data)} bytes, not the {self.size} declared")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise _Unreadable("is not UTF-8 text") from None


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"{type(error).__name__}: {text}"[:200]


def _check(files: dict[str, _Entry], where: str) -> list[str]:
    """Compare a kit's files with its manifest and sums."""
    problems: list[str] = []
    if MANIFEST not in files:
        return [f"{where}: {MANIFEST} is missing."]
    try:
        manifest = json.loads(files[MANIFEST].text(MANIFEST))
        listed = {}
        for entry in manifest["files"]:
            if not (
                isinstance(entry["path"], str)
                and type(entry["size"]) is int
                and entry["size"] >= 0
                and isinstance(entry["sha256"], str)
            ):
                raise ValueError(f"bad entry {str(entry)[:80]}")
            listed[entry["path"]] = entry
    except _Unreadable as error:
        return [f"{where}: {MANIFEST} {error}."]
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        return [f"{where}: {MANIFEST} cannot be read ({_reason(error)})."]
    for name, entry in sorted(listed.items()):
        reason = unsafe_name(name)
        if reason:
            problems.append(f"{where}: {MANIFEST} lists an unsafe path {name!r} ({reason}).")
            continue
        if name not in files:
            problems.append(f"{where}: {name} is missing.")
            continue
        found = files[name]
        if found.size != entry["size"]:
            problems.append(
                f"{where}: {name} has {found.size} bytes, the manifest says {entry['size']}."
            )
            continue
        try:
            if found.digest(entry["size"]) != entry["sha256"]:
                problems.append(f"{where}: {name} does not match its SHA-256 in the manifest.")
        except _Unreadable as error:
            problems.append(f"{where}: {name} cannot be read ({error}).")
    for name in sorted(set(files) - set(listed) - GENERATED):
        problems.append(f"{where}: {name} is not listed in the manifest.")
    if SUMS not in files:
        problems.append(f"{where}: {SUMS} is missing.")
    else:
        try:
            problems += _check_sums(files[SUMS].text(SUMS), files, where)
        except _Unreadable as error:
            problems.append(f"{where}: {SUMS} {error}.")
    return problems


def _check_sums(text: str, files: dict[str, _Entry], where: str) -> list[str]:
    problems, seen = [], set()
    for number, line in enumerate(text.splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            problems.append(f"{where}: {SUMS} line {number} is not '<sha256>  <path>'.")
            continue
        name = name.lstrip("*")
        seen.add(name)
        if name not in files:
            problems.append(f"{where}: {SUMS} lists {name}, which is missing.")
            continue
        try:
            if files[name].digest() != digest:
                problems.append(f"{where}: {name} does not match its SHA-256 in {SUMS}.")
        except _Unreadable as error:
            problems.append(f"{where}: {name} cannot be read ({error}).")
    for name in sorted(set(files) - seen - {SUMS}):
        problems.append(f"{where}: {name} is not listed in {SUMS}.")
    return problems


def _folder_files(folder: Path) -> tuple[dict[str, _Entry], list[str]]:
    files, problems = {}, []
    for current, dirs, names in os.walk(folder, followlinks=False):
        for name in dirs + names:
            path = Path(current) / name
            if path.is_symlink():
                problems.append(
                    f"{folder}: {path.relative_to(folder).as_posix()} is a symbolic link."
                )
        dirs[:] = [d for d in dirs if not (Path(current) / d).is_symlink()]
        for name in names:
            path = Path(current) / name
            if path.is_symlink():
                continue
            if not path.is_file():
                problems.append(
                    f"{folder}: {path.relative_to(folder).as_posix()} is not a regular file."
                )
                continue
            files[path.relative_to(folder).as_posix()] = _Entry(
                path.stat().st_size,
                lambda p=path: open(os.open(p, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), "rb"),
            )
            if len(files) > MAX_ENTRIES:
                return files, [f"{folder}: more than {MAX_ENTRIES} files: not a kit."]
    return files, problems


def _zip_files(path: Path) -> tuple[dict[str, _Entry], list[str], zipfile.ZipFile | None]:
    problems = structure_problems(path)  # both views of the zip, compared first
    if problems:
        return {}, problems, None
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except Exception as error:  # noqa: BLE001 - any malformed zip is one verdict, never a traceback
        return {}, [f"{path}: not a readable zip ({_reason(error)})."], None
    if len(infos) > MAX_ENTRIES:
        archive.close()
        return {}, [f"{path}: more than {MAX_ENTRIES} entries: not a kit."], None
    names = [info.filename for info in infos]
    bad: set[str] = set()
    for info in infos:
        reason = unsafe_name(info.filename)
        if reason:
            problems.append(f"{path}: unsafe entry {info.filename!r} ({reason}).")
            bad.add(info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            problems.append(f"{path}: entry {info.filename!r} is a symbolic link.")
            bad.add(info.filename)
        if info.flag_bits & 0x1:
            problems.append(f"{path}: entry {info.filename!r} is encrypted.")
            bad.add(info.filename)
        elif info.compress_type not in ZIP_METHODS:
            problems.append(
                f"{path}: entry {info.filename!r} uses an unknown compression method "
                f"({info.compress_type})."
            )
            bad.add(info.filename)
    if len(set(names)) != len(names):
        problems.append(f"{path}: some entries appear twice.")
    if names != sorted(names):
        problems.append(f"{path}: entries are not sorted (the zip was not written by write_zip).")
    files = [info for info in infos if not info.is_dir() and info.filename not in bad]
    tops = {info.filename.split("/", 1)[0] for info in files}
    prefix = ""
    if MANIFEST not in {info.filename for info in files} and len(tops) == 1:
        prefix = next(iter(tops)) + "/"
    result = {}
    for info in files:
        if info.filename.startswith(prefix):
            result[info.filename[len(prefix) :]] = _Entry(
                info.file_size, lambda i=info: archive.open(i)
            )
    return result, problems, archive


@dataclass
class Verdict:
    """What ``hub verify`` says of a kit: its problems, and whether the hub signed it."""

    problems: list[str]
    signature: str  # signing.SIGNED, UNSIGNED or MISMATCH
    notes: list[str]
    statement: dict = field(default_factory=dict)  # what the manifest says the kit is


#: What the manifest, and so the signature, binds: the kit, its languages, the commit, the build
#: date and the serial, which rises with every build (the build date in seconds).
STATEMENT = ("name", "languages", "commit", "build_date", "serial")


def _statement(files: dict[str, _Entry]) -> dict:
    try:
        manifest = json.loads(files[MANIFEST].text(MANIFEST))
    except (KeyError, _Unreadable, ValueError, RecursionError):
        return {}
    return {key: manifest.get(key) for key in STATEMENT} if isinstance(manifest, dict) else {}


def kit_name(target: Path) -> str:
    """The kit a zip or folder is named for: ``sahelink-fr.zip`` and ``sahelink-fr/`` are
    ``sahelink-fr``, and so is the copy a browser renamed ``sahelink-fr (1).zip``."""
    name = target.name[:-4] if target.name.lower().endswith(".zip") else target.name
    return re.sub(r" ?\(\d+\)$", "", name)


def _identity_problems(target: Path, statement: dict, signature: str) -> list[str]:
    """The kit must be the one its name says, and a signed kit must say which it is."""
    name, expected = statement.get("name"), kit_name(target)
    if not name:
        return (
            [
                f"{target}: the signed manifest does not say which kit it is, so a renamed kit "
                "would pass: this is not a kit the hub makes now."
            ]
            if signature == signing.SIGNED
            else []
        )
    if name != expected:
        return [
            f"{target}: this file is named {expected} but holds the kit {name} (a kit renamed "
            f"or swapped): do not use it; download {expected} again from the downloads page."
        ]
    languages = statement.get("languages")
    own = name.removeprefix("sahelink-")
    if name.startswith("sahelink-") and languages not in ([own], [ISO639_3.get(own)]):
        return [f"{target}: the kit {name} says it is in {languages}, not in its own language."]
    if signature == signing.SIGNED and type(statement.get("serial")) is not int:
        return [
            f"{target}: the signed manifest has no serial number, so an older kit could pass "
            "for a newer one: download the kit again."
        ]
    return []


class KitMemory:
    """The newest kit of each name this machine has verified, signed and intact, kept in
    ``kits.json`` (:meth:`default_path`): a kit older than one verified before, even one the hub
    really signed, is refused (a rolled-back kit could bring back what a newer one corrected)."""

    def __init__(self, path: Path):
        self.path, self.kits, self.changed = Path(path), {}, False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.kits = {
                name: seen
                for name, seen in data.get("kits", {}).items()
                if isinstance(seen, dict) and type(seen.get("serial")) is int
            }
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError, RecursionError):
            self.kits = {}  # unreadable: nothing remembered, and it is written again

    @staticmethod
    def default_path() -> Path:
        """``$XDG_STATE_HOME/kayes-hub/kits.json``, by default ``~/.local/state/kayes-hub/kits.json``."""
        state = environment().state_home or str(Path.home() / ".local" / "state")
        return Path(state) / "kayes-hub" / "kits.json"

    def problem(self, target: Path, statement: dict) -> str | None:
        """Why the kit is older than (or not the same as) one verified before, or None."""
        seen = self.kits.get(statement.get("name") or "")
        serial = statement.get("serial")
        if seen is None or type(serial) is not int:
            return None
        if serial < seen["serial"] or (
            serial == seen["serial"] and statement.get("commit") != seen.get("commit")
        ):
            return (
                f"{target}: this kit dates from {statement.get('build_date')}, older than the "
                f"{statement['name']} verified on this computer before (built "
                f"{seen.get('build_date')}): a kit rolled back; use the newest from the "
                "downloads page."
            )
        return None

    def remember(self, statement: dict) -> None:
        name, serial = statement.get("name"), statement.get("serial")
        if name and type(serial) is int and serial >= self.kits.get(name, {}).get("serial", -1):
            self.kits[name] = {k: statement.get(k) for k in ("serial", "commit", "build_date")}
            self.changed = True

    def save(self) -> None:
        """Write ``kits.json`` when it changed (raises OSError)."""
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"kits": self.kits}, indent=2, sort_keys=True) + "\n"
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.path)


def _signature(files: dict[str, _Entry]) -> str:
    sig = files.get(MANIFEST_SIGNATURE)
    if sig is None:
        return signing.UNSIGNED
    manifest = files.get(MANIFEST)
    try:
        if (
            manifest is None
            or manifest.size > MAX_TEXT_BYTES
            or sig.size > signing.MAX_SIGNATURE_BYTES
        ):
            return signing.MISMATCH
        with manifest._open() as handle:
            data = handle.read(manifest.size + 1)
        with sig._open() as handle:
            text = handle.read(sig.size + 1)
    except _READ_ERRORS:
        return signing.MISMATCH
    return signing.check(data, text)


def verify_kit(target: Path, memory: KitMemory | None = None) -> Verdict:
    """The verdict on a kit folder or zip (see :func:`verify`) and its signature, and, given a
    ``memory``, whether an older kit than one verified before (see :class:`KitMemory`). A published
    folder (``site/downloads/sahelink-fr``, the documents the pages link to) lacks the offline
    site, which only its zip carries: the files it lacks count as present when the zip next to it
    (``sahelink-fr.zip``) is intact, holds the same manifest and holds them."""
    target = Path(target)
    archive = None
    try:
        if target.is_dir() and not target.is_symlink():
            files, problems = _folder_files(target)
        elif target.is_file() and not target.is_symlink():
            files, problems, archive = _zip_files(target)
            if archive is None:
                return Verdict(problems, signing.UNSIGNED, [])
        else:
            return Verdict([f"{target}: no such folder or zip."], signing.UNSIGNED, [])
        problems += _check(files, str(target))
        signature = _signature(files)
        notes: list[str] = []
        if target.is_dir() and problems:
            problems, notes = _published_folder(target, files, problems)
        if signature == signing.MISMATCH:
            problems.append(
                f"{target}: {MANIFEST_SIGNATURE}: the signature does not match the manifest "
                "(the kit was changed after the hub signed it)."
            )
        statement = _statement(files)
        problems += _identity_problems(target, statement, signature)
        older = memory.problem(target, statement) if memory is not None else None
        return Verdict(problems + ([older] if older else []), signature, notes, statement)
    finally:
        if archive is not None:
            archive.close()


def _published_folder(
    folder: Path, files: dict[str, _Entry], problems: list[str]
) -> tuple[list[str], list[str]]:
    """Forgive the files a published folder lacks when its zip carries them (see verify_kit)."""
    zip_path = folder.parent / f"{folder.name}.zip"
    missing = [
        p for p in problems if p.endswith(" is missing.") or p.endswith(", which is missing.")
    ]
    if len(missing) != len(problems) or not zip_path.is_file():
        return problems, []
    inner, zip_problems, archive = _zip_files(zip_path)
    try:
        if zip_problems or _check(inner, str(zip_path)) or MANIFEST not in inner:
            return problems, []
        if inner[MANIFEST].digest() != files[MANIFEST].digest():
            return problems, []
        names = set()
        for problem in missing:
            text = problem.removeprefix(f"{folder}: ")
            if text.startswith(f"{SUMS} lists "):
                names.add(text.removeprefix(f"{SUMS} lists ").removesuffix(", which is missing."))
            else:
                names.add(text.removesuffix(" is missing."))
        if not names <= set(inner):
            return problems, []
    finally:
        if archive is not None:
            archive.close()
    return [], [
        f"{folder}: {len(names)} files (the offline site) are only in {zip_path.name}, which is intact."
    ]


def verify(target: Path) -> list[str]:
    """Problems of a kit folder or zip: missing, changed, extra or unsafe files, an unreadable
    entry, a signature that does not match. Empty: intact (signed or not: see verify_kit)."""
    return verify_kit(target).problems


def as_problems(target: object, texts: Iterable[str]) -> list[Problem]:
    """``verify_kit``'s findings (``"<kit>: what"``) as problems of the kit ``target``."""
    where = str(target)
    return [
        kit_problem("verify", where, printable(text.removeprefix(f"{where}: ")).rstrip("."), FIX)
        for text in texts
    ]


def verify_problems(target: Path) -> list[Problem]:
    """Every problem :func:`verify_kit` finds in ``target``."""
    return as_problems(target, verify_kit(Path(target)).problems)
