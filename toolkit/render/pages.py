"""Pages whose content the build writes, in the reader's language: one catalogue per
content type and the glossary. Each has a small French stub in docs/ (front matter with
``generated: catalogue`` or ``generated: glossary``) so that MkDocs and the i18n plugin
treat it as an ordinary page; the text comes from here, for every language."""

from __future__ import annotations

import re
from html import escape
from pathlib import PurePosixPath

from toolkit.checks.rendered import body_block
from toolkit.content.corpus import SPOKEN, Corpus
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from toolkit.content.model import DURATION_RE
from toolkit.content.sections import SECTION_OF_TYPE, SECTIONS
from toolkit.content.translations import status
from toolkit.content.vocabularies import Vocabularies
from toolkit.render import catalogues
from toolkit.render.contributing import field_reference
from toolkit.render.document import format_duration, format_minutes
from toolkit.render.labels import is_fallback, label, label_markup, label_md
from toolkit.render.text import html_text, md_text, md_url


def _duration(doc, lang: str) -> str:
    meta = doc.meta
    if doc.kind == "methodology":
        return format_duration(meta.duration, lang)
    if doc.kind == "curriculum":
        return format_minutes(sum(s.duration_min for s in meta.sessions), lang)
    if doc.kind == "case-study":
        return meta.period.replace("/", "–") if meta.period else label_md("period.unknown", lang)
    return label_md(f"format.{meta.format}", lang)


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


def _recorded(doc, corpus: Corpus, recordings) -> bool:
    """Whether the item ``doc`` has a published recording: its capsule's or a session's, in any language."""
    folder = PurePosixPath(doc.key).parent.as_posix()
    return any(PurePosixPath(rel).parent.as_posix() == f"docs/{folder}" for rel in recordings or {})


def _filters(
    kind: str, lang: str, docs: list, vocab: Vocabularies, with_audio: bool = False
) -> str:
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
        options = "".join(
            f'<option value="{html_text(v)}">{html_text(vocab.get(name).label(v, lang))}</option>'
            for v in sorted(values, key=lambda v: vocab.get(name).label(v, lang))
        )
        selects.append(_select(name, lang, options))
    languages = "".join(
        f'<option value="{code}" lang="{code}">{LANGUAGE_NAMES[code]}</option>'
        for code in LANGUAGES
    )
    selects.append(_select("languages", lang, languages))
    if kind in ("methodology", "curriculum"):
        durations = "".join(
            f'<option value="{name}">{label_md("filter.duration." + name, lang)}</option>'
            for name, _ in DURATION_BUCKETS
        )
        selects.append(_select("duration", lang, durations))
    if with_audio:  # only where at least one card has a recording
        selects.append(
            _select(
                "audio", lang, f'<option value="yes">{label_md("filter.audio.yes", lang)}</option>'
            )
        )
    return (
        f'<form class="hub-filters" hidden>{"".join(selects)}'
        f'<button type="reset">{label_md("filter.reset", lang)}</button> <output></output>'
        f'<p class="hub-no-match" hidden>{label_md("filter.none", lang)}</p></form>\n\n'
    )


def _select(name: str, lang: str, options: str) -> str:
    return (
        f'<label>{label_md("filter." + name, lang)} <select name="{name}">'
        f'<option value="">{label_md("filter.all", lang)}</option>{options}</select></label> '
    )


