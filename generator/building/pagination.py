"""Which list operations page, and how: declared in sdk.toml or recognised in the spec."""

from __future__ import annotations

from collections.abc import Callable

from generator import ir
from generator.config import PaginationConfig
from generator.ir import types as t

ModelOf = Callable[[str], ir.Model]

_PAGE_SIZE_NAMES = ("page_size", "pageSize", "per_page", "perPage", "size", "limit")
_CURSOR_PAIRS = (
    ("cursor", "next_cursor"),
    ("cursor", "nextCursor"),
    ("page_token", "next_page_token"),
    ("pageToken", "nextPageToken"),
    ("continuationToken", "nextContinuationToken"),
    ("starting_after", "last_id"),
)
_ITEM_FIELD_PREFERENCE = ("data", "items", "results", "records", "entries")
_TOTAL_NAMES = ("total", "total_count", "totalCount", "total_results", "totalResults")
_TOTAL_PAGES_NAMES = ("total_pages", "totalPages", "page_count", "pageCount", "totalPageCount")


def paginate(
    op: ir.Operation, declared: tuple[PaginationConfig, ...], models: ModelOf
) -> ir.Pagination | None:
    """How `op` pages, if it does; `models` gives a model class by name."""
    if op.http_method != "get" or op.response.kind != "json":
        return None
    query = {p.wire_name for p in op.in_location("query")}
    for config in declared:
        if "*" in config.operations or op.operation_id in config.operations:
            found = _declared(config, op, query, models)
            if found is not None:
                return found
    return _detected(op, query, models)


def _declared(
    config: PaginationConfig, op: ir.Operation, query: set[str], models: ModelOf
) -> ir.Pagination | None:
    needed = {
        "offset": (config.offset_param, config.limit_param),
        "page": (config.page_param,),
        "cursor": (config.cursor_param,),
        "start": (config.start_param,),
    }[config.style]
    if not set(needed) <= query:
        return None
    items = _items(op.response.type, models, config.items)
    if items is None:
        return None
    path, item_type = items
    fields = _field_names(op.response.type, models)
    params = {
        "offset": (
            ("offset_param", config.offset_param),
            ("limit_param", config.limit_param),
            ("total", config.total or _first(_TOTAL_NAMES, fields)),
        ),
        "page": (
            ("page_param", config.page_param),
            ("page_size_param", config.page_size_param),
            ("total_pages", config.total_pages or _first(_TOTAL_PAGES_NAMES, fields)),
        ),
        "cursor": (
            ("cursor_param", config.cursor_param),
            ("next_cursor", config.next_cursor),
            ("has_more", config.has_more),
        ),
        "start": (
            ("start_param", config.start_param),
            ("limit_param", config.limit_param),
            ("id_field", config.id_field),
            # Only an operation that takes the parameter can be walked downwards.
            ("end_param", config.end_param if config.end_param in query else None),
        ),
    }[config.style]
    return ir.Pagination(config.style, item_type, path, _literal_params((*params, ("items", path))))


def _detected(op: ir.Operation, query: set[str], models: ModelOf) -> ir.Pagination | None:
    items = _items(op.response.type, models, None)
    if items is None:
        return None
    path, item_type = items
    response_fields = _field_names(op.response.type, models)
    if {"offset", "limit"} <= query:
        params = (
            ("offset_param", "offset"),
            ("limit_param", "limit"),
            ("items", path),
            ("total", _first(_TOTAL_NAMES, response_fields)),
        )
        return ir.Pagination("offset", item_type, path, _literal_params(params))
    size = next((n for n in _PAGE_SIZE_NAMES if n in query), None)
    if "page" in query and size:
        params = (
            ("page_param", "page"),
            ("page_size_param", size),
            ("items", path),
            ("total_pages", _first(_TOTAL_PAGES_NAMES, response_fields)),
        )
        return ir.Pagination("page", item_type, path, _literal_params(params))
    for cursor, next_field in _CURSOR_PAIRS:
        if cursor in query and next_field in response_fields:
            has_more = next((f for f in ("has_more", "hasMore") if f in response_fields), None)
            cursor_params = (
                ("cursor_param", cursor),
                ("next_cursor", next_field),
                ("has_more", has_more),
                ("items", path),
            )
            return ir.Pagination("cursor", item_type, path, _literal_params(cursor_params))
    return None


def _items(
    response: t.Type, models: ModelOf, declared: str | None
) -> tuple[str | None, t.Type] | None:
    """Where the page's list is and what its items are."""
    item = t.list_item(response)
    if item is not None and declared is None:
        return None, item
    if not isinstance(response, t.ModelRef):
        return None
    fields = {f.wire_name: f for f in models(response.name).fields}
    if declared is not None:
        field = fields.get(declared)
        item = t.list_item(field.type) if field else None
        return (declared, item) if item is not None else None
    lists = [f for f in fields.values() if t.list_item(f.type) is not None]
    preferred = [f for f in lists if f.wire_name in _ITEM_FIELD_PREFERENCE]
    chosen = preferred or lists
    item = t.list_item(chosen[0].type) if len(chosen) == 1 else None
    return (chosen[0].wire_name, item) if item is not None else None


def _field_names(response: t.Type, models: ModelOf) -> set[str]:
    if not isinstance(response, t.ModelRef):
        return set()
    return {f.wire_name for f in models(response.name).fields}


def _first(names: tuple[str, ...], fields: set[str]) -> str | None:
    """The first of `names` the page has: where it tells its total."""
    return next((name for name in names if name in fields), None)


def _literal_params(pairs: tuple[tuple[str, str | None], ...]) -> tuple[tuple[str, str], ...]:
    """Keyword arguments of the strategy; those left at None are left out."""
    return tuple((name, repr(value)) for name, value in pairs if value is not None)
