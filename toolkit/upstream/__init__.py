"""Stand-ins for private internals of MkDocs, Material, mkdocs-static-i18n and Python-Markdown.

See README.md in this folder: what each replaces, against which versions, what it buys."""
