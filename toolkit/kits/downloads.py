"""The list of kits on the downloads page of each language, with size, date and checksum.

The kits are built after the pages, so the list is written into the built downloads pages at
the end (:func:`fill_downloads_pages`); each page's own download block is in
:mod:`toolkit.render.downloads`."""

from __future__ import annotations

import html
import json
from pathlib import Path

from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.render.downloads import DOWNLOADS_PAGE, MARKER
from toolkit.render.labels import label


def _kit_name(kit: dict, lang: str) -> str:
    name = label(f"kits.name.{kit['kit']}", lang)
    if kit["kit"] in ("sahelink", "zim"):
        code = kit["file"].removesuffix(".zip").removesuffix(".zim").rsplit("-", 1)[-1].rsplit("_", 1)[-1]
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
