"""Helpers every layer may use: work split over the cores, pathlib's rules on strings."""
