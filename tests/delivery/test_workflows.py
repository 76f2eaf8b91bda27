"""The GitHub Actions workflows: audited by zizmor (offline) and validated against the workflow
schema (check-jsonschema's vendored copy), plus what the delivery issue asks of them: current
majors, read-only pull requests, publishing only from main after the tests, caches, ruff."""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from toolkit.base import codepaths

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SITE = ROOT / ".github" / "workflows" / "site.yml"
BIN = Path(sys.executable).parent

#: The first major of each action written for Node 24 (GitHub removed Node 20 from its runners
#: on 16 September 2026). An action not listed here is a finding too.
NODE24_MAJORS = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/cache": 5,
    "actions/cache/restore": 5,
    "actions/upload-artifact": 6,
    "actions/upload-pages-artifact": 5,
    "actions/configure-pages": 6,
    "actions/deploy-pages": 5,
}
SEVERITY = {"Unknown": 0, "Informational": 1, "Low": 2, "Medium": 3, "High": 4}


def _tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} is missing: it is in the test extras (make install)"
    return found


def _zizmor(*args: str) -> list[dict]:
    run = subprocess.run(
        [_tool("zizmor"), "--offline", "--format", "json", "--no-exit-codes", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def _summary(findings: list[dict]) -> list[str]:
    return [
        f"{f['ident']} ({f['determinations']['severity']}): "
        + f["locations"][0]["concrete"]["feature"].strip()
        for f in findings
        if not f.get("ignored")
    ]


def _steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, job, step


@pytest.fixture(scope="module")
def site() -> dict:
    # PyYAML reads the key `on` as True
    return {("on" if k is True else k): v for k, v in yaml.safe_load(SITE.read_text()).items()}


def test_zizmor_finds_nothing_above_low_in_any_persona():
    assert WORKFLOWS
    for persona in ("regular", "pedantic", "auditor"):
        findings = _zizmor("--persona", persona, ".github/workflows")
        above_low = [
            f
            for f in findings
            if not f.get("ignored") and SEVERITY[f["determinations"]["severity"]] > SEVERITY["Low"]
        ]
        assert not above_low, f"{persona}: " + "; ".join(_summary(above_low))
    assert _summary(_zizmor(".github/workflows")) == []


def test_zizmor_audit_would_catch_the_old_workflow(tmp_path):
    """Without the repository's policy, zizmor reports what the issue found: tag-pinned actions
    and credentials persisted by checkout. The audit can fail."""
    old = tmp_path / ".github" / "workflows" / "old.yml"
    old.parent.mkdir(parents=True)
    old.write_text(
        "on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - uses: someone/action@v1\n",
        encoding="utf-8",
    )
    idents = {
        f["ident"] for f in _zizmor("--config", str(ROOT / ".github" / "zizmor.yml"), str(old))
    }
    assert "artipacked" in idents  # persist-credentials not false
    assert "unpinned-uses" in idents  # the third-party action, not pinned by hash
    no_policy = _zizmor("--no-config", ".github/workflows")
    assert {f["ident"] for f in no_policy} == {"unpinned-uses"}  # what the policy allows


@pytest.mark.parametrize(
    "schema, pattern",
    [
        ("vendor.github-workflows", ".github/workflows/*.yml"),
        ("custom.github-workflows-require-timeout", ".github/workflows/*.yml"),
        ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/[!c]*.yml"),
        ("vendor.github-issue-config", ".github/ISSUE_TEMPLATE/config.yml"),
        ("vendor.citation-file-format", "CITATION.cff"),
    ],
)
def test_files_match_their_schema(schema, pattern):
    files = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(pattern))
    assert files, pattern
    run = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", schema, *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_schema_check_can_fail(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  t:\n    steps: []\n", encoding="utf-8")  # no runs-on
    run = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1


def test_every_action_is_a_node24_major_of_githubs_own(site):
    for path in WORKFLOWS:
        for uses in re.findall(r"uses:\s*(\S+)", path.read_text(encoding="utf-8")):
            name, _, ref = uses.partition("@")
            assert name in NODE24_MAJORS, f"{path.name}: {uses} (not one of GitHub's own actions)"
            major = int(re.fullmatch(r"v(\d+)", ref)[1])
            assert major >= NODE24_MAJORS[name], f"{path.name}: {uses} is written for Node 20"


def test_pull_requests_run_read_only_and_without_persisted_credentials(site):
    assert site["permissions"] == {}
    for name, _job, step in _steps(site):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, name
    for name, job in site["jobs"].items():
        writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        on_main_only = "refs/heads/main" in str(job.get("if", "")) or job.get("needs") == "pages"
        assert not writes or on_main_only, f"{name} can write on a pull request: {writes}"


