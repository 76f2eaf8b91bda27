"""Document exports (PDF, DOCX, EPUB), manifests and zips, and the SaheLink kit."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import struct
import subprocess
import time
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("pypandoc")
pytest.importorskip("typst")

from conftest import make_site_tree  # noqa: E402

from toolkit.checks.validate import validate_tree  # noqa: E402
from toolkit.kits import addresses, converters, exports, facilitator_pack, manifest  # noqa: E402
from toolkit.kits import pandoc_markdown as dialect  # noqa: E402
from toolkit.kits.cache import KitCache  # noqa: E402
from toolkit.kits.errors import KitError  # noqa: E402
from toolkit.kits.exports import Source  # noqa: E402
from toolkit.kits.pandoc_markdown import ExportContext  # noqa: E402
from toolkit.kits.sahelink import (  # noqa: E402
    CATALOGUE_COLUMNS,
    DUBLIN_CORE,
    SahelinkOptions,
    build_sahelink_kit,
)
from toolkit.kits.verification import verify  # noqa: E402

SITE_URL = "https://hub.example.org/kayes"
BAMBARA = "ɛ ɔ ɲ ŋ Ɛ Ɔ Ɲ Ŋ"

CAPSULE_BM = f"""---
title: Kuma surun — nafolo ɲɛnabɔli
summary: Sɛbɛn min bɛ kalan kan kɔrɔ walima ka don Lenali kan.
language: bm
last_reviewed: 2026-11-25
authors: [Tests]
translators: [Tests]
source_version: 1
native_review: pending
---

Aw ni ce. Komini ka nafolo ɲɛnabɔli ka kan ka kɛ jama ɲɛ kɔrɔ. {BAMBARA} — ŋaniya.
"""


def _png(width: int = 4, height: int = 4, text: bytes = b"") -> bytes:
    """A tiny orange PNG, written by hand (no imaging library needed), with a tEXt chunk when
    ``text`` is given."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xff\x57\x22" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + (chunk(b"tEXt", b"Author\0" + text) if text else b"")
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PLANTED = b"Awa Traore 14.4467N"  # in the source image's metadata; never in an export


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    root = make_site_tree(tmp_path_factory.mktemp("kits") / "hub")
    (root / "docs/methodologies/debat-budget/capsule.bm.md").write_text(
        CAPSULE_BM, encoding="utf-8"
    )
    tool = root / "docs/outils/fiche-debat"
    (tool / "plan.png").write_bytes(_png(text=PLANTED))
    with (tool / "index.fr.md").open("a", encoding="utf-8") as handle:
        handle.write("\n\n![Plan de la salle](plan.png)\n")
    result = validate_tree(root)
    assert not result.problems, [str(p) for p in result.problems]
    return result


def _doc(result, src_uri):
    return result.corpus.by_src_uri[src_uri]


def _export(result, src_uri, lang, fmt, dest, cache=None):
    context = ExportContext(result.corpus, result.vocabularies, lang, SITE_URL)
    return exports.export_document(_doc(result, src_uri), context, fmt, dest, cache)


def _pdf_text(path: Path) -> tuple[int, str]:
    reader = pypdf.PdfReader(path)
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


# ----------------------------------------------------------------- MkDocs -> pandoc


def _context(result, lang: str, site_url: str = SITE_URL, kit_file=None) -> ExportContext:
    return ExportContext(result.corpus, result.vocabularies, lang, site_url, kit_file)


