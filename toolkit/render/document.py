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
from toolkit.render.labels import is_fallback, label, label_markup, label_md
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


class Frame:
    """The hub's own words around a document (field labels, vocabulary terms, duration units),
    in the reader's language ``lang``. When the document is in another language (a French page
    shown to a Bambara reader), it sits in a block marked with its language: each piece of the
    frame is then marked with the reader's (``<span lang="bm">``), and a label the reader's
    catalogue lacks stays French, unmarked, like the text around it. For a document in the
    reader's language nothing is marked: the Markdown is the one the exports have always had."""

    def __init__(self, lang: str, text_lang: str):
        self.lang = lang
        self.marked = lang != text_lang
        self.colon = colon_of(lang)

    def mark(self, markdown: str) -> str:
        """``markdown`` (text of the reader's language) marked with it where that is needed."""
        return (
            f'<span lang="{self.lang}">{markdown}</span>' if self.marked and markdown else markdown
        )

    def __call__(self, key: str, lower: bool = False) -> str:
        """The label ``key`` as Markdown in the reader's language (or French, unmarked, where
        the reader's catalogue has none)."""
        text = label_md(key, self.lang)
        text = text.lower() if lower else text
        return text if is_fallback(key, self.lang) else self.mark(text)

    def term(self, vocabulary, term_id) -> str:
        """A vocabulary term (theme, audience, place...) as Markdown in the reader's language,
        or in French, unmarked, where the vocabulary has no such label."""
        text = md_text(vocabulary.label(term_id, self.lang))
        term = vocabulary.terms.get(term_id)
        ours = term is not None and bool(term.labels.get(self.lang))
        return self.mark(text) if ours else text

    def duration(self, value: str) -> str:
        """A duration from the front matter; min and h are the same in every language."""
        match = DURATION_RE.match(value)
        unit = match["unit"].rstrip("s") if match else ""
        if unit not in WORDED_UNITS or is_fallback(f"unit.{unit}", self.lang):
            return format_duration(value, self.lang)
        return self.mark(format_duration(value, self.lang))


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


def _glance(doc: Document, vocab: Vocabularies, f: Frame) -> list[str]:
    meta, rows, colon = doc.meta, [], f.colon
    if getattr(meta, "purpose", None):
        rows.append(f"**{f('purpose')}{colon}** {md_text(meta.purpose)}")
    if getattr(meta, "duration", None):
        rows.append(f"**{f('duration')}{colon}** {f.duration(meta.duration)}")
    if doc.kind == "curriculum":
        total = sum(s.duration_min for s in meta.sessions)
        rows.append(
            f"**{f('duration')}{colon}** {len(meta.sessions)} × {f('session', lower=True)}, "
            f"{format_minutes(total, f.lang)}"
        )
    if doc.kind == "case-study":
        rows.append(f"**{f('place')}{colon}** {f.term(vocab.places, meta.place)}")
        period = meta.period.replace("/", "–") if meta.period else f("period.unknown")
        rows.append(f"**{f('period')}{colon}** {period}")
    if meta.audiences:
        rows.append(
            f"**{f('audiences')}{colon}** "
            + ", ".join(f.term(vocab.audiences, a) for a in meta.audiences)
        )
    if meta.themes:
        rows.append(
            f"**{f('themes')}{colon}** " + ", ".join(f.term(vocab.themes, t) for t in meta.themes)
        )
    if meta.places and doc.kind != "case-study":
        rows.append(
            f"**{f('places')}{colon}** " + ", ".join(f.term(vocab.places, p) for p in meta.places)
        )
    if meta.sdgs:
        rows.append(
            f"**{f('sdgs')}{colon}** "
            + ", ".join(f"{n} ({f.term(vocab.sdgs, n)})" for n in meta.sdgs)
        )
    if not rows:
        return []
    body = "\n".join(f"    - {row}" for row in rows)
    return [f'!!! abstract "{f("at_a_glance")}"\n\n{body}\n']


