"""The runtime's one rule for parameters, against the OpenAPI 3.1 specification's own
"Style Examples" table (`color` as "blue", ["blue", "black", "brown"] and
{"R": 100, "G": 200, "B": 150}), row by row, then the rest of what the specification
says about parameters: booleans as JSON writes them, allowReserved, `content`, and the
values a header cannot carry."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import pytest

from tests.support.http_server import RecordingServer, Reply

STRING = "blue"
ARRAY = ["blue", "black", "brown"]
OBJECT = {"R": 100, "G": 200, "B": 150}

# (style, explode) -> the table's string, array and object cells (None: "n/a").
PATH_TABLE: dict[tuple[str, bool], tuple[str, str, str]] = {
    ("matrix", False): (";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"),
    ("matrix", True): (
        ";color=blue",
        ";color=blue;color=black;color=brown",
        ";R=100;G=200;B=150",
    ),
    ("label", False): (".blue", ".blue,black,brown", ".R,100,G,200,B,150"),
    ("label", True): (".blue", ".blue.black.brown", ".R=100.G=200.B=150"),
    ("simple", False): ("blue", "blue,black,brown", "R,100,G,200,B,150"),
    ("simple", True): ("blue", "blue,black,brown", "R=100,G=200,B=150"),
}
QUERY_TABLE: dict[tuple[str, bool], tuple[str | None, str, str]] = {
    ("form", False): ("color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"),
    ("form", True): ("color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"),
    ("spaceDelimited", False): (
        None,
        "color=blue%20black%20brown",
        "color=R%20100%20G%20200%20B%20150",
    ),
    ("pipeDelimited", False): (None, "color=blue|black|brown", "color=R|100|G|200|B|150"),
}


def _cells(value: Any) -> int:
    return {str: 0, list: 1, dict: 2}[type(value)]


@pytest.fixture(scope="module")
def params(sdk: ModuleType) -> ModuleType:
    return importlib.import_module(f"{sdk.__name__}._parameters")


@pytest.mark.parametrize(("style", "explode"), list(PATH_TABLE))
@pytest.mark.parametrize("value", [STRING, ARRAY, OBJECT], ids=["string", "array", "object"])
def test_path_styles_match_the_specification(
    params: ModuleType, style: str, explode: bool, value: Any
) -> None:
    styled = params.Param(value, style=style, explode=explode)
    rendered = params.render_path("/paint/{color}", {"color": styled})
    assert rendered == "/paint/" + PATH_TABLE[(style, explode)][_cells(value)]


QUERY_CASES = [
    (style, explode, value, cells[_cells(value)])
    for (style, explode), cells in QUERY_TABLE.items()
    for value in (STRING, ARRAY, OBJECT)
    if cells[_cells(value)] is not None
]


@pytest.mark.parametrize(("style", "explode", "value", "expected"), QUERY_CASES)
def test_query_styles_match_the_specification(
    params: ModuleType, style: str, explode: bool, value: Any, expected: str
) -> None:
    query = {"color": params.Param(value, style=style, explode=explode)}
    assert params.encode_query(query) == expected


def test_deep_object_matches_the_specification(params: ModuleType) -> None:
    query = {"color": params.Param(OBJECT, style="deepObject", explode=True)}
    assert params.encode_query(query) == "color[R]=100&color[G]=200&color[B]=150"


@pytest.mark.parametrize("explode", [False, True])
@pytest.mark.parametrize("value", [STRING, ARRAY, OBJECT], ids=["string", "array", "object"])
def test_headers_are_simple_style(params: ModuleType, explode: bool, value: Any) -> None:
    headers = params.encode_headers({"X-Color": params.Param(value, explode=explode)})
    assert headers == {"x-color": PATH_TABLE[("simple", explode)][_cells(value)]}


@pytest.mark.parametrize(
    ("explode", "value", "expected"),
    [
        (False, STRING, "color=blue"),
        (False, ARRAY, "color=blue,black,brown"),
        (False, OBJECT, "color=R,100,G,200,B,150"),
        (True, STRING, "color=blue"),
        # An exploded form value repeats the cookie, as cookie parsers read repeats.
        (True, ARRAY, "color=blue; color=black; color=brown"),
        (True, OBJECT, "R=100; G=200; B=150"),
    ],
)
def test_cookies_are_form_style(
    params: ModuleType, explode: bool, value: Any, expected: str
) -> None:
    assert params.cookie_header({"color": params.Param(value, explode=explode)}) == expected


def test_bare_values_take_their_locations_default_style(params: ModuleType) -> None:
    assert params.render_path("/{c}", {"c": ARRAY}) == "/blue,black,brown"
    assert params.encode_query({"color": ARRAY}) == "color=blue&color=black&color=brown"
    assert params.encode_query({"color": OBJECT}) == "R=100&G=200&B=150"
    assert params.encode_headers({"X-C": OBJECT}) == {"x-c": "R,100,G,200,B,150"}
    assert params.cookie_header({"color": ARRAY}) == "color=blue; color=black; color=brown"


def test_booleans_are_written_as_json_writes_them(params: ModuleType) -> None:
    flags = [True, False]
    assert params.encode_query({"f": params.Param(flags, explode=False)}) == "f=true,false"
    assert params.encode_query({"f": flags}) == "f=true&f=false"
    assert params.encode_headers({"X-F": flags}) == {"x-f": "true,false"}
    assert params.render_path("/{f}", {"f": params.Param(flags, style="label")}) == "/.true,false"
    assert params.cookie_header({"f": params.Param(flags, explode=False)}) == "f=true,false"
    assert params.encode_query({"f": {"on": True}}) == "on=true"


def test_separators_stay_literal_and_values_are_encoded(params: ModuleType) -> None:
    items = ["a,b", "c d", "e|f", "g&h=i", "é"]
    assert params.encode_query({"q": params.Param(items, explode=False)}) == (
        "q=a%2Cb,c%20d,e%7Cf,g%26h%3Di,%C3%A9"
    )
    assert params.encode_query(
        {"q": params.Param(items, style="pipeDelimited", explode=False)}
    ) == ("q=a%2Cb|c%20d|e%7Cf|g%26h%3Di|%C3%A9")
    assert params.render_path(
        "/{p}", {"p": params.Param(["a.b", "/"], style="label", explode=True)}
    ) == ("/.a.b.%2F")


def test_allow_reserved_leaves_reserved_characters_unencoded(params: ModuleType) -> None:
    path = "/files/a:b@c,d;e=f!$'()*?"
    assert params.encode_query({"p": params.Param(path, allow_reserved=True)}) == f"p={path}"
    assert (
        params.encode_query({"p": path})
        == "p=%2Ffiles%2Fa%3Ab%40c%2Cd%3Be%3Df%21%24%27%28%29%2A%3F"
    )
    # What a query cannot hold literally, or what a form would read otherwise, stays encoded.
    unsafe = "a#b[c]d&e+f%g h"
    assert params.encode_query({"p": params.Param(unsafe, allow_reserved=True)}) == (
        "p=a%23b%5Bc%5Dd%26e%2Bf%25g%20h"
    )


def test_a_content_parameter_is_sent_as_json_text(params: ModuleType) -> None:
    value = {"lat": 1.5, "tags": ["a"], "ok": True}
    query = {"where": params.Param(value, content_type="application/json")}
    assert params.encode_query(query) == (
        "where=%7B%22lat%22%3A1.5%2C%22tags%22%3A%5B%22a%22%5D%2C%22ok%22%3Atrue%7D"
    )
    header = params.encode_headers({"X-W": params.Param(["a"], content_type="application/json")})
    assert header == {"x-w": '["a"]'}


def test_empty_arrays_and_objects_are_left_out(params: ModuleType) -> None:
    assert params.encode_query({"a": [], "o": {}, "n": None, "k": "v"}) == "k=v"
    assert params.encode_headers({"X-A": [], "X-B": {}}) == {}
    assert params.cookie_header({"a": []}) is None


@pytest.mark.parametrize("value", ["zürich", "日本", "naïve", ["ok", "é"]])
def test_a_header_outside_ascii_raises_an_error_naming_it(
    sdk: ModuleType, http_server: RecordingServer, value: object
) -> None:
    client = sdk.SyncAPIClient(base_url=http_server.url, max_retries=0)
    with client, pytest.raises(sdk.InvalidParameterError, match="X-City") as raised:
        client.request("GET", "/", cast_to=type(None), headers={"X-City": value})
    assert (raised.value.parameter, raised.value.location) == ("X-City", "header")
    assert isinstance(raised.value, sdk.APIError) and isinstance(raised.value, ValueError)
    assert http_server.requests == []


@pytest.mark.parametrize("value", ["a\r\nX-Evil: 1", "a\nb"])
def test_a_header_with_a_line_break_raises_the_same_error(
    sdk: ModuleType, http_server: RecordingServer, value: str
) -> None:
    http_server.enqueue(Reply(status=204))
    client = sdk.SyncAPIClient(base_url=http_server.url, max_retries=0)
    with client, pytest.raises(sdk.InvalidParameterError, match="X-Note"):
        client.request("GET", "/", cast_to=type(None), headers={"X-Note": value})
    assert http_server.requests == []