def test_mkdocs_syntax_becomes_pandoc_markdown(hub):
    doc = _doc(hub, "methodologies/debat-budget/index.fr.md")
    source = "\n".join(
        [
            "## Étapes {#steps}",
            "",
            '!!! warning "Attention"',
            "",
            "    Première ligne du corps.",
            "",
            "    - un point",
            "",
            "Voir la [fiche](../../outils/fiche-debat/index.md#usage) et [ici](#steps).",
            '<div lang="fr" markdown="1">',
            "Texte français.",
            "</div>",
            '<p class="hub-credits" id="credits">Rédaction : Tests</p>',
            "*[PDESC]: Plan de développement",
        ]
    )
    fr = dialect.pandoc_markdown(source, doc, _context(hub, "fr")).markdown
    assert "## Étapes {#steps}" in fr
    assert "> **Attention**" in fr and "> Première ligne du corps." in fr and "> - un point" in fr
    assert f"(hub-link:|{SITE_URL}/outils/fiche-debat/#usage)" in fr and "](#steps)" in fr
    # per format: the file in the kit (PDF, DOCX), the address (EPUB), text without an address
    in_kit = dialect.pandoc_markdown(
        source, doc, _context(hub, "fr", kit_file=lambda path: "tool/fiche-debat.fr")
    ).markdown
    # a PDF goes around on its own: the address, never a path to another file
    assert f"[fiche]({SITE_URL}/outils/fiche-debat/#usage)" in dialect.resolve_links(in_kit, "pdf")
    assert "[fiche](../tool/fiche-debat.fr.docx)" in dialect.resolve_links(in_kit, "docx")
    assert f"[fiche]({SITE_URL}/outils/fiche-debat/#usage)" in dialect.resolve_links(in_kit, "epub")
    nowhere = dialect.pandoc_markdown(source, doc, _context(hub, "fr", "")).markdown
    assert "Voir la fiche et [ici](#steps)." in dialect.resolve_links(nowhere, "epub")
    assert '::: {lang="fr"}' in fr and "markdown=" not in fr and "<div" not in fr
    assert "::: {#credits .hub-credits}\nRédaction : Tests\n:::" in fr
    assert "*[PDESC]" not in fr
    en = dialect.pandoc_markdown(source, doc, _context(hub, "en")).markdown
    assert f"(hub-link:|{SITE_URL}/en/outils/fiche-debat/#usage)" in en


def test_page_addresses_follow_the_site():
    assert addresses.page_path("methodologies/x/index.fr.md", "fr") == "/methodologies/x/"
    assert addresses.page_path("methodologies/x/index.md", "snk") == "/snk/methodologies/x/"
    assert (
        addresses.page_path("methodologies/x/capsule.bm.md", "bm") == "/bm/methodologies/x/capsule/"
    )


def test_a_missing_image_names_the_document_language_and_step(hub):
    doc = _doc(hub, "outils/fiche-debat/index.fr.md")
    with pytest.raises(KitError) as caught:
        dialect.pandoc_markdown("![Plan](absent.png)", doc, _context(hub, "fr"))
    assert str(caught.value) == (
        "docs/outils/fiche-debat/index.fr.md: [kit-export] the fr export failed at the image step: "
        "image 'absent.png' not found at docs/outils/fiche-debat/absent.png. Fix: Correct the image "
        "path in the page (hub check reports it with its line)."
    )


def test_a_typst_failure_is_a_kit_error_not_a_traceback(hub):
    with pytest.raises(KitError) as caught:
        converters.run_typst(
            "#nothing-here(\n", hub.corpus.root / "docs", 0, "docs/x/index.fr.md", "fr"
        )
    (problem,) = caught.value.problems
    assert (problem.path, problem.check) == ("docs/x/index.fr.md", "kit-export")
    assert problem.message.startswith("the fr export failed at the typst step: ")


def test_raw_typst_and_html_from_content_never_reach_an_export(hub, tmp_path):
    # Raw Typst could read files; raw HTML would carry script into the EPUB (no CSP there).
    source = Source(
        "docs/x/index.fr.md",
        "fr",
        'Texte.\n\n```{=typst}\n#read("/etc/passwd")\n```\n\n<script>alert(1)</script>\n\n'
        '<a href="javascript:alert(2)" onclick="alert(3)">lien</a> <img src="/etc/passwd">\n',
        exports.title_meta(_doc(hub, "outils/fiche-debat/index.fr.md"), "fr", SITE_URL),
        [],
        0,
        hub.corpus.root / "docs",
    )
    import io
    import zipfile

    book = zipfile.ZipFile(io.BytesIO(exports.convert(source, "epub")))
    text = " ".join(
        book.read(n).decode("utf-8", "replace") for n in book.namelist() if n.endswith(".xhtml")
    )
    assert "Texte." in text and "lien" in text
    for left in ("<script", "javascript:", "onclick", "passwd", "#read"):
        assert left not in text
    assert not [n for n in book.namelist() if "passwd" in n]


# ------------------------------------------------------------------------- exports


