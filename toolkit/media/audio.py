"""Recordings next to a capsule: what a recording must be, and how the build publishes it.

A capsule ``docs/<section>/<slug>/capsule.<lang>.md`` has a recording when a file
``capsule.<lang>.<ext>`` lies next to it (the name the studio page saves), or when its ``audio:``
names one. Accepted inputs are what phones and browsers produce: Ogg/Opus, WebM/Opus, M4A/AAC,
MP3 and WAV. Beside it, ``capsule.<lang>.json`` (the sidecar) records the language, the speaker
(a name or "anonymous"), the speaker's consent to publication and the date.

Before anything is decoded, the duration the container declares is read (:func:`probe`): a
recording over :data:`SOURCE_MAX_SECONDS` is refused with a message (a 1.5 MB FLAC-in-Ogg of
silence can declare 150 minutes, which decoded to 6.9 GB). Decoding then stops as soon as it has
produced :data:`SOURCE_MAX_SECONDS` of sound, whatever the container said, so the samples held in
memory never exceed :data:`DECODE_MAX_BYTES` (about 58 MB).

The build (:func:`process`) decodes with PyAV (FFmpeg's libraries in a wheel), mixes to mono at
48 kHz, trims leading and trailing silence, normalises the integrated loudness to
:data:`TARGET_LUFS` (ITU-R BS.1770, measured with pyloudnorm) under a true-peak ceiling of
:data:`TRUE_PEAK_CEILING_DBTP` (a look-ahead limiter on the 4x oversampled peaks), and encodes
Opus in Ogg (:data:`OPUS_BITRATE`) and MP3 (:data:`MP3_BITRATE`, 24 kHz mono), tagged with the
title, language, licence and, when consented, the speaker: those tags are the hub's, written into
a new container; none of the source's (ID3, Vorbis comments, cover pictures, chapters) survives. Muxers and encoders run with
``bitexact`` and frames get their own timestamps: the same input gives the same bytes. Outputs are
cached in ``.cache/audio/`` by the SHA-256 of the input, the tags and :data:`PIPELINE`.

:func:`recording_problems` tells what stops a recording from being published (the ``[audio]``
check of ``hub check``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

#: Input formats: what phones (WhatsApp voice notes are Ogg/Opus, iPhones M4A) and browsers
#: (MediaRecorder: WebM/Opus in Chromium and Firefox, M4A in Safari) produce.
AUDIO_SUFFIXES = (".ogg", ".opus", ".webm", ".m4a", ".mp3", ".wav")
#: FFmpeg demuxer names accepted for each suffix (a file must hold what its name says).
AUDIO_FORMATS = {
    ".ogg": "ogg",
    ".opus": "ogg",
    ".webm": "matroska,webm",
    ".m4a": "mov,mp4,m4a,3gp,3g2,mj2",
    ".mp3": "mp3",
    ".wav": "wav",
}
#: A recording may last this long once its silent ends are trimmed.
AUDIO_MAX_SECONDS = 120
#: A source file over this size is refused (two minutes of WAV at 48 kHz mono fit).
SOURCE_MAX_BYTES = 15_000_000
#: A recording lasting longer than this before its silent ends are trimmed is refused: from the
#: container's header before decoding, and when decoding reaches it (headers can lie or be absent).
SOURCE_MAX_SECONDS = 300
SAMPLE_RATE = 48_000
#: The most decoded samples ever held for one recording (mono float32).
DECODE_MAX_BYTES = SOURCE_MAX_SECONDS * SAMPLE_RATE * 4
TARGET_LUFS = -16.0
#: The limiter's ceiling, under the -1 dBTP the published files must keep after lossy coding.
TRUE_PEAK_CEILING_DBTP = -2.0
OPUS_BITRATE = 24_000
MP3_BITRATE = 32_000
MP3_RATE = 24_000
#: Quieter than this, normalising would mostly raise the noise; louder, it was clipped or crushed.
QUIETEST_LUFS = -45.0
LOUDEST_LUFS = -6.0
#: Windows of 20 ms; a window is silence under max(-50 dBFS, loudest window - 40 dB).
WINDOW_SECONDS = 0.02
SILENCE_FLOOR_DB = -50.0
SILENCE_RANGE_DB = 40.0
#: Silence kept before the first and after the last sound.
PAD_SECONDS = 0.25
#: At most this share of silence once the ends are trimmed.
MAX_SILENCE_SHARE = 0.7
#: A recording with this share of samples at full scale or more was clipped.
CLIP_LEVEL = 0.98
MAX_CLIPPED_SHARE = 0.002
PUBLISHED = (".opus", ".mp3")  # the published files' suffixes (Opus is in an Ogg container)
LICENCE = "CC BY-SA 4.0"
CACHE_DIR = Path(".cache") / "audio"
#: Change it whenever the processing changes, so that cached outputs are made again.
PIPELINE = "1"


class AudioError(ValueError):
    """A recording that cannot be read."""


class AudioTooLong(AudioError):
    """A recording over :data:`SOURCE_MAX_SECONDS`, refused before or while decoding it."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        super().__init__(
            f"it lasts {duration_label(round(seconds))}" if seconds else "it lasts too long"
        )


