"""Recordings: accepted in every format phones and browsers produce, published normalised,
deterministic; every bad recording is one `file:line` problem on the capsule."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

pytest.importorskip("av", reason="PyAV is not installed (pip install av)")
if importlib.util.find_spec("pyloudnorm") is None:  # looked up, not imported: scipy takes seconds
    pytest.skip("pyloudnorm is not installed (pip install pyloudnorm)", allow_module_level=True)

import audio_samples as samples  # noqa: E402

from toolkit.checks.validate import validate_tree  # noqa: E402
from toolkit.media import audio  # noqa: E402

CAPSULE = "docs/methodologies/debat-budget/capsule.fr.md"


@pytest.fixture(scope="module")
def speech():
    return samples.speech_like(3)


@pytest.mark.parametrize("suffix", sorted(samples.FORMATS))
def test_every_input_format_is_published_normalised_and_deterministic(tmp_path, speech, suffix):
    capsule = tmp_path / "capsule.fr.md"
    recording = samples.write_recording(capsule, speech, suffix)
    assert audio.recording_of(capsule) == recording
    assert audio.recording_problems(recording, "fr") == []
    tags = {"title": "Le débat", "language": "fr", "license": audio.LICENCE}
    first = audio.process(recording, tags)
    again = audio.process(recording, tags)
    assert first.files == again.files  # same input -> same bytes
    assert 3.0 <= first.seconds <= 3.7  # the 0.5 s silent ends trimmed to 0.25 s
    for suffix_out, blob in first.files.items():
        decoded, kind = audio.decode(blob)
        assert kind == {".opus": "ogg", ".mp3": "mp3"}[suffix_out]
        assert abs(audio.loudness(decoded) - audio.TARGET_LUFS) <= 1.0
        assert audio.true_peak_db(decoded) <= -1.0
    minutes = first.seconds / 60
    assert len(first.files[".opus"]) / minutes <= 200_000
    assert len(first.files[".mp3"]) / minutes <= 48_000 * 60 / 8 * 1.05


def test_published_files_are_tagged(tmp_path, speech):
    import av

    recording = samples.write_recording(tmp_path / "capsule.bm.md", speech, ".ogg", speaker="Awa")
    sidecar, _ = audio.read_sidecar(audio.sidecar_of(recording))
    published = audio.process(
        recording, audio.tags_for("Kɔlɔsi", "bm", sidecar), cache_root=tmp_path
    )
    for blob in published.files.values():
        path = tmp_path / "out"
        path.write_bytes(blob)
        with av.open(str(path)) as container:
            tags = {**container.metadata, **container.streams.audio[0].metadata}
        tags = {key.lower(): value for key, value in tags.items()}
        assert tags["title"] == "Kɔlɔsi" and tags["artist"] == "Awa"
        assert "CC BY-SA 4.0" in (tags.get("license", "") + tags.get("copyright", ""))
    # cached by input digest: the second call reads the cache
    assert len(list((tmp_path / audio.CACHE_DIR).glob("*.opus"))) == 1
    assert (
        audio.process(recording, audio.tags_for("Kɔlɔsi", "bm", sidecar), tmp_path).files
        == published.files
    )


def test_anonymous_speaker_is_not_tagged():
    sidecar = audio.Sidecar("bm", "anonymous", True, "2026-12-01")
    assert "artist" not in audio.tags_for("T", "bm", sidecar)


def _problems(site_tree: Path) -> list[str]:
    return [str(p) for p in validate_tree(site_tree).problems]


def test_a_good_recording_passes_hub_check(site_tree, speech):
    samples.write_recording(site_tree / CAPSULE, speech, ".webm")
    assert _problems(site_tree) == []


BAD = [
    (
        "silent",
        lambda: samples.silence(),
        {},
        "capsule.fr.webm: the recording is silent. Fix: Check the microphone and record it again.",
    ),
    ("clipped", lambda: samples.clipped(), {}, "capsule.fr.webm: clipped"),
    (
        "too long",
        lambda: samples.speech_like(5.5),
        {},  # the limit is lowered to 4 s below
        "capsule.fr.webm: lasts 6 s, more than 4 s. Fix: Record it again, shorter (about 90 seconds).",
    ),
    ("too quiet", lambda: samples.speech_like(3, level=0.008), {}, "capsule.fr.webm: too quiet"),
    (
        "no consent",
        lambda: samples.speech_like(3),
        {"consent": False},
        "capsule.fr.json: the speaker's consent to publication is not recorded. Fix: Ask the speaker; "
        'publish only once they agree, with "consent": true.',
    ),
    (
        "wrong language",
        lambda: samples.speech_like(3),
        {"language": "bm"},
        "capsule.fr.json says the recording is in 'bm', the capsule is in 'fr'. Fix: Record the fr script, "
        "or name the file for the capsule of its language.",
    ),
]


@pytest.mark.parametrize(
    ("case", "make", "options", "expected"), BAD, ids=[case for case, *_ in BAD]
)
def test_every_bad_recording_is_a_file_line_problem(
    site_tree, monkeypatch, case, make, options, expected
):
    monkeypatch.setattr(
        audio, "AUDIO_MAX_SECONDS", 4
    )  # a short fixture stands for a long recording
    samples.write_recording(site_tree / CAPSULE, make(), ".webm", **options)
    problems = _problems(site_tree)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{CAPSULE}:1: [audio] {expected}")


def test_unreadable_empty_missing_sidecar_and_wrong_suffix(site_tree, speech):
    folder = (site_tree / CAPSULE).parent
    (folder / "capsule.fr.mp3").write_bytes(b"not audio at all" * 10)
    (folder / "capsule.fr.json").write_text(json.dumps({"language": "fr", "consent": True}))
    [problem] = _problems(site_tree)
    assert problem.startswith(f"{CAPSULE}:1: [audio] capsule.fr.mp3: not a readable recording:")
    (folder / "capsule.fr.mp3").write_bytes(b"")
    assert _problems(site_tree) == [
        f"{CAPSULE}:1: [audio] capsule.fr.mp3: the file is empty. Fix: Record it again."
    ]
    (folder / "capsule.fr.mp3").write_bytes(samples.encode(speech, ".wav"))
    assert _problems(site_tree) == [
        f"{CAPSULE}:1: [audio] capsule.fr.mp3: the file holds 'wav' audio, not what '.mp3' says. "
        "Fix: Rename it with the right extension."
    ]
    (folder / "capsule.fr.json").unlink()
    problem, wrong_suffix = _problems(site_tree)
    assert "holds 'wav' audio" in wrong_suffix
    assert problem.startswith(
        f"{CAPSULE}:1: [audio] capsule.fr.json is missing: nobody recorded the speaker's consent."
    )


def test_audio_field_names_the_line(site_tree, speech):
    path = site_tree / CAPSULE
    text = path.read_text()
    path.write_text(text.replace("\n---\n", "\naudio: voix.ogg\n---\n", 1))
    line = next(
        n for n, row in enumerate(path.read_text().splitlines(), 1) if row.startswith("audio:")
    )
    [problem] = _problems(site_tree)
    assert (
        problem
        == f"{CAPSULE}:{line}: [audio] voix.ogg: the recording is missing. Fix: Put the file next to the capsule, or remove the 'audio:' line."
    )


def test_personal_data_in_the_sidecar_is_named_at_its_line(site_tree, speech):
    """The speaker goes into the published recording's artist tag, where no page shows it: a
    number there is found, however disguised, at its line of the sidecar (issue 25)."""
    samples.write_recording(site_tree / CAPSULE, speech, ".webm")
    sidecar = (site_tree / CAPSULE).with_name("capsule.fr.json")
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    data["speaker"] = "Awa, \uff17\uff16 12 34 \u2464\u2465"  # fullwidth and circled digits
    sidecar.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    line = 1 + next(n for n, t in enumerate(sidecar.read_text().split("\n")) if '"speaker"' in t)
    assert _problems(site_tree) == [
        f"docs/methodologies/debat-budget/capsule.fr.json:{line}: [personal-data] The recording's "
        "'speaker' shows what looks like a phone number: '76 12 34 56'; it is written into the "
        "published recording. Fix: Write the speaker's name or initials (with their consent), or "
        "'anonymous': never a number or an address."
    ]