def test_pdf_has_the_title_block_and_the_text(hub, tmp_path):
    pdf = tmp_path / "debat.pdf"
    _export(hub, "methodologies/debat-budget/index.fr.md", "fr", "pdf", pdf)
    pages, text = _pdf_text(pdf)
    assert pages >= 1
    title = _doc(hub, "methodologies/debat-budget/index.fr.md").meta.title
    flat = " ".join(text.split())
    assert title in flat
    for words in (
        "Méthodologie",
        "CC BY-SA 4.0",
        "2026-11-25",
        "Français",
        f"{SITE_URL}/methodologies/debat-budget/",
    ):
        assert words in flat, words
    assert pdf.read_bytes().startswith(b"%PDF")


def test_local_images_are_embedded(hub, tmp_path):
    for fmt in exports.FORMATS:
        _export(hub, "outils/fiche-debat/index.fr.md", "fr", fmt, tmp_path / f"sheet.{fmt}")
    assert sum(len(page.images) for page in pypdf.PdfReader(tmp_path / "sheet.pdf").pages) == 1
    with zipfile.ZipFile(tmp_path / "sheet.docx") as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert media and all(PLANTED not in archive.read(n) for n in archive.namelist())
    with zipfile.ZipFile(tmp_path / "sheet.epub") as archive:
        pngs = [n for n in archive.namelist() if n.endswith(".png")]
        assert pngs and all(PLANTED not in archive.read(n) for n in pngs)  # the hub's copy
    assert PLANTED not in (tmp_path / "sheet.pdf").read_bytes()


def test_bambara_letters_survive_in_the_pdf(hub, tmp_path):
    pdf = tmp_path / "capsule.bm.pdf"
    _export(hub, "methodologies/debat-budget/capsule.bm.md", "bm", "pdf", pdf)
    _pages, text = _pdf_text(pdf)
    for letter in BAMBARA.split():
        assert letter in text, letter
    assert "nafolo ɲɛnabɔli" in " ".join(text.split())
    assert f"{SITE_URL}/bm/methodologies/debat-budget/capsule/" in text


def test_docx_is_a_word_document_with_the_title(hub, tmp_path):
    docx = tmp_path / "debat.docx"
    _export(hub, "methodologies/debat-budget/index.en.md", "en", "docx", docx)
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    title = _doc(hub, "methodologies/debat-budget/index.en.md").meta.title
    assert escape(title) in xml
    assert "CC BY-SA 4.0" in xml and f"{SITE_URL}/en/methodologies/debat-budget/" in xml


@pytest.mark.slow  # each format converted twice: seconds
@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_two_exports_are_byte_identical(hub, tmp_path, fmt):
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    _export(hub, "formations/budget-101/index.fr.md", "fr", fmt, first)
    time.sleep(1.1)  # a clock leaking into the output would show
    _export(hub, "formations/budget-101/index.fr.md", "fr", fmt, second)
    assert first.read_bytes() == second.read_bytes()


def test_the_cache_skips_an_unchanged_document(hub, tmp_path):
    cache = KitCache(tmp_path / "cache")
    started = time.perf_counter()
    assert _export(hub, "formations/budget-101/index.fr.md", "fr", "pdf", tmp_path / "1.pdf", cache)
    converting = time.perf_counter() - started
    started = time.perf_counter()
    assert not _export(
        hub, "formations/budget-101/index.fr.md", "fr", "pdf", tmp_path / "2.pdf", cache
    )
    cached = time.perf_counter() - started
    assert (cache.misses, cache.hits) == (1, 1)
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()
    assert cached < converting / 2, (cached, converting)
    # another language of the text is another export
    assert _export(
        hub, "methodologies/debat-budget/index.en.md", "en", "pdf", tmp_path / "3.pdf", cache
    )


def test_facilitator_pack_has_agenda_sessions_and_tool_sheets(hub, tmp_path):
    pack = tmp_path / "pack.pdf"
    doc = _doc(hub, "formations/budget-101/index.fr.md")
    facilitator_pack.export_facilitator_pack(doc, _context(hub, "fr"), pack)
    _pages, text = _pdf_text(pack)
    flat = " ".join(text.split())
    assert "Dossier d'animation" in flat.replace("’", "'")
    assert "Programme détaillé" in flat and "0:00–0:20" in flat and "0:20–1:00" in flat
    assert "Total" in flat and "1 h" in flat
    assert "Les deux sections du budget" in flat  # the session
    tool = _doc(hub, "outils/fiche-debat/index.fr.md").meta.title
    assert tool in flat  # the tool sheet it uses, appended
    # the session's opening script, at the session, before the tool sheets
    script = "Bonjour. Le budget a deux sections : le fonctionnement et l'investissement."
    assert script in flat.replace("’", "'")
    assert flat.index("Bonjour. Le budget") < flat.rindex(tool)
    # it stands alone: links inside the PDF (the script, the tool sheet) or full addresses
    from pypdf import PdfReader

    internal, addresses = 0, []
    for page in PdfReader(pack).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A") or {}
            if "/URI" in action:
                addresses.append(str(action["/URI"]))
            elif "/Dest" in annotation or action.get("/S") == "/GoTo":
                internal += 1
    assert internal >= 3 and all(a.startswith(("https://", "mailto:")) for a in addresses), (
        internal,
        addresses,
    )


