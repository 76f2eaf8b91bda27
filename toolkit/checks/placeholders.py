"""Template markers left in a page: ``hub new`` writes « À REMPLIR » where text is needed."""

from __future__ import annotations

import re

from toolkit.content.corpus import Document
from toolkit.content.problems import Problem
from toolkit.content.scaffold import PLACEHOLDER


def check_placeholders(doc: Document) -> list[Problem]:
    if doc.text is None or PLACEHOLDER not in doc.text:
        return []
    return [
        Problem(
            doc.rel,
            number,
            "placeholder",
            "This line still holds a template marker.",
            f"Replace '{PLACEHOLDER} …' with your text.",
        )
        for number, line in enumerate(doc.text.split("\n"), 1)
        if PLACEHOLDER in CODE.sub("", line)
    ]


#: Inline code: a guide may show the marker as `À REMPLIR` without being a template.
CODE = re.compile(r"`[^`]*`")
