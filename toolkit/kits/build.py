"""Build every downloadable kit once, after the site: the SaheLink kits (one per language),
the Lenali voice-capsule kit and the Kiwix ZIM, plus the index the downloads pages show.

Called by the MkDocs hook at the end of ``mkdocs build`` (after all languages) and by
``hub kits``. Everything is written aside in ``<site>/.downloads.tmp`` and moved to
``<site>/downloads`` only when every kit is complete and within its size budget: a failed
build leaves no kit where the downloads page points.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.content.languages import DEFAULT_LANGUAGE, ISO639_3, LANGUAGES
from toolkit.content.problems import printable
from toolkit.content.result import Result
from toolkit.kits.errors import KitError, kit_problem
from toolkit.render.labels import label

KITS = ("sahelink", "lenali", "zim")
DOWNLOADS = "downloads"
INDEX = "kits.json"
#: Size budget of each kit, in bytes: what a partner can carry on a phone or a small USB stick.
BUDGETS = {"sahelink": 7_000_000, "lenali": 30_000_000, "zim": 10_000_000}
#: Budget of each language's SaheLink kit (zip), about a tenth above what the content of
#: 2026-11-30 measured: fr 5.47 MB, en 4.35, bm 2.50, snk 1.40. A kit carries its language's
#: share of the offline site (about 0.8 MB, no source maps nor unused lunr languages), its
#: language's documents in PDF, DOCX and EPUB, and its French fallbacks as EPUB only
#: (:data:`toolkit.kits.sahelink.FALLBACK_FORMATS`). Soninké, with no document of its own yet,
#: holds the issue's 1.5 MB. Bambara has 33 documents of its own (capsules and session scripts,
#: 1.1 MB in three formats), so the 1.5 MB set when it had 9 no longer holds for it.
SAHELINK_BUDGETS = {"fr": 6_000_000, "en": 4_800_000, "bm": 2_750_000, "snk": 1_500_000}
ZIM_NAME = "kayes-hub"


@dataclass
class KitsReport:
    kits: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    converted: int = 0
    cached: int = 0


def _git(root: Path, *args: str) -> str:
    try:
        run = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return run.stdout.strip() if run.returncode == 0 else ""


def tree_digest(paths: list[Path], skip: tuple[str, ...] = ()) -> str:
    """SHA-256 over the files under ``paths`` (names and bytes), skipping names in ``skip``."""
    digest = hashlib.sha256()
    for base in paths:
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            rel = path.relative_to(base.parent).as_posix()
            if any(part in skip for part in path.parts) or "__pycache__" in path.parts:
                continue
            digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _kits_cache(root: Path) -> Path:
    """``.cache/kits``, unless the repository tracks files under .cache/ (a commit could hold an
    offline site, a ZIM or a Lenali zip under the key the kits look up): then a fresh folder."""
    from toolkit.base.local_cache import tracked_files

    if tracked_files(root):
        return Path(tempfile.mkdtemp(prefix="hub-kits-cache-"))
    return root / ".cache" / "kits"


def cached_offline_site(root: Path, cache_dir: Path, progress: Callable[[str], None]) -> Path:
    """The offline site, rebuilt only when the content, the configuration or the code changed."""
    key = tree_digest(
        [
            root / name
            for name in ("docs", "methodology", "overrides", "hooks", "toolkit", "mkdocs.yml")
            if (root / name).exists()
        ],
        skip=("kits",),
    )  # toolkit/kits does not change the offline build
    folder = cache_dir / f"offline-{key[:16]}"
    if (folder / "index.html").is_file():
        progress("offline site unchanged (cache)")
        return folder
    for old in cache_dir.glob("offline-*"):
        shutil.rmtree(old, ignore_errors=True)
    progress("building the offline site (OFFLINE=true)")
    tmp = cache_dir / f".offline-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    build_offline_site(root, tmp)
    tmp.rename(folder)
    return folder


def build_offline_site(root: Path, dest: Path) -> Path:
    """The offline site (Material's offline plugin): a second build with OFFLINE=true."""
    env = {**os.environ, "OFFLINE": "true", "HUB_KITS": "0", "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(dest)],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
        check=False,
    )
    if run.returncode != 0:
        raise KitError.of(
            "site",
            "mkdocs.yml",
            "the offline site (OFFLINE=true mkdocs build) failed: "
            + printable(run.stderr.strip()[-800:]),
            "Run OFFLINE=true mkdocs build and correct what it reports",
        )
    return dest


def _size(path: Path) -> int:
    return (
        path.stat().st_size
        if path.is_file()
        else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    )


def _entry(
    kind: str, path: Path, languages: list[str], date: str, budget: int | None = None
) -> dict:
    from toolkit.kits.manifest import sha256_file

    size = _size(path)
    budget = budget or BUDGETS[kind]
    if size > budget:
        raise KitError.of(
            "budget",
            f"{DOWNLOADS}/{path.name}",
            f"{kind}: {path.name} weighs "
            f"{size / 1e6:.1f} MB, over its {budget / 1e6:.1f} MB budget",
            "Make the content lighter, or raise the budget in toolkit/kits/build.py BUDGETS",
        )
    return {
        "kit": kind,
        "file": path.name,
        "size": size,
        "sha256": sha256_file(path),
        "languages": languages,
        "date": date,
    }


def build_kits(
    root: Path,
    site_dir: Path,
    result: Result,
    *,
    site_url: str = "",
    kits: tuple[str, ...] = KITS,
    languages: tuple[str, ...] | None = None,
    progress: Callable[[str], None] = print,
) -> KitsReport:
    """Build ``kits`` into ``site_dir/downloads`` (see the module docstring)."""
    from toolkit.kits.manifest import build_epoch, commit_epoch, iso_date, write_manifest, write_zip

    started = time.monotonic()
    report = KitsReport()
    commit = _git(root, "rev-parse", "HEAD")
    commit_time = commit_epoch(root) if commit else None
    epoch = build_epoch(commit_time)
    date = iso_date(epoch)[:10]
    version = _git(root, "describe", "--tags", "--always") or "0"
    languages = list(languages or LANGUAGES)
    if not site_url:
        progress(
            "no site_url (mkdocs.yml, HUB_SITE_URL): the kits give no published addresses; "
            "links between documents stay inside each kit"
        )
    staging = site_dir / ".downloads.tmp"
    from toolkit.kits.downloads import hold_download_links, release_download_links

    hold_download_links(site_dir)  # until every kit is in place, no page links to one
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    cache_dir = _kits_cache(root)
    meta = {"version": version, "commit": commit, "commit_time": commit_time}
    try:
        if "zim" in kits:  # from the online site, before any download lands in it
            report.kits += _zim(
                site_dir,
                staging,
                date,
                progress,
                write_manifest,
                meta,
                cache_dir,
                site_url,
                languages,
            )
        if "lenali" in kits:
            report.kits.append(
                _lenali(
                    result,
                    staging,
                    site_url,
                    date,
                    progress,
                    write_manifest,
                    write_zip,
                    meta,
                    epoch,
                    cache_dir,
                )
            )
        if "sahelink" in kits:
            from toolkit.kits.sahelink import build_sahelink_kits

            offline = cached_offline_site(root, cache_dir, progress)
            for kit in build_sahelink_kits(
                result,
                offline,
                staging,
                site_url,
                languages=languages,
                cache_dir=cache_dir,
                version=version,
                commit=commit,
                commit_time=commit_time,
                progress=progress,
            ):
                report.converted += kit.converted
                report.cached += kit.cached
                # the folder stays whole (site/ included): the pages link into it, hub verify checks it
                report.kits.append(
                    _entry(
                        "sahelink",
                        kit.zip_path,
                        [ISO639_3[kit.lang]],
                        date,
                        budget=SAHELINK_BUDGETS.get(kit.lang),
                    )
                )
        index = {
            "date": date,
            "commit": commit,
            "version": version,
            "kits": sorted(report.kits, key=lambda k: (k["kit"], k["file"])),
        }
        (staging / INDEX).write_text(
            json.dumps(index, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        (staging / "SHA256SUMS").write_text(
            "".join(
                f"{k['sha256']}  {'kiwix/' if k['kit'] == 'zim' else ''}{k['file']}\n"  # its path:
                for k in index["kits"]
            ),
            encoding="utf-8",
        )  # `sha256sum -c SHA256SUMS` finds it
        from toolkit.kits.signing import (  # SHA256SUMS.minisig (HUB_SIGNING_KEY, CI)
            SigningError,
            sign_file,
        )

        try:
            sign_file(
                staging / "SHA256SUMS", trusted_comment=f"kayes-hub downloads commit:{commit}"
            )
        except SigningError as error:
            raise KitError(
                [
                    kit_problem(
                        "sign",
                        "HUB_SIGNING_KEY",
                        str(error).rstrip("."),
                        "Set it as toolkit/kits/signing.py says, or unset it for an unsigned build",
                    )
                ]
            ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    final = site_dir / DOWNLOADS
    old = site_dir / ".downloads.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    release_download_links(site_dir)
    report.seconds = time.monotonic() - started
    return report


#: Kiwix tags: its own (_ftindex, _pictures...) and the topics.
ZIM_TAGS = [
    "_category:other",
    "_ftindex:yes",
    "_pictures:yes",
    "_videos:no",
    "_details:yes",
    "civic participation",
    "local governance",
    "women",
    "youth",
    "Mali",
    "Kayes",
]


def zim_name(lang: str) -> str:
    return f"{ZIM_NAME}_{lang}"


def zim_languages(lang: str) -> list[str]:
    """The ZIM's Language metadata: its language, then French when it holds French fallbacks."""
    return [ISO639_3[code] for code in dict.fromkeys((lang, DEFAULT_LANGUAGE))]


def _zim(
    site_dir,
    staging,
    date,
    progress,
    write_manifest,
    meta,
    cache_dir,
    site_url="",
    languages=LANGUAGES,
) -> list[dict]:
    """One ZIM per language: its pages (French fallbacks included), indexed once each."""
    from toolkit.kits.images import logo_png_48
    from toolkit.kits.sitecopy import language_paths
    from toolkit.kits.zim import build_zim, site_files

    folder = staging / "kiwix"
    folder.mkdir()
    every = [
        path
        for path, _ in site_files(site_dir)
        if not path.startswith((".downloads.tmp/", DOWNLOADS + "/"))
    ]
    key = tree_digest(
        [site_dir], skip=(".downloads.tmp", DOWNLOADS, "sitemap.xml", "sitemap.xml.gz")
    )
    code = tree_digest([Path(__file__).parent])
    entries = []
    cache_dir.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for lang in languages:
        path = folder / f"{zim_name(lang)}.zim"
        digest = hashlib.sha256(f"{key}|{code}|{lang}|{site_url}|{date}".encode()).hexdigest()[:16]
        cached = cache_dir / f"zim-{lang}-{digest}.zim"
        wanted.add(cached.name)
        if cached.is_file():
            progress(f"Kiwix ZIM ({lang}) unchanged (cache)")
            shutil.copyfile(cached, path)
        else:
            progress(f"Kiwix ZIM ({lang})")
            main = "index.html" if lang == DEFAULT_LANGUAGE else f"{lang}/index.html"
            build_zim(
                site_dir,
                path,
                title=label("kits.zim.title", lang),
                description=label("kits.zim.description", lang),
                long_description=label("kits.zim.long_description", lang),
                languages=zim_languages(lang),
                date=date,
                illustration_png_48=logo_png_48(),
                name=zim_name(lang),
                creator="GRDR, Tuwindi et contributeurs",
                publisher="Kayes knowledge hub",
                tags=ZIM_TAGS,
                source=site_url or None,
                index_language=ISO639_3[lang],
                main_path=main,
                site_url=site_url,
                include=language_paths(every, lang),
            )
            shutil.copyfile(path, cached)
        entries.append(_entry("zim", path, zim_languages(lang), date))
    for old in cache_dir.glob("zim-*.zim"):
        if old.name not in wanted:
            old.unlink()
    write_manifest(folder, {**meta, "languages": [ISO639_3[c] for c in languages], "name": "kiwix"})
    return entries


def _lenali(
    result, staging, site_url, date, progress, write_manifest, write_zip, meta, epoch, cache_dir
) -> dict:
    from toolkit.kits.lenali import build_lenali_kit

    langs = ("bm", "snk", "fr")
    zip_path = staging / "lenali.zip"
    from toolkit.kits.signing import key_from_environment

    key = key_from_environment()  # a zip signed with one key (or none) is not reused with another
    signer = key.public().line() if key else "unsigned"
    inputs = hashlib.sha256(f"{site_url}|{date}|{meta.get('commit')}|{signer}".encode())
    for doc in sorted(result.corpus.documents, key=lambda d: d.rel):
        if doc.kind == "capsule" or doc.kind in ("methodology", "curriculum"):
            inputs.update(doc.rel.encode() + doc.digest.encode())
    key = inputs.hexdigest()[:16] + tree_digest([Path(__file__).parent])[:16]
    cached = cache_dir / f"lenali-{key}.zip"
    if cached.is_file():
        progress("Lenali voice capsules unchanged (cache)")
        shutil.copyfile(cached, zip_path)
        return _entry("lenali", zip_path, [ISO639_3[c] for c in langs], date)
    progress("Lenali voice capsules")
    with tempfile.TemporaryDirectory(prefix="hub-lenali-") as tmp:
        folder = Path(tmp) / "lenali"
        build_lenali_kit(
            result,
            folder,
            langs=langs,
            site_url=site_url,
            manifest_meta={**meta, "languages": [ISO639_3[c] for c in langs]},
        )
        write_zip(folder, zip_path, prefix="lenali/", epoch=epoch)
    for old in cache_dir.glob("lenali-*.zip"):
        old.unlink()
    cache_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(zip_path, cached)
    return _entry("lenali", zip_path, [ISO639_3[c] for c in langs], date)
