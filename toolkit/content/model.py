"""The typed content model: one pydantic model per content type, plus the glossary.

Field names are English identifiers; the text values are written in the page's
language. Vocabulary terms (themes, audiences, places, SDGs) and cross-links are
checked against the corpus in :mod:`toolkit.checks.validate`, where the data lives.
JSON Schemas in ``methodology/schemas/`` are generated from these models
(:mod:`toolkit.content.schemas`); never edit them by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

Language = Literal["fr", "en", "bm", "snk"]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Confined:
    """Marks a front matter field that names a file: :func:`toolkit.content.paths.confined`
    resolves it next to the page and refuses it outside ``docs/`` or through a symbolic link
    (``hub check``: ``[path]``). tests/content/test_model_paths.py fails on a field that names a
    file without this mark."""


#: A file named by the front matter: relative (no leading ``/``), no backslash, no ``:`` (no
#: address, no drive), no NUL; where it resolves is checked against the page's folder.
LocalPath = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^/\\:\x00][^\\:\x00]*$"),
    Confined(),
]

#: "90 min", "2 h", "3 days", "2-6 weeks", "1-3 months".
DURATION_RE = re.compile(r"^(?P<low>\d+)(-(?P<high>\d+))? ?(?P<unit>min|h|days?|weeks?|months?)$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NativeReview(Strict):
    """The record of a native speaker's review: one change in the front matter."""

    status: Literal["pending", "reviewed"] = Field(
        description="`pending`, or `reviewed` once a native speaker has checked the text."
    )
    by: Text | None = Field(
        default=None, description="Name or initials of the reviewer (required once reviewed)."
    )
    date: dt.date | None = Field(
        default=None, description="Date of the review, YYYY-MM-DD (required once reviewed)."
    )

    @model_validator(mode="after")
    def _reviewed_says_who_and_when(self) -> NativeReview:
        if self.status == "reviewed" and (self.by is None or self.date is None):
            raise ValueError(
                "a review with status 'reviewed' needs 'by' (name or initials) and 'date'"
            )
        return self


def _review(value: object) -> object:
    """One clear message for a wrong review record (the union would report each branch)."""
    if isinstance(value, dict):
        try:
            return NativeReview.model_validate(value)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ValueError(
                (f"{where}: " if where else "") + first["msg"].removeprefix("Value error, ")
            ) from None
    if (
        value is not None
        and value not in ("pending", "done")
        and not isinstance(value, NativeReview)
    ):
        raise ValueError(
            "write 'pending', or {status: reviewed, by: <name or initials>, date: YYYY-MM-DD}"
        )
    return value


ReviewField = Annotated[Literal["pending", "done"] | NativeReview | None, BeforeValidator(_review)]
REVIEW_DESCRIPTION = (
    "Bambara and Soninké only: `pending` until a native speaker has reviewed the text, then "
    "`{status: reviewed, by: <name or initials>, date: YYYY-MM-DD}` (`done` is still accepted)."
)


def is_reviewed(meta) -> bool:
    """True when a native speaker has reviewed this text (``done`` or ``status: reviewed``)."""
    review = getattr(meta, "native_review", None)
    return review == "done" or (isinstance(review, NativeReview) and review.status == "reviewed")


def review_status(meta) -> str | None:
    """``pending``, ``done`` (reviewed, in either form) or None, for manifests and reports."""
    if getattr(meta, "native_review", None) is None:
        return None
    return "done" if is_reviewed(meta) else "pending"


def reviewer(meta) -> tuple[str | None, dt.date | None]:
    """(who, when) of the recorded review, or (None, None)."""
    review = getattr(meta, "native_review", None)
    if isinstance(review, NativeReview) and review.status == "reviewed":
        return review.by, review.date
    return None, None


