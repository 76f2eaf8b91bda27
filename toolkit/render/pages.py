"""Pages whose content the build writes, in the reader's language: one catalogue per
content type and the glossary. Each has a small French stub in docs/ (front matter with
``generated: catalogue`` or ``generated: glossary``) so that MkDocs and the i18n plugin
treat it as an ordinary page; the text comes from here, for every language."""

from __future__ import annotations

import re

from toolkit.content.corpus import Corpus
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from toolkit.content.model import DURATION_RE
from toolkit.content.sections import SECTION_OF_TYPE, SECTIONS
from toolkit.content.translations import status
from toolkit.content.vocabularies import Vocabularies
from toolkit.render.contributing import field_reference
from toolkit.render.document import format_duration, format_minutes
from toolkit.render.labels import label
from toolkit.render.text import html_text, md_text, md_url


def _duration(doc, lang: str) -> str:
    meta = doc.meta
    if doc.kind == "methodology":
        return format_duration(meta.duration, lang)
    if doc.kind == "curriculum":
        return format_minutes(sum(s.duration_min for s in meta.sessions), lang)
    if doc.kind == "case-study":
        return meta.period.replace("/", "–") if meta.period else label("period.unknown", lang)
    return label(f"format.{meta.format}", lang)


#: Duration buckets for the catalogue filter, by the lower bound of the duration in minutes.
MINUTES_PER_UNIT = {"min": 1, "h": 60, "day": 480, "week": 2400, "month": 9600}
DURATION_BUCKETS = (("half-day", 240), ("week", 2400), ("longer", None))


def _minutes(doc) -> int | None:
    if doc.kind == "curriculum":
        return sum(s.duration_min for s in doc.meta.sessions)
    if doc.kind == "methodology":
        match = DURATION_RE.match(doc.meta.duration)
        if match:
            unit = match["unit"] if match["unit"] in ("min", "h") else match["unit"].rstrip("s")
            return int(match["low"]) * MINUTES_PER_UNIT[unit]
    return None


def _bucket(minutes: int | None) -> str:
    if minutes is None:
        return ""
    return next(name for name, limit in DURATION_BUCKETS if limit is None or minutes <= limit)


def _filters(kind: str, lang: str, docs: list, vocab: Vocabularies) -> str:
    """A filter form over the cards' data attributes (hidden until catalogue.js shows it)."""
    used = {name: set() for name in ("themes", "audiences", "places")}
    for doc in docs:
        used["themes"].update(doc.meta.themes)
        used["audiences"].update(doc.meta.audiences)
        used["places"].update(doc.meta.places + ([doc.meta.place] if kind == "case-study" else []))
    selects = []
    for name, values in used.items():
        if not values:
            continue
        options = "".join(f'<option value="{html_text(v)}">{html_text(vocab.get(name).label(v, lang))}</option>'
                          for v in sorted(values, key=lambda v: vocab.get(name).label(v, lang)))
        selects.append(_select(name, lang, options))
    languages = "".join(f'<option value="{code}">{LANGUAGE_NAMES[code]}</option>' for code in LANGUAGES)
    selects.append(_select("languages", lang, languages))
    if kind in ("methodology", "curriculum"):
        durations = "".join(f'<option value="{name}">{label("filter.duration." + name, lang)}</option>'
                            for name, _ in DURATION_BUCKETS)
        selects.append(_select("duration", lang, durations))
    return (f'<form class="hub-filters" hidden>{"".join(selects)}'
            f'<button type="reset">{label("filter.reset", lang)}</button> <output></output></form>\n\n')


def _select(name: str, lang: str, options: str) -> str:
    return (f'<label>{label("filter." + name, lang)} <select name="{name}">'
            f'<option value="">{label("filter.all", lang)}</option>{options}</select></label> ')


def catalogue(kind: str, lang: str, corpus: Corpus, vocab: Vocabularies) -> str:
    """Markdown of the catalogue of ``kind`` for readers of ``lang``."""
    title = label(f"section.{kind}", lang)
    rows, docs = [], []
    for langs in corpus.items_of_kind(kind):
        doc = langs.get(lang) or langs.get(DEFAULT_LANGUAGE)
        if doc is None or doc.meta is None:
            continue
        docs.append(doc)
        meta = doc.meta
        available = " ".join(code for code in LANGUAGES if code in langs)
        filters = {
            "themes": " ".join(meta.themes),
            "audiences": " ".join(meta.audiences),
            "places": " ".join(meta.places + ([meta.place] if kind == "case-study" else [])),
            "languages": available,
            "duration": _bucket(_minutes(doc)),
        }
        data = " ".join(f'data-{name}="{html_text(value)}"' for name, value in filters.items())
        themes = ", ".join(md_text(vocab.themes.label(t, lang)) for t in meta.themes)
        rows.append(
            f'<li class="hub-card" {data} markdown="block">\n'
            f"[{md_text(meta.title)}](../{SECTION_OF_TYPE[kind]}/{doc.slug}/index.md)"
            f" · {_duration(doc, lang)} · {available}\n\n"
            f"{md_text(meta.summary)}<br><small>{themes}</small>\n</li>"
        )
    body = "\n".join(rows) if rows else label("catalogue.empty", lang)
    return (
        f"# {title}\n\n{label('catalogue.intro.' + kind, lang)}\n\n"
        + (_filters(kind, lang, docs, vocab) if docs else "")
        + f'<ul class="hub-catalogue" data-kind="{kind}" markdown>\n{body}\n</ul>\n'
    )


