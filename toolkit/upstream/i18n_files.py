"""mkdocs-static-i18n's ``create_i18n_file`` (suffix layout), with strings instead of pathlib.

Every language build turns each file of the docs folder into the file of that language (its
destination without the ``.fr`` suffix, its URL, its locale), then does it again for each file's
alternates in every language: some 12,000 calls a language on a site of 4,000 pages. Upstream
does it with about twenty ``pathlib`` objects a call, and formats two debug messages whether or
not they are shown: 5-7 % of the build's time. :func:`create_i18n_file` below follows upstream's
steps one for one on '/'-separated strings (POSIX only; elsewhere upstream's function is used)
and gives the same file, attribute for attribute (``tests/upstream/test_i18n_files.py`` compares them on
generated paths). The same goes for the lookup of each link's target, :class:`I18nFiles`.
:func:`faster` puts both in place for the duration of one call of upstream's
``reconfigure_files``. mkdocs-static-i18n's internals (its ``suffix`` module, ``RE_LOCALE``) and
MkDocs' ``File._get_url`` are resolved when first used in a build (``toolkit.upstream.resolve``),
never when this module is imported, so that a version without one of them only turns the
stand-in off (``toolkit.upstream.active``).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
from collections.abc import Iterator
from types import SimpleNamespace
from urllib.parse import quote as urlquote

from mkdocs.structure.files import File

from toolkit.base import purepath
from toolkit.base.build_caches import per_build
from toolkit.upstream import resolve


@per_build(maxsize=1)
def _upstream() -> SimpleNamespace:
    """Upstream's names (its ``suffix`` module's functions, logger and class, RE_LOCALE), read
    once per build before :func:`faster` replaces any of them."""
    return resolve("i18n_files")


def create_i18n_file(
    file: File, current_language: str, default_language: str, all_languages: list, config
) -> File:
    """Upstream's ``mkdocs_static_i18n.suffix.create_i18n_file``, step for step."""
    upstream = _upstream()
    log = upstream.log  # upstream's logger: --verbose shows the same messages
    debug = log.isEnabledFor(logging.DEBUG)
    if debug:
        log.debug(f"reconfigure {file}")

    file = File(
        file.src_path,
        config.docs_dir,
        file.dest_path,
        config.use_directory_urls,
        dest_uri=file.dest_uri,
        inclusion=file.inclusion,
    )

    file_dest_path = purepath.normalize(file.dest_path)
    file_locale = default_language
    file_localization = None
    locale_site_dir = current_language if current_language != default_language else ""

    name = purepath.normalize(file.name)
    name = purepath.split(name)[1]
    if not name.endswith("."):
        suffixes = name.lstrip(".").split(".")[1:]
    else:
        suffixes = []
    if suffixes:
        file_locale = suffixes[-1]
        if file_locale in all_languages or upstream.RE_LOCALE.match(file_locale):
            parent, dest_name = purepath.split(file_dest_path)
            no_suffix = purepath.join(parent, purepath.stem(purepath.stem(dest_name)))
            file_dest_path = purepath.normalize(f"{no_suffix}{purepath.suffix(dest_name)}")
            file.name = purepath.stem(name)
            file_localization = file_locale
        else:
            file_locale = default_language

    if config.use_directory_urls and file_localization:
        parent, dest_name = purepath.split(file_dest_path)
        if parent != ".":
            grand, parent_name = purepath.split(parent)
            parent_name = purepath.stem(
                parent_name
            )  # upstream's parent.with_suffix(""): may be "."
            if parent_name in ["index", "README"]:
                file_dest_path = purepath.join(grand, dest_name)
            else:
                file_dest_path = purepath.join(purepath.join(grand, parent_name), dest_name)

    parent, dest_name = purepath.split(file_dest_path)
    if dest_name.endswith("README.html"):
        file_dest_path = purepath.join(parent, "index.html")

    if locale_site_dir:
        file.dest_uri = purepath.join(purepath.normalize(locale_site_dir), file_dest_path)
    else:
        file.dest_uri = file_dest_path
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_path))

    if file.name == "README":
        file.name = "index"

    file.url = file._get_url(config.use_directory_urls)

    if locale_site_dir and purepath.normalize(file.url) == ".":
        file.url = urlquote(locale_site_dir + "/")

    file.alternates = {current_language: file}
    file.locale = file_locale
    file.locale_alternate_of = current_language
    file.localization = file_localization

    file.norm_src_uri = file.src_uri
    if file.localization:
        file.norm_src_uri = file.src_uri.replace(f".{file.localization}", "", 1)

    if debug:
        log.debug(f"reconfigure {file} from locale {file_locale}")

    return file


def _get_file_from_path(self, path: str):
    """Upstream's ``I18nFiles.get_file_from_path`` on strings."""
    uri = purepath.normalize(path)
    if uri == ".":
        uri = "index.md"
    parent, name = purepath.split(uri)
    if not name or name in ("..", "/"):  # upstream's pathlib raises or differs: let it answer
        return _upstream().I18nFiles.get_file_from_path(self, path)
    extension = purepath.suffix(name)
    stem = name[: -len(extension)] if extension else name
    src_uris = self.src_uris
    for candidate in (
        purepath.join(parent, f"{stem}.{self.plugin.current_language}{extension}"),
        purepath.join(parent, f"{stem}.{self.plugin.default_language}{extension}"),
        uri,
    ):
        file = src_uris.get(candidate)
        if file:
            return file
    return None


@per_build(maxsize=1)
def _files_class() -> type:
    """Upstream's ``I18nFiles``, whose lookup of a link's target (every link of every page goes
    through it) works on strings too (made once per build, from upstream's class)."""
    return type("I18nFiles", (_upstream().I18nFiles,), {"get_file_from_path": _get_file_from_path})


def __getattr__(name: str):
    if name == "I18nFiles":
        return _files_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@contextlib.contextmanager
def faster() -> Iterator[None]:
    """Upstream's ``reconfigure_files`` uses :func:`create_i18n_file` and makes an
    ``I18nFiles`` of :func:`_files_class` while this lasts."""
    upstream = _upstream()
    suffix = importlib.import_module("mkdocs_static_i18n.suffix")
    if os.sep != "/" or suffix.create_i18n_file is not upstream.create_i18n_file:
        yield
        return
    suffix.create_i18n_file, suffix.I18nFiles = create_i18n_file, _files_class()
    try:
        yield
    finally:
        suffix.create_i18n_file, suffix.I18nFiles = upstream.create_i18n_file, upstream.I18nFiles
