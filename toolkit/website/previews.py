"""Link previews: what WhatsApp, Signal or Facebook show for a page address that is pasted.

Practitioners pass links around in WhatsApp; without Open Graph tags a page appears as a bare
address. Every page of the online site gets, in its ``<head>``:

- ``og:title`` (the page's title), ``og:description`` (its meta description: the summary of a
  content page), ``og:site_name``, ``og:type`` (``website`` for a home page, ``article`` else);
- ``og:locale`` and one ``og:locale:alternate`` per other language of the page (read from its
  hreflang alternates, so the two agree);
- ``og:url``, the page's published address, only when ``site_url`` is known;
- ``og:image``: a small picture of the page's section (site name and section title in the
  page's language), made here with Pillow and the DejaVu fonts of the machine, nothing fetched.
  One per section and language, named by its text (``assets/previews/<section>-<digest>.png``)
  so that languages whose words are the same share one file; each is under
  :data:`IMAGE_BUDGET` bytes (a test checks).

The offline kit and the ZIM are read from a file, never shared by address: they get no tags.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from toolkit.base.build_caches import per_build
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.render.labels import is_fallback, label
from toolkit.website.config import offline_enabled

#: Open Graph locales (language_TERRITORY), per site language.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB", "bm": "bm_ML", "snk": "snk_ML"}

#: First folder of a page's address -> catalogue key of its section's title ("" = home page).
SECTION_TITLES = {
    "": "site.name",
    "methodologies": "section.methodology",
    "formations": "section.curriculum",
    "etudes-de-cas": "section.case-study",
    "outils": "section.tool",
    "glossaire": "glossary",
    "partenaires": "nav.partners",
    "telechargements": "kits.title",
    "contribuer": "nav.contribute",
}
IMAGE_FOLDER = "assets/previews"
IMAGE_SIZE = (1200, 630)  # the size link previews are drawn for (1.91:1)
IMAGE_BUDGET = 30_000  # bytes: a preview is fetched by every phone the link is sent to

#: The site's colours (docs/assets/hub.css: the primary colour, chosen for AA contrast).
BACKGROUND = (0x9C, 0x3A, 0x12)
FOREGROUND = (0xFF, 0xFF, 0xFF)
KICKER = 205  # the site's name and the rule: a blend towards white (contrast 5:1 on the colour)
LEVELS = 16
FONT_FOLDERS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu"),  # Fedora, Arch
    Path("/usr/local/share/fonts"),
    Path("/opt/homebrew/share/fonts"),
    Path("/Library/Fonts"),
)
FONT_MISSING = (
    "link previews: the DejaVu fonts are not installed, so the pages' preview pictures cannot "
    "be drawn. Fix: install them (Debian/Ubuntu: apt-get install fonts-dejavu-core; macOS: "
    "brew install --cask font-dejavu)."
)


class PreviewError(RuntimeError):
    """A preview picture cannot be made (a missing font); the message says how to fix it."""


def section_of(url: str, lang: str) -> str:
    """The section of a page from its address (``en/outils/x/`` -> ``outils``); "" for a page
    outside the sections (home, 404)."""
    parts = [part for part in url.split("/") if part]
    if parts and lang != DEFAULT_LANGUAGE and parts[0] == lang:
        parts = parts[1:]
    first = parts[0] if parts else ""
    return first if first in SECTION_TITLES else ""


@dataclass(frozen=True)
class Picture:
    """What a preview picture says: the site's name and the section's title."""

    site_name: str
    heading: str

    @property
    def alt(self) -> str:
        return f"{self.site_name} — {self.heading}" if self.site_name else self.heading

    @property
    def name(self) -> str:
        digest = hashlib.sha256(f"{self.site_name}\n{self.heading}".encode()).hexdigest()
        return f"{digest[:12]}.png"


def picture(section: str, lang: str) -> Picture:
    site_name = label("site.name", lang)
    if section == "":  # the home page: the site's name alone
        return Picture("", site_name)
    return Picture(site_name, label(SECTION_TITLES[section], lang))


def pictures() -> dict[str, Picture]:
    """Every picture the site uses, by file name (one per section and language, shared when
    the words are the same)."""
    found = {}
    for lang in LANGUAGES:
        for section in SECTION_TITLES:
            one = picture(section, lang)
            found[one.name] = one
    return found


@per_build(maxsize=4)
def _font_file(name: str) -> Path:
    for folder in FONT_FOLDERS:
        for path in (folder / name, *sorted(folder.glob(f"**/{name}"))):
            if path.is_file():
                return path
    raise PreviewError(FONT_MISSING)


def _font(name: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(_font_file(name)), size)


def _lines(draw, text: str, font, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` pixels (a long word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def render(one: Picture) -> bytes:
    """The PNG of a preview picture: the section's title large, the site's name above it, on
    the site's colour. Drawn as grey levels, then given a palette of 16 blends between the two
    colours: a small file, made in a few milliseconds."""
    from PIL import Image, ImageDraw

    width, height = IMAGE_SIZE
    margin = 80
    image = Image.new("L", IMAGE_SIZE, 0)  # 0 = the site's colour, 255 = white
    draw = ImageDraw.Draw(image)
    small = _font("DejaVuSans.ttf", 40)
    draw.rectangle((margin, margin, margin + 120, margin + 12), fill=KICKER)
    y = margin + 50
    kicker = _lines(draw, one.site_name, small, width - 2 * margin) if one.site_name else []
    for line in kicker[:2]:
        draw.text((margin, y), line, font=small, fill=KICKER)
        y += 52
    size = 84
    while size > 40:  # the largest size at which the heading fits in three lines
        big = _font("DejaVuSans-Bold.ttf", size)
        lines = _lines(draw, one.heading, big, width - 2 * margin)
        too_wide = any(draw.textlength(line, font=big) > width - 2 * margin for line in lines)
        if len(lines) <= 3 and not too_wide:
            break
        size -= 6
    y = max(y + 40, height - margin - len(lines[:3]) * int(size * 1.2))
    for line in lines[:3]:
        draw.text((margin, y), line, font=big, fill=255)
        y += int(size * 1.2)
    levels = image.point(lambda value: value * LEVELS // 256)
    indexed = Image.frombytes("P", IMAGE_SIZE, levels.tobytes())
    palette = []
    for level in range(LEVELS):
        share = level / (LEVELS - 1)
        palette += [round(b + (f - b) * share) for b, f in zip(BACKGROUND, FOREGROUND, strict=True)]
    indexed.putpalette(palette)
    out = io.BytesIO()
    indexed.save(out, format="PNG", compress_level=9, bits=4)
    return out.getvalue()


def write_pictures(site_dir: Path, cache_dir: Path | None = None) -> list[Path]:
    """Write every preview picture under ``site_dir`` (made once, then copied from
    ``cache_dir`` by name: the name is the digest of what the picture says)."""
    folder = Path(site_dir) / IMAGE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, one in sorted(pictures().items()):
        cached = Path(cache_dir) / name if cache_dir else None
        if cached is not None and cached.is_file():
            data = cached.read_bytes()
        else:
            data = render(one)
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(data)
        (folder / name).write_bytes(data)
        written.append(folder / name)
    return written


HREFLANG = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="([^"]+)">')


def _meta(prop: str, content: str) -> str:
    return f'<meta property="{prop}" content="{html.escape(content, quote=True)}">'


def tags(
    head: str,
    *,
    title: str,
    description: str | None,
    site_name: str,
    lang: str,
    page_url: str,
    site_url: str | None,
    home: bool,
) -> str:
    """The Open Graph tags of a page whose ``<head>`` is ``head``; text arguments are plain
    text (escaped here). ``page_url`` is the page's address from the site's root."""
    shown = picture(section_of(page_url, lang), lang)
    image = f"{IMAGE_FOLDER}/{shown.name}"
    lines = [
        _meta("og:type", "website" if home else "article"),
        _meta("og:title", title),
        _meta("og:site_name", site_name),
    ]
    if description:
        lines.append(_meta("og:description", description))
    lines.append(_meta("og:locale", OG_LOCALES.get(lang, lang)))
    for other in dict.fromkeys(HREFLANG.findall(head)):
        if other != lang and other in OG_LOCALES:
            lines.append(_meta("og:locale:alternate", OG_LOCALES[other]))
    base = site_url.rstrip("/") + "/" if site_url else None
    if base:
        lines.append(_meta("og:url", base + quote(page_url)))
    image_address = base + image if base else "../" * page_url.count("/") + image
    lines += [
        _meta("og:image", image_address),
        _meta("og:image:type", "image/png"),
        _meta("og:image:width", str(IMAGE_SIZE[0])),
        _meta("og:image:height", str(IMAGE_SIZE[1])),
        _meta("og:image:alt", shown.alt),
    ]
    return "\n    ".join(lines)


def add_tags(output: str, **values) -> str:
    """``output`` with its Open Graph tags at the end of its ``<head>`` (see :func:`tags`)."""
    end = output.find("</head>")
    if end < 0:
        return output
    return output[:end] + "  " + tags(output[:end], **values) + "\n  " + output[end:]


def share_address(title: str, address: str | None) -> str:
    """WhatsApp's share address (``https://wa.me/?text=``) for the page's title and address."""
    text = f"{title} {address}" if address else title
    return "https://wa.me/?text=" + quote(text, safe="")


def page_tags(output: str, page, config, lang: str) -> str:
    """A built page with its Open Graph tags (the online site only: see the module's note)."""
    meta = page.meta or {}
    title = str(meta.get("title") or "") or config.site_name  # page.meta is text
    description = meta.get("description") or config.site_description
    return add_tags(
        output,
        title=" ".join(title.split()),
        description=" ".join(str(description).split()) if description else None,
        site_name=config.site_name,
        lang=lang,
        page_url=page.url,
        site_url=config.site_url,
        home=section_of(page.url, lang) == "" and page.url in ("", f"{lang}/"),
    )


def not_found_tags(output: str, config, lang: str) -> str:
    """The 404 page's tags (MkDocs renders it from its template, with no page object)."""
    return add_tags(
        output,
        title=config.site_name,
        description=" ".join(str(config.site_description or "").split()) or None,
        site_name=config.site_name,
        lang=lang,
        page_url="404.html",
        site_url=config.site_url,
        home=False,
    )


ARTICLE_END = "</article>"


def share_link(title: str, address: str | None, lang: str, script: bool) -> str:
    """The "Partager" link: WhatsApp's share address with the title and the page's address.
    Online, ``docs/assets/hub.js`` fills in the address the reader is on when the site's is
    not known, and uses the phone's own share sheet (Web Share API) where there is one."""
    href = html.escape(share_address(title, address), quote=True)
    words = html.escape(label("share", lang))  # a catalogue string is text
    if is_fallback("share", lang):
        words = f'<span lang="fr">{words}</span>'

    marks = ' data-hub-share="' + html.escape(title, quote=True) + '"' if script else ""
    return f'<p class="hub-share"><a href="{href}"{marks} rel="noopener noreferrer">{words}</a></p>'


def published_path(url: str) -> str:
    """A page's address on the published site from its address in this build: the offline
    build has no directory URLs (``x/index.html`` and ``x/capsule.html`` are ``x/`` and
    ``x/capsule/`` online)."""
    if url.endswith("index.html"):
        return url[: -len("index.html")]
    if url.endswith(".html") and url != "404.html":
        return url[: -len(".html")] + "/"
    return url


def with_share_link(output: str, page, config, lang: str) -> str:
    """The page with its share link at the end of the article. The offline kit's pages (read
    from a file) get one only when the site's published address is known."""
    offline = offline_enabled(config)
    address = None
    if config.site_url:
        address = config.site_url.rstrip("/") + "/" + quote(published_path(page.url))
    elif offline:
        return output
    end = output.rfind(ARTICLE_END)
    if end < 0:
        return output
    title = str((page.meta or {}).get("title") or "") or config.site_name
    link = share_link(" ".join(title.split()), address, lang, script=not offline)
    return output[:end] + link + output[end:]
