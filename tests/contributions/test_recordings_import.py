"""`hub recordings import` on files made here: espeak-ng speech written as each sender's device
writes it, a WhatsApp chat export, a file without consent, a corrupt file and a 20-minute file."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

pytest.importorskip("av", reason="PyAV is not installed (pip install av)")
pytestmark = pytest.mark.needs_espeak_ng

import speech_samples  # noqa: E402

from toolkit.cli import main  # noqa: E402
from toolkit.contributions.recordings import (  # noqa: E402
    Consent,
    RequestError,
    import_recordings,
    parse_consent,
)
from toolkit.media import audio  # noqa: E402

CAPSULE = """---
title: Capsule
summary: Un texte parlé.
language: {lang}
last_reviewed: 2026-12-01
authors: [Équipe]
# a comment the import keeps
version: 1
---

Bonjour.
"""
CONSENT = Consent("Awa Diallo", "2026-12-05")


@pytest.fixture(scope="module")
def voice():
    return speech_samples.speech()


@pytest.fixture
def root(tmp_path):
    for rel in (
        "docs/methodologies/cycle-ccap/capsule.bm.md",
        "docs/methodologies/cycle-ccap/capsule.fr.md",
        "docs/formations/budget-101/capsule-2.bm.md",
    ):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CAPSULE.format(lang=rel.split(".")[-2]), encoding="utf-8")
    return tmp_path


def _published(root, rel="docs/methodologies/cycle-ccap/capsule.bm"):
    """The stored recording passes the build's own audio rules, and its sidecar holds consent."""
    recording = root / f"{rel}.opus"
    assert audio.recording_problems(recording, rel.rsplit(".", 1)[1]) == []
    decoded, kind = audio.decode(recording.read_bytes())
    assert kind == "ogg"
    assert abs(audio.loudness(decoded) - audio.TARGET_LUFS) <= 1.0
    return json.loads((root / f"{rel}.json").read_text(encoding="utf-8"))


@pytest.mark.slow  # real imports: decoded, checked, normalised, encoded
def test_a_whatsapp_voice_note_becomes_the_capsule_recording(root, voice, tmp_path_factory):
    note = tmp_path_factory.mktemp("in") / "PTT-20261205-WA0003.opus"
    note.write_bytes(speech_samples.voice_note(voice))
    report = import_recordings(root, [note], capsule="cycle-ccap", lang="bm", consent=CONSENT)
    assert report.refused == []
    assert report.imported == [
        "PTT-20261205-WA0003.opus -> docs/methodologies/cycle-ccap/capsule.bm.opus "
        "(6 s, speaker: Awa Diallo, consent of 2026-12-05)"
    ]
    sidecar = _published(root)
    assert sidecar == {
        "capsule": "docs/methodologies/cycle-ccap/capsule.bm.md",
        "file": "capsule.bm.opus",
        "language": "bm",
        "speaker": "Awa Diallo",
        "consent": True,
        "date": "2026-12-05",
        "received": "PTT-20261205-WA0003.opus",
    }
    capsule = (root / "docs/methodologies/cycle-ccap/capsule.bm.md").read_text(encoding="utf-8")
    assert capsule == CAPSULE.format(lang="bm").replace(
        "version: 1\n", "version: 1\naudio: capsule.bm.opus\n"
    )


@pytest.mark.slow  # real imports: decoded, checked, normalised, encoded
@pytest.mark.parametrize("suffix", [".m4a", ".mp3", ".3gp", ".amr", ".webm"])
def test_a_phone_recorders_file(root, voice, tmp_path, suffix):
    source = tmp_path / f"Enregistrement 12{suffix}"
    source.write_bytes(speech_samples.phone_file(voice, suffix))
    report = import_recordings(
        root, [source], capsule="budget-101/capsule-2", lang="bm", consent=CONSENT
    )
    assert report.refused == [] and len(report.imported) == 1
    assert _published(root, "docs/formations/budget-101/capsule-2.bm")["received"] == source.name


