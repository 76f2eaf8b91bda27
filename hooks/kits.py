"""MkDocs hook: build the downloadable kits once, after every language (logic in toolkit.kits)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from toolkit.kits.build import build_kits
from toolkit.kits.downloads import fill_downloads_pages
from toolkit.kits.errors import KitError
from toolkit.website.lifecycle import BUILD

log = get_plugin_logger("kits")


@event_priority(-200)  # after the i18n plugin (-100) has built every language
def on_post_build(config) -> None:
    if not BUILD.wants_kits(config):
        return
    try:
        report = build_kits(
            BUILD.content.root,
            Path(config.site_dir),
            BUILD.content.result,
            site_url=config.site_url or "",
            progress=log.info,
        )
    except KitError as error:
        raise PluginError("Kits not built:\n" + "\n".join(map(str, error.problems))) from None
    fill_downloads_pages(Path(config.site_dir))
    log.info(
        f"{len(report.kits)} kits built in {report.seconds:.1f} s "
        f"({report.converted} documents exported, {report.cached} from the cache)"
    )
