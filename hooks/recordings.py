"""MkDocs hook: the capsules' recordings, processed (Opus and MP3), written once after every
language (logic in toolkit.website.recordings, state in toolkit.website.lifecycle)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from toolkit.website.lifecycle import BUILD


@event_priority(
    -150
)  # after the i18n plugin (-100) has built every language, before the kits (-200)
def on_post_build(config) -> None:
    BUILD.write_recordings(config)
