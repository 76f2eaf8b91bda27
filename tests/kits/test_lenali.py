"""The Lenali kit: voice capsules with script, metadata, cover, audio, guide and manifest."""

from __future__ import annotations

import hashlib
import io
import json
import random
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason="Pillow is not installed (pip install Pillow)")

from PIL import Image  # noqa: E402

from toolkit.checks.validate import validate_tree  # noqa: E402
from toolkit.kits.errors import KitError
from toolkit.kits.images import logo_png_48, resize_cover, title_cover  # noqa: E402
from toolkit.kits.lenali import LenaliOptions, build_lenali_kit, plain_text, script_facts

CAPSULE = "docs/methodologies/debat-budget/capsule.fr.md"


def _mp3(seconds: float, kbps: int = 32) -> bytes:
    """A silent MPEG-1 Layer III stream (32 kHz, mono) that mutagen reads as ``seconds`` long."""
    index = {32: 0b0001, 320: 0b1110}[kbps]
    size = 144 * kbps * 1000 // 32000
    frame = bytes([0xFF, 0xFB, (index << 4) | 0b1000, 0xC4]) + bytes(size - 4)
    return frame * round(seconds * 32000 / 1152)


def _noise_image(path: Path, size=(2400, 1600)) -> Path:
    """A photo-like image that compresses badly (seeded noise over a gradient)."""
    rng = random.Random(7)
    noise = Image.frombytes(
        "L", (size[0] // 4, size[1] // 4), rng.randbytes(size[0] * size[1] // 16)
    )
    image = Image.merge(
        "RGB",
        [
            noise.resize(size),
            Image.linear_gradient("L").resize(size),
            noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT).resize(size),
        ],
    )
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make: must not travel into the kit
    image.save(path, "JPEG", quality=95, exif=exif)
    return path


def _set_front_matter(root: Path, rel: str, extra: str = "", body: str | None = None) -> None:
    path = root / rel
    text = path.read_text()
    head, sep, rest = text.partition("\n---\n")
    path.write_text(
        head + ("\n" + extra if extra else "") + sep + (body if body is not None else rest)
    )


def _kit(root: Path, **options):
    options.setdefault("pdf", False)  # the PDF takes a second; two tests ask for it
    options = LenaliOptions(site_url="https://hub.example.org/", **options)
    return build_lenali_kit(validate_tree(root), root / "lenali", options)


def test_capsule_folder_has_script_and_metadata(site_tree):
    report = _kit(site_tree)
    folder = site_tree / "lenali" / "debat-budget" / "fr"
    assert [(e.folder, e.lang) for e in report.capsules] == [
        ("budget-101-session-1/bm", "bm"),
        ("budget-101-session-1/fr", "fr"),
        ("debat-budget/fr", "fr"),
    ]
    script = (folder / "script.txt").read_text()
    assert script.startswith("Bonjour. Avant le vote du budget") and "---" not in script
    assert (folder / "script.md").read_text().startswith("# Capsule — le débat sur le budget\n")
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["title"] == "Capsule — le débat sur le budget"
    assert meta["language"] == "fr" and meta["language_iso639_3"] == "fra"
    assert meta["words"] == 16 and meta["reading_seconds"] == 7 and meta["too_long"] is False
    assert meta["native_review"] == "not-needed" and meta["kind"] == "methodology"
    assert meta["page"] == "https://hub.example.org/methodologies/debat-budget/capsule/"
    assert meta["audio"] is None and meta["cover_origin"] == "generated"
    # the curriculum budget-101 has no capsule of its own: no folder, no error; its session 1 has one
    assert not (site_tree / "lenali" / "budget-101").exists()
    session = json.loads((site_tree / "lenali/budget-101-session-1/fr/metadata.json").read_text())
    assert (
        session["session"] == 1
        and session["kind"] == "curriculum"
        and session["slug"] == "budget-101"
    )
    assert session["page"] == "https://hub.example.org/formations/budget-101/capsule-1/"
    assert meta["session"] is None


