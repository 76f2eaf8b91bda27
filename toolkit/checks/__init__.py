"""Validation: every check on the content, reported as ``Problem``s (``validate_tree``)."""
