"""Where the kits and their files are, written once: the pages link into the kits (the download
block of :mod:`toolkit.render.downloads`, the downloads page) and the kits are built to match
(:mod:`toolkit.kits`). Paths are POSIX, relative to the site's root unless said otherwise.

- ``downloads/``: every kit, ``kits.json``, ``SHA256SUMS`` (and its signature);
- ``downloads/sahelink-<lang>.zip`` and its folder ``downloads/sahelink-<lang>/``, whose
  ``documents/<type>/<slug>.<lang>.<ext>`` are a document's exports and
  ``documents/curriculum/<slug>.facilitator-pack.<lang>.pdf`` a curriculum's pack;
- ``downloads/lenali.zip``; ``downloads/kiwix/kayes-hub_<lang>.zim``.
"""

from __future__ import annotations

from pathlib import PurePosixPath

DOWNLOADS = "downloads"
KIWIX = "kiwix"
PACK_SUFFIX = "facilitator-pack"


def sahelink_name(lang: str) -> str:
    """The SaheLink kit of ``lang``: its folder, and with ``.zip`` its file, in ``downloads/``."""
    return f"sahelink-{lang}"


def item_slug(doc) -> str:
    """The slug of the item: the folder name (also for a capsule)."""
    return doc.slug or PurePosixPath(doc.src_uri).parent.name


def kit_file(doc) -> str:
    """Where the exports of ``doc`` are in a kit, from ``documents/``, without the extension."""
    return f"{doc.kind}/{doc.export_stem}.{doc.lang}"


def document_path(doc, fmt: str) -> str:
    """The export of ``doc`` as ``fmt`` in its SaheLink kit, from the kit's folder."""
    return f"documents/{kit_file(doc)}.{fmt}"


def pack_path(doc) -> str:
    """The facilitator pack of curriculum ``doc`` in its SaheLink kit, from the kit's folder."""
    return f"documents/curriculum/{item_slug(doc)}.{PACK_SUFFIX}.{doc.lang}.pdf"


def sahelink_path(lang: str, rel: str) -> str:
    """``rel`` (a path in the SaheLink kit of ``lang``) from the site's root."""
    return f"{DOWNLOADS}/{sahelink_name(lang)}/{rel}"
