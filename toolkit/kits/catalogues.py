"""Library and reader catalogues of a SaheLink kit, beside its Dublin Core CSV/JSON:

- ``catalogue.oai_dc.xml``: an OAI-PMH ``ListRecords`` response, one record per work (not per
  file) in ``oai_dc``: its absolute identifier (the page's address, or a ``urn:`` without
  ``site_url``), and each of its files as ``dc:relation`` (Dublin Core's ``hasFormat``, which
  simple Dublin Core folds into ``relation``) with its ``dc:format``; what a library importer
  harvests as one record;
- ``opds.xml``: an OPDS 1.2 acquisition feed (Atom) listing every work with its EPUB and PDF
  (open-access acquisition links, relative to the feed), title, summary, language, dates,
  licence and a cover (``covers/<type>.png``, one per type of document), as e-reader apps
  (KOReader, Thorium...) and OPDS clients read it from a folder or a local server.

Both are deterministic (sorted, dates from the content) and checked in the tests against the
elements their specifications require.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from toolkit.content.licence import LICENCE, LICENCE_URL
from toolkit.kits.addresses import file_identifier, work_identifier
from toolkit.kits.images import title_cover
from toolkit.render.kit_layout import sahelink_name
from toolkit.render.labels import label

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
OAI = "http://www.openarchives.org/OAI/2.0/"
ATOM = "http://www.w3.org/2005/Atom"
DCTERMS = "http://purl.org/dc/terms/"
OPDS = "http://opds-spec.org/2010/catalog"
OPDS_TYPE = "application/atom+xml;profile=opds-catalog;kind=acquisition"
ACQUISITION = "http://opds-spec.org/acquisition/open-access"
PUBLISHER = "Grdr, Tuwindi et contributeurs"
COVER_PX = 360
COVER_MAX_BYTES = 40_000


def _works(rows: list[dict[str, str]]) -> list[tuple[str, list[dict[str, str]]]]:
    """Catalogue rows (one per file) grouped by work, each work's files sorted."""
    works: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        works[row["relation"]].append(row)
    return sorted((key, sorted(files, key=lambda r: r["file"])) for key, files in works.items())


def _main(files: list[dict[str, str]]) -> dict[str, str]:
    """The row describing the work itself (not the facilitator pack)."""
    return min(files, key=lambda r: (len(r["title"]), r["file"]))


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _el(name: str, value: str, indent: str) -> str:
    return f"{indent}<{name}>{escape(value)}</{name}>\n"


