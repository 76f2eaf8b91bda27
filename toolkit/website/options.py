"""The options a site operator sets, in one place: ``extra.hub`` in mkdocs.yml.

Typed and validated with MkDocs' own config machinery (a wrong value stops the build with a
message naming it). Environment variables only override them, for CI and the tests:

=============  ==================  ==========================================================
option         override            meaning
=============  ==================  ==========================================================
kits           HUB_KITS=1|0        ``auto``: the kits end ``mkdocs build`` (never ``serve``
                                   or the offline build); ``always``; ``never``
repository     HUB_REPOSITORY      https://github.com/<owner>/<name> for the "edit" and
                                   "translate" links; empty: the git remote ``origin``
=============  ==================  ==========================================================

Not options of the site but of the machine that builds it: HUB_PARALLEL=N (processes for the
validation, the other languages and the search index; 0 or 1: one at a time; default: one per
core, toolkit/base/forkpool.py) and HUB_STANDINS (toolkit/upstream/README.md). The site's address
is MkDocs' own ``site_url`` (CI sets HUB_SITE_URL); the offline kit is a second build with
Material's ``offline`` plugin (OFFLINE=true).
"""

from __future__ import annotations

import os

from mkdocs.config import base
from mkdocs.config import config_options as c

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


class HubOptions(base.Config):
    kits = c.Choice(("auto", "always", "never"), default="auto")
    repository = c.Type(str, default="")


class OptionsError(ValueError):
    """``extra.hub`` in mkdocs.yml holds a value the hub cannot use."""


def read(config) -> HubOptions:
    """``extra.hub`` of an MkDocs config, validated, with the environment's overrides applied."""
    raw = dict(config.extra.get("hub") or {})
    options = HubOptions()
    options.load_dict(raw)
    failed, _warnings = options.validate()
    if failed:
        raise OptionsError(
            "; ".join(f"extra.hub.{key}: {error}" for key, error in failed)
            + ". Fix: see the options in toolkit/website/options.py."
        )
    kits = os.environ.get("HUB_KITS", "").strip().lower()
    if kits in _TRUE:
        options.kits = "always"
    elif kits in _FALSE:
        options.kits = "never"
    if os.environ.get("HUB_REPOSITORY", "").strip():
        options.repository = os.environ["HUB_REPOSITORY"].strip()
    return options


def kits_wanted(options: HubOptions, command: str | None, offline: bool) -> bool:
    """Whether this build ends with the kits."""
    if offline or options.kits == "never":
        return False
    return options.kits == "always" or command == "build"
