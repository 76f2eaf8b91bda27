"""SVG pictures, parsed and written again by the hub from an allowlist: nothing of the source's
bytes is published.

An SVG is a program as much as a picture: opened as a file (GitHub Pages sends no header and an
SVG has no page, so no Content-Security-Policy) it runs its scripts in the site's origin and
fetches what it names. So the hub never publishes the contributor's file; it publishes what
:func:`clean` writes:

1. The file is parsed as XML by defusedxml's expat reader: a DTD, an entity or an external
   reference stops the parse (no billion laughs, no ``file:///etc/passwd``). Namespaces are
   resolved, so ``<s:script xmlns:s="http://www.w3.org/2000/svg">`` is a script like any other.
2. Only elements of :data:`ELEMENTS` in the SVG namespace are written. Editors' own elements and
   attributes (Inkscape, Sodipodi, Illustrator, RDF), ``<metadata>`` (author, licence, editing
   history), comments and processing instructions (``<?xml-stylesheet?>``) are left out silently:
   they do nothing on screen. Everything that runs, fetches or embeds (:data:`ACTIVE`: scripts,
   ``<foreignObject>`` and any XHTML element, ``<image>``, ``<feImage>``, animations that can set
   an ``href``, event handlers, any ``href`` but ``#id``) is left out and reported at its line.
3. Attributes are those of :data:`ATTRIBUTES`; a value and every ``style`` declaration and
   ``<style>`` rule is read as CSS with its escapes and comments decoded first (``@\\69mport``
   is ``@import``, ``u\\72l(`` is ``url(``), and may call only the functions of
   :data:`CSS_FUNCTIONS`, with ``url()`` only to ``#id`` in the same file: no ``@`` rule, no
   ``image-set()``. What is written is the decoded value, which holds no escape.
4. The output is XML the hub writes: the SVG namespace (and XLink for ``xlink:href``), elements
   and attributes escaped, UTF-8. It is refused beyond :data:`MAX_ELEMENTS` elements or
   :data:`MAX_DEPTH` levels.

The same function serves ``hub check`` (the problems, at their line) and the build (the bytes).
"""

from __future__ import annotations

import hashlib
import io
import re
import xml.sax
import xml.sax.handler
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from toolkit.base.build_caches import Memo

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"

#: A drawing is a few KB; the file is refused before it is parsed above this size.
MAX_BYTES = 1_000_000
MAX_ELEMENTS = 20_000
MAX_DEPTH = 64

#: Elements that draw, group, reuse or style within the file.
ELEMENTS = frozenset(
    """svg g defs symbol use title desc switch path rect circle ellipse line polyline polygon
    text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker a style
    filter feBlend feColorMatrix feComponentTransfer feFuncR feFuncG feFuncB feFuncA feComposite
    feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood
    feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting
    feSpotLight feTile feTurbulence""".split()
)
#: Elements that hold text the reader sees (or hears, for title and desc).
TEXT_ELEMENTS = frozenset({"text", "tspan", "textPath", "a", "title", "desc", "style"})
#: Left out silently: they do nothing on screen and may carry personal data.
SILENT = frozenset({"metadata"})
#: Elements that run script, fetch, embed another document or change an address: reported.
ACTIVE = frozenset(
    """script foreignObject iframe embed object image feImage animate animateMotion
    animateTransform animateColor set discard handler listener cursor font-face-uri
    font-face-src font-face video audio canvas iframe""".split()
)