class Common(Strict):
    """Fields every page carries."""

    title: Text = Field(max_length=120, description="Title of the page, in its language.")
    summary: Text = Field(
        max_length=400, description="Two or three plain sentences: what the reader gets here."
    )
    language: Language = Field(description="Language of this file; must match its suffix.")
    themes: list[str] = Field(
        min_length=1, description="Theme ids from methodology/vocabularies/themes.yml."
    )
    audiences: list[str] = Field(
        min_length=1, description="Audience ids from methodology/vocabularies/audiences.yml."
    )
    places: list[str] = Field(
        default=[], description="Place ids from methodology/vocabularies/places.yml."
    )
    sdgs: list[int] = Field(default=[], description="Sustainable Development Goal numbers (1-17).")
    last_reviewed: dt.date = Field(
        description="Date of the last review of the content, YYYY-MM-DD."
    )
    authors: list[Text] = Field(
        min_length=1, description="Who wrote the French source (names or organisations)."
    )
    translators: list[Text] = Field(
        default=[], description="Who translated this file (translations only)."
    )
    version: int | None = Field(
        default=None,
        ge=1,
        description="French source only: increase by 1 whenever the meaning changes, so translations can be marked stale.",
    )
    source_version: int | None = Field(
        default=None,
        ge=1,
        description="Translations only: the `version` of the French source this translation was made from.",
    )
    native_review: ReviewField = Field(default=None, description=REVIEW_DESCRIPTION)
    reviewers: list[Text] = Field(
        default=[], description="Native speakers who reviewed this translation."
    )
    illustration: LocalPath | None = Field(
        default=None, description="Optional cover image, a path relative to this file."
    )
    consent: bool = Field(
        default=False,
        description="true when the people named or shown have given written consent (see the consent form tool sheet).",
    )

    @field_validator("sdgs")
    @classmethod
    def _sdg_range(cls, value: list[int]) -> list[int]:
        for number in value:
            if not 1 <= number <= 17:
                raise ValueError(f"{number} is not an SDG number (1 to 17)")
        return value


class Page(Common):
    """A plain page: home, guides, about. Themes and audiences are optional here."""

    themes: list[str] = Field(default=[], description="Theme ids (optional on plain pages).")
    audiences: list[str] = Field(default=[], description="Audience ids (optional on plain pages).")
    generated: (
        Literal[
            "catalogue", "glossary", "translation-status", "field-reference", "downloads", "studio"
        ]
        | None
    ) = Field(
        default=None,
        description="The build writes this page's content: a catalogue, the glossary, the translation "
        "status, the reference of the content fields, the list of downloadable kits or the "
        "recording studio.",
    )


class Capsule(Page):
    """A spoken-style summary of a methodology or curriculum (at most about 200 words),
    to read aloud or record for Lenali. Lives next to the item as capsule.<lang>.md."""

    audio: LocalPath | None = Field(
        default=None,
        description="Recorded audio next to this file, if not named capsule.<lang>.<ext> "
        "(.ogg, .opus, .webm, .m4a, .mp3, .wav; with its sidecar capsule.<lang>.json recording consent).",
    )
    cover: LocalPath | None = Field(
        default=None, description="Cover image next to this file, if any."
    )


class Step(Strict):
    title: Text = Field(description="Short name of the step.")
    description: Text = Field(description="What is done, by whom, with what.")
    inclusion: Text = Field(description="How women and young people take part in this step.")


class Role(Strict):
    role: Text = Field(description="Who (a role, never a real person's name).")
    tasks: Text = Field(description="What they do.")


class Risk(Strict):
    risk: Text = Field(description="What can go wrong.")
    mitigation: Text = Field(description="How to prevent or handle it.")


def _check_duration(value: str) -> str:
    if not DURATION_RE.match(value):
        raise ValueError(
            f"'{value}' is not a duration like '90 min', '2 h', '3 days', '2-6 weeks' or '1-3 months'"
        )
    return value


Duration = Annotated[str, StringConstraints(strip_whitespace=True)]


