"""The table of a guide's JSON keys (filmguide.guide_keys) is the model's, and tells a document
the model wrote from one written before a field was added."""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

import orjson
from pydantic import BaseModel

from filmguide.article import parse_path
from filmguide.guide_keys import GUIDE, in_current_form
from filmguide.model import Guide
from tests.conftest import SEED


def _layout(model: type[BaseModel]) -> dict[str, Any]:
    """The keys of ``model``'s JSON in order, each with the layout of the objects it holds."""
    return {name: _inner(field.annotation) for name, field in model.model_fields.items()}


def _inner(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        (kind,) = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _inner(kind)
    if origin is list:
        inner = _inner(get_args(annotation)[0])
        return [inner] if inner is not None else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _layout(annotation)
    return None


def test_the_table_is_the_models() -> None:
    assert _layout(Guide) == GUIDE
    assert [list(part) for part in (GUIDE, _layout(Guide))] == [list(Guide.model_fields)] * 2


def test_the_models_json_is_in_the_current_form_and_an_older_one_is_not() -> None:
    written = orjson.loads(parse_path(SEED).model_dump_json())
    assert in_current_form(written)
    assert in_current_form(orjson.loads(Guide(title="Heat").model_dump_json()))

    without_origin = {key: value for key, value in written.items() if key != "origin"}
    assert not in_current_form(without_origin)
    reordered = {"year": written["year"], **written}
    assert not in_current_form(reordered)
    inner_missing = {**written, "recommendations": [{"title": "Barfly", "year": 1987}]}
    assert not in_current_form(inner_missing)
    assert not in_current_form({**written, "summary": None})
    assert not in_current_form(None)
