"""Test recordings, made at test time: a speech-like signal (a voiced tone with syllables and
pauses) written in each format phones and browsers produce. Never published as content."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np

RATE = 48_000
#: suffix -> (FFmpeg muxer, codec)
FORMATS = {
    ".ogg": ("ogg", "libopus"),
    ".webm": ("webm", "libopus"),
    ".m4a": ("ipod", "aac"),
    ".mp3": ("mp3", "libmp3lame"),
    ".wav": ("wav", "pcm_s16le"),
}


def speech_like(
    seconds: float = 3.0, level: float = 0.1, seed: int = 1, lead: float = 0.5
) -> np.ndarray:
    """Syllables of a voiced tone (pitch gliding around 180 Hz, with harmonics) at about 4 a
    second, a pause every few syllables, ``lead`` seconds of near-silence at both ends."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    pitch = 180 + 25 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / RATE
    voice = sum(np.sin(k * phase) / k for k in range(1, 8))
    syllables = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) ** 0.5
    words = (np.floor(t * 4) % 6 != 5).astype(float)  # a pause after five syllables
    signal = voice * syllables * words * level + rng.normal(0, 0.0005, t.size)
    quiet = np.zeros(int(lead * RATE)) + rng.normal(0, 0.0005, int(lead * RATE))
    return np.concatenate([quiet, signal, quiet]).astype(np.float32)


def silence(seconds: float = 3.0) -> np.ndarray:
    return np.random.default_rng(2).normal(0, 0.0003, int(seconds * RATE)).astype(np.float32)


def clipped(seconds: float = 3.0) -> np.ndarray:
    return np.clip(speech_like(seconds, level=1.5), -1, 1)


def encode(samples: np.ndarray, suffix: str) -> bytes:
    import av

    fmt, codec = FORMATS[suffix]
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=fmt) as container:
        stream = container.add_stream(codec, rate=RATE if codec != "libmp3lame" else 44_100)
        stream.layout = "mono"
        if codec != "pcm_s16le":
            stream.bit_rate = 64_000
        resampler = av.AudioResampler(
            format=stream.codec_context.format.name,
            layout="mono",
            rate=stream.codec_context.sample_rate,
        )
        pts = 0
        for start in [*range(0, len(samples), 1024), None]:
            frame = None
            if start is not None:
                frame = av.AudioFrame.from_ndarray(
                    np.ascontiguousarray(samples[start : start + 1024].reshape(1, -1)),
                    format="flt",
                    layout="mono",
                )
                frame.sample_rate, frame.pts = RATE, start
            for out in resampler.resample(frame):
                out.pts, pts = pts, pts + out.samples
                container.mux(stream.encode(out))
        container.mux(stream.encode(None))
    return buffer.getvalue()


def write_recording(
    capsule: Path,
    samples: np.ndarray,
    suffix: str,
    *,
    language: str | None = None,
    consent: bool = True,
    speaker: str = "anonymous",
) -> Path:
    """``capsule.<lang>.<suffix>`` and its sidecar next to ``capsule`` (``capsule.<lang>.md``)."""
    stem = capsule.name[: -len(".md")]
    path = capsule.parent / (stem + suffix)
    path.write_bytes(encode(samples, suffix))
    lang = language or stem.rsplit(".", 1)[-1]
    (capsule.parent / (stem + ".json")).write_text(
        json.dumps({"language": lang, "speaker": speaker, "consent": consent, "date": "2026-12-01"})
    )
    return path
