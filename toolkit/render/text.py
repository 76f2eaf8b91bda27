"""Front matter text is text: how a field's string enters the Markdown (or HTML) the hub writes.

Every string of the front matter goes through :func:`md_text` (or :func:`md_url` for an
address) before it is put into Markdown: characters that HTML or Markdown would read
(``< > & "``, emphasis, links, ``{: attr_list }``, table pipes, a heading or list marker at
the start) become numeric character references, which Python-Markdown and pandoc both show
as the character itself. A field can then hold any text and never markup: no element, no
attribute, no link that the page's author did not write in the body.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

#: Characters that start markup in HTML, Markdown or one of the site's extensions.
_SPECIAL = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()|!~^=:$"}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")
_LINE_START = re.compile(r"^(?:[-+#]|\d+(?=[.)]))")


def md_text(value: object) -> str:
    """``value`` as Markdown that shows exactly this text, on one line."""
    text = " ".join(str(value).split())
    text = _SPECIAL_RE.sub(lambda m: _SPECIAL[m[0]], text)
    match = _LINE_START.match(text)
    if match:  # a list item, heading or ordered list if it began a line
        first = match[0]
        text = (first[:-1] + f"&#{ord(first[-1])};") + text[len(first) :]
    return text


def md_url(value: object) -> str:
    """An address from the front matter as the target of a Markdown link: ``https:``/``http:``
    (the model checks the scheme) or a site-relative path, with every character that could end
    the link or start markup percent-encoded."""
    return quote(str(value).strip(), safe="/:?#=&%@+,;~.-_!$'*")


def html_text(value: object) -> str:
    """``value`` escaped for an HTML text node or a double-quoted attribute."""
    return html.escape(" ".join(str(value).split()), quote=True)
