"""The content as validated: what ``hub check`` reports and every later step reads.

:class:`Result` is made by the checks (``toolkit.checks.validate.validate_tree``) and read by
every layer above them: the pages (render), the site (website), the kits and the review packs
(contributions). Its parts are content-layer types (the corpus of read-only documents, the
vocabularies, the problems), so it lives here, at the lowest layer that can state it, and a
reader of the content need not import the validation to name it (DESIGN.md, "Architecture").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from toolkit.content.corpus import Corpus, Document
from toolkit.content.problems import Problem
from toolkit.content.vocabularies import Vocabularies


@dataclass(frozen=True)
class Result:
    corpus: Corpus  # every document, with its front matter and model when they are valid
    vocabularies: Vocabularies
    problems: list[Problem]
    #: What the checks found in each body, by document (``rel``): its links, images, anchors
    #: and headings (``toolkit.checks.markdown.BodyFacts``); absent for a file without a body.
    findings: Mapping[str, object] = field(default_factory=dict)

    @property
    def files_checked(self) -> int:
        return len(self.corpus.documents)

    def facts(self, doc: Document):
        """What the checks found in ``doc``'s body, or None."""
        return self.findings.get(doc.rel)
