"""Recordings next to a capsule: the rules a recording must meet, and its duration."""

from __future__ import annotations

from pathlib import Path

from toolkit.content.problems import Problem

AUDIO_SUFFIXES = (".mp3", ".ogg", ".opus", ".m4a")
AUDIO_MAX_SECONDS = 120
AUDIO_MAX_BYTES = 2_000_000
#: mutagen's class names expected for each suffix.
AUDIO_TYPES = {".mp3": ("MP3",), ".ogg": ("OggVorbis", "OggOpus", "OggFLAC", "OggSpeex"),
               ".opus": ("OggOpus",), ".m4a": ("MP4",)}


class AudioError(ValueError):
    """A recording that cannot be read."""


def duration_label(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def audio_duration(path: Path) -> float:
    """Length of the recording in seconds (mutagen). Raises AudioError when unreadable."""
    try:
        import mutagen
    except ImportError as error:  # pragma: no cover - mutagen is a dependency of the kit
        raise AudioError("mutagen is needed to read audio durations: pip install mutagen") from error
    try:
        audio = mutagen.File(path)
    except mutagen.MutagenError as error:
        raise AudioError(f"{path.name} is not a readable audio file ({error})") from error
    if audio is None or getattr(audio, "info", None) is None or not audio.info.length:
        raise AudioError(f"{path.name} is not a readable audio file")
    return float(audio.info.length)


DEFAULT_FIX = "Export the recording as MP3, OGG, Opus or M4A, at most 2 minutes and 2 MB."


def audio_problems(path: Path, rel: str = "", line: int = 0, check: str = "audio") -> list[Problem]:
    """What stops ``path`` from being published as a capsule recording (empty when fine):
    format (.mp3, .ogg, .opus, .m4a, and content matching the name), at most 2 minutes and 2 MB.

    Each is a :class:`Problem` about ``rel`` (default: ``path``) at ``line``, under ``check``
    (``audio`` for the content checks, ``kit-lenali`` for the kit)."""
    path = Path(path)
    found: list[tuple[str, str]] = []

    def problem(what: str, fix: str = DEFAULT_FIX) -> None:
        found.append((f"{path.name}: {what}.", fix))

    def done() -> list[Problem]:
        return [Problem(rel or str(path), line, check, what, fix) for what, fix in found]

    if not path.is_file():
        problem("the recording is missing (the capsule's 'audio:' names a file next to it)")
        return done()
    suffix = path.suffix.lower()
    if suffix not in AUDIO_SUFFIXES:
        problem(f"'{suffix or 'no extension'}' is not an accepted format",
                f"Use {', '.join(AUDIO_SUFFIXES)}.")
    size = path.stat().st_size
    if size > AUDIO_MAX_BYTES:
        problem(f"{size / 1_000_000:.1f} MB, more than {AUDIO_MAX_BYTES / 1_000_000:.0f} MB",
                "Export it at a lower bit rate (64 kbit/s mono is enough for a voice).")
    try:
        import mutagen
    except ImportError:
        problem("cannot measure the duration, mutagen is not installed (pip install mutagen)")
        return done()
    try:
        audio = mutagen.File(path)
    except mutagen.MutagenError:
        audio = None
    if audio is None or getattr(audio, "info", None) is None or not audio.info.length:
        problem("not a readable audio file")
        return done()
    kind = type(audio).__name__
    if suffix in AUDIO_TYPES and kind not in AUDIO_TYPES[suffix]:
        problem(f"the file holds {kind} audio, not what '{suffix}' says",
                "Rename it or export it again.")
    length = float(audio.info.length)
    if length > AUDIO_MAX_SECONDS:
        problem(f"lasts {duration_label(round(length))}, more than 2 minutes",
                "Record it again, shorter (about 90 seconds).")
    return done()