PRESENTATION = frozenset(
    """fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap
    stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset opacity color display
    visibility clip-path clip-rule mask filter marker-start marker-mid marker-end stop-color
    stop-opacity font-family font-size font-weight font-style font-variant font-stretch
    text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing
    text-decoration writing-mode direction unicode-bidi flood-color flood-opacity lighting-color
    color-interpolation color-interpolation-filters shape-rendering text-rendering
    image-rendering vector-effect paint-order mix-blend-mode isolation overflow white-space
    transform-origin transform-box""".split()
)
#: Properties a ``style`` attribute or ``<style>`` rule may set.
CSS_PROPERTIES = PRESENTATION | frozenset(
    {"font", "line-height", "text-align", "transform", "stroke-dasharray", "text-transform"}
)
ATTRIBUTES = PRESENTATION | frozenset(
    """id class style transform viewBox preserveAspectRatio width height x y x1 y1 x2 y2 cx cy
    r rx ry d points pathLength fx fy fr offset gradientUnits gradientTransform spreadMethod
    patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
    markerUnits markerWidth markerHeight refX refY orient dx dy rotate textLength lengthAdjust
    startOffset method spacing side filterUnits primitiveUnits in in2 result stdDeviation mode
    type values tableValues slope intercept amplitude exponent k1 k2 k3 k4 operator order
    kernelMatrix divisor bias targetX targetY edgeMode preserveAlpha surfaceScale
    diffuseConstant specularConstant specularExponent kernelUnitLength scale xChannelSelector
    yChannelSelector radius azimuth elevation pointsAtX pointsAtY pointsAtZ limitingConeAngle
    baseFrequency numOctaves seed stitchTiles version role aria-label aria-hidden
    aria-labelledby aria-describedby lang""".split()
)
#: Attributes holding an address: only ``#id`` in the same file.
HREFS = frozenset({"href"})
#: CSS functions a value may call (``url`` only as ``url(#id)``).
CSS_FUNCTIONS = frozenset(
    """url rgb rgba hsl hsla calc var matrix translate translatex translatey scale scalex
    scaley rotate skewx skewy""".split()
)
#: What a value may hold once its escapes are decoded (no ';', braces, '<', '\\', '@', '&').
_VALUE = re.compile(r"[\w\s#%.,()+\-*/'\"!:]*")
_SELECTOR = re.compile(r"[\w\s.#,>*+~:-]+")
_FUNCTION = re.compile(r"([\w-]+)\s*\(")
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_ID_REF = re.compile(r"#[\w.:-]+")
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(\r\n|[\n\r\f])|(.))", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)

FIX = (
    "Export a plain drawing without scripts, links, embedded pictures, animations or external "
    "references (for example with Inkscape: Save as > Optimized SVG), or use PNG."
)


@dataclass(frozen=True)
class Cleaned:
    """What the hub publishes for an SVG file, and what it had to leave out."""

    data: bytes | None  # None: nothing can be published (not an SVG, unreadable, over a limit)
    problems: tuple[tuple[int, str, str], ...] = ()  # (line, what, fix)


