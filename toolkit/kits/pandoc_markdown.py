"""MkDocs Markdown, as a reader of the site sees it, in pandoc's dialect (for the exports):

- admonitions (``!!! type "title"`` + 4-space body) become block quotes with a bold title;
- ``{#id}`` heading attributes are kept (pandoc reads them);
- relative links to other pages (``../../outils/x/index.md#a``) become absolute URLs on
  ``site_url``, in the reader's language (French at ``/<section>/<slug>/``, others at
  ``/<lang>/<section>/<slug>/``); local images become absolute file paths;
- ``<div lang="fr" markdown="1">`` wrappers become pandoc divs; ``<p class="hub-credits">``
  stays as a paragraph of text; ``markdown`` attributes of other tags are dropped.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from toolkit.content.corpus import Corpus, Document
from toolkit.content.vocabularies import Vocabularies
from toolkit.kits.addresses import page_path
from toolkit.kits.errors import export_error

ADMONITION = re.compile(
    r"^(?P<indent> *)(?:!!!|\?\?\?\+?) *(?P<type>[\w-]+)(?: +[\w-]+)*"
    r'(?: +"(?P<title>[^"]*)")? *$'
)
FENCE = re.compile(r"^ *(```|~~~)")
LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<url><[^>]*>|[^)\s]+)"
    r"(?P<title>\s+\"[^\"]*\")?\)"
)
REF_DEF = re.compile(r"^(?P<lead> {0,3}\[[^\]]+\]:\s*)(?P<url>\S+)(?P<rest>.*)$")
HEADING_ID = re.compile(r"^(#{1,6} .*\{#)(?P<id>[\w-]+)(\}\s*)$")
DIV_OPEN = re.compile(
    r"^ *<div(?P<attrs>(?:\s+[\w-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*>\s*$"
)
DIV_CLOSE = re.compile(r"^ *</div>\s*$")
P_LINE = re.compile(
    r"^ *<p(?P<attrs>(?:\s+[\w-]+(?:=(?:\"[^\"]*\"|'[^']*'))?)*)\s*>(?P<text>.*)</p>\s*$"
)
MARKDOWN_ATTR = re.compile(r"\s+markdown(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?(?=[\s>])")
ATTR = re.compile(r"([\w-]+)(?:=(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _admonitions(lines: list[str]) -> list[str]:
    out: list[str] = []
    i, in_fence = 0, False
    while i < len(lines):
        line = lines[i]
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else ADMONITION.match(line)
        if not match:
            out.append(line)
            i += 1
            continue
        indent = match["indent"]
        inner = indent + "    "
        body: list[str] = []
        i += 1
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith(inner)):
            body.append(lines[i][len(inner) :] if lines[i].strip() else "")
            i += 1
        while body and not body[-1]:
            body.pop()
        while body and not body[0]:
            body.pop(0)
        title = match["title"]
        if title is None:
            title = match["type"].replace("-", " ").capitalize()
        quoted = ([f"**{title.strip()}**", ""] if title.strip() else []) + _admonitions(body)
        out += [indent + ("> " + q if q else ">") for q in quoted]
        out.append("")
    return out


def _attrs_to_pandoc(attrs: str, prefix: str = "") -> str:
    """HTML attributes as pandoc's ``{#id .class key="value"}`` (``markdown`` dropped)."""
    ids, classes, others = [], [], []
    for name, q1, q2, bare in ATTR.findall(attrs or ""):
        value = q1 or q2 or bare
        if name == "markdown":
            continue
        if name == "id" and value:
            ids.append(f"#{prefix}{value}")
        elif name == "class":
            classes += [f".{c}" for c in value.split()]
        else:
            others.append(f'{name}="{value}"')
    parts = ids[:1] + classes + others
    return "{" + " ".join(parts) + "}" if parts else ""


@dataclass
class Converted:
    markdown: str
    images: list[Path] = field(default_factory=list)


#: Scheme of the placeholder a cross-link gets in an export's source, resolved per format by
#: :func:`resolve_links`: ``hub-link:<file in the kit, from documents/, no extension>|<address>``.
KIT_LINK = "hub-link:"