def catalogue(kind: str, lang: str, corpus: Corpus, vocab: Vocabularies, recordings=None) -> str:
    """Markdown of the catalogue of ``kind`` for readers of ``lang``; ``recordings`` (the
    published ones, by capsule path) mark the cards with a recording (``data-audio="yes"``,
    the filter 'with a recording')."""
    title = label_md(f"section.{kind}", lang)
    rows, docs = [], []
    for langs in corpus.items_of_kind(kind):
        shown = langs.get(lang) or langs.get(DEFAULT_LANGUAGE)  # its title and summary
        doc = langs.get(DEFAULT_LANGUAGE) if shown is not None and shown.summary_only else shown
        if doc is None or doc.meta is None or shown.meta is None:
            continue
        docs.append(doc)
        meta = doc.meta
        available = " ".join(
            code for code in LANGUAGES if code in langs and not langs[code].summary_only
        )
        french = (
            ' lang="fr"' if shown.lang != lang else ""
        )  # a French card among another language's
        filters = {
            "themes": " ".join(meta.themes),
            "audiences": " ".join(meta.audiences),
            "places": " ".join(meta.places + ([meta.place] if kind == "case-study" else [])),
            "languages": available,
            "duration": _bucket(_minutes(doc)),
            "audio": "yes" if _recorded(doc, corpus, recordings) else "",
        }
        data = " ".join(f'data-{name}="{html_text(value)}"' for name, value in filters.items())
        themes = ", ".join(md_text(vocab.themes.label(t, lang)) for t in meta.themes)
        rows.append(
            f'<li class="hub-card" {data}{french} markdown="block">\n'
            f"[{md_text(shown.meta.title)}](../{SECTION_OF_TYPE[kind]}/{doc.slug}/index.md)"
            f" · {_duration(doc, lang)} · {available}\n\n"
            f"{md_text(shown.meta.summary)}<br><small>{themes}</small>\n</li>"
        )
    body = "\n".join(rows) if rows else label_md("catalogue.empty", lang)
    return (
        f"# {title}\n\n{label_md('catalogue.intro.' + kind, lang)}\n\n"
        + (
            _filters(kind, lang, docs, vocab, any(_recorded(d, corpus, recordings) for d in docs))
            if docs
            else ""
        )
        + f'<ul class="hub-catalogue" data-kind="{kind}" markdown>\n{body}\n</ul>\n'
    )


def glossary(lang: str, vocab: Vocabularies) -> str:
    if lang in ("bm", "snk") and any(
        getattr(getattr(e, lang), "definition", None) for e in vocab.glossary.entries
    ):
        return _national_glossary(lang, vocab)
    text_lang = lang if lang in ("fr", "en") else DEFAULT_LANGUAGE
    out = [f"# {label_markup('glossary', lang)}\n\n{label_markup('glossary.intro', lang)}\n"]
    awaiting = label_md("glossary.awaiting", text_lang)
    for entry in sorted(vocab.glossary.entries, key=lambda e: getattr(e, text_lang).term.lower()):
        local = getattr(entry, text_lang)
        heading = md_text(local.term) + (
            f" ({md_text(entry.abbr)})" if entry.abbr and entry.abbr != local.term else ""
        )
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
            if national and national.term:
                mark = f" ({awaiting})" if national.native_review == "pending" else ""
                others.append(
                    f'{LANGUAGE_NAMES[code]} : <span lang="{code}">*{md_text(national.term)}*</span>{mark}'
                    if text_lang == "fr"
                    else f'{LANGUAGE_NAMES[code]}: <span lang="{code}">*{md_text(national.term)}*</span>{mark}'
                )
        if others:
            out.append(" · ".join(others) + "\n")
        if entry.source:
            out.append(f"[{label_md('sources', text_lang)}]({md_url(entry.source)})\n")
    if text_lang != lang:  # the French glossary shown to readers of another language
        return (
            out[0]
            + f'\n<div lang="{text_lang}" markdown="1">\n\n'
            + "\n".join(out[1:])
            + "\n\n</div>\n"
        )
    return "\n".join(out)


def _national_glossary(lang: str, vocab: Vocabularies) -> str:
    """The glossary for Bambara (or Soninké) readers: the term in their language when there is
    one (else the French term, marked French), its definition in their language, then the
    French term and definition inside ``lang="fr"``."""
    out = [f"# {label_md('glossary', lang)}\n\n{label_md('glossary.intro', lang)}\n"]
    if any(
        getattr(e, lang) and getattr(e, lang).native_review == "pending"
        for e in vocab.glossary.entries
    ):
        out.append(
            f'!!! note "{label_md("review.title", lang)}"\n\n    {label_md("review.pending", lang)}\n'
        )
    for entry in sorted(vocab.glossary.entries, key=lambda e: e.fr.term.lower()):
        national = getattr(entry, lang)
        abbr = f" ({md_text(entry.abbr)})" if entry.abbr and entry.abbr != entry.fr.term else ""
        if national and national.term:
            heading = md_text(national.term) + abbr
        else:
            heading = f'<span lang="fr">{md_text(entry.fr.term)}</span>{abbr}'
        out.append(f"## {heading} {{#{entry.id}}}\n")
        if national and national.definition:
            out.append(md_text(national.definition) + "\n")
        french = f"**{LANGUAGE_NAMES['fr']} :** *{md_text(entry.fr.term)}*" + (
            f". {md_text(entry.fr.definition)}" if entry.fr.definition else ""
        )
        out.append(f'<div lang="fr" markdown="1">\n\n{french}\n\n</div>\n')
        if entry.source:
            out.append(f"[{label_md('sources', lang)}]({md_url(entry.source)})\n")
    return "\n".join(out)


