"""Turn a validated document into the Markdown a reader sees, in the reader's language.

The structured front matter (steps, sessions, roles...) becomes sections with stable,
language-neutral ids (``#steps``, ``#session-2``), then comes the body, then the typed
links in both directions and the credits. The same Markdown feeds the site and the kits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from toolkit.checks.rendered import body_block
from toolkit.content.corpus import Corpus, Document
from toolkit.content.languages import colon as colon_of
from toolkit.content.model import DURATION_RE, is_reviewed
from toolkit.content.sections import SECTION_OF_TYPE
from toolkit.content.vocabularies import Vocabularies
from toolkit.media.audio import Recording
from toolkit.render.labels import label, label_markup, label_md
from toolkit.render.player import STUDIO_PAGE, no_recording, player
from toolkit.render.text import md_text, md_url

#: Duration units whose words come from the catalogues (``unit.<name>``); min and h are the
#: same in every language of the site.
WORDED_UNITS = ("day", "week", "month")


def format_duration(value: str, lang: str) -> str:
    """Markdown of a duration from the front matter (``3-6 months``) in the words of ``lang``."""
    match = DURATION_RE.match(value)
    if not match:
        return md_text(value)
    unit = match["unit"].rstrip("s") if match["unit"] not in ("min", "h") else match["unit"]
    amount = match["low"] + (f"–{match['high']}" if match["high"] else "")
    if unit not in WORDED_UNITS:
        return f"{amount} {unit}"
    # "3–6 mois", "kalo 3–6": the order is the catalogue's, whose entry is text with two
    # placeholders (never str.format: a catalogue entry must not reach Python's attributes)
    words, pattern = label(f"unit.{unit}", lang), label("duration.format", lang)
    if "{amount}" in pattern and "{unit}" in pattern:
        return md_text(pattern.replace("{amount}", amount, 1).replace("{unit}", words, 1))
    return md_text(f"{amount} {words}")  # a catalogue entry with a broken placeholder


def format_minutes(minutes: int, lang: str) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def _cell(text: str) -> str:
    return md_text(text)


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {md_text(item)}" for item in items)


def _link(corpus: Corpus, slug: str, lang: str, from_doc: Document) -> str:
    target = corpus.get(slug, lang)
    if target is None or target.meta is None:
        return slug
    depth = from_doc.src_uri.count("/")
    prefix = "../" * depth
    return f"[{md_text(target.meta.title)}]({prefix}{SECTION_OF_TYPE[target.kind]}/{slug}/index.md)"


def _glance(doc: Document, vocab: Vocabularies, lang: str) -> list[str]:
    meta, rows = doc.meta, []
    colon = colon_of(lang)
    if getattr(meta, "purpose", None):
        rows.append(f"**{label_md('purpose', lang)}{colon}** {md_text(meta.purpose)}")
    if getattr(meta, "duration", None):
        rows.append(
            f"**{label_md('duration', lang)}{colon}** {format_duration(meta.duration, lang)}"
        )
    if doc.kind == "curriculum":
        total = sum(s.duration_min for s in meta.sessions)
        rows.append(
            f"**{label_md('duration', lang)}{colon}** {len(meta.sessions)} × {label_md('session', lang).lower()}, "
            f"{format_minutes(total, lang)}"
        )
    if doc.kind == "case-study":
        rows.append(
            f"**{label_md('place', lang)}{colon}** {md_text(vocab.places.label(meta.place, lang))}"
        )
        period = meta.period.replace("/", "–") if meta.period else label_md("period.unknown", lang)
        rows.append(f"**{label_md('period', lang)}{colon}** {period}")
    if meta.audiences:
        rows.append(
            f"**{label_md('audiences', lang)}{colon}** "
            + ", ".join(md_text(vocab.audiences.label(a, lang)) for a in meta.audiences)
        )
    if meta.themes:
        rows.append(
            f"**{label_md('themes', lang)}{colon}** "
            + ", ".join(md_text(vocab.themes.label(t, lang)) for t in meta.themes)
        )
    if meta.places and doc.kind != "case-study":
        rows.append(
            f"**{label_md('places', lang)}{colon}** "
            + ", ".join(md_text(vocab.places.label(p, lang)) for p in meta.places)
        )
    if meta.sdgs:
        rows.append(
            f"**{label_md('sdgs', lang)}{colon}** "
            + ", ".join(f"{n} ({md_text(vocab.sdgs.label(n, lang))})" for n in meta.sdgs)
        )
    if not rows:
        return []
    body = "\n".join(f"    - {row}" for row in rows)
    return [f'!!! abstract "{label_md("at_a_glance", lang)}"\n\n{body}\n']


def _methodology(doc: Document, lang: str) -> list[str]:
    meta, colon = doc.meta, colon_of(lang)
    out = [
        f"## {label_md('when_to_use', lang)}\n\n{_bullets(meta.when_to_use)}\n",
        f"## {label_md('steps', lang)} {{#steps}}\n",
    ]
    for number, step in enumerate(meta.steps, 1):
        out.append(
            f"### {number}. {md_text(step.title)} {{#step-{number}}}\n\n{md_text(step.description)}\n\n"
            f"**{label_md('inclusion', lang)}{colon}** {md_text(step.inclusion)}\n"
        )
    out.append(
        f"## {label_md('roles', lang)} {{#roles}}\n\n| {label_md('role', lang)} | {label_md('tasks', lang)} |\n|---|---|\n"
        + "\n".join(f"| {_cell(r.role)} | {_cell(r.tasks)} |" for r in meta.roles)
        + "\n"
    )
    out.append(f"## {label_md('resources', lang)} {{#resources}}\n\n{_bullets(meta.resources)}\n")
    out.append(
        f"## {label_md('risks', lang)} {{#risks}}\n\n| {label_md('risk', lang)} | {label_md('mitigation', lang)} |\n|---|---|\n"
        + "\n".join(f"| {_cell(r.risk)} | {_cell(r.mitigation)} |" for r in meta.risks)
        + "\n"
    )
    return out


def _curriculum(doc: Document, corpus: Corpus, lang: str) -> list[str]:
    meta, colon = doc.meta, colon_of(lang)
    total = sum(s.duration_min for s in meta.sessions)
    spoken = corpus.session_capsules(doc.key)
    out = [
        f"**{label_md('goal', lang)}{colon}** {md_text(meta.goal)}\n",
        f"## {label_md('agenda', lang)} {{#agenda}}\n\n| {label_md('session', lang)} | {label_md('duration', lang)} |\n|---|---|\n"
        + "\n".join(
            f"| [{n}. {_cell(s.title)}](#session-{n}) | {format_minutes(s.duration_min, lang)} |"
            for n, s in enumerate(meta.sessions, 1)
        )
        + f"\n| **{label_md('total', lang)}** | **{format_minutes(total, lang)}** |\n",
    ]
    for n, s in enumerate(meta.sessions, 1):
        part = [
            f"## {label_md('session', lang)} {n}. {md_text(s.title)} {{#session-{n}}}\n",
            f"**{label_md('duration', lang)}{colon}** {format_minutes(s.duration_min, lang)}"
            + (
                f" · **{label_md('audience', lang)}{colon}** {md_text(s.audience)}"
                if s.audience
                else ""
            )
            + "\n",
            f"**{label_md('objectives', lang)}**\n\n{_bullets(s.objectives)}\n",
            f"**{label_md('materials', lang)}**\n\n{_bullets(s.materials)}\n",
            f"| {label_md('timing', lang)} | {label_md('activity', lang)} |\n|---|---|\n"
            + "\n".join(f"| {st.minutes} min | {_cell(st.activity)} |" for st in s.steps)
            + "\n",
            f"**{label_md('oral_activity', lang)}{colon}** {md_text(s.oral_activity)}\n",
            f"**{label_md('evaluation', lang)}{colon}** {md_text(s.evaluation)}\n",
        ]
        if s.tools:
            part.append(
                f"**{label_md('uses_tools', lang)}{colon}** "
                + ", ".join(_link(corpus, t, lang, doc) for t in s.tools)
                + "\n"
            )
        if n in spoken:
            part.append(
                f"**{label_md('capsule.session', lang)}{colon}** "
                f"[{label_md('capsule.session.link', lang)}](capsule-{n}.md)\n"
            )
        out += part
    return out


def _case_study_top(doc: Document, lang: str) -> list[str]:
    if doc.meta.illustrative:
        return [
            f'!!! warning "{label_md("kind.case-study", lang)}"\n\n    {label_md("illustrative", lang)}\n'
        ]
    return []


def _case_study(doc: Document, lang: str) -> list[str]:
    meta = doc.meta
    return [
        f"## {label_md('actors', lang)}\n\n{_bullets(meta.actors)}\n",
        f"## {label_md('results', lang)} {{#results}}\n\n{_bullets(meta.results)}\n",
        f"## {label_md('lessons', lang)} {{#lessons}}\n\n{_bullets(meta.lessons)}\n",
    ]


def _sources(doc: Document, lang: str) -> list[str]:
    sources = getattr(doc.meta, "sources", None)
    if not sources:
        return []
    lines = []
    for s in sources:
        extra = ", ".join(md_text(x) for x in (s.publisher, s.date) if x)
        lines.append(f"- [{md_text(s.title)}]({md_url(s.url)})" + (f" ({extra})" if extra else ""))
    return [f"## {label_md('sources', lang)} {{#sources}}\n\n" + "\n".join(lines) + "\n"]


def _related(doc: Document, corpus: Corpus, lang: str) -> list[str]:
    meta, groups = doc.meta, []
    colon = colon_of(lang)
    if getattr(meta, "methodologies", None):
        key = "applies" if doc.kind == "case-study" else "teaches"
        groups.append((label_md(key, lang), meta.methodologies))
    tools = list(getattr(meta, "tools", []) or [])
    if doc.kind == "curriculum":
        tools += [t for s in meta.sessions for t in s.tools if t not in tools]
    if tools:
        groups.append((label_md("uses_tools", lang), tools))
    for kind, slugs in sorted(corpus.backlinks.get(doc.slug or "", {}).items()):
        groups.append((label_md(f"backlinks.{kind}", lang), slugs))
    if not groups:
        return []
    lines = [
        f"- **{title}{colon}** " + ", ".join(_link(corpus, s, lang, doc) for s in slugs)
        for title, slugs in groups
    ]
    return [f"## {label_md('related', lang)} {{#related}}\n\n" + "\n".join(lines) + "\n"]


def _studio_link(doc: Document) -> str:
    return "../" * doc.src_uri.count("/") + STUDIO_PAGE


def _capsule(
    doc: Document, corpus: Corpus, lang: str, recordings: Mapping[str, Recording] | None
) -> list[str]:
    """The capsule next to a methodology or curriculum, when there is one: its recording in the
    reader's language (a player) or a word that there is none yet, and a link to its script."""
    capsules = corpus.by_key.get(doc.key.rsplit("/", 1)[0] + "/capsule", {})
    if not capsules:
        return []
    colon = colon_of(lang)
    out = [
        f"**{label_md('capsule', lang)}{colon}** [{label_md('capsule.link', lang)}](capsule.md)\n"
    ]
    capsule = capsules.get(lang)
    if recordings is None or capsule is None:
        return out
    recording = recordings.get(capsule.rel)
    if recording is not None:
        out.append(player(recording, lang))
    else:
        out.append(no_recording(lang, _studio_link(doc)))
    return out


