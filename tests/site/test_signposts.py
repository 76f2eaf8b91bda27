"""A language in preparation (Soninké) shows signposts, not French pages under its flag
(toolkit/render/signpost.py), on the fixture site's build."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest

pytestmark = pytest.mark.build


def _tree(path: Path):
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def test_a_page_without_soninke_text_is_a_signpost_to_french_and_bambara(fixture_site: Path):
    page = fixture_site / "snk/methodologies/debat-budget/index.html"
    text = page.read_text(encoding="utf-8")
    assert '<html lang="snk"' in text
    assert "Le débat porte sur quatre points" not in text  # no French body under the flag
    article = _tree(page).find(".//div[@class='hub-signpost']")
    assert article is not None
    said = {p.get("lang") for p in article.iter("p")}
    assert said == {"fr", "bm"}  # side by side
    reads = [li for li in article.iter("li") if "hub-pict--read" in (li.get("class") or "")]
    assert [li.get("lang") for li in reads] == ["fr", "bm"]
    for li in reads:  # the same page, in French and in Bambara
        target = (page.parent / li.find("a").get("href") / "index.html").resolve()
        assert target.is_file(), target
        assert f'<html lang="{li.get("lang")}"' in target.read_text(encoding="utf-8")
    record = next(li for li in article.iter("li") if "hub-pict--record" in (li.get("class") or ""))
    studio = (page.parent / record.find("a").get("href") / "index.html").resolve()
    assert studio == (fixture_site / "snk/contribuer/studio/index.html").resolve()


def test_a_page_with_soninke_text_and_the_tools_stay_pages(fixture_site: Path):
    home = (fixture_site / "snk/index.html").read_text(encoding="utf-8")
    assert "hub-signpost" not in home  # the fixture has a Soninké home page
    for tool in ("contribuer/studio", "telechargements"):
        assert "hub-signpost" not in (fixture_site / "snk" / tool / "index.html").read_text(
            encoding="utf-8"
        )
    assert "hub-signpost" not in (
        fixture_site / "bm/methodologies/debat-budget/index.html"
    ).read_text(encoding="utf-8")  # Bambara keeps its French fallbacks under a notice
