"""What a hostile contributor may put in docs/: each attack of issue 13 has a fixture and the exact
message it gets, and none reaches the site, the cache or a traceback."""

from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit.checks.validate import validate_tree
from toolkit.cli import main

M = "docs/methodologies/debat-budget/index.fr.md"
LINK_FIX = (
    "Fix: Replace the link with the file itself: nothing is read or published through a link."
)
STRAY_FIX = (
    "Fix: Remove it: docs/ holds only index.<lang>.md and capsule.<lang>.md pages, images (.gif, .jpeg, "
    ".jpg, .png, .svg, .webp) and recordings (.mp3, .ogg, .opus, .m4a)."
)


def _messages(root: Path, **kwargs) -> list[str]:
    return [str(p) for p in validate_tree(root, **kwargs).problems]


def _front(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


# -- files --------------------------------------------------------------------------------------


def test_symlinks_are_refused_and_never_read(site_tree):
    folder = site_tree / "docs/methodologies/debat-budget"
    (folder / "index.bm.md").symlink_to("/etc/passwd")
    (folder / "notes").symlink_to("/etc")
    (folder / "config.png").symlink_to("../../../.git/config")
    assert _messages(site_tree) == [
        f"docs/methodologies/debat-budget/config.png:1: [files] This file is a symbolic link. {LINK_FIX}",
        f"docs/methodologies/debat-budget/index.bm.md:1: [files] This file is a symbolic link. {LINK_FIX}",
        "docs/methodologies/debat-budget/notes:1: [files] This folder is a symbolic link. "
        "Fix: Replace the link with a real folder: nothing is read or published through a link.",
    ]
    result = validate_tree(site_tree)
    assert "docs/methodologies/debat-budget/index.bm.md" not in {
        d.rel for d in result.corpus.documents
    }


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("notes.markdown", "'notes.markdown' is not a page name the hub reads."),
        ("INDEX.MD", "'INDEX.MD' is not a page name the hub reads."),
        ("page.html", "'page.html' is not a page name the hub reads."),
        ("data.txt", "'data.txt' is not a file type the hub publishes."),
        ("photo.JPG", "'photo.JPG' is not a file type the hub publishes."),
        ("Photo Awa.jpg", "The file name 'Photo Awa.jpg' is not a slug."),
        ("autre.fr.md", "'autre.fr.md' is not a page name the hub reads."),
    ],
)
def test_stray_files_are_refused(site_tree, name, message):
    (site_tree / "docs/outils/fiche-debat" / name).write_bytes(b"<script>alert(1)</script>\n")
    found = [m for m in _messages(site_tree) if "[files]" in m]
    assert len(found) == 1 and found[0].startswith(
        f"docs/outils/fiche-debat/{name}:1: [files] {message} Fix: "
    )


def test_a_folder_that_is_not_a_slug(site_tree):
    (site_tree / "docs/outils/Mon Dossier").mkdir()
    assert _messages(site_tree) == [
        "docs/outils/Mon Dossier:1: [files] The folder name 'Mon Dossier' is not a slug. "
        "Fix: Rename it with lower-case letters, digits and hyphens only, like 'cycle-ccap'."
    ]


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<a xlink:href="javascript:alert(1)"><rect/></a></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><style>@\\69mport "https://x.example/a.css";</style></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:u\\72l(https://x.example/t)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe/></foreignObject></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css)</style></svg>',
    ],
)
def test_an_svg_that_carries_script_or_external_references(site_tree, svg):
    (site_tree / "docs/outils/fiche-debat/schema.svg").write_text(svg)
    found = _messages(site_tree)
    assert len(found) == 1 and found[0].startswith(
        "docs/outils/fiche-debat/schema.svg:1: [files] The SVG carries active or external content ('"
    ), found


def test_a_plain_svg_passes(site_tree):
    (site_tree / "docs/outils/fiche-debat/schema.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs>'
        '<rect fill="url(#g)" width="10" height="10"/><use href="#g"/></svg>'
    )
    assert _messages(site_tree) == []


