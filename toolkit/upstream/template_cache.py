"""Parts of Material's page template rendered once for the pages that share them.

Material renders the navigation drawer (``partials/nav.html``, a recursive macro per item) for
every page: 5-8 % of the build on a site of thousands of pages. Most of the hub's pages are not in
the navigation (methodologies, courses, case studies, tool sheets are reached from catalogues),
and for such a page the drawer's HTML depends only on the language, on which items are active
(none), and on the links' relative addresses, which depend only on the folder holding the page's
own folder, as long as no item of the navigation lies inside the page's own folder. So
``methodologies/a/`` and ``methodologies/b/`` get the same drawer, rendered once per language.

:class:`NavCache` keys the drawer on exactly that and refuses to key a page that is in the
navigation or has an item inside its folder (those are rendered as usual). The override
``overrides/partials/nav.html`` is Material's, wrapped in a call to it. A build of the bench
corpus and of the real site is the same, byte for byte, with and without it
(tests/upstream/test_template_cache.py compares the drawers of every page of a built site).

:class:`Fragments` does the same for parts whose every input the template names in the key:
the colour switch (the same on every page of a language) and the search dialog (the same for
every page at the same depth), in ``overrides/partials/header.html``.
"""

from __future__ import annotations

import posixpath

from jinja2 import Environment

#: Names of the Jinja globals that ``overrides/partials/nav.html`` and ``header.html`` call.
GLOBAL = "hub_nav_once"
ONCE = "hub_once"


def _folder(url: str) -> str:
    """The folder a page's URL stands for: ``a/b/`` and ``a/b/index.html`` -> ``a/b``."""
    head, tail = posixpath.split(url)
    return head if "." in tail else url.rstrip("/")


class NavCache:
    """``hub_nav_once(page, nav)`` in a ``{% call %}``: the drawer, rendered once per key."""

    def __init__(self) -> None:
        self.fragments: dict[tuple, str] = {}
        self._nav = None
        self._items: list = []  # every item of the navigation, sections included
        self._pages: list = []  # the navigation's pages
        self._folders: list[str] = []  # and where they are

    def _learn(self, nav) -> None:
        self._nav, self._items, stack = nav, [], list(nav.items)
        while stack:
            item = stack.pop()
            self._items.append(item)
            stack.extend(getattr(item, "children", None) or [])
        self._pages = list(nav.pages)
        self._folders = [_folder(page.url) for page in self._pages]

    def key(self, page, nav) -> tuple | None:
        """The drawer's key for ``page``, or None when it must be rendered for this page only."""
        if page is None or nav is None or not getattr(page, "url", None):
            return None
        if nav is not self._nav:
            self._learn(nav)
        if any(known is page for known in self._pages):
            return None
        folder = _folder(page.url)
        if any(other == folder or other.startswith(folder + "/") for other in self._folders):
            return None
        return posixpath.dirname(folder), tuple(bool(item.active) for item in self._items)

    def __call__(self, page, nav, caller) -> str:
        key = self.key(page, nav)
        if key is None:
            return caller()
        fragment = self.fragments.get(key)
        if fragment is None:
            fragment = self.fragments[key] = caller()
        return fragment


class Fragments:
    """``hub_once(*key)`` in a ``{% call %}``: the block rendered once per key (the key must name
    everything the block depends on that can change from page to page)."""

    def __init__(self) -> None:
        self.fragments: dict[tuple, str] = {}

    def __call__(self, *key, caller) -> str:
        fragment = self.fragments.get(key)
        if fragment is None:
            fragment = self.fragments[key] = caller()
        return fragment


def _each_time(*_args, caller) -> str:
    return caller()


def install(env: Environment, cached: bool = True) -> None:
    """Fresh caches for ``env`` (one language build's templates); with ``cached=False`` the same
    globals render their block every time, as Material's own templates do."""
    env.globals[GLOBAL] = NavCache() if cached else _each_time
    env.globals[ONCE] = Fragments() if cached else _each_time
