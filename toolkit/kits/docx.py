"""Word exports that print as forms: a grid on every table, writing rows at least 10 mm high.

pandoc's default ``reference.docx`` gives tables no borders, so a tool sheet printed from Word
has no grid. :func:`reference_docx` is pandoc's own reference document with borders added to
its ``Table`` style (every table pandoc writes uses it) and every entry dated 1980-01-01 (pandoc
stamps the one it makes with the clock); :func:`docx_form_rows` gives every body row of a tool
sheet's tables a minimum height. Both edit the XML as text (no python-docx at build time) and
keep the zip's entries and order: same input, same bytes.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

from toolkit.base.build_caches import per_build

#: Borders of every table: single lines, 0.5 pt, black (visible when printed in black and white).
TABLE_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)
#: Minimum height of a writing row: 10 mm = 567 twentieths of a point.
ROW_MIN_TWIPS = 567
TABLE_STYLE = re.compile(r'(<w:style w:type="table"[^>]*w:styleId="Table"[^>]*>.*?<w:tblPr>)', re.S)
BODY_ROW = re.compile(r"<w:tr>(?!\s*<w:trPr>)")


#: The date of every entry of the reference document (the zip format's earliest).
REFERENCE_DATE = (1980, 1, 1, 0, 0, 0)


def _rewrite(data: bytes, name: str, change, date_time: tuple | None = None) -> bytes:
    """``data`` (a docx) with entry ``name`` passed through ``change``; every other entry and
    the order as they were, and the dates too unless ``date_time`` is given."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == name:
                content = change(content.decode("utf-8")).encode("utf-8")
            if date_time is not None:
                info.date_time = date_time
            target.writestr(info, content)
    return out.getvalue()


@per_build(maxsize=1)
def reference_docx() -> Path:
    """pandoc's reference.docx with bordered tables, written once per process."""
    import pypandoc

    run = subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
        capture_output=True,
        check=True,
        timeout=60,
    )

    def borders(styles: str) -> str:
        patched, count = TABLE_STYLE.subn(lambda m: m[1] + TABLE_BORDERS, styles, count=1)
        if not count:
            raise RuntimeError("pandoc's reference.docx has no 'Table' style any more")
        return patched

    path = Path(tempfile.mkdtemp(prefix="hub-docx-")) / "reference.docx"
    # pandoc makes its default reference document when asked, stamped with the clock's time,
    # and copies four of its parts into every DOCX with their zip dates (docProps/app.xml,
    # word/theme/theme1.xml, word/fontTable.xml, word/webSettings.xml): fixed dates here, so
    # that a DOCX does not change with the time it is built (DESIGN.md, "Same bytes").
    path.write_bytes(_rewrite(run.stdout, "word/styles.xml", borders, REFERENCE_DATE))
    return path


def docx_form_rows(data: bytes) -> bytes:
    """Every table row that is not a header row (pandoc marks those with ``<w:trPr>``) at
    least 10 mm high, so that a printed sheet leaves room to write."""
    row = f'<w:tr><w:trPr><w:trHeight w:val="{ROW_MIN_TWIPS}" w:hRule="atLeast"/></w:trPr>'
    return _rewrite(data, "word/document.xml", lambda xml: BODY_ROW.sub(row, xml))
