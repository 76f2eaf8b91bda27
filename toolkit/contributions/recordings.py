"""``hub recordings import``: recordings made into a capsule's recording, the way people send them.

What arrives by WhatsApp, email, Bluetooth or USB:

- WhatsApp voice notes (Ogg/Opus, ``PTT-YYYYMMDD-WA####.opus``), alone or in a WhatsApp chat
  export (a zip holding the voice notes and ``_chat.txt``, which says who sent each note and when);
- a phone recorder's files (M4A, MP3, 3GP/AMR, WAV);
- the studio's recording (``capsule.bm.webm``) with its sidecar (``capsule.bm.json`` when
  downloaded, ``capsule.bm.txt`` when shared from a phone).

Each recording is matched to a capsule by its sidecar (``"capsule": "docs/.../capsule.bm.md"``)
or by ``--capsule <slug> --lang <code>``, and needs the speaker's consent: ``"consent": true`` in
the sidecar, or ``--consent "name, date"`` (``anonymous`` for a name not to publish). The
recording is decoded and checked with the audio rules the build applies
(:func:`toolkit.media.audio.recording_problems`), then written again from its decoded samples
(silent ends trimmed, loudness normalised, nothing of the input's tags or container kept) as
``capsule.<lang>.opus`` next to the capsule, with the consent record in ``capsule.<lang>.json``
and ``audio:`` set in the capsule's front matter. An existing recording is replaced only with
``replace``.

A zip is input from strangers: only the names' last part is used (nothing is extracted to a path
it names), links and encrypted members are refused, and counts and sizes are bounded before and
while reading (:data:`MAX_MEMBERS`, :data:`MAX_ZIP_BYTES`, :data:`toolkit.media.audio.SOURCE_MAX_BYTES`
per member).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from toolkit.content.languages import LANGUAGES
from toolkit.contributions.yamledit import EditError, front_matter_bounds, set_line
from toolkit.media import audio

#: What phones, WhatsApp and the studio produce (3GP/AMR: older Android recorders).
IMPORT_SUFFIXES = (*audio.AUDIO_SUFFIXES, ".3gp", ".amr", ".aac")
#: A WhatsApp voice note's name (Android), and the iOS export's name of an attached audio.
VOICE_NOTE = re.compile(r"^(PTT-(?P<date>\d{8})-WA\d{4}|\d{8}-AUDIO-[\d-]+)\.(opus|ogg|m4a)$")
#: A zip's limits: members, bytes unpacked in all, and the chat's text.
MAX_MEMBERS = 500
MAX_ZIP_BYTES = 300_000_000
MAX_CHAT_BYTES = 2_000_000
#: A capsule named in a sidecar (the studio writes the path from the repository's root).
CAPSULE_PATH = re.compile(
    r"^docs/(?:[a-z0-9]+(?:-[a-z0-9]+)*/){1,3}capsule(?:-[1-9][0-9]?)?\.[a-z]{2,3}\.md$"
)
#: Chat export lines: Android "05/12/2026 10:15 - Awa: PTT-….opus (file attached)", iOS
#: "[05/12/2026, 10:15:32] Awa: <attached: 00000012-AUDIO-….opus>".
CHAT_LINE = re.compile(
    r"^\[?(?P<date>\d{1,2}/\d{1,2}/\d{2,4}),? (?P<time>\d{1,2}:\d{2}(?::\d{2})?)\]?(?: -)? "
    r"(?P<who>[^:]{1,80}): .*?(?P<file>[\w.-]+\.(?:opus|ogg|m4a|mp3|aac|amr|3gp|wav|webm))"
)


class RequestError(ValueError):
    """A request ``hub recordings import`` cannot carry out at all (bad arguments)."""


@dataclass
class Incoming:
    """One recording found in what was given."""

    name: str  # as the sender named it (last part only)
    data: bytes
    sidecar: dict | None = None
    sidecar_error: str | None = None
    sent: str | None = None  # "by Awa on 05/12/2026", from a chat export


@dataclass
class Report:
    imported: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Consent:
    speaker: str
    date: str  # YYYY-MM-DD


# ------------------------------------------------------------------ what was given


def _read_limited(handle, limit: int) -> bytes | None:
    data = handle.read(limit + 1)
    return None if len(data) > limit else data


def gather(source: Path, report: Report) -> list[Incoming]:
    """The recordings in ``source`` (a file, a folder or a zip), with their sidecars; what cannot
    be read is reported in ``report``."""
    if source.is_dir():
        return _from_files(sorted(p for p in source.iterdir() if p.is_file()), report)
    if not source.is_file():
        report.refused.append(f"{source}: no such file or folder")
        return []
    if source.suffix.lower() == ".zip":
        return _from_zip(source, report)
    return _from_files([source, *_sidecar_paths(source)], report)


#: A sidecar's names: the studio downloads ``capsule.bm.json``, and shares ``capsule.bm.txt``
#: (share sheets refuse .json files); both hold the same JSON.
SIDECAR_SUFFIXES = (".json", ".txt")


def _sidecar_paths(recording: Path) -> list[Path]:
    found = [recording.with_suffix(suffix) for suffix in SIDECAR_SUFFIXES]
    return [path for path in found if path.is_file()][:1]


def _from_files(paths: list[Path], report: Report) -> list[Incoming]:
    members = {}
    for path in paths:
        if path.is_symlink():
            report.refused.append(f"{path.name}: a link, not a file. Fix: give the file itself")
            continue
        if path.suffix.lower() not in (*IMPORT_SUFFIXES, *SIDECAR_SUFFIXES):
            continue
        with path.open("rb") as handle:
            data = _read_limited(handle, audio.SOURCE_MAX_BYTES)
        members[path.name] = data
    return _pair(members, {}, report)


def _from_zip(path: Path, report: Report) -> list[Incoming]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        report.refused.append(f"{path.name}: not a readable zip ({error})")
        return []
    members: dict[str, bytes | None] = {}
    chat: dict[str, str] = {}
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            report.refused.append(
                f"{path.name}: {len(infos)} files, more than {MAX_MEMBERS}. Fix: send the voice "
                "notes of a few capsules at a time"
            )
            return []
        total = 0
        for info in infos:
            name = PurePosixPath(info.filename.replace("\\", "/")).name
            if info.is_dir() or not name:
                continue
            kind = (info.external_attr >> 16) & 0o170000
            if kind and not stat.S_ISREG(kind):
                report.refused.append(f"{info.filename}: not a plain file (a link?). Not read")
                continue
            if info.flag_bits & 0x1:
                report.refused.append(f"{info.filename}: encrypted. Fix: export the chat again")
                continue
            suffix = PurePosixPath(name).suffix.lower()
            wanted = name == "_chat.txt" or suffix in (*IMPORT_SUFFIXES, *SIDECAR_SUFFIXES)
            if not wanted:
                continue
            if name in members or (name == "_chat.txt" and chat):
                report.refused.append(f"{info.filename}: a second file named {name}. Not read")
                continue
            limit = MAX_CHAT_BYTES if name == "_chat.txt" else audio.SOURCE_MAX_BYTES
            if info.file_size > limit or total + info.file_size > MAX_ZIP_BYTES:
                if name == "_chat.txt":
                    report.refused.append(f"{info.filename}: too large to be a chat. Not read")
                else:
                    members[name] = None
                continue
            try:
                with archive.open(info) as handle:
                    data = _read_limited(handle, limit)  # the header's size is not trusted
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as error:
                report.refused.append(f"{info.filename}: cannot be unpacked ({error})")
                continue
            total += len(data or b"")
            if name == "_chat.txt":
                if data is None:
                    report.refused.append(f"{info.filename}: too large to be a chat. Not read")
                else:
                    chat = _chat_senders(data.decode("utf-8", "replace"))
            else:
                members[name] = data
    return _pair(members, chat, report)


def _chat_senders(text: str) -> dict[str, str]:
    """File name -> "by <who> on <date>" from a WhatsApp chat's ``_chat.txt``."""
    found = {}
    for line in text.splitlines():
        match = CHAT_LINE.match(line.lstrip("\u200e\ufeff"))
        if match:
            who = " ".join(match["who"].split())
            found[match["file"]] = f"sent by {who} on {match['date']}"
    return found


