"""The kits built from the real content, checked by the tools their partners open them with.

One build for the module (the real site, built once for the session by conftest, copied; the
kits into the copy, with the exports cache of the checkout): zimcheck and libzim on every ZIM,
epubcheck on every EPUB (one Java process, which also checks the fixture curriculum's EPUB),
pdfinfo and every link of every PDF, python-docx on every DOCX, ``hub verify`` on every zip and
published folder, the size budgets, the language of each kit, the OPDS and OAI-PMH/oai_dc
catalogues, and no "None" anywhere.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import pytest
from system_tools import EPUBCHECK_JAR, EPUBCHECK_JAVA

from toolkit.content.languages import DEFAULT_LANGUAGE, ISO639_3, LANGUAGES

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://hub.example.org/"
#: The languages with text of their own in the real content (Soninké has none yet): each has a
#: SaheLink kit and a ZIM.
HELD = ("fr", "en", "bm")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (bash .ci/system-deps)")
    return found


@pytest.fixture(scope="module")
def downloads(real_site, tmp_path_factory) -> Path:
    """The kits of the real content, built once for this module (site_url set)."""
    from toolkit.checks.validate import validate_tree
    from toolkit.kits.build import KitsRequest, build_kits

    site = tmp_path_factory.mktemp("real-kits") / "site"
    shutil.copytree(real_site, site)
    request = KitsRequest(site_url=SITE_URL, progress=lambda _: None)
    build_kits(ROOT, site, validate_tree(ROOT, use_cache=True), request)
    return site / "downloads"


def _unique(paths: list[Path]) -> list[Path]:
    """One file per content (the kits hard-link or repeat the same bytes)."""
    seen: dict[str, Path] = {}
    for path in sorted(paths):
        seen.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
    return sorted(seen.values())


def _kit_folders(downloads: Path) -> list[Path]:
    return sorted(p for p in downloads.glob("sahelink-*") if p.is_dir())


# --------------------------------------------------------------------------- Kiwix


def test_one_zim_per_language_passes_zimcheck_and_libzim(downloads):
    from libzim.reader import Archive

    zimcheck = _tool("zimcheck")
    zims = sorted((downloads / "kiwix").glob("*.zim"))
    # no Soninké text yet: no ZIM of pages saying so
    assert [z.name for z in zims] == sorted(f"kayes-hub_{lang}.zim" for lang in HELD)
    for zim in zims:
        run = subprocess.run(
            [zimcheck, "-0", "-C", "-M", "-F", "-P", "-R", "-U", "-X", "-L", str(zim)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert run.returncode == 0, f"{zim.name}:\n" + run.stdout[-4000:] + run.stderr[-1000:]
        archive = Archive(zim)
        assert archive.check(), zim.name
        keys = set(archive.metadata_keys)
        assert {"Tags", "Source", "LongDescription", "Language", "Title", "Description"} <= keys
        lang = zim.stem.split("_", 1)[1]
        assert (
            archive.get_metadata("Language").decode().split(",")[0]
            == {"fr": "fra", "en": "eng", "bm": "bam", "snk": "snk"}[lang]
        )
        assert archive.get_metadata("Source").decode() == SITE_URL


def _search(archive, text: str) -> list[str]:
    from libzim.search import Query, Searcher

    search = Searcher(archive).search(Query().set_query(text))
    return list(search.getResults(0, 50))


def test_each_zim_holds_its_language_and_indexes_each_page_once(downloads):
    from libzim.reader import Archive

    french = Archive(downloads / "kiwix" / "kayes-hub_fr.zim")
    found = _search(french, "budget")
    assert found and len(found) == len(set(found))
    assert not [p for p in found if p.split("/", 1)[0] in ("en", "bm", "snk")]
    bambara = Archive(downloads / "kiwix" / "kayes-hub_bm.zim")
    assert bambara.main_entry.get_item().path == "bm/index.html"
    found = _search(bambara, "budget")  # French fallback pages, under bm/ only
    assert found and all(p.startswith("bm/") for p in found)
    home = bytes(bambara.get_entry_by_path("bm/index.html").get_item().content).decode()
    assert "downloads/" not in home


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


#: A word each language's ZIM has in its pages (Bambara: its own session scripts).
ZIM_WORDS = {"fr": "budget", "en": "budget", "bm": "kalansen", "snk": "budget"}


def test_kiwix_serve_searches_each_language_in_its_own_zim(downloads):
    """The ZIMs in one kiwix-serve, as a hotspot serves them: each book's search finds its
    language's pages (French fallbacks under bm/ included), each page once."""
    kiwix_serve = _tool("kiwix-serve")
    zims = sorted((downloads / "kiwix").glob("*.zim"))
    port = _free_port()
    server = subprocess.Popen(
        [kiwix_serve, "--port", str(port), "--address", "127.0.0.1", *map(str, zims)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> str:
        with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 (loopback)
            return response.read().decode("utf-8")

    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                get("/")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "kiwix-serve died"
                time.sleep(0.2)
        for zim in zims:
            book, lang = zim.stem, zim.stem.split("_", 1)[1]
            query = urllib.parse.urlencode({"content": book, "pattern": ZIM_WORDS[lang]})
            paths = re.findall(rf'href="/{re.escape(book)}/([^"#]+)"', get(f"/search?{query}"))
            assert paths, f"{book}: nothing found for {ZIM_WORDS[lang]!r}"
            assert len(paths) == len(set(paths)), f"{book}: a page found twice"
            tops = {path.split("/", 1)[0] for path in paths}
            if lang == DEFAULT_LANGUAGE:
                assert not tops & (set(LANGUAGES) - {lang}), (book, tops)
            else:
                assert tops == {lang}, (book, tops)
    finally:
        server.terminate()
        server.wait(timeout=10)


# --------------------------------------------------------------------------- EPUB


def _fixture_curriculum_epub(folder: Path) -> Path:
    """The fixture tree's curriculum as an EPUB: tables, links, admonitions and sessions whatever
    the real content holds (tests/kits/test_exports.py tests how exports are made; it is checked
    here so that epubcheck's Java starts once for the whole suite, which costs seconds)."""
    from conftest import make_site_tree

    from toolkit.checks.validate import validate_tree
    from toolkit.kits import exports
    from toolkit.kits.pandoc_markdown import ExportContext

    result = validate_tree(make_site_tree(folder / "hub"))
    doc = result.corpus.by_src_uri["formations/budget-101/index.fr.md"]
    epub = folder / "budget-101.epub"
    context = ExportContext(result.corpus, result.vocabularies, "fr", SITE_URL)
    exports.export_document(doc, context, "epub", epub)
    return epub


@pytest.mark.needs_epubcheck  # java, javac (EpubCheckAll.java runs from source) and epubcheck
def test_epubcheck_reports_nothing_on_any_epub(downloads, tmp_path):
    java = _tool("java")
    epubs = _unique(list(downloads.glob("sahelink-*/documents/*/*.epub")))
    assert len(epubs) > 40
    epubs.append(_fixture_curriculum_epub(tmp_path))
    run = subprocess.run(
        [
            java,
            *EPUBCHECK_JAVA,
            "-cp",
            str(EPUBCHECK_JAR),
            str(Path(__file__).with_name("EpubCheckAll.java")),
            *map(str, epubs),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    results = re.findall(r"^RESULT (\d+) (.+)$", run.stdout, re.M)
    assert len(results) == len(epubs), run.stdout[-3000:] + run.stderr[-3000:]
    bad = [name for count, name in results if count != "0"]
    assert not bad, run.stdout[-6000:]


# --------------------------------------------------------------------------- PDF


def _pdf_links(path: Path) -> list[str]:
    from pypdf import PdfReader

    links = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if annotation.get("/Subtype") == "/Link" and action and "/URI" in action:
                links.append(str(action["/URI"]))
    return links


def _pdf_internal_links(path: Path) -> int:
    """Links of ``path`` to a place in the same PDF (GoTo actions or named destinations)."""
    from pypdf import PdfReader

    count = 0
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation or (action and action.get("/S") == "/GoTo"):
                count += 1
    return count


def test_every_pdf_opens_and_no_link_is_a_bare_relative_one(downloads):
    """A PDF is saved and passed around on its own: its links go to a place inside it or to a
    full online address, never to a path (``../tool/x.pdf`` breaks once the file is alone)."""
    pdfinfo = _tool("pdfinfo")
    pdfs = _unique(list(downloads.glob("sahelink-*/documents/*/*.pdf")))
    assert len(pdfs) > 40
    online = 0
    for pdf in pdfs:
        run = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0 and "Pages:" in run.stdout, f"{pdf}: {run.stderr}"
        for link in _pdf_links(pdf):
            assert link.startswith(("https://", "http://", "mailto:")), f"{pdf.name}: {link}"
            online += 1
    assert online > 20  # cross-links are there, as addresses
    packs = sorted(downloads.glob("sahelink-*/documents/curriculum/*.facilitator-pack.*.pdf"))
    assert packs and all(_pdf_internal_links(pack) > 5 for pack in packs), packs


def test_each_session_s_opening_script_is_in_the_facilitator_pack(downloads):
    from toolkit.checks.validate import validate_tree

    pdftotext = _tool("pdftotext")
    corpus = validate_tree(ROOT, use_cache=True).corpus
    checked = 0
    for pack in sorted(downloads.glob("sahelink-*/documents/curriculum/*.facilitator-pack.*.pdf")):
        slug, _, lang = pack.name.removesuffix(".pdf").partition(".facilitator-pack.")
        text = " ".join(
            subprocess.run(
                [pdftotext, str(pack), "-"], capture_output=True, text=True, timeout=60
            ).stdout.split()
        )
        for number, langs in corpus.session_capsules(f"formations/{slug}/index").items():
            script = langs.get(lang) or langs.get(DEFAULT_LANGUAGE)
            words = " ".join(script.body.split()[:8])  # its first words, as the PDF shows them
            assert words.replace("’", "'") in text.replace("’", "'"), (
                f"{pack.name}: session {number}"
            )
            checked += 1
    assert checked > 5


# --------------------------------------------------------------------------- DOCX


def test_every_docx_opens_and_tool_sheets_print_as_forms(downloads):
    import docx
    from docx.shared import Mm

    files = _unique(list(downloads.glob("sahelink-*/documents/*/*.docx")))
    assert len(files) > 40
    for path in files:
        document = docx.Document(str(path))
        assert document.paragraphs, path
        for relation in document.part.rels.values():
            if relation.is_external and not re.match(r"^[a-z]+:", relation.target_ref):
                assert (path.parent / unquote(relation.target_ref)).is_file(), (
                    path,
                    relation.target_ref,
                )
    sheet = docx.Document(
        str(downloads / "sahelink-fr/documents/tool/fiche-suivi-engagements.fr.docx")
    )
    assert "w:tblBorders" in sheet.styles["Table"].element.xml
    table = sheet.tables[-1]
    assert all(row.height is not None and row.height >= Mm(10) for row in table.rows[1:])


def test_tool_sheet_pdf_writing_rows_are_at_least_10_mm(downloads):
    from pypdf import PdfReader

    pdf = downloads / "sahelink-fr/documents/tool/fiche-suivi-engagements.fr.pdf"
    numbers: dict[str, float] = {}

    def visit(text, cm, tm, font, size):  # the row numbers 1 to 8 of the commitments table
        key = text.strip()
        if key in {str(n) for n in range(1, 9)} and key not in numbers:
            numbers[key] = cm[5] + tm[5]

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    ys = [numbers[str(n)] for n in range(1, 9) if str(n) in numbers]
    assert len(ys) >= 5, numbers
    gaps = [abs(a - b) for a, b in zip(ys, ys[1:], strict=False)]
    assert min(gaps) >= 28.3, gaps  # 10 mm in points


# --------------------------------------------------------------------------- integrity, budgets, languages


def test_hub_verify_passes_on_every_zip_and_published_folder(downloads):
    from toolkit.kits.verification import verify

    targets = sorted(downloads.glob("*.zip")) + _kit_folders(downloads) + [downloads / "kiwix"]
    assert sorted(t.name for t in targets) == sorted(
        ["lenali.zip", "kiwix"] + [f"sahelink-{lang}{ext}" for lang in HELD for ext in ("", ".zip")]
    )
    for target in targets:
        assert verify(target) == [], target


def test_each_kit_carries_its_language_within_its_budget(downloads):
    from toolkit.kits.sahelink import BUDGETS as SAHELINK_BUDGETS

    index = json.loads((downloads / "kits.json").read_text())
    sizes = {kit["file"]: kit["size"] for kit in index["kits"]}
    for folder in _kit_folders(downloads):
        lang = folder.name.removeprefix("sahelink-")
        assert sizes[f"{folder.name}.zip"] <= SAHELINK_BUDGETS[lang]
        names = zipfile.ZipFile(downloads / f"{folder.name}.zip").namelist()
        site = [n.split("/", 2)[2] for n in names if n.split("/")[1] == "site"]
        tops = {n.split("/", 1)[0] for n in site if "/" in n}
        assert not tops & (set(LANGUAGES) - {lang}), folder.name
        documents = [n for n in names if n.split("/")[1] == "documents"]
        assert {PurePosixPath(n).suffixes[-2][1:] for n in documents} <= {lang, DEFAULT_LANGUAGE}
        fallbacks = [n for n in documents if f".{DEFAULT_LANGUAGE}." in n]
        if lang != DEFAULT_LANGUAGE and fallbacks:  # French: the EPUB only, PDF and DOCX in fr
            assert all(n.endswith(".epub") for n in fallbacks), folder.name
            readme = (folder / "README.md").read_text(encoding="utf-8")
            assert "sahelink-fr.zip" in readme, folder.name
        assert not [n for n in site if n.endswith(".map")], folder.name
        kinds = {n.split("/")[2] for n in documents}
        assert {"methodology", "curriculum", "case-study", "tool"} <= kinds, folder.name
        assert any(n.split("/")[1] == "summaries" for n in names)
        rows = json.loads((folder / "catalogue.json").read_text())
        for row in rows:
            fallback = f".{DEFAULT_LANGUAGE}." in row["file"] and lang != DEFAULT_LANGUAGE
            assert bool(row["fallback"]) == fallback, row["file"]
            assert row["identifier"].startswith(SITE_URL) and row["relation"].startswith(SITE_URL)
    assert sizes["sahelink-bm.zip"] <= SAHELINK_BUDGETS["bm"] == 2_000_000
    # no Soninké text yet: no Soninké kit of French fallbacks
    assert "sahelink-snk.zip" not in sizes and not (downloads / "sahelink-snk").exists()
    print({name: f"{size / 1e6:.2f} MB" for name, size in sorted(sizes.items())})


def test_the_offline_site_links_each_page_to_its_files_in_the_kit(downloads):
    folder = downloads / "sahelink-fr"
    page = folder / "site/outils/fiche-suivi-engagements/index.html"
    links = re.findall(r'<p class="hub-download">.*?</p>', page.read_text(), re.S)
    hrefs = re.findall(r'href="([^"]+)"', links[0])
    assert len(hrefs) == 3 and all((page.parent / h).resolve().is_file() for h in hrefs)
    index = json.loads((folder / "site/search/search_index.json").read_text())
    assert index["docs"] and not [
        d for d in index["docs"] if d["location"].startswith(("en/", "bm/", "snk/"))
    ]
    bambara = downloads / "sahelink-bm/site"
    assert (bambara / "bm/index.html").is_file() and not (bambara / "outils").exists()
    fallback = bambara / "bm/outils/fiche-suivi-engagements/index.html"
    links = re.findall(r'<p class="hub-download">.*?</p>', fallback.read_text(), re.S)
    hrefs = re.findall(r'href="([^"]+)"', links[0])
    assert [h.rsplit(".", 2)[-2:] for h in hrefs] == [["fr", "epub"]]
    assert (fallback.parent / hrefs[0]).resolve().is_file()
    index = json.loads((bambara / "search/search_index.json").read_text())
    assert index["docs"] and all(d["location"].startswith("bm/") for d in index["docs"])


# --------------------------------------------------------------------------- catalogues


DC_ELEMENTS = {
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
}
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "atom": "http://www.w3.org/2005/Atom",
    "dcterms": "http://purl.org/dc/terms/",
}


def test_oai_dc_has_one_record_per_work_with_absolute_identifiers(downloads):
    for folder in _kit_folders(downloads):
        root = ET.parse(folder / "catalogue.oai_dc.xml").getroot()
        assert root.tag == f"{{{NS['oai']}}}OAI-PMH"
        assert (
            root.find("oai:responseDate", NS) is not None
            and root.find("oai:request", NS) is not None
        )
        records = root.findall("oai:ListRecords/oai:record", NS)
        rows = json.loads((folder / "catalogue.json").read_text())
        works = {row["relation"] for row in rows}
        files = {work: [row for row in rows if row["relation"] == work] for work in works}
        assert len(records) == len(works)
        for record in records:
            header = record.find("oai:header", NS)
            assert header.find("oai:identifier", NS).text in works
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", header.find("oai:datestamp", NS).text)
            dc = record.find("oai:metadata/oai_dc:dc", NS)
            names = [child.tag.split("}", 1)[1] for child in dc]
            assert set(names) <= DC_ELEMENTS and {
                "title",
                "identifier",
                "language",
                "rights",
            } <= set(names)
            for child in dc.findall("dc:identifier", NS) + dc.findall("dc:relation", NS):
                assert child.text.startswith(SITE_URL)
            work = header.find("oai:identifier", NS).text
            formats = len(dc.findall("dc:relation", NS))  # one per file of the work
            assert formats == len(files[work])
            first = files[work][0]
            single = first["fallback"] or "/capsule/" in first["file"]  # EPUB; a capsule's PDF
            assert formats >= (1 if single else 3)  # else PDF, DOCX and EPUB


def test_opds_lists_every_epub_and_pdf_with_what_readers_show(downloads):
    for folder in _kit_folders(downloads):
        feed = ET.parse(folder / "opds.xml").getroot()
        assert feed.tag == f"{{{NS['atom']}}}feed"
        for required in ("atom:id", "atom:title", "atom:updated", "atom:author"):
            assert feed.find(required, NS) is not None, required
        assert any(
            "profile=opds-catalog" in link.get("type", "") for link in feed.findall("atom:link", NS)
        )
        listed = set()
        for entry in feed.findall("atom:entry", NS):
            for required in (
                "atom:id",
                "atom:title",
                "atom:updated",
                "atom:summary",
                "dcterms:language",
                "dcterms:issued",
                "atom:rights",
            ):
                assert entry.find(required, NS) is not None and entry.find(required, NS).text, (
                    required
                )
            links = entry.findall("atom:link", NS)
            rels = {link.get("rel") for link in links}
            assert "http://opds-spec.org/image" in rels and "license" in rels
            for link in links:
                if link.get("rel").startswith("http://opds-spec.org/"):
                    assert (folder / link.get("href")).is_file(), link.get("href")
                    listed.add(link.get("href"))
        files = {
            p.relative_to(folder).as_posix()
            for p in folder.glob("documents/*/*")
            if p.suffix in (".epub", ".pdf")
        }
        assert files <= listed


#: Python's None printed where a value was missing ("Language: None", a field that is "None");
#: English prose may say "None of these messages is real".
_NONE_VALUE = re.compile(r"(?:^|[:=,|]|\bis)\s*None\b(?! of\b)|\bNone\s*$", re.M)


def _json_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)
    elif isinstance(value, str):
        yield value


def test_no_output_says_none_and_lenali_knows_its_address(downloads):
    for path in downloads.rglob("*"):
        if path.suffix in (".json", ".csv", ".xml", ".md", ".txt") and path.is_file():
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".json":
                found = [v for v in _json_strings(json.loads(text)) if _NONE_VALUE.search(v)]
                assert not found, (path, found[:3])
            else:
                assert not _NONE_VALUE.search(text), path
    manifest = json.loads(zipfile.ZipFile(downloads / "lenali.zip").read("lenali/manifest.json"))
    assert manifest["site_url"] == SITE_URL


def test_what_the_hub_says_of_its_kits_and_languages_is_what_the_build_made(downloads):
    """Pages, interface strings and kit READMEs: every count of the hub's languages equals the
    languages the built kits hold, and every kit file they name was built (issue 29)."""
    from toolkit.checks.claims import claim_problems, held_languages

    assert "fr" in held_languages(downloads)
    problems = claim_problems(ROOT, downloads)
    assert not problems, "\n".join(str(p) for p in problems)


@pytest.mark.browser
@pytest.mark.parametrize("typed", ["kolosi", "kɔlɔsi"])
def test_the_bambara_kit_searches_words_as_typed_from_file_urls(downloads, browser, typed):
    """Material's search in the Bambara kit, from file://: a phone keyboard has no ɔ, and a
    reader who types "kolosi" finds kɔlɔsi, marked where it is written (toolkit/kits/lunr.typed.js)."""
    home = downloads / "sahelink-bm/site/bm/index.html"
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = phone.new_page()
    page.goto(home.as_uri())
    page.click("label[for='__search']")
    page.keyboard.type(typed)
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    marks = page.eval_on_selector_all(
        ".md-search-result__item mark", "m => m.map(e => e.textContent)"
    )
    assert any(m.lower().startswith("kɔlɔsi") for m in marks), marks
    phone.close()


# --------------------------------------------------------------------------- offline kits


def _kit_pages(kit: Path) -> list[Path]:
    return sorted((kit / "site").rglob("*.html"))


HREF = re.compile(r"""\shref\s*=\s*["']([^"'#?]*)""")


def _linked_files(kit: Path) -> set[str]:
    """Every file of ``kit`` that a page of its offline site links to (paths from the kit)."""
    linked = set()
    for page in _kit_pages(kit):
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            if not href or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) or href.startswith("/"):
                continue
            target = (page.parent / unquote(href)).resolve()
            if target.is_relative_to(kit.resolve()):
                linked.add(target.relative_to(kit.resolve()).as_posix())
    return linked


def _said(downloads: Path, kit: dict, reader: str = "fr") -> str:
    from toolkit.kits.contents import Part, sentences

    return " ".join(sentences([Part.of_json(p) for p in kit["contents"]], reader))


def test_each_kit_is_described_by_what_it_holds(downloads):
    """The description of every kit (downloads page, README, ZIM) is said from what the kit
    holds, counted here again from the zip or the ZIM; no language it lacks is named."""
    from libzim.reader import Archive

    from toolkit.render.labels import label

    index = json.loads((downloads / "kits.json").read_text())
    names = {code: label(f"language.{code}", "fr") for code in LANGUAGES}
    for kit in index["kits"]:
        said = _said(downloads, kit)
        if kit["kit"] == "sahelink":
            lang = kit["file"].removeprefix("sahelink-").removesuffix(".zip")
            archive = zipfile.ZipFile(downloads / kit["file"])
            files = archive.namelist()
            docs = [PurePosixPath(n) for n in files if n.split("/")[1] == "documents"]
            capsules = sum(1 for d in docs if d.parts[2] == "capsule" and f".{lang}." in d.name)
            if capsules:
                assert (
                    f"En {names[lang]} : " in said and f"{capsules} capsules vocales (PDF)" in said
                )
            else:
                assert "capsule" not in said, kit["file"]
            works = {
                d.name.split(".")[0]
                for d in docs
                if d.parts[2] != "capsule" and f".{lang}." in d.name and "facilitator" not in d.name
            }
            if works:
                assert f"{len(works)} documents (PDF, DOCX, EPUB)" in said, (kit["file"], said)
            french = {d.name for d in docs if d.name.endswith(".fr.epub")}
            if lang != DEFAULT_LANGUAGE and french:
                assert f"en français : {len(french)} documents (EPUB)" in said, said
            else:
                assert "pas encore traduits" not in said.lower(), said
            pages = [  # the offline site's pages, but the redirect to its language's home
                n
                for n in files
                if n.endswith(".html")
                and n.split("/")[1] == "site"
                and b'http-equiv="refresh"' not in archive.read(n)
            ]
            assert f"Le site hors ligne ({len(pages)} pages)" in said, (kit["file"], said)
            readme = (downloads / kit["file"].removesuffix(".zip") / "README.md").read_text()
            assert _said(downloads, kit, lang) in readme, kit["file"]
        elif kit["kit"] == "lenali":
            files = zipfile.ZipFile(downloads / kit["file"]).namelist()
            folders = {tuple(n.split("/")[1:3]) for n in files if n.count("/") >= 3}
            for code in LANGUAGES:
                count = sum(1 for _slug, lang in folders if lang == code)
                if count:
                    assert f"En {names[code]} : {count} textes de capsules" in said, said
                else:
                    assert names[code] not in said, (code, said)
            held = {lang for _slug, lang in folders}
            assert sorted(kit["languages"]) == sorted(ISO639_3[code] for code in held)
        else:
            archive = Archive(downloads / "kiwix" / kit["file"])
            pages = 0
            for number in range(archive.all_entry_count):
                entry = archive._get_entry_by_id(number)
                if entry.path.endswith(".html") and not entry.is_redirect:
                    pages += 1
            assert f"{pages} pages du site" in said, (kit["file"], said)
            lang = kit["file"].removeprefix("kayes-hub_").removesuffix(".zim")
            long = archive.get_metadata("LongDescription").decode()
            assert long.endswith(_said(downloads, kit, lang)), kit["file"]


def test_every_document_in_a_kit_is_linked_from_a_page_of_that_kit(downloads):
    for kit in _kit_folders(downloads):
        documents = {
            p.relative_to(kit).as_posix() for p in (kit / "documents").rglob("*") if p.is_file()
        }
        assert documents, kit.name
        unlinked = sorted(documents - _linked_files(kit))
        assert unlinked == [], (
            f"{kit.name}: {len(unlinked)} documents no page links: {unlinked[:5]}"
        )


@pytest.mark.browser
def test_every_page_of_every_kit_opens_from_file_urls_with_no_error(downloads, browser):
    """Every page of every SaheLink kit, from file:// as a partner opens it: no console error,
    no script error, no failed request; the language menu offers only pages inside the kit."""
    page = browser.new_page()
    where = [""]
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"{where[0]}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: problems.append(f"{where[0]}: {e}"))
    page.on(
        "requestfailed",
        lambda r: (
            None  # the favicon, still loading when the test goes to the next page
            if r.failure == "net::ERR_ABORTED"
            else problems.append(f"{where[0]}: failed {r.url} ({r.failure})")
        ),
    )
    opened = 0
    for kit in _kit_folders(downloads):
        root = kit.resolve()
        for file in _kit_pages(kit):
            where[0] = f"{kit.name}/{file.relative_to(kit).as_posix()}"
            page.goto(file.as_uri(), wait_until="load")
            opened += 1
            if 'http-equiv="refresh"' in file.read_text(encoding="utf-8"):
                # the kit's root, which opens its language's home: wait for that navigation, or it
                # interrupts the next page's (seen once: the Bambara root cut the English kit's)
                uri = file.as_uri()
                page.wait_for_url(lambda url, uri=uri: url != uri, wait_until="load")
                continue
            menu = page.eval_on_selector_all(
                ".md-select__link", "links => links.map(a => a.getAttribute('href'))"
            )
            for href in menu:
                target = (file.parent / unquote(href or "")).resolve()
                if target.is_dir():
                    target = target / "index.html"
                inside = href and target.is_file() and target.is_relative_to(root)
                assert inside, f"{where[0]}: the language menu offers {href!r}"
    page.wait_for_timeout(500)  # what the last page fetched after its load
    page.close()
    print(f"{opened} kit pages opened from file://")
    assert opened > 100 and problems == [], problems[:10]
