"""Loader for `models-doc`: the "Data Models" page of a vendor's Python SDK, as text.

The page names pydantic models, each optionally followed by a one-sentence description
and a Field/Type/Description table whose cells lost their separators
(`idUUIDProduct UUID`). Enum values appear only in prose. There are no endpoints, so the
result is an OpenAPI document with empty `paths` and one component schema per model and
enum. Models the page names without a table are derived from a sibling model where the
name says how (`...Summary`, `...Create`) or typed as open objects otherwise.
"""

from __future__ import annotations

from generator.loading.models_doc.document import load

__all__ = ["load"]
