"""Manifests, checksums and reproducible zips for the kits.

A kit folder holds its files plus two written here (three when signed):

- ``manifest.json``: the kit's name, languages, version, commit, build date and serial (the
  build date in seconds: it rises with every build, so ``hub verify`` can refuse an older kit),
  licence, and every other file with its size and SHA-256, sorted by path;
- ``manifest.json.minisig``: the hub's signature of it, whose trusted comment repeats the name,
  languages, commit, date and serial;
- ``SHA256SUMS``: ``sha256sum`` format (``<hex>  <path>``), sorted, covering every file
  including manifest.json, so ``sha256sum -c SHA256SUMS`` checks a copy on a USB stick.

:func:`write_zip` packs a folder with sorted entries, fixed timestamps and permissions and
relative names: same folder, same bytes. :mod:`toolkit.kits.verification` checks a kit against
them (``hub verify``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import subprocess
import zipfile
from collections.abc import Iterable
from pathlib import Path

from toolkit.base.environment import environment
from toolkit.base.files import atomic_path
from toolkit.content.licence import LICENCE
from toolkit.kits import signing
from toolkit.kits.errors import KitError

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
#: The hub's signature of manifest.json (toolkit.kits.signing), when built with HUB_SIGNING_KEY.
MANIFEST_SIGNATURE = "manifest.json.minisig"
GENERATED = frozenset({MANIFEST, SUMS, MANIFEST_SIGNATURE})
ZIP_EPOCH_MIN = 315532800  # 1980-01-01T00:00:00Z, the earliest date a zip can hold


def _manifest_error(path: object, what: str, fix: str) -> KitError:
    """A kit cannot be written: a symbolic link, a file outside the folder, a bad date."""
    return KitError.of("manifest", path, what, fix)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _walk(folder: Path) -> list[tuple[str, Path]]:
    """(relative posix name, path) of every regular file under ``folder``, sorted by name.

    Raises KitError (``kit-manifest``) on a symbolic link: a kit must not point outside itself.
    """
    found = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        base = Path(current)
        for name in dirs + files:
            path = base / name
            if path.is_symlink():
                raise _manifest_error(
                    path,
                    "a symbolic link cannot go in a kit (it would point outside it)",
                    "Copy the file it points to instead of linking it",
                )
        for name in files:
            path = base / name
            found.append((path.relative_to(folder).as_posix(), path))
    return sorted(found)


def source_date_epoch() -> int | None:
    value = environment().source_date_epoch
    if not value:
        return None
    try:
        return int(value)
    except ValueError as error:
        raise _manifest_error(
            "SOURCE_DATE_EPOCH",
            f"{value!r} is not a number of seconds",
            "Set SOURCE_DATE_EPOCH to seconds since 1970 (git log -1 --format=%ct), or unset it",
        ) from error


def commit_epoch(root: Path, commit: str = "HEAD") -> int | None:
    """The committer date of ``commit`` in the git repository at ``root`` (None without git)."""
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "show", "-s", "--format=%ct", commit],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return int(run.stdout.strip()) if run.returncode == 0 and run.stdout.strip().isdigit() else None


def build_epoch(commit_time: int | None = None) -> int:
    """SOURCE_DATE_EPOCH when set, else the commit date given, else 1980-01-01."""
    epoch = source_date_epoch()
    if epoch is None:
        epoch = commit_time if commit_time is not None else ZIP_EPOCH_MIN
    return epoch


def iso_date(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def file_entries(folder: Path) -> list[dict]:
    """path, size and sha256 of every file of the kit except manifest.json and SHA256SUMS."""
    return [
        {"path": name, "size": path.stat().st_size, "sha256": sha256_file(path)}
        for name, path in _walk(folder)
        if name not in GENERATED
    ]


def write_manifest(folder: Path, meta: dict, signer: signing.SecretKey | None = None) -> dict:
    """Write ``manifest.json`` (signed by ``signer`` when given: ``manifest.json.minisig``) and
    ``SHA256SUMS`` in ``folder``; return the manifest.

    ``meta`` gives ``version``, ``commit``, ``languages`` and optionally ``licence``,
    ``build_date`` (ISO 8601), ``commit_time`` (seconds since 1970, used when
    SOURCE_DATE_EPOCH is not set; the ``serial``), ``name``, ``title``: any other key is kept.
    """
    folder = Path(folder)
    meta = dict(meta)
    commit_time = meta.pop("commit_time", None)
    epoch = build_epoch(commit_time)
    build_date = meta.pop("build_date", None) or iso_date(epoch)
    manifest = {
        **meta,
        "version": str(meta.get("version", "")),
        "commit": str(meta.get("commit", "")),
        "build_date": build_date,
        "serial": meta.get("serial", epoch),
        "languages": list(meta.get("languages", [])),
        "licence": meta.get("licence", LICENCE),
        "files": file_entries(folder),
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8", newline="\n")
    _sign_manifest(folder, manifest, signer)
    sums = [(name, sha256_file(path)) for name, path in _walk(folder) if name != SUMS]
    (folder / SUMS).write_text(
        "".join(f"{digest}  {name}\n" for name, digest in sorted(sums)),
        encoding="utf-8",
        newline="\n",
    )
    return manifest


def _sign_manifest(folder: Path, manifest: dict, key: signing.SecretKey | None) -> None:
    """``manifest.json.minisig`` with ``key`` (the CI's); none, and none left over, without."""
    target = folder / MANIFEST_SIGNATURE
    if key is None:
        target.unlink(missing_ok=True)
        return
    comment = (
        f"kayes-hub {manifest.get('name', folder.name)} "
        f"languages:{','.join(map(str, manifest['languages']))} commit:{manifest['commit']} "
        f"date:{manifest['build_date']} serial:{manifest['serial']}"
    )  # what the manifest binds, readable with `minisign -V`
    signing.sign_file(folder / MANIFEST, key, trusted_comment=comment.replace("\n", " "))


def _zip_time(epoch: int | None) -> tuple[int, int, int, int, int, int]:
    epoch = max(ZIP_EPOCH_MIN, epoch if epoch is not None else ZIP_EPOCH_MIN)
    moment = dt.datetime.fromtimestamp(epoch, dt.UTC)
    return (
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second - moment.second % 2,
    )


def write_zip(
    folder: Path, zip_path: Path, prefix: str = "", epoch: int | None = None
) -> list[str]:
    """Pack ``folder`` into ``zip_path`` reproducibly; return the entry names.

    Entries are the folder's files only (no directory entries, no symbolic links), sorted, each
    named ``prefix`` + its path relative to the folder, dated ``epoch`` (default
    SOURCE_DATE_EPOCH, else 1980-01-01), mode 0644, deflated at level 9.
    """
    folder = Path(folder)
    prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
    if epoch is None:
        epoch = source_date_epoch()
    stamp = _zip_time(epoch)
    names = []
    zip_path = Path(zip_path)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    inside = zip_path.resolve().is_relative_to(folder.resolve())
    with atomic_path(zip_path) as tmp, zipfile.ZipFile(tmp, "w") as archive:
        for name, path in _walk(folder):
            if inside and path.resolve() in (zip_path.resolve(), tmp.resolve()):
                continue
            info = zipfile.ZipInfo(prefix + name, date_time=stamp)
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with path.open("rb") as source, archive.open(info, "w", force_zip64=False) as target:
                for block in iter(lambda: source.read(1 << 20), b""):
                    target.write(block)
            names.append(info.filename)
    return names


__all__: Iterable[str] = [
    "write_manifest",
    "write_zip",
    "file_entries",
    "commit_epoch",
    "build_epoch",
]
