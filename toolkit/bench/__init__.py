"""Benchmarking helpers: a generator of large, valid hub trees (see :mod:`toolkit.bench.corpus`)."""
