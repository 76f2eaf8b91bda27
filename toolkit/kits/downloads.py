"""What the site shows of the kits: a download block on each content page (that page's PDF,
DOCX and EPUB) and, on the downloads page of each language, the list of kits with size, date
and checksum. The kits are built after the pages, so the list is written into the built
downloads pages at the end (:func:`fill_downloads_pages`)."""

from __future__ import annotations

import html
import json
from pathlib import Path

from ..labels import label
from ..site import DEFAULT_LANGUAGE, LANGUAGES

MARKER = "<!-- hub:downloads -->"
FORMATS = (("pdf", "PDF"), ("docx", "DOCX"), ("epub", "EPUB"))
DOWNLOADS_PAGE = "telechargements"


def document_files(doc) -> list[tuple[str, str]]:
    """(format label, path from the site root) of the exports of ``doc`` in its own language."""
    kind = doc.kind
    slug = doc.slug or doc.folder.rsplit("/", 1)[-1]
    base = f"downloads/sahelink-{doc.lang}/documents/{kind}/{slug}.{doc.lang}"
    files = [(name, f"{base}.{ext}") for ext, name in FORMATS]
    if kind == "curriculum":
        pack = f"downloads/sahelink-{doc.lang}/documents/curriculum/{slug}.facilitator-pack.{doc.lang}.pdf"
        files.append((label("kits.pack", doc.lang), pack))
    return files


def download_block(doc, reader: str) -> str:
    """HTML: links to the exports of ``doc`` from its page as read in ``reader``'s language."""
    depth = doc.folder.count("/") + 1 + (0 if reader == DEFAULT_LANGUAGE else 1)
    links = " · ".join(f'<a href="{"../" * depth}{path}" download>{html.escape(name)}</a>'
                       for name, path in document_files(doc))
    colon = " :" if reader == DEFAULT_LANGUAGE else ":"
    return f'\n\n<p class="hub-download"><strong>{label("kits.download", reader)}</strong>{colon} {links}</p>\n'


def downloads_page(lang: str) -> str:
    """Markdown of the downloads page: the intro and the marker the kit list replaces."""
    return (f"# {label('kits.title', lang)}\n\n{label('kits.intro', lang)}\n\n"
            f'<div class="hub-kits">\n{MARKER}\n<p>{label("kits.none", lang)}</p>\n</div>\n')


def _kit_name(kit: dict, lang: str) -> str:
    name = label(f"kits.name.{kit['kit']}", lang)
    if kit["kit"] == "sahelink":
        code = kit["file"].removeprefix("sahelink-").removesuffix(".zip")
        name += f" ({label('language.' + code, lang)})"
    return name


def kits_table(index: dict, lang: str, depth: int) -> str:
    rows = []
    for kit in index["kits"]:
        folder = "kiwix/" if kit["kit"] == "zim" else ""
        href = "../" * depth + f"downloads/{folder}{kit['file']}"
        rows.append(
            f'<tr><td><a href="{href}" download>{html.escape(_kit_name(kit, lang))}</a><br>'
            f'<small>{html.escape(label("kits.about." + kit["kit"], lang))}</small></td>'
            f"<td>{kit['size'] / 1e6:.1f} MB</td><td>{kit['date']}</td>"
            f'<td><code class="hub-sha">{kit["sha256"]}</code></td></tr>')
    head = "".join(f"<th>{label(key, lang)}</th>" for key in ("kits.kit", "kits.size", "kits.date", "kits.sha256"))
    return (f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f'<p><a href="{"../" * depth}downloads/SHA256SUMS">SHA256SUMS</a> · '
            f"{html.escape(label('kits.verify', lang))}</p>")


def fill_downloads_pages(site_dir: Path) -> int:
    """Write the kit list into each language's built downloads page; return pages filled."""
    index = json.loads((site_dir / "downloads" / "kits.json").read_text(encoding="utf-8"))
    filled = 0
    for lang in LANGUAGES:
        prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
        page = site_dir / prefix / DOWNLOADS_PAGE / "index.html"
        if not page.is_file():
            continue
        text = page.read_text(encoding="utf-8")
        start = text.find(MARKER)
        end = text.find("</div>", start)
        if start < 0 or end < 0:
            continue
        depth = 1 + (0 if lang == DEFAULT_LANGUAGE else 1)
        page.write_text(text[:start] + kits_table(index, lang, depth) + text[end:], encoding="utf-8")
        filled += 1
    return filled
