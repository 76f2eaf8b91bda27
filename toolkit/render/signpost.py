"""A signpost where a language in preparation has no text yet.

Nobody on the team writes Soninké, and no Soninké text is published until a speaker writes or
attests it (DESIGN.md). Under ``/snk/`` the site used to show every page in French under a French
notice: 85 French pages under the Soninké flag. A language of :data:`IN_PREPARATION` now shows,
for each page it has no text of, a signpost instead: the page's title, then, in French and in
Bambara side by side (the languages its readers are most likely to read), that the page is not
in that language yet, links to the same page in French and in Bambara, and an invitation to
record it aloud or translate it; each of those lines opens with a pictogram (a book: read; a
microphone: record; a pen: translate; ``hub-pict`` in docs/assets/hub.css, from the theme's own
icons, no emoji font needed) so that a reader who does not read can follow it. The language's home page says
what exists in which language. A page that has text in the language is shown as usual: pages
appear under ``/snk/`` as they are written. The contributors' pages and the downloads page
(:data:`TOOLS`) are not signposts: the studio under ``/snk/`` records Soninké, and the guides
say how to translate.

Every text is escaped (catalogue strings and titles are data).
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

from toolkit.content.corpus import Corpus, Document
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from toolkit.render.labels import label
from toolkit.render.text import html_text

#: Languages whose pages without text of their own are signposts, and whose entry in the
#: language menu says "in preparation" while they have no text at all.
IN_PREPARATION: tuple[str, ...] = ("snk",)
#: The languages a signpost speaks, side by side.
SIDE_BY_SIDE = ("fr", "bm")
#: Sections that stay as they are in every language: they are tools, not texts to read (the
#: studio records in the page's language, the guides say how to translate, the downloads page
#: lists the kits of every language).
TOOLS = ("contribuer", "telechargements")
STUDIO = "contribuer/studio/"
TRANSLATE = "contribuer/traduire/"


def shows_signpost(doc: Document, reader: str) -> bool:
    """Whether ``doc``'s page is a signpost for readers of ``reader``."""
    return (
        reader in IN_PREPARATION
        and doc.lang != reader
        and PurePosixPath(doc.src_uri).parts[0] not in TOOLS
    )


def preparing(corpus: Corpus) -> list[str]:
    """The languages of :data:`IN_PREPARATION` that have no text at all yet: the language menu
    says so beside their name."""
    written = {doc.lang for doc in corpus.documents if doc.meta is not None}
    return [lang for lang in IN_PREPARATION if lang not in written]


def page_path(src_uri: str) -> str:
    """The page's path from its language's root, ``""`` for the home page:
    ``methodologies/x/index.fr.md`` -> ``methodologies/x/``, ``.../capsule.fr.md`` ->
    ``.../capsule/``."""
    path = PurePosixPath(src_uri)
    stem = path.name.split(".", 1)[0]
    parts = [p for p in path.parent.parts if p != "."]
    if stem != "index":
        parts.append(stem)
    return "".join(f"{part}/" for part in parts)


def _address(root: str, lang: str, path: str) -> str:
    return root + ("" if lang == DEFAULT_LANGUAGE else f"{lang}/") + path


def _title(doc: Document, corpus: Corpus) -> tuple[str, str]:
    """(title, its language): Bambara where a Bambara title exists, else French."""
    versions = corpus.by_key.get(doc.key, {})
    for lang in ("bm", DEFAULT_LANGUAGE):
        found = versions.get(lang)
        if found is not None and found.meta is not None and getattr(found.meta, "title", None):
            return found.meta.title, lang
    return "", DEFAULT_LANGUAGE


def _said(key: str) -> str:
    return "".join(f'<p lang="{lang}">{html_text(label(key, lang))}</p>\n' for lang in SIDE_BY_SIDE)


def _counts(corpus: Corpus) -> str:
    """What exists in which language: whole documents, and titles with summaries only."""
    whole, summaries = Counter(), Counter()
    for doc in corpus.documents:
        if doc.meta is None or doc.lang is None or getattr(doc.meta, "generated", None):
            continue
        (summaries if doc.summary_only else whole)[doc.lang] += 1
    rows = []
    for lang in LANGUAGES:
        if whole[lang] or summaries[lang]:  # in the language itself
            said = f"{whole[lang]} {html_text(label('signpost.documents', lang))}"
            if summaries[lang]:
                said += f", {summaries[lang]} {html_text(label('signpost.summaries', lang))}"
            said = f'<span lang="{lang}">{said}</span>'
        else:  # nothing yet: said in the signpost's languages
            said = " · ".join(
                f'<span lang="{other}">{html_text(label("language.preparing", other))}</span>'
                for other in SIDE_BY_SIDE
            )
        rows.append(
            f'<li><strong lang="{lang}">{html_text(LANGUAGE_NAMES[lang])}</strong> : {said}</li>'
        )
    return '<ul class="hub-signpost__languages">\n' + "\n".join(rows) + "\n</ul>\n"


def signpost_title(doc: Document, corpus: Corpus, reader: str) -> str:
    """The signpost's title (the page's ``<title>``)."""
    return LANGUAGE_NAMES[reader] if not page_path(doc.src_uri) else _title(doc, corpus)[0]


def signpost(doc: Document, corpus: Corpus, reader: str) -> str:
    """The Markdown of ``doc``'s page for readers of ``reader`` (a language of
    :data:`IN_PREPARATION` that has no text of this page)."""
    path = page_path(doc.src_uri)
    root = "../" * (path.count("/") + 1)  # from /<reader>/<path> to the site's root
    title, title_lang = _title(doc, corpus)
    if not path:
        title, title_lang = LANGUAGE_NAMES[reader], reader
    out = [f'<div class="hub-signpost">\n<h1 lang="{title_lang}">{html_text(title)}</h1>\n']
    if not path:  # the language's home: what exists, in which language
        out.append(_said("signpost.home.lead"))
        out.append(_counts(corpus))
    else:
        out.append(_said("signpost.notyet"))
    links = [
        f'<li lang="{lang}" class="hub-pict hub-pict--read"><a href="{_address(root, lang, path)}" hreflang="{lang}">'
        f"{html_text(LANGUAGE_NAMES[lang])}</a></li>"
        for lang in SIDE_BY_SIDE
    ]
    out.append('<ul class="hub-signpost__links">\n' + "\n".join(links) + "\n</ul>\n")
    out.append(_said("signpost.help" if path else "signpost.home.help"))
    actions = [
        f'<li lang="{lang}" class="hub-pict hub-pict--{icon}">'
        f'<a href="{root}{reader}/{target}">{html_text(label(key, lang))}</a></li>'
        for icon, key, target in (
            ("record", "signpost.record", STUDIO),
            ("translate", "signpost.translate", TRANSLATE),
        )
        for lang in SIDE_BY_SIDE
    ]
    out.append('<ul class="hub-signpost__links">\n' + "\n".join(actions) + "\n</ul>\n")
    out.append("</div>\n")
    return "".join(out)
