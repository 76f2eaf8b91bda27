"""Typed front matter -> Markdown in the reader's language, generated pages, interface strings."""