# ------------------------------------------------------------------------ manifest


def _kit_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "kit"
    (folder / "documents").mkdir(parents=True)
    (folder / "documents/a.txt").write_text("a\n")
    (folder / "b.txt").write_text("b\n")
    return folder


def test_manifest_verifies_and_detects_tampering(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    folder = _kit_folder(tmp_path)
    written = manifest.write_manifest(
        folder, {"version": "1.0", "commit": "abc123", "languages": ["fr"]}
    )
    assert written["build_date"] == "2025-11-25T00:00:00Z" and written["licence"] == "CC BY-SA 4.0"
    assert [f["path"] for f in written["files"]] == ["b.txt", "documents/a.txt"]
    assert json.loads((folder / "manifest.json").read_text())["files"] == written["files"]
    sums = (folder / "SHA256SUMS").read_text().splitlines()
    assert [line.split("  ")[1] for line in sums] == ["b.txt", "documents/a.txt", "manifest.json"]
    assert verify(folder) == []
    if shutil.which("sha256sum"):
        assert (
            subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=folder).returncode == 0
        )

    (folder / "documents/a.txt").write_text("A\n")
    (folder / "extra.txt").write_text("?")
    (folder / "b.txt").unlink()
    problems = "\n".join(verify(folder))
    assert "documents/a.txt does not match its SHA-256" in problems
    assert "extra.txt is not listed in the manifest" in problems
    assert "b.txt is missing" in problems


def test_zip_is_reproducible_and_verifiable(tmp_path):
    folder = _kit_folder(tmp_path)
    manifest.write_manifest(folder, {"version": "1", "commit": "c", "languages": ["fr"]})
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    manifest.write_zip(folder, first, prefix="kit")
    os.utime(folder / "b.txt", (1, 1))  # file times do not matter
    manifest.write_zip(folder, second, prefix="kit")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        infos = archive.infolist()
    assert names == sorted(names) and all(n.startswith("kit/") for n in names)
    assert all(
        i.date_time == (1980, 1, 1, 0, 0, 0) and (i.external_attr >> 16) & 0o777 == 0o644
        for i in infos
    )
    assert verify(first) == []


def test_verify_rejects_unsafe_and_tampered_zips(tmp_path):
    folder = _kit_folder(tmp_path)
    manifest.write_manifest(folder, {"version": "1", "commit": "c", "languages": ["fr"]})
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
        archive.writestr("../escape.txt", "x")
        archive.writestr("/etc/passwd", "x")
    problems = "\n".join(verify(evil))
    assert "unsafe entry '../escape.txt'" in problems and "unsafe entry '/etc/passwd'" in problems

    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(tampered, "w") as archive:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file():
                archive.writestr(name, b"changed\n" if name == "b.txt" else path.read_bytes())
    assert any("b.txt" in p for p in verify(tampered))


def test_symbolic_links_are_refused(tmp_path):
    folder = _kit_folder(tmp_path)
    (folder / "link").symlink_to(folder / "b.txt")
    with pytest.raises(KitError, match=r"\[kit-manifest\] a symbolic link cannot go in a kit"):
        manifest.write_manifest(folder, {"version": "1", "commit": "c", "languages": ["fr"]})


# ------------------------------------------------------------------------ SaheLink


