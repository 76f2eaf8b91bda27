"""Stand-ins for private internals of MkDocs, Material, mkdocs-static-i18n and Python-Markdown.

Each stand-in gives the same pages as the upstream code it replaces, faster, but it was written
against exact versions of that code. :func:`active` is asked before a stand-in is used: when an
installed version differs from the one the stand-in was written for, the build uses upstream's
own code (slower, same pages) and says so once, as a warning. ``README.md`` in this folder lists
what each stand-in replaces, what it buys and how it is tested.

A new version may also rename or remove a private name a stand-in uses, and the version number
alone would not say so: each stand-in lists the private names it needs (``needs``), it reads
them only through :func:`resolve`, inside the code path the guard lets through (never when its
module is imported), and :func:`active` turns the stand-in off, with a warning, when one of them
is missing. ``tests/upstream/test_guard.py`` builds a site with a MkDocs whose module lacks one.

``HUB_STANDINS=off`` turns every stand-in off (to measure what they buy, or to rule them out
when a page looks wrong); ``HUB_STANDINS=off:name,name`` turns off the ones named.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from importlib import metadata
from types import SimpleNamespace

from toolkit.base import build_caches
from toolkit.base.environment import environment

#: Not under "mkdocs": MkDocs counts its own loggers' warnings and a --strict build would stop,
#: while a version mismatch only costs speed. Python prints it on stderr all the same.
log = logging.getLogger("toolkit.upstream")


@dataclass(frozen=True)
class StandIn:
    name: str
    replaces: str
    #: distribution name -> the exact version the stand-in was written and tested against
    written_for: dict[str, str]
    #: the private names of upstream's code it uses, as ``module:name`` (read by resolve())
    needs: tuple[str, ...] = ()


MARKDOWN = "3.11.3"
MKDOCS = "1.6.1"
I18N = "1.3.1"
MATERIAL = "9.8.2"

STAND_INS: dict[str, StandIn] = {
    s.name: s
    for s in (
        StandIn(
            "markdown_fast",
            "Python-Markdown's inline and block loops (InlineProcessor, BlockParser)",
            {"Markdown": MARKDOWN},
        ),
        StandIn(
            "page_render",
            "MkDocs' Page.render (one Markdown converter per page)",
            {"mkdocs": MKDOCS, "Markdown": MARKDOWN},
            (
                "mkdocs.structure.pages:_RawHTMLPreprocessor",
                "mkdocs.structure.pages:_ExtractAnchorsTreeprocessor",
                "mkdocs.structure.pages:_ExtractTitleTreeprocessor",
                "mkdocs.structure.pages:_RelativePathTreeprocessor",
            ),
        ),
        StandIn(
            "i18n_files",
            "mkdocs-static-i18n's create_i18n_file and link-target lookup",
            {"mkdocs-static-i18n": I18N, "mkdocs": MKDOCS},
            (
                "mkdocs_static_i18n.suffix:create_i18n_file",
                "mkdocs_static_i18n.suffix:I18nFiles",
                "mkdocs_static_i18n.suffix:log",
                "mkdocs_static_i18n.config:RE_LOCALE",
                "mkdocs.structure.files:File._get_url",
            ),
        ),
        StandIn(
            "parallel",
            "mkdocs-static-i18n's sequential build of the other languages",
            {"mkdocs-static-i18n": I18N, "mkdocs": MKDOCS},
            (
                "mkdocs.commands.build:_build_theme_template",
                "mkdocs.utils:CountHandler",
                "mkdocs_static_i18n.utils:I18nLoggingFilter",
            ),
        ),
        StandIn(
            "theme_strings",
            "Material's t() macro in partials/language.html",
            {"mkdocs-material": MATERIAL},
        ),
        StandIn(
            "template_cache",
            "Material's partials/nav.html, header and search dialog rendered per page",
            {"mkdocs-material": MATERIAL},
        ),
    )
}

#: Each stand-in's decision, made once per build (build_caches.reset empties it).
_decided: dict[str, bool] = {}
build_caches.register(_decided.clear)


def installed_version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _switched_off(name: str) -> bool:
    value = environment().standins
    if value in ("off", "0", "false", "no"):
        return True
    if value.startswith("off:"):
        return name in {part.strip() for part in value[4:].split(",")}
    return False


def mismatches(name: str) -> list[str]:
    """``"mkdocs-material 9.9.0 (written for 9.8.2)"`` for each installed version that differs."""
    found = []
    for distribution, wanted in STAND_INS[name].written_for.items():
        have = installed_version(distribution)
        if have != wanted:
            found.append(f"{distribution} {have or 'not installed'} (written for {wanted})")
    return found


def _find(needed: str):
    """The object named ``module:name`` (``name`` may be dotted); raises ImportError when the
    module or the name is not there."""
    module_name, _, qualname = needed.partition(":")
    found = importlib.import_module(module_name)
    for part in qualname.split("."):
        try:
            found = getattr(found, part)
        except AttributeError as error:
            raise ImportError(f"{needed} is not there") from error
    return found


def missing(name: str) -> list[str]:
    """The private names stand-in ``name`` needs that the installed packages lack."""
    absent = []
    for needed in STAND_INS[name].needs:
        try:
            _find(needed)
        except ImportError:
            absent.append(needed)
    return absent


def resolve(name: str) -> SimpleNamespace:
    """The private names stand-in ``name`` needs, by their last part (``names._RawHTMLPreprocessor``).
    Call it only where :func:`active` said yes."""
    return SimpleNamespace(
        **{
            needed.rpartition(":")[2].split(".")[-1]: _find(needed)
            for needed in STAND_INS[name].needs
        }
    )


def _decide(name: str) -> bool:
    wrong = mismatches(name)
    if wrong:
        reason = f"but {', '.join(wrong)} is installed"
    elif absent := missing(name):
        reason = f"and needs {', '.join(absent)}, which the installed packages lack"
    else:
        return True
    log.warning(
        f"Warning: toolkit/upstream/{name}.py stands in for {STAND_INS[name].replaces}, "
        f"{reason}: using upstream's own code instead (same pages, slower). Fix: install "
        "the versions in constraints.txt, or check the stand-in against the new "
        "version and update it (toolkit/upstream/README.md)."
    )
    return False


def active(name: str) -> bool:
    """Whether the stand-in ``name`` may be used: the installed versions are the ones it was
    written for, the private names it needs are there, and HUB_STANDINS does not turn it off.
    Every stand-in is decided at the first call of a build (before the build forks its
    workers), and each mismatch is said once, as a warning."""
    if not _decided:
        for each in STAND_INS:
            _decided[each] = _decide(each)
    return _decided[name] and not _switched_off(name)


def reset() -> None:
    """Forget the decisions (tests; a new build in a long-lived process)."""
    _decided.clear()
