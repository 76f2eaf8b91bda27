"""Each file is checked once for a build and its kits: the build keeps what each file says in the
check cache, and the offline site's build (a second MkDocs build, toolkit/kits/sites.py) reads it
there instead of checking the files again (toolkit/website/bridge.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from toolkit.checks import validate
from toolkit.website.bridge import HubBuild


@pytest.mark.slow  # the fixture tree validated twice (8 s on a loaded machine)
def test_a_second_build_checks_no_file_again(site_tree, monkeypatch):
    checked: list[str] = []
    check_files = validate._check_files

    def counted(root, docs_dir, documents, vocabularies):
        checked.extend(doc.rel for doc in documents)
        return check_files(root, docs_dir, documents, vocabularies)

    monkeypatch.setattr(validate, "_check_files", counted)
    config = SimpleNamespace(
        config_file_path=str(site_tree / "mkdocs.yml"),
        docs_dir=str(site_tree / "docs"),
        markdown_extensions=[],
    )
    first = HubBuild.start(config)  # the build (or hub kits): every file checked
    assert len(checked) > 10 and first.result.problems == []
    checked.clear()
    second = HubBuild.start(config)  # the offline site's build, for the SaheLink kits
    assert checked == []
    assert second.result.problems == first.result.problems
    assert [d.rel for d in second.result.corpus.documents] == [
        d.rel for d in first.result.corpus.documents
    ]