def test_a_curriculum_capsule_gets_its_folder(site_tree):
    source = site_tree / CAPSULE
    (site_tree / "docs/formations/budget-101/capsule.fr.md").write_text(
        source.read_text().replace("le débat sur le budget", "la formation budget")
    )
    report = _kit(site_tree)
    kinds = {(e.slug, e.kind) for e in report.capsules}
    assert ("budget-101", "curriculum") in kinds
    assert (site_tree / "lenali/budget-101/fr/script.txt").is_file()


def test_reading_time_flags_long_scripts(site_tree):
    long_script = " ".join(["mot"] * 250)
    facts = script_facts(long_script)
    assert facts["words"] == 250 and facts["reading_seconds"] == 115 and facts["too_long"]
    assert not script_facts(" ".join(["mot"] * 150))["too_long"]  # 69 s
    _set_front_matter(site_tree, CAPSULE, body="\n" + long_script + "\n")
    _kit(site_tree)
    meta = json.loads((site_tree / "lenali/debat-budget/fr/metadata.json").read_text())
    assert meta["too_long"] is True and meta["reading_seconds"] == 115
    assert "| oui |" in (site_tree / "lenali/recording-guide.md").read_text()


def test_plain_text_drops_markdown_marks():
    text = plain_text(
        "# Titre\n\nUn **mot** et un [lien](https://x.org).\n\n- premier\n- second\n\n"
        "![image](a.png)\n"
    )
    assert text == "Titre\n\nUn mot et un lien.\n\npremier\n\nsecond\n"


def test_cover_from_a_large_photo_fits_the_budget(site_tree):
    _noise_image(site_tree / "docs/methodologies/debat-budget/photo.jpg")
    _set_front_matter(site_tree, CAPSULE, "cover: photo.jpg")
    _kit(site_tree)
    cover = site_tree / "lenali/debat-budget/fr/cover.jpg"
    data = cover.read_bytes()
    assert len(data) <= 100_000
    with Image.open(io.BytesIO(data)) as image:
        assert max(image.size) <= 720 and image.format == "JPEG"
        assert not image.getexif() and "icc_profile" not in image.info
    meta = json.loads((site_tree / "lenali/debat-budget/fr/metadata.json").read_text())
    assert meta["cover"] == "cover.jpg" and meta["cover_origin"] == "cover"


def test_cover_falls_back_to_the_item_illustration(site_tree):
    _noise_image(site_tree / "docs/methodologies/debat-budget/illustration.jpg", size=(800, 600))
    _set_front_matter(
        site_tree, "docs/methodologies/debat-budget/index.fr.md", "illustration: illustration.jpg"
    )
    _kit(site_tree)
    meta = json.loads((site_tree / "lenali/debat-budget/fr/metadata.json").read_text())
    assert meta["cover_origin"] == "illustration"


def test_images_are_within_budget_and_deterministic(tmp_path):
    photo = _noise_image(tmp_path / "photo.jpg")
    first = resize_cover(photo)
    assert first == resize_cover(photo) and len(first) <= 100_000
    small = resize_cover(photo, max_px=300, max_bytes=20_000)
    with Image.open(io.BytesIO(small)) as image:
        assert max(image.size) <= 300 and len(small) <= 20_000
    generated = title_cover("Capsule vocale — jɛkafɔ ɲɔgɔn ŋ", "bamanankan · 1 min 20 s")
    with Image.open(io.BytesIO(generated)) as image:
        assert image.size == (720, 720) and len(generated) <= 100_000
    assert generated == title_cover("Capsule vocale — jɛkafɔ ɲɔgɔn ŋ", "bamanankan · 1 min 20 s")
    with Image.open(io.BytesIO(logo_png_48())) as image:
        assert image.format == "PNG" and image.size == (48, 48)