@dataclass(frozen=True)
class ExportContext:
    """What an export of a page is made for: the corpus and vocabularies it is rendered from,
    the reader's language, the published site's address (``""``: none) and ``kit_file``, which
    maps a linked page (its path under docs/) to its export in the same kit (``tool/x.fr``,
    from ``documents/``, without extension) or None."""

    corpus: Corpus
    vocab: Vocabularies
    lang: str
    site_url: str = ""
    kit_file: Callable[[str], str | None] | None = None

    @property
    def docs_dir(self) -> Path:
        return self.corpus.root / "docs"


class _Links:
    """The links and images of one document, made for an export (see :func:`pandoc_markdown`)."""

    def __init__(self, doc: Document, context: ExportContext, anchor_prefix: str):
        self.doc, self.context, self.prefix = doc, context, anchor_prefix
        self.folder = PurePosixPath(doc.src_uri).parent
        self.base = context.site_url.rstrip("/")
        self.images: list[Path] = []

    def target(self, url: str, is_image: bool) -> str:
        bare = url[1:-1] if url.startswith("<") and url.endswith(">") else url
        if bare.startswith("#"):
            return "#" + self.prefix + bare[1:]
        if SCHEME.match(bare) or bare.startswith("//") or not bare:
            return url
        path, _, fragment = bare.partition("#")
        if path.startswith("/"):
            resolved = path.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(str(self.folder), path))
        if is_image:
            return self._image(bare, resolved)
        if resolved.endswith(".md"):
            address = self.base + page_path(resolved, self.context.lang) if self.base else ""
            in_kit = self.context.kit_file(resolved) if self.context.kit_file else None
        else:  # an asset or a folder on the site
            address = self.base + "/" + resolved.lstrip("./") if self.base else ""
            in_kit = None
        if address and fragment:
            address += f"#{fragment}"
        return f"{KIT_LINK}{in_kit or ''}|{address}"

    def _image(self, bare: str, resolved: str) -> str:
        file = (self.context.docs_dir / resolved).resolve()
        if resolved.startswith("..") or not file.is_file():
            raise export_error(
                self.doc.rel,
                self.context.lang,
                "image",
                f"image '{bare}' not found at docs/{resolved}.",
            )
        self.images.append(file)
        return "<" + file.as_posix() + ">"

    def link(self, match: re.Match) -> str:
        url = self.target(match["url"], bool(match["bang"]))
        return f"{match['bang']}[{match['text']}]({url}{match['title'] or ''})"


def pandoc_markdown(
    markdown: str, doc: Document, context: ExportContext, anchor_prefix: str = ""
) -> Converted:
    """``markdown`` (rendered for ``doc``) in pandoc's dialect; see the module docstring.

    ``anchor_prefix`` is put before every heading id and in-page link, so that several
    documents can share one output (the facilitator pack) without clashing labels.
    Links to other pages become :data:`KIT_LINK` placeholders (the page's export in the kit,
    from ``context.kit_file``, and its published address) that :func:`resolve_links` turns,
    per format, into the file in the kit, the published address, or plain text.
    Raises :class:`KitError` (step "image") when a local image is missing or outside docs/.
    """
    links = _Links(doc, context, anchor_prefix)
    out: list[str] = []
    in_fence = False
    for line in _admonitions(markdown.split("\n")):
        if FENCE.match(line.lstrip("> ")):
            in_fence = not in_fence
        if in_fence:
            out.append(line)
        elif not ABBREVIATION.match(line):
            out += _line(line, links, anchor_prefix)
    return Converted("\n".join(_table_widths(out, form=doc.kind == "tool")), links.images)


def _line(line: str, links: _Links, anchor_prefix: str) -> list[str]:
    """One line outside code, in pandoc's dialect (a wrapper becomes a fenced div)."""
    if m := DIV_OPEN.match(line):
        return ["", "::: " + (_attrs_to_pandoc(m["attrs"], anchor_prefix) or "{}"), ""]
    if DIV_CLOSE.match(line):
        return ["", ":::", ""]
    if m := P_LINE.match(line):
        return [
            "",
            "::: " + (_attrs_to_pandoc(m["attrs"], anchor_prefix) or "{}"),
            m["text"].strip(),
            ":::",
            "",
        ]
    line = MARKDOWN_ATTR.sub("", line)
    if anchor_prefix and (m := HEADING_ID.match(line)):
        line = f"{m.group(1)}{anchor_prefix}{m['id']}{m.group(3)}"
    if m := REF_DEF.match(line):
        return [m["lead"] + links.target(m["url"], False) + m["rest"]]
    return [LINK.sub(links.link, line)]


