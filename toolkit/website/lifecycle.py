"""One build of the site, from MkDocs' first event to its last: the state the hooks share.

The hooks in ``hooks/`` hold no state: each forwards its event to :data:`BUILD`, the one object
that lives as long as a ``mkdocs build`` or ``serve`` process. It knows the command, the
validated content (:class:`~toolkit.website.bridge.HubBuild`), the page renderer, the images of
this language pass and the operator's options (:mod:`toolkit.website.options`).

Event order with mkdocs-static-i18n (which builds every other language from the default one's
``on_post_build``, at priority -100): ``on_config`` fires once per language; the first one
starts a build afresh (every field below, and every per-build cache of
:mod:`toolkit.base.build_caches`: ``mkdocs serve`` rebuilds in this same process) and validates
the content, the others reuse it (:meth:`Lifecycle.is_language_pass`). What runs once after
every language (recordings, stylesheet cut, search index, kits, ``_headers``) is listed, in
order, in :mod:`toolkit.website.after_build`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from mkdocs.exceptions import PluginError

from toolkit.base import build_caches, forkpool
from toolkit.checks.files import drop_unpublishable
from toolkit.checks.rendered_privacy import published_problems
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.media.images import SiteImages, referenced_images
from toolkit.render.signpost import preparing
from toolkit.upstream import active, material_partials, parallel
from toolkit.upstream.page_render import Renderer
from toolkit.website import interface, page_budget
from toolkit.website import options as hub_options
from toolkit.website.bridge import HubBuild
from toolkit.website.config import I18N_PLUGIN, offline_enabled
from toolkit.website.published import for_templates, page_body, safe_meta
from toolkit.website.recordings import is_source_recording, root_relative, source_recordings


@dataclass
class Lifecycle:
    command: str | None = None
    dirty: bool = False
    options: hub_options.HubOptions | None = None
    content: HubBuild | None = None
    renderer: Renderer | None = None
    images: SiteImages | None = None
    warn: object = print  # where the problems found while building go (MkDocs' logger)
    reader: str | None = None  # the language of this pass (a fallback page repeats its problems)

    # -- MkDocs events ------------------------------------------------------------------------

    def startup(self, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        forkpool.tune_gc()

    def configure(self, config, warn) -> None:
        """The first ``on_config`` of a build: options, validation, stand-ins. Each content
        problem goes to ``warn``; raises PluginError when the build must stop."""
        if self.content is not None and self.is_language_pass(config):
            return  # nested build of another language: the content was validated already
        self._start_afresh()
        try:
            self.options = hub_options.read(config)  # extra.hub and the environment, once
        except hub_options.OptionsError as error:
            raise PluginError(str(error)) from None
        self.warn = warn
        i18n = config.plugins.get(I18N_PLUGIN)
        if i18n is not None:  # its parallel build of the languages runs only for `mkdocs build`
            i18n.parallel_wanted = parallel.wanted(config, self.command, self.dirty)
            interface.apply(i18n)  # navigation, site name and copyright from the catalogues
        self.content = HubBuild.start(config, self.options.repository)
        self.content.destination = hub_options.destination(self.options)
        self.content.kits = hub_options.kits_wanted(
            self.options, self.command, offline_enabled(config)
        )
        config.extra["hub_preparing"] = preparing(self.content.result.corpus)
        self.renderer = Renderer() if active("page_render") else None
        material_partials.decided()  # before the languages fork: said once, not once a worker
        forkpool.freeze()  # the validated content lives as long as the build: out of the GC's walk
        for line in self.content.problem_lines():
            warn(line)
        if self.content.failed(config):
            raise PluginError(self.content.summary())

    def _start_afresh(self) -> None:
        """Forget the last build (``mkdocs serve``): every field but the command, every cache."""
        for each in fields(self):
            if each.name not in ("command", "dirty"):
                setattr(self, each.name, each.default)
        build_caches.reset()

    def bind_page(self, page) -> None:
        if self.renderer is not None:  # one Python-Markdown converter per language build
            self.renderer.bind(page)
        doc = self.content.result.corpus.by_src_uri.get(page.file.src_uri) if self.content else None
        page_budget.guard(page, doc.rel if doc is not None else f"docs/{page.file.src_uri}")

    def page_markdown(self, markdown: str, page, config) -> str:
        """The Markdown of ``page`` for this language pass: the hub writes its typed pages."""
        meta = self.content.page_meta(page.file.src_uri)
        page.meta = safe_meta(meta if meta is not None else page.meta)
        reader = self.reader = self.content.reader_language(config)
        markdown, title = self.content.page_markdown(markdown, page.file.src_uri, reader)
        if title:
            page.meta["title"] = title
        return markdown

    def language_files(self, files, config) -> None:
        """This language's files are chosen: images to publish resized; files that may not be
        published (links, stray types, unreadable pages) left out, even in a non-strict build."""
        drop_unpublishable(
            files, Path(config.docs_dir), self.content.result if self.content else None
        )
        if self.images is None or not self.is_language_pass(
            config
        ):  # a new build (or serve rebuild)
            docs_dir = Path(config.docs_dir)
            result = self.content.result if self.content else None
            referenced = referenced_images(result, docs_dir, LANGUAGES) if result else set()
            self.images = SiteImages(
                Path(config.config_file_path).resolve().parent, docs_dir, referenced
            )
        self.images.use_files(files)
        if self.content is not None:  # recordings are published processed (write_recordings)
            named = source_recordings(self.content.result.corpus)
            for file in [f for f in files if is_source_recording(f.src_uri, named)]:
                files.remove(file)

    def page_html(self, html: str, page) -> str:
        """The page's HTML from its Markdown: addresses from the site's root made relative, images
        published resized, then the sanitizer, last. The sanitizer and the personal-data scan run
        within the page's budget, as its rendering did (:mod:`toolkit.website.page_budget`); images
        have limits of their own (:mod:`toolkit.media.images`)."""
        doc = self.content.result.corpus.by_src_uri.get(page.file.src_uri) if self.content else None
        if doc is not None and doc.summary_only:  # its page shows the French body: what is
            source = self.content.result.corpus.by_key.get(doc.key, {})  # found there is the
            doc = source.get(DEFAULT_LANGUAGE) or doc  # French file's, at its line, once
        generated = bool(
            doc is not None and doc.meta is not None and getattr(doc.meta, "generated", None)
        )
        rel = doc.rel if doc is not None else f"docs/{page.file.src_uri}"
        html = interface.permalinks(root_relative(html, page.url), self.reader)
        if self.images is not None:
            html = self.images.page_html(html, page.url)
        with page_budget.budget(rel):
            html, problems = page_body(
                html,
                rel,
                doc.body if doc is not None else None,
                doc.body_start if doc is not None else 1,
                generated,
            )
            if doc is not None:  # personal data as published (numbers split across table cells)
                problems += published_problems(doc, html)
        if doc is None or doc.lang in (None, self.reader):  # once, not again for each fallback
            for problem in problems:  # not where hub check found a problem of that kind already
                if (problem.path, problem.line, problem.check) not in self.content.reported:
                    self.warn(str(problem))
        return for_templates(html, page)

    # -- questions the hooks ask --------------------------------------------------------------

    @staticmethod
    def is_language_pass(config) -> bool:
        """True while mkdocs-static-i18n builds a language other than the first."""
        plugin = config.plugins.get(I18N_PLUGIN)
        return bool(plugin and getattr(plugin, "building", False))


#: The build in progress in this process (hook modules persist across `mkdocs serve` rebuilds;
#: ``configure`` starts each build afresh).
BUILD = Lifecycle()