def duration_label(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def size_label(size: int) -> str:
    return f"{max(1, round(size / 1000))} KB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


# ------------------------------------------------------------------ where recordings are


def recording_of(capsule: Path, audio_field: str | None = None) -> Path | None:
    """The recording of ``capsule`` (``capsule.<lang>.md``): ``audio:`` when set, else the first
    ``capsule.<lang>.<ext>`` next to it with an accepted suffix, else None."""
    capsule = Path(capsule)
    if audio_field:
        return capsule.parent / audio_field
    stem = capsule.name[: -len(".md")] if capsule.name.endswith(".md") else capsule.stem
    for suffix in AUDIO_SUFFIXES:
        candidate = capsule.parent / (stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def sidecar_of(recording: Path) -> Path:
    """``capsule.bm.webm`` -> ``capsule.bm.json``."""
    return recording.with_suffix(".json")


@dataclass(frozen=True)
class Sidecar:
    language: str | None
    speaker: str
    consent: bool
    date: str | None


def read_sidecar(path: Path) -> tuple[Sidecar | None, str | None]:
    """(sidecar, None) or (None, what is wrong with it)."""
    if not path.is_file():
        return None, f"{path.name} is missing: nobody recorded the speaker's consent"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, f"{path.name} is not valid JSON ({error})"
    if not isinstance(data, dict):
        return None, f"{path.name} is not a JSON object"
    speaker = data.get("speaker")
    speaker = speaker.strip() if isinstance(speaker, str) and speaker.strip() else "anonymous"
    language = data.get("language") if isinstance(data.get("language"), str) else None
    date = data.get("date") if isinstance(data.get("date"), str) else None
    return Sidecar(language, speaker, data.get("consent") is True, date), None


# ------------------------------------------------------------------ decoding and measuring


def _av():
    try:
        import av
    except ImportError as error:  # pragma: no cover - av is a dependency
        raise AudioError("PyAV is needed to read recordings: pip install av") from error
    return av


def _declared_seconds(container) -> float | None:
    """The longest duration the container or its audio streams declare, in seconds."""
    found = []
    if container.duration:
        found.append(container.duration / 1_000_000)  # AV_TIME_BASE
    for stream in container.streams.audio:
        if stream.duration and stream.time_base:
            found.append(float(stream.duration * stream.time_base))
    return max(found) if found else None


def probe(path_or_bytes) -> float | None:
    """The duration ``path_or_bytes`` declares, read from its container without decoding (None
    when it declares none). Raises AudioTooLong over :data:`SOURCE_MAX_SECONDS`, AudioError when
    it cannot be opened."""
    av = _av()
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    try:
        with av.open(source, metadata_errors="ignore") as container:
            seconds = _declared_seconds(container)
    except (av.FFmpegError, ValueError, OSError, IndexError) as error:
        raise AudioError(f"it cannot be decoded ({type(error).__name__}: {error})") from error
    if seconds is not None and seconds > SOURCE_MAX_SECONDS:
        raise AudioTooLong(seconds)
    return seconds


def decode(path_or_bytes, rate: int = SAMPLE_RATE):
    """(mono float32 samples at ``rate``, FFmpeg's demuxer name). The declared duration is
    checked before decoding and decoding stops past :data:`SOURCE_MAX_SECONDS`. Raises
    AudioError (AudioTooLong for a recording that lasts too long)."""
    import numpy as np

    av = _av()
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    chunks = []
    ceiling = SOURCE_MAX_SECONDS * rate
    held = 0

    def keep(out) -> None:
        nonlocal held
        chunk = out.to_ndarray().reshape(-1)
        held += len(chunk)
        if held > ceiling:
            raise AudioTooLong(None)
        chunks.append(chunk)

    try:
        with av.open(source, metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError("it holds no audio")
            declared = _declared_seconds(container)
            if declared is not None and declared > SOURCE_MAX_SECONDS:
                raise AudioTooLong(declared)
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
            for frame in container.decode(stream):
                frame.pts = None
                for out in resampler.resample(frame):
                    keep(out)
            for out in resampler.resample(None):
                keep(out)
            kind = container.format.name
    except AudioError:
        raise
    except MemoryError:
        raise AudioError("it needs more memory to decode than a recording may") from None
    except (av.FFmpegError, ValueError, OSError, IndexError) as error:
        raise AudioError(f"it cannot be decoded ({type(error).__name__}: {error})") from error
    samples = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)
    if not samples.size:
        raise AudioError("it holds no sound (0 seconds)")
    return samples, kind


def _window_db(samples, rate: int):
    import numpy as np

    size = max(1, int(rate * WINDOW_SECONDS))
    count = len(samples) // size
    if count == 0:
        return np.array([-120.0])
    frames = samples[: count * size].reshape(count, size).astype(np.float64)
    rms = np.sqrt(np.mean(frames * frames, axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-6))


def _silence_threshold(levels) -> float:
    return max(SILENCE_FLOOR_DB, float(levels.max()) - SILENCE_RANGE_DB)


def trim(samples, rate: int = SAMPLE_RATE):
    """``samples`` without their leading and trailing silence (keeping :data:`PAD_SECONDS`)."""
    import numpy as np

    levels = _window_db(samples, rate)
    loud = np.nonzero(levels > _silence_threshold(levels))[0]
    if not loud.size:
        return samples[:0]
    size = int(rate * WINDOW_SECONDS)
    pad = int(rate * PAD_SECONDS)
    start = max(0, loud[0] * size - pad)
    end = min(len(samples), (loud[-1] + 1) * size + pad)
    return samples[start:end]


def loudness(samples, rate: int = SAMPLE_RATE) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770-4, pyloudnorm); -inf for silence."""
    import numpy as np
    import pyloudnorm

    if len(samples) < int(0.4 * rate):  # one gating block
        samples = np.concatenate([samples, np.zeros(int(0.4 * rate) - len(samples), np.float32)])
    return float(pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64)))


def true_peak_db(samples) -> float:
    """The true peak in dBTP: the sample peak of the signal oversampled 4 times (BS.1770 Annex 2)."""
    import numpy as np

    peaks = _oversampled_peaks(samples)
    return float(20 * np.log10(max(float(peaks.max()) if peaks.size else 0.0, 1e-9)))


def _oversampled_peaks(samples):
    """For each sample, the largest magnitude of the 4x oversampled signal around it."""
    import numpy as np
    from scipy.signal import resample_poly

    if not len(samples):
        return np.zeros(0)
    up = np.abs(resample_poly(samples.astype(np.float64), 4, 1))[: len(samples) * 4]
    up = np.pad(up, (0, len(samples) * 4 - len(up)))
    return np.maximum(up.reshape(-1, 4).max(axis=1), np.abs(samples))


@dataclass(frozen=True)
class Analysis:
    seconds: float  # once the silent ends are trimmed
    lufs: float
    silence_share: float
    clipped_share: float
    kind: str


def analyse(path: Path) -> Analysis:
    """Measure a recording as published would be cut. Raises AudioError when unreadable."""
    import numpy as np

    samples, kind = decode(path)
    clipped = float(np.mean(np.abs(samples) >= CLIP_LEVEL))
    trimmed = trim(samples)
    if not trimmed.size:
        return Analysis(0.0, float("-inf"), 1.0, clipped, kind)
    levels = _window_db(trimmed, SAMPLE_RATE)
    silence = float(np.mean(levels <= _silence_threshold(_window_db(samples, SAMPLE_RATE))))
    return Analysis(len(trimmed) / SAMPLE_RATE, loudness(trimmed), silence, clipped, kind)


# ------------------------------------------------------------------ the rules


def recording_problems(recording: Path, capsule_lang: str | None) -> list[tuple[str, str]]:
    """(what is wrong, how to fix it) for each reason ``recording`` cannot be published."""
    recording = Path(recording)
    name = recording.name
    if not recording.is_file():
        return [
            (
                f"{name}: the recording is missing",
                "Put the file next to the capsule, or remove the 'audio:' line",
            )
        ]
    problems: list[tuple[str, str]] = []
    suffix = recording.suffix.lower()
    sidecar, error = read_sidecar(sidecar_of(recording))
    if error:
        problems.append(
            (
                error,
                f"Save the recording with the studio page, or write {sidecar_of(recording).name} "
                '{"language": "...", "speaker": "anonymous", "consent": true, "date": "YYYY-MM-DD"} '
                "once the speaker has agreed to publication",
            )
        )
    elif not sidecar.consent:
        problems.append(
            (
                f"{sidecar_of(recording).name}: the speaker's consent to publication is not recorded",
                'Ask the speaker; publish only once they agree, with "consent": true',
            )
        )
    if sidecar is not None and capsule_lang and sidecar.language != capsule_lang:
        problems.append(
            (
                f"{sidecar_of(recording).name} says the recording is in "
                f"'{sidecar.language or 'no language'}', the capsule is in '{capsule_lang}'",
                f"Record the {capsule_lang} script, or name the file for the capsule of its language",
            )
        )
    if suffix not in AUDIO_SUFFIXES:
        return problems + [
            (
                f"{name}: '{suffix or 'no extension'}' is not an accepted format",
                f"Use {', '.join(AUDIO_SUFFIXES)}",
            )
        ]
    size = recording.stat().st_size
    if size == 0:
        return problems + [(f"{name}: the file is empty", "Record it again")]
    if size > SOURCE_MAX_BYTES:
        return problems + [
            (
                f"{name}: {size / 1_000_000:.1f} MB, more than {SOURCE_MAX_BYTES // 1_000_000} MB",
                "Send it compressed (a voice note, M4A or Ogg/Opus)",
            )
        ]
    try:
        facts = analyse(recording)
    except AudioTooLong as error:
        return problems + [
            (
                f"{name}: {error} before its silent ends are trimmed, more than "
                f"{duration_label(SOURCE_MAX_SECONDS)}: the hub does not decode it",
                "Record it again, shorter (about 90 seconds)",
            )
        ]
    except AudioError as error:
        return problems + [
            (
                f"{name}: not a readable recording: {error}",
                "Record it again, or export it as M4A, MP3, Ogg/Opus, WebM or WAV",
            )
        ]
    if facts.kind != AUDIO_FORMATS[suffix]:
        problems.append(
            (
                f"{name}: the file holds '{facts.kind}' audio, not what '{suffix}' says",
                "Rename it with the right extension",
            )
        )
    if facts.seconds == 0:
        return problems + [
            (f"{name}: the recording is silent", "Check the microphone and record it again")
        ]
    if facts.seconds > AUDIO_MAX_SECONDS:
        problems.append(
            (
                f"{name}: lasts {duration_label(round(facts.seconds))}, more than "
                f"{duration_label(AUDIO_MAX_SECONDS)}",
                "Record it again, shorter (about 90 seconds)",
            )
        )
    if facts.silence_share > MAX_SILENCE_SHARE:
        problems.append(
            (
                f"{name}: mostly silence ({facts.silence_share:.0%} of the recording)",
                "Record it again, closer to the phone, without long pauses",
            )
        )
    if facts.clipped_share > MAX_CLIPPED_SHARE:
        problems.append(
            (
                f"{name}: clipped ({facts.clipped_share:.1%} of the samples at full scale)",
                "Record it again a little further from the microphone (20 to 30 cm)",
            )
        )
    if facts.lufs < QUIETEST_LUFS:
        problems.append(
            (
                f"{name}: too quiet ({facts.lufs:.0f} LUFS)",
                "Record it again closer to the microphone, in a quiet place",
            )
        )
    elif facts.lufs > LOUDEST_LUFS:
        problems.append(
            (
                f"{name}: too loud ({facts.lufs:.0f} LUFS)",
                "Record it again a little further from the microphone",
            )
        )
    return problems


# ------------------------------------------------------------------ processing


def normalise(samples, rate: int = SAMPLE_RATE):
    """``samples`` at :data:`TARGET_LUFS` with true peaks under :data:`TRUE_PEAK_CEILING_DBTP`."""
    import numpy as np
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    x = samples.astype(np.float64)
    ceiling = 10 ** (TRUE_PEAK_CEILING_DBTP / 20)
    window = max(3, int(rate * 0.005)) | 1  # 5 ms look-ahead and release
    for _ in range(4):
        measured = loudness(x.astype(np.float32), rate)
        if not np.isfinite(measured):
            return x.astype(np.float32)
        x = x * 10 ** ((TARGET_LUFS - measured) / 20)
        peaks = _oversampled_peaks(x)
        if peaks.max() <= ceiling:
            if abs(TARGET_LUFS - loudness(x.astype(np.float32), rate)) < 0.2:
                break
            continue
        needed = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-9))
        # a gain that never exceeds what any sample around needs, smoothed without rising above it
        gain = uniform_filter1d(minimum_filter1d(needed, 2 * window + 1), window)
        x = x * np.minimum(gain, needed)
    return x.astype(np.float32)


def _frames(av, samples, rate: int, size: int):
    import numpy as np

    for start in range(0, len(samples), size):
        chunk = np.ascontiguousarray(samples[start : start + size].reshape(1, -1))
        frame = av.AudioFrame.from_ndarray(chunk, format="flt", layout="mono")
        frame.sample_rate, frame.pts = rate, start
        yield frame


def encode(samples, suffix: str, tags: dict[str, str], rate: int = SAMPLE_RATE) -> bytes:
    """Mono ``samples`` as Ogg/Opus (``.opus``) or MP3 (``.mp3``), tagged, byte-identical from
    one run to the next."""
    import numpy as np

    av = _av()
    fmt, codec, bitrate, out_rate = {
        ".opus": ("ogg", "libopus", OPUS_BITRATE, SAMPLE_RATE),
        ".mp3": ("mp3", "libmp3lame", MP3_BITRATE, MP3_RATE),
    }[suffix]
    buffer = io.BytesIO()
    options = {"fflags": "+bitexact"}
    with av.open(buffer, "w", format=fmt, options=options) as container:
        container.metadata.update(tags)
        stream = container.add_stream(
            codec,
            rate=out_rate,
            options=(
                {"application": "voip", "vbr": "constrained", "compression_level": "10"}
                if codec == "libopus"
                else {}
            ),
        )
        stream.bit_rate = bitrate
        stream.layout = "mono"
        stream.codec_context.flags |= av.codec.context.Flags.bitexact
        resampler = av.AudioResampler(
            format=stream.codec_context.format.name, layout="mono", rate=out_rate
        )
        pts = 0
        for frame in [*_frames(av, np.asarray(samples, np.float32), rate, 48_000), None]:
            for out in resampler.resample(frame):
                out.pts, pts = pts, pts + out.samples
                container.mux(stream.encode(out))
        container.mux(stream.encode(None))
    return buffer.getvalue()


@dataclass
class Published:
    """The published files of one recording."""

    files: dict[str, bytes] = field(default_factory=dict)  # suffix -> bytes
    seconds: float = 0.0
    lufs: float = float("-inf")


def tags_for(title: str, language: str, sidecar: Sidecar | None) -> dict[str, str]:
    tags = {"title": title, "language": language, "copyright": LICENCE, "license": LICENCE}
    if sidecar is not None and sidecar.consent and sidecar.speaker != "anonymous":
        tags["artist"] = sidecar.speaker
    return tags


def process(recording: Path, tags: dict[str, str], cache_root: Path | None = None) -> Published:
    """The published Opus and MP3 of ``recording`` (cached by input digest under ``cache_root``)."""
    data = Path(recording).read_bytes()
    key = hashlib.sha256(
        data + json.dumps(tags, sort_keys=True).encode() + PIPELINE.encode()
    ).hexdigest()[:24]
    cache = (Path(cache_root) / CACHE_DIR) if cache_root is not None else None
    if cache is not None:
        meta = cache / f"{key}.json"
        paths = {suffix: cache / f"{key}{suffix}" for suffix in PUBLISHED}
        if meta.is_file() and all(p.is_file() for p in paths.values()):
            facts = json.loads(meta.read_text())
            return Published(
                {s: p.read_bytes() for s, p in paths.items()}, facts["seconds"], facts["lufs"]
            )
    samples, _ = decode(data)
    samples = normalise(trim(samples))
    published = Published(
        {suffix: encode(samples, suffix, tags) for suffix in PUBLISHED},
        round(len(samples) / SAMPLE_RATE, 2),
        round(loudness(samples), 2),
    )
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        for suffix, blob in published.files.items():
            _write_atomically(cache / f"{key}{suffix}", blob)
        _write_atomically(
            cache / f"{key}.json",
            json.dumps({"seconds": published.seconds, "lufs": published.lufs}).encode(),
        )
    return published


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def audio_duration(path: Path) -> float:
    """Length of a recording in seconds. Raises AudioError when unreadable."""
    samples, _ = decode(Path(path))
    return len(samples) / SAMPLE_RATE


# ------------------------------------------------------------------ what pages and kits show

#: Published recordings are addressed from the site's root with this marker, which the website
#: replaces by the page's way up to the root (``../`` per level) once the page's URL is known.
SITE_ROOT_MARKER = "__hub_root__/"


@dataclass(frozen=True)
class Recording:
    """A capsule's published recording, as pages and kits show it."""

    capsule: str  # the capsule's path in the repository (docs/.../capsule.bm.md)
    site_path: str  # without suffix, from the site root: methodologies/x/capsule.bm
    language: str
    seconds: float
    sizes: dict[str, int]  # published suffix -> bytes
    speaker: str
    source: Path  # the input recording
    tags: dict[str, str] = field(default_factory=dict)

    def url(self, suffix: str) -> str:
        return f"{SITE_ROOT_MARKER}{self.site_path}{suffix}"

    def files(self, cache_root: Path | None) -> dict[str, bytes]:
        """The published bytes (from the cache when made before)."""
        return process(self.source, self.tags, cache_root).files


def publish(
    capsule_path: Path,
    capsule_rel: str,
    site_path: str,
    title: str,
    language: str,
    audio_field: str | None,
    cache_root: Path | None,
) -> Recording | None:
    """The capsule's published recording, or None when it has none or it breaks a rule."""
    recording = recording_of(capsule_path, audio_field)
    if recording is None or not recording.is_file() or recording_problems(recording, language):
        return None
    sidecar, _ = read_sidecar(sidecar_of(recording))
    tags = tags_for(title, language, sidecar)
    published = process(recording, tags, cache_root)
    return Recording(
        capsule_rel,
        site_path,
        language,
        published.seconds,
        {suffix: len(blob) for suffix, blob in published.files.items()},
        sidecar.speaker if sidecar else "anonymous",
        recording,
        tags,
    )
