"""Pagination styles, and the bookkeeping that walks one listing page by page.

Strategies only read decoded pages and compute the next page's query; the clients do
the I/O, so sync and async listings share every decision made here. Strategies are
NamedTuples, not dataclasses: they are built at import time, where a dataclass costs
several times more to create for the same immutable record.
"""

# No `from __future__ import annotations` here, on purpose: NamedTuple fields are then
# real types, where string annotations would each be compiled by `typing` at import
# time, costing milliseconds for nothing.

import json
from collections.abc import Mapping, Sequence
from types import GenericAlias
from typing import Generic, NamedTuple, TypeAlias, TypeVar, cast

import httpx
import pydantic

from ._exceptions import APIResponseValidationError
from ._response import type_adapter, unwrap_envelope
from ._types import NotGiven

__all__ = [
    "CursorPagination",
    "OffsetPagination",
    "PagePagination",
    "PageWalker",
    "PaginationStrategy",
    "StartPagination",
]

T = TypeVar("T")

Query: TypeAlias = dict[str, object]


class OffsetPagination(NamedTuple):
    """`?offset=&limit=`: the next offset is this one plus the items received."""

    offset_param: str
    limit_param: str
    items: str | None = None
    """Dotted path of the item list in the page; None when the page is the list."""

    def first_query(self, query: Query) -> Query:
        return query

    def next_query(
        self, query: Query, page: object, items: Sequence[object], largest_page: int
    ) -> Query | None:
        if _is_last_page(items, query.get(self.limit_param), largest_page):
            return None
        offset = _as_int(query.get(self.offset_param), default=0)
        return {**query, self.offset_param: offset + len(items)}


class PagePagination(NamedTuple):
    """`?page=&page_size=`: page numbers counted from `first_page`."""

    page_param: str
    page_size_param: str
    items: str | None = None
    first_page: int = 1

    def first_query(self, query: Query) -> Query:
        # Some APIs answer a request without a page number with the whole listing, so
        # the first page is asked for by number too.
        if self.page_param in query:
            return query
        return {**query, self.page_param: self.first_page}

    def next_query(
        self, query: Query, page: object, items: Sequence[object], largest_page: int
    ) -> Query | None:
        if _is_last_page(items, query.get(self.page_size_param), largest_page):
            return None
        number = _as_int(query.get(self.page_param), default=self.first_page)
        return {**query, self.page_param: number + 1}


class CursorPagination(NamedTuple):
    """`?cursor=`: each page names the cursor of the next one."""

    cursor_param: str
    next_cursor: str
    """Dotted path of the next cursor in the page."""
    has_more: str | None = None
    """Dotted path of a boolean that is false on the last page, if the API has one."""
    items: str | None = None

    def first_query(self, query: Query) -> Query:
        return query

    def next_query(
        self, query: Query, page: object, items: Sequence[object], largest_page: int
    ) -> Query | None:
        if self.has_more is not None and not value_at(page, self.has_more):
            return None
        cursor = value_at(page, self.next_cursor)
        if cursor is None or cursor == "":
            return None
        return {**query, self.cursor_param: cursor}


class StartPagination(NamedTuple):
    """`?start=&limit=` over integer ids, in whichever order the API lists them.

    From a `start`, the next page starts after the largest id received. With an
    `end_param` and no `start`, the listing is read from the newest item down: the next
    page ends below the smallest id received."""

    start_param: str
    limit_param: str
    id_field: str
    items: str | None = None
    end_param: str | None = None

    def first_query(self, query: Query) -> Query:
        return query

    def next_query(
        self, query: Query, page: object, items: Sequence[object], largest_page: int
    ) -> Query | None:
        if _is_last_page(items, query.get(self.limit_param), largest_page):
            return None
        ids = [self._id_of(item) for item in items]
        descending = len(ids) > 1 and ids[0] > ids[-1]
        walking_down = descending and query.get(self.start_param) is None
        if self.end_param is not None and walking_down:
            return {**query, self.end_param: min(ids) - 1}
        return {**query, self.start_param: max(ids) + 1}

    def _id_of(self, item: object) -> int:
        value = value_at(item, self.id_field)
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError(f"an item has no integer `{self.id_field}`")
        return int(value)


PaginationStrategy: TypeAlias = (
    OffsetPagination | PagePagination | CursorPagination | StartPagination
)


class PageWalker(Generic[T]):
    """Follows one listing: holds the query of the next page to fetch (None when the
    listing is complete) and turns each fetched page into typed items."""

    def __init__(
        self,
        strategy: PaginationStrategy,
        query: Mapping[str, object] | None,
        *,
        item_type: type[T],
        envelope: str | None,
    ) -> None:
        self._strategy = strategy
        self._envelope = envelope
        self._list_type = cast(type[list[T]], GenericAlias(list, (item_type,)))
        given = {
            name: value
            for name, value in (query or {}).items()
            if value is not None and not isinstance(value, NotGiven)
        }
        given = strategy.first_query(given)
        self.query: Query | None = given
        self._seen = {_fingerprint(given)}
        self._largest_page = 0
        self._previous_items: object = None

    def take(self, response: httpx.Response) -> list[T]:
        """The items of a fetched page; advances `query` to the next page."""
        if self.query is None:
            raise RuntimeError("the listing is already complete")
        try:
            page = unwrap_envelope(json.loads(response.content), self._envelope)
            raw_items = _items_of(page, self._strategy.items)
            if raw_items and raw_items == self._previous_items:
                # The server ignored the page it was asked for (e.g. answered an
                # unpaginated request with everything again): the listing is complete.
                self.query = None
                return []
            self._previous_items = raw_items
            self._largest_page = max(self._largest_page, len(raw_items))
            next_query = self._strategy.next_query(
                self.query, page, raw_items, self._largest_page
            )
            items = type_adapter(self._list_type).validate_python(raw_items)
        except (pydantic.ValidationError, ValueError) as exc:
            raise APIResponseValidationError(
                response, f"Not a page of {self._strategy.items or 'items'}: {exc}"
            ) from exc
        self.query = self._unless_seen(next_query)
        return items

    def _unless_seen(self, query: Query | None) -> Query | None:
        # A server that hands back a cursor or page it already gave would otherwise
        # keep the listing going forever.
        if query is None:
            return None
        fingerprint = _fingerprint(query)
        if fingerprint in self._seen:
            return None
        self._seen.add(fingerprint)
        return query


def value_at(document: object, path: str) -> object:
    """The value at a dotted path (`meta.next_cursor`), or None where it is missing."""
    for key in path.split("."):
        if not isinstance(document, Mapping):
            return None
        document = document.get(key)
    return document


def _items_of(page: object, path: str | None) -> list[object]:
    items = page if path is None else value_at(page, path)
    if items is None:
        return []
    if not isinstance(items, list):
        raise ValueError(f"`{path or 'the body'}` is not a list")
    return items


def _is_last_page(
    items: Sequence[object], requested_size: object, largest_page: int
) -> bool:
    """An empty page ends a listing, and so does a short one: shorter than both the
    requested page size and the largest page seen. The second bound keeps a server
    that caps page sizes below the requested one from ending the listing early."""
    if not items:
        return True
    expected = largest_page
    if requested_size is not None:
        expected = min(expected, _as_int(requested_size, default=largest_page))
    return len(items) < expected


def _as_int(value: object, *, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a page size typed `number` in the spec
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        return int(value)
    raise ValueError(f"{value!r} is not a page number, offset or size")


def _fingerprint(query: Query) -> str:
    return json.dumps(query, sort_keys=True, default=str)
