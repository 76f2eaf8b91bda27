"""Page heads for search engines: absolute hreflang alternates, per-page descriptions."""

from __future__ import annotations

from toolkit.website.seo import absolute_alternates, description

HEAD = (
    '<html><head><link rel="alternate" href="./" hreflang="fr">'
    '<link rel="alternate" href="../../en/methodologies/x/" hreflang="en"></head>'
    '<body><link rel="alternate" href="keep/" hreflang="bm"></body></html>'
)


def test_alternates_become_absolute_when_the_address_is_known():
    html = absolute_alternates(HEAD, "https://hub.example.org/kayes/methodologies/x/")
    assert (
        '<link rel="alternate" href="https://hub.example.org/kayes/methodologies/x/" hreflang="fr">'
        in html
    )
    assert 'href="https://hub.example.org/kayes/en/methodologies/x/" hreflang="en"' in html
    assert 'href="keep/" hreflang="bm"' in html  # only the head is rewritten


def test_alternates_stay_relative_without_an_address_or_are_left_out():
    assert absolute_alternates(HEAD, None) == HEAD
    assert absolute_alternates(HEAD, "/methodologies/x/") == HEAD
    online = absolute_alternates(HEAD, None, drop_relative=True)  # invalid: left out
    assert (
        online
        == '<html><head></head><body><link rel="alternate" href="keep/" hreflang="bm"></body></html>'
    )
    assert (
        absolute_alternates(HEAD, "https://x.org/m/", drop_relative=True).count("https://x.org/")
        == 2
    )


def test_description_is_the_summary_on_one_line_but_not_for_generated_pages():
    assert description({"summary": "Un cycle\n  en six étapes."}) == "Un cycle en six étapes."
    assert (
        description({"summary": "Page écrite par la construction", "generated": "catalogue"})
        is None
    )
    assert description({"summary": "  "}) is None
    assert description({}) is None


def test_without_an_address_no_sitemap_of_none_is_left(tmp_path):
    from toolkit.website.seo import without_address

    (tmp_path / "sitemap.xml").write_text("<loc>None/</loc>")
    (tmp_path / "sitemap.xml.gz").write_bytes(b"gz")
    assert "stay relative" in without_address(tmp_path, None)
    assert not (tmp_path / "sitemap.xml").exists() and not (tmp_path / "sitemap.xml.gz").exists()
    (tmp_path / "sitemap.xml").write_text("<loc>https://example.org/</loc>")
    assert without_address(tmp_path, "https://example.org/") is None
    assert (tmp_path / "sitemap.xml").exists()
