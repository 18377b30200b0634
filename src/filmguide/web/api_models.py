"""The token API's answers and the share request, as models: ``/api/openapi.json`` publishes their
JSON Schemas (:mod:`filmguide.web.openapi`) beside the pages' (:mod:`filmguide.web.page_models`).

:mod:`filmguide.web.api` writes these answers; the schemathesis run of ``tests/web/test_openapi.py``
checks every answer it gets against these shapes.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from filmguide.model import Guide
from filmguide.web.page_models import PageModel


class Error(PageModel):
    error: str


class ShareRequest(PageModel):
    channel: Annotated[str, Field(min_length=1)]


class Shared(PageModel):
    """A share received: ``recorded`` when it was counted."""

    slug: str
    channel: str
    recorded: bool


class Saved(PageModel):
    """A guide written (``changed`` false: it was so already)."""

    slug: str
    url: str
    api_url: str
    created: bool
    changed: bool
    version: int
    warnings: list[str]


class GuideListItem(PageModel):
    slug: str
    title: str
    year: int | None
    url: str
    api_url: str


class ErrorDetail(PageModel):
    loc: str
    message: str


class ValidationError(PageModel):
    """422: the body is not a guide (``details``: where and why), or the article cannot be read."""

    error: str
    details: list[ErrorDetail] = Field(default_factory=list)


class Conflict(PageModel):
    """409: the guide's title links it to another film, named by ``slug``."""

    error: str
    slug: str


class Refused(PageModel):
    """409: the write would lose much of the guide; ``lost`` says what."""

    error: str
    slug: str
    lost: str


class Revision(PageModel):
    revision: int
    created_at: str
    source: str | None
    summary: str
    content_hash: str
    current: bool


class RevisionGuide(Revision):
    """One version's record, and the guide as it was."""

    guide: Guide


#: The models whose schemas ``/api/openapi.json`` publishes.
API_MODELS: tuple[type[PageModel], ...] = (
    Error,
    ShareRequest,
    Shared,
    Saved,
    GuideListItem,
    ValidationError,
    Conflict,
    Refused,
    Revision,
    RevisionGuide,
)
