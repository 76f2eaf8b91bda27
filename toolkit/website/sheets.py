"""Tool sheets and curricula at the session: ``docs/assets/sheets.js`` on the pages that need it.

A page with a checklist (pymdownx.tasklist's boxes, written disabled) or with curriculum sessions
(``#session-<n>`` headings) loads the script, online and in the offline kit: the boxes can then
be ticked, and each session gets a button that prints it alone. The button's words come from the
catalogue in the page's language (``print.session``), on the script's tag; a French fallback is
marked so that the button carries ``lang="fr"``.

Why a print button and not a PDF per session in the kit: it costs no byte (the Bambara kit is
held to 2 MB), it prints from the phone or a borrowed computer in any language the page is in,
and it works offline from the kit's pages as online.
"""

from __future__ import annotations

import html

from toolkit.render.labels import is_fallback, label

SCRIPT = "assets/sheets.js"
BODY_END = "</body>"


def needs_script(output: str) -> bool:
    return 'class="task-list-item"' in output or 'id="session-1"' in output


def with_script(output: str, page_url: str, lang: str) -> str:
    """The page with the sheets script before ``</body>``, when it has checklists or sessions."""
    end = output.rfind(BODY_END)
    if end < 0 or not needs_script(output):
        return output
    src = "../" * page_url.count("/") + SCRIPT
    words = html.escape(label("print.session", lang), quote=True)
    marked = ' data-print-lang="fr"' if is_fallback("print.session", lang) else ""
    tag = f'<script src="{src}" data-print-label="{words}"{marked} defer></script>'
    return output[:end] + tag + output[end:]
