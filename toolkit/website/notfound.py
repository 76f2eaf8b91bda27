"""The "page not found" page, one per language, with a way home.

MkDocs renders ``404.html`` from the theme once per language build and writes it at the root of
the site, where the last language's copy wins (it was the Soninké build's, with Material's
"404 - Not found" in English). The hub's ``overrides/404.html`` prints :func:`article` in the
language of its build, and :func:`place` puts each copy where a host looks for it:

- the default language's at the root (``404.html``): GitHub Pages serves it for every missing
  address, so it also links each language's home page, in that language;
- another language's in its folder (``bm/404.html``), which Cloudflare Pages serves for the
  missing addresses under ``/bm/`` (the nearest ``404.html``) and the offline kits carry; MkDocs
  writes nothing at the root for those builds (it skips a template that renders empty).

Every string is escaped: the catalogues are data that translators send.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from markupsafe import Markup
from markupsafe import escape as markup_escape

from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from toolkit.render.labels import is_fallback, label
from toolkit.website.bridge import HubBuild

TEMPLATE = "404.html"


def _text(key: str, lang: str) -> str:
    """``key`` in ``lang``, escaped; a French fallback marked ``lang="fr"``."""
    text = escape(label(key, lang))
    return f'<span lang="fr">{text}</span>' if is_fallback(key, lang) else text


def home_address(base_url: str, lang: str) -> str:
    """The home page of ``lang`` from a 404 page (``base_url``: MkDocs' for static templates,
    the site's path from the root, so that the link works at any depth)."""
    root = base_url.rstrip("/")
    return f"{root}/" if lang == DEFAULT_LANGUAGE else f"{root}/{lang}/"


def article(lang: str, base_url: str) -> Markup:
    """The page's text in ``lang``: what happened, and the way home; on the default language's
    page (the one every host can serve), the other languages' homes too."""
    parts = [
        f"<h1>{_text('notfound.title', lang)}</h1>",
        f"<p>{_text('notfound.text', lang)}</p>",
        f'<p><a href="{escape(home_address(base_url, lang))}">{_text("notfound.home", lang)}</a></p>',
    ]
    if lang == DEFAULT_LANGUAGE:
        others = [
            f'<li lang="{other}"><a href="{escape(home_address(base_url, other))}" '
            f'hreflang="{other}">{escape(LANGUAGE_NAMES[other])} · '
            f"{escape(label('notfound.home', other))}</a></li>"
            for other in LANGUAGES
            if other != lang and not is_fallback("notfound.home", other)
        ]
        if others:
            parts.append(f"<h2>{_text('notfound.languages', lang)}</h2>")
            parts.append(f"<ul>{''.join(others)}</ul>")
    return Markup("\n".join(parts))


def install(env) -> None:
    """The Jinja globals ``overrides/404.html`` calls, in the language of the build."""
    env.globals["hub_not_found"] = lambda config, base_url: article(
        HubBuild.reader_language(config), base_url
    )
    env.globals["hub_not_found_title"] = lambda config: markup_escape(
        label("notfound.title", HubBuild.reader_language(config))
    )


def place(output: str, template_name: str, config) -> str:
    """What MkDocs writes at the root for the rendered ``template_name``: the default
    language's 404 page as it is; another language's is written into its folder here, and
    nothing at the root (an empty output is not written)."""
    lang = HubBuild.reader_language(config)
    if template_name != TEMPLATE or lang == DEFAULT_LANGUAGE:
        return output
    target = Path(config.site_dir) / lang / TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""
