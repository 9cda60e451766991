"""openapi-core as an independent judge of requests: it parses a recorded request the
way a server using it would (through werkzeug, its own werkzeug adapter, then its
deserialisers, casters, validators and unmarshallers) and says what values it received.

openapi-core 0.23.1 reads three serialisations from places its own request parsing
does not fill; the adapter fills them, from the request as received, and changes no
value:
- label and matrix path parameters are looked up as `.name`, `.name*`, `;name` and
  `;name*`, while its path matching yields `name`: the matched segment is offered under
  every such key;
- `spaceDelimited` values are split on a literal `%20` after werkzeug has decoded it to
  a space: the space-separated value is offered with `%20` between the items again;
- an exploded form object (`R=100&G=200`) is read from `location[name]` as one
  `&`-joined text: the pairs of the query (or cookie) are offered so, under the name.

And it is configured to take a boolean only as JSON spells it (`true`, `false`), as the
specification's serialisations are written; by default it also takes `True`, `yes`, `1`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, unquote_to_bytes

from openapi_core import Config, OpenAPI
from openapi_core.casting.schemas import oas31_casters_dict, oas31_schema_casters_factory
from openapi_core.casting.schemas.casters import (
    AnyCaster,
    BooleanCaster,
    PrimitiveCaster,
    TypesCaster,
)
from openapi_core.casting.schemas.factories import SchemaCastersFactory
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest
from openapi_core.unmarshalling.request.datatypes import RequestUnmarshalResult
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from tests.support.http_server import RecordedRequest

HOST = "http://localhost"
"""The server URL the judged document must declare."""


class _JsonBoolean(BooleanCaster):
    def validate(self, value: Any) -> None:
        if not isinstance(value, bool) and value not in ("true", "false"):
            raise ValueError(f"not a JSON boolean: {value!r}")


_CASTERS = SchemaCastersFactory(
    oas31_schema_casters_factory.schema_validators_factory,
    TypesCaster({**oas31_casters_dict, "boolean": _JsonBoolean}, AnyCaster, multi=PrimitiveCaster),
)


class Reference:
    def __init__(self, document: Mapping[str, Any]) -> None:
        config = Config(schema_casters_factory=_CASTERS)
        self.openapi = OpenAPI.from_dict(dict(document), config=config)

    def unmarshal(
        self, recorded: RecordedRequest, template: str, parameters: list[dict[str, Any]]
    ) -> RequestUnmarshalResult:
        """What openapi-core makes of the request, sent to the operation at path
        `template` whose declared parameters are `parameters`."""
        environ = EnvironBuilder(
            method=recorded.method,
            # The server named in the document, not the test server's address.
            headers=[(k, v) for k, v in recorded.headers if k.lower() != "host"],
            data=recorded.body or None,
            base_url=HOST,
        ).get_environ()
        # As a WSGI server sets them: the path percent-decoded (bytes as latin-1), the
        # query as received.
        environ["PATH_INFO"] = unquote_to_bytes(recorded.path).decode("latin-1")
        environ["QUERY_STRING"] = recorded.query
        request = WerkzeugOpenAPIRequest(Request(environ))
        for parameter in parameters:
            _fill_lookups(request, template, parameter)
        return self.openapi.unmarshal_request(request)


def _fill_lookups(
    request: WerkzeugOpenAPIRequest, template: str, parameter: dict[str, Any]
) -> None:
    name, location, style = parameter["name"], parameter["in"], parameter.get("style")
    found = request.parameters
    if location == "path" and style in ("label", "matrix"):
        segments = dict(zip(template.split("/"), request.path.split("/"), strict=True))
        segment = segments["{" + name + "}"]
        keys = (f".{name}", f".{name}*", f";{name}", f";{name}*")
        found.path = {**found.path, **dict.fromkeys(keys, segment)}
    elif location == "query" and style == "spaceDelimited" and name in found.query:
        found.query = _with(found.query, name, found.query[name].replace(" ", quote(" ")))
    elif _exploded_form_object(parameter) and location in ("query", "cookie"):
        pairs = found.query if location == "query" else found.cookie
        joined = "&".join(f"{key}={value}" for key, value in pairs.items(multi=True))
        if location == "query":
            found.query = _with(found.query, name, joined)
        else:
            found.cookie = _with(found.cookie, name, joined)


def _exploded_form_object(parameter: dict[str, Any]) -> bool:
    schema = parameter.get("schema") or {}
    return (
        parameter.get("style", "form") == "form"
        and parameter.get("explode", True)
        and schema.get("type") == "object"
    )


def _with(pairs: Mapping[str, str], name: str, value: str) -> ImmutableMultiDict[str, str]:
    """The pairs with `name` holding `value` only."""
    kept = [(k, v) for k, v in ImmutableMultiDict(pairs).items(multi=True) if k != name]
    return ImmutableMultiDict([*kept, (name, value)])
