"""The list of kits on the downloads page of each language, with size, date and checksum.

The kits are built after the pages, so the list is written into the built downloads pages at
the end (:func:`fill_downloads_pages`); each page's own download block is in
:mod:`toolkit.render.downloads`."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.content.languages import colon as colon_of
from toolkit.kits.contents import CONTENTS_KEY, Part, sentences
from toolkit.kits.signing import HUB_PUBLIC_KEY
from toolkit.render.downloads import DOWNLOADS_PAGE, MARKER
from toolkit.render.labels import is_fallback, label


def _kit_name(kit: dict, lang: str) -> str:
    name = label(f"kits.name.{kit['kit']}", lang)
    if kit["kit"] in ("sahelink", "zim"):
        code = (
            kit["file"]
            .removesuffix(".zip")
            .removesuffix(".zim")
            .rsplit("-", 1)[-1]
            .rsplit("_", 1)[-1]
        )
        name += f" ({label('language.' + code, lang)})"
    return name


def _about(kit: dict, lang: str) -> str:
    """HTML: what the kit holds, said from the counts the index carries (never by hand); in
    French, marked so, where ``lang`` has no translation of its words (Soninké today)."""
    parts = [Part.of_json(part) for part in kit.get("contents", ())]
    said = "<br>".join(html.escape(sentence) for sentence in sentences(parts, lang))
    return f'<span lang="fr">{said}</span>' if said and is_fallback(CONTENTS_KEY, lang) else said


def kits_table(index: dict, lang: str, depth: int, signed: bool = False) -> str:
    """The kits as a table; on a phone each row is a block, its cells named by ``data-label``
    (docs/assets/hub.css). Then how to check them, and the hub's public key."""
    colon = colon_of(lang)
    size, date, sha = (
        html.escape(label(key, lang) + colon, quote=True)
        for key in ("kits.size", "kits.date", "kits.sha256")
    )
    rows = []
    for kit in index["kits"]:
        folder = "kiwix/" if kit["kit"] == "zim" else ""
        href = "../" * depth + f"downloads/{folder}{kit['file']}"
        rows.append(
            f'<tr><td><a href="{href}" download>{html.escape(_kit_name(kit, lang))}</a><br>'
            f"<small>{_about(kit, lang)}</small></td>"
            f'<td data-label="{size}">{kit["size"] / 1e6:.1f} MB</td><td data-label="{date}">{kit["date"]}</td>'
            f'<td data-label="{sha}"><code class="hub-sha">{kit["sha256"]}</code></td></tr>'
        )
    head = "".join(
        f"<th>{html.escape(label(key, lang))}</th>"
        for key in ("kits.kit", "kits.size", "kits.date", "kits.sha256")
    )
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p><a href="{"../" * depth}downloads/SHA256SUMS">SHA256SUMS</a> · '
        f"{html.escape(label('kits.verify', lang))}</p>"
        f"<p>{html.escape(label('kits.signature', lang))} <code>{HUB_PUBLIC_KEY}</code>"
        + (
            f' · <a href="{"../" * depth}downloads/SHA256SUMS.minisig">SHA256SUMS.minisig</a>'
            if signed
            else ""
        )
        + f" · <code>minisign -Vm SHA256SUMS -P {HUB_PUBLIC_KEY}</code></p>"
    )


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
        signed = (site_dir / "downloads" / "SHA256SUMS.minisig").is_file()
        page.write_text(
            text[:start] + kits_table(index, lang, depth, signed) + text[end:], encoding="utf-8"
        )
        filled += 1
    return filled


# -- no page links to a kit that is not there ----------------------------------------------------
#
# The pages are written before the kits: while the kits are built, every page's download block is
# held in an HTML comment (no link), and released once every kit is in place. A build killed or
# failed in between leaves pages without download links, never links to missing files.

_BLOCK = re.compile(r'<p class="hub-download">.*?</p>', re.DOTALL)
_HELD = re.compile(r"<!--hub:held-download (.*?) -->", re.DOTALL)
_SKIP = ("downloads", ".downloads.tmp", ".downloads.old")


def _pages(site_dir: Path):
    for path in sorted(site_dir.rglob("*.html")):
        if path.relative_to(site_dir).parts[0] not in _SKIP and not path.is_symlink():
            yield path


def _rewrite(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def hold_download_links(site_dir: Path) -> int:
    """Put every page's download block in a comment; return the pages changed."""
    changed = 0
    for path in _pages(Path(site_dir)):
        text = path.read_text(encoding="utf-8")
        if 'class="hub-download"' in text:
            _rewrite(path, _BLOCK.sub(lambda m: f"<!--hub:held-download {m[0]} -->", text))
            changed += 1
    return changed


def release_download_links(site_dir: Path) -> int:
    """Undo :func:`hold_download_links` once the kits are in place; return the pages changed."""
    changed = 0
    for path in _pages(Path(site_dir)):
        text = path.read_text(encoding="utf-8")
        if "<!--hub:held-download " in text:
            _rewrite(path, _HELD.sub(lambda m: m[1], text))
            changed += 1
    return changed
