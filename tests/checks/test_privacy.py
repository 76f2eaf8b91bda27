"""Personal data as the reader sees it: each way of slipping a number or an address past the check
(issue 13) has a fixture and the exact message it gets."""

from __future__ import annotations

import time

import pytest

from toolkit.checks.privacy import check_personal_data
from toolkit.content.corpus import describe
from toolkit.content.frontmatter import parse

REL = "docs/methodologies/x/index.fr.md"
FIX = (
    "Fix: Remove it or name a role or an institution instead; keep it only with the written consent of the "
    "person (docs/outils/fiche-consentement/) and 'consent: true' in the front matter."
)


def _found(body: str, front: str = "title: T\n") -> list[str]:
    from toolkit.content.corpus import Document

    text = f"---\n{front}---\n{body}"
    lang, key, kind, slug = describe(REL[len("docs/") :])
    doc = Document(rel=REL, src_uri=REL[5:], lang=lang, key=key, kind=kind, slug=slug, text=text)
    doc.fm, _ = parse(text, REL)
    return [str(p).removesuffix(" " + FIX) for p in check_personal_data(doc)]


def _phone(line: int, text: str) -> str:
    return (
        f"{REL}:{line}: [personal-data] This page shows what looks like a phone number: '{text}'."
    )


EVASIONS = {
    "unformatted": ("Appeler le 76123456 demain.", [_phone(4, "76123456")]),
    "wrapped": ("Appeler Awa au 76 12\n34 56 demain.", [_phone(4, "76 12 34 56")]),
    "wrapped-international": ("Appeler Awa au +223\n76 12 34 56.", [_phone(4, "+223 76 12 34 56")]),
    "tel-link": ("[Appeler Awa](tel:+22376123456)", [_phone(4, "tel:+22376123456")]),
    "tel-link-html": ('<a href="tel:76-12-34-56">Awa</a>', [_phone(4, "tel:76-12-34-56")]),
    "whatsapp": (
        "[Écrire sur WhatsApp](https://wa.me/22376123456)",
        [_phone(4, "wa.me/22376123456")],
    ),
    "narrow-no-break-spaces": (
        "Appeler le 76\u202f12\u202f34\u202f56.",
        [_phone(4, "76 12 34 56")],
    ),
    "no-break-and-zero-width": (
        "Appeler le 76\u00a012\u200b34\u00a056.",
        [_phone(4, "76 1234 56")],
    ),
    "entities": ("Appeler le &#55;6 12 34 56.", [_phone(4, "76 12 34 56")]),
    "markup-between-digits": ("Appeler le 76 <b>12</b> 34 **56**.", [_phone(4, "76 12 34 56")]),
    "markdown-escapes": ("Appeler le 76\\-12\\-34\\-56.", [_phone(4, "76-12-34-56")]),
    "senegal": ("Au Sénégal : 77 123 45 67.", [_phone(4, "77 123 45 67")]),
    "france": ("En France : 06 12 34 56 78.", [_phone(4, "06 12 34 56 78")]),
    "france-international": ("En France : +33 6 12 34 56 78.", [_phone(4, "+33 6 12 34 56 78")]),
    "arabic-indic-digits": ("Appeler le ٧٦١٢٣٤٥٦.", [_phone(4, "٧٦١٢٣٤٥٦")]),
    "email-entity": (
        "Écrire à awa&#64;example.org.",
        [
            f"{REL}:4: [personal-data] This page shows what looks like an e-mail address: 'awa@example.org'."
        ],
    ),
    "mailto": (
        "[Écrire](mailto:awa@example.org)",
        [
            f"{REL}:4: [personal-data] This page shows what looks like an e-mail address: 'awa@example.org'."
        ],
    ),
    "nina-spaced": (
        "NINA : 1 19 03 10 100 1014 B.",
        [
            f"{REL}:4: [personal-data] This page shows what looks like an identity number (NINA or similar): "
            "'1 19 03 10 100 1014 B'."
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(EVASIONS))
def test_each_evasion_is_caught(case):
    body, expected = EVASIONS[case]
    assert _found(body) == expected


def test_yaml_escapes_in_the_front_matter_are_read_decoded():
    assert _found(
        "Texte.\n",
        front='title: T\nsummary: "Écrire à awa\\x40example.org ou \\x37\\x36 12 34 56"\n',
    ) == [
        f"{REL}:3: [personal-data] This page shows what looks like an e-mail address: 'awa@example.org'.",
        _phone(3, "76 12 34 56"),
    ]


def test_numbers_that_are_not_personal_data():
    assert (
        _found(
            "En 2015, loi n° 2015-052 du 18 décembre 2015 ; 349 915 € ; 1 250 000 000 FCFA ;\n"
            "années 2019 2020\n2021 2022 ; du 2020-03-12 au 12/04/2021, le 03.04.2024 ;\n"
            "(2018-2021) ; ODD 16 ; https://example.org/22376123456 ; [loi](https://sgg.ml/76123456.pdf)\n"
        )
        == []
    )


@pytest.mark.slow  # four seconds of scanning: `make test` runs it, `make test-fast` does not
def test_a_page_made_of_numbers_is_refused_not_scanned_for_minutes():
    body = "Texte.\n\n" + ("12 " * 150_000)[:400_000] + "\nAppeler le 76 12 34 56.\n"
    started = time.process_time()
    assert _found(body) == [
        f"{REL}:6: [personal-data] This page holds too many numbers to check for personal data (more than 100 "
        "passages with numbers; the check stopped here). Fix: Split it into shorter pages, or put long tables "
        "of figures in a downloadable file."
    ]
    assert time.process_time() - started < 30  # CPU seconds (about 100 windows at 90 ms)


def test_an_address_in_a_raw_html_mailto_link_is_found():
    from toolkit.checks.privacy import scan

    assert scan([(3, '<a href="mailto:aminata@gmail.com">écrire</a>')]) == [
        (3, "aminata@gmail.com", "an e-mail address")
    ]
    assert scan([(3, '<a href="https://example.org/contact">écrire</a>')]) == []