def test_the_real_docs_hold_only_publishable_files():
    from toolkit.checks.files import file_problems

    assert file_problems(ROOT, ROOT / "docs") == []


# -- hub check on paths ---------------------------------------------------------------------------


def test_hub_check_on_a_missing_file_or_a_path_outside_docs(site_tree, monkeypatch, capsys):
    monkeypatch.chdir(site_tree)
    assert main(["check", "docs/nope.md"]) == 2
    assert capsys.readouterr().err == "hub check: docs/nope.md: no such file.\n"
    assert main(["check", "/etc/passwd"]) == 2
    assert capsys.readouterr().err == (
        f"hub check: /etc/passwd: not under docs/ (only the content in "
        f"{site_tree.resolve() / 'docs'} is checked).\n"
    )
    assert main(["check", M]) == 0
    assert capsys.readouterr().out == "All 1 files passed.\n"


# -- caches -----------------------------------------------------------------------------------------


class _Payload:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_committed_pickle_cache_is_never_unpickled(site_tree):
    (site_tree / ".cache").mkdir()
    (site_tree / ".cache/hub-check.pickle").write_bytes(pickle.dumps(_Payload()))
    (site_tree / ".cache/hub-check.json").write_bytes(pickle.dumps(_Payload()))
    assert _messages(site_tree, use_cache=True) == []
    assert not (site_tree / "pwned").exists() and not Path("pwned").exists()


def test_a_forged_json_cache_cannot_say_a_bad_file_passed(site_tree):
    _front(site_tree, M, "themes: [", "themes: [budgett, ")
    expected = _messages(site_tree, use_cache=True)
    assert len(expected) == 1
    cache = site_tree / ".cache/hub-check.json"
    mac, _, payload = cache.read_bytes().partition(b"\n")
    forged = payload.replace(b'"vocabulary"', b'"vocabularx"')
    cache.write_bytes(mac + b"\n" + forged)  # the old MAC does not cover the change
    assert _messages(site_tree, use_cache=True) == expected
    cache.write_bytes(b"0" * 64 + b"\n{not json")
    assert _messages(site_tree, use_cache=True) == expected


def test_files_committed_under_cache_are_an_error(site_tree):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    (site_tree / ".cache/images").mkdir(parents=True)
    (site_tree / ".cache/images/abc.jpg").write_bytes(b"fake")
    for command in (["init", "-q"], ["add", "-f", ".cache"]):
        subprocess.run(["git", "-C", str(site_tree), *command], check=True, env=env)
    assert _messages(site_tree) == [
        ".cache:1: [files] The repository holds 1 file(s) under .cache/ (.cache/images/abc.jpg): caches are made "
        "on each machine, never taken from a commit. Fix: Remove them from the repository: git rm -r --cached .cache"
    ]


def test_a_cache_folder_that_cannot_be_written_only_costs_time(site_tree):
    from PIL import Image

    (site_tree / ".cache").write_text("a file where the folder should be")
    Image.new("RGB", (8, 8), "white").save(site_tree / "docs/methodologies/debat-budget/photo.jpg")
    _front(site_tree, M, "Le débat porte", "![Une salle](photo.jpg)\n\nLe débat porte")
    assert _messages(site_tree, use_cache=True) == []


# -- limits -------------------------------------------------------------------------------------------


def _bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines)


def test_a_yaml_alias_bomb_is_refused_before_it_is_built(site_tree):
    _front(site_tree, M, "title:", _bomb(9) + "\ntitle:")
    started, memory = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found = _messages(site_tree)
    assert time.perf_counter() - started < 20
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory < 200_000  # KB
    assert found == [
        f"{M}:2: [yaml] The front matter uses a YAML anchor or alias ('&name' or '*name'). Fix: Write each value out "
        "in full: the hub's pages never need anchors or aliases (if the text itself starts with '&' or '*', put it "
        "in quotes)."
    ]