def _french(text: str, lang: str) -> str:
    """A French title shown to readers of ``lang``, marked as French."""
    return text if lang == DEFAULT_LANGUAGE else f'<span lang="fr">{text}</span>'


def translation_status(lang: str, corpus: Corpus, vocab: Vocabularies | None = None) -> str:
    """The translation status: a summary of every language (pages, then interface strings,
    titles and summaries, capsules, glossary definitions and reviews), then the details of
    ``lang`` (or of every language for French readers) with the reviews recorded."""
    text_lang = lang  # every status label has a draft at least; missing ones fall back to French
    languages = status(corpus)
    out = [f"# {label_md('status.title', lang)}\n", label_md("status.intro", text_lang) + "\n"]
    states = ("missing", "stale", "pending-review", "up-to-date")
    out.append(
        "| "
        + " | ".join(
            label_md(k, text_lang)
            for k in (
                "status.language",
                "status.pages",
                "status.existing",
                *(f"status.{s}" for s in states[:3]),
            )
        )
        + " |\n|---|---|---|---|---|---|\n"
        + "\n".join(
            f"| {LANGUAGE_NAMES[s.lang]} | {len(s.entries)} | {s.existing} | {s.count('missing')} "
            f"| {s.count('stale')} | {s.count('pending-review')} |"
            for s in languages
        )
        + "\n"
    )
    glossary = vocab.glossary.entries if vocab is not None else []
    heads = (
        "status.language",
        "status.strings",
        "status.summaries",
        "status.capsules",
        "status.glossary",
        "status.reviews",
    )
    rows = []
    for s in languages:
        strings = catalogues.counts(s.lang)
        defined = sum(1 for e in glossary if getattr(getattr(e, s.lang, None), "definition", None))
        rows.append(
            f"| {LANGUAGE_NAMES[s.lang]} | {strings.translated} {label_md('status.translated', text_lang).lower()}, "
            f"{strings.fuzzy} {label_md('status.fuzzy', text_lang).lower()}, {strings.missing} "
            f"{label_md('status.missing', text_lang).lower()} / {strings.total} "
            f"| {s.summaries[0]} / {s.summaries[1]} | {s.capsules[0]} / {s.capsules[1]} "
            f"| {defined} / {len(glossary)} | {len(s.reviews)} ({s.count('pending-review')} "
            f"{label_md('status.pending-review', text_lang).lower()}) |"
        )
    out.append(
        "| "
        + " | ".join(label_md(k, text_lang) for k in heads)
        + " |\n|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
    )
    depth = "../../"  # the page lives at contribuer/traductions/
    for language in languages:
        if lang != DEFAULT_LANGUAGE and language.lang != lang:
            continue
        out.append(f"## {LANGUAGE_NAMES[language.lang]} {{#{language.lang}}}\n")
        out.append(f"**{label_md('status.reviews', text_lang)}**\n")
        if language.reviews:
            out.append(
                f"| {label_md('status.page', text_lang)} | {label_md('status.reviewer', text_lang)} "
                f"| {label_md('status.date', text_lang)} |\n|---|---|---|\n"
                + "\n".join(
                    f"| <code>{md_text(rel)}</code> | {md_text(who)} | {md_text(when)} |"
                    for rel, who, when in language.reviews
                )
                + "\n"
            )
        else:
            out.append(label_md("status.none-reviewed", text_lang) + "\n")
        todo = language.next_to_translate(limit=len(language.entries))
        if todo:
            out.append(f"**{label_md('status.next', text_lang)}**\n")
            out.append(
                "\n".join(
                    f"1. [{_french(md_text(e.title), lang)}]({depth}{e.source.src_uri.replace('.fr.md', '.md')}) "
                    f"({label_md('status.summary-only' if e.scope == 'summary' and e.state != 'stale' else 'status.' + e.state, text_lang)})"
                    for e in todo
                )
                + "\n"
            )
        review = [e for e in language.entries if e.state == "pending-review"]
        if review:
            out.append(f"**{label_md('status.pending-review', text_lang)}**\n")
            out.append(
                "\n".join(
                    f"- [{_french(md_text(e.title), lang)}]({depth}{e.source.src_uri.replace('.fr.md', '.md')})"
                    for e in review
                )
                + "\n"
            )
    return "\n".join(out)


