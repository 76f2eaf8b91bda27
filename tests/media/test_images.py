"""Content images: resized and stripped at build, sized and lazy in the HTML, checked for budgets."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from toolkit.base import build_caches
from toolkit.checks.validate import validate_tree
from toolkit.media import images as content_images
from toolkit.media.images import (
    MAX_PX,
    Prepared,
    add_img_attributes,
    encode,
    prepare,
    problems_of,
    svg_size,
)

M = "docs/methodologies/debat-budget/index.fr.md"
E = "docs/methodologies/debat-budget/index.en.md"
FOLDER = "docs/methodologies/debat-budget"


def photo(width: int, height: int, seed: int = 1) -> Image.Image:
    """A photo-like picture: noise over gradients (compresses like a photo, not like a drawing)."""
    noise = Image.effect_noise((width, height), 24 + seed).convert("L")
    ramp = Image.linear_gradient("L").resize((width, height))
    return Image.merge("RGB", (noise, ramp, ramp.transpose(Image.Transpose.ROTATE_180)))


def jpeg_with_metadata(
    path: Path, size=(2400, 1600), orientation: int | None = None, quality=90
) -> Path:
    exif = Image.Exif()
    exif[315] = "Awa Traoré"  # Artist
    exif[0x8825] = {1: "N", 2: (14.0, 26.0, 0.0)}  # GPS
    if orientation:
        exif[0x0112] = orientation
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo(*size).save(path, "JPEG", quality=quality, exif=exif, icc_profile=srgb, comment=b"Kayes")
    return path


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _messages(root: Path) -> list[str]:
    return [str(p) for p in validate_tree(root).problems]


# --- Resizing and compression --------------------------------------------------------------


def test_large_photo_is_resized_keeping_its_ratio_and_loses_every_metadata(tmp_path):
    source = jpeg_with_metadata(tmp_path / "photo.jpg")
    prepared = prepare(source, tmp_path)
    assert prepared.output is not None and prepared.output.parent == tmp_path / ".cache/images"
    assert prepared.source_px == (2400, 1600) and prepared.px == (960, 640)
    assert prepared.output_bytes == prepared.output.stat().st_size < source.stat().st_size
    with Image.open(prepared.output) as out:
        assert out.format == "JPEG" and out.size == (960, 640)
        assert not out.getexif()
        assert not {"exif", "icc_profile", "comment", "xmp"} & set(out.info)


def test_exif_orientation_is_applied_before_resizing(tmp_path):
    source = jpeg_with_metadata(tmp_path / "portrait.jpg", size=(1600, 1200), orientation=6)
    assert prepare(source, tmp_path).px == (720, 960)  # turned upright, longest side 960


def test_small_images_are_never_upscaled_and_never_published_as_they_are(tmp_path):
    source = tmp_path / "small.jpg"
    photo(300, 200).save(source, "JPEG", quality=30)  # clean and small: made again all the same
    prepared = prepare(source, tmp_path)
    assert prepared.px == (300, 200)
    assert prepared.output.read_bytes() != source.read_bytes()
    with Image.open(prepared.output) as out:
        assert out.format == "JPEG" and out.size == (300, 200)
    with_metadata = jpeg_with_metadata(tmp_path / "small-exif.jpg", size=(300, 200), quality=30)
    prepared = prepare(with_metadata, tmp_path)
    assert prepared.px == (300, 200) and prepared.output.read_bytes() != with_metadata.read_bytes()
    with Image.open(prepared.output) as out:
        assert not out.getexif() and "icc_profile" not in out.info


def test_png_drawing_keeps_transparency_and_palette_and_loses_text_chunks(tmp_path):
    drawing = Image.new("RGBA", (2000, 1000), (0, 0, 0, 0))
    drawing.paste((200, 40, 20, 255), (100, 100, 900, 600))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Someone")
    buffer = io.BytesIO()
    drawing.save(buffer, "PNG", pnginfo=info)
    with Image.open(io.BytesIO(encode(buffer.getvalue(), ".png"))) as out:
        assert out.format == "PNG" and out.size == (960, 480) and out.mode == "P"
        assert not getattr(out, "text", {}) and "Author" not in out.info
        rgba = out.convert("RGBA")
        assert rgba.getpixel((0, 0))[3] == 0  # transparent stays transparent
        inside = rgba.getpixel((200, 150))
        assert (
            max(abs(a - b) for a, b in zip(inside, (200, 40, 20, 255), strict=True)) <= 2
        )  # colours kept


def test_same_source_gives_the_same_bytes_and_the_cache_is_used(tmp_path, monkeypatch):
    source = jpeg_with_metadata(tmp_path / "photo.jpg")
    data = source.read_bytes()
    assert encode(data, ".jpg") == encode(data, ".jpg")
    first = prepare(source, tmp_path / "a")
    second = prepare(source, tmp_path / "b")  # another cache: made again, same bytes
    assert first.output.read_bytes() == second.output.read_bytes()
    build_caches.reset()  # a new build: the image is read again

    def fail(*args, **kwargs):
        raise AssertionError("a cached image was encoded again")

    monkeypatch.setattr(content_images, "encode", fail)
    assert prepare(source, tmp_path / "a") == first  # from .cache/images, by digest


def test_svg_size_from_attributes_or_view_box():
    assert svg_size(b'<?xml version="1.0"?><svg xmlns="x" width="120px" height="80">') == (120, 80)
    assert svg_size(b'<svg viewBox="0 0 300 150" width="100%">') == (300, 150)
    assert svg_size(b"<svg>") is None


# --- <img> attributes ----------------------------------------------------------------------


def test_img_gets_its_size_async_decoding_and_lazy_loading_except_above_the_fold():
    sizes = {"a.jpg": (960, 640), "b.png": (400, 300), "c.jpg": (10, 10)}
    html = (
        '<h1 id="t">Titre</h1><p>Court texte.</p>'
        '<p><img alt="Une salle" class="photo" src="a.jpg" title="La salle" /></p>'
        '<h2>Suite</h2><p><img alt="Un schéma" src="b.png"></p>'
        '<p><img alt="Donné" src="c.jpg" width="5" loading="eager"></p>'
    )
    out = add_img_attributes(html, sizes.get)
    tags = re.findall(r"<img[^>]*>", out)
    assert tags[0] == (
        '<img alt="Une salle" class="photo" src="a.jpg" title="La salle" '
        'width="960" height="640" decoding="async" />'
    )  # first, near the top: eager
    assert (
        tags[1]
        == '<img alt="Un schéma" src="b.png" width="400" height="300" decoding="async" loading="lazy">'
    )
    assert (
        tags[2] == '<img alt="Donné" src="c.jpg" width="5" loading="eager" decoding="async">'
    )  # kept


def test_first_image_after_a_long_text_is_lazy_too():
    html = "<p>" + "mot " * 200 + '</p><p><img alt="x" src="a.jpg" /></p>'
    assert 'loading="lazy"' in add_img_attributes(html, lambda src: (1, 1))


# --- Budgets -------------------------------------------------------------------------------


def test_an_oversized_source_is_reported_at_its_line_with_the_fix(site_tree):
    Image.new("RGB", (6100, 40), "white").save(site_tree / FOLDER / "bandeau.png")
    _edit(site_tree, M, "Le débat porte", "![Un bandeau](bandeau.png)\n\nLe débat porte")
    assert _messages(site_tree) == [
        f"{M}:34: [image-budget] The image 'bandeau.png' measures 6100×40 px, over the 6000 px a source "
        "image may measure. Fix: Resize it to at most 2000 px on its longest side and export it again "
        f"(JPEG quality 80) before committing: the site makes its own {MAX_PX} px copy."
    ]


def test_an_output_still_over_budget_is_reported(site_tree, monkeypatch):
    monkeypatch.setattr(content_images, "OUTPUT_MAX_BYTES", 5_000)
    photo(1600, 1200).save(site_tree / FOLDER / "photo.jpg", "JPEG", quality=40)
    _edit(site_tree, M, "Le débat porte", "![Une photo](photo.jpg)\n\nLe débat porte")
    [problem] = validate_tree(site_tree).problems
    assert (problem.path, problem.line, problem.check) == (M, 34, "image-budget")
    assert re.fullmatch(
        r"The image 'photo.jpg' still weighs \d+ KB once resized to 960×720 px, "
        r"over the 5 KB budget\.",
        problem.message,
    )
    assert (
        problem.fix
        == "Crop it to what matters, simplify it (fewer colours, no photo background), or save it as JPEG."
    )


def test_budget_messages_for_heavy_sources_and_svg_made_again(tmp_path):
    heavy = Prepared(tmp_path / "x.jpg", 6_200_000, (4000, 3000), None, (4000, 3000), 6_200_000)
    assert [str(p) for p in problems_of(heavy, M, 7, "x.jpg")] == [
        f"{M}:7: [image-budget] The image 'x.jpg' weighs 6.2 MB, over the 5 MB a source image may weigh. "
        "Fix: Resize it to at most 2000 px on its longest side and export it again (JPEG quality 80) "
        f"before committing: the site makes its own {MAX_PX} px copy."
    ]
    svg = Prepared(tmp_path / "carte.svg", 400_000, None, tmp_path / "x.svg", (800, 600), 390_000)
    assert [str(p) for p in problems_of(svg, M, 9, "carte.svg")] == [
        f"{M}:9: [image-budget] The image 'carte.svg' weighs 390 KB once made again by the hub, over the "
        "150 KB budget. Fix: Simplify it (fewer points or frames), or export it as JPEG (photos) or PNG "
        "(drawings)."
    ]


def test_an_unreadable_image_is_reported(site_tree):
    (site_tree / FOLDER / "photo.jpg").write_bytes(b"\xff\xd8 not really a JPEG")
    _edit(site_tree, M, "Le débat porte", "![Une photo](photo.jpg)\n\nLe débat porte")
    assert _messages(site_tree) == [
        f"{M}:34: [image] The image 'photo.jpg' cannot be read (it is not a JPEG, PNG, WebP or GIF image, "
        "or it is damaged). Fix: Open it in an image editor and export it again as JPEG (photos) or PNG (drawings)."
    ]


def test_a_missing_image_is_reported_once(site_tree):
    _edit(site_tree, M, "Le débat porte", "![Une photo](absente.jpg)\n\nLe débat porte")
    assert _messages(site_tree) == [  # by toolkit.checks.markdown; the budget check adds nothing
        f"{M}:34: [image] The image 'absente.jpg' does not exist. Fix: Check the file name, or add the image next to the page."
    ]


# --- The build -----------------------------------------------------------------------------


def _img_tags(page: Path) -> list[dict[str, str]]:
    return [
        dict(re.findall(r'(\w+)="([^"]*)"', tag))
        for tag in re.findall(r"<img\b[^>]*>", page.read_text())
    ]


@pytest.mark.build
def test_build_publishes_resized_images_for_every_language_that_shows_them(site_tree):
    folder = site_tree / FOLDER
    photo(1600, 1200).save(
        folder / "photo.jpg", "JPEG", quality=40
    )  # under the 200 KB source budget
    photo(1200, 1600, seed=5).save(folder / "photo.en.jpg", "JPEG", quality=40)  # English variant
    _edit(site_tree, M, "Le débat porte", "![Une photo](photo.jpg)\n\nLe débat porte")
    _edit(site_tree, E, "The debate covers", "![A photo](photo.jpg)\n\nThe debate covers")
    env = {**os.environ, "CI": "", "GITHUB_ACTIONS": ""}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site_tree,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    site = site_tree / "site"
    expected = {"": (960, 720), "en/": (720, 960)}
    for prefix, size in expected.items():
        published = site / prefix / "methodologies/debat-budget/photo.jpg"
        with Image.open(published) as image:
            assert image.size == size and not image.getexif() and "icc_profile" not in image.info
        cached = list((site_tree / ".cache/images").glob("*.jpg"))
        assert published.read_bytes() in [c.read_bytes() for c in cached]
    for prefix, page in (("", "fr"), ("en/", "en"), ("bm/", "fallback")):
        [tag] = _img_tags(site / prefix / "methodologies/debat-budget/index.html")
        target = (site / prefix / "methodologies/debat-budget" / tag["src"]).resolve()
        with Image.open(target) as image:
            assert (int(tag["width"]), int(tag["height"])) == image.size, page
        assert tag["decoding"] == "async"
        assert tag["alt"] in ("Une photo", "A photo")
    assert (
        target == (site / "methodologies/debat-budget/photo.jpg").resolve()
    )  # bm shows the French page


def test_the_scratch_folder_lives_as_long_as_a_build():
    """Copies the cache cannot hold go to a scratch folder; a new build (build_caches.reset, as
    each rebuild of mkdocs serve) removes the last one's instead of piling them up."""
    images = content_images
    build_caches.reset()
    first = images._scratch()
    (first / "copy.png").write_bytes(b"x")
    assert images._scratch() == first
    build_caches.reset()
    assert not first.exists()
    second = images._scratch()
    assert second != first and second.is_dir()
    build_caches.reset()
    assert not second.exists()