def _methodology(doc: Document, f: Frame) -> list[str]:
    meta, colon = doc.meta, f.colon
    out = [
        f"## {f('when_to_use')}\n\n{_bullets(meta.when_to_use)}\n",
        f"## {f('steps')} {{#steps}}\n",
    ]
    for number, step in enumerate(meta.steps, 1):
        out.append(
            f"### {number}. {md_text(step.title)} {{#step-{number}}}\n\n{md_text(step.description)}\n\n"
            f"**{f('inclusion')}{colon}** {md_text(step.inclusion)}\n"
        )
    out.append(
        f"## {f('roles')} {{#roles}}\n\n| {f('role')} | {f('tasks')} |\n|---|---|\n"
        + "\n".join(f"| {_cell(r.role)} | {_cell(r.tasks)} |" for r in meta.roles)
        + "\n"
    )
    out.append(f"## {f('resources')} {{#resources}}\n\n{_bullets(meta.resources)}\n")
    out.append(
        f"## {f('risks')} {{#risks}}\n\n| {f('risk')} | {f('mitigation')} |\n|---|---|\n"
        + "\n".join(f"| {_cell(r.risk)} | {_cell(r.mitigation)} |" for r in meta.risks)
        + "\n"
    )
    return out


def _curriculum(doc: Document, corpus: Corpus, f: Frame, text_lang: str) -> list[str]:
    meta, colon = doc.meta, f.colon
    total = sum(s.duration_min for s in meta.sessions)
    spoken = corpus.session_capsules(doc.key)
    out = [
        f"**{f('goal')}{colon}** {md_text(meta.goal)}\n",
        f"## {f('agenda')} {{#agenda}}\n\n| {f('session')} | {f('duration')} |\n|---|---|\n"
        + "\n".join(
            f"| [{n}. {_cell(s.title)}](#session-{n}) | {format_minutes(s.duration_min, f.lang)} |"
            for n, s in enumerate(meta.sessions, 1)
        )
        + f"\n| **{f('total')}** | **{format_minutes(total, f.lang)}** |\n",
    ]
    for n, s in enumerate(meta.sessions, 1):
        part = [
            f"## {f('session')} {n}. {md_text(s.title)} {{#session-{n}}}\n",
            f"**{f('duration')}{colon}** {format_minutes(s.duration_min, f.lang)}"
            + (f" · **{f('audience')}{colon}** {md_text(s.audience)}" if s.audience else "")
            + "\n",
            f"**{f('objectives')}**\n\n{_bullets(s.objectives)}\n",
            f"**{f('materials')}**\n\n{_bullets(s.materials)}\n",
            f"| {f('timing')} | {f('activity')} |\n|---|---|\n"
            + "\n".join(f"| {st.minutes} min | {_cell(st.activity)} |" for st in s.steps)
            + "\n",
            f"**{f('oral_activity')}{colon}** {md_text(s.oral_activity)}\n",
            f"**{f('evaluation')}{colon}** {md_text(s.evaluation)}\n",
        ]
        if s.tools:
            part.append(
                f"**{f('uses_tools')}{colon}** "
                + ", ".join(_link(corpus, t, text_lang, doc) for t in s.tools)
                + "\n"
            )
        if n in spoken:
            part.append(
                f"**{f('capsule.session')}{colon}** [{f('capsule.session.link')}](capsule-{n}.md)\n"
            )
        out += part
    return out


def _case_study_top(doc: Document, f: Frame) -> list[str]:
    if doc.meta.illustrative:
        return [f'!!! warning "{f("kind.case-study")}"\n\n    {f("illustrative")}\n']
    return []


def _case_study(doc: Document, f: Frame) -> list[str]:
    meta = doc.meta
    return [
        f"## {f('actors')}\n\n{_bullets(meta.actors)}\n",
        f"## {f('results')} {{#results}}\n\n{_bullets(meta.results)}\n",
        f"## {f('lessons')} {{#lessons}}\n\n{_bullets(meta.lessons)}\n",
    ]


