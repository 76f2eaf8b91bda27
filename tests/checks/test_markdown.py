"""Body checks (headings, link texts, HTML tables, the raw HTML allowlist) and personal data:
a small change in the valid fixture tree, and the exact message."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from test_property import MD_BITS
from test_validate import _edit, _messages

M = "docs/methodologies/debat-budget/index.fr.md"
C = "docs/etudes-de-cas/scenario-debat/index.fr.md"
HOME = "docs/index.fr.md"
BODY = "Le débat porte sur quatre points."  # line 34 of M

SKIP_FIX = "screen readers navigate by levels."
LINK_FIX = (
    "Fix: Describe the target in the link text, e.g. [the budget reading guide](...): "
    "screen readers list links by their text."
)
TABLE_FIX = "Fix: Put the column titles in <th> cells in the first row, or write a Markdown table."
ELEMENTS = (
    "a, abbr, audio, b, blockquote, br, caption, code, dd, del, details, div, dl, dt, em, figcaption, figure, "
    "h1, h2, h3, h4, h5, h6, hr, i, img, input, ins, kbd, li, mark, ol, p, pre, q, s, small, source, span, strong, "
    "sub, summary, sup, table, tbody, td, tfoot, th, thead, tr, u, ul"
)
ATTRIBUTES = (
    "align, alt, checked, class, colspan, controls, decoding, dir, disabled, download, height, href, hreflang, "
    "id, lang, loading, markdown, open, preload, reversed, rowspan, scope, src, start, title, type, value, width"
)
PRIVACY_FIX = (
    "Fix: Remove it or name a role or an institution instead; keep it only with the written consent "
    "of the person (docs/outils/fiche-consentement/) and 'consent: true' in the front matter."
)


def _body(root: Path, markdown: str) -> list[str]:
    _edit(root, M, BODY, markdown)
    return _messages(root)


# --- headings ---------------------------------------------------------------------------------


def test_a_heading_that_skips_a_level(site_tree):
    assert _body(site_tree, "## Contexte\n\n#### Détail\n\nTexte.") == [
        f"{M}:36: [heading-level] The heading '#### Détail' skips a level: it comes after a level-2 heading. "
        f"Fix: Make it a level-3 heading ('### ...'): {SKIP_FIX}"
    ]


def test_the_body_of_a_typed_page_starts_at_level_two(site_tree):
    assert _body(site_tree, "### Trop profond\n\nTexte.") == [
        f"{M}:34: [heading-level] The heading '### Trop profond' skips a level: it comes after a level-1 heading. "
        f"Fix: Make it a level-2 heading ('## ...'): {SKIP_FIX}"
    ]


def test_a_level_one_heading_in_a_typed_page(site_tree):
    assert _body(site_tree, "# Titre\n\n## Section") == [
        f"{M}:34: [heading-level] The heading '# Titre' is a level-1 heading: the site already shows the title "
        "as the page's only one. Fix: Start the sections of the body at '##'."
    ]


def test_a_plain_page_may_have_one_level_one_heading_but_not_two(site_tree):
    _edit(
        site_tree, HOME, "# Accueil\n", "# Accueil\n\n## Section\n\n### Sous-section\n\n# Encore\n"
    )
    assert _messages(site_tree) == [
        f"{HOME}:16: [heading-level] The heading '# Encore' is a second level-1 heading: a page has only one. "
        "Fix: Make it a level-2 heading ('## ...')."
    ]


def test_headings_going_back_up_and_setext_headings_are_fine(site_tree):
    assert (
        _body(site_tree, "## A\n\n### B\n\n## C\n\nD\n---\n\n### E\n\n```\n#### in code\n```") == []
    )


# --- link texts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["ici", "Here", " Cliquez ici ", "CLICK HERE", "lien", "link", "ici."]
)
def test_link_texts_that_say_nothing(site_tree, text):
    assert _body(site_tree, f"Voir [{text}](https://example.org/guide).") == [
        f"{M}:34: [link-text] The link text '{text.strip()}' does not say where the link goes. {LINK_FIX}"
    ]


def test_a_link_text_that_is_a_bare_address(site_tree):
    assert _body(site_tree, "Voir [https://example.org/guide](https://example.org/guide).") == [
        f"{M}:34: [link-text] The link text 'https://example.org/guide' is a bare address. {LINK_FIX}"
    ]


def test_descriptive_link_texts_and_autolinks_are_fine(site_tree):
    assert (
        _body(
            site_tree,
            "Voir [le guide de lecture ici présent](https://example.org/guide), "
            "[la fiche](../../outils/fiche-debat/index.md) et <https://example.org>.",
        )
        == []
    )


# --- HTML tables ------------------------------------------------------------------------------


def test_an_html_table_without_a_header_row(site_tree):
    assert _body(site_tree, "<table>\n<tr><td>Femmes</td><td>12</td></tr>\n</table>") == [
        f"{M}:34: [table-header] This HTML table has no header row (no <th> cells). {TABLE_FIX}"
    ]


def test_an_unclosed_table_and_a_table_split_by_blank_lines(site_tree):
    assert _body(
        site_tree,
        "Texte.\n\n<table>\n<tr><td>1</td></tr>\n\n<tr><td>2</td></tr>\n\n"
        "</table>\n\n<table><tr><td>3</td></tr>",
    ) == [
        f"{M}:36: [table-header] This HTML table has no header row (no <th> cells). {TABLE_FIX}",
        f"{M}:43: [table-header] This HTML table has no header row (no <th> cells). {TABLE_FIX}",
    ]


def test_tables_with_a_header_row_are_fine(site_tree):
    assert (
        _body(
            site_tree,
            "<table>\n<thead><tr><th>Groupe</th><th>Nombre</th></tr></thead>\n\n"
            "<tbody><tr><td>Femmes</td><td>12</td></tr></tbody>\n</table>\n\n"
            "| Groupe | Nombre |\n|---|---|\n| Jeunes | 8 |",
        )
        == []
    )


# --- raw HTML allowlist -----------------------------------------------------------------------


def test_an_element_outside_the_allowlist(site_tree):
    assert _body(
        site_tree, 'Du <font color="red">texte</font> rouge.\n\n<center>\nAu centre\n</center>'
    ) == [
        f"{M}:34: [unsafe-html] Raw HTML <font> is not in the list of allowed elements. Fix: Use Markdown, or one of: {ELEMENTS}.",
        f"{M}:36: [unsafe-html] Raw HTML <center> is not in the list of allowed elements. Fix: Use Markdown, or one of: {ELEMENTS}.",
    ]


def test_an_attribute_outside_the_allowlist(site_tree):
    assert _body(site_tree, '<div class="x"\n     style="color: red">\nTexte\n</div>') == [
        f"{M}:35: [unsafe-html] The HTML attribute 'style' on <div> is not in the list of allowed attributes. "
        f"Fix: Remove it; allowed attributes are {ATTRIBUTES}."
    ]


def test_attribute_names_are_compared_in_lower_case(site_tree):
    assert _body(site_tree, '<SPAN LANG="fr" Style="x" onfoo>mot</SPAN>') == [
        f"{M}:34: [unsafe-html] The HTML attribute 'onfoo' on <span> is not in the list of allowed attributes. "
        f"Fix: Remove it; allowed attributes are {ATTRIBUTES}.",
        f"{M}:34: [unsafe-html] The HTML attribute 'style' on <span> is not in the list of allowed attributes. "
        f"Fix: Remove it; allowed attributes are {ATTRIBUTES}.",
    ]


def test_allowed_html_and_comments_are_fine(site_tree):
    assert (
        _body(
            site_tree,
            '<details markdown="1"><summary>Plus</summary>\n\nTexte <mark>clé</mark>, '
            '<span lang="fr">mot</span>.<br/>\n</details>\n\n'
            '<!-- <marquee style="x">notes</marquee> -->\n\n'
            '<figure><img src="../../assets/x.png" alt="Carte" loading="lazy" width="200">'
            "<figcaption>Carte</figcaption></figure>",
        )
        == []
    )


def test_code_running_html_keeps_its_own_single_message(site_tree):
    assert _body(
        site_tree, '<iframe src="https://example.org"></iframe>\n\n<p onmouseover="x()">A</p>'
    ) == [
        f"{M}:34: [unsafe-html] Raw HTML <iframe> is not allowed: it could run code in readers' browsers. "
        "Fix: Remove it; use Markdown, or ask a maintainer for a safe alternative.",
        f"{M}:36: [unsafe-html] The HTML attribute 'onmouseover' runs code. Fix: Remove the attribute.",
    ]


# --- personal data ----------------------------------------------------------------------------


def test_phone_numbers_e_mail_addresses_and_id_numbers(site_tree):
    assert _body(
        site_tree,
        "Appeler Awa au 76 12 34 56 ou au +223 66.12.34.56.\n\n"
        "Écrire à awa.traore@example.org ou [par courriel](mailto:moussa@example.ml).\n\n"
        "NINA : 11903101001014B.",
    ) == [
        f"{M}:34: [personal-data] This page shows what looks like a phone number: '+223 66.12.34.56'. {PRIVACY_FIX}",
        f"{M}:34: [personal-data] This page shows what looks like a phone number: '76 12 34 56'. {PRIVACY_FIX}",
        f"{M}:36: [personal-data] This page shows what looks like an e-mail address: 'awa.traore@example.org'. {PRIVACY_FIX}",
        f"{M}:36: [personal-data] This page shows what looks like an e-mail address: 'moussa@example.ml'. {PRIVACY_FIX}",
        f"{M}:38: [personal-data] This page shows what looks like an identity number (NINA or similar): '11903101001014B'. {PRIVACY_FIX}",
    ]


def test_personal_data_in_a_case_study_and_in_its_front_matter(site_tree):
    _edit(
        site_tree,
        C,
        "actors: [Conseil communal, Association de jeunes]",
        "actors: [Conseil communal, Association de jeunes (+22376123456)]",
    )
    assert _messages(site_tree) == [
        f"{C}:12: [personal-data] This case study shows what looks like a phone number: '+22376123456'. {PRIVACY_FIX}"
    ]


def test_written_consent_allows_personal_data(site_tree):
    _edit(site_tree, C, "illustrative: true\n", "illustrative: true\nconsent: true\n")
    _edit(
        site_tree,
        C,
        "prépare le débat.",
        "prépare le débat. Contact : 76 12 34 56, awa@example.org.",
    )
    assert _messages(site_tree) == []


def test_consent_must_be_true(site_tree):
    _edit(site_tree, C, "illustrative: true\n", "illustrative: true\nconsent: false\n")
    _edit(site_tree, C, "prépare le débat.", "prépare le débat. Contact : 76 12 34 56.")
    assert _messages(site_tree) == [
        f"{C}:20: [personal-data] This case study shows what looks like a phone number: '76 12 34 56'. {PRIVACY_FIX}"
    ]


def test_years_article_numbers_amounts_dates_and_addresses_are_not_personal_data(site_tree):
    assert (
        _body(
            site_tree,
            "En 2015, la loi n° 2015-052 du 18 décembre 2015 ; budget de 349 915 € "
            "(229 525 000 FCFA, 1 200 000 F, 12,50 €) ; période 2020-03/2020-06, "
            "le 03.04.2024, 2024-03-12 ; années 2019 2020 2021 2022 ; ODD 16, SDG16, ISO639-3.\n\n"
            "[Le journal officiel](https://sgg-mali.ml/JO/2015/mali-jo-2015-12345678901.pdf), "
            "https://example.org/76-12-34-56/ABCD1234567890 et www.example.org/22376123456.",
        )
        == []
    )


def test_image_metadata_that_locates_or_names_someone_is_personal_data(site_tree):
    from PIL import Image

    folder = site_tree / "docs/methodologies/debat-budget"
    image = Image.new("RGB", (8, 8), "white")
    exif = Image.Exif()
    exif[315] = "Une photographe"  # Artist
    image.save(folder / "reunion.jpg", exif=exif)
    Image.new("RGB", (8, 8), "white").save(folder / "propre.jpg")
    _edit(
        site_tree,
        M,
        "Le débat porte",
        "![Une réunion](reunion.jpg)\n\n![Une salle](propre.jpg)\n\nLe débat porte",
    )
    assert _messages(site_tree) == [
        f"{M}:34: [personal-data] The image 'reunion.jpg' carries personal data in its metadata (author (Artist)). "
        "Fix: Save a copy without metadata (for example `exiftool -all= file`, or export it again), "
        "or record the written consent with 'consent: true'."
    ]
    _edit(site_tree, M, "version: 1\n", "version: 1\nconsent: true\n")
    assert _messages(site_tree) == []


#: Pieces that make lines look like personal data, or like addresses that hide it.
_PIECES = [
    "7",
    "2",
    "0",
    "1",
    "5",
    "223",
    "00",
    "+",
    "@",
    " ",
    ".",
    "-",
    "/",
    ",",
    "A",
    "B",
    "Z",
    "x",
    "é",
    "٣",
    "５",
    "\n",
    "\r",
    "\t",
    "](",
    ")",
    "[",
    "]",
    "<",
    ">",
    '"',
    "'",
    "=",
    "http://",
    "https://e.ml/",
    "www.",
    "href=",
    "src = ",
    "mailto:",
    "a@b.ml",
    "76 12 34 56",
    "+223 ",
    "0022376",
    "1190310100",
    "NINA ",
    "ABCDEFGHI",
    "٣٣٣٣٣",
    "&#64;",
    "\u202f",
    "\u00a0",
    "\u200b",
    "tel:",
    "wa.me/",
    "\\",
    "*",
    "<b>",
    "06 12",
    " 34 56 78",
]


@settings(max_examples=examples(800), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_the_quick_test_for_personal_data_never_skips_a_hit(text):
    """The windows without enough digits for any phone number are skipped
    (toolkit.checks.privacy.MIN_PHONE_DIGITS): the same hits as scanning every window."""
    from toolkit.checks.privacy import scan

    lines = list(enumerate(text.split("\n"), 1))
    assert scan(lines, quick=True) == scan(lines, quick=False)


def test_the_quick_test_for_image_metadata_gives_the_answer_of_pillow(tmp_path, monkeypatch):
    """PNG files without EXIF are not decoded (toolkit.checks.privacy._may_have_exif): the same answers
    as opening each file with Pillow."""
    from types import SimpleNamespace

    from PIL import Image, PngImagePlugin

    from toolkit.checks import privacy

    exif = Image.Exif()
    exif[315] = "Une photographe"
    raw = PngImagePlugin.PngInfo()
    raw.add_text(
        "Raw profile type exif", "\nexif\n" + f"{len(exif.tobytes()):8d}\n" + exif.tobytes().hex()
    )
    text_exif = PngImagePlugin.PngInfo()
    text_exif.add_text("exif", exif.tobytes().decode("latin-1"))
    other_text = PngImagePlugin.PngInfo()
    other_text.add_text("Comment", "Une photographe")
    image = Image.new("RGB", (300, 200), "white")
    files = {
        "plain.png": {},
        "exif.png": {"exif": exif},
        "raw.png": {"pnginfo": raw},
        "text.png": {"pnginfo": text_exif},
        "comment.png": {"pnginfo": other_text},
    }
    for name, options in files.items():
        image.save(tmp_path / name, **options)
    image.save(tmp_path / "photo.jpg", exif=exif)
    image.save(tmp_path / "jpeg-named.png", "JPEG", exif=exif)  # a JPEG under a PNG name
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nexif")
    (tmp_path / "empty.png").write_bytes(b"")
    doc = SimpleNamespace(text="", meta=None, fm=None, kind="page", rel="x.md")
    names = sorted(p.name for p in tmp_path.iterdir())
    quick = [privacy.image_metadata_problems(doc, tmp_path / name, name, 1) for name in names]
    monkeypatch.setattr(privacy, "_may_have_exif", lambda path: True)
    assert quick == [
        privacy.image_metadata_problems(doc, tmp_path / name, name, 1) for name in names
    ]
    assert [name for name, found in zip(names, quick, strict=True) if found] == [
        "exif.png",
        "jpeg-named.png",
        "photo.jpg",
        "raw.png",
        "text.png",
    ]


# --- one parser: the tree Python-Markdown builds, and the source lines -----------------------

#: A body whose links, images and headings sit in code, a table, an admonition, a reference and a
#: setext heading (line 34 of M onwards), with what is wrong with each at its line.
MIXED = """Texte avec [une fiche](../../outils/nulle-part/index.md).