def test_sahelink_kit(hub, tmp_path):
    offline = tmp_path / "offline"
    (offline / "assets").mkdir(parents=True)
    (offline / "index.html").write_text("<!doctype html><title>hub</title>")
    (offline / "assets/hub.css").write_text("body{}")
    lines: list[str] = []
    options = SahelinkOptions(
        SITE_URL,
        offline,
        KitCache(tmp_path / "cache"),
        version="1.0",
        commit="abc123",
        commit_time=1764028800,
        progress=lines.append,
    )
    report = build_sahelink_kit(hub, "fr", tmp_path / "out", options)
    assert report.zip_path.name == "sahelink-fr.zip" and report.converted > 0
    assert any("methodologies/debat-budget/index.fr.md" in line for line in lines)

    with zipfile.ZipFile(report.zip_path) as archive:
        names = archive.namelist()
        catalogue = archive.read("sahelink-fr/catalogue.csv").decode("utf-8")
        listed = json.loads(archive.read("sahelink-fr/manifest.json"))
    assert names == sorted(names) and all(n.startswith("sahelink-fr/") for n in names)
    for name in (
        "documents/methodology/debat-budget.fr.pdf",
        "documents/methodology/debat-budget.fr.docx",
        "documents/methodology/debat-budget.fr.epub",
        "documents/tool/fiche-debat.fr.pdf",
        "documents/curriculum/budget-101.facilitator-pack.fr.pdf",
        "documents/capsule/debat-budget.fr.pdf",
        "summaries/debat-budget.md",
        "site/index.html",
        "SHA256SUMS",
        "manifest.json",
        "README.md",
    ):
        assert f"sahelink-fr/{name}" in names, name
    assert listed["build_date"] == "2025-11-25T00:00:00Z" and listed["commit"] == "abc123"
    assert verify(report.zip_path) == [] and verify(report.folder) == []

    rows = list(csv.DictReader(io.StringIO(catalogue)))
    assert tuple(rows[0]) == CATALOGUE_COLUMNS and set(DUBLIN_CORE) <= set(rows[0])
    files = {n.removeprefix("sahelink-fr/") for n in names if "/documents/" in n}
    assert {row["file"] for row in rows} == files  # one row per file
    row = next(r for r in rows if r["file"] == "documents/methodology/debat-budget.fr.pdf")
    assert row["language"] == "fra" and row["format"] == "application/pdf"
    assert (
        row["identifier"]
        == f"{SITE_URL}/downloads/sahelink-fr/documents/methodology/debat-budget.fr.pdf"
    )
    assert row["relation"] == f"{SITE_URL}/methodologies/debat-budget/" and row["fallback"] == ""
    assert row["rights"].startswith("CC BY-SA 4.0") and row["date"] == "2026-11-25"
    assert row["subject"] and row["type"] == "Méthodologie"
    summary = (report.folder / "summaries/debat-budget.md").read_text()
    assert summary.count("\n- ") == 2 and f"{SITE_URL}/methodologies/debat-budget/" in summary

    # unchanged content: nothing converted again, and the same bytes
    again = build_sahelink_kit(hub, "fr", tmp_path / "out2", options)
    assert again.converted == 0 and again.cached == report.converted + report.cached
    assert again.zip_path.read_bytes() == report.zip_path.read_bytes()


def test_a_language_kit_holds_its_documents_and_french_where_untranslated(hub, tmp_path):
    options = SahelinkOptions(SITE_URL, formats=("pdf", "epub"), progress=lambda line: None)
    report = build_sahelink_kit(hub, "bm", tmp_path, options)
    with zipfile.ZipFile(report.zip_path) as archive:
        documents = [n for n in archive.namelist() if "/documents/" in n]
        rows = json.loads(archive.read("sahelink-bm/catalogue.json"))
    assert "sahelink-bm/documents/capsule/debat-budget.bm.pdf" in documents
    assert (
        "sahelink-bm/documents/capsule/budget-101-session-1.bm.pdf" in documents
    )  # a session's capsule
    # a French fallback: its EPUB only (the PDF is in the French kit)
    assert "sahelink-bm/documents/methodology/debat-budget.fr.epub" in documents
    assert "sahelink-bm/documents/methodology/debat-budget.fr.pdf" not in documents
    # a capsule: its PDF only (its page is on the kit's site, a session's in the pack)
    assert "sahelink-bm/documents/capsule/debat-budget.bm.epub" not in documents
    assert not [n for n in documents if ".en." in n or ".snk." in n]
    marks = {row["file"]: row["fallback"] for row in rows}
    assert marks["documents/capsule/debat-budget.bm.pdf"] == ""
    assert marks["documents/methodology/debat-budget.fr.epub"] == "a faransikan"  # the bm draft
