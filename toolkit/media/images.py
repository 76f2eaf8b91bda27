"""Content images: resized and compressed at build, measured for ``<img>``, checked against budgets.

Readers are on cheap phones over 2G/3G and pay for every byte, so every image a page embeds
(``![alt](photo.jpg)`` or a raw ``<img>``, relative to the page) is published as a smaller copy:

- Nothing of the contributor's bytes is published: every image is decoded and encoded again by
  the hub. Before Pillow decodes anything, the file's structure is counted (:func:`limits_problem`:
  JPEG markers and progressive scans, GIF frames) and its header read (pixels, frames): a file over
  :data:`MAX_JPEG_SCANS`, :data:`MAX_JPEG_SEGMENTS`, :data:`MAX_JPEG_SCAN_PIXELS` (scans × pixels),
  :data:`SOURCE_MAX_PX`, :data:`MAX_FRAMES` or :data:`MAX_ANIMATION_PIXELS` is refused undecoded,
  and an animation's decoding stops after :data:`DECODE_SECONDS` (checked between frames; one
  frame is bounded by the counts above).
- JPEG, PNG and WebP are resized to at most :data:`MAX_PX` on their longest side (the content
  column; never upscaled), EXIF orientation applied, colours converted to sRGB, every piece of
  metadata dropped (EXIF, GPS, ICC profile, XMP, comments, text chunks: only pixels are copied into
  a new image), and saved in the same format under the same name: JPEG progressive at the first of
  :data:`QUALITIES` that fits :data:`OUTPUT_MAX_BYTES`, WebP likewise, PNG losslessly optimised (a
  drawing of at most 256 colours stays a 256-colour palette). GIF, animated WebP and animated PNG
  are made again frame by frame (resized, with their durations and loop count, nothing else).
- SVG is parsed and written again from an allowlist (:mod:`toolkit.media.svg`).
- An image no page embeds is not published at all (:class:`SiteImages`).
- Outputs are cached in ``.cache/images/`` by the SHA-256 of the source and of the settings, and
  each distinct file is prepared once per process (validation, then the four language builds).
  The same source gives the same bytes with the same Pillow version.
- Every ``<img>`` of a page's content gets ``width``/``height`` (the published file's pixels),
  ``decoding="async"`` and ``loading="lazy"``, except the page's first image when fewer than
  :data:`EAGER_TEXT_CHARS` characters of text come before it (it is likely on the first screen).
  Attributes already written (alt, title, class, width, loading...) are kept.

Budgets (``hub check`` and the strict build): a source over :data:`SOURCE_MAX_BYTES` or
:data:`SOURCE_MAX_PX` is an error (resize it before committing) and is not published, and so is a
published file still over :data:`OUTPUT_MAX_BYTES` after resizing, or an image that cannot be read
or breaks a decoding limit. A missing file is reported by toolkit.checks.markdown, not here.
"""

from __future__ import annotations

import atexit
import hashlib
import html as html_module
import io
import os
import posixpath
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import PIL
from PIL import Image, ImageOps, UnidentifiedImageError

try:
    from PIL import ImageCms
except ImportError:  # Pillow built without LittleCMS: profiles are dropped without conversion
    ImageCms = None

from toolkit.base.build_caches import Memo, register
from toolkit.base.files import write_atomically
from toolkit.base.local_cache import machine_key
from toolkit.content.problems import Problem, printable
from toolkit.media import svg as svg_module