def _pair(members: dict[str, bytes | None], chat: dict[str, str], report: Report):
    incoming = []
    for name, data in sorted(members.items()):
        suffix = PurePosixPath(name).suffix.lower()
        if suffix in SIDECAR_SUFFIXES:
            continue
        if data is None:
            report.refused.append(
                f"{name}: more than {audio.SOURCE_MAX_BYTES // 1_000_000} MB. Fix: send it "
                "compressed (a voice note, M4A or Ogg/Opus), two minutes at most"
            )
            continue
        item = Incoming(name, data, sent=chat.get(name))
        stem = name[: -len(suffix)]
        found = [stem + s for s in SIDECAR_SUFFIXES if members.get(stem + s) is not None]
        sidecar = members[found[0]] if found else None
        if sidecar is not None:
            try:
                value = json.loads(sidecar.decode("utf-8"))
                if not isinstance(value, dict):
                    raise ValueError("not a JSON object")
                item.sidecar = value
            except (UnicodeDecodeError, ValueError) as error:
                item.sidecar_error = f"{found[0]} is not a valid sidecar ({error})"
        incoming.append(item)
    return incoming


# ------------------------------------------------------------------ where each one goes


def parse_consent(text: str) -> Consent:
    """``"Awa Diallo, 2026-12-05"`` (or ``05/12/2026``; ``anonymous`` for no name) -> Consent."""
    name, _, when = text.rpartition(",")
    name, when = " ".join(name.split()), when.strip()
    date = None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            date = dt.datetime.strptime(when, pattern).date()
            break
        except ValueError:
            continue
    if not name or date is None:
        raise RequestError(
            f'--consent "{text}": write the speaker\'s name (or anonymous) and the date of their '
            'consent, e.g. --consent "Awa Diallo, 2026-12-05"'
        )
    return Consent(name, date.isoformat())


