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
contact        (none)              where the recording studio sends recordings: the site
                                   operator's organisation, ``organisation`` (its name) with
                                   ``email`` (a role address: contact@, studio@...) and/or
                                   ``whatsapp`` (its number, +223...). Never a person's own:
                                   :func:`contact_problems`. Without one the studio is not
                                   published: its page says so and how to send a recording
=============  ==================  ==========================================================

Not options of the site but of the machine that builds it (toolkit/base/environment.py):
HUB_PARALLEL=N (processes for the validation, the other languages and the search index; 0 or
1: one at a time; default: one per core) and HUB_STANDINS (toolkit/upstream/README.md),
HUB_SIGNING_KEY (CI signs the kits) and CI (annotations). The site's address
is MkDocs' own ``site_url`` (CI sets HUB_SITE_URL); the offline kit is a second build with
Material's ``offline`` plugin (OFFLINE=true).
"""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c

from toolkit.base.environment import FALSE, TRUE, Environment, environment

#: The local parts of an organisation's role addresses (an address that names a person is not
#: the organisation's: "awa.diallo@..." is refused, "contact@..." is not).
ROLE_ADDRESSES = frozenset(
    "contact info hub studio voix voice enregistrement enregistrements recordings audio equipe "
    "team secretariat communication centre ressources bureau accueil office admin antenne "
    "kayes nioro".split()
)
#: Free mail services: an address there is a person's, not an organisation's.
PERSONAL_MAIL = frozenset(
    "gmail.com yahoo.fr yahoo.com hotmail.com hotmail.fr outlook.com outlook.fr live.fr "
    "live.com icloud.com orange.fr proton.me protonmail.com aol.com gmx.fr gmx.com".split()
)
EMAIL = re.compile(r"^(?P<local>[a-z0-9][a-z0-9._+-]{0,63})@(?P<domain>[a-z0-9-]+(\.[a-z0-9-]+)+)$")
WHATSAPP = re.compile(r"^\+[1-9][0-9]{7,14}$")


class ContactOptions(base.Config):
    organisation = c.Type(str, default="")
    email = c.Type(str, default="")
    whatsapp = c.Type(str, default="")


class HubOptions(base.Config):
    kits = c.Choice(("auto", "always", "never"), default="auto")
    repository = c.Type(str, default="")
    contact = c.SubConfig(ContactOptions)


class OptionsError(ValueError):
    """``extra.hub`` in mkdocs.yml holds a value the hub cannot use."""


def read(config) -> HubOptions:
    """``extra.hub`` of an MkDocs config, validated, with the environment's overrides applied."""
    raw = dict(config.extra.get("hub") or {})
    options = HubOptions()
    options.load_dict(raw)
    failed, _warnings = options.validate()
    if not failed:
        failed = [("contact", problem) for problem in contact_problems(options.contact)]
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


def contact_problems(contact) -> list[str]:
    """What makes ``contact`` unfit to publish as the studio's destination: it must be an
    organisation's, never a person's (the privacy rules: a role or an institution, no personal
    address or number)."""
    organisation = " ".join((contact.organisation or "").split())
    email = (contact.email or "").strip().lower()
    whatsapp = re.sub(r"[\s.()-]", "", contact.whatsapp or "")
    problems = []
    if (email or whatsapp) and not organisation:
        problems.append("'organisation' is empty: name the organisation that receives recordings")
    if email:
        match = EMAIL.match(email)
        if match is None:
            problems.append(f"email '{contact.email}' is not an e-mail address")
        elif match["domain"] in PERSONAL_MAIL:
            problems.append(
                f"email '{contact.email}' is a personal mailbox ({match['domain']}): give the "
                "organisation's own address"
            )
        elif not set(re.split(r"[._+-]", match["local"])) & ROLE_ADDRESSES:
            problems.append(
                f"email '{contact.email}' looks like a person's address: give a role address "
                f"({', '.join(sorted(ROLE_ADDRESSES)[:6])}@...)"
            )
    if whatsapp and not WHATSAPP.match(whatsapp):
        problems.append(
            f"whatsapp '{contact.whatsapp}' is not an international number: write it +223..."
        )
    return problems


def destination(options: HubOptions) -> dict[str, str] | None:
    """The studio's destination ({organisation, email, whatsapp}), or None when none is set."""
    contact = options.contact
    email = (contact.email or "").strip().lower()
    whatsapp = re.sub(r"[\s.()-]", "", contact.whatsapp or "")
    if not (email or whatsapp):
        return None
    return {
        "organisation": " ".join(contact.organisation.split()),
        "email": email,
        "whatsapp": whatsapp,
    }


def kits_wanted(options: HubOptions, command: str | None, offline: bool) -> bool:
    """Whether this build ends with the kits."""
    if offline or options.kits == "never":
        return False
    return options.kits == "always" or command == "build"
