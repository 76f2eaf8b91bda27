"""Where the studio sends recordings: ``extra.hub.contact``, an organisation's contact that passes
the privacy rules; the studio names it, and without one the studio is not published."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from toolkit.render.pages import studio
from toolkit.website import options as hub_options

CONTACT = {"organisation": "Centre de ressources", "email": "studio@hub.example.org"}


def _read(contact: dict) -> hub_options.HubOptions:
    return hub_options.read(SimpleNamespace(extra={"hub": {"contact": contact}}))


def test_an_organisations_contact_is_the_destination():
    options = _read({**CONTACT, "whatsapp": "+223 70 00 00 00"})
    assert hub_options.destination(options) == {
        "organisation": "Centre de ressources",
        "email": "studio@hub.example.org",
        "whatsapp": "+22370000000",
    }
    assert hub_options.destination(_read({})) is None


@pytest.mark.parametrize(
    "contact, message",
    [
        (
            {"organisation": "Centre", "email": "awa.diallo@hub.example.org"},
            "extra.hub.contact: email 'awa.diallo@hub.example.org' looks like a person's address",
        ),
        (
            {"organisation": "Centre", "email": "contact@gmail.com"},
            "extra.hub.contact: email 'contact@gmail.com' is a personal mailbox (gmail.com)",
        ),
        (
            {"email": "contact@hub.example.org"},
            "extra.hub.contact: 'organisation' is empty",
        ),
        (
            {"organisation": "Centre", "whatsapp": "70 00 00 00"},
            "extra.hub.contact: whatsapp '70 00 00 00' is not an international number",
        ),
        ({"organisation": "Centre", "email": "not an address"}, "is not an e-mail address"),
    ],
)
def test_a_personal_or_broken_contact_stops_the_build(contact, message):
    with pytest.raises(hub_options.OptionsError, match=re.escape(message)):
        _read(contact)


class _Corpus:
    documents: list = []
    by_key: dict = {}


def test_the_studio_names_its_destination_and_uses_no_github_words():
    page = studio("fr", _Corpus(), {}, {**CONTACT, "whatsapp": "+22370000000"})
    assert 'data-to="Centre de ressources WhatsApp +22370000000 studio@hub.example.org"' in page
    assert '<a href="mailto:studio@hub.example.org">studio@hub.example.org</a>' in page
    assert '<a href="https://wa.me/22370000000">+22370000000</a>' in page
    assert 'data-l-share="Partager"' in page
    for word in ("GitHub", "Add file", "Upload", "pull request", "docs/"):
        assert word not in page


def test_without_a_destination_the_studio_is_not_published():
    page = studio("en", _Corpus(), {}, None)
    assert "hub-studio-closed" in page and 'class="hub-studio"' not in page
    assert "has not yet said where to send recordings" in page
    assert "](../enregistrer/index.md)" in page