def test_publishing_only_from_main_after_the_tests(site):
    jobs = site["jobs"]
    assert jobs["pages"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert set(jobs["pages"]["needs"]) >= {"test", "properdocs"}
    assert jobs["deploy"]["needs"] == "pages"
    assert jobs["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    uses = [s.get("uses", "") for _, _, s in _steps({"jobs": {"pages": jobs["pages"]}})]
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    build = next(s for s in jobs["pages"]["steps"] if s.get("run") == "make build")
    assert build["env"]["HUB_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert SITE.read_text().count("HUB_SITE_URL:") == 1  # never assembled by hand elsewhere


def test_caches_lint_preview_and_fallback_engine(site):
    test = site["jobs"]["test"]
    steps = test["steps"]
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert (
        python["with"]["cache"] == "pip"
        and "constraints.txt" in python["with"]["cache-dependency-path"]
    )
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache"
    assert (
        "hashFiles('constraints.txt')" in cache["with"]["key"] and "docs/**" in cache["with"]["key"]
    )
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "ruff check" in runs and "ruff format --check" in runs
    assert "make test" in runs and "make build" in runs
    uploads = {
        s["with"]["path"] for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert uploads == {"site", "screenshots/"}
    assert "make compare-engines" in json.dumps(site["jobs"]["properdocs"])


def test_pre_commit_runs_ruff_lint_and_format():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [h["entry"] for repo in config["repos"] for h in repo["hooks"]]
    assert any("ruff check" in e for e in entries)
    assert any("ruff format --check" in e for e in entries)


# --- code and content (issue 25): the list, CODEOWNERS, the mark on pull requests --------------


def _tracked() -> list[str]:
    run = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    return run.stdout.splitlines()


def _codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def _matches(pattern: str, path: str) -> bool:
    """GitHub's CODEOWNERS rules (gitignore's), for the forms the file uses."""
    anchored = pattern.startswith("/")
    pattern = pattern.lstrip("/")
    if pattern == "*":
        return True
    if pattern.endswith("/"):
        if anchored:
            return path.startswith(pattern)
        return ("/" + path).find("/" + pattern) >= 0
    if "/" not in pattern and not anchored:
        return any(fnmatch.fnmatchcase(part, pattern) for part in path.split("/"))
    return fnmatch.fnmatchcase(path, pattern) or path.startswith(pattern + "/")


def _owners(path: str, rules) -> list[str]:
    owners = []
    for pattern, who in rules:  # later lines win
        if _matches(pattern, path):
            owners = who
    return owners


def test_every_file_is_content_or_code_by_the_one_list():
    assert codepaths.kind("docs/methodologies/a/index.bm.md") == "content"
    assert codepaths.kind("docs/methodologies/a/photo.jpg") == "content"
    assert codepaths.kind("locales/bm/LC_MESSAGES/hub.po") == "content"
    assert codepaths.kind("methodology/glossary.yml") == "content"
    for code in (
        "mkdocs.yml",
        "overrides/partials/languages/bm.html",
        "docs/assets/hub.js",
        "methodology/schemas/tool.schema.json",
        "hooks/content.py",
        ".github/workflows/site.yml",
        "locales/bm/LC_MESSAGES/hub.mo",
        "a-new-kind-of-file.cfg",
    ):
        assert codepaths.kind(code) == "code", code
    tracked = _tracked()
    kinds = {path: codepaths.kind(path) for path in tracked}
    for pattern in codepaths.CODE:  # every code path named in the list is code
        named = [p for p in tracked if fnmatch.fnmatchcase(p, pattern)]
        assert named and all(kinds[p] == "code" for p in named), pattern
    assert sum(1 for k in kinds.values() if k == "content") > 150


def test_codeowners_gives_every_code_path_to_the_maintainers():
    rules = _codeowners()
    for path in _tracked() + ["mkdocs.yml", "overrides/partials/languages/snk.html"]:
        if codepaths.is_code(path):
            assert _owners(path, rules) == ["@kayes-hub/maintainers"], path
    # and the rule works: a Bambara page goes to its reviewers, its test fixture does not
    assert _owners("docs/outils/a/index.bm.md", rules) == ["@kayes-hub/reviewers-bm"]
    assert _owners("tests/fixtures/site/docs/index.bm.md", rules) == ["@kayes-hub/maintainers"]


def test_a_pull_request_that_changes_code_is_marked_needs_a_maintainer(site):
    job = site["jobs"]["code-changes"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"] == {"contents": "read"}
    script = "\n".join(step.get("run", "") for step in job["steps"])
    assert "python3 -m toolkit.base.codepaths" in script and "Needs a maintainer" in script
    # the module the step runs: standard library only (no install), code paths only, once each
    changed = "docs/outils/a/index.fr.md\nhooks/x.py\nmkdocs.yml\nhooks/x.py\nlocales/bm/x.po\n"
    run = subprocess.run(
        [sys.executable, "-S", "-m", "toolkit.base.codepaths"],
        cwd=ROOT,
        input=changed,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0 and run.stdout == "hooks/x.py\nmkdocs.yml\n", run.stderr


def test_the_preview_of_a_forks_pull_request_has_no_secret_and_a_read_only_token(site):
    on = site.get("on", site.get(True))
    assert "pull_request_target" not in on and "workflow_run" not in on
    main_only: set[str] = set()
    for name, job in site["jobs"].items():  # in order: a job needs only jobs above it
        needs = job.get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        if "refs/heads/main" in str(job.get("if", "")) or main_only & set(needs):
            main_only.add(name)  # never runs for a pull request
            continue
        text = yaml.safe_dump(job)
        assert "secrets." not in text and "environment" not in job, name
        assert all(v in ("read", "none") for v in job.get("permissions", {}).values()), name
