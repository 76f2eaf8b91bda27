"""Material's stylesheet cut to the classes the site uses, conservatively."""

from __future__ import annotations

from pathlib import Path

from toolkit.website.stylesheets import CutReport, classes_in, cut, cut_site, minify

CSS = (
    '@charset "UTF-8";:root{--x:1}html{margin:0}'
    ".used{color:red}.unused{color:blue}"
    ".used .unused,.used>p{margin:1px}"
    ".used:not(.unused){padding:0}"
    "[data-md-toggle=search]:checked~.used{top:0}"
    "@media screen and (min-width:60em){.unused{display:none}.used{display:block}}"
    "@media print{.unused{display:none}}"
    "@keyframes spin{0%{opacity:0}to{opacity:1}}"
)


def test_rules_needing_an_absent_class_go_and_the_rest_stay():
    report = CutReport()
    out = cut(CSS, {"used"}, report)
    assert ".unused{color:blue}" not in out
    assert ".used{color:red}" in out and ":root{--x:1}" in out and "html{margin:0}" in out
    assert ".used>p{margin:1px}" in out and ".used .unused" not in out  # one selector of two kept
    assert ".used:not(.unused){padding:0}" in out  # a class inside :not() never causes a drop
    assert "[data-md-toggle=search]:checked~.used{top:0}" in out
    assert "@media screen and (min-width:60em){.used{display:block}}" in out
    assert "@media print" not in out  # left empty, removed
    assert "@keyframes spin" in out
    assert report.rules_removed == 3  # .unused at the top and in both @media blocks


def test_classes_are_read_from_every_page(tmp_path: Path):
    (tmp_path / "a.html").write_text(
        '<div class="md-grid  used">x</div><p class="hub-card">', encoding="utf-8"
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text('<span class="deep">', encoding="utf-8")
    assert classes_in(tmp_path.rglob("*.html")) == {"md-grid", "used", "hub-card", "deep"}


def test_cut_site_rewrites_materials_stylesheets_only(tmp_path: Path):
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.0123abcd.min.css").write_text(".used{a:1}.gone{b:2}", encoding="utf-8")
    (tmp_path / "assets" / "hub.css").write_text(".gone{b:2}", encoding="utf-8")
    (tmp_path / "index.html").write_text('<p class="used">', encoding="utf-8")
    report = cut_site(tmp_path)
    assert (sheets / "main.0123abcd.min.css").read_text(encoding="utf-8") == ".used{a:1}"
    assert (tmp_path / "assets" / "hub.css").read_text(
        encoding="utf-8"
    ) == ".gone{b:2}"  # the hub's own
    assert report.files == 1 and report.rules_removed == 1 and not list(sheets.glob("*.tmp"))


def test_the_hubs_stylesheet_is_sent_without_comments_and_spaces(tmp_path: Path):
    css = (
        '/* a comment\n   on two lines */\n.a :hover , .b > .c {\n  content: " ; " ;\n  margin:  0 auto;\n}\n'
        "@media print {\n  .d { width: calc(100% - 2px); }\n}\n"
    )
    assert (
        minify(css)
        == '.a :hover,.b > .c{content:" ; ";margin:0 auto;}@media print{.d{width:calc(100% - 2px);}}'
    )
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "hub.css").write_text(css, encoding="utf-8")
    cut_site(tmp_path)
    assert (tmp_path / "assets" / "hub.css").read_text(encoding="utf-8") == minify(css)