class Methodology(Common):
    """An approach: purpose, when to use it, steps, roles, duration, resources, risks."""

    purpose: Text = Field(description="What the approach achieves, in one or two sentences.")
    when_to_use: list[Text] = Field(min_length=1, description="Situations where it helps.")
    duration: Duration = Field(
        description="Typical duration: '90 min', '2 h', '3 days', '2-6 weeks', '1-3 months'."
    )
    steps: list[Step] = Field(min_length=2, description="The steps in order.")
    roles: list[Role] = Field(min_length=1, description="Who does what.")
    resources: list[Text] = Field(
        min_length=1, description="What is needed: people, material, money, documents."
    )
    risks: list[Risk] = Field(min_length=1, description="What can go wrong and how to handle it.")
    tools: list[Slug] = Field(
        default=[], description="Slugs of the tool sheets this methodology uses."
    )
    sources: list[Source] = Field(
        default=[], description="Public sources for the facts on the page."
    )

    @field_validator("duration")
    @classmethod
    def _duration_form(cls, value: str) -> str:
        return _check_duration(value)


class SessionStep(Strict):
    minutes: int = Field(gt=0, le=480, description="Time for this step, in minutes.")
    activity: Text = Field(description="What the facilitator and participants do.")


class Session(Strict):
    title: Text = Field(description="Title of the session.")
    objectives: list[Text] = Field(
        min_length=1, description="What participants can do after the session."
    )
    audience: Text | None = Field(
        default=None, description="Who the session is for, if narrower than the curriculum."
    )
    duration_min: int = Field(
        gt=0, le=600, description="Length of the session in minutes; the steps must add up to it."
    )
    materials: list[Text] = Field(min_length=1, description="What to bring.")
    steps: list[SessionStep] = Field(min_length=1, description="The steps with their timings.")
    oral_activity: Text = Field(
        description="An activity that works with participants who do not read."
    )
    evaluation: Text = Field(description="How the facilitator checks what was learnt.")
    tools: list[Slug] = Field(
        default=[], description="Slugs of the tool sheets used in this session."
    )


class Curriculum(Common):
    """A training course made of sessions."""

    goal: Text = Field(description="What the course prepares participants to do.")
    sessions: list[Session] = Field(min_length=1, description="The sessions in order.")
    methodologies: list[Slug] = Field(
        default=[], description="Slugs of the methodologies the course teaches."
    )
    tools: list[Slug] = Field(default=[], description="Slugs of the tool sheets the course uses.")
    sources: list[Source] = Field(
        default=[], description="Public sources for the facts on the page."
    )


class Source(Strict):
    title: Text = Field(description="Title of the article, report or law.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] = Field(
        description="Public address."
    )
    publisher: str | None = Field(default=None, description="Who published it.")
    date: str | None = Field(default=None, description="Publication date or year, if known.")


class CaseStudy(Common):
    """What happened somewhere, with sources, or an explicitly illustrative scenario."""

    place: str = Field(description="Place id from methodology/vocabularies/places.yml.")
    period: (
        Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2})?(/\d{4}(-\d{2})?)?$")] | None
    ) = Field(
        default=None,
        description="Year or range: '2020', '2019/2021', '2020-03/2020-06'. Leave it out when the sources give no date.",
    )
    actors: list[Text] = Field(
        min_length=1, description="Institutions and groups involved (no private persons)."
    )
    methodologies: list[Slug] = Field(
        min_length=1, description="Slugs of the methodologies applied."
    )
    illustrative: bool = Field(
        default=False,
        description="true when the case is a scenario built to teach a method, not a real account.",
    )
    sources: list[Source] = Field(
        default=[], description="Public sources (required unless illustrative)."
    )
    results: list[Text] = Field(min_length=1, description="What changed.")
    lessons: list[Text] = Field(min_length=1, description="What others can learn.")
    tools: list[Slug] = Field(default=[], description="Slugs of tool sheets used.")


class ToolSheet(Common):
    """A printable template or form used by methodologies and curricula."""

    purpose: Text = Field(description="What the sheet is for.")
    format: Literal["grid", "form", "checklist", "guide", "template"] = Field(
        description="What kind of sheet it is."
    )
    sources: list[Source] = Field(default=[], description="Public sources, if any.")


