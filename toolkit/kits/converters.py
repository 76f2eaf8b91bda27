"""The converters an export runs: pandoc (as a subprocess, its own parse sanitized before it
writes anything) and Typst (the ``typst`` package, embedded fonts only). Each failure is a
:class:`~toolkit.kits.errors.KitError` at its step (pandoc, typst, image)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from toolkit.checks.sanitize import sanitize_pandoc
from toolkit.kits.errors import export_error

TEMPLATE = Path(__file__).with_name("typst_template.typ")

#: Pandoc's Markdown, without what would misread plain text: `@name` as a citation,
#: `$5` as maths, `\x` as raw TeX.
PANDOC_FROM = (
    "markdown-citations-tex_math_dollars-tex_math_single_backslash-raw_tex-implicit_figures"
)
#: pandoc's options for an EPUB: one file for the whole text (its sections stay in the book's
#: table of contents). Split at each section, a methodology's EPUB was 18 files and 16 KB; whole,
#: 9 files and 10.6 KB, which makes the kits of French fallbacks a third lighter.
EPUB_OPTIONS = ("--split-level", "1")


def run_pandoc(args: list[str], source: str, epoch: int, rel: str, lang: str, cwd: Path) -> bytes:
    try:
        import pypandoc

        binary = pypandoc.get_pandoc_path()
    except (ImportError, OSError) as error:
        raise export_error(
            rel, lang, "pandoc", f"pandoc is not installed ({error}); install pypandoc-binary."
        ) from None
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "LC_ALL": "C.UTF-8", "TZ": "UTC"}
    call = _Pandoc(binary, env, cwd, rel, lang)
    if args[:2] == ["--from", PANDOC_FROM]:  # pandoc's own parse, sanitized, is what it converts
        source, args = call.sanitized(args, source)
    return call.run(args, source)


@dataclass(frozen=True)
class _Pandoc:
    """pandoc for one export: its binary, environment and folder, the document and language
    (for errors)."""

    binary: str
    env: dict
    cwd: Path
    rel: str
    lang: str

    def run(self, args: list[str], source: str, why: str = "") -> bytes:
        """pandoc's output for ``source``, or a KitError at the pandoc step (``why`` before the
        reason: what the call was for)."""
        try:
            run = subprocess.run(
                [self.binary, *args],
                input=source.encode("utf-8"),
                capture_output=True,
                env=self.env,
                cwd=self.cwd,
                timeout=300,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise export_error(self.rel, self.lang, "pandoc", f"{why}{error}") from None
        if run.returncode != 0:
            stderr = run.stderr.decode("utf-8", "replace")[-2000:]
            detail = why + (stderr or f"exit status {run.returncode}")
            raise export_error(self.rel, self.lang, "pandoc", detail)
        return run.stdout

    def sanitized(self, args: list[str], source: str) -> tuple[str, list[str]]:
        """(pandoc's JSON of ``source`` with its metadata, sanitized; the arguments to convert
        it): toolkit.checks.sanitize.sanitize_pandoc, so that no raw HTML, raw Typst/OpenXML,
        address or image outside the allowlist reaches a PDF, DOCX or EPUB."""
        parse, rest, images_under = ["--from", PANDOC_FROM, "--to", "json"], ["--from", "json"], ""
        index = 2
        while index < len(args):
            flag = args[index]
            if flag in ("--metadata-file", "--resource-path") and index + 1 < len(args):
                parse += [flag, args[index + 1]]
                if flag == "--resource-path":
                    images_under = Path(args[index + 1]).resolve().as_posix().rstrip("/") + "/"
                    rest += [flag, args[index + 1]]
                index += 2
                continue
            rest.append(flag)
            index += 1
        why = "could not parse the Markdown: "
        output = self.run(parse, source, why)
        try:
            document = json.loads(output)
        except ValueError as error:
            raise export_error(self.rel, self.lang, "pandoc", f"{why}{error}") from None
        sanitize_pandoc(document, images_under)
        return json.dumps(document, ensure_ascii=False), rest


def run_typst(source: str, root: Path, epoch: int, rel: str, lang: str) -> bytes:
    try:
        import typst
    except ImportError as error:
        raise export_error(rel, lang, "typst", f"the typst package is missing ({error}).") from None
    try:
        return typst.compile(
            source.encode("utf-8"),
            root=str(root),
            ignore_system_fonts=True,
            timestamp=epoch,
            format="pdf",
        )
    except Exception as error:  # typst raises its own TypstError; report it, never a traceback
        message = str(error)
        step = "image" if re.search(r"image|decode|file not found", message, re.I) else "typst"
        raise export_error(rel, lang, step, message[-2000:]) from None
