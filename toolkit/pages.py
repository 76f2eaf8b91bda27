"""Pages whose content the build writes, in the reader's language: one catalogue per
content type and the glossary. Each has a small French stub in docs/ (front matter with
``generated: catalogue`` or ``generated: glossary``) so that MkDocs and the i18n plugin
treat it as an ordinary page; the text comes from here, for every language."""

from __future__ import annotations

from .corpus import Corpus
from .labels import label
from .render import format_duration, format_minutes
from .site import DEFAULT_LANGUAGE, LANGUAGES, SECTION_OF_TYPE, SECTIONS
from .vocabularies import Vocabularies

LANGUAGE_NAMES = {"fr": "Français", "en": "English", "bm": "Bamanankan", "snk": "Sooninkanxanne"}


def _duration(doc, lang: str) -> str:
    meta = doc.meta
    if doc.kind == "methodology":
        return format_duration(meta.duration, lang)
    if doc.kind == "curriculum":
        return format_minutes(sum(s.duration_min for s in meta.sessions), lang)
    if doc.kind == "case-study":
        return meta.period.replace("/", "–")
    return label(f"format.{meta.format}", lang)


def catalogue(kind: str, lang: str, corpus: Corpus, vocab: Vocabularies) -> str:
    """Markdown of the catalogue of ``kind`` for readers of ``lang``."""
    title = label(f"section.{kind}", lang)
    rows = []
    for langs in corpus.items_of_kind(kind):
        doc = langs.get(lang) or langs.get(DEFAULT_LANGUAGE)
        if doc is None or doc.meta is None:
            continue
        meta = doc.meta
        available = " ".join(code for code in LANGUAGES if code in langs)
        filters = {
            "themes": " ".join(meta.themes),
            "audiences": " ".join(meta.audiences),
            "places": " ".join(meta.places + ([meta.place] if kind == "case-study" else [])),
            "languages": available,
        }
        data = " ".join(f'data-{name}="{value}"' for name, value in filters.items())
        themes = ", ".join(vocab.themes.label(t, lang) for t in meta.themes)
        rows.append(
            f'<li class="hub-card" {data} markdown>\n'
            f"[{meta.title}](../{SECTION_OF_TYPE[kind]}/{doc.slug}/index.md)"
            f" · {_duration(doc, lang)} · {available}\n\n"
            f"{' '.join(meta.summary.split())}<br><small>{themes}</small>\n</li>"
        )
    body = "\n".join(rows) if rows else label("catalogue.empty", lang)
    return (
        f"# {title}\n\n{label('catalogue.intro.' + kind, lang)}\n\n"
        f'<ul class="hub-catalogue" data-kind="{kind}">\n{body}\n</ul>\n'
    )


def glossary(lang: str, vocab: Vocabularies) -> str:
    title = label("glossary", lang)
    text_lang = lang if lang in ("fr", "en") else DEFAULT_LANGUAGE
    out = [f"# {title}\n\n{label('glossary.intro', lang)}\n"]
    awaiting = label("glossary.awaiting", text_lang)
    for entry in sorted(vocab.glossary.entries, key=lambda e: getattr(e, text_lang).term.lower()):
        local = getattr(entry, text_lang)
        heading = local.term + (f" ({entry.abbr})" if entry.abbr and entry.abbr != local.term else "")
        out.append(f"## {heading} {{#{entry.id}}}\n")
        if local.definition:
            out.append(local.definition + "\n")
        others = []
        for code in ("fr", "en") if text_lang == "fr" else ("fr",):
            if code != text_lang:
                others.append(f"{LANGUAGE_NAMES[code]} : *{getattr(entry, code).term}*")
        if text_lang == "en":
            others = [f"{LANGUAGE_NAMES['fr']}: *{entry.fr.term}*"]
        for code in ("bm", "snk"):
            national = getattr(entry, code)
            if national:
                mark = f" ({awaiting})" if national.native_review == "pending" else ""
                others.append(f'{LANGUAGE_NAMES[code]} : <span lang="{code}">*{national.term}*</span>{mark}'
                              if text_lang == "fr" else
                              f'{LANGUAGE_NAMES[code]}: <span lang="{code}">*{national.term}*</span>{mark}')
        if others:
            out.append(" · ".join(others) + "\n")
        if entry.source:
            out.append(f"[{label('sources', text_lang)}]({entry.source})\n")
    return "\n".join(out)


def generated_page(doc, lang: str, corpus: Corpus, vocab: Vocabularies) -> tuple[str, str]:
    """(title, Markdown) of the generated page ``doc`` for readers of ``lang``."""
    if doc.meta.generated == "glossary":
        return label("glossary", lang), glossary(lang, vocab)
    kind = SECTIONS[doc.src_uri.split("/")[0]]
    return label(f"section.{kind}", lang), catalogue(kind, lang, corpus, vocab)


def abbreviations(lang: str, vocab: Vocabularies) -> str:
    """Markdown abbreviation definitions (``*[PDESC]: ...``): tooltips on every page."""
    text_lang = lang if lang in ("fr", "en") else DEFAULT_LANGUAGE
    lines = []
    for entry in vocab.glossary.entries:
        if entry.abbr:
            lines.append(f"*[{entry.abbr}]: {getattr(entry, text_lang).term}")
    return "\n".join(lines)
