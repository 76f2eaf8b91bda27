"""Ids of the sections the rendered page adds for a document (``#steps``, ``#session-2``...):
the link checks accept them as anchors before anything is rendered."""

from __future__ import annotations

from toolkit.content.corpus import Document


def structural_anchors(doc: Document) -> set[str]:
    """Ids of the sections that :func:`render_document` adds for this document."""
    meta = doc.meta
    if meta is None:
        return set()
    anchors = {"related", "credits"}
    if doc.kind == "methodology":
        anchors |= {"steps", "roles", "resources", "risks"}
        anchors |= {f"step-{i}" for i in range(1, len(meta.steps) + 1)}
    elif doc.kind == "curriculum":
        anchors |= {"agenda"} | {f"session-{i}" for i in range(1, len(meta.sessions) + 1)}
    elif doc.kind == "case-study":
        anchors |= {"results", "lessons"}
    elif doc.kind == "capsule":
        anchors.add("script")
    if getattr(meta, "sources", None):
        anchors.add("sources")
    return anchors
