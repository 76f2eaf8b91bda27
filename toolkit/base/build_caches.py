"""The caches that live as long as one build: the only state the toolkit keeps in its modules.

``mkdocs serve`` rebuilds in the same process, with the same imported modules: a cache kept in
a module would serve the next build what the last one read (a catalogue, an image, a stand-in's
decision). So a cache is a function decorated with :func:`per_build` (bounded, like
``functools.lru_cache``, which it uses), a :class:`Memo`, or a clear function given to
:func:`register`, and
:func:`reset` empties every one of them when a build starts (``toolkit.website.lifecycle``,
``hub check`` and ``hub kits`` start with a fresh process anyway). ``tests/test_architecture.py``
fails on ``functools.cache``, ``lru_cache`` or ``global`` anywhere else in ``toolkit/``.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

F = TypeVar("F", bound=Callable)
V = TypeVar("V")

_clears: list[Callable[[], None]] = []


def per_build(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, emptied by :func:`reset`."""

    def decorate(function: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _clears.append(cached.cache_clear)
        return cached  # type: ignore[return-value]

    return decorate


class Memo(Generic[V]):
    """At most ``maxsize`` values by key (the least recently used goes first), emptied by
    :func:`reset`: for a cache whose key is not all of its function's arguments."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        register(self._values.clear)

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        if key in self._values:
            self._values.move_to_end(key)
            return self._values[key]
        value = self._values[key] = make()
        if len(self._values) > self.maxsize:
            self._values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._values)


def register(clear: Callable[[], None]) -> None:
    """``clear`` empties a cache that is not a function's; :func:`reset` calls it."""
    _clears.append(clear)


def reset() -> None:
    """Empty every cache: a new build starts."""
    for clear in _clears:
        clear()
