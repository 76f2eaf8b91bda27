"""``hub new``: start a page from its template, or a translation from its French source.

The output is placed where the site expects it and carries « À REMPLIR » markers where the
contributor must write; ``hub check`` reports each marker left (check ``placeholder``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from toolkit.content.corpus import describe
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES, REVIEWED_LANGUAGES
from toolkit.content.sections import SECTION_OF_TYPE

PLACEHOLDER = "À REMPLIR"
KINDS = (*SECTION_OF_TYPE, "capsule", "page")


class ScaffoldError(Exception):
    """A request ``hub new`` cannot carry out; the message says what to do instead."""


def target_path(root: Path, kind: str, slug: str) -> Path:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise ScaffoldError(
            f"'{slug}' is not a slug. Use lower-case letters, digits and hyphens, like 'cycle-ccap'."
        )
    if kind == "capsule":
        return root / "docs" / "methodologies" / slug / "capsule.fr.md"
    if kind == "page":
        return root / "docs" / slug / "index.fr.md"
    return root / "docs" / SECTION_OF_TYPE[kind] / slug / "index.fr.md"


def new_page(
    root: Path, kind: str, slug: str, lang: str = DEFAULT_LANGUAGE, today: dt.date | None = None
) -> Path:
    """Write the template of ``kind`` at its place for ``slug``; return the new file."""
    if kind not in KINDS:
        raise ScaffoldError(f"Unknown type '{kind}'. Use one of: {', '.join(KINDS)}.")
    if lang != DEFAULT_LANGUAGE:
        raise ScaffoldError(
            "New pages are written in French first. Then run: "
            f"hub new --translate <path of the French file> --lang {lang}"
        )
    path = target_path(root, kind, slug)
    if kind == "capsule" and not path.parent.joinpath("index.fr.md").exists():
        raise ScaffoldError(
            f"No methodology '{slug}': a capsule sits next to docs/methodologies/{slug}/index.fr.md."
        )
    if path.exists():
        raise ScaffoldError(
            f"{path.relative_to(root)} exists already. Edit it, or choose another slug."
        )
    template = root / "methodology" / "templates" / f"{kind}.fr.md"
    text = template.read_text(encoding="utf-8")
    text = _set_field(text, "last_reviewed", (today or dt.date.today()).isoformat())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def new_translation(root: Path, source: Path, lang: str) -> Path:
    """Copy the French ``source`` to its ``lang`` file, with the translation fields set."""
    if lang not in LANGUAGES or lang == DEFAULT_LANGUAGE:
        raise ScaffoldError(
            f"'{lang}' is not a translation language. Use one of: {', '.join(LANGUAGES[1:])}."
        )
    source = source if source.is_absolute() else (Path.cwd() / source)
    docs = root / "docs"
    try:
        src_uri = source.resolve().relative_to(docs.resolve()).as_posix()
    except ValueError:
        raise ScaffoldError(f"{source} is not under {docs}.") from None
    source_lang, *_ = describe(src_uri)
    if source_lang != DEFAULT_LANGUAGE or not source.is_file():
        raise ScaffoldError(
            f"{source} is not a French page (…/index.fr.md). Translate from the French source."
        )
    target = source.with_name(source.name.replace(".fr.md", f".{lang}.md"))
    if target.exists():
        raise ScaffoldError(
            f"{target.relative_to(root)} exists already: edit it, and update its source_version."
        )
    text = translation_text(source.read_text(encoding="utf-8"), lang)
    if text is None:
        raise ScaffoldError(
            f"{source.relative_to(root)} has no 'version:'. Run hub check and fix it first."
        )
    target.write_text(text, encoding="utf-8")
    return target


def translation_text(french: str, lang: str) -> str | None:
    """The French page's text turned into the start of a ``lang`` translation (None without a version)."""
    version = re.search(r"^version:\s*(\d+)\s*$", french, re.M)
    if not version:
        return None
    text = _set_field(french, "language", lang)
    text = re.sub(
        r"^version:\s*\d+\s*$", f"source_version: {version[1]}", text, count=1, flags=re.M
    )
    text = re.sub(r"^translators:.*\n", "", text, flags=re.M)
    extra = [f'translators: ["{PLACEHOLDER} : nom de la traductrice ou du traducteur"]']
    if lang in REVIEWED_LANGUAGES:
        text = re.sub(r"^native_review:.*\n", "", text, flags=re.M)
        extra.append("native_review: pending")
    return _insert_before_closing(text, extra)


def _set_field(text: str, name: str, value: str) -> str:
    new, count = re.subn(rf"^{name}:[^\n]*$", f"{name}: {value}", text, count=1, flags=re.M)
    return new if count else _insert_before_closing(text, [f"{name}: {value}"])


def _insert_before_closing(text: str, lines: list[str]) -> str:
    head, sep, body = text.partition("\n---\n")
    return head + "\n" + "\n".join(lines) + sep + body
