"""Personal data as the reader sees it: each way of slipping a number or an address past the check
(issue 13) has a fixture and the exact message it gets."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

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
    doc = replace(doc, fm=parse(text, REL)[0])  # Document is read-only
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


def _email(line: int, text: str) -> str:
    return f"{REL}:{line}: [personal-data] This page shows what looks like an e-mail address: '{text}'."


def _identity(line: int, text: str) -> str:
    return (
        f"{REL}:{line}: [personal-data] This page shows what looks like an identity number (NINA or "
        f"similar): '{text}'."
    )


#: Issue 25: what round two let through, each with the message it now gets (the body starts at
#: line 4; the text of a comment, a title or an attribute is reported at its line).
EVASIONS_ROUND_THREE = {
    "telegram": ("[Telegram](https://t.me/+22376123456)", [_phone(4, "t.me/+22376123456")]),
    "whatsapp-api": (
        "[WhatsApp](https://api.whatsapp.com/send?phone=22376123456)",
        [_phone(4, "?phone=22376123456")],
    ),
    "whatsapp-api-phone-last": (
        "[WhatsApp](https://api.whatsapp.com/send?text=Bonjour&phone=22376123456)",
        [_phone(4, "&phone=22376123456")],
    ),
    "signal": (
        "[Signal](https://signal.me/#p/+22376123456)",
        [_phone(4, "signal.me/#p/+22376123456")],
    ),
    "viber-percent": (
        "[Viber](viber://chat?number=%2B22376123456)",
        [_phone(4, "?number=+22376123456")],
    ),
    "query-field": (
        "Texte.\n\n[formulaire](https://example.org/form?contact=%2B223%2076%2012%2034%2056)",
        [_phone(6, "+223 76 12 34 56")],
    ),
    "mailto-percent": ("[Écrire](mailto:awa%40example.org)", [_email(4, "awa@example.org")]),
    "mailto-percent-html": (
        '<a href="mailto:awa%40example.org">x</a>',
        [_email(4, "awa@example.org")],
    ),
    "attribute-title": ('<span title="Awa : 76 12 34 56">Awa</span>', [_phone(4, "76 12 34 56")]),
    "attribute-alt": ('<img alt="awa@example.org" src="x.png">', [_email(4, "awa@example.org")]),
    "attribute-data": ('<span data-tel="76 12 34 56">Awa</span>', [_phone(4, "76 12 34 56")]),
    "link-title": ('Texte.\n[Awa](https://example.org "76 12 34 56")', [_phone(5, "76 12 34 56")]),
    "reference-title": ('[awa]: https://example.org "76 12 34 56"', [_phone(4, "76 12 34 56")]),
    "attribute-list": ('Texte\n{: title="76 12 34 56" }', [_phone(5, "76 12 34 56")]),
    "html-comment": ("Texte <!-- Awa 76 12 34 56 --> fin", [_phone(4, "76 12 34 56")]),
    "circled-digits": ("Appeler le ⑦⑥ ①② ③④ ⑤⑥.", [_phone(4, "76 12 34 56")]),
    "dingbat-digits": ("Appeler le ❼❻ ➀➁ ➂➃ ➄➅.", [_phone(4, "76 12 34 56")]),
    "superscript-digits": ("Appeler le ⁷⁶ ¹² ³⁴ ⁵⁶.", [_phone(4, "76 12 34 56")]),
    "fullwidth-digits": ("Appeler le ７６ １２ ３４ ５６.", [_phone(4, "76 12 34 56")]),
    "mathematical-digits": ("Appeler le 𝟕𝟔 𝟏𝟐 𝟑𝟒 𝟓𝟔.", [_phone(4, "76 12 34 56")]),
    "cyrillic-lookalikes": ("Appeler le 7б 12 З4 5б.", [_phone(4, "76 12 34 56")]),
    "greek-and-cyrillic-o": ("En France : Ο6 12 34 56 7８.", [_phone(4, "06 12 34 56 78")]),
    "ascii-lookalikes": ("Appeler le 76 l2 34 56.", [_phone(4, "76 12 34 56")]),
    "joiners": ("Appeler le 7\u200d6 1\u20602 3\u200c4 5\u20636.", [_phone(4, "76 12 34 56")]),
    "hangul-fillers": ("Appeler le 7\u31646 12\u115f 34 5\uffa06.", [_phone(4, "76 12 34 56")]),
    "variation-selectors": ("Appeler le 7\ufe0f6 12 34 5\U000e01016.", [_phone(4, "76 12 34 56")]),
    "soft-hyphens": ("Appeler le 76\u00ad12\u00ad34\u00ad56.", [_phone(4, "76123456")]),
    "combining-marks": ("Appeler le 7\u03056 12 34 5\u03326.", [_phone(4, "76 12 34 56")]),
    "fullwidth-email": ("Écrire à awa＠example．org.", [_email(4, "awa@example.org")]),
    "slashes": ("Appeler le 76/12/34/56.", [_phone(4, "76 12 34 56")]),
    "french-words": (
        "Appeler le soixante-seize douze trente-quatre cinquante-six.",
        [_phone(4, "soixante-seize douze trente-quatre cinquante-six")],
    ),
    "french-words-wrapped": (
        "Appeler le zéro six, douze,\ntrente-quatre, cinquante-six, soixante-dix-huit.",
        [_phone(4, "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit")],
    ),
    "english-words": (
        "Call seventy-six twelve thirty-four fifty-six.",
        [_phone(4, "seventy-six twelve thirty-four fifty-six")],
    ),
    "nina-hyphens": ("NINA : 1-19-03-10-100-1014-B.", [_identity(4, "1-19-03-10-100-1014-B")]),
    "nina-dots": ("NINA : 1.19.03.10.100.1014.B", [_identity(4, "1.19.03.10.100.1014.B")]),
    "nina-lowercase-letter": ("NINA : 11903101001014b", [_identity(4, "11903101001014b")]),
}


@pytest.mark.parametrize("case", sorted(EVASIONS_ROUND_THREE))
def test_each_round_three_evasion_is_caught(case):
    body, expected = EVASIONS_ROUND_THREE[case]
    assert _found(body) == expected


def test_prose_with_numbers_in_words_and_references_is_not_personal_data():
    assert (
        _found(
            "Deux ou trois femmes, quatre ou cinq hommes ; de quinze à vingt ans ; un, deux, trois.\n"
            "ISBN 978-2-07-036822-8 ; 1.250.000.000 FCFA ; le 12/04/2021 ; ODD 16 ; COVID-19 ; "
            "Il a 2 enfants ; O2 et I3.\n"
        )
        == []
    )


def test_a_folder_name_is_read_too():
    from toolkit.checks.privacy import slug_problems
    from toolkit.content.corpus import Document

    rel = "docs/etudes-de-cas/awa-76-12-34-56/index.fr.md"
    doc = Document(
        rel=rel, src_uri=rel[5:], lang="fr", key="", kind="case-study", slug="awa-76-12-34-56"
    )
    assert [str(p) for p in slug_problems(doc, "case study")] == [
        f"{rel}:1: [personal-data] The folder name 'awa-76-12-34-56' of this case study shows what looks "
        "like a phone number: '76-12-34-56'. Fix: Rename the folder: name the subject, a role or an "
        "institution, never a person's number or address."
    ]


def test_the_glossary_is_read_at_the_line_of_each_value(tmp_path):
    from toolkit.checks.privacy import glossary_problems

    path = tmp_path / "glossary.yml"
    path.write_text(
        "- id: maire\n  fr:\n    term: Maire\n    definition: >-\n      Élu qui dirige la commune.\n"
        "      Joindre le maire au 76 12 34 56.\n  source: https://example.org/?tel=%2B22376123456\n",
        encoding="utf-8",
    )
    assert [str(p) for p in glossary_problems(path)] == [
        "methodology/glossary.yml:6: [personal-data] The glossary shows what looks like a phone number: "
        "'76 12 34 56'. Fix: Remove it: a definition names roles and institutions, never a person's "
        "number or address.",
        "methodology/glossary.yml:7: [personal-data] The glossary shows what looks like a phone number: "
        "'?tel=+22376123456'. Fix: Remove it: a definition names roles and institutions, never a "
        "person's number or address.",
    ]


def test_the_glossary_read_for_personal_data_follows_each_alias_once(tmp_path):
    from toolkit.checks.privacy import glossary_problems

    laughs = ['a0: &a0 ["lol", "76 12 34 56"]'] + [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)
    ]
    path = tmp_path / "glossary.yml"
    path.write_text("- x:\n" + "".join(f"    {line}\n" for line in laughs), encoding="utf-8")
    assert [p.line for p in glossary_problems(path)] == [2]  # 10**9 values as a tree


def _found_rendered(body: str) -> list[str]:
    from toolkit.checks.rendered_privacy import check_personal_data_rendered
    from toolkit.content.corpus import Document

    text = f"---\ntitle: T\n---\n{body}"
    lang, key, kind, slug = describe(REL[len("docs/") :])
    doc = Document(rel=REL, src_uri=REL[5:], lang=lang, key=key, kind=kind, slug=slug, text=text)
    doc = replace(doc, fm=parse(text, REL)[0])  # Document is read-only
    return [str(p).removesuffix(" " + FIX) for p in check_personal_data_rendered(doc)]


#: Numbers that only markup puts together: found in the rendered text, reported at the source
#: line that shows their first digit.
SPLIT_BY_MARKUP = {
    "table-cells": (
        "Texte.\n\n| a | b | c | d |\n|---|---|---|---|\n| 76 | 12 | 34 | 56 |\n",
        [_phone(8, "76 - 12 - 34 - 56")],
    ),
    "table-column": (
        "| Nom | Numéro |\n|---|---|\n| Awa | +223 |\n| | 76 12 |\n| | 34 56 |\n",
        [_phone(6, "+223 - 76 12 - 34 56")],
    ),
    "circled-digits-in-cells": (
        "| a | b |\n|---|---|\n| ⑦⑥ | ①② |\n| ③④ | ⑤⑥ |\n",
        [_phone(6, "76 - 12 - 34 - 56")],
    ),
    "list-items": ("Awa :\n\n* +223\n* 76 12\n* 34 56\n", [_phone(6, "+223 - 76 12 - 34 56")]),
    "nested-list-items": (
        "Awa :\n\n1. 76\n    * 12\n        * 34\n    * 56\n",
        [_phone(6, "76 - 12 - 34 - 56")],
    ),
}


@pytest.mark.parametrize("case", sorted(SPLIT_BY_MARKUP))
def test_numbers_split_across_markup_are_found_in_the_rendered_text(case):
    body, expected = SPLIT_BY_MARKUP[case]
    assert _found_rendered(body) == expected


def test_the_rendered_text_of_real_tables_of_figures_is_not_personal_data():
    body = "| N° | Nom | Âge | 2019 | 2020 |\n|---|---|---|---|---|\n" + "".join(
        f"| {n} | | {20 + n} | {n * 3} | {n * 7} |\n" for n in range(1, 21)
    )
    assert _found_rendered(body) == []


def test_the_build_reads_the_published_page(tmp_path):
    """The build's scan (toolkit.website.lifecycle) reads the page after the sanitizer: a
    number in a link title the theme prints is reported at its source line."""
    from toolkit.checks.rendered_privacy import published_problems
    from toolkit.content.corpus import Document

    text = "---\ntitle: T\n---\nTexte.\n\nVoir [la fiche](../x/ 'Awa 76 12 34 56').\n"
    doc = Document(
        rel=REL, src_uri=REL[5:], lang="fr", key="x", kind="methodology", slug="x", text=text
    )
    doc = replace(doc, fm=parse(text, REL)[0])  # Document is read-only
    html = '<p>Texte.</p>\n<p>Voir <a href="../x/" title="Awa 76 12 34 56">la fiche</a>.</p>'
    assert [str(p).removesuffix(" " + FIX) for p in published_problems(doc, html)] == [
        _phone(6, "76 12 34 56")
    ]
    consented = Document(
        rel=REL, src_uri=REL[5:], lang="fr", key="x", kind="methodology", slug="x",
        text=text.replace("title: T", "title: T\nconsent: true"),
    )  # fmt: skip
    consented = replace(consented, fm=parse(consented.text, REL)[0])
    assert published_problems(consented, html) == []


# -- property: any Mali mobile number, disguised by any mix of the evasions, is found ------------

#: Ways to write one digit that a reader reads as that digit.
_DIGIT_FORMS = {
    d: [d, chr(0xFF10 + int(d)), chr(0x1D7CE + int(d))]  # ASCII, fullwidth, mathematical bold
    + ([chr(0x2460 + int(d) - 1), chr(0x2776 + int(d) - 1)] if d != "0" else ["⓪"])
    for d in "0123456789"
}
_DIGIT_FORMS["3"].append("З")  # Cyrillic Ze
_DIGIT_FORMS["6"].append("б")  # Cyrillic be
_DIGIT_FORMS["0"].append("О")  # Cyrillic O
#: What may stand between two digits and is not seen (or is a separator a reader skips).
_INVISIBLE = ["", "\u200b", "\u200d", "\u2060", "\u00ad", "\ufe0f", "\u3164", "\u034f"]


@st.composite
def _disguised_number(draw) -> tuple[str, str]:
    digits = draw(st.sampled_from("679")) + draw(st.text("0123456789", min_size=7, max_size=7))
    pairs = [digits[i : i + 2] for i in range(0, 8, 2)]
    written = []
    for pair in pairs:
        written.append(
            draw(st.sampled_from(_INVISIBLE)).join(
                draw(st.sampled_from(_DIGIT_FORMS[d])) for d in pair
            )
        )
    layout = draw(st.sampled_from(["spaces", "slashes", "cells", "comment", "title"]))
    if layout == "spaces":
        body = "Appeler le " + " ".join(written) + "."
    elif layout == "slashes":
        body = "Appeler le " + "/".join(written) + "."
    elif layout == "cells":
        body = "| a | b | c | d |\n|---|---|---|---|\n| " + " | ".join(written) + " |\n"
    elif layout == "comment":
        body = "Texte <!-- " + " ".join(written) + " -->."
    else:
        body = '[Awa](https://example.org "' + " ".join(written) + '")'
    return digits, body


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_disguised_number())
@example(("60000003", "| a | b | c | d |\n|---|---|---|---|\n| 60 | 00 | 0О | ОЗ |\n"))
def test_a_disguised_number_is_always_found(case):
    digits, body = case
    found = _found_rendered(body)
    assert len(found) == 1, (body, found)
    shown = found[0].split("phone number: '")[1].rstrip("'.")
    assert "".join(c for c in shown if c.isdigit()) == digits, (body, found)