```
[ici](https://example.org/a)
## Au revoir
```

| Outil | Lien |
|---|---|
| Fiche | [ici](https://example.org/b) |

!!! note "Note"

    Voir [la fiche](../../outils/absente/index.md#x).

Un [renvoi][ref] au milieu
d'un paragraphe, puis ![](absente.png).

Titre souligné
==============

#### Trop bas

[ref]: ../../outils/autre/index.md"""


def test_each_message_is_at_the_line_of_the_source_that_shows_it(site_tree):
    assert [m.split(" Fix:")[0] for m in _body(site_tree, MIXED)] == [
        f"{M}:34: [link] The link '../../outils/nulle-part/index.md' points to nothing.",
        f"{M}:43: [link-text] The link text 'ici' does not say where the link goes.",
        f"{M}:47: [link] The link '../../outils/absente/index.md#x' points to nothing.",
        f"{M}:49: [link] The link '../../outils/autre/index.md' points to nothing.",
        f"{M}:50: [image] The image 'absente.png' does not exist.",
        f"{M}:50: [image-alt] The image 'absente.png' has no text alternative.",
        f"{M}:52: [heading-level] The heading '# Titre souligné' is a level-1 heading: the site "
        "already shows the title as the page's only one.",
        f"{M}:55: [heading-level] The heading '#### Trop bas' skips a level: it comes after a "
        "level-1 heading.",
    ]


def test_a_heading_is_found_past_code_that_shows_the_same_words(site_tree):
    assert _body(site_tree, "```\n#### Détail\n```\n\n## Contexte\n\n#### Détail") == [
        f"{M}:40: [heading-level] The heading '#### Détail' skips a level: it comes after a level-2 heading. "
        f"Fix: Make it a level-3 heading ('### ...'): {SKIP_FIX}"
    ]


def test_markdown_it_and_python_markdown_no_longer_disagree(site_tree):
    """Python-Markdown reads '#Titre' as a heading and an admonition's body as Markdown, which
    markdown-it read as a paragraph and code: the checks read what the site publishes."""
    assert [
        m.split(" Fix:")[0] for m in _body(site_tree, "#Titre\n\n!!! note\n\n    [ici](x)")
    ] == [
        f"{M}:34: [heading-level] The heading '# Titre' is a level-1 heading: the site already "
        "shows the title as the page's only one.",
        f"{M}:38: [link] The link 'x' points to nothing.",
        f"{M}:38: [link-text] The link text 'ici' does not say where the link goes.",
    ]


def test_a_body_the_parser_fails_on_leaves_the_next_one_read_right():
    """A failure inside Python-Markdown (here its recursion limit) can leave its block parser
    mid-way: the next body gets a new converter, not one that reads raw HTML as text."""
    from toolkit.checks.rendered import parse_body

    deep = "Texte.\n\n" + "\n".join("    " * i + "- x" for i in range(300)) + "\n"
    assert parse_body(deep)[0] == ""
    assert parse_body("Voir <b onclick=x>ici</b>.")[0] == "<p>Voir <b onclick=x>ici</b>.</p>"


@settings(max_examples=examples(300), deadline=None)
@given(
    st.one_of(
        st.lists(st.one_of(st.sampled_from(MD_BITS), st.text(max_size=15)), max_size=40).map(
            "".join
        ),
        st.lists(st.sampled_from(MD_BITS), max_size=40).map(" ".join),
        st.lists(st.sampled_from(MD_BITS), max_size=40).map("\n".join),
    )
)
def test_the_observer_changes_no_html_and_every_fact_is_on_a_line_of_the_body(body):
    """The converter the checks read (with toolkit.checks.body_tree.Observer) writes the HTML a
    converter without it writes; each link, image and problem of a body is on one of its lines,
    a line that shows the link's address or text when one does."""
    from types import SimpleNamespace

    import markdown

    from toolkit.checks import markdown as markdown_checks
    from toolkit.checks.rendered import EXTENSION_CONFIGS, EXTENSIONS, render_body

    plain = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    try:
        expected = plain.convert(body)
    except Exception:  # noqa: BLE001 - the parser fails on it: render_body gives ""
        expected = ""
    assert render_body(body) == expected
    lines = body.split("\n")
    for kind in ("page", "tool"):
        doc = SimpleNamespace(body=body, body_start=5, rel="x.md", kind=kind)
        facts = markdown_checks.extract_body(doc)
        found = [line for _, line in facts.links] + [line for *_, line in facts.images]
        assert all(5 <= line < 5 + len(lines) for line in found + [p.line for p in facts.problems])
        for href, line in facts.links:
            if href.strip() and any(href in text for text in lines):
                shown = lines[line - 5].expandtabs(4)
                assert href in shown or "[" in shown or "<" in shown, (href, line)


def _resolve_before(doc, url, docs_dir, corpus):
    """toolkit.checks.markdown._resolve as it was, with pathlib."""
    from pathlib import PurePosixPath
    from urllib.parse import unquote

    target = PurePosixPath(*(PurePosixPath(doc.src_uri).parent / unquote(url)).parts)
    parts = []
    for part in target.parts:
        if part == "..":
            if not parts:
                return "missing", None
            parts.pop()
        elif part != ".":
            parts.append(part)
    path = "/".join(parts)
    candidates = []
    if url.endswith("/") or path == "" or not PurePosixPath(path).suffix:
        candidates.append((path + "/index").lstrip("/"))
    if path.endswith(".md"):
        stem = path[:-3]
        for lang in (doc.lang, "fr"):
            if stem.endswith(f".{lang}"):
                stem = stem[: -len(lang) - 1]
        candidates.append(stem)
    for key in candidates:
        langs = corpus.by_key.get(key)
        if langs:
            return "ok", langs.get(doc.lang) or langs.get("fr")
    if path and (docs_dir / path).is_file():
        return "asset", docs_dir / path
    return "missing", None


_URL_PIECES = [
    "..",
    ".",
    "/",
    "//",
    "///",
    "outils",
    "fiche-debat",
    "docs",
    "index.md",
    "index.fr.md",
    "index.en.md",
    "a.png",
    "x.",
    ".md",
    "%2F",
    "%2e%2e",
    "b",
    "é",
]


@settings(max_examples=examples(1500), deadline=None)
@given(
    st.sampled_from(
        [
            "index.fr.md",
            "outils/fiche-debat/index.en.md",
            "outils/fiche-debat/index.fr.md",
            "a/b/c/d.md",
            "outils/index.fr.md",
        ]
    ),
    st.lists(st.sampled_from(_URL_PIECES), max_size=8).map(lambda bits: "/".join(bits)),
    st.lists(st.sampled_from(_URL_PIECES), max_size=8).map("".join),
)
def test_links_resolve_as_with_pathlib(src_uri, joined, glued):
    from pathlib import PurePosixPath
    from types import SimpleNamespace

    from toolkit.checks.markdown import _joined_parts, _resolve, _suffix

    docs_dir = Path(__file__).parents[1] / "fixtures" / "site" / "docs"
    doc = SimpleNamespace(
        src_uri=src_uri, lang=src_uri.split(".")[-2] if src_uri.count(".") > 1 else None
    )
    corpus = SimpleNamespace(
        by_key={
            "outils/fiche-debat/index": {"fr": "fiche fr", "en": "fiche en"},
            "index": {"fr": "accueil"},
            "outils/index": {"fr": "outils"},
        }
    )
    for url in (joined, glued):
        assert _resolve(doc, url, docs_dir, corpus) == _resolve_before(doc, url, docs_dir, corpus)
        parts = _joined_parts(src_uri, url)
        assert tuple(parts) == (PurePosixPath(src_uri).parent / url).parts
        assert _suffix("/".join(parts)) == PurePosixPath("/".join(parts)).suffix