#: File suffixes of the images content may embed.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".svg", ".gif"})
#: Longest side of a published image, in pixels.
MAX_PX = 960
#: A source image over this many bytes or pixels (longest side) is refused: resize it first.
SOURCE_MAX_BYTES = 5_000_000
SOURCE_MAX_PX = 6000
#: A published image over this many bytes is an error, even after resizing.
OUTPUT_MAX_BYTES = 150_000
#: JPEG and WebP qualities tried in order; the first that fits OUTPUT_MAX_BYTES is kept.
QUALITIES = (75, 65, 55)
#: The first image of a page loads eagerly when fewer characters of text come before it.
EAGER_TEXT_CHARS = 600
#: Decoding limits, checked before Pillow decodes a pixel. A camera's progressive JPEG has about
#: 10 scans and 20 segments; a crafted one with tens of thousands of scans took minutes to decode.
MAX_JPEG_SCANS = 100
MAX_JPEG_SEGMENTS = 1_000
#: A progressive decoder passes over every pixel once per scan: scans × pixels is the work.
#: A 24-megapixel camera JPEG with 10 scans is 240 million.
MAX_JPEG_SCAN_PIXELS = 1_500_000_000
#: Frames of an animation, and its pixels over every frame (width × height × frames).
MAX_FRAMES = 200
MAX_ANIMATION_PIXELS = 60_000_000
#: Decoding and encoding one image stops after this long (checked between frames).
DECODE_SECONDS = 30.0

RESIZED = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif"})
CACHE_DIR = Path(".cache") / "images"
#: Change it whenever the encoding changes, so that cached outputs are made again.
PIPELINE = "2"
_FORMAT = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF"}


class ImageLimit(ValueError):
    """An image the hub refuses to decode (too many scans, frames or pixels, or too slow)."""


_READ_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    Image.DecompressionBombError,
    UnidentifiedImageError,
    ImageLimit,
)


@dataclass(frozen=True)
class Prepared:
    """What the site publishes for one source image."""

    source: Path
    source_bytes: int
    source_px: tuple[int, int] | None  # as stored; None when unknown (unreadable, SVG without size)
    output: Path | None  # the file published in place of the source; None: nothing is published
    px: tuple[int, int] | None  # pixel size of what is published (width, height)
    output_bytes: int
    error: str | None = None  # why the image cannot be read


#: Each image prepared in this build (the validation first; each language then only copies it).
_memo: Memo[Prepared] = Memo(maxsize=8192)


def prepare(path: Path, root: Path) -> Prepared:
    """The published form of the image at ``path`` (cached in ``root/.cache/images``), made once
    per process for each version of the file."""
    path = Path(path)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, str(Path(root).resolve()))
    return _memo.get(key, lambda: _prepare(path, stat.st_size, Path(root) / CACHE_DIR))


def _prepare(path: Path, size: int, cache_dir: Path) -> Prepared:
    suffix = path.suffix.lower()
    if size > SOURCE_MAX_BYTES:
        return Prepared(path, size, None, None, None, size)  # refused unread (a budget problem)
    data = path.read_bytes()
    if suffix == ".svg":
        cleaned = svg_module.clean(data)
        if cleaned.data is None:
            return Prepared(path, size, None, None, None, size, _svg_reason(cleaned))
        output = _store(cache_dir, "svg", cleaned.data, suffix, lambda: cleaned.data)
        return Prepared(path, size, None, output, svg_size(cleaned.data), len(cleaned.data))
    try:
        with open_limited(data) as image:
            stored = image.size
    except _READ_ERRORS as error:
        return Prepared(path, size, None, None, None, size, _reason(error, path))
    if max(stored) > SOURCE_MAX_PX:
        return Prepared(path, size, stored, None, None, size)  # refused (a budget problem)
    settings = f"{PIL.__version__} {MAX_PX} {QUALITIES} {OUTPUT_MAX_BYTES} {_FORMAT[suffix]}"
    try:
        output = _store(cache_dir, settings, data, suffix, lambda: encode(data, suffix))
    except _READ_ERRORS as error:
        return Prepared(path, size, stored, None, None, size, _reason(error, path))
    with Image.open(output) as published:
        px = published.size
    return Prepared(path, size, stored, output, px, output.stat().st_size)