def _sources(doc: Document, f: Frame) -> list[str]:
    sources = getattr(doc.meta, "sources", None)
    if not sources:
        return []
    lines = []
    for s in sources:
        extra = ", ".join(md_text(x) for x in (s.publisher, s.date) if x)
        lines.append(f"- [{md_text(s.title)}]({md_url(s.url)})" + (f" ({extra})" if extra else ""))
    return [f"## {f('sources')} {{#sources}}\n\n" + "\n".join(lines) + "\n"]


def _related(doc: Document, corpus: Corpus, f: Frame, text_lang: str) -> list[str]:
    meta, groups, colon = doc.meta, [], f.colon
    if getattr(meta, "methodologies", None):
        key = "applies" if doc.kind == "case-study" else "teaches"
        groups.append((f(key), meta.methodologies))
    tools = list(getattr(meta, "tools", []) or [])
    if doc.kind == "curriculum":
        tools += [t for s in meta.sessions for t in s.tools if t not in tools]
    if tools:
        groups.append((f("uses_tools"), tools))
    for kind, slugs in sorted(corpus.backlinks.get(doc.slug or "", {}).items()):
        groups.append((f(f"backlinks.{kind}"), slugs))
    if not groups:
        return []
    lines = [
        f"- **{title}{colon}** " + ", ".join(_link(corpus, s, text_lang, doc) for s in slugs)
        for title, slugs in groups
    ]
    return [f"## {f('related')} {{#related}}\n\n" + "\n".join(lines) + "\n"]


def _studio_link(doc: Document) -> str:
    return "../" * doc.src_uri.count("/") + STUDIO_PAGE


def _capsule(
    doc: Document,
    corpus: Corpus,
    f: Frame,
    lang: str,
    recordings: Mapping[str, Recording] | None,
) -> list[str]:
    """The capsule next to a methodology or curriculum, when there is one: its recording in the
    reader's language (a player) or a word that there is none yet, and a link to its script."""
    capsules = corpus.by_key.get(doc.key.rsplit("/", 1)[0] + "/capsule", {})
    if not capsules:
        return []
    out = [f"**{f('capsule')}{f.colon}** [{f('capsule.link')}](capsule.md)\n"]
    capsule = capsules.get(lang)
    if recordings is None or capsule is None:
        return out
    recording = recordings.get(capsule.rel)
    if recording is not None:
        out.append(player(recording, lang))
    else:
        out.append(no_recording(lang, _studio_link(doc)))
    return out


def _capsule_recording(
    doc: Document, f: Frame, lang: str, recordings: Mapping[str, Recording]
) -> list[str]:
    """On a capsule's own page: its player, or a link to the studio; then the script, titled
    as the transcript."""
    recording = recordings.get(doc.rel)
    top = (
        player(recording, doc.lang or lang) if recording else no_recording(lang, _studio_link(doc))
    )
    return [top, f"## {f('audio.transcript')} {{#script}}\n"]


def _credits(doc: Document, f: Frame) -> list[str]:
    meta, colon = doc.meta, f.colon
    parts = [f"{f('authors')}{colon} {', '.join(md_text(a) for a in meta.authors)}"]
    if meta.translators:
        parts.append(f"{f('translators')}{colon} {', '.join(md_text(t) for t in meta.translators)}")
    parts.append(f"{f('last_reviewed')}{colon} {meta.last_reviewed.isoformat()}")
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
    f = Frame(lang, text_lang)
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
        out += _case_study_top(doc, f)
    out.append(f"*{f('kind.' + doc.kind)}* — {md_text(meta.summary)}\n")
    out += _glance(doc, vocab, f)
    if doc.kind == "capsule":
        out += _capsule_recording(doc, f, text_lang, recordings) if recordings is not None else []
    else:
        out += _capsule(doc, corpus, f, text_lang, recordings)
    out.append(body_block(doc.body))
    if doc.kind == "methodology":
        out += _methodology(doc, f)
    elif doc.kind == "curriculum":
        out += _curriculum(doc, corpus, f, text_lang)
    elif doc.kind == "case-study":
        out += _case_study(doc, f)
    out += _sources(doc, f)
    out += _related(doc, corpus, f, text_lang)
    out += _credits(doc, f)
    return "\n".join(part for part in out if part)
