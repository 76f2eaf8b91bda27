"""The options a site operator sets, in one place: ``extra.hub`` in mkdocs.yml.

Typed and validated with MkDocs' own config machinery (a wrong value stops the build with a
message naming it). Environment variables only override them, for CI and the tests, in
:func:`with_overrides` (every variable the hub reads is in toolkit/base/environment.py):

=============  ==================  ==========================================================
option         override            meaning
=============  ==================  ==========================================================
kits           HUB_KITS=1|0        ``auto``: the kits end ``mkdocs build`` (never ``serve``
                                   or the offline build); ``always``; ``never``
repository     HUB_REPOSITORY      https://github.com/<owner>/<name> for the "edit" and
                                   "translate" links; empty: the git remote ``origin``
=============  ==================  ==========================================================

Not options of the site but of the machine that builds it (toolkit/base/environment.py):
HUB_PARALLEL=N (processes for the validation, the other languages and the search index; 0 or
1: one at a time; default: one per core) and HUB_STANDINS (toolkit/upstream/README.md),
HUB_SIGNING_KEY (CI signs the kits) and CI (annotations). The site's address
is MkDocs' own ``site_url`` (CI sets HUB_SITE_URL); the offline kit is a second build with
Material's ``offline`` plugin (OFFLINE=true).
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from toolkit.base.environment import FALSE, TRUE, Environment, environment


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
    return with_overrides(options, environment())


def with_overrides(options: HubOptions, env: Environment) -> HubOptions:
    """``options`` with the environment's overrides applied: the one place they are."""
    if env.kits in TRUE:
        options.kits = "always"
    elif env.kits in FALSE:
        options.kits = "never"
    if env.repository:
        options.repository = env.repository
    return options


def kits_wanted(options: HubOptions, command: str | None, offline: bool) -> bool:
    """Whether this build ends with the kits."""
    if offline or options.kits == "never":
        return False
    return options.kits == "always" or command == "build"
