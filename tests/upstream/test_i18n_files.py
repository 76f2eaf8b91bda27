"""toolkit.upstream.i18n_files.create_i18n_file gives what mkdocs-static-i18n's own function gives."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.files import File
from mkdocs_static_i18n import suffix

from toolkit.upstream import i18n_files

LANGUAGES = ["fr", "en", "bm", "snk"]
ATTRIBUTES = (
    "src_uri",
    "dest_uri",
    "url",
    "abs_src_path",
    "abs_dest_path",
    "name",
    "inclusion",
    "locale",
    "localization",
    "locale_alternate_of",
    "norm_src_uri",
)

folders = st.lists(
    st.sampled_from(
        ["methodologies", "a", "index", "README", "index.fr", "x.en", "b.c", "..x", "assets", "é"]
    ),
    max_size=3,
)
stems = st.sampled_from(
    ["index", "README", "page", "figure", ".hidden", "a.b", "x-y", "capsule", "", "index.fr"]
)
locales = st.sampled_from(
    ["", ".fr", ".en", ".bm", ".snk", ".de", ".xyz", ".FR", ".en-US", ".", ".pt_BR"]
)
extensions = st.sampled_from([".md", ".png", ".pdf", "", ".html", ".tar.gz"])


def _compare(path: str, current: str, directory_urls: bool) -> None:
    config = SimpleNamespace(docs_dir="/docs", site_dir="/site", use_directory_urls=directory_urls)
    original = File(path, "/docs", "/site", directory_urls)
    if original.dest_uri in ("", "."):
        return
    try:
        expected = suffix.create_i18n_file(original, current, "fr", LANGUAGES, config)
    except ValueError:  # upstream fails on a few degenerate names; so must we
        with pytest.raises(ValueError):
            i18n_files.create_i18n_file(original, current, "fr", LANGUAGES, config)
        return
    actual = i18n_files.create_i18n_file(original, current, "fr", LANGUAGES, config)
    for attribute in ATTRIBUTES:
        assert getattr(actual, attribute) == getattr(expected, attribute), (
            path,
            current,
            attribute,
        )
    assert list(actual.alternates) == list(expected.alternates) == [current]
    assert actual.alternates[current] is actual


@settings(max_examples=examples(1500), deadline=None)
@given(folders, stems, locales, extensions, st.sampled_from(LANGUAGES), st.booleans())
def test_same_file_as_upstream(folder, stem, locale, extension, current, directory_urls):
    _compare("/".join([*folder, stem + locale + extension]), current, directory_urls)


def test_same_files_as_upstream_for_the_real_site():
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs"
    paths = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]
    assert len(paths) > 100
    for path in paths:
        for current in LANGUAGES:
            _compare(path, current, True)


def test_faster_is_in_place_only_while_it_lasts():
    upstream = suffix.create_i18n_file, suffix.I18nFiles
    with i18n_files.faster():
        assert suffix.create_i18n_file is i18n_files.create_i18n_file
        assert suffix.I18nFiles is i18n_files.I18nFiles
    assert (suffix.create_i18n_file, suffix.I18nFiles) == upstream


KNOWN = [
    "index.md",
    "index.fr.md",
    "index.en.md",
    "a/index.fr.md",
    "a/page.md",
    "a/page.bm.md",
    "a/b/fig.png",
    "a/b/fig.fr.png",
    "x.en.md",
    "README.md",
    "a/README.fr.md",
    "a/b/c.tar.gz",
    "a/b/c.fr.tar.gz",
]
link_paths = st.lists(
    st.sampled_from(
        [
            "",
            ".",
            "..",
            "a",
            "b",
            "/",
            "index.md",
            "page.md",
            "fig.png",
            "README.md",
            "c.tar.gz",
            "x.md",
            "page",
            "index",
            "fig",
            "x",
            "a.b.c",
            "./",
            "//",
        ]
    ),
    max_size=4,
).map("".join) | st.lists(
    st.sampled_from(["a", "b", ".", "..", "", "index.md", "page.md", "fig.png", "page", "x.en.md"]),
    max_size=4,
).map("/".join)


@settings(max_examples=examples(3000), deadline=None)
@given(link_paths, st.sampled_from(LANGUAGES))
def test_link_targets_are_found_as_upstream_finds_them(path, current):
    plugin = SimpleNamespace(current_language=current, default_language="fr")
    files = [File(uri, "/docs", "/site", True) for uri in KNOWN]
    upstream, ours = suffix.I18nFiles(plugin, files), i18n_files.I18nFiles(plugin, files)
    try:
        expected = upstream.get_file_from_path(path)
    except ValueError:
        with pytest.raises(ValueError):
            ours.get_file_from_path(path)
        return
    assert ours.get_file_from_path(path) is expected, path
