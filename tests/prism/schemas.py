"""Reading the schemas of one normalised OpenAPI 3.1 document: following `$ref`s and
checking a value against a schema (JSON Schema 2020-12, formats included)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import jsonschema
from jsonschema import Draft202012Validator

Schema = Mapping[str, Any]

_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)
_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$")

# jsonschema checks some formats only when optional packages are installed; these are
# the ones Prism's validator (ajv-formats) checks and that API documents use.
_FORMATS = jsonschema.FormatChecker()
_FORMATS.checks("date-time")(lambda v: not isinstance(v, str) or bool(_DATE_TIME.match(v)))
_FORMATS.checks("time")(lambda v: not isinstance(v, str) or bool(_TIME.match(v)))
_FORMATS.checks("uri")(lambda v: not isinstance(v, str) or bool(urlsplit(v).scheme))


class Document:
    """A normalised OpenAPI document, for looking schemas up and validating values."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self.components: Mapping[str, Any] = document.get("components", {})

    def resolve(self, schema: Schema) -> Schema:
        """The schema a (chain of) `$ref` names; sibling keywords other than `$ref` are
        dropped, which only loses annotations in the documents the generator writes."""
        seen: set[str] = set()
        while isinstance(schema, Mapping) and "$ref" in schema:
            ref = schema["$ref"]
            if ref in seen:
                raise ValueError(f"{ref} refers to itself")
            seen.add(ref)
            schema = self.pointer(ref)
        return schema

    def pointer(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise ValueError(f"only local references are supported, not {ref}")
        node: Any = self.document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def errors(self, value: object, schema: Schema) -> list[str]:
        """Why `value` does not satisfy `schema` (empty when it does)."""
        # The document's components travel with the schema so that its local
        # `#/components/...` references resolve.
        root = {**schema, "components": self.components}
        validator = Draft202012Validator(root, format_checker=_FORMATS)
        return [
            f"{'/'.join(map(str, e.absolute_path)) or '<value>'}: {e.message[:200]}"
            for e in validator.iter_errors(value)
        ]

    def is_valid(self, value: object, schema: Schema) -> bool:
        return not self.errors(value, schema)
