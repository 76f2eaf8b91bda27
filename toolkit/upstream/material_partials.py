"""The hub's copies of Material's partials, used only with the Material they were copied from.

``overrides/partials/nav.html``, ``header.html``, ``search.html``, ``language.html`` and
``alternate.html`` are
Material 9.8.2's partials with the hub's changes (each says which at its top). Another Material
may have changed the partial they copy, and a copy would then bring the old one back over the
new theme. So with another version (or none), :func:`install` makes MkDocs' template loader
read those names from Material's own templates, says so once as a warning, and the site is
built with Material's partials (without the hub's changes: the search button of the offline
kit's header, the drawer and dialogs rendered once, the interface strings' faster macro, the
"in preparation" beside a language that has no text yet). After
an upgrade, compare the copies with the new partials and update :data:`COPIED_FROM`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import BaseLoader, Environment, FileSystemLoader

from toolkit import upstream
from toolkit.base.build_caches import per_build
from toolkit.upstream import MATERIAL

log = logging.getLogger("toolkit.upstream")

#: The Material version the copies come from, and the partials copied.
COPIED_FROM = MATERIAL
COPIED = (
    "partials/nav.html",
    "partials/header.html",
    "partials/search.html",
    "partials/language.html",
    "partials/alternate.html",
)


def copies_apply() -> bool:
    """Whether the installed Material is the one the copies were made from."""
    return upstream.installed_version("mkdocs-material") == COPIED_FROM


class MaterialOwn(BaseLoader):
    """The site's loader, except for :data:`COPIED`: those from Material's own templates."""

    def __init__(self, site: BaseLoader, material: Path) -> None:
        self.site = site
        self.material = FileSystemLoader(str(material))

    def get_source(self, environment: Environment, template: str):
        loader = self.material if template in COPIED else self.site
        return loader.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return self.site.list_templates()


def install(env: Environment) -> bool:
    """Use the copies only with :data:`COPIED_FROM`; returns whether they are used."""
    if decided():
        return True
    import material

    env.loader = MaterialOwn(env.loader, Path(material.__file__).parent / "templates")
    return False


@per_build(maxsize=1)
def decided() -> bool:
    """Whether the copies apply, decided once per build and said once when they do not.
    ``toolkit.website.lifecycle`` asks when the build starts, before the languages' workers
    fork (``on_env`` comes later, once per language and in each worker)."""
    if copies_apply():
        return True
    have = upstream.installed_version("mkdocs-material") or "not installed"
    log.warning(
        f"Warning: overrides/{', '.join(name.split('/')[1] for name in COPIED)} are copies of "
        f"Material {COPIED_FROM}'s partials, but mkdocs-material {have} is installed: using "
        "Material's own partials instead. Fix: compare the copies with the new partials and "
        "update them (toolkit/upstream/material_partials.py)."
    )
    return False
