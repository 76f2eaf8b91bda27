"""Small, deterministic images for the kits: resized covers, the hub's 48×48 logo, title covers.

Readers pay for every byte (see DESIGN.md), so a cover is at most ``max_px`` on its longest
side and ``max_bytes`` long: quality is lowered, then the size, until it fits. A contributor's
cover is opened within the site's decoding limits (toolkit.media.images.open_limited: scans,
frames and pixels counted before decoding). Outputs carry no metadata (no EXIF, no ICC profile,
no text chunks) and the same input gives the same bytes with the same Pillow version.

Needs Pillow (``pip install Pillow``).
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from toolkit.kits.errors import KitError
from toolkit.media.images import (
    SOURCE_MAX_BYTES,
    ImageLimit,
    has_alpha,
    open_limited,
    save_within,
)

#: The hub's colour (Material's "deep orange", mkdocs.yml ``theme.palette.primary``).
ORANGE = (255, 87, 34)
WHITE = (255, 255, 255)
DARK = (62, 39, 35)

#: Fonts tried for generated covers, in order: they must cover ɛ ɔ ɲ ŋ (Bambara, Soninké).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def _image_error(path: object, what: str, fix: str) -> KitError:
    """An image that cannot be used in a kit (unreadable, or impossible to fit the budget)."""
    return KitError.of("image", path, what, fix)


def _clean(image: Image.Image) -> Image.Image:
    """A copy holding only the pixels: no EXIF, ICC profile or text chunks travel on."""
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _fit(image: Image.Image, max_px: int) -> Image.Image:
    if max(image.size) <= max_px:
        return image
    scale = max_px / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def encode_within(
    image: Image.Image, max_px: int = 720, max_bytes: int = 100_000, prefer_png: bool | None = None
) -> bytes:
    """Encode ``image`` as PNG (drawings, transparency) or JPEG (photos) within the budget."""
    image = _fit(image, max_px)
    if prefer_png is None:
        prefer_png = _is_drawing(image)
    if prefer_png:
        data = _png(_clean(image.convert("RGBA" if has_alpha(image) else "RGB")))
        if len(data) <= max_bytes:
            return data
    if has_alpha(image):  # JPEG has no transparency: flatten on white
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, WHITE)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    image = _clean(image.convert("RGB"))
    while True:  # the site's quality ladder (toolkit.media.images), then smaller
        data = save_within(image, "JPEG", max_bytes)
        if len(data) <= max_bytes:
            return data
        if max(image.size) <= 64:
            raise _image_error(
                "cover",
                f"the image cannot fit in {max_bytes} bytes",
                "Use a simpler image (a drawing or a photo with less detail)",
            )
        image = image.resize(
            (max(1, image.width * 4 // 5), max(1, image.height * 4 // 5)), Image.Resampling.LANCZOS
        )


def resize_cover(src: Path, max_px: int = 720, max_bytes: int = 100_000) -> bytes:
    """``src`` as a cover of at most ``max_px`` per side and ``max_bytes``: PNG when the source is
    a PNG/GIF drawing that fits, else JPEG with the highest quality that fits. Deterministic,
    metadata stripped, EXIF orientation applied."""
    src = Path(src)
    if src.suffix.lower() == ".svg":
        raise _image_error(src, "an SVG cover cannot be rasterised here", "Use a PNG or JPEG file")
    try:
        if src.stat().st_size > SOURCE_MAX_BYTES:
            raise ImageLimit(f"it is over {SOURCE_MAX_BYTES // 1_000_000} MB")
        data = src.read_bytes()
        with open_limited(data) as opened:  # structure and header counted before decoding
            opened.load()
            image = ImageOps.exif_transpose(opened)
            prefer_png = opened.format in ("PNG", "GIF") and _is_drawing(image)
    except ImageLimit as error:
        raise _image_error(
            src, f"refused before decoding: {error}", "Export it again as PNG or JPEG"
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise _image_error(
            src, f"not a readable image ({error})", "Export it again as PNG or JPEG"
        ) from error
    return encode_within(image, max_px, max_bytes, prefer_png=prefer_png)


def _is_drawing(image: Image.Image) -> bool:
    """Few colours (a logo, a chart): PNG keeps it sharp and small."""
    return image.convert("RGBA").getcolors(4096) is not None or has_alpha(image)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def draw_logo(size: int) -> Image.Image:
    """The hub's mark: an orange disc with three people (a group, as the site's logo icon)."""
    scale = 8  # drawn large, then reduced: smooth edges without depending on anti-aliasing
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, big - 1, big - 1), fill=ORANGE)
    unit = big / 48
    for cx, cy, r, body in ((24, 15, 6, 11), (12, 21, 4.5, 8), (36, 21, 4.5, 8)):
        draw.ellipse(
            ((cx - r) * unit, (cy - r) * unit, (cx + r) * unit, (cy + r) * unit), fill=WHITE
        )
        top = cy + r + 1.5
        draw.pieslice(
            ((cx - body) * unit, top * unit, (cx + body) * unit, (top + 2 * body) * unit),
            180,
            360,
            fill=WHITE,
        )
    draw.rectangle((0, 37 * unit, big, big), fill=ORANGE)  # the group stands on a line
    mask = Image.new("L", (big, big), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, big - 1, big - 1), fill=255)
    image.putalpha(mask)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def logo_png_48() -> bytes:
    """The 48×48 PNG that Kiwix shows for the ZIM (metadata ``Illustration_48x48@1``)."""
    return _png(_clean(draw_logo(48)))


#: The colours of a drawn cover (:func:`title_cover`).
COVER_COLOURS = 16


def title_cover(title: str, subtitle: str = "", size: int = 720, max_bytes: int = 100_000) -> bytes:
    """A square PNG cover with the logo, the title and an optional line below, for items
    without an illustration. Fonts are chosen to cover ɛ ɔ ɲ ŋ."""
    image = Image.new("RGB", (size, size), ORANGE)
    draw = ImageDraw.Draw(image)
    logo = draw_logo(size // 5)
    image.paste(logo, (size // 12, size // 12), logo)
    margin = size // 12
    title_font, sub_font = font(size // 14), font(size // 26)
    y = size // 3
    for line in textwrap.wrap(title, width=22)[:6]:
        draw.text((margin, y), line, font=title_font, fill=WHITE)
        y += int(size / 14 * 1.25)
    if subtitle:
        y += size // 30
        for line in textwrap.wrap(subtitle, width=44)[:3]:
            draw.text((margin, y), line, font=sub_font, fill=DARK)
            y += int(size / 26 * 1.4)
    # Three colours and their anti-aliased edges: 16 colours show the same cover in 40 % of the
    # bytes of an RGB PNG (about 3 KB instead of 7.5 at 360 px, which the Bambara kit needs).
    data = _png(image.quantize(COVER_COLOURS, dither=Image.Dither.NONE))
    if len(data) <= max_bytes:
        return data
    return encode_within(image, size, max_bytes, prefer_png=True)