def _capsule_recording(doc: Document, lang: str, recordings: Mapping[str, Recording]) -> list[str]:
    """On a capsule's own page: its player, or a link to the studio; then the script, titled
    as the transcript."""
    recording = recordings.get(doc.rel)
    top = (
        player(recording, doc.lang or lang) if recording else no_recording(lang, _studio_link(doc))
    )
    return [top, f"## {label_md('audio.transcript', lang)} {{#script}}\n"]


def _credits(doc: Document, lang: str) -> list[str]:
    meta, colon = doc.meta, colon_of(lang)
    parts = [f"{label_md('authors', lang)}{colon} {', '.join(md_text(a) for a in meta.authors)}"]
    if meta.translators:
        parts.append(
            f"{label_md('translators', lang)}{colon} {', '.join(md_text(t) for t in meta.translators)}"
        )
    parts.append(f"{label_md('last_reviewed', lang)}{colon} {meta.last_reviewed.isoformat()}")
    return ['<p class="hub-credits" id="credits">' + " · ".join(parts) + "</p>\n"]


def render_document(
    doc: Document,
    corpus: Corpus,
    vocab: Vocabularies,
    lang: str,
    recordings: Mapping[str, Recording] | None = None,
) -> str:
    """Markdown for ``doc`` as shown to a reader of ``lang`` (a fallback page may differ).
    ``recordings``: the published recording of each capsule, by the capsule's path; None (the
    printable exports) shows no player and no word on recordings."""
    meta = doc.meta
    if meta is None:  # invalid front matter: show the body, the problems are reported elsewhere
        return doc.body
    text_lang = doc.lang or lang
    out: list[str] = []
    if doc.lang in ("bm", "snk") and meta.native_review is not None and not is_reviewed(meta):
        out.append(
            f'!!! note "{label_markup("review.title", text_lang)}"\n\n'
            f"    {label_markup('review.pending', text_lang)}\n"
        )
    if doc.kind == "page":
        out.append(body_block(doc.body))
        return "\n".join(out)
    out.append(f"# {md_text(meta.title)}\n")
    if doc.kind == "case-study":
        out += _case_study_top(doc, text_lang)
    out.append(f"*{label_md('kind.' + doc.kind, text_lang)}* — {md_text(meta.summary)}\n")
    out += _glance(doc, vocab, text_lang)
    if doc.kind == "capsule":
        out += _capsule_recording(doc, text_lang, recordings) if recordings is not None else []
    else:
        out += _capsule(doc, corpus, text_lang, recordings)
    out.append(body_block(doc.body))
    if doc.kind == "methodology":
        out += _methodology(doc, text_lang)
    elif doc.kind == "curriculum":
        out += _curriculum(doc, corpus, text_lang)
    elif doc.kind == "case-study":
        out += _case_study(doc, text_lang)
    out += _sources(doc, text_lang)
    out += _related(doc, corpus, text_lang)
    out += _credits(doc, text_lang)
    return "\n".join(part for part in out if part)
