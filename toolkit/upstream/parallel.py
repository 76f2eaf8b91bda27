"""Build the languages of the site side by side, one process per core.

mkdocs-static-i18n builds the default language, then, from that build's ``on_post_build``,
every other language in turn, in the same process. Each language build is independent of
the others except for three things the plugin carries from one to the next: the search
entries (merged into one index at the end), the pages of every language (the sitemap written
by the last build lists them all), and the files written at the root of the site (404.html,
sitemap.xml, theme assets), where the last language's copy wins.

:class:`LanguageWorkers` forks one worker per other language when the default language's build
starts (``on_pre_build``), once the content has been validated. Each worker builds its language
into a folder of its own next to the site. At most ``cores`` builds run at once: the default
language in the main process counts as one until it is done. When the default language is
built, the main process waits for the workers in language order and, for each: shows what it
logged (so ``--strict`` counts its warnings, and a failure stops the build with its
messages), moves its files into the site (in language order, as the sequential build would
have overwritten them), and hands its search entries and pages back to the i18n plugin, which
then writes the sitemap and the search index of all languages as it does after a sequential
build. The result is the same site, byte for byte.

Only ``mkdocs build``, and only where ``os.fork`` exists; ``mkdocs serve`` and ``--dirty``
builds stay sequential. ``HUB_PARALLEL=0`` turns it off; ``HUB_PARALLEL=N`` caps the processes.
"""

from __future__ import annotations

import atexit
import logging
import os
import pickle
import shutil
import signal
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from toolkit.base.forkpool import processes

log = logging.getLogger("mkdocs.plugins.i18n_iso639.parallel")


def wanted(config, command: str | None, dirty: bool) -> bool:
    """Whether this build may fork its languages (see the module's docstring): only ``build``."""
    return (
        command == "build"
        and not dirty
        and hasattr(os, "fork")
        and processes() > 1
        and "with-pdf" not in config.plugins
    )


@dataclass
class Outcome:
    """What a worker sends back (pickled into its folder)."""

    locale: str
    status: str = "ok"  # ok | abort (mkdocs' Abort: strict warnings or a BuildError) | error
    message: str = ""
    records: list[logging.LogRecord] = field(default_factory=list)
    search_entries: list = field(default_factory=list)
    pages: list = field(default_factory=list)  # stand-ins for the sitemap template


class _Capture(logging.Handler):
    """Keeps a worker's log records, made picklable, to be shown by the main process."""

    def __init__(self, replace: tuple[str, str]):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.replace = replace

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage().replace(*self.replace)
        except Exception:  # noqa: BLE001 - a bad format string must not stop the build
            message = str(record.msg)
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        record.msg, record.args, record.exc_info = message, None, None
        self.records.append(record)


@dataclass
class _Worker:
    locale: str
    pid: int
    folder: Path

    @property
    def site(self) -> Path:
        return self.folder / "site"

    @property
    def result(self) -> Path:
        return self.folder / "outcome.pickle"


class WorkerFailed(Exception):
    """A worker's language could not be built (its messages were logged already)."""


class LanguageWorkers:
    """The workers building the other languages (see the module's docstring)."""

    def __init__(self, site_dir: Path, workers: list[_Worker], tokens: tuple[int, int]):
        self.site_dir = site_dir
        self.workers = workers
        self.tokens = tokens
        atexit.register(self.stop)

    @classmethod
    def start(cls, plugin, config, locales: list[str]) -> LanguageWorkers:
        """Fork a worker per locale; ``processes() - 1`` of them start at once."""
        site_dir = Path(config.site_dir).resolve()
        parent = site_dir.parent
        parent.mkdir(parents=True, exist_ok=True)
        read_end, write_end = os.pipe()
        os.write(write_end, b"t" * (processes() - 1))  # the main process keeps one core
        sys.stdout.flush()
        sys.stderr.flush()
        log.info(
            f"Building {', '.join(locales)} in {len(locales)} worker processes, "
            f"{processes()} languages at a time"
        )
        workers = []
        for locale in locales:
            folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{locale}-", dir=parent))
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the worker (coverage does not follow forks)
                _work(plugin, config, locale, folder, site_dir, read_end, write_end)
            workers.append(_Worker(locale, pid, folder))
        return cls(site_dir, workers, (read_end, write_end))

    def release_core(self) -> None:
        """The main process is done with its own language: one more worker may start."""
        os.write(self.tokens[1], b"t")

    def outcomes(self):
        """Each worker's :class:`Outcome`, in language order, once it has ended; its files are
        in the site. Raises :class:`WorkerFailed` at the first that failed (after logging its
        messages); the later workers are stopped."""
        try:
            for worker in self.workers:
                outcome = self._wait(worker)
                for record in outcome.records:
                    logging.getLogger(record.name).handle(record)
                if outcome.status == "ok":
                    _move_tree(worker.site, self.site_dir)
                shutil.rmtree(worker.folder, ignore_errors=True)
                yield outcome
        finally:
            self.stop()

    def _wait(self, worker: _Worker) -> Outcome:
        _, status = _waitpid(worker.pid)
        worker.pid = 0
        try:
            with open(worker.result, "rb") as stream:
                return pickle.load(stream)
        except (OSError, pickle.PickleError, EOFError):
            os.write(self.tokens[1], b"t")  # it died holding a core: give it to the next one
            code = os.waitstatus_to_exitcode(status)
            why = f"signal {-code}" if code < 0 else f"exit status {code}"
            return Outcome(
                worker.locale, "error", f"The build of the '{worker.locale}' pages stopped ({why})."
            )

    def stop(self) -> None:
        """End the workers still running and remove their folders (on failure or exit)."""
        for worker in self.workers:
            if worker.pid:
                try:
                    os.kill(worker.pid, signal.SIGTERM)
                    _waitpid(worker.pid)
                except (ProcessLookupError, ChildProcessError):
                    pass
                worker.pid = 0
            shutil.rmtree(worker.folder, ignore_errors=True)
        for end in self.tokens:
            try:
                os.close(end)
            except OSError:
                pass
        self.tokens = (-1, -1)
        atexit.unregister(self.stop)


