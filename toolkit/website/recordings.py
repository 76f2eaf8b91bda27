"""Capsule recordings on the site: processed once per build, written beside their capsule's
folder from the site's root (``methodologies/x/capsule.bm.opus`` and ``.mp3``), the sources and
their sidecars (which name the speaker) left out of the published files. A curriculum session's
capsule (``formations/x/capsule-2.bm.md``) is published the same way (``capsule-2.bm.opus``)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from toolkit.content.paths import confined
from toolkit.media.audio import AUDIO_SUFFIXES, SITE_ROOT_MARKER, AudioError, Recording, publish

#: A capsule's recording or sidecar in the docs: never published as it is.
SOURCE = re.compile(
    r"(^|/)capsule(-[1-9][0-9]?)?\.[a-z]{2,3}("
    + "|".join(re.escape(s) for s in (*AUDIO_SUFFIXES, ".json"))
    + r")$"
)


def site_recordings(corpus, root: Path) -> dict[str, Recording]:
    """The published recording of every capsule that has a valid one, by the capsule's path."""
    found = {}
    for doc in corpus.documents:
        if doc.kind != "capsule" or doc.meta is None or doc.source_path is None:
            continue
        if doc.meta.audio:  # a file outside docs/ or behind a link is never published
            docs_dir = Path(str(doc.source_path)[: -len(doc.src_uri)])
            if confined(doc.source_path.parent, doc.meta.audio, docs_dir)[1] is not None:
                continue  # reported by the [path] check
        site_path = (
            PurePosixPath(doc.src_uri).with_suffix("").as_posix()
        )  # methodologies/x/capsule.bm
        try:
            recording = publish(
                doc.source_path, doc.rel, site_path, doc.meta.title, doc.lang, doc.meta.audio, root
            )
        except (AudioError, OSError):
            continue  # reported by the [audio] check
        if recording is not None:
            found[doc.rel] = recording
    return found


def source_recordings(corpus) -> set[str]:
    """src_uri of every recording a capsule names with ``audio:`` (besides :data:`SOURCE`)."""
    return {
        (PurePosixPath(doc.src_uri).parent / doc.meta.audio).as_posix()
        for doc in corpus.documents
        if doc.kind == "capsule" and doc.meta is not None and doc.meta.audio
    }


def is_source_recording(src_uri: str, named: set[str]) -> bool:
    return bool(SOURCE.search(src_uri)) or src_uri in named


def write_recordings(recordings: dict[str, Recording], site_dir: Path, cache_root: Path) -> int:
    """Write every published file under ``site_dir``; returns how many were (re)written."""
    written = 0
    for recording in recordings.values():
        for suffix, data in recording.files(cache_root).items():
            path = Path(site_dir) / (recording.site_path + suffix)
            if path.is_file() and path.read_bytes() == data:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written += 1
    return written


def root_relative(html: str, page_url: str) -> str:
    """The page's HTML with :data:`SITE_ROOT_MARKER` replaced by its way up to the site root
    (``bm/methodologies/x/capsule/`` and ``bm/methodologies/x/capsule.html`` are both 3 levels
    under ``bm/``)."""
    if SITE_ROOT_MARKER not in html:
        return html
    return html.replace(SITE_ROOT_MARKER, "../" * page_url.count("/"))
