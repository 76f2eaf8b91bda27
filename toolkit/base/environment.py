"""The environment variables the hub reads, read in one place.

Every variable the toolkit obeys is a field of :class:`Environment`, and :func:`environment` is
the only code in ``toolkit/`` that reads ``os.environ`` (``tests/test_architecture.py`` fails on
another reader; passing ``{**os.environ, ...}`` on to a subprocess is not reading it). The
site's own options are ``extra.hub`` in mkdocs.yml (``toolkit/website/options.py``): of these
variables, HUB_KITS and HUB_REPOSITORY override two of them there, once per build; the others
are the machine's, not the site's:

===================  =====================================================================
variable             meaning
===================  =====================================================================
HUB_KITS             1/0: build the kits at the end of every build, or never
HUB_REPOSITORY       the repository the "edit" links point to
HUB_SITE_URL         the published address (mkdocs.yml reads it too, as ``site_url``)
HUB_PARALLEL         processes for the build's parallel work; 0 or 1: one at a time
HUB_STANDINS         ``off`` or ``off:name,name``: stand-ins for upstream internals turned off
HUB_SIGNING_KEY      the CI's kit signing key (``toolkit/kits/signing.py``); unset: unsigned
SOURCE_DATE_EPOCH    the kits' timestamps (reproducible builds); unset: the last commit's
CI, GITHUB_ACTIONS   ``true``: GitHub annotations after the problem reports
XDG_CACHE_HOME       where the machine's key of the check cache is kept (``~/.cache``)
XDG_STATE_HOME       where ``hub verify`` remembers the newest kits (``~/.local/state``)
===================  =====================================================================

Read anew at each call (a test or a long-lived process may change the environment between
two builds), as a frozen snapshot: nothing holds on to it between builds.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


@dataclass(frozen=True)
class Environment:
    kits: str = ""  # HUB_KITS, lower case
    repository: str = ""  # HUB_REPOSITORY
    site_url: str = ""  # HUB_SITE_URL
    parallel: str = ""  # HUB_PARALLEL
    standins: str = ""  # HUB_STANDINS, lower case
    signing_key: str = ""  # HUB_SIGNING_KEY
    source_date_epoch: str = ""  # SOURCE_DATE_EPOCH
    ci: bool = False  # CI=true or GITHUB_ACTIONS=true
    cache_home: str = ""  # XDG_CACHE_HOME
    state_home: str = ""  # XDG_STATE_HOME

    @classmethod
    def read(cls, environ: Mapping[str, str]) -> Environment:
        def value(name: str) -> str:
            return environ.get(name, "").strip()

        return cls(
            kits=value("HUB_KITS").lower(),
            repository=value("HUB_REPOSITORY"),
            site_url=value("HUB_SITE_URL"),
            parallel=value("HUB_PARALLEL"),
            standins=value("HUB_STANDINS").lower(),
            signing_key=value("HUB_SIGNING_KEY"),
            source_date_epoch=value("SOURCE_DATE_EPOCH"),
            ci=environ.get("GITHUB_ACTIONS") == "true" or environ.get("CI") == "true",
            cache_home=value("XDG_CACHE_HOME"),
            state_home=value("XDG_STATE_HOME"),
        )


def environment() -> Environment:
    """The variables above, as the process has them now."""
    return Environment.read(os.environ)