def _store(cache_dir: Path, settings: str, data: bytes, suffix: str, make) -> Path:
    """The cached file made by ``make()`` for ``data`` under ``settings`` (made when missing)."""
    # the machine's key in the name: a file committed under .cache/images is never taken for a copy
    key = machine_key() or b""
    digest = hashlib.sha256(key + f"{PIPELINE} {settings}\n".encode() + data).hexdigest()
    output = (cache_dir if key else _scratch()) / f"{digest}{suffix}"
    if output.is_symlink() or not output.is_file():
        encoded = make()
        try:
            write_atomically(output, encoded)
        except OSError:  # a read-only or odd .cache/: the copy goes to a scratch folder instead
            output = _scratch() / output.name
            write_atomically(output, encoded)
    return output


def _svg_reason(cleaned) -> str:
    line, what, _fix = cleaned.problems[0] if cleaned.problems else (1, "it is not an SVG", "")
    return f"line {line}: {what.rstrip('.')}"


#: The scratch folder of this build, with the process that made it (build_caches.reset removes
#: it: in ``mkdocs serve`` each rebuild's copies would otherwise pile up until the server stops).
_scratch_dir: list[tuple[int, Path]] = []


def _scratch() -> Path:
    """A private temporary folder of this build, for copies the cache cannot hold (a forked
    worker writes into its parent's, whose files the parent then reads)."""
    if not _scratch_dir:
        folder = Path(tempfile.mkdtemp(prefix="hub-images-"))
        atexit.register(shutil.rmtree, folder, True)
        _scratch_dir.append((os.getpid(), folder))
    return _scratch_dir[0][1]


def _forget_scratch() -> None:
    """A new build starts: the last one's scratch folder goes (only by the process that made it)."""
    for pid, folder in _scratch_dir:
        if pid == os.getpid():
            shutil.rmtree(folder, ignore_errors=True)
    _scratch_dir.clear()


register(_forget_scratch)


def _reason(error: Exception, path: Path) -> str:
    """Why Pillow could not read ``path``, without the file's absolute path."""
    if isinstance(error, ImageLimit):
        return str(error)
    if isinstance(error, UnidentifiedImageError):
        return "it is not a JPEG, PNG, WebP or GIF image, or it is damaged"
    if isinstance(error, Image.DecompressionBombError):
        return "it has far too many pixels"
    text = printable(str(error).replace(str(path), path.name) or type(error).__name__)
    return text if len(text) <= 100 else text[:97] + "..."


# --- Decoding limits ------------------------------------------------------------------------


def limits_problem(data: bytes) -> str | None:
    """Why ``data`` must not be decoded, from its structure alone (counted without decoding):
    too many JPEG scans or segments, too many GIF frames. None when it may be opened."""
    if data[:3] == b"\xff\xd8\xff":
        scans, segments = _jpeg_counts(data)
        if scans > MAX_JPEG_SCANS:
            return (
                f"it is a JPEG with more than {MAX_JPEG_SCANS} progressive scans, which would take "
                "minutes to decode"
            )
        if segments > MAX_JPEG_SEGMENTS:
            return f"it is a JPEG with more than {MAX_JPEG_SEGMENTS} segments"
    elif data[:6] in (b"GIF87a", b"GIF89a") and _gif_frames(data) > MAX_FRAMES:
        return f"it is an animation of more than {MAX_FRAMES} frames"
    return None


def _jpeg_counts(data: bytes) -> tuple[int, int]:
    """(scans, segments) of a JPEG, counted from its markers (stops past either limit)."""
    pos, size, scans, segments = 2, len(data), 0, 0
    while pos < size and scans <= MAX_JPEG_SCANS and segments <= MAX_JPEG_SEGMENTS:
        if data[pos] != 0xFF:  # entropy-coded data after a scan header: to the next marker
            pos = data.find(b"\xff", pos)
            if pos < 0:
                break
            continue
        while pos < size and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= size:
            break
        marker = data[pos]
        pos += 1
        if marker == 0x00 or marker == 0x01 or 0xD0 <= marker <= 0xD7:
            continue  # a stuffed 0xFF, TEM or a restart marker: no length
        if marker == 0xD9:
            break
        segments += 1
        scans += marker == 0xDA
        pos += int.from_bytes(data[pos : pos + 2], "big")
    return scans, segments