def find_capsule(root: Path, slug: str, lang: str) -> Path | None:
    """The capsule ``slug`` (an item's folder name, ``<item>/capsule-<n>`` for a session, or a
    path under docs/) in ``lang``."""
    slug = slug.strip().strip("/")
    if slug.startswith("docs/") and CAPSULE_PATH.match(slug):
        path = root / slug
        return path if path.is_file() else None
    item, _, session = slug.partition("/")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item) or (
        session and not re.fullmatch(r"capsule-[1-9][0-9]?", session)
    ):
        return None
    name = f"{session or 'capsule'}.{lang}.md"
    found = sorted((root / "docs").glob(f"*/{item}/{name}"))
    return found[0] if len(found) == 1 else None


def _target(item: Incoming, root: Path, capsule: str | None, lang: str | None, alone: bool):
    """(capsule path, language) or a refusal (why, fix)."""
    side = item.sidecar or {}
    named = side.get("capsule") if isinstance(side.get("capsule"), str) else None
    if named:
        if not CAPSULE_PATH.match(named) or ".." in named:
            return None, (
                f"its sidecar names '{named[:80]}', not a capsule under docs/",
                "Save it again from the studio, or give --capsule <slug> --lang <code>",
            )
        path = root / named
        side_lang = named.rsplit(".", 2)[-2]
        if not path.is_file():
            return None, (
                f"its sidecar names {named}, which does not exist",
                "Create the capsule first (hub new), or give --capsule <slug> --lang <code>",
            )
        return (path, side_lang), None
    if not capsule or not lang:
        return None, (
            "nothing says which capsule it is (no studio sidecar)",
            "Give --capsule <slug> --lang <code> (e.g. --capsule cycle-ccap --lang bm)",
        )
    if not alone:
        return None, (
            "several recordings without a sidecar, and one --capsule",
            "Import them one at a time with --only <file name>",
        )
    path = find_capsule(root, capsule, lang)
    if path is None:
        return None, (
            f"no capsule '{capsule}' in '{lang}'",
            f"Check the slug (the item's folder under docs/), or create capsule.{lang}.md first",
        )
    return (path, lang), None


def _consent(item: Incoming, given: Consent | None):
    side = item.sidecar
    if given is not None:
        return given, None
    if side is not None and side.get("consent") is True:
        speaker = side.get("speaker")
        speaker = (
            " ".join(speaker.split())
            if isinstance(speaker, str) and speaker.strip()
            else "anonymous"
        )
        date = side.get("date") if isinstance(side.get("date"), str) else None
        if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            return Consent(speaker[:120], date), None
        return None, (
            "its sidecar records consent without a date",
            'Give --consent "<name or anonymous>, <date of consent>"',
        )
    return None, (
        "no record of the speaker's consent to publication",
        'Ask the speaker; once they agree, give --consent "<name or anonymous>, <date>" '
        "(the consent form: docs/outils/fiche-consentement)",
    )


# ------------------------------------------------------------------ importing


def import_recordings(
    root: Path,
    sources: list[Path],
    capsule: str | None = None,
    lang: str | None = None,
    consent: Consent | None = None,
    replace: bool = False,
    only: str | None = None,
) -> Report:
    """Import every recording found in ``sources``; the report says file by file what happened."""
    if lang is not None and lang not in LANGUAGES:
        raise RequestError(f"--lang {lang}: use one of {', '.join(LANGUAGES)}")
    report = Report()
    incoming = [item for source in sources for item in gather(Path(source), report)]
    if only:
        incoming = [item for item in incoming if item.name == only]
        if not incoming:
            report.refused.append(f"{only}: not among the files given")
    bare = [item for item in incoming if item.sidecar is None]
    taken: dict[Path, str] = {}
    for item in incoming:
        label = item.name + (f" ({item.sent})" if item.sent else "")
        refusal = _one(item, root, capsule, lang, consent, replace, len(bare) <= 1, taken, report)
        if refusal:
            why, fix = refusal
            report.refused.append(f"{label}: {why}. Fix: {fix}")
    return report