#: A slow, clear reading (the Lenali kit's estimate too): the studio's target length.
WORDS_PER_MINUTE = 130
TARGET_MAX_SECONDS = 90


STUDIO_STRINGS = (
    "capsule",
    "target",
    "record",
    "stop",
    "retake",
    "listen",
    "speaker",
    "consent",
    "save",
    "need_consent",
    "saved",
    "no_mic",
    "too_long",
    "share",
    "shared",
    "downloaded",
)


def _studio_strings(lang: str) -> str:
    """The interface strings studio.js shows, as data-l-* attributes of the studio's root, and in
    ``data-l-fr`` the keys shown in French for want of a translation (studio.js marks them
    ``lang="fr"``, as :func:`toolkit.render.labels.label_markup` does on the pages)."""
    french = " ".join(key for key in STUDIO_STRINGS if is_fallback("studio." + key, lang))
    return " ".join(
        [f'data-l-{key}="{escape(label("studio." + key, lang))}"' for key in STUDIO_STRINGS]
        + ([f'data-l-fr="{escape(french)}"'] if french else [])
    )


def _fr(key: str, lang: str) -> str:
    """`` lang="fr"`` for an element whose text is the French fallback of ``key``, else ""."""
    return ' lang="fr"' if is_fallback(key, lang) else ""


def _studio_order(doc, lang: str) -> tuple:
    """The reader's language first, then by item (folder), the item's capsule before its sessions'."""
    match = SPOKEN.match(PurePosixPath(doc.key).name)
    session = int(match["session"]) if match and match["session"] else 0
    return (
        doc.lang != lang,
        LANGUAGES.index(doc.lang) if doc.lang in LANGUAGES else 9,
        PurePosixPath(doc.src_uri).parent.as_posix(),
        session,
    )


def _studio_group(doc, lang: str, corpus: Corpus) -> tuple[str, int]:
    """(title of the item the capsule belongs to, in the capsule's language when it has one;
    session number or 0 for the item's own capsule)."""
    match = SPOKEN.match(PurePosixPath(doc.key).name)
    session = int(match["session"]) if match and match["session"] else 0
    item = corpus.by_key.get(PurePosixPath(doc.key).parent.as_posix() + "/index", {})
    shown = item.get(doc.lang) or item.get(DEFAULT_LANGUAGE)
    title = shown.meta.title if shown is not None and shown.meta is not None else doc.meta.title
    return title, session


def _destination(destination: dict) -> str:
    """The studio's destination as a line of links: the organisation, its WhatsApp (wa.me, the
    address WhatsApp opens a chat with) and its e-mail (mailto:); links only, nothing loaded."""
    parts = [f"<strong>{escape(destination['organisation'])}</strong>"]
    if destination.get("whatsapp"):
        number = destination["whatsapp"]
        parts.append(
            f'WhatsApp <a href="https://wa.me/{escape(number.lstrip("+"))}">{escape(number)}</a>'
        )
    if destination.get("email"):
        email = destination["email"]
        parts.append(f'<a href="mailto:{escape(email)}">{escape(email)}</a>')
    return " · ".join(parts)