def test_a_recording_is_published_as_opus_and_mp3_with_its_facts(site_tree, monkeypatch):
    pytest.importorskip("av", reason="PyAV is not installed (pip install av)")
    import audio_samples as samples

    samples.write_recording(site_tree / CAPSULE, samples.speech_like(3), ".m4a", speaker="Awa")
    _kit(site_tree)
    folder = site_tree / "lenali/debat-budget/fr"
    assert (folder / "audio.opus").read_bytes()[:4] == b"OggS"
    assert (folder / "audio.mp3").is_file()
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["audio"] == "audio.opus" and meta["audio_mp3"] == "audio.mp3"
    assert 3.0 <= meta["audio_seconds"] <= 3.7
    assert meta["consent"] is True and meta["speaker"] == "Awa" and meta["recorded"] == "2026-12-01"
    manifest = json.loads((site_tree / "lenali/manifest.json").read_text())
    entries = {e["folder"]: e for e in manifest["capsules"]}
    entry = entries["debat-budget/fr"]
    assert (
        entry["status"] == "recorded"
        and entry["audio_bytes"]["opus"] == (folder / "audio.opus").stat().st_size
    )
    assert entries["budget-101-session-1/bm"]["status"] == "to-record"
    # a bad recording stops a strict kit, and is left out (and said so) otherwise
    monkeypatch.setattr("toolkit.media.audio.AUDIO_MAX_SECONDS", 2)
    with pytest.raises(KitError, match="more than 2 s") as caught:
        _kit(site_tree)
    assert [p.check for p in caught.value.problems] == ["kit-lenali"]
    report = _kit(site_tree, strict=False)
    assert not (folder / "audio.opus").exists()
    assert any("more than 2 s" in str(p) for p in report.problems)
    assert {
        e["folder"]: e["status"]
        for e in json.loads((site_tree / "lenali/manifest.json").read_text())["capsules"]
    }["debat-budget/fr"] == "to-record"


def test_a_session_capsule_recording_goes_into_the_kit(site_tree):
    samples = pytest.importorskip("audio_samples", reason="numpy or PyAV is missing")
    samples.write_recording(
        site_tree / "docs/formations/budget-101/capsule-1.bm.md", samples.speech_like(3), ".webm"
    )
    assert [p for p in validate_tree(site_tree).problems if p.check == "audio"] == []
    _kit(site_tree, langs=("bm", "fr"))
    folder = site_tree / "lenali/budget-101-session-1/bm"
    assert (folder / "audio.opus").read_bytes()[:4] == b"OggS" and (folder / "audio.mp3").is_file()
    entries = {
        e["folder"]: e["status"]
        for e in json.loads((site_tree / "lenali/manifest.json").read_text())["capsules"]
    }
    assert entries == {
        "budget-101-session-1/bm": "recorded",
        "budget-101-session-1/fr": "to-record",
        "debat-budget/fr": "to-record",
    }
    guide = (site_tree / "lenali/recording-guide.md").read_text()
    assert "`budget-101-session-1/bm/script.txt`" not in guide.split("## À enregistrer", 1)[1]


def test_manifest_hashes_match_the_files(site_tree):
    report = _kit(site_tree)
    kit = site_tree / "lenali"
    manifest = json.loads(report.manifest.read_text())
    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {p.relative_to(kit).as_posix() for p in kit.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"manifest.json", "SHA256SUMS"}
    for path, entry in listed.items():
        data = (kit / path).read_bytes()
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
    sums = dict(line.split("  ")[::-1] for line in (kit / "SHA256SUMS").read_text().splitlines())
    assert sums["manifest.json"] == hashlib.sha256(report.manifest.read_bytes()).hexdigest()
    capsule = {c["folder"]: c for c in manifest["capsules"]}["debat-budget/fr"]
    assert capsule["folder"] == "debat-budget/fr" and capsule["words"] == 16
    assert {"debat-budget/fr/script.txt", "debat-budget/fr/metadata.json"} <= set(capsule["files"])
    assert set(capsule["files"]) <= set(listed)
    try:
        from toolkit.kits.verification import verify
    except ImportError:
        return
    assert verify(kit) == []
    (kit / "debat-budget/fr/script.txt").write_text("changed")
    assert verify(kit)