def _one(item, root, capsule, lang, consent, replace, alone, taken, report):
    if item.sidecar_error:
        return item.sidecar_error, "Save it again from the studio, or remove the .json"
    suffix = PurePosixPath(item.name).suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        return f"'{suffix}' is not a recording format", f"Send {', '.join(IMPORT_SUFFIXES)}"
    where, refusal = _target(item, root, capsule, lang, alone)
    if refusal:
        return refusal
    capsule_path, capsule_lang = where
    agreed, refusal = _consent(item, consent)
    if refusal:
        return refusal
    rel = capsule_path.relative_to(root).as_posix()
    if capsule_path in taken:
        return (
            f"{taken[capsule_path]} was imported for {rel} already",
            "Import one recording per capsule",
        )
    stem = capsule_path.name[: -len(".md")]
    existing = _existing(capsule_path, stem)
    if existing and not replace:
        names = ", ".join(p.name for p in existing)
        return f"{rel} has a recording already ({names})", "Give --replace to replace it"

    def too_long(seconds: float | None) -> tuple[str, str]:
        return (
            f"lasts {audio.duration_label(round(seconds)) if seconds else 'too long'}, more "
            f"than {audio.duration_label(audio.AUDIO_MAX_SECONDS)}",
            "Record the capsule again, shorter (about 90 seconds)",
        )

    try:
        samples, _ = audio.decode(item.data)  # its declared duration is read first
    except audio.AudioTooLong as error:
        return too_long(error.seconds)
    except audio.AudioError as error:
        return (
            f"not a readable recording: {error}",
            "Send it again, or export it as M4A, MP3 or Ogg/Opus",
        )
    trimmed = audio.trim(samples)
    seconds = len(trimmed) / audio.SAMPLE_RATE
    if seconds > audio.AUDIO_MAX_SECONDS:  # refused before any more work on a long file
        return too_long(seconds)
    record = {
        "capsule": rel,
        "file": f"{stem}.opus",
        "language": capsule_lang,
        "speaker": agreed.speaker,
        "consent": True,
        "date": agreed.date,
        "received": item.name,
    }
    sidecar = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        # the build's own rules, on the recording as it would be stored, with its sidecar
        clean = Path(tmp) / f"{stem}.opus"
        clean.write_bytes(audio.encode(samples, ".opus", {}))  # no tag of the input kept
        (Path(tmp) / f"{stem}.json").write_text(sidecar, encoding="utf-8")
        problems = audio.recording_problems(clean, capsule_lang)
    if problems:
        what = "; ".join(text.removeprefix(f"{clean.name}: ") for text, _ in problems)
        return what, problems[0][1]
    published = audio.encode(audio.normalise(trimmed), ".opus", {})
    try:
        capsule_text = _with_audio_field(capsule_path.read_text(encoding="utf-8"), f"{stem}.opus")
    except EditError as error:
        return f"{rel}: {error}", "Fix the capsule's front matter (hub check), then import again"
    for old in existing:
        old.unlink()
        old_sidecar = audio.sidecar_of(old)
        if old_sidecar.is_file() and old_sidecar.name != f"{stem}.json":
            old_sidecar.unlink()
    target = capsule_path.with_name(f"{stem}.opus")
    target.write_bytes(published)
    capsule_path.with_name(f"{stem}.json").write_text(sidecar, encoding="utf-8")
    capsule_path.write_text(capsule_text, encoding="utf-8")
    taken[capsule_path] = item.name
    report.written += [target, capsule_path.with_name(f"{stem}.json"), capsule_path]
    sent = f", {item.sent}" if item.sent else ""
    report.imported.append(
        f"{item.name}{sent} -> {target.relative_to(root).as_posix()} "
        f"({audio.duration_label(round(seconds))}, speaker: {agreed.speaker}, "
        f"consent of {agreed.date}{', replacing ' + ', '.join(p.name for p in existing) if existing else ''})"
    )
    return None


def _existing(capsule_path: Path, stem: str) -> list[Path]:
    found = [capsule_path.with_name(stem + s) for s in audio.AUDIO_SUFFIXES]
    found = [p for p in found if p.is_file()]
    named = _audio_field(capsule_path)
    if named:
        path = capsule_path.parent / named
        if path.is_file() and path not in found and path.parent == capsule_path.parent:
            found.append(path)
    return found


def _audio_field(capsule_path: Path) -> str | None:
    match = re.search(
        r"^audio:\s*['\"]?([^'\"\n#]+?)['\"]?\s*$", capsule_path.read_text(encoding="utf-8"), re.M
    )
    return match[1] if match else None


def _with_audio_field(text: str, name: str) -> str:
    lines, closing = front_matter_bounds(text)
    head = set_line(lines[:closing], "audio", name)
    return "\n".join([*head, *lines[closing:]])