def _gif_frames(data: bytes) -> int:
    """Frames of a GIF, counted from its blocks (stops past :data:`MAX_FRAMES`)."""
    size = len(data)

    def skip_sub_blocks(pos: int) -> int:
        while pos < size:
            length = data[pos]
            pos += 1 + length
            if length == 0:
                break
        return pos

    if size < 13:
        return 0
    pos = 13 + (3 * (2 << (data[10] & 7)) if data[10] & 0x80 else 0)
    frames = 0
    while pos < size and frames <= MAX_FRAMES:
        block = data[pos]
        if block == 0x21 and pos + 1 < size:  # an extension (comment, graphic control, ...)
            pos = skip_sub_blocks(pos + 2)
        elif block == 0x2C and pos + 10 < size:  # an image
            frames += 1
            flags = data[pos + 9]
            pos += 10 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0) + 1
            pos = skip_sub_blocks(pos)
        else:  # the trailer, or damage
            break
    return frames


def open_limited(data: bytes) -> Image.Image:
    """``data`` opened by Pillow once its structure and header are within the limits (nothing is
    decoded yet). Raises :class:`ImageLimit` or one of Pillow's read errors."""
    why = limits_problem(data)
    if why:
        raise ImageLimit(why)
    image = Image.open(io.BytesIO(data))
    try:
        if image.format not in ("JPEG", "PNG", "WEBP", "GIF"):
            raise UnidentifiedImageError(image.format)
        width, height = image.size
        if max(width, height) > SOURCE_MAX_PX * 4:
            raise ImageLimit(f"it measures {width}×{height} px")
        if image.format == "JPEG" and image.info.get("progressive"):
            scans = _jpeg_counts(data)[0]
            if scans * width * height > MAX_JPEG_SCAN_PIXELS:
                raise ImageLimit(
                    f"it is a progressive JPEG of {width}×{height} px in {scans} scans, which "
                    "would take minutes to decode"
                )
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_FRAMES:
            raise ImageLimit(f"it is an animation of more than {MAX_FRAMES} frames")
        if frames > 1 and width * height * frames > MAX_ANIMATION_PIXELS:
            raise ImageLimit(
                f"it is an animation of {frames} frames of {width}×{height} px, over "
                f"{MAX_ANIMATION_PIXELS // 1_000_000} million pixels in all"
            )
    except BaseException:
        image.close()
        raise
    return image


def target_size(size: tuple[int, int], max_px: int = MAX_PX) -> tuple[int, int]:
    """``size`` scaled down so that its longest side is at most ``max_px`` (never up)."""
    width, height = size
    if max(width, height) <= max_px:
        return size
    scale = max_px / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def encode(
    data: bytes, suffix: str, max_px: int = MAX_PX, max_bytes: int = OUTPUT_MAX_BYTES
) -> bytes:
    """The published bytes of the image ``data`` in the format of ``suffix``: decoded within the
    limits, resized, sRGB, only its pixels copied into a new image (no metadata), compressed.
    Deterministic for a given Pillow version. Raises :class:`ImageLimit` or a read error."""
    fmt = _FORMAT[suffix.lower()]
    deadline = time.monotonic() + DECODE_SECONDS
    with open_limited(data) as opened:
        if fmt == "GIF" or getattr(opened, "n_frames", 1) > 1:
            return _encode_frames(opened, fmt, max_px, deadline)
        target = target_size(opened.size, max_px)
        shrink = target != opened.size
        if opened.format == "JPEG" and shrink:
            opened.draft(opened.mode, target)  # decode at 1/2, 1/4 or 1/8 scale: much faster
        opened.load()
        image = ImageOps.exif_transpose(opened)
        icc = opened.info.get("icc_profile")
        few_colours = fmt == "PNG" and image.getcolors(256) is not None
    image = _to_srgb(image, icc)
    wanted = target_size(image.size, max_px)  # after a JPEG draft, the size may be smaller already
    image = _normal_mode(image, fmt, shrink)
    if wanted != image.size:
        image = image.resize(wanted, Image.Resampling.LANCZOS)
    if shrink and few_colours and image.mode in ("RGB", "RGBA"):  # a drawing stays a palette image
        image = image.quantize(
            256,
            method=Image.Quantize.FASTOCTREE if image.mode == "RGBA" else Image.Quantize.MEDIANCUT,
            dither=Image.Dither.NONE,
        )
    return save_within(pixels_only(image), fmt, max_bytes)


def pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding ``image``'s pixels (and palette and transparent colour), nothing else:
    no EXIF, XMP, ICC profile, comment or text chunk can travel on."""
    fresh = Image.frombytes(image.mode, image.size, image.tobytes())
    if image.mode in ("P", "PA"):
        mode = image.palette.mode if image.palette.mode in ("RGB", "RGBA") else "RGB"
        fresh.putpalette(image.getpalette(mode), mode)
    if isinstance(image.info.get("transparency"), int | tuple | bytes):
        fresh.info["transparency"] = image.info["transparency"]
    return fresh


def _encode_frames(opened: Image.Image, fmt: str, max_px: int, deadline: float) -> bytes:
    """A GIF, or an animated WebP or PNG, made again frame by frame: resized RGBA frames with
    their durations and the loop count, nothing else."""
    frames: list[Image.Image] = []
    durations: list[int] = []
    loop = int(opened.info.get("loop", 0) or 0)
    for index in range(getattr(opened, "n_frames", 1)):
        if time.monotonic() > deadline:
            raise ImageLimit(f"decoding it took over {DECODE_SECONDS:.0f} s")
        opened.seek(index)
        frame = opened.convert("RGBA")
        wanted = target_size(frame.size, max_px)
        if wanted != frame.size:
            frame = frame.resize(wanted, Image.Resampling.LANCZOS)
        frames.append(pixels_only(frame))
        durations.append(max(20, int(opened.info.get("duration", 100) or 100)))
    buffer = io.BytesIO()
    options: dict = {"save_all": len(frames) > 1, "append_images": frames[1:]}
    if len(frames) > 1:
        options.update(duration=durations, loop=loop)
    if fmt == "GIF":
        # opaque frames are stored as their difference from the one before (Pillow's default);
        # a frame with transparent pixels must replace the one before it entirely
        transparent = any(frame.getextrema()[3][0] < 255 for frame in frames)
        options.update(optimize=True, **({"disposal": 2} if transparent else {}))
    elif fmt == "WEBP":
        options.update(quality=QUALITIES[0], method=4)
    else:
        options.update(optimize=True, disposal=1 if len(frames) > 1 else 0)
    frames[0].save(buffer, fmt, **options)
    return buffer.getvalue()


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Pixels converted from the embedded colour profile to sRGB, since the profile is dropped."""
    if not icc or ImageCms is None or image.mode not in ("RGB", "RGBA", "CMYK", "L", "LA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if image.mode in ("RGBA", "LA") else "RGB"
        if image.mode == "LA":
            image = image.convert("RGBA")
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (OSError, ValueError, ImageCms.PyCMSError):
        return image


def has_alpha(image: Image.Image) -> bool:
    """Whether ``image`` has transparency (an alpha channel or a transparent colour)."""
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _normal_mode(image: Image.Image, fmt: str, resizing: bool) -> Image.Image:
    """A mode the format saves and, when ``resizing``, that resizes well (palette and 1-bit
    images are resized in RGB(A) or grey)."""
    if fmt == "JPEG":
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    if image.mode in ("RGB", "RGBA"):
        return image
    if fmt == "PNG" and image.mode in (("L", "LA") if resizing else ("1", "L", "LA", "P")):
        return image
    if fmt == "PNG" and image.mode == "1":
        return image.convert("L")
    return image.convert("RGBA" if has_alpha(image) else "RGB")


def save_within(image: Image.Image, fmt: str, max_bytes: int) -> bytes:
    """``image`` as ``fmt``: PNG optimised; JPEG/WebP at the first of :data:`QUALITIES` that fits
    ``max_bytes`` (the last one tried when none fits: the caller checks the length)."""

    def save(**options) -> bytes:
        buffer = io.BytesIO()
        image.save(buffer, fmt, **options)
        return buffer.getvalue()

    if fmt == "PNG":
        options = {"optimize": True}
        if "transparency" in image.info:
            options["transparency"] = image.info["transparency"]
        return save(**options)
    data = b""
    for quality in QUALITIES:
        if fmt == "JPEG":
            data = save(quality=quality, optimize=True, progressive=True, subsampling=2)
        else:
            data = save(quality=quality, method=4)
        if len(data) <= max_bytes:
            break
    return data


_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_SVG_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


def svg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of an SVG from its root element: width/height in px, else the viewBox."""
    match = _SVG_ROOT.search(data[:20_000])
    if not match:
        return None
    attrs = dict(_attributes(match[0].decode("utf-8", "replace")))
    width, height = (_SVG_LENGTH.fullmatch(attrs.get(name, "")) for name in ("width", "height"))
    if width and height:
        size = round(float(width[1])), round(float(height[1]))
        return size if min(size) > 0 else None
    box = attrs.get("viewbox", "").replace(",", " ").split()
    try:
        if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
            return max(1, round(float(box[2]))), max(1, round(float(box[3])))
    except ValueError:
        pass
    return None


def header_size(path: Path) -> tuple[int, int] | None:
    """Pixel size of an image file read from its header (SVG: from its root element)."""
    try:
        if path.suffix.lower() == ".svg":
            return svg_size(path.read_bytes())
        with Image.open(path) as image:
            return image.size
    except _READ_ERRORS:
        return None


# --- Which images a page embeds -------------------------------------------------------------


def resolve_image(src_uri: str, src: str, docs_dir: Path) -> Path | None:
    """The file under ``docs_dir`` that ``src`` (in the page ``src_uri``) names, or None when it
    is another site's, absolute or missing."""
    try:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return None
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(parts.path)))
        if rel.startswith("../") or rel == "..":
            return None
        path = docs_dir / rel
        return path if path.is_file() else None
    except (OSError, ValueError):  # a name no file system accepts: reported as missing elsewhere
        return None


