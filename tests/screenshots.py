"""`make screenshots`: what readers see, on a phone and on a desktop, to look at before changing
a template or a style.

Builds the site without kits (a sample kit list fills the downloads page), opens every template
of tests/phone_pages.py in the four languages, light and dark, at 360 x 740 (a cheap Android
phone) and 1280 x 800, plus each language's home page with the search open, and writes PNGs and
an index page to look at them side by side: screenshots/index.html. Debian's chromium, no
network.

    python tests/screenshots.py [--site DIR] [--out screenshots] [--only NAME,...] [--lang fr,...]
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
import tempfile
import time
from pathlib import Path

from browser import ARGS, CHROMIUM, Server, build
from phone_pages import LANGUAGES, add_sample_kits, existing, open_search, prepare, url

ROOT = Path(__file__).resolve().parents[1]
DEVICES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
SCHEMES = ("light", "dark")
MAX_HEIGHT = {"phone": 4 * 740, "desktop": 3 * 800}  # long pages: the top is what matters


def shoot(site: Path, out: Path, only: set[str] | None, languages: tuple[str, ...]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    add_sample_kits(site)
    templates = {n: p for n, p in existing(site).items() if not only or n in only}
    shots = []
    server = Server(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for device, viewport in DEVICES.items():
                for scheme in SCHEMES:
                    context = browser.new_context(
                        viewport=viewport,
                        color_scheme=scheme,
                        device_scale_factor=1,
                        is_mobile=device == "phone",
                        has_touch=device == "phone",
                    )
                    page = context.new_page()
                    for lang in languages:
                        for name, path in [*templates.items(), ("search", "")]:
                            if name == "404" and lang != "fr":
                                continue
                            page.goto(url(server.url, lang, path))
                            if name == "search":
                                open_search(page, lang)
                            else:
                                prepare(page, name, lang)
                            file = out / f"{name}.{lang}.{device}.{scheme}.png"
                            height = min(
                                MAX_HEIGHT[device],
                                page.evaluate("document.documentElement.scrollHeight"),
                            )
                            full = name != "search" and "#" not in path
                            page.screenshot(
                                path=str(file),
                                full_page=full,
                                clip={"x": 0, "y": 0, "width": viewport["width"], "height": height}
                                if full
                                else None,
                            )
                            shots.append(
                                {
                                    "name": name,
                                    "lang": lang,
                                    "device": device,
                                    "scheme": scheme,
                                    "file": file.name,
                                }
                            )
                    context.close()
            browser.close()
    finally:
        server.stop()
    return shots


def index_page(shots: list[dict]) -> str:
    """One row per template and language: phone light, phone dark, desktop light, desktop dark."""
    by_key = {(s["name"], s["lang"], s["device"], s["scheme"]): s["file"] for s in shots}
    rows = []
    for name in dict.fromkeys(s["name"] for s in shots):
        for lang in LANGUAGES:
            cells = [by_key.get((name, lang, d, c)) for d in DEVICES for c in SCHEMES]
            if not any(cells):
                continue
            images = "".join(
                f'<td><a href="{f}"><img src="{f}" loading="lazy" alt="{html.escape(f)}"></a></td>'
                if f
                else "<td></td>"
                for f in cells
            )
            rows.append(
                f'<tr id="{name}-{lang}"><th>{html.escape(name)}<br>{lang}</th>{images}</tr>'
            )
    head = "".join(f"<th>{d} · {c}</th>" for d in DEVICES for c in SCHEMES)
    return (
        "<!doctype html><meta charset=utf-8><title>Screenshots</title>"
        "<style>body{font:14px sans-serif;margin:1em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;vertical-align:top;padding:4px}"
        "img{width:240px;height:auto;max-height:640px;object-fit:cover;object-position:top}"
        "th{position:sticky;left:0;background:#fff}</style>"
        "<h1>What readers see</h1><p>Phone: 360 × 740; desktop: 1280 × 800, cut to the top of the page. "
        "Click an image for the full size.</p>"
        f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--site", type=Path, help="an existing build (default: build one without kits)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--only", help="template names, comma-separated")
    parser.add_argument("--lang", default=",".join(LANGUAGES))
    args = parser.parse_args(argv)
    if not CHROMIUM:
        print("Debian's chromium is missing: `sudo apt-get install chromium`.", file=sys.stderr)
        return 1
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as temporary:
        site = args.site
        if site is None:
            print("Building the site (no kits)...", flush=True)
            site = build(ROOT, Path(temporary) / "site", HUB_KITS="0")
        else:  # leave the given build as it was: the sample kits go into a copy
            site = Path(shutil.copytree(site, Path(temporary) / "site"))
        if args.out.exists():
            shutil.rmtree(args.out)
        args.out.mkdir(parents=True)
        only = set(args.only.split(",")) if args.only else None
        shots = shoot(site, args.out, only, tuple(args.lang.split(",")))
    (args.out / "index.html").write_text(index_page(shots), encoding="utf-8")
    print(
        f"{len(shots)} screenshots in {args.out}/ ({time.monotonic() - start:.0f} s): open "
        f"{args.out / 'index.html'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
