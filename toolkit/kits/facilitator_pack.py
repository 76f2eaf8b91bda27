"""The facilitator pack of a curriculum, one PDF: its detailed agenda, every session with its
opening script (the curriculum's ``capsule-<n>.<lang>.md``: what the facilitator says to open
it), then the tool sheets the sessions use, each a chapter.

The pack stands alone once saved: a link to one of its tool sheets or session scripts is an
internal link (an anchor of the PDF), any other link the published address (or plain text
without ``site_url``), never a path to another file of the kit."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from toolkit.content.corpus import Document, describe
from toolkit.content.languages import DEFAULT_LANGUAGE
from toolkit.content.licence import LICENCE
from toolkit.kits.cache import KitCache
from toolkit.kits.errors import export_error
from toolkit.kits.exports import (
    Source,
    document_date,
    document_source,
    epoch_of,
    export_source,
    title_meta,
)
from toolkit.kits.pandoc_markdown import FENCE, ExportContext, pandoc_markdown
from toolkit.render.document import format_minutes, render_document
from toolkit.render.labels import label

PAGEBREAK = "\n```{=typst}\n#pagebreak()\n```\n"


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _agenda(doc: Document, lang: str) -> str:
    meta = doc.meta
    total = sum(s.duration_min for s in meta.sessions)
    rows = [
        f"## {label('kits.pack.agenda', lang)} {{#pack-agenda}}",
        "",
        f"| {label('kits.pack.time', lang)} | {label('activity', lang)} | {label('duration', lang)} |",
        "|" + "-" * 12 + "|" + "-" * 60 + "|" + "-" * 10 + "|",
    ]
    for number, session in enumerate(meta.sessions, 1):
        rows.append(
            f"| | **[{label('session', lang)} {number}. {_cell(session.title)}](#session-{number})** "
            f"| **{format_minutes(session.duration_min, lang)}** |"
        )
        start = 0
        for step in session.steps:
            rows.append(
                f"| {_clock(start)}–{_clock(start + step.minutes)} | {_cell(step.activity)} "
                f"| {step.minutes} min |"
            )
            start += step.minutes
    rows.append(f"| | **{label('total', lang)}** | **{format_minutes(total, lang)}** |")
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def pack_tools(doc: Document) -> list[str]:
    """Slugs of the tool sheets a curriculum uses, in order of first use, without repeats."""
    slugs: list[str] = []
    for slug in [*doc.meta.tools, *(t for s in doc.meta.sessions for t in s.tools)]:
        if slug not in slugs:
            slugs.append(slug)
    return slugs


def pack_source(doc: Document, context: ExportContext) -> Source:
    """The facilitator pack of a curriculum: detailed agenda, every session, its tool sheets."""
    corpus, vocab, lang, site_url = context.corpus, context.vocab, context.lang, context.site_url
    if doc.kind != "curriculum":
        raise export_error(doc.rel, lang, "render", "only a curriculum has a facilitator pack.")
    tools = [t for t in (corpus.whole(slug, lang) for slug in pack_tools(doc)) if t and t.meta]
    scripts = {
        number: langs.get(lang) or langs.get(DEFAULT_LANGUAGE)
        for number, langs in corpus.session_capsules(doc.key).items()
    }
    inside = {tool.key: f"#pack-tool-{index}" for index, tool in enumerate(tools, 1)}
    inside |= {s.key: f"#session-{n}-script" for n, s in scripts.items() if s and s.meta}

    def pack_file(src_uri: str) -> str | None:  # what the pack holds: an anchor; else online
        return inside.get(describe(src_uri)[1])

    context = dataclasses.replace(context, kit_file=pack_file)
    base = document_source(doc, context)
    text_lang = base.lang
    images = list(base.images)
    dates = [document_date(doc)]
    spoken = {}
    for number, script in scripts.items():
        if script is None or script.meta is None:
            continue
        converted = _script(script, context, number)
        heading = f"{label('capsule.session', text_lang)} ({label('session', text_lang)} {number})"
        spoken[number] = f"### {heading} {{#session-{number}-script}}\n\n{converted.markdown}\n"
        images += converted.images
        dates.append(document_date(script))
    parts = [_agenda(doc, text_lang), with_scripts(base.markdown, spoken)]
    if tools:
        parts.append(PAGEBREAK + f"\n# {label('kits.pack.tools', text_lang)} {{#pack-tools}}\n")
    for index, tool in enumerate(tools, 1):
        try:
            rendered = render_document(tool, corpus, vocab, tool.lang or lang)
        except Exception as error:
            raise export_error(
                tool.rel, lang, "render", f"{type(error).__name__}: {error}"
            ) from None
        rendered = _demote(rendered)
        converted = pandoc_markdown(rendered, tool, context, anchor_prefix=f"tool-{index}-")
        parts.append(PAGEBREAK + f"\n[]{{#pack-tool-{index}}}\n\n" + converted.markdown)
        images += converted.images
        dates.append(document_date(tool))
    meta = title_meta(doc, lang, site_url, subtitle=label("kits.pack", text_lang))
    meta["footer"] = f"{doc.meta.title} · {label('kits.pack', text_lang)} · {LICENCE}"
    return Source(
        doc.rel, text_lang, "\n\n".join(parts), meta, images, epoch_of(max(dates)), base.docs_dir
    )


SESSION_HEADING = re.compile(r"^## .*\{#session-(\d+)\}\s*$")
CREDITS = re.compile(r'^<p class="hub-credits".*$', re.M)


def _script(script: Document, context: ExportContext, number: int):
    """A session's opening script in pandoc's dialect: its body, without its title (the pack
    gives it a heading) or its credits line."""
    try:
        rendered = render_document(script, context.corpus, context.vocab, context.lang)
    except Exception as error:
        raise export_error(
            script.rel, context.lang, "render", f"{type(error).__name__}: {error}"
        ) from None
    lines = rendered.split("\n")
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    body = CREDITS.sub("", "\n".join(lines))
    return pandoc_markdown(
        _demote(_demote(_demote(body))), script, context, anchor_prefix=f"script-{number}-"
    )


def with_scripts(markdown: str, scripts: dict[int, str]) -> str:
    """``markdown`` (the curriculum in pandoc's dialect) with each session's script at the end
    of that session: before the next heading of level 1 or 2 after ``{#session-<n>}``."""
    out: list[str] = []
    pending: str | None = None
    in_fence = False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and re.match(r"^#{1,2} ", line):
            if pending is not None:
                out += [pending, ""]
                pending = None
            session = SESSION_HEADING.match(line)
            if session:
                pending = scripts.get(int(session[1]))
        out.append(line)
    if pending is not None:
        out += ["", pending]
    return "\n".join(out)


def _demote(markdown: str) -> str:
    """Every heading one level down (a tool sheet becomes a chapter of the pack)."""
    out, in_fence = [], False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and re.match(r"^#{1,5} ", line):
            line = "#" + line
        out.append(line)
    return "\n".join(out)


def export_facilitator_pack(
    doc: Document, context: ExportContext, dest: Path, cache: KitCache | None = None
) -> bool:
    """Write the facilitator pack PDF of curriculum ``doc``; False when it came from ``cache``."""
    return export_source(pack_source(doc, context), "pdf", dest, cache)
