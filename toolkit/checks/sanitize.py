"""The one HTML sanitizer of the hub: what may be published, as data, and Ammonia (``nh3``) to
enforce it.

Every HTML fragment that comes from content (page bodies, catalogue cards, credits, glossary,
notices) passes through :func:`sanitize` before it is written. The allowlist below is the whole
policy:

- elements and attributes on :data:`ELEMENTS` / :data:`ATTRIBUTES`; no event handler, no
  ``style``; the hub's generated pages (catalogue filters) may use :data:`GENERATED_ELEMENTS` too;
- URLs: images only from the site itself (a relative path); links to the site, to ``#anchors``,
  or to ``https:`` / ``http:`` / ``mailto:`` addresses (following a link is the reader's choice,
  loading an image is not); a protocol-relative (``//host``) or backslash address is refused,
  as are ``javascript:``, ``data:`` and every other scheme, however disguised (entities, tabs:
  Ammonia reads them as a browser does).

:func:`changes` says what the sanitizer removed (for ``--strict`` and ``hub check``): it compares
Ammonia's output with the allowlist against its output with everything allowed, so that both
go through the same HTML5 parser and serializer and only the policy differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nh3

#: Elements a page's content may contain (what Python-Markdown and the site's extensions write,
#: and the raw HTML the writing rules allow).
ELEMENTS = frozenset(
    "a abbr audio b blockquote br caption code dd del details div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img input ins kbd li mark ol p pre q s small source span strong sub "
    "summary sup table tbody td tfoot th thead tr u ul".split()
)
#: Attributes allowed on every element, then per element.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"class", "id", "lang", "title", "dir"}),
    "a": frozenset({"href", "hreflang", "download"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "ol": frozenset({"start", "reversed"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    # the hub's player of a capsule's recording (toolkit/render/player.py): a file of the site
    "audio": frozenset({"controls"}),
    "source": frozenset({"src", "type"}),
    "input": frozenset({"disabled", "checked"}),  # pymdownx.tasklist's check boxes
    "abbr": frozenset({"title"}),
    "q": frozenset(),
}
#: Attributes allowed with these values only.
ATTRIBUTE_VALUES: dict[str, dict[str, frozenset[str]]] = {
    "input": {"type": frozenset({"checkbox"})},
    "audio": {"preload": frozenset({"none"})},  # not one byte before the listener presses play
}
#: What the page renderers put before a body whose first line is indented (see
#: toolkit.checks.rendered.body_block): a comment, which exports drop without a word.
BODY_START = "<!-- hub:body -->"

#: Only the hub's generated pages (catalogues: the filter form over the cards' data-* values).
#: Never ``noscript``: its content is text to the sanitizer's parser and markup to a browser
#: with scripting on (or the other way round), and generated pages carry contributors' text.
GENERATED_ELEMENTS = frozenset("form label select option button output".split())
GENERATED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "form": frozenset({"hidden"}),
    "p": frozenset({"hidden"}),  # the catalogue's "nothing matches" message, shown by catalogue.js
    "select": frozenset({"name"}),
    "option": frozenset({"value"}),
    "button": frozenset({"type"}),
}
#: Elements removed with their content (the rest keep their text when the tag goes).
REMOVED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "template",
        "iframe",
        "object",
        "noscript",
        "textarea",
        "svg",
        "math",
        "title",
        "xmp",
        "noembed",
        "noframes",
    }
)
LINK_SCHEMES = frozenset({"https", "http", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src"})  # <source src>: like an image, the site's own only
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_STRIPPED = re.compile(r"[\t\n\r]")


def _url_allowed(element: str, value: str) -> bool:
    url = _STRIPPED.sub("", value).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
        "\x1d\x1e\x1f "
    )
    if url.startswith(("//", "/\\", "\\")):
        return False  # another host, whatever it looks like
    scheme = _SCHEME.match(url)
    if scheme is None:
        return True  # a path on the site itself, or an #anchor
    return element == "a" and scheme[1].lower() in LINK_SCHEMES


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES and not _url_allowed(element, value):
        return None
    return value


def _cleaner(generated: bool) -> nh3.Cleaner:
    elements = ELEMENTS | (GENERATED_ELEMENTS if generated else frozenset())
    attributes = {k: set(v) for k, v in ATTRIBUTES.items()}
    if generated:
        attributes.update({k: set(v) for k, v in GENERATED_ATTRIBUTES.items()})
    return nh3.Cleaner(
        tags=set(elements),
        clean_content_tags=set(REMOVED_WITH_CONTENT - elements),
        attributes=attributes,
        tag_attribute_values={
            e: {a: set(v) for a, v in av.items()} for e, av in ATTRIBUTE_VALUES.items()
        },
        generic_attribute_prefixes={"data-"} if generated else set(),
        attribute_filter=_attribute_filter,
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=False,
    )


_CONTENT = _cleaner(generated=False)
_GENERATED = _cleaner(generated=True)
#: The same parser and serializer with nothing refused: the baseline :func:`changes` compares to.
_EVERYTHING = nh3.Cleaner(
    tags=set(nh3.ALLOWED_TAGS)
    | ELEMENTS
    | GENERATED_ELEMENTS
    | REMOVED_WITH_CONTENT
    | {
        "img",
        "input",
        "form",
        "link",
        "meta",
        "base",
        "embed",
        "frame",
        "frameset",
        "video",
        "audio",
        "source",
        "track",
        "picture",
        "canvas",
        "dialog",
        "marquee",
        "applet",
        "portal",
    },
    clean_content_tags=set(),
    attributes={},
    generic_attribute_prefixes={""},
    url_schemes={"javascript", "data", "vbscript", "http", "https", "mailto", "file", "ftp"},
    link_rel=None,
    strip_comments=False,
)


def sanitize(html: str, generated: bool = False) -> str:
    """``html`` with everything outside the allowlist removed (``generated``: a hub page)."""
    return (_GENERATED if generated else _CONTENT).clean(html)


@dataclass(frozen=True)
class Change:
    """One thing the sanitizer removed: what (for a message) and a string to find it in the source."""

    what: str
    needle: str


def changes(html: str, generated: bool = False) -> list[Change]:
    """What :func:`sanitize` removes from ``html`` (empty when it publishes it as it is)."""
    baseline = _EVERYTHING.clean(html)
    cleaned = sanitize(html, generated)
    if cleaned == baseline:
        return []
    found = _Differ(generated).run(baseline)
    return found or [Change("HTML that the sanitizer had to rewrite", "<")]


class _Differ(HTMLParser):
    """Names, in reading order, the elements, attributes and URLs of a serialized fragment
    (Ammonia's output, so well-formed) that the allowlist refuses."""

    def __init__(self, generated: bool):
        super().__init__(convert_charrefs=True)
        self.elements = ELEMENTS | (GENERATED_ELEMENTS if generated else frozenset())
        self.generated = generated
        self.found: list[Change] = []

    def run(self, html: str) -> list[Change]:
        self.feed(html)
        self.close()
        seen, out = set(), []
        for change in self.found:
            if change not in seen:
                seen.add(change)
                out.append(change)
        return out

    def _allowed_attribute(self, element: str, name: str, value: str | None) -> bool:
        if name in ATTRIBUTES["*"] or name in ATTRIBUTES.get(element, ()):
            return True
        if name in ATTRIBUTE_VALUES.get(element, {}):
            return value in ATTRIBUTE_VALUES[element][name]
        return self.generated and (
            name.startswith("data-") or name in GENERATED_ATTRIBUTES.get(element, ())
        )

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in self.elements:
            self.found.append(Change(f"the element <{tag}>", f"<{tag}"))
            return
        for name, value in attrs:
            if not self._allowed_attribute(tag, name, value):
                kind = "event handler" if name.startswith("on") else "attribute"
                needle = value.strip()[:30] if value and len(value.strip()) >= 4 else name
                self.found.append(Change(f"the {kind} '{name}' on <{tag}>", needle))
            elif (
                name in URL_ATTRIBUTES
                and value is not None
                and (not _url_allowed(tag, value) or _scheme_refused(value))
            ):
                shown = " ".join(value.split())[:60]
                self.found.append(Change(f"the address '{shown}' on <{tag}>", _needle(value)))

    handle_startendtag = handle_starttag


def _scheme_refused(value: str) -> bool:
    scheme = _SCHEME.match(_STRIPPED.sub("", value).strip())
    return scheme is not None and scheme[1].lower() not in LINK_SCHEMES


def _needle(url: str) -> str:
    """A part of ``url`` likely to be in the source as written (entities and tabs aside)."""
    tail = re.split(r"[:\s]", url.strip(), maxsplit=1)[-1]
    return tail[:30] or url[:30]


# ------------------------------------------------------------------ files published as they are

UNPUBLISHABLE_SUFFIXES = frozenset(
    {".html", ".htm", ".xhtml", ".shtml", ".xht", ".mht", ".svgz", ".xml", ".xsl", ".xslt"}
)
#: Anything in an SVG that could run script or reach another host.
SVG_ACTIVE = re.compile(
    rb"<\s*(?:[\w-]+:)?(?:script|foreignObject|iframe|embed|object|handler|listener|set|animate\w*)\b"
    rb"|\son[a-z]+\s*=|(?:href|src)\s*=\s*[\"']?\s*(?!#)[^\s\"'>]|javascript:|url\s*\(|<!ENTITY|<!DOCTYPE"
    rb"|@import|xml-stylesheet",
    re.IGNORECASE,
)


def unpublishable(src_uri: str, path: Path | None) -> str | None:
    """Why the file ``src_uri`` of docs/ must not be published as it is, or None."""
    suffix = Path(src_uri).suffix.lower()
    if suffix in UNPUBLISHABLE_SUFFIXES:
        return (
            "an HTML or XML file would be published as it is, with no sanitizing "
            "and no Content-Security-Policy"
        )
    if suffix == ".svg":
        try:
            data = path.read_bytes() if path is not None else b""
        except OSError:
            return "the SVG image cannot be read"
        if SVG_ACTIVE.search(data):
            return (
                "the SVG image holds a script, an event handler, an entity or a reference "
                "to another file or host"
            )
    return None


# ------------------------------------------------------------------ exports (pandoc's parse)

#: In exports (EPUB, DOCX, PDF) images come from Markdown only (pandoc embeds what a raw <img>
#: names, from the disk or the network): no raw <img> or <input>.
EXPORT_ELEMENTS = ELEMENTS - {"img", "input"}
#: pandoc attributes ``{key=value}`` an export keeps (pandoc writes others as HTML attributes).
EXPORT_KEYS = frozenset({"lang", "dir", "width", "height"})
_ATTR_AT = {
    "Header": 1,
    "CodeBlock": 0,
    "Div": 0,
    "Span": 0,
    "Code": 0,
    "Link": 0,
    "Image": 0,
    "Table": 0,
    "Figure": 0,
}
_OPENING = re.compile(r"^\s*<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>\s*$", re.S)
_CLOSING = re.compile(r"^\s*</([a-zA-Z][a-zA-Z0-9-]*)\s*>\s*$")
_EXPORT = nh3.Cleaner(
    tags=set(EXPORT_ELEMENTS),
    clean_content_tags=set(REMOVED_WITH_CONTENT) | {"img"},
    attributes={k: set(v) for k, v in ATTRIBUTES.items() if k != "img"},
    attribute_filter=_attribute_filter,
    url_schemes=set(LINK_SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def _export_html(text: str) -> str:
    """A raw HTML fragment of pandoc's parse (often a lone opening or closing tag), sanitized."""
    closing = _CLOSING.match(text)
    if closing:
        return text.strip() if closing[1].lower() in EXPORT_ELEMENTS else ""
    opening = _OPENING.match(text)
    cleaned = _EXPORT.clean(text)
    if opening and opening[1].lower() in EXPORT_ELEMENTS:
        end = f"</{opening[1].lower()}>"
        return cleaned[: -len(end)] if cleaned.endswith(end) else cleaned
    return cleaned


def sanitize_pandoc(node, images_under: str) -> list[str]:
    """Sanitize pandoc's JSON document ``node`` in place, the body and the metadata: raw HTML
    through the allowlist, raw content for other formats (Typst, OpenXML, LaTeX) dropped, links
    only to allowed addresses, images only from the folder ``images_under``, attributes limited to
    ids, classes and :data:`EXPORT_KEYS`. Returns what was removed."""
    removed: list[str] = []

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
            return
        if not isinstance(value, dict):
            return
        kind, content = value.get("t"), value.get("c")
        if kind in ("RawInline", "RawBlock") and isinstance(content, list) and len(content) == 2:
            fmt, text = content
            cleaned = _export_html(text) if str(fmt).lower() in ("html", "html5", "html4") else ""
            if cleaned != text.strip() and cleaned != text and text.strip() != BODY_START:
                removed.append(f"raw {fmt} {' '.join(str(text).split())[:60]!r}")
            value["c"] = ["html", cleaned]
            return
        if kind in _ATTR_AT and isinstance(content, list):
            attr = content[_ATTR_AT[kind]]
            if isinstance(attr, list) and len(attr) == 3 and isinstance(attr[2], list):
                kept = [
                    kv for kv in attr[2] if isinstance(kv, list) and kv and kv[0] in EXPORT_KEYS
                ]
                if kept != attr[2]:
                    removed.append(f"attributes {[kv[0] for kv in attr[2] if kv not in kept]}")
                attr[2] = kept
        if kind in ("Link", "Image") and isinstance(content, list) and len(content) == 3:
            url = content[2][0] if isinstance(content[2], list) and content[2] else ""
            if kind == "Link" and not _url_allowed("a", url):
                removed.append(f"the address {url[:60]!r}")
                value["t"], value["c"] = "Span", [["", [], []], content[1]]  # the text, no link
            elif kind == "Image" and not (
                url.startswith(images_under)
                and ".." not in url.split("/")
                and unpublishable(url, Path(url)) is None
            ):
                removed.append(f"the image {url[:60]!r}")
                value["t"], value["c"] = "Span", [["", [], []], content[1]]
        if "t" in value:
            walk(value.get("c"))
        else:  # the document (meta, blocks), or the entries of a metadata map
            for key, item in value.items():
                if key != "pandoc-api-version":
                    walk(item)

    walk(node)
    return removed


def policy_fingerprint() -> str:
    """Changes when the allowlist, the sanitizing code or nh3 change (for caches of sanitized output)."""
    import hashlib
    from importlib import metadata

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(metadata.version("nh3").encode())
    return digest.hexdigest()[:16]
