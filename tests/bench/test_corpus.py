"""The benchmark corpus generator writes a valid, reproducible hub that builds in four languages."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from bench.corpus import generate, main
from toolkit.checks.validate import validate_tree
from toolkit.content.corpus import describe
from toolkit.content.languages import LANGUAGES
from toolkit.content.sections import SECTIONS

N = 3
ROOT = Path(__file__).resolve().parents[2]
KINDS = ("methodology", "curriculum", "case-study", "tool")


def _plain_pages() -> int:
    """Pages of the real docs/ that are not content items (home, catalogues, guides...)."""
    docs = ROOT / "docs"
    keys = set()
    for path in docs.rglob("*.md"):
        rel = path.relative_to(docs)
        if not (len(rel.parts) >= 3 and rel.parts[0] in SECTIONS):
            keys.add(describe(rel.as_posix())[1])
    return len(keys)


def _files(root: Path) -> list[Path]:
    """The generated files (not .cache/, which validating the corpus writes: resized images)."""
    return [
        p
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != ".cache"
    ]


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in _files(root)}


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench") / "hub"
    return out, generate(out, N, seed=0)


def test_generated_tree_is_valid(bench):
    out, _counts = bench
    result = validate_tree(out)
    assert result.problems == []
    kinds = [doc.kind for doc in result.corpus.documents]
    for kind in KINDS:
        assert kinds.count(kind) == N * len(LANGUAGES)
    assert kinds.count("capsule") == N


def test_counts(bench):
    out, counts = bench
    assert counts["documents"] == {kind: N for kind in KINDS}
    assert counts["items"] == 4 * N and counts["capsules"] == N
    assert counts["item_files"] == 4 * N * len(LANGUAGES)
    assert counts["markdown_files"] == len(list((out / "docs").rglob("*.md")))
    assert counts["files"] == len(_files(out))
    assert counts["images"] == len(list((out / "docs").rglob("*.png"))) == -(-4 * N // 10)
    expected_pages = 5 * N + _plain_pages()
    assert counts["pages_per_language"] == {lang: expected_pages for lang in LANGUAGES}


def test_content_is_realistic_and_cross_linked(bench):
    out, _counts = bench
    corpus = validate_tree(out).corpus
    sources = [d for d in corpus.documents if d.lang == "fr" and d.kind in KINDS]
    for doc in sources:
        assert doc.meta.authors == ["Benchmark generator"]
        words = len(doc.body.split())
        if doc.kind == "methodology":
            assert len(doc.meta.steps) == 5 and doc.meta.tools and 350 <= words <= 550
            assert "#steps)" in doc.body and "#session-1)" in doc.body
        elif doc.kind == "curriculum":
            assert len(doc.meta.sessions) == 4 and doc.meta.tools and doc.meta.methodologies
        elif doc.kind == "case-study":
            assert doc.meta.methodologies and 250 <= words <= 400 and "#step-2)" in doc.body
        else:
            assert "|---|" in doc.body
    for doc in corpus.documents:
        if doc.lang in ("bm", "snk") and doc.kind in KINDS:
            assert doc.meta.native_review == "pending"
            assert doc.meta.source_version == 1 and doc.meta.translators
    assert corpus.backlinks  # cross-links reach their targets


def test_images_are_valid_png_with_alt_text(bench):
    out, _counts = bench
    images = sorted((out / "docs").rglob("*.png"))
    assert images
    for image in images:
        data = image.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        position, kinds, idat = 8, [], b""
        while position < len(data):
            (length,) = struct.unpack(">I", data[position : position + 4])
            kind = data[position + 4 : position + 8]
            body = data[position + 8 : position + 8 + length]
            (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
            assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
            kinds.append(kind)
            idat += body if kind == b"IDAT" else b""
            position += 12 + length
        assert kinds == [b"IHDR", b"IDAT", b"IEND"]
        width, height = struct.unpack(">II", data[16:24])
        assert len(zlib.decompress(idat)) == height * (1 + 3 * width)
        for page in image.parent.glob("index.*.md"):
            assert f"]({image.name})" in page.read_text(encoding="utf-8")
            assert f"![]({image.name})" not in page.read_text(encoding="utf-8")


def test_same_seed_gives_identical_trees(tmp_path, bench):
    out, _counts = bench
    generate(tmp_path / "again", N, seed=0)
    assert _tree(tmp_path / "again") == _tree(out)
    generate(tmp_path / "other", N, seed=1)
    assert _tree(tmp_path / "other") != _tree(out)


def test_refuses_a_folder_that_is_not_empty(bench):
    out, _counts = bench
    with pytest.raises(FileExistsError):
        generate(out, N)


def test_command_line(tmp_path, capsys):
    assert main(["--docs", "1", "--out", str(tmp_path / "cli"), "--seed", "2"]) == 0
    assert '"methodology": 1' in capsys.readouterr().out
    assert validate_tree(tmp_path / "cli").problems == []


@pytest.mark.build
def test_generated_tree_builds_in_every_language(tmp_path):
    out = tmp_path / "hub"
    counts = generate(out, N, seed=0)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "", "GITHUB_ACTIONS": ""}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=out,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    site = out / "site"
    others = [lang for lang in LANGUAGES if lang != "fr"]
    for lang in LANGUAGES:
        prefix = site if lang == "fr" else site / lang
        pages = [
            p
            for p in prefix.rglob("index.html")
            if lang != "fr" or p.relative_to(site).parts[0] not in others
        ]
        assert len(pages) == counts["pages_per_language"][lang], lang
        for kind, section in (
            ("methodology", "methodologies"),
            ("curriculum", "formations"),
            ("case-study", "etudes-de-cas"),
            ("tool", "outils"),
        ):
            for number in range(1, N + 1):
                stem = {
                    "methodology": "bench-methode",
                    "curriculum": "bench-formation",
                    "case-study": "bench-cas",
                    "tool": "bench-outil",
                }[kind]
                assert (prefix / section / f"{stem}-{number:04d}" / "index.html").is_file()
        assert f'<html lang="{lang}"' in (prefix / "index.html").read_text(encoding="utf-8")
    english = (site / "en/methodologies/bench-methode-0001/index.html").read_text(encoding="utf-8")
    assert "Generated test text." in english and 'id="steps"' in english
