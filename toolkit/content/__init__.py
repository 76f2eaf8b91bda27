"""The content model: documents, front matter, vocabularies, links, translations, problems.

The bottom layer: imports nothing else of toolkit but ``toolkit.base``."""