def oai_dc_xml(rows: list[dict[str, str]], date: str) -> str:
    """The OAI-PMH ListRecords document: one ``oai_dc`` record per work."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<OAI-PMH xmlns="{OAI}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n',
        f"  <responseDate>{date}T00:00:00Z</responseDate>\n",
        '  <request verb="ListRecords" metadataPrefix="oai_dc"/>\n',
        "  <ListRecords>\n",
    ]
    for identifier, files in _works(rows):
        main = _main(files)
        out += [
            "    <record>\n",
            "      <header>\n",
            _el("identifier", identifier, "        "),
            _el("datestamp", max(r["date"] for r in files), "        "),
            "      </header>\n",
            "      <metadata>\n",
            f'        <oai_dc:dc xmlns:oai_dc="{OAI_DC}" xmlns:dc="{DC}" '
            f'xsi:schemaLocation="{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd">\n',
        ]
        ind = "          "
        out.append(_el("dc:title", main["title"], ind))
        out += [_el("dc:creator", c, ind) for c in _split(main["creator"])]
        out += [_el("dc:subject", s, ind) for s in _split(main["subject"])]
        out.append(_el("dc:description", main["description"], ind))
        out.append(_el("dc:publisher", PUBLISHER, ind))
        out.append(_el("dc:date", main["date"], ind))
        out.append(_el("dc:type", main["type"], ind))
        out += [_el("dc:format", f, ind) for f in sorted({r["format"] for r in files})]
        out.append(_el("dc:identifier", identifier, ind))
        out.append(_el("dc:language", main["language"], ind))
        out += [_el("dc:relation", r["identifier"], ind) for r in files]  # hasFormat
        out += [_el("dc:coverage", c, ind) for c in _split(main["coverage"])]
        out.append(_el("dc:rights", main["rights"], ind))
        out += ["        </oai_dc:dc>\n", "      </metadata>\n", "    </record>\n"]
    out += ["  </ListRecords>\n", "</OAI-PMH>\n"]
    return "".join(out)


def opds_xml(
    rows: list[dict[str, str]],
    lang: str,
    date: str,
    covers: dict[str, str],
    kinds: dict[str, str],
    feed_id: str,
) -> str:
    """The OPDS 1.2 acquisition feed: every work with its EPUB and PDF. ``covers``: type label
    -> cover file; ``kinds``: work identifier -> document type (for the cover)."""
    updated = f"{date}T00:00:00Z"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<feed xmlns="{ATOM}" xmlns:dc="{DCTERMS}" xmlns:opds="{OPDS}" xml:lang="{lang}">\n',
        _el("id", feed_id, "  "),
        _el("title", f"{label('kits.readme.title', lang)} ({lang})", "  "),
        _el("updated", updated, "  "),
        f"  <author><name>{escape(PUBLISHER)}</name></author>\n",
        f'  <link rel="self" href="opds.xml" type="{OPDS_TYPE}"/>\n',
        f'  <link rel="start" href="opds.xml" type="{OPDS_TYPE}"/>\n',
    ]
    for identifier, files in _works(rows):
        main = _main(files)
        out += [
            "  <entry>\n",
            _el("title", main["title"], "    "),
            _el("id", identifier, "    "),
            _el("updated", f"{max(r['date'] for r in files)}T00:00:00Z", "    "),
            _el("dc:issued", main["date"], "    "),
            _el("dc:language", main["language_code"], "    "),
        ]
        out += [f"    <author><name>{escape(c)}</name></author>\n" for c in _split(main["creator"])]
        out.append(_el("rights", main["rights"], "    "))
        out.append(
            f'    <link rel="license" href={quoteattr(LICENCE_URL)} title={quoteattr(LICENCE)}/>\n'
        )
        out.append(f'    <summary type="text">{escape(main["description"])}</summary>\n')
        out.append(
            f"    <category term={quoteattr(main['type'])} label={quoteattr(main['type'])}/>\n"
        )
        cover = covers.get(kinds.get(identifier, ""))
        if cover:
            out.append(
                f'    <link rel="http://opds-spec.org/image" href={quoteattr(cover)} type="image/png"/>\n'
            )
            out.append(
                f'    <link rel="http://opds-spec.org/image/thumbnail" href={quoteattr(cover)} '
                'type="image/png"/>\n'
            )
        for row in files:
            if row["file"].endswith((".epub", ".pdf")):
                out.append(
                    f'    <link rel="{ACQUISITION}" href={quoteattr(row["file"])} '
                    f"type={quoteattr(row['format'])} title={quoteattr(row['title'])}/>\n"
                )
        out.append("  </entry>\n")
    out.append("</feed>\n")
    return "".join(out)


def write_library_catalogues(
    folder: Path,
    lang: str,
    docs,
    rows: list[dict[str, str]],
    site_url: str,
    last: dt.date | None,
) -> None:
    """Write ``catalogue.oai_dc.xml``, ``opds.xml`` and ``covers/`` into the kit ``folder``."""
    date = (last or dt.date(1980, 1, 1)).isoformat()
    kinds = {work_identifier(doc, lang, site_url): doc.kind for doc in docs}
    covers = {}
    (folder / "covers").mkdir(exist_ok=True)
    for kind in sorted(set(kinds.values())):
        name = f"covers/{kind}.png"
        (folder / name).write_bytes(
            title_cover(
                label(f"kind.{kind}", lang),
                label("kits.zim.title", lang),
                COVER_PX,
                COVER_MAX_BYTES,
            )
        )
        covers[kind] = name
    codes = {doc.key: doc.lang for doc in docs}
    by_relation = {work_identifier(doc, lang, site_url): codes[doc.key] for doc in docs}
    rows = [{**row, "language_code": by_relation.get(row["relation"], lang)} for row in rows]
    (folder / "catalogue.oai_dc.xml").write_bytes(oai_dc_xml(rows, date).encode("utf-8"))
    feed_id = (
        file_identifier(lang, "opds.xml", site_url)
        if site_url
        else f"urn:kayes-hub:{sahelink_name(lang)}:opds"
    )
    (folder / "opds.xml").write_bytes(
        opds_xml(rows, lang, date, covers, kinds, feed_id).encode("utf-8")
    )
