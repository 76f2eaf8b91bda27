"""The player of a capsule's recording, and what a page says when there is none yet.

``<audio preload="none">``: not one byte of audio until the listener presses play. Opus first
(in Ogg, about 180 KB a minute), MP3 for devices without Opus. The duration and the size to
download are written beside it, with download links. Built from escaped parts only.
"""

from __future__ import annotations

from html import escape

from toolkit.media.audio import Recording, duration_label, size_label
from toolkit.render.labels import label, label_md

MIME = {".opus": "audio/ogg; codecs=opus", ".mp3": "audio/mpeg"}
#: Where the studio page is, relative to the docs folder.
STUDIO_PAGE = "contribuer/studio/index.md"


def player(recording: Recording, lang: str) -> str:
    """HTML (a block of its own in Markdown) of the player for ``recording``."""
    opus, mp3 = recording.url(".opus"), recording.url(".mp3")
    facts = f"{duration_label(round(recording.seconds))} · {size_label(recording.sizes['.opus'])}"
    sources = "".join(
        f'<source src="{escape(recording.url(s))}" type="{escape(MIME[s])}">' for s in MIME
    )
    return (
        f'<figure class="hub-player" lang="{escape(lang)}">'
        f'<audio controls preload="none">{sources}</audio>'
        f"<figcaption>{escape(label('audio.listen', lang))} · {escape(facts)} · "
        f'<a href="{escape(opus)}" download>{escape(label("audio.download", lang))} (Opus)</a> · '
        f'<a href="{escape(mp3)}" download>MP3, {escape(size_label(recording.sizes[".mp3"]))}</a>'
        "</figcaption></figure>\n"
    )


def no_recording(lang: str, studio_link: str) -> str:
    """Markdown: this capsule has no recording in this language yet; the studio records one
    (``studio_link``: the studio page relative to the page's source file)."""
    return f"{label_md('audio.none', lang)} [{label_md('audio.record', lang)}]({studio_link})\n"
