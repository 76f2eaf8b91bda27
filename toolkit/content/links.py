"""Typed cross-links between content items (case study -> methodologies, curriculum ->
tool sheets, ...), read from the fields listed in :data:`toolkit.content.model.LINK_FIELDS`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from toolkit.content.model import LINK_FIELDS

if TYPE_CHECKING:  # corpus.py imports this module
    from toolkit.content.corpus import Document


def outgoing(doc: Document) -> Iterator[tuple[str, str, tuple]]:
    """(field, target slug, location in the front matter) for every cross-link of ``doc``."""
    if doc.meta is None:
        return
    for (kind, field), _target_kind in LINK_FIELDS.items():
        if kind != doc.kind:
            continue
        if "." in field:
            outer, inner = field.split(".")
            for index, item in enumerate(getattr(doc.meta, outer, []) or []):
                for position, slug in enumerate(getattr(item, inner, []) or []):
                    yield field, slug, (outer, index, inner, position)
        else:
            for position, slug in enumerate(getattr(doc.meta, field, []) or []):
                yield field, slug, (field, position)


def target_kind(kind: str, field: str) -> str:
    return LINK_FIELDS[(kind, field)]