def resolve_links(markdown: str, fmt: str) -> str:
    """The :data:`KIT_LINK` placeholders of ``markdown`` for ``fmt``: a part of the same
    document (``#anchor``: the facilitator pack's tool sheets and session scripts) is an
    internal link; a DOCX links to the linked document's own file in the same kit
    (``../tool/x.fr.docx``), else to its published address; a PDF, which is saved and passed
    around on its own (a relative link breaks as soon as it leaves its folder), and an EPUB (a
    link out of the book would leave its container) to the published address; with neither,
    the link text stays, unlinked. Never a bare site path."""

    def resolve(match: re.Match) -> str:
        url = match["url"]
        if not url.startswith(KIT_LINK):
            return match[0]
        in_kit, _, address = url[len(KIT_LINK) :].partition("|")
        if in_kit.startswith("#"):
            return f"{match['bang']}[{match['text']}]({in_kit}{match['title'] or ''})"
        if in_kit and fmt == "docx":
            return f"{match['bang']}[{match['text']}](../{in_kit}.{fmt}{match['title'] or ''})"
        if address:
            return f"{match['bang']}[{match['text']}]({address}{match['title'] or ''})"
        return match["text"]

    return LINK.sub(resolve, markdown)


TABLE_RULE = re.compile(r"^\|(\s*:?-+:?\s*\|)+\s*$")
CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _table_widths(lines: list[str], form: bool = False) -> list[str]:
    """Give pipe tables column widths in proportion to their text (pandoc reads the dashes).

    ``form`` (a tool sheet, printed and filled by hand): a column left empty in most body rows
    is where people write, so it is at least as wide as the widest column of text."""
    lines = list(lines)
    for index, line in enumerate(lines):
        if (
            index == 0
            or not TABLE_RULE.match(line)
            or not lines[index - 1].lstrip().startswith("|")
        ):
            continue
        rows = [lines[index - 1]]
        for following in lines[index + 1 :]:
            if not following.lstrip().startswith("|"):
                break
            rows.append(following)
        rule_cells = CELL_SPLIT.split(line.strip())[1:-1]
        longest = [3] * len(rule_cells)
        word = [3] * len(rule_cells)
        empty = [0] * len(rule_cells)
        for number, row in enumerate(rows):
            for column, cell in enumerate(CELL_SPLIT.split(row.strip())[1:-1][: len(longest)]):
                longest[column] = max(longest[column], len(cell.strip()))
                word[column] = max([word[column], *(len(w) for w in cell.replace("*", "").split())])
                empty[column] += number > 0 and not cell.strip()
        body = len(rows) - 1
        if form and body:
            # a dash stands for about 0.8 mm of a 17 cm line, a letter for about 2 mm: the
            # longest word of a column of text must fit on its line
            writing = [body and 2 * count >= body for count in empty]
            text = [
                max(min(width, 40), round(2.5 * w) + 2)
                for width, w in zip(longest, word, strict=True)
            ]
            widest = max(
                [t for t, blank in zip(text, writing, strict=True) if not blank], default=20
            )
            longest = [
                min(max(width, widest, 20), 40) if blank else t
                for width, t, blank in zip(longest, text, writing, strict=True)
            ]
        cells = []
        for cell, width in zip(rule_cells, longest, strict=True):
            left, right = cell.strip().startswith(":"), cell.strip().endswith(":")
            dashes = "-" * min(max(width, 6), 60)
            cells.append((":" if left else "") + dashes + (":" if right else ""))
        lines[index] = "|" + "|".join(cells) + "|"
    return lines


def strip_title(markdown: str, title: str) -> str:
    """Drop the ``# title`` heading (the title block of the export shows it): the first level-1
    heading, which may follow a notice such as the review banner."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            if line.strip() == f"# {title}":
                return "\n".join(lines[:index] + lines[index + 1 :])
            break
    return markdown