class SummaryTranslation(Strict):
    """A translation of only the title and summary of a methodology, curriculum, case study,
    tool sheet or plain page (``scope: summary``): the page shows them at the top, in the translation's
    language, then the French body under a notice. Catalogues, search and the meta
    description use them. Everything else comes from the French source."""

    scope: Literal["summary"] = Field(
        description="`summary`: this file translates the title and summary only."
    )
    title: Text = Field(max_length=120, description="Title of the page, in its language.")
    summary: Text = Field(
        max_length=400, description="Two or three plain sentences: what the reader gets here."
    )
    language: Language = Field(description="Language of this file; must match its suffix.")
    last_reviewed: dt.date | None = Field(
        default=None, description="Date of the last review of this translation."
    )
    translators: list[Text] = Field(default=[], description="Who translated this file.")
    source_version: int | None = Field(
        default=None,
        ge=1,
        description="The `version` of the French source this translation was made from.",
    )
    native_review: ReviewField = Field(default=None, description=REVIEW_DESCRIPTION)
    reviewers: list[Text] = Field(
        default=[], description="Native speakers who reviewed this translation."
    )
    version: None = Field(default=None, description="Never set on a translation.")


#: The content types whose translations may carry the title and summary only.
SUMMARY_TYPES = ("methodology", "curriculum", "case-study", "tool")
#: ... and the plain pages that may too (the partner pages: issue 29), which the translation
#: status does not count among the items.
SUMMARY_SCOPE_TYPES = (*SUMMARY_TYPES, "page")


def model_for(kind: str, data: object) -> type[BaseModel]:
    """The model that validates front matter ``data`` of a page of type ``kind``."""
    if kind in SUMMARY_SCOPE_TYPES and isinstance(data, dict) and data.get("scope") == "summary":
        return SummaryTranslation
    return MODELS[kind]


MODELS: dict[str, type[Common]] = {
    "methodology": Methodology,
    "curriculum": Curriculum,
    "case-study": CaseStudy,
    "tool": ToolSheet,
    "page": Page,
    "capsule": Capsule,
}

#: A spoken script longer than this is flagged: it is meant to last about 90 seconds.
CAPSULE_MAX_WORDS = 220

#: Cross-link fields: (content type, field) -> type of the pages they name.
LINK_FIELDS: dict[tuple[str, str], str] = {
    ("methodology", "tools"): "tool",
    ("curriculum", "methodologies"): "methodology",
    ("curriculum", "tools"): "tool",
    ("curriculum", "sessions.tools"): "tool",
    ("case-study", "methodologies"): "methodology",
    ("case-study", "tools"): "tool",
}


class GlossaryTranslation(Strict):
    term: Text
    definition: Text | None = None


class NationalTerm(Strict):
    """A term in Bambara or Soninké: the word where one is in use, a short definition, or both."""

    term: Text | None = None
    definition: Text | None = None
    native_review: Literal["pending", "done"] = "pending"

    @model_validator(mode="after")
    def _says_something(self) -> NationalTerm:
        if self.term is None and self.definition is None:
            raise ValueError("give the term, a definition, or both")
        return self


class GlossaryEntry(Strict):
    id: Slug
    abbr: str | None = Field(default=None, description="Abbreviation shown in pages, e.g. PDESC.")
    fr: GlossaryTranslation
    en: GlossaryTranslation
    bm: NationalTerm | None = None
    snk: NationalTerm | None = None
    source: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    see: list[Slug] = []


for _model in (*MODELS.values(), Methodology, Curriculum, SummaryTranslation):
    _model.model_rebuild()


def confined_fields(model: type[BaseModel]) -> list[str]:
    """The fields of ``model`` that name a file (marked :class:`Confined`)."""
    return [
        name
        for name, field in model.model_fields.items()
        if _is_confined(field.annotation, field.metadata)
    ]


def _is_confined(annotation, metadata=()) -> bool:
    if any(isinstance(m, Confined) for m in metadata):
        return True
    if get_origin(annotation) is Annotated:
        return any(isinstance(m, Confined) for m in get_args(annotation)[1:])
    return any(_is_confined(arg) for arg in get_args(annotation))
