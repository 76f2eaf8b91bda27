"""What runs once after every language has been built, and in what order: :data:`STEPS`.

MkDocs calls ``on_post_build`` once per language pass and mkdocs-static-i18n builds every other
language from the default one's (priority -100). One hook, ``hooks/build.py``, runs after it
(-150) and hands over to :func:`run`, which returns during a language pass and otherwise runs
these steps in the order of the list, each under its own logger name (``[search]``...).

The order is the one that priorities spread over six hooks gave before (recordings -150,
stylesheet cut -180, search index and sitemap both -190, kits -200, ``_headers`` -210), and it
matters: the kits read the finished online site (the ZIM copies its pages, cut stylesheet and
search index) and rewrite every page's download block; ``_headers`` reads every page's policy
and must see the files the cut rewrote (a year of caching only for files byte-identical to the
theme's).

The kits are built by the kits layer, which the website does not import: ``hooks/build.py``
passes the function that builds them (:data:`KitsBuilder`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from toolkit.website.config import offline_enabled
from toolkit.website.headers import write_headers
from toolkit.website.previews import PreviewError, write_pictures
from toolkit.website.recordings import write_recordings
from toolkit.website.search_index import SearchIndexError, build_index
from toolkit.website.seo import without_address
from toolkit.website.stylesheets import cut_site

if TYPE_CHECKING:
    from toolkit.website.lifecycle import Lifecycle

#: (root, site folder, validation result, site_url, progress) -> the line to say, raising
#: PluginError when a kit cannot be built.
KitsBuilder = Callable[..., str]


@dataclass(frozen=True)
class Finished:
    """A build whose every language is written: what the steps read."""

    build: Lifecycle
    config: object  # MkDocs' config
    kits: KitsBuilder | None

    @property
    def site_dir(self) -> Path:
        return Path(self.config.site_dir)


@dataclass(frozen=True)
class Step:
    name: str  # the logger it speaks through: "[name] ..."
    run: Callable[[Finished, Callable[[str], None]], str | None]  # -> a line to say, or None
    online: bool = True  # only after the online site, not in the offline kit's build


def _recordings(done: Finished, say) -> None:
    content = done.build.content
    if content is not None and content.recordings:
        write_recordings(content.recordings, done.site_dir, content.root)


def _stylesheets(done: Finished, say) -> str:
    return cut_site(done.site_dir).summary()


def _search_index(done: Finished, say) -> str:
    try:
        return build_index(done.site_dir).summary()
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def _sitemap(done: Finished, say) -> str | None:
    return without_address(done.site_dir, done.config.site_url)


def _kits(done: Finished, say) -> str | None:
    content = done.build.content
    if done.kits is None or content is None or not content.kits:
        return None
    return done.kits(
        content.root, done.site_dir, content.result, done.config.site_url or "", progress=say
    )


def _previews(done: Finished, say) -> str:
    cache = Path(done.config.config_file_path).resolve().parent / ".cache" / "previews"
    try:
        written = write_pictures(done.site_dir, cache)
    except PreviewError as error:
        raise PluginError(str(error)) from None
    return f"{len(written)} link preview pictures"


def _headers(done: Finished, say) -> str:
    return write_headers(done.site_dir, done.config.theme.dirs).summary()


#: The steps after the last language, in the order they run.
STEPS = (
    Step("recordings", _recordings, online=False),  # the capsules' recordings, processed
    Step("stylesheets", _stylesheets),  # Material's stylesheet cut to the classes pages use
    Step("search", _search_index),  # the hub's search index of each language
    Step("seo", _sitemap),  # no sitemap of "None" addresses without a site_url
    Step("kits", _kits),  # the downloadable kits, from the finished site
    Step("previews", _previews),  # the link previews' pictures (online only: not in the kits)
    Step("security", _headers),  # _headers, from every page's policy, the kits included
)


def run(build: Lifecycle, config, kits: KitsBuilder | None = None) -> None:
    """Run :data:`STEPS` once the last language is built (nothing during a language pass)."""
    if build.is_language_pass(config):
        return
    offline = offline_enabled(config)
    done = Finished(build, config, kits)
    for step in STEPS:
        if step.online and offline:
            continue
        log = get_plugin_logger(step.name)
        line = step.run(done, log.info)
        if line:
            log.info(line)
