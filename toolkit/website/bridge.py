"""What the MkDocs hooks need from the toolkit, behind one small object.

The hook modules stay thin: they hold a :class:`HubBuild` per build and forward events.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.checks.validate import validate_tree
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES, REVIEWED_LANGUAGES
from toolkit.content.model import is_reviewed
from toolkit.content.problems import report_lines, summary
from toolkit.content.result import Result
from toolkit.content.translations import is_stale
from toolkit.content.vocabularies import ModelDataError
from toolkit.render.document import render_document
from toolkit.render.downloads import download_block
from toolkit.render.labels import label_markup, label_md
from toolkit.render.pages import Abbreviations, generated_page
from toolkit.render.signpost import shows_signpost, signpost, signpost_title
from toolkit.render.text import md_text
from toolkit.upstream import active
from toolkit.upstream.markdown_fast import fast_markdown_extension
from toolkit.website.config import I18N_PLUGIN
from toolkit.website.editlinks import (
    CONTRIBUTOR_PAGES,
    edit_url,
    repository_url,
    translate_url,
    with_repository_note,
)
from toolkit.website.recordings import site_recordings

TRANSLATE_GUIDE = "contribuer/traduire/index.md"


@dataclass
class HubBuild:
    root: Path
    result: Result
    repository: str | None = None
    kits: bool = False  # this build ends with the kits: content pages link to their exports
    _abbreviations: dict[str, Abbreviations] = field(
        default_factory=dict
    )  # per language, built once
    recordings: dict = field(default_factory=dict)  # capsule path -> its published Recording
    destination: dict | None = None  # where the studio sends recordings (extra.hub.contact)

    @classmethod
    def start(cls, config, repository: str = "") -> HubBuild:
        root = Path(config.config_file_path).resolve().parent
        try:
            # each file is checked once for the build and its kits: the offline site's build
            # (toolkit.kits.sites) reads what this one found in the check cache
            result = validate_tree(root, Path(config.docs_dir), use_cache=True)
        except ModelDataError as error:
            from mkdocs.exceptions import PluginError

            raise PluginError(str(error)) from None
        build = cls(root, result, repository_url(repository, root))
        build.recordings = site_recordings(result.corpus, root)
        if active("markdown_fast") and not any(
            getattr(ext, "hub_fast_markdown", False) for ext in config.markdown_extensions
        ):
            config.markdown_extensions.append(fast_markdown_extension())  # same HTML, faster
        return build

    @staticmethod
    def reader_language(config) -> str:
        plugin = config.plugins.get(I18N_PLUGIN)
        return getattr(plugin, "current_language", None) or DEFAULT_LANGUAGE

    @functools.cached_property
    def reported(self) -> frozenset:
        """Where the validation reported a problem, and of which check: the build says nothing
        more there (the check's message, such as "Raw HTML <script> is not allowed", is the one
        to read; the sanitizer's "would carry the element <script>" at that line says it again)."""
        return frozenset((p.path, p.line, p.check) for p in self.result.problems)

    def problem_lines(self) -> list[str]:
        if not self.result.problems:
            return []
        return report_lines(self.result.problems, self.result.files_checked)

    def failed(self, config) -> bool:
        return bool(config.strict and self.result.problems)

    def summary(self) -> str:
        return (
            summary(self.result.problems, self.result.files_checked)
            + " Run `hub check` to list them; fix them, then build again."
        )

    def _rendered_doc(self, src_uri: str):
        """The validated document the hub writes page ``src_uri`` from, or None."""
        doc = self.result.corpus.by_src_uri.get(src_uri)
        if doc is None or doc.meta is None or doc.fm is None or doc.fm.data is None:
            return None  # data None: the check cache's, not read again (MkDocs reads the file)
        return doc

    def page_source(self, src_uri: str) -> str | None:
        """What MkDocs should read as page ``src_uri``'s source: None (the file) as usual, or
        nothing for a page the hub writes from its validated front matter (page_markdown), so
        that MkDocs does not parse that YAML again for a body that is then replaced."""
        return "" if self._rendered_doc(src_uri) is not None else None

    def page_meta(self, src_uri: str) -> dict | None:
        """The front matter of a page read through :meth:`page_source` (a copy: MkDocs and the
        hooks add to a page's meta), or None for a page MkDocs read itself."""
        doc = self._rendered_doc(src_uri)
        return dict(doc.fm.data) if doc is not None else None

    def page_markdown(self, markdown: str, src_uri: str, reader: str) -> tuple[str, str | None]:
        """(Markdown, title or None) of the page ``src_uri`` for readers of ``reader``."""
        corpus, vocab = self.result.corpus, self.result.vocabularies
        doc = corpus.by_src_uri.get(src_uri)
        title = None
        if doc is not None and shows_signpost(doc, reader):
            return signpost(doc, corpus, reader), signpost_title(doc, corpus, reader)
        if doc is not None and doc.meta is not None and getattr(doc.meta, "generated", None):
            title, markdown = generated_page(
                doc, reader, corpus, vocab, self.recordings, self.destination
            )
        elif doc is not None and doc.summary_only:
            markdown = self._summary_page(doc, reader)
        elif doc is not None:
            markdown = render_document(doc, corpus, vocab, reader, self.recordings)
            if doc.lang and doc.lang != reader:  # French shown to a reader of another language
                markdown = (
                    self._fallback_notice(doc, reader)
                    + f'<div lang="{doc.lang}" markdown="1">\n\n{markdown}\n\n</div>'
                )
            source = corpus.by_key.get(doc.key, {}).get(DEFAULT_LANGUAGE)
            if source is not None and doc.lang != DEFAULT_LANGUAGE and is_stale(doc, source):
                markdown = self._stale_notice(doc) + markdown
            if self.kits and doc.meta is not None and doc.kind != "page":
                markdown += download_block(source if doc.summary_only and source else doc, reader)
            markdown += self._edit_links(doc, source, reader)
            if doc.folder.split("/")[0] == CONTRIBUTOR_PAGES:
                markdown = with_repository_note(markdown, self.repository, reader)
        if reader not in self._abbreviations:
            self._abbreviations[reader] = Abbreviations(reader, vocab)
        return markdown + "\n\n" + self._abbreviations[reader].used_in(markdown) + "\n", title

    def _summary_page(self, doc, reader: str) -> str:
        """A translation of the title and summary only: both at the top in the translation's
        language, then the French page under a notice, inside ``lang="fr"``."""
        corpus, vocab = self.result.corpus, self.result.vocabularies
        source = corpus.by_key.get(doc.key, {}).get(DEFAULT_LANGUAGE)
        top = []
        if (
            doc.lang in REVIEWED_LANGUAGES
            and doc.meta.native_review is not None
            and not is_reviewed(doc.meta)
        ):
            top.append(
                f'!!! note "{label_md("review.title", doc.lang)}"\n\n    {label_md("review.pending", doc.lang)}\n'
            )
        top.append(f"# {md_text(doc.meta.title)}\n")
        top.append(f"*{label_md('kind.' + doc.kind, doc.lang)}* — {md_text(doc.meta.summary)}\n")
        if source is None or source.meta is None:
            return "\n".join(top)
        french = render_document(source, corpus, vocab, reader).replace(
            f"# {md_text(source.meta.title)}\n", "", 1
        )
        guide = "../" * doc.src_uri.count("/") + TRANSLATE_GUIDE
        notice = (
            f'!!! info "{label_md("fallback.translate", reader)}"\n\n'
            f"    {label_md('summary.notice', reader)} [{label_md('fallback.translate', reader)}]({guide}).\n"
        )
        return (
            "\n".join(top)
            + "\n"
            + notice
            + f'\n<div lang="{source.lang}" markdown="1">\n\n{french}\n\n</div>'
        )

    @staticmethod
    def _stale_notice(doc) -> str:
        """In the translation's own language, with a link to the French page that changed."""
        folder = "" if doc.folder == "." else doc.folder + "/"
        french_url = (
            "../" * (folder.count("/") + 1) + folder
        )  # from /<lang>/<folder>/ to /<folder>/
        return (
            f'!!! warning "{label_markup("status.stale", doc.lang)}"\n\n'
            f"    {label_markup('stale.notice', doc.lang)} "
            f'<a href="{french_url}" hreflang="fr">{label_markup("stale.link", doc.lang)}</a>.\n\n'
        )

    def _edit_links(self, doc, source, reader: str) -> str:
        """Edit the file shown; translate into the reader's language (or, for French readers,
        into each language that lacks the page)."""
        if not self.repository or doc.lang is None:
            return ""
        links = [f'<a href="{edit_url(self.repository, doc.rel)}">{label_md("edit", reader)}</a>']
        if source is not None:
            have = self.result.corpus.by_key.get(doc.key, {})
            wanted = [reader] if reader != DEFAULT_LANGUAGE else [code for code in LANGUAGES[1:]]
            for code in wanted:
                if code not in have:
                    url = translate_url(self.repository, source.rel, code)
                    links.append(
                        f'<a href="{url}">{label_md("translate", reader)} '
                        f"({label_md('language.' + code, reader)})</a>"
                    )
        return '\n\n<p class="hub-edit">' + " · ".join(links) + "</p>\n"

    @staticmethod
    def _fallback_notice(doc, reader: str) -> str:
        depth = doc.src_uri.count("/")
        guide = "../" * depth + TRANSLATE_GUIDE
        return (
            f'!!! info "{label_markup("fallback.translate", reader)}"\n\n'
            f"    {label_markup('fallback.notice', reader)} "
            f"[{label_markup('fallback.translate', reader)}]({guide}).\n\n"
        )
