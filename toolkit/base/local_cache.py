"""What makes a cache under ``.cache/`` this machine's own, and not something a commit brought.

Ignored files can be force-added to a commit, so a pull request can ship a ``.cache/`` folder:
a check cache that says its file passed, an image under the name the pipeline would give the
resized copy, an offline site or a ZIM under the key the kits would look up. Two defences:

- :func:`machine_key`: a random key kept outside any checkout (``~/.cache/kayes-hub/``), mixed
  into cache names and MACs, so nobody else can produce an entry this machine will accept;
- :func:`tracked_files`: the files under ``.cache/`` that git tracks (reported as an error by
  ``hub check``; the kits then build without their cache).
"""

from __future__ import annotations

import os
import secrets
import subprocess
from pathlib import Path

from toolkit.base.environment import environment

KEY_BYTES = 32


def machine_key() -> bytes | None:
    """This machine's key, created on first use; None when it cannot be read or written (then
    the callers cache nothing, which only costs time)."""
    path = Path(environment().cache_home or Path.home() / ".cache") / "kayes-hub" / "cache.key"
    try:
        data = path.read_bytes() if not path.is_symlink() else b""
    except FileNotFoundError:
        data = b""
    except OSError:
        return None
    if len(data) == KEY_BYTES:
        return data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".cache.key.{os.getpid()}")
        fd = os.open(
            tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
        os.replace(tmp, path)
        data = path.read_bytes()
    except OSError:
        return None
    return data if len(data) == KEY_BYTES else None


def tracked_files(root: Path, folder: str = ".cache") -> list[str]:
    """The files under ``root/folder`` that the git repository at ``root`` tracks (empty without
    git or outside a repository)."""
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", folder],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if run.returncode != 0:
        return []
    return sorted(name.decode("utf-8", "replace") for name in run.stdout.split(b"\0") if name)