def _waitpid(pid: int) -> tuple[int, int]:
    while True:
        try:
            return os.waitpid(pid, 0)
        except InterruptedError:  # pragma: no cover
            continue


def _move_tree(source: Path, dest: Path) -> None:
    """Move every file of ``source`` into ``dest``, replacing what is there (a folder that
    ``dest`` does not have yet, such as a language's, is moved whole)."""
    for folder, dirs, files in os.walk(source):
        target = dest / os.path.relpath(folder, source)
        target.mkdir(parents=True, exist_ok=True)
        for name in list(dirs):
            if not (target / name).exists():
                try:
                    os.rename(os.path.join(folder, name), target / name)
                    dirs.remove(name)
                except OSError:  # another file system: file by file below
                    pass
        for name in files:
            try:
                os.replace(os.path.join(folder, name), target / name)
            except OSError:  # another file system
                shutil.move(os.path.join(folder, name), target / name)


def _page_standin(page):
    if page is None:
        return None
    return SimpleNamespace(
        is_link=page.is_link,
        canonical_url=page.canonical_url,
        abs_url=page.abs_url,
        update_date=page.update_date,
    )


def sitemap_standins(files) -> list[SimpleNamespace]:
    """What the i18n plugin's sitemap template reads of a language's pages, picklable."""
    return [
        SimpleNamespace(
            page=_page_standin(file.page),
            url=file.url,
            alternates={
                locale: SimpleNamespace(
                    page=_page_standin(getattr(other, "page", None)), url=other.url
                )
                for locale, other in file.alternates.items()
            },
        )
        for file in files
    ]


def _work(
    plugin, config, locale: str, folder: Path, site_dir: Path, read_end: int, write_end: int
) -> None:  # pragma: no cover - runs in the worker
    """In the worker: build ``locale`` into ``folder/site``, pickle an :class:`Outcome`, exit."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        capture = _Capture((str(folder / "site"), str(site_dir)))
        for name in ("", "mkdocs"):
            logger = logging.getLogger(name)
            for handler in list(logger.handlers):
                if not _counts_warnings(handler):
                    logger.removeHandler(handler)
        logging.getLogger("mkdocs").addHandler(capture)
        logging.getLogger().addHandler(capture)
        outcome = Outcome(locale)
        while not os.read(read_end, 1):  # wait for a free core
            pass
        try:
            outcome.search_entries, outcome.pages = _build_language(
                plugin, config, locale, folder / "site"
            )
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the main process
            from mkdocs.exceptions import Abort

            if isinstance(error, Abort):
                outcome.status, outcome.message = "abort", error.message
            else:
                outcome.status = "error"
                outcome.message = "".join(traceback.format_exception(error)).rstrip()
        finally:
            os.write(write_end, b"t")
        outcome.records = capture.records
        with open(folder / "outcome.part", "wb") as stream:
            pickle.dump(outcome, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(folder / "outcome.part", folder / "outcome.pickle")
        code = 0
    except BaseException:  # noqa: BLE001
        traceback.print_exc()
    finally:
        os._exit(code)


def _counts_warnings(handler: logging.Handler) -> bool:
    from mkdocs.utils import CountHandler

    return isinstance(handler, CountHandler)


def _build_language(plugin, config, locale: str, site: Path):  # pragma: no cover - in the worker
    """What the i18n plugin's ``on_post_build`` does for one language, into ``site``."""
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    build_logger = logging.getLogger("mkdocs.commands.build")
    i18n_filter = I18nLoggingFilter()
    i18n_filter.filtered_prefixes.add("Documentation built in")
    i18n_filter.filtered_prefixes.add("Building documentation to directory")
    build_logger.addFilter(i18n_filter)
    utils.clean_directory = lambda x: x

    plugin.building = True
    plugin.current_language = locale
    site.mkdir()
    config["site_dir"] = str(site)
    known = len(plugin.search_entries)
    build(config, dirty=False)
    return plugin.search_entries[known:], sitemap_standins(plugin.i18n_files_per_language[locale])
