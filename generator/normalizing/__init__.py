"""Normalising: any loaded document becomes OpenAPI 3.1 with every `$ref` checked, and is
validated against the OpenAPI 3.1 schema (with openapi-pydantic) beside the build."""
