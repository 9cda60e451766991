"""The OpenAPI document a read page amounts to.

No operation's method or path is on the page, so every operation goes under
`x-sdkgen-unplaced`, keyed by its operationId, for an overlay to place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.diagnostics import Diagnostics, Disclosure, Subject
from generator.loading.overlay import UNPLACED
from generator.loading.redoc_text.infer import (
    fill_from_sample,
    infer_schema,
    map_placeholders,
    sample_outside_enum,
)
from generator.loading.redoc_text.model import Body, Entry, Page, Section
from generator.loading.redoc_text.names import Listing, assign_ids

_JSON = "application/json"
_SUCCESS = "Successful response"
_INFERRED = (
    "typed from the sample, accepting what it cannot rule out: every field optional, "
    "text as `str` whatever it looks like"
)


def build_document(page: Page, location: str, diagnostics: Diagnostics) -> dict[str, Any]:
    builder = _Builder(location, diagnostics, page.shows_authorizations)
    for section, listing in zip(page.sections, assign_ids(page.sections), strict=True):
        builder.add(section, listing)
    info = {"title": page.title, "version": page.version}
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {**info, "description": page.description} if page.description else info,
        "paths": {},
        UNPLACED: builder.operations,
    }
    if page.schemes:
        document["components"] = {"securitySchemes": {s.name: s.definition for s in page.schemes}}
        document["security"] = [{s.name: []} for s in page.schemes]
    else:
        diagnostics.note(location, "the page has no Authentication section", "no security scheme")
    return document


@dataclass
class _Builder:
    location: str
    diagnostics: Diagnostics
    shows_authorizations: bool
    operations: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, section: Section, listing: Listing) -> None:
        at = self._at(section.line)
        operation_id = listing.operation_id
        if listing.repeat:
            self.diagnostics.note(
                at, f"{operation_id} is listed again (under another tag)", "kept once"
            )
            return
        if listing.clash:
            self.diagnostics.warn(
                at, f"another operation is already named {listing.clash}", f"named {operation_id}"
            )
        if section.title is None:
            self.diagnostics.warn(
                at,
                "operation heading lost (name, description, parameters, request body fields)",
                f"kept as {operation_id}",
            )
        if section.intro:
            self.diagnostics.note(
                at,
                "text above this operation describes a tag whose name was lost",
                "not attached to any tag",
            )
        self.operations[operation_id] = self._operation(operation_id, section)

    def _operation(self, operation_id: str, section: Section) -> dict[str, Any]:
        operation: dict[str, Any] = {"operationId": operation_id}
        if section.title is not None and section.title != operation_id:
            # A summary the id was made from (`Get Alerts`), kept for the docs.
            operation["summary"] = section.title
        if section.description and section.description != section.title:
            operation["description"] = section.description
        if self.shows_authorizations and section.title is not None and not section.secured:
            operation["security"] = []
        subject = Subject("operation", operation_id)
        if parameters := self._parameters(section, subject):
            operation["parameters"] = parameters
        if body := self._request_body(section, subject):
            operation["requestBody"] = body
        operation["responses"] = self._responses(section, subject)
        return operation

    def _parameters(self, section: Section, subject: Subject) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = []
        for where, entry in section.parameters:
            if entry.name is None:
                self.diagnostics.warn(
                    self._at(entry.line),
                    f"a {where} parameter lost its name on the page",
                    "parameter skipped",
                    disclosure=Disclosure.LEFT_OUT,
                    subject=subject,
                )
                continue
            parameter: dict[str, Any] = {"name": entry.name, "in": where}
            if where == "path" or entry.required:
                parameter["required"] = True
            if description := _description(entry):
                parameter["description"] = description
            parameters.append({**parameter, "schema": entry.schema})
        return parameters

    def _request_body(self, section: Section, subject: Subject) -> dict[str, Any] | None:
        sample = section.sample(request=True)
        value = sample.value if sample else None
        if section.body is not None:
            body = section.body
        elif sample is not None:
            body = Body(sample.media_type or _JSON, False, "", [], sample.line)
        else:
            return None
        schema = self._body_schema(body, value, subject)
        request: dict[str, Any] = {"content": {body.media_type: {"schema": schema}}}
        if body.description:
            request["description"] = body.description
        if body.required:
            request["required"] = True
        return request

    def _body_schema(self, body: Body, value: Any, subject: Subject) -> dict[str, Any]:
        at = self._at(body.line)
        if not body.fields:
            if value is None:
                self.diagnostics.warn(
                    at, "request body shown without fields or a sample", "typed as any JSON"
                )
                return {}
            self.diagnostics.note(
                at,
                "request body fields not shown",
                "typed from its sample",
                disclosure=Disclosure.ASSUMED,
                subject=subject,
            )
            return infer_schema(value)
        item = value[0] if isinstance(value, list) and value else value
        example = item if isinstance(item, dict) else {}
        fields = [entry for entry in body.fields if not entry.additional]
        properties: dict[str, Any] = {}
        required: list[str] = []
        # A map's placeholder keys (`property1`) are no lost field's name.
        keys = [key for key in example if key not in map_placeholders(example)]
        for name, entry in self._named_fields(fields, keys, subject):
            schema = self._field_schema(entry, name, example, subject)
            properties.setdefault(name, schema)
            if entry.required and name not in required:
                required.append(name)
        schema = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        if values := next((entry for entry in body.fields if entry.additional), None):
            schema["additionalProperties"] = values.schema
        if isinstance(value, list) and example:
            self.diagnostics.note(
                at,
                "the request sample is a list of the fields shown",
                "typed as an array of them",
                disclosure=Disclosure.ASSUMED,
                subject=subject,
            )
            return {"type": "array", "items": schema}
        return schema

    def _field_schema(
        self, entry: Entry, name: str, example: dict[str, Any], subject: Subject
    ) -> dict[str, Any]:
        schema = dict(entry.schema)
        if description := _description(entry):
            schema["description"] = description
        if name not in example:
            return schema
        if sample_outside_enum(schema, example[name]):
            schema["enum"] = [*schema["enum"], example[name]]
            self.diagnostics.note(
                self._at(entry.line),
                "the request sample holds a value the field's listed values leave out "
                "(Redoc lists the values of the first alternative only)",
                "the sample's value accepted too",
                disclosure=Disclosure.ASSUMED,
                subject=subject,
            )
        return fill_from_sample(schema, example[name])

    def _named_fields(
        self, fields: list[Entry], sample_keys: list[str], subject: Subject
    ) -> list[tuple[str, Entry]]:
        """Each field with its name; a lost name is taken from the request sample when the
        sample shows exactly as many keys the page does not name as there are lost names."""
        lost = [entry for entry in fields if entry.name is None]
        named = {entry.name for entry in fields}
        spare = [key for key in sample_keys if key not in named]
        found = dict(zip(map(id, lost), spare, strict=True)) if len(spare) == len(lost) else {}
        kept: list[tuple[str, Entry]] = []
        for entry in fields:
            if entry.name is not None:
                kept.append((entry.name, entry))
            elif id(entry) in found:
                self.diagnostics.note(
                    self._at(entry.line),
                    "request body field name lost; named after a key of the request sample",
                    f"named {found[id(entry)]!r}",
                    disclosure=Disclosure.ASSUMED,
                    subject=subject,
                )
                kept.append((found[id(entry)], entry))
            else:
                self.diagnostics.warn(
                    self._at(entry.line),
                    "request body field name lost and the request sample does not settle it",
                    "field skipped",
                    disclosure=Disclosure.LEFT_OUT,
                    subject=subject,
                )
        return kept

    def _responses(self, section: Section, subject: Subject) -> dict[str, Any]:
        sample = section.sample(request=False)
        if sample is None:
            self.diagnostics.warn(
                self._at(section.line), "no response sample", "response body untyped"
            )
            return {"200": {"description": _SUCCESS}}
        self.diagnostics.note(
            self._at(sample.line),
            "response type inferred from the page's response sample",
            _INFERRED,
            disclosure=Disclosure.ASSUMED,
            subject=subject,
        )
        content = {sample.media_type or _JSON: {"schema": infer_schema(sample.value)}}
        return {sample.status or "200": {"description": _SUCCESS, "content": content}}

    def _at(self, line: int) -> str:
        return f"{self.location}:{line}"


def _description(entry: Entry) -> str:
    return "\n".join(entry.description).strip()