def glossary(lang: str, vocab: Vocabularies) -> str:
    title = label("glossary", lang)
    text_lang = lang if lang in ("fr", "en") else DEFAULT_LANGUAGE
    out = [f"# {title}\n\n{label('glossary.intro', lang)}\n"]
    awaiting = label("glossary.awaiting", text_lang)
    for entry in sorted(vocab.glossary.entries, key=lambda e: getattr(e, text_lang).term.lower()):
        local = getattr(entry, text_lang)
        heading = md_text(local.term) + (f" ({md_text(entry.abbr)})" if entry.abbr and entry.abbr != local.term else "")
        out.append(f"## {heading} {{#{entry.id}}}\n")
        if local.definition:
            out.append(md_text(local.definition) + "\n")
        others = []
        for code in ("fr", "en") if text_lang == "fr" else ("fr",):
            if code != text_lang:
                others.append(f"{LANGUAGE_NAMES[code]} : *{md_text(getattr(entry, code).term)}*")
        if text_lang == "en":
            others = [f"{LANGUAGE_NAMES['fr']}: *{md_text(entry.fr.term)}*"]
        for code in ("bm", "snk"):
            national = getattr(entry, code)
            if national:
                mark = f" ({awaiting})" if national.native_review == "pending" else ""
                others.append(f'{LANGUAGE_NAMES[code]} : <span lang="{code}">*{md_text(national.term)}*</span>{mark}'
                              if text_lang == "fr" else
                              f'{LANGUAGE_NAMES[code]}: <span lang="{code}">*{md_text(national.term)}*</span>{mark}')
        if others:
            out.append(" · ".join(others) + "\n")
        if entry.source:
            out.append(f"[{label('sources', text_lang)}]({md_url(entry.source)})\n")
    return "\n".join(out)


def translation_status(lang: str, corpus: Corpus) -> str:
    """The translation status: a summary of every language, then the details of ``lang``
    (or of every language for French readers)."""
    text_lang = lang if lang in ("fr", "en") else DEFAULT_LANGUAGE
    languages = status(corpus)
    out = [f"# {label('status.title', lang)}\n", label("status.intro", text_lang) + "\n"]
    states = ("missing", "stale", "pending-review", "up-to-date")
    out.append("| " + " | ".join(label(k, text_lang) for k in ("status.language", "status.pages", "status.existing",
                                                               *(f"status.{s}" for s in states[:3])))
               + " |\n|---|---|---|---|---|---|\n"
               + "\n".join(f"| {LANGUAGE_NAMES[s.lang]} | {len(s.entries)} | {s.existing} | {s.count('missing')} "
                           f"| {s.count('stale')} | {s.count('pending-review')} |" for s in languages) + "\n")
    depth = "../../"  # the page lives at contribuer/traductions/
    for language in languages:
        if lang != DEFAULT_LANGUAGE and language.lang != lang:
            continue
        out.append(f"## {LANGUAGE_NAMES[language.lang]} {{#{language.lang}}}\n")
        todo = language.next_to_translate(limit=len(language.entries))
        if todo:
            out.append(f"**{label('status.next', text_lang)}**\n")
            out.append("\n".join(f"1. [{md_text(e.title)}]({depth}{e.source.src_uri.replace('.fr.md', '.md')}) "
                                  f"({label('status.' + e.state, text_lang)})" for e in todo) + "\n")
        review = [e for e in language.entries if e.state == "pending-review"]
        if review:
            out.append(f"**{label('status.pending-review', text_lang)}**\n")
            out.append("\n".join(f"- [{md_text(e.title)}]({depth}{e.source.src_uri.replace('.fr.md', '.md')})"
                                  for e in review) + "\n")
    return "\n".join(out)


def generated_page(doc, lang: str, corpus: Corpus, vocab: Vocabularies) -> tuple[str, str]:
    """(title, Markdown) of the generated page ``doc`` for readers of ``lang``."""
    if doc.meta.generated == "glossary":
        return label("glossary", lang), glossary(lang, vocab)
    if doc.meta.generated == "translation-status":
        return label("status.title", lang), translation_status(lang, corpus)
    if doc.meta.generated == "downloads":
        from toolkit.render.downloads import downloads_page

        return label("kits.title", lang), downloads_page(lang)
    if doc.meta.generated == "field-reference":
        return label("fields.title", lang), field_reference(lang if lang in ("fr", "en") else DEFAULT_LANGUAGE)
    kind = SECTIONS[doc.src_uri.split("/")[0]]
    return label(f"section.{kind}", lang), catalogue(kind, lang, corpus, vocab)


class Abbreviations:
    """Markdown abbreviation definitions (``*[PDESC]: ...``): tooltips wherever a page uses one.

    :meth:`used_in` gives only the definitions of the abbreviations a page's Markdown contains
    (as whole words, the rule Python-Markdown's ``abbr`` applies to the rendered text): the
    tooltips are the same, and a page without any skips ``abbr``'s walk of its whole tree.
    """

    def __init__(self, lang: str, vocab: Vocabularies):
        text_lang = lang if lang in ("fr", "en") else DEFAULT_LANGUAGE
        self.lines: dict[str, str] = {}  # abbreviation -> its definition, in the glossary's order
        for entry in vocab.glossary.entries:
            if entry.abbr:
                self.lines[entry.abbr] = f"*[{entry.abbr}]: {' '.join(getattr(entry, text_lang).term.split())}"  # abbr escapes it
        keys = sorted(self.lines, key=len, reverse=True)
        self.pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b") if keys else None

    def used_in(self, markdown: str) -> str:
        """The definitions (one per line) of the abbreviations found in ``markdown``."""
        if self.pattern is None:
            return ""
        found = set(self.pattern.findall(markdown))
        return "\n".join(line for abbr, line in self.lines.items() if abbr in found)
