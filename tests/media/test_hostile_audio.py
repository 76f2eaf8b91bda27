"""Hostile recordings: tags that name or locate someone never survive, and a recording that
declares hours of sound is refused from its header, before anything is decoded."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import pytest

pytest.importorskip("av", reason="PyAV is not installed (pip install av)")
if importlib.util.find_spec("pyloudnorm") is None:  # looked up, not imported: scipy takes seconds
    pytest.skip("pyloudnorm is not installed (pip install pyloudnorm)", allow_module_level=True)

import audio_samples as samples  # noqa: E402
import av  # noqa: E402
import numpy as np  # noqa: E402

from toolkit.media import audio  # noqa: E402

SECRET = "Awa Traore 14.4467N 11.4456W"


def _encode(sound, fmt: str, codec: str, rate: int, metadata: dict, frame: int = 1024) -> bytes:
    """``sound`` (float32 mono at 48 kHz, or silence of ``len(sound)`` samples when None) encoded
    by PyAV, with ``metadata`` in the container and the stream (ID3, Vorbis comments)."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=fmt) as container:
        container.metadata.update(metadata)
        stream = container.add_stream(codec, rate=rate)
        stream.layout = "mono"
        stream.metadata.update(metadata)
        resampler = av.AudioResampler(
            format=stream.codec_context.format.name, layout="mono", rate=rate
        )
        pts = 0
        for start in [*range(0, len(sound), frame), None]:
            piece = None
            if start is not None:
                chunk = np.ascontiguousarray(sound[start : start + frame].reshape(1, -1))
                piece = av.AudioFrame.from_ndarray(chunk, format="flt", layout="mono")
                piece.sample_rate, piece.pts = rate, start
            for out in resampler.resample(piece):
                out.pts, pts = pts, pts + out.samples
                container.mux(stream.encode(out))
        container.mux(stream.encode(None))
    return buffer.getvalue()


def _with_sidecar(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    path.with_suffix(".json").write_text(
        json.dumps(
            {"language": "fr", "speaker": "anonymous", "consent": True, "date": "2026-12-01"}
        )
    )
    return path


@pytest.mark.slow  # encodes and processes a recording in two formats: seconds each
@pytest.mark.parametrize(
    "suffix, fmt, codec, rate",
    [(".mp3", "mp3", "libmp3lame", 44_100), (".ogg", "ogg", "libopus", 48_000)],
)
def test_no_source_tag_survives_re_encoding(tmp_path, suffix, fmt, codec, rate):
    tags = {"title": SECRET, "artist": SECRET, "comment": SECRET, "location": SECRET}
    source = _with_sidecar(
        tmp_path / f"capsule.fr{suffix}",
        _encode(samples.speech_like(3), fmt, codec, rate, tags),
    )
    assert SECRET.encode() in source.read_bytes()  # ID3 frames / Vorbis comments are there
    with av.open(str(source)) as container:
        assert SECRET in container.metadata.values() or SECRET in (
            container.streams.audio[0].metadata.values()
        )
    assert audio.recording_problems(source, "fr") == []
    hub_tags = audio.tags_for("Le débat", "fr", None)
    published = audio.process(source, hub_tags)
    for out_suffix, blob in published.files.items():
        assert b"Awa" not in blob and b"14.4467" not in blob, out_suffix
        with av.open(io.BytesIO(blob)) as container:
            found = {**container.metadata, **container.streams.audio[0].metadata}
        found = {key.lower(): value for key, value in found.items()}
        assert set(found) <= {"title", "language", "copyright", "license", "encoder"}, found
        assert found["title"] == "Le débat"


def _long_silence_flac_in_ogg(minutes: int) -> bytes:
    """Digital silence as FLAC in Ogg: a few bytes a frame, so a small file that declares (and
    holds) ``minutes`` of sound (the attack found had 150 minutes in 1.5 MB)."""
    rate, frame = 8_000, 4_608
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="ogg") as container:
        stream = container.add_stream("flac", rate=rate)
        stream.layout = "mono"
        silence = np.zeros((1, frame), np.int16)
        for index in range(rate * 60 * minutes // frame):
            piece = av.AudioFrame.from_ndarray(silence, format="s16", layout="mono")
            piece.sample_rate, piece.pts = rate, index * frame
            container.mux(stream.encode(piece))
        container.mux(stream.encode(None))
    return buffer.getvalue()


def test_a_long_flac_in_ogg_is_refused_from_its_header_before_decoding(tmp_path, monkeypatch):
    data = _long_silence_flac_in_ogg(25)
    assert len(data) < 500_000
    source = _with_sidecar(tmp_path / "capsule.fr.ogg", data)

    def never(*args, **kwargs):
        raise AssertionError("a recording over the limit was decoded")

    monkeypatch.setattr(av.container.InputContainer, "decode", never)
    with pytest.raises(audio.AudioTooLong) as refused:
        audio.probe(source)
    assert 24 * 60 <= refused.value.seconds <= 26 * 60
    assert audio.recording_problems(source, "fr") == [
        (
            "capsule.fr.ogg: it lasts 25 min 00 s before its silent ends are trimmed, more than "
            "5 min 00 s: the hub does not decode it",
            "Record it again, shorter (about 90 seconds)",
        )
    ]


def test_decoding_stops_at_the_ceiling_when_the_container_declares_no_duration(monkeypatch):
    data = samples.encode(samples.speech_like(4), ".wav")
    monkeypatch.setattr(audio, "_declared_seconds", lambda container: None)
    monkeypatch.setattr(audio, "SOURCE_MAX_SECONDS", 2)
    with pytest.raises(audio.AudioTooLong):
        audio.decode(data)
    monkeypatch.setattr(audio, "SOURCE_MAX_SECONDS", 5)
    decoded, _kind = audio.decode(data)
    assert 4 * audio.SAMPLE_RATE <= len(decoded) <= 5 * audio.SAMPLE_RATE
