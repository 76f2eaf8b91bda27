"""Synthetic speech for tests: espeak-ng (Debian's ``espeak-ng``) reads a sentence, and PyAV
writes it the way each sender's device would: a WhatsApp voice note, a WhatsApp chat export, a
phone recorder's M4A, MP3, 3GP or AMR, the studio's WebM. Test fixtures only: a synthetic voice is
never content (nothing here is written under docs/ of the repository)."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import audio_samples
import numpy as np

RATE = audio_samples.RATE
SENTENCE = "Bonjour. Le budget de la commune se discute en public, chaque année, avec les jeunes."


def speech(text: str = SENTENCE, voice: str = "fr", tmp: Path | None = None) -> np.ndarray:
    """``text`` said by espeak-ng, as mono float32 at 48 kHz, with half a second of quiet at each
    end (as a phone records)."""
    from toolkit.media import audio

    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", "150", "--stdout", text],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    samples, _ = audio.decode(wav)
    quiet = np.random.default_rng(3).normal(0, 0.0005, RATE // 2).astype(np.float32)
    return np.concatenate([quiet, samples * 0.5, quiet]).astype(np.float32)


def _encode(
    samples: np.ndarray, fmt: str, codec: str, rate: int, bit_rate: int, options=None
) -> bytes:
    import av

    buffer = io.BytesIO()
    with av.open(buffer, "w", format=fmt) as container:
        stream = container.add_stream(codec, rate=rate, options=options or {})
        stream.layout = "mono"
        stream.bit_rate = bit_rate
        resampler = av.AudioResampler(
            format=stream.codec_context.format.name, layout="mono", rate=rate
        )
        pts = 0
        for start in [*range(0, len(samples), 4800), None]:
            frame = None
            if start is not None:
                frame = av.AudioFrame.from_ndarray(
                    np.ascontiguousarray(samples[start : start + 4800].reshape(1, -1)),
                    format="flt",
                    layout="mono",
                )
                frame.sample_rate, frame.pts = RATE, start
            for out in resampler.resample(frame):
                out.pts, pts = pts, pts + out.samples
                container.mux(stream.encode(out))
        container.mux(stream.encode(None))
    return buffer.getvalue()


def voice_note(samples: np.ndarray, fast: bool = False) -> bytes:
    """A WhatsApp voice note: Ogg Opus, mono, 16 kHz, about 16 kbit/s (``fast``: the encoder's
    least effort, for long files)."""
    options = {"compression_level": "0"} if fast else None
    return _encode(samples, "ogg", "libopus", 16_000, 16_000, options)


def phone_file(samples: np.ndarray, suffix: str) -> bytes:
    """What a phone's recorder (or the studio) writes: .m4a, .mp3, .webm, .3gp or .amr (AMR-NB
    at 8 kHz, older Android recorders)."""
    if suffix in (".3gp", ".amr"):
        return _encode(samples, suffix[1:], "libopencore_amrnb", 8_000, 12_200)
    return audio_samples.encode(samples, suffix)


def chat_export(path: Path, notes: dict[str, bytes], sender: str = "Awa") -> Path:
    """A zip as WhatsApp's "Export chat" (Android) writes it: ``_chat.txt`` with one line per
    message, "<file> (file attached)" for each voice note, and the notes beside it."""
    lines = ["05/12/2026 10:14 - Les messages et les appels sont chiffrés de bout en bout."]
    for minute, name in enumerate(notes, 15):
        lines.append(f"05/12/2026 10:{minute} - {sender}: Capsule en bambara")
        lines.append(f"05/12/2026 10:{minute} - {sender}: \u200e{name} (fichier joint)")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", "\n".join(lines) + "\n")
        for name, data in notes.items():
            archive.writestr(name, data)
    return path