@pytest.mark.slow  # real imports: decoded, checked, normalised, encoded
def test_the_studios_recording_and_its_sidecar(root, voice, tmp_path):
    (tmp_path / "capsule.bm.webm").write_bytes(speech_samples.phone_file(voice, ".webm"))
    (tmp_path / "capsule.bm.json").write_text(
        json.dumps(
            {
                "capsule": "docs/methodologies/cycle-ccap/capsule.bm.md",
                "file": "capsule.bm.webm",
                "language": "bm",
                "speaker": "anonymous",
                "consent": True,
                "date": "2026-12-04",
            }
        )
    )
    report = import_recordings(root, [tmp_path / "capsule.bm.webm"])
    assert report.refused == [], report.refused
    assert _published(root)["speaker"] == "anonymous"


@pytest.mark.slow  # real imports: decoded, checked, normalised, encoded
def test_a_whatsapp_chat_export(root, voice, tmp_path):
    notes = {
        "PTT-20261205-WA0001.opus": speech_samples.voice_note(voice),
        "PTT-20261205-WA0002.opus": speech_samples.voice_note(voice[: len(voice) // 2]),
    }
    export = speech_samples.chat_export(tmp_path / "Discussion WhatsApp avec Awa.zip", notes)
    # two notes and one --capsule: which is which is the maintainer's call, one at a time
    report = import_recordings(root, [export], capsule="cycle-ccap", lang="bm", consent=CONSENT)
    assert report.imported == []
    assert len(report.refused) == 2
    assert "several recordings without a sidecar" in report.refused[0]
    assert "sent by Awa on 05/12/2026" in report.refused[0]
    report = import_recordings(
        root,
        [export],
        capsule="cycle-ccap",
        lang="bm",
        consent=CONSENT,
        only="PTT-20261205-WA0002.opus",
    )
    assert report.refused == []
    assert report.imported[0].startswith(
        "PTT-20261205-WA0002.opus, sent by Awa on 05/12/2026 -> "
        "docs/methodologies/cycle-ccap/capsule.bm.opus"
    )


def test_without_consent_nothing_is_written(root, voice, tmp_path):
    note = tmp_path / "PTT-20261205-WA0004.opus"
    note.write_bytes(speech_samples.voice_note(voice))
    before = sorted(p.name for p in (root / "docs/methodologies/cycle-ccap").iterdir())
    report = import_recordings(root, [note], capsule="cycle-ccap", lang="bm")
    assert report.imported == []
    assert report.refused == [
        "PTT-20261205-WA0004.opus: no record of the speaker's consent to publication. Fix: Ask "
        'the speaker; once they agree, give --consent "<name or anonymous>, <date>" (the consent '
        "form: docs/outils/fiche-consentement)"
    ]
    assert sorted(p.name for p in (root / "docs/methodologies/cycle-ccap").iterdir()) == before


def test_a_corrupt_file_is_refused(root, voice, tmp_path):
    data = speech_samples.voice_note(voice)
    note = tmp_path / "PTT-20261205-WA0005.opus"
    note.write_bytes(
        b"OggS" + bytes(np.random.default_rng(5).integers(0, 256, len(data), np.uint8))
    )
    report = import_recordings(root, [note], capsule="cycle-ccap", lang="bm", consent=CONSENT)
    assert report.imported == []
    assert report.refused[0].startswith("PTT-20261205-WA0005.opus: not a readable recording")
    assert not (root / "docs/methodologies/cycle-ccap/capsule.bm.opus").exists()


@pytest.mark.slow  # twenty minutes of speech encoded (the import refuses it from its header)
def test_a_twenty_minute_file_is_refused(root, voice, tmp_path):
    long = np.tile(voice, int(20 * 60 * speech_samples.RATE / len(voice)) + 1)
    note = tmp_path / "PTT-20261205-WA0006.opus"
    note.write_bytes(speech_samples.voice_note(long[: 20 * 60 * speech_samples.RATE], fast=True))
    report = import_recordings(root, [note], capsule="cycle-ccap", lang="bm", consent=CONSENT)
    assert report.refused == [
        "PTT-20261205-WA0006.opus: lasts 20 min 00 s, more than 2 min 00 s. Fix: Record the "
        "capsule again, shorter (about 90 seconds)"
    ]


@pytest.mark.slow  # real imports: decoded, checked, normalised, encoded
def test_never_overwrites_without_replace(root, voice, tmp_path):
    note = tmp_path / "PTT-20261205-WA0007.opus"
    note.write_bytes(speech_samples.voice_note(voice))
    old = root / "docs/methodologies/cycle-ccap/capsule.bm.m4a"
    old.write_bytes(b"an older recording")
    report = import_recordings(root, [note], capsule="cycle-ccap", lang="bm", consent=CONSENT)
    assert report.refused == [
        "PTT-20261205-WA0007.opus: docs/methodologies/cycle-ccap/capsule.bm.md has a recording "
        "already (capsule.bm.m4a). Fix: Give --replace to replace it"
    ]
    assert old.read_bytes() == b"an older recording"
    report = import_recordings(
        root, [note], capsule="cycle-ccap", lang="bm", consent=CONSENT, replace=True
    )
    assert report.refused == [] and "replacing capsule.bm.m4a" in report.imported[0]
    assert not old.exists()
    _published(root)


def test_a_hostile_zip(root, voice, tmp_path):
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("../../docs/methodologies/cycle-ccap/PTT-20261205-WA0010.opus", b"no")
        archive.writestr("/etc/passwd.json", b"{}")
        link = zipfile.ZipInfo("link.opus")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr(
            "capsule.bm.json",
            json.dumps({"capsule": "docs/../../etc/capsule.bm.md", "consent": True}),
        )
        archive.writestr("capsule.bm.opus", speech_samples.voice_note(voice))
    before = sorted(tmp_path.rglob("*"))
    report = import_recordings(root, [export])
    assert report.imported == []
    refused = "\n".join(report.refused)
    assert "link.opus: not a plain file" in refused
    assert (
        "capsule.bm.opus: its sidecar names 'docs/../../etc/capsule.bm.md', not a capsule"
        in refused
    )
    # the ../../ member is read by its last name only, and refused for its content
    assert "PTT-20261205-WA0010.opus: nothing says which capsule it is" in refused
    assert not (root / "docs/methodologies/cycle-ccap/capsule.bm.opus").exists()
    assert sorted(tmp_path.rglob("*")) == before  # nothing written anywhere


def test_a_zip_of_too_many_files_is_not_read(root, tmp_path):
    export = tmp_path / "many.zip"
    with zipfile.ZipFile(export, "w") as archive:
        for number in range(501):
            archive.writestr(f"PTT-20261205-WA{number:04d}.opus", b"")
    report = import_recordings(root, [export])
    assert report.refused == [
        "many.zip: 501 files, more than 500. Fix: send the voice notes of a few capsules at a time"
    ]


def test_the_consent_option():
    assert parse_consent("Awa Diallo, 05/12/2026") == CONSENT
    assert parse_consent("anonymous, 2026-12-05") == Consent("anonymous", "2026-12-05")
    with pytest.raises(RequestError, match="the speaker's name"):
        parse_consent("Awa Diallo")


def test_the_command_says_file_by_file(root, voice, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("toolkit.cli.project_root", lambda: root)
    good = tmp_path / "PTT-20261205-WA0008.opus"
    good.write_bytes(speech_samples.voice_note(voice))
    bad = tmp_path / "PTT-20261205-WA0009.opus"
    bad.write_bytes(b"nothing")
    status = main(
        [
            "recordings",
            "import",
            str(good),
            "--capsule",
            "cycle-ccap",
            "--lang",
            "bm",
            "--consent",
            "Awa Diallo, 2026-12-05",
        ]
    )
    assert status == 0
    assert (
        "imported PTT-20261205-WA0008.opus -> docs/methodologies/cycle-ccap/capsule.bm.opus"
        in capsys.readouterr().out
    )
    status = main(
        [
            "recordings",
            "import",
            str(bad),
            "--capsule",
            "cycle-ccap",
            "--lang",
            "fr",
            "--consent",
            "Awa Diallo, 2026-12-05",
        ]
    )
    out = capsys.readouterr().out
    assert status == 1
    assert "refused  PTT-20261205-WA0009.opus: not a readable recording" in out
    assert "0 imported, 1 refused." in out