def decode_css(text: str) -> str:
    """``text`` with its CSS comments removed and its escapes decoded (CSS Syntax 4.3.7)."""

    def one(match: re.Match) -> str:
        if match[1]:
            code = int(match[1], 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return "" if match[2] else match[3]

    return _CSS_ESCAPE.sub(one, _CSS_COMMENT.sub(" ", text))


def css_value_problem(value: str) -> str | None:
    """Why the decoded CSS ``value`` could run, fetch or escape its declaration, or None."""
    if "@" in value:
        return "an @ rule"
    if not _VALUE.fullmatch(value):
        return "characters a drawing does not need"
    for match in _FUNCTION.finditer(value):
        name = match[1].lower()
        if name not in CSS_FUNCTIONS:
            return f"{name}()"
    for match in _URL.finditer(value):
        if not _ID_REF.fullmatch(match[2].strip()):
            return "url() to another file or host"
    if re.search(r"url\s*\(", value, re.IGNORECASE) and not _URL.search(value):
        return "url() to another file or host"
    if re.search(r"javascript\s*:|expression|behavior|-moz-binding", value, re.IGNORECASE):
        return "a script in CSS"
    return None


def clean_declarations(text: str) -> tuple[str, list[str]]:
    """(the declarations of a ``style`` attribute that are kept, written by the hub; why the
    others were refused). Unknown properties are left out silently."""
    kept, refused = [], []
    for declaration in decode_css(text).split(";"):
        name, colon, value = declaration.partition(":")
        name, value = name.strip().lower(), " ".join(value.split())
        if not colon or not name:
            if declaration.strip():
                refused.append("a declaration that is not CSS")
            continue
        why = css_value_problem(value) or css_value_problem(name)
        if why:
            refused.append(why)
        elif name in CSS_PROPERTIES and value:
            kept.append(f"{name}:{value}")
    return ";".join(kept), refused


def clean_stylesheet(text: str) -> tuple[str, list[str]]:
    """(the rules of a ``<style>`` element that are kept, why others were refused): simple
    selectors and the declarations of :func:`clean_declarations`; no @ rule of any kind."""
    decoded = decode_css(text)
    if "@" in decoded:
        return "", ["an @ rule (@import, @font-face...)"]
    rules, refused = [], []
    rest = decoded
    for match in re.finditer(r"([^{}]*)\{([^{}]*)\}", decoded):
        selector = " ".join(match[1].split())
        body, why = clean_declarations(match[2])
        refused += why
        if not _SELECTOR.fullmatch(selector or "-"):
            refused.append("a selector the hub does not read")
        elif body:
            rules.append(f"{selector}{{{body}}}")
        rest = rest.replace(match[0], "", 1)
    if rest.strip():
        refused.append("CSS the hub does not read")
    return "".join(rules), refused


@dataclass
class _Element:
    name: str
    attrs: dict[str, str]
    line: int
    children: list = field(default_factory=list)  # _Element or str


class _TooLarge(Exception):
    pass


class _Builder(xml.sax.handler.ContentHandler):
    """The document as a tree of _Element, with each element's line."""

    def __init__(self):
        super().__init__()
        self.root: _Element | None = None
        self.stack: list[_Element | None] = []  # None: inside an element left out
        self.count = 0
        self.locator = None
        self.skipped: list[tuple[int, str]] = []  # (line, what) of active content left out
        self.not_svg: int | None = None  # the line of a root element that is not <svg>

    def setDocumentLocator(self, locator):
        self.locator = locator

    def _line(self) -> int:
        return self.locator.getLineNumber() if self.locator is not None else 1

    def startElementNS(self, name, qname, attrs):
        self.count += 1
        if self.count > MAX_ELEMENTS or len(self.stack) >= MAX_DEPTH:
            raise _TooLarge()
        uri, local = name
        parent = self.stack[-1] if self.stack else "root"
        if parent is None:
            self.stack.append(None)
            return
        line = self._line()
        if uri == SVG_NS and local in ELEMENTS and (parent != "root" or local == "svg"):
            element = _Element(local, self._attributes(local, attrs, line), line)
            if parent == "root":
                self.root = element
            else:
                parent.children.append(element)
            self.stack.append(element)
            return
        if parent == "root":
            self.not_svg = line
        elif uri in (SVG_NS, XHTML_NS, None) or local in ACTIVE:
            if local not in SILENT:
                self.skipped.append((line, f"<{qname or local}>"))
        self.stack.append(None)

    def endElementNS(self, name, qname):
        self.stack.pop()

    def characters(self, content):
        parent = self.stack[-1] if self.stack else None
        if isinstance(parent, _Element) and parent.name in TEXT_ELEMENTS:
            if parent.children and isinstance(parent.children[-1], str):
                parent.children[-1] += content
            else:
                parent.children.append(content)

    def _attributes(self, element: str, attrs, line: int) -> dict[str, str]:
        kept: dict[str, str] = {}
        for (uri, local), value in attrs.items():
            qname = (
                attrs.getQNameByName((uri, local)) if hasattr(attrs, "getQNameByName") else local
            )
            if local.lower().startswith("on") and uri in (None, SVG_NS, XHTML_NS):
                self.skipped.append((line, f"the event handler {qname}"))
                continue
            if local in HREFS and uri in (None, XLINK_NS):
                if _ID_REF.fullmatch(value.strip()):
                    kept["xlink:href"] = value.strip()
                else:
                    self.skipped.append((line, f'{qname}="{value.strip()[:40]}"'))
                continue
            if uri == XML_NS and local in ("space", "lang"):
                kept[f"xml:{local}"] = value
                continue
            if uri is not None or local not in ATTRIBUTES:
                continue  # editors' attributes, unknown ones: nothing on screen
            if local == "style":
                value, refused = clean_declarations(value)
                self.skipped += [(line, f"style: {why}") for why in refused]
                if value:
                    kept[local] = value
                continue
            if local not in PRESENTATION:  # not CSS: text, numbers, path data, ids
                kept[local] = value
                continue
            decoded = " ".join(decode_css(value).split()) if "\\" in value else value
            why = css_value_problem(decoded) if ("(" in decoded or "@" in decoded) else None
            if why or "\\" in decoded:
                self.skipped.append((line, f"{qname}: {why or 'CSS escapes'}"))
                continue
            kept[local] = decoded
        return kept


def _parse(data: bytes) -> tuple[_Builder | None, list[tuple[int, str, str]]]:
    builder = _Builder()
    parser = DefusedExpatParser(
        namespaceHandling=1, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    parser.setContentHandler(builder)
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    try:
        parser.parse(io.BytesIO(data))
    except DefusedXmlException as error:
        line = builder._line()
        return None, [(line, f"The SVG declares a DTD or an entity ({type(error).__name__}).", FIX)]
    except xml.sax.SAXParseException as error:
        return None, [
            (
                error.getLineNumber() or 1,
                f"The SVG is not well-formed XML ({error.getMessage()}).",
                "Open it in a drawing program and export it again, or use PNG.",
            )
        ]
    except _TooLarge:
        return None, [
            (
                builder._line(),
                f"The SVG has more than {MAX_ELEMENTS} elements or {MAX_DEPTH} levels of nesting.",
                "Simplify the drawing, or export it as PNG.",
            )
        ]
    except (xml.sax.SAXException, ValueError, UnicodeError) as error:
        return None, [(1, f"The SVG cannot be read ({type(error).__name__}).", FIX)]
    return builder, []


_cleaned: Memo[Cleaned] = Memo(maxsize=1024)


def clean(data: bytes) -> Cleaned:
    """The SVG the hub publishes for ``data``, written from the allowlist, and the problems of
    the source (each with its line). Made once per build for each content (``hub check``'s file
    check and the image that publishes it read the same file)."""
    return _cleaned.get(hashlib.sha256(data).digest(), lambda: _clean(data))


def _clean(data: bytes) -> Cleaned:
    if len(data) > MAX_BYTES:
        return Cleaned(
            None,
            (
                (
                    1,
                    f"The SVG is over {MAX_BYTES // 1_000_000} MB.",
                    "Simplify the drawing or export it as PNG.",
                ),
            ),
        )
    builder, problems = _parse(data)
    if builder is None:
        return Cleaned(None, tuple(problems))
    problems = [
        (
            line,
            f"The SVG carries active or external content ('{what}'); the hub leaves it out.",
            FIX,
        )
        for line, what in builder.skipped
    ]
    if builder.root is None:
        return Cleaned(
            None,
            (
                (
                    builder.not_svg or 1,
                    "The file is not an SVG drawing: its root element is not <svg> in the SVG "
                    f'namespace (xmlns="{SVG_NS}").',
                    "Export it again from a drawing program as SVG, or use PNG.",
                ),
            ),
        )
    stack = [builder.root]
    while stack:  # style sheets: only the rules the hub reads, written again decoded
        element = stack.pop()
        if element.name == "style":
            css, refused = clean_stylesheet(
                "".join(c for c in element.children if isinstance(c, str))
            )
            element.children = [css] if css else []
            problems += [
                (
                    element.line,
                    f"The SVG carries active or external content ('<style>: {why}'); the hub "
                    "leaves it out.",
                    FIX,
                )
                for why in refused
            ]
        stack += [c for c in element.children if isinstance(c, _Element)]
    out: list[str] = []
    _write(builder.root, out, root=True)
    return Cleaned(("".join(out) + "\n").encode("utf-8"), tuple(problems))


def _write(element: _Element, out: list[str], root: bool = False) -> None:
    """``element`` as XML written by the hub (iterative: the depth is bounded anyway)."""
    stack: list = [element]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        attrs = dict(item.attrs)
        if root:
            attrs = {"xmlns": SVG_NS, "xmlns:xlink": XLINK_NS, **attrs}
            root = False
        opening = "<" + item.name + "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
        if not item.children:
            out.append(opening + "/>")
            continue
        out.append(opening + ">")
        stack.append(f"</{item.name}>")
        for child in reversed(item.children):
            stack.append(escape(child) if isinstance(child, str) else child)