def studio(lang: str, corpus: Corpus, recordings=None, destination: dict | None = None) -> str:
    """The recording studio for readers of ``lang``: every capsule's script, the items' and the
    curriculum sessions' (``capsule-<n>.<lang>.md``), those in ``lang`` first, grouped by item, as
    a ``<details>`` that docs/assets/studio.js turns into a teleprompter with a recorder (the
    saved file is named for the capsule: ``capsule-3.bm.webm`` next to ``capsule-3.bm.md``),
    whose recording and sidecar go to ``destination`` (the site operator's organisation,
    ``extra.hub.contact``); without JavaScript, the scripts to record as a voice note. Without a
    destination the studio is not published: the page says so and links to the guide."""
    recordings = recordings or {}
    guide = f"[{label_markup('studio.guide', lang)}](../enregistrer/index.md)\n"
    if not destination:
        return "\n".join(
            [
                f"# {label_markup('studio.title', lang)}\n",
                f'<p class="hub-studio-closed"{_fr("studio.closed", lang)}>'
                f"{escape(label('studio.closed', lang))}</p>\n",
                guide,
            ]
        )
    capsules = [doc for doc in corpus.documents if doc.kind == "capsule" and doc.meta is not None]
    capsules.sort(key=lambda d: _studio_order(d, lang))
    send = (
        f'<p class="hub-studio-send"><span{_fr("studio.send", lang)}>'
        f"{escape(label('studio.send', lang))}</span> {_destination(destination)}</p>\n"
    )
    target = " ".join(
        part
        for part in (
            destination["organisation"],
            f"WhatsApp {destination['whatsapp']}" if destination.get("whatsapp") else "",
            destination.get("email", ""),
        )
        if part
    )
    out = [
        f"# {label_markup('studio.title', lang)}\n",
        label_markup("studio.intro", lang) + "\n",
        guide,
        f'<p class="hub-studio-noscript"{_fr("studio.noscript", lang)}>'
        f"{escape(label('studio.noscript', lang))}</p>\n",  # studio.js hides it
        send,
        f'<div class="hub-studio" {_studio_strings(lang)} data-to="{escape(target)}" '
        'markdown="1">\n',
    ]
    for doc in capsules:
        words = len(re.findall(r"\w+(?:['’-]\w+)*", doc.body))
        seconds = min(TARGET_MAX_SECONDS, max(10, round(words * 60 / WORDS_PER_MINUTE)))
        folder = PurePosixPath(doc.rel).parent.as_posix()
        name = PurePosixPath(doc.rel).name[: -len(".md")]
        recorded = doc.rel in recordings
        state = f" · {label_md('studio.recorded', lang)}" if recorded else ""
        group, session = _studio_group(doc, lang, corpus)
        what = (
            f"{label('session', lang)} {session} · {doc.meta.title}" if session else doc.meta.title
        )
        out.append(
            f'<details class="hub-studio-script" lang="{escape(doc.lang)}" data-folder="{escape(folder)}" '
            f'data-name="{escape(name)}" data-lang="{escape(doc.lang)}" data-seconds="{seconds}" '
            f'data-group="{escape(group)} · {escape(LANGUAGE_NAMES.get(doc.lang, doc.lang))}" '
            f'data-recorded="{int(recorded)}" markdown="1">\n'
            f"<summary>{escape(what)} · {escape(LANGUAGE_NAMES.get(doc.lang, doc.lang))}{state}</summary>\n\n"
            f"{body_block(doc.body)}\n</details>\n"
        )
    out.append("</div>\n")
    out.append(send)
    return "\n".join(out)


def generated_page(
    doc, lang: str, corpus: Corpus, vocab: Vocabularies, recordings=None, destination=None
) -> tuple[str, str]:
    """(title, Markdown) of the generated page ``doc`` for readers of ``lang`` (``destination``:
    where the studio sends recordings, ``extra.hub.contact``)."""
    if doc.meta.generated == "studio":
        return label("studio.title", lang), studio(lang, corpus, recordings, destination)
    if doc.meta.generated == "glossary":
        return label("glossary", lang), glossary(lang, vocab)
    if doc.meta.generated == "translation-status":
        return label("status.title", lang), translation_status(lang, corpus, vocab)
    if doc.meta.generated == "downloads":
        from toolkit.render.downloads import downloads_page

        return label("kits.title", lang), downloads_page(lang)
    if doc.meta.generated == "field-reference":
        return label("fields.title", lang), field_reference(lang)
    kind = SECTIONS[doc.src_uri.split("/")[0]]
    return label(f"section.{kind}", lang), catalogue(kind, lang, corpus, vocab, recordings)


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
                self.lines[entry.abbr] = (
                    f"*[{entry.abbr}]: {' '.join(getattr(entry, text_lang).term.split())}"  # abbr escapes it
                )
        keys = sorted(self.lines, key=len, reverse=True)
        self.pattern = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b") if keys else None
        )

    def used_in(self, markdown: str) -> str:
        """The definitions (one per line) of the abbreviations found in ``markdown``."""
        if self.pattern is None:
            return ""
        found = set(self.pattern.findall(markdown))
        return "\n".join(line for abbr, line in self.lines.items() if abbr in found)
