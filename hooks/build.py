"""MkDocs hook: once every language is built, the steps of toolkit.website.after_build.STEPS in
their order (the one place that orders them); the kits among them are built by toolkit.kits."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from toolkit.kits.build import build_kits
from toolkit.kits.downloads import fill_downloads_pages
from toolkit.kits.errors import KitError
from toolkit.website import after_build
from toolkit.website.lifecycle import BUILD


def kits(root, site_dir, result, site_url: str, progress) -> str:
    try:
        report = build_kits(root, site_dir, result, site_url=site_url, progress=progress)
    except KitError as error:
        raise PluginError("Kits not built:\n" + "\n".join(map(str, error.problems))) from None
    fill_downloads_pages(site_dir)
    return (
        f"{len(report.kits)} kits built in {report.seconds:.1f} s "
        f"({report.converted} documents exported, {report.cached} from the cache)"
    )


@event_priority(-150)  # after the i18n plugin (-100) has built every language
def on_post_build(config) -> None:
    after_build.run(BUILD, config, kits=kits)