def test_recording_guide_is_made_of_the_content_pages(site_tree):
    (site_tree / "docs/partenaires/lenali/index.fr.md").write_text(
        "---\ntitle: Lenali\nsummary: Le réseau vocal.\nlanguage: fr\nlast_reviewed: 2026-12-01\n"
        "authors: [Équipe]\nversion: 1\n---\n\n# Lenali\n\n## Ce qu'est Lenali\n\nUn réseau vocal "
        "([Digital Business Africa](https://www.digitalbusiness.africa/lenali-reseau-social-malien-illettres/)).\n\n"
        "## Enregistrer, pas à pas\n\n### 1. Préparer\n\nLire deux fois.\n\n"
        "### 5. Publier sur Lenali\n\nChoisissez la langue, appuyez, parlez, relâchez.\n"
    )
    report = _kit(site_tree, pdf=True)
    guide = (site_tree / "lenali/recording-guide.md").read_text()
    page = (site_tree / "docs/contribuer/enregistrer/index.fr.md").read_text()
    # the recording guide page, its links made addresses on the site
    for words in (
        "## Bien enregistrer",
        "Un endroit calme, le téléphone à 20 cm de la bouche.",
        "## Le consentement",
        "studio (<https://hub.example.org/contribuer/studio/>)",
    ):
        assert words in guide, words
    assert "](../studio/index.md)" in page and "index.md" not in guide
    # the Lenali page's sections on Lenali, not its step by step that repeats the guide
    assert "## Ce qu'est Lenali" in guide and "## Publier sur Lenali" in guide
    assert "appuyez, parlez, relâchez" in guide and "Lire deux fois" not in guide
    assert "(<https://www.digitalbusiness.africa/lenali-reseau-social-malien-illettres/>)" in guide
    # every capsule without a recording is to record, with its script, session capsules included
    todo = guide.split("## À enregistrer", 1)[1]
    for folder in ("budget-101-session-1/bm", "budget-101-session-1/fr", "debat-budget/fr"):
        assert (
            f"`{folder}/script.txt`" in todo
            and (site_tree / "lenali" / folder / "script.txt").is_file()
        )
    manifest = json.loads((site_tree / "lenali/manifest.json").read_text())
    assert {c["folder"]: c["status"] for c in manifest["capsules"]} == {
        "budget-101-session-1/bm": "to-record",
        "budget-101-session-1/fr": "to-record",
        "debat-budget/fr": "to-record",
    }
    assert not (
        site_tree / "lenali/recording-guide.bm.md"
    ).exists()  # the fixture has no Bambara guide page
    import toolkit.kits.lenali as lenali

    assert not hasattr(lenali, "GUIDE_BODY")  # nothing of the guide is written in Python
    if report.guide_pdf:  # when pypandoc and typst are installed
        assert (site_tree / "lenali/recording-guide.pdf").read_bytes().startswith(b"%PDF")


def test_a_bambara_guide_page_gives_a_bambara_guide(site_tree):
    page = site_tree / "docs/contribuer/enregistrer/index.fr.md"
    (page.parent / "index.bm.md").write_text(
        page.read_text()
        .replace("language: fr", "language: bm\nsource_version: 1\nnative_review: pending")
        .replace("## Bien enregistrer", "## Kan tali ɲuman")
    )
    _kit(site_tree, langs=("bm", "fr"))
    guide = (site_tree / "lenali/recording-guide.bm.md").read_text()
    assert "## Kan tali ɲuman" in guide and "`budget-101-session-1/bm/script.txt`" in guide
    assert "Relecture par une personne de langue maternelle en attente" in guide


def test_two_builds_give_the_same_bytes(site_tree):
    _kit(site_tree, pdf=True)
    first = {
        p.relative_to(site_tree / "lenali"): p.read_bytes()
        for p in (site_tree / "lenali").rglob("*")
        if p.is_file()
    }
    _kit(site_tree, pdf=True)
    second = {
        p.relative_to(site_tree / "lenali"): p.read_bytes()
        for p in (site_tree / "lenali").rglob("*")
        if p.is_file()
    }
    assert first == second
