"""MkDocs hook: once every language is built, the steps of toolkit.website.after_build.STEPS in
their order (the one place that orders them); the kits among them are built by toolkit.kits."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from toolkit.kits.build import KitsRequest, publish_kits
from toolkit.kits.errors import KitError
from toolkit.website import after_build
from toolkit.website.lifecycle import BUILD


def kits(root, site_dir, result, site_url: str, progress) -> str:
    request = KitsRequest(site_url=site_url, progress=progress)
    try:
        return publish_kits(root, site_dir, result, request).summary()
    except KitError as error:
        raise PluginError("Kits not built:\n" + "\n".join(map(str, error.problems))) from None


@event_priority(-150)  # after the i18n plugin (-100) has built every language
def on_post_build(config) -> None:
    after_build.run(BUILD, config, kits=kits)