def localized_variants(path: Path, languages: Iterable[str]) -> list[Path]:
    """``photo.en.png`` and the like next to ``photo.png`` (mkdocs-static-i18n serves them to the
    readers of that language under the same name)."""
    return [
        variant
        for lang in languages
        if (variant := path.with_name(f"{path.stem}.{lang}{path.suffix}")).is_file()
    ]


def embedded(doc, facts) -> list[tuple[str, int]]:
    """(src, line) of every image ``doc`` embeds: with Markdown (``facts``: what the checks found
    in its body, or None), and with a raw ``<img>`` (which the sanitizer keeps), so that an image
    shown either way is made again and published."""
    found = [(src, line) for src, _alt, line in getattr(facts, "images", ()) if facts is not None]
    body = getattr(doc, "body", None)
    if isinstance(body, str) and "<img" in body.lower():
        start = getattr(doc, "body_start", 1) or 1
        for match in IMG_TAG.finditer(body):
            src = dict(_attributes(match[1])).get("src")
            if src:
                found.append((src, start + body.count("\n", 0, match.start())))
    return found


def referenced_images(result, docs_dir: Path, languages: Iterable[str] = ()) -> set[Path]:
    """Every image file a page of a validation ``result`` embeds (and its localized variants)."""
    found: set[Path] = set()
    languages = tuple(languages)
    for doc in result.corpus.documents:
        for src, _line in embedded(doc, result.facts(doc)):
            path = resolve_image(doc.src_uri, src, docs_dir)
            if path is not None and path.suffix.lower() in IMAGE_SUFFIXES:
                found.add(path.resolve())
                found.update(p.resolve() for p in localized_variants(path, languages))
    return found


