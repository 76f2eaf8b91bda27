"""Benchmarking helpers: a generator of large, valid hub trees (see :mod:`bench.corpus`)."""
