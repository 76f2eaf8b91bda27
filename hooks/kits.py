"""MkDocs hook: build the downloadable kits once, after every language (logic in toolkit.kits)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from toolkit.kits.build import KitsError, build_kits, kits_wanted
from toolkit.kits.downloads import fill_downloads_pages
from toolkit.kits.exports import KitError
from toolkit.website.bridge import HubBuild
from toolkit.website.config import offline_enabled

log = get_plugin_logger("kits")
_command: str | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(-10)  # after hooks/content.py has started the build
def on_config(config):
    if HubBuild.current is not None:
        HubBuild.current.kits = kits_wanted(_command, offline_enabled(config))
    return config


@event_priority(-200)  # after the i18n plugin (-100) has built every language
def on_post_build(config) -> None:
    build = HubBuild.current
    if build is None or not build.kits or HubBuild.is_language_pass(config):
        return
    try:
        report = build_kits(build.root, Path(config.site_dir), build.result,
                            site_url=config.site_url or "", progress=log.info)
    except (KitError, KitsError) as error:
        raise PluginError(f"Kits not built: {error}") from None
    fill_downloads_pages(Path(config.site_dir))
    log.info(f"{len(report.kits)} kits built in {report.seconds:.1f} s "
             f"({report.converted} documents exported, {report.cached} from the cache)")
