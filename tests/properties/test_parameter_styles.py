"""Every parameter location and style on the wire: for any values, what the server
receives decodes back to them under the rules of the OpenAPI specification ("Style
Values" and "Style Examples"); separators stay literal, values are percent-encoded. A
style the specification does not define for a location is named in a warning."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_plus

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.pipeline import generate
from tests.conftest import import_generated
from tests.properties.packages import resources, sync_client, write_spec
from tests.properties.settings import PROPERTY_SETTINGS
from tests.support.http_server import RecordedRequest, RecordingServer, Reply

_ARRAY = {"type": "array", "items": {"type": "string"}}
_STRING = {"type": "string"}
# name -> (in, style, explode, schema); the method takes the same names.
PARAMETERS: dict[str, tuple[str, str, bool, dict[str, Any]]] = {
    "simple": ("path", "simple", False, _ARRAY),
    "label": ("path", "label", False, _ARRAY),
    "labelx": ("path", "label", True, _ARRAY),
    "matrix": ("path", "matrix", False, _STRING),
    "matrixx": ("path", "matrix", True, _ARRAY),
    "form": ("query", "form", True, _ARRAY),
    "formn": ("query", "form", False, _ARRAY),
    "space": ("query", "spaceDelimited", False, _ARRAY),
    "pipe": ("query", "pipeDelimited", False, _ARRAY),
    "head": ("header", "simple", False, _ARRAY),
}
_PATH = "/s/" + "/".join(f"{{{n}}}" for n, (where, *_) in PARAMETERS.items() if where == "path")
# Items never contain a separator of any style (that would make the wire form ambiguous).
_ITEMS = st.text(
    st.characters(min_codepoint=33, max_codepoint=126, exclude_characters=",.;=| "),
    min_size=1,
    max_size=6,
)


def _document() -> dict[str, Any]:
    parameters = [
        {
            "name": name,
            "in": where,
            "style": style,
            "explode": explode,
            "schema": schema,
            "required": where == "path",
        }
        for name, (where, style, explode, schema) in PARAMETERS.items()
    ]
    return {
        "openapi": "3.1.0",
        "info": {"title": "Styles", "version": "1"},
        "paths": {
            _PATH: {
                "get": {
                    "operationId": "styles",
                    "parameters": parameters,
                    "responses": {"204": {"description": "ok"}},
                }
            }
        },
    }


@dataclass
class Styles:
    send: Callable[[dict[str, Any]], RecordedRequest]
    warned: set[str]
    """Parameters whose style a generator warning names."""


@pytest.fixture(scope="module")
def styles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Styles]:
    spec = write_spec(_document(), tmp_path_factory.mktemp("styles"), "styles")
    summary = generate(spec, spec.parent / "out", force=True, name="styles")
    warned = {
        name
        for name in PARAMETERS
        for d in summary.warnings
        if d.location.endswith(f"/parameters/{name}") and "style" in d.message
    }
    package = import_generated(spec.parent / "out", "styles")
    with RecordingServer() as server:
        server.set_handler(lambda request: Reply(status=204))
        client = sync_client(package, base_url=server.url, max_retries=0)
        (resource,) = resources(client).values()

        def send(values: dict[str, Any]) -> RecordedRequest:
            resource.styles(**values)
            return server.requests[-1]

        yield Styles(send, warned)


def _path_values(segment: str, name: str) -> Any:
    _, style, explode, schema = PARAMETERS[name]
    if style == "simple":
        return [unquote(v) for v in segment.split(",")]
    if style == "label":
        assert segment.startswith("."), segment
        return [unquote(v) for v in segment[1:].split("." if explode else ",")]
    assert segment.startswith(f";{name}="), segment
    if schema is _STRING:
        return unquote(segment[len(name) + 2 :])
    if explode:
        return [unquote(part.removeprefix(f"{name}=")) for part in segment[1:].split(";")]
    return [unquote(v) for v in segment[len(name) + 2 :].split(",")]


def _query_values(query: str, name: str) -> list[str]:
    _, style, explode, _ = PARAMETERS[name]
    # A query is form-encoded: `+` is a space (a literal `+` travels as `%2B`).
    raw = [
        unquote_plus(pair.partition("=")[2])
        for pair in query.split("&")
        if pair.partition("=")[0] == name
    ]
    if explode:
        return raw
    separator = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}[style]
    (joined,) = raw
    return joined.split(separator)


def test_every_style_is_supported(styles: Styles) -> None:
    assert styles.warned == set()


@pytest.mark.parametrize(
    ("location", "style"),
    [("query", "matrix"), ("header", "form"), ("cookie", "deepObject"), ("path", "pipeDelimited")],
)
def test_a_style_undefined_for_its_location_is_warned_about(
    tmp_path: Path, location: str, style: str
) -> None:
    path = "/odd/{odd}" if location == "path" else "/odd"
    parameter = {"name": "odd", "in": location, "style": style, "required": True, "schema": _ARRAY}
    operation = {
        "operationId": "odd",
        "parameters": [parameter],
        "responses": {"204": {"description": "ok"}},
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Odd", "version": "1"},
        "paths": {path: {"get": operation}},
    }
    spec = write_spec(document, tmp_path, "odd")
    summary = generate(spec, tmp_path / "out", force=True, name="odd")
    (warning,) = [d for d in summary.warnings if d.location.endswith("/parameters/odd")]
    assert f"{style!r} is not defined for {location} parameters" in warning.message


@PROPERTY_SETTINGS
@given(data=st.data())
def test_every_style_decodes_back_to_the_values(styles: Styles, data: st.DataObject) -> None:
    values = {
        name: data.draw(
            _ITEMS if schema is _STRING else st.lists(_ITEMS, min_size=1, max_size=3), label=name
        )
        for name, (_, _, _, schema) in PARAMETERS.items()
    }
    request = styles.send(values)
    segments = request.path.split("/")[2:]
    path_names = [n for n, (where, *_) in PARAMETERS.items() if where == "path"]
    assert len(segments) == len(path_names), request.path
    for name, segment in zip(path_names, segments, strict=True):
        assert _path_values(segment, name) == values[name], f"{name}: {segment}"
    for name in (n for n, (where, *_) in PARAMETERS.items() if where == "query"):
        assert _query_values(request.query, name) == values[name], f"{name}: {request.query}"
    assert request.header("head") == ",".join(values["head"])