# --- Budgets --------------------------------------------------------------------------------


def image_problems(doc, facts, docs_dir: Path, root: Path) -> list[Problem]:
    """Budget problems of the images ``doc`` embeds (``facts``: what the checks found in its
    body), at the line of each reference. A missing file, another site's image or an unknown
    format are reported by toolkit.checks.markdown."""
    problems: list[Problem] = []
    for src, line in embedded(doc, facts):
        path = resolve_image(doc.src_uri, src, docs_dir)
        if path is None or path.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        problems += problems_of(prepare(path, root), doc.rel, line, src)
    return problems


def problems_of(image: Prepared, rel: str, line: int, src: str) -> list[Problem]:
    src = printable(src)
    before = (
        "Resize it to at most 2000 px on its longest side and export it again (JPEG quality 80) "
        f"before committing: the site makes its own {MAX_PX} px copy."
    )
    if image.error is not None:
        return [
            Problem(
                rel,
                line,
                "image",
                f"The image '{src}' cannot be read ({image.error}).",
                "Open it in an image editor and export it again as JPEG (photos) or PNG (drawings).",
            )
        ]
    problems = []
    if image.source_bytes > SOURCE_MAX_BYTES:
        problems.append(
            Problem(
                rel,
                line,
                "image-budget",
                f"The image '{src}' weighs {image.source_bytes / 1e6:.1f} MB, over the "
                f"{SOURCE_MAX_BYTES // 1_000_000} MB a source image may weigh.",
                before,
            )
        )
    if image.source_px and max(image.source_px) > SOURCE_MAX_PX:
        width, height = image.source_px
        problems.append(
            Problem(
                rel,
                line,
                "image-budget",
                f"The image '{src}' measures {width}×{height} px, over the {SOURCE_MAX_PX} px a source "
                "image may measure.",
                before,
            )
        )
    if problems or image.output_bytes <= OUTPUT_MAX_BYTES:
        return problems
    kb = -(-image.output_bytes // 1000)
    if image.source.suffix.lower() in (".svg", ".gif") or image.px is None:
        return [
            Problem(
                rel,
                line,
                "image-budget",
                f"The image '{src}' weighs {kb} KB once made again by the hub, over the "
                f"{OUTPUT_MAX_BYTES // 1000} KB budget.",
                "Simplify it (fewer points or frames), or export it as JPEG (photos) or PNG (drawings).",
            )
        ]
    width, height = image.px
    return [
        Problem(
            rel,
            line,
            "image-budget",
            f"The image '{src}' still weighs {kb} KB once resized to {width}×{height} px, "
            f"over the {OUTPUT_MAX_BYTES // 1000} KB budget.",
            "Crop it to what matters, simplify it (fewer colours, no photo background), "
            "or save it as JPEG.",
        )
    ]


# --- <img> attributes -----------------------------------------------------------------------

_ATTRIBUTE = r"""[^\s"'>/=`<]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
IMG_TAG = re.compile(rf"<img\b((?:\s+{_ATTRIBUTE})*)(\s*/?>)", re.IGNORECASE)
_ATTRIBUTE_PARTS = re.compile(r"""([^\s"'>/=`<]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_TAG = re.compile(r"<[^>]*>")


def _attributes(tag: str) -> list[tuple[str, str]]:
    found = []
    for name, value in _ATTRIBUTE_PARTS.findall(tag):
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.append((name.lower(), html_module.unescape(value)))
    return found


def text_length(html: str) -> int:
    """Characters of visible text in an HTML fragment (tags dropped, spaces collapsed)."""
    return len(" ".join(html_module.unescape(_TAG.sub(" ", html)).split()))


def add_img_attributes(
    html: str, size_of: Callable[[str], tuple[int, int] | None], eager_chars: int = EAGER_TEXT_CHARS
) -> str:
    """Every ``<img>`` of ``html`` with width/height (from ``size_of(src)``, unless the tag has
    either), ``decoding="async"`` and ``loading="lazy"`` except the first image when fewer than
    ``eager_chars`` characters of text precede it. Attributes already present are kept."""
    first = True

    def rewrite(match: re.Match) -> str:
        nonlocal first
        attrs = dict(_attributes(match[1]))
        added = []
        if "width" not in attrs and "height" not in attrs and attrs.get("src"):
            size = size_of(attrs["src"])
            if size:
                added += [f'width="{size[0]}"', f'height="{size[1]}"']
        if "decoding" not in attrs:
            added.append('decoding="async"')
        eager = first and text_length(html[: match.start()]) < eager_chars
        first = False
        if "loading" not in attrs and not eager:
            added.append('loading="lazy"')
        if not added:
            return match[0]
        return f"<img{match[1]} {' '.join(added)}{match[2]}"

    return IMG_TAG.sub(rewrite, html)


# --- The build ------------------------------------------------------------------------------


class SiteImages:
    """One MkDocs build (all its languages): publishes the prepared images in place of their
    sources and gives each page's ``<img>`` its attributes."""

    def __init__(self, root: Path, docs_dir: Path, referenced: set[Path]):
        self.root = Path(root)
        self.docs_dir = Path(docs_dir)
        self.referenced = referenced
        self._by_url: dict[str, object] = {}  # site path -> MkDocs File, for the language built
        self._sizes: dict[str, tuple[int, int] | None] = {}  # source path -> published size

    def use_files(self, files) -> None:
        """Point each referenced image of this language's files at the copy the hub made of it,
        leave out every image of ``docs/`` that no page embeds or that the hub could not make
        again, and index the published images by address (the theme's and the hub's own assets
        under ``assets/`` are code, not content: toolkit.checks.files.HUB_ASSETS)."""
        self._by_url = {}
        for file in list(files.media_files()):
            if posixpath.splitext(file.src_uri)[1].lower() not in IMAGE_SUFFIXES:
                continue
            source = self.source_of(file)
            if source is None or not Path(source).resolve().is_relative_to(self.docs_dir.resolve()):
                self._by_url[unquote(file.url)] = file  # the theme's own images
                continue
            if file.src_uri.startswith("assets/"):
                self._by_url[unquote(file.url)] = file  # checked against HUB_ASSETS
                continue
            prepared = (
                prepare(Path(source), self.root)
                if Path(source).resolve() in self.referenced
                else None
            )
            if prepared is None or prepared.output is None or prepared.error is not None:
                files.remove(file)  # unused, or not made again: never published
                continue
            self._sizes[source] = prepared.px
            file.abs_src_path = str(prepared.output)  # MkDocs copies this file instead
            self._by_url[unquote(file.url)] = file

    @staticmethod
    def source_of(file) -> str | None:
        if file.src_dir is None:
            return None
        return os.path.normpath(os.path.join(file.src_dir, file.src_uri))

    def size_of(self, page_url: str, src: str) -> tuple[int, int] | None:
        """Published pixel size of the image ``src`` seen from the page at ``page_url``."""
        try:
            parts = urlsplit(src)
            target = unquote(urlsplit(urljoin("/" + page_url, parts.path)).path).lstrip("/")
        except ValueError:
            return None
        if parts.scheme or parts.netloc:
            return None
        file = self._by_url.get(target)
        source = self.source_of(file) if file is not None else None
        if source is None:
            return None
        if source not in self._sizes:
            self._sizes[source] = header_size(Path(source))
        return self._sizes[source]

    def page_html(self, html: str, page_url: str) -> str:
        return add_img_attributes(html, lambda src: self.size_of(page_url, src))