def test_front_matter_over_64_kb(site_tree):
    _front(site_tree, M, "title:", "notes: " + "x" * 5_000_000 + "\ntitle:")
    assert _messages(site_tree) == [
        f"{M}:1: [page-size] The file is 5.0 MB, over the limit of 1 MB for a page. Fix: Split it into several "
        "pages; put large tables or data in a downloadable file elsewhere."
    ]
    _front(site_tree, M, "x" * 5_000_000, "x" * 70_000)
    assert _messages(site_tree) == [
        f"{M}:1: [front-matter] The front matter is 69 KB, over the limit of 64 KB. Fix: Keep the fields of the "
        "template in the front matter and put long text in the body."
    ]


def test_a_page_over_1_mb(site_tree):
    path = site_tree / M
    path.write_text(path.read_text() + ("Un paragraphe de texte. " * 40 + "\n\n") * 60_000)
    started = time.perf_counter()
    found = _messages(site_tree)
    assert time.perf_counter() - started < 30
    assert (
        len(found) == 1
        and found[0].startswith(f"{M}:1: [page-size] The file is 57.7 MB")
        and found[0].endswith(
            " MB, over the limit of 1 MB for a page. Fix: Split it into several pages; put large "
            "tables or data in a downloadable file elsewhere."
        )
    )


def test_duplicate_keys_nesting_and_huge_numbers(site_tree):
    _front(site_tree, M, "version: 1\n", "version: 1\nversion: 2\n")
    assert [m.split(" Fix:")[0] for m in _messages(site_tree)] == [
        f"{M}:12: [yaml] The field 'version' is given twice (first on line 11)."
    ]
    _front(site_tree, M, "version: 2\n", "")
    _front(site_tree, M, "version: 1\n", "version: " + "9" * 5000 + "\n")
    assert [m.split(" Fix:")[0] for m in _messages(site_tree)] == [
        f"{M}:11: [yaml] The number has 5000 digits, more than any field takes."
    ]
    _front(site_tree, M, "9" * 5000, "1\nextra: " + "[" * 30 + "]" * 30)
    assert [m.split(" Fix:")[0] for m in _messages(site_tree)] == [
        f"{M}:12: [yaml] The front matter nests lists and fields more than 16 levels deep."
    ]


@pytest.mark.parametrize(
    ("char", "shown"), [("\0", "\\x00"), ("\x1b", "\\x1b"), ("\r", "\\r"), ("\x85", "\\x85")]
)
def test_nul_and_control_characters(site_tree, char, shown):
    _front(site_tree, M, "Le débat porte", f"Le débat{char} porte")
    found = _messages(site_tree)
    assert len(found) == 1 and found[0] == (
        f"{M}:{found[0].split(':')[1]}: [encoding] The file holds an invisible control character ({shown}). "
        "Fix: Delete it (copying text from a PDF or a word processor often brings them in)."
    )


# -- the build ------------------------------------------------------------------------------------------


@pytest.mark.build
def test_a_plain_build_publishes_no_link_no_stray_file_and_no_refused_page(site_tree):
    folder = site_tree / "docs/outils/fiche-debat"
    (folder / "passwd.png").symlink_to("/etc/passwd")
    (folder / "page.html").write_text("<script>alert(1)</script>")
    (folder / "index.en.md").write_text("---\n" + _bomb(9) + "\n---\nbomb\n")
    env = {
        **os.environ,
        "CI": "",
        "GITHUB_ACTIONS": "",
        "HUB_KITS": "0",
        "NO_MKDOCS_2_WARNING": "1",
    }
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_tree / "site")],
        cwd=site_tree,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    published = {
        p.relative_to(site_tree / "site").as_posix() for p in (site_tree / "site").rglob("*")
    }
    assert (
        "outils/fiche-debat/passwd.png" not in published
        and "outils/fiche-debat/page.html" not in published
    )
    assert "root:" not in (site_tree / "site/outils/fiche-debat/index.html").read_text()
    english = site_tree / "site/en/outils/fiche-debat/index.html"  # the refused page is left out
    assert not english.exists() or "lol" not in english.read_text()
    assert "outils/fiche-debat/index.en.md" in run.stderr  # reported as a warning all the same
