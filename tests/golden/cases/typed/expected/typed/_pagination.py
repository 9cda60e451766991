"""Pages of a listing, the styles of pagination, and the bookkeeping between pages.

A paginated method fetches its first page and returns it as a page object: the page's
own fields (`page.body`), its items (`page.items`), `has_next_page()` and
`get_next_page()`, and iteration over every item of the listing from there on,
fetching further pages as needed (`for` on the sync client, `async for` on the async
one). There is one page class per style, for each client.

Strategies only read decoded pages and compute the next page's query; the clients do
the I/O, so sync and async listings share every decision made here. Strategies are
NamedTuples, not dataclasses: they are built at import time, where a dataclass costs
several times more to create for the same immutable record.
"""

# No `from __future__ import annotations` here, on purpose: NamedTuple fields are then
# real types, where string annotations would each be compiled by `typing` at import
# time, costing milliseconds for nothing.

import json
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterator,
    Mapping,
    Sequence,
)
from types import GenericAlias
from typing import Any, Generic, NamedTuple, Self, TypeAlias, TypeVar, cast

import httpx
import pydantic

from ._exceptions import APIResponseValidationError
from ._guards import is_array, is_object
from ._response import APIResponse, type_adapter, unwrap_envelope, validate_python
from ._types import NotGiven

__all__ = [
    "AsyncCursorPage",
    "AsyncOffsetPage",
    "AsyncPage",
    "AsyncPageNumberPage",
    "AsyncStartPage",
    "CursorPagination",
    "Listing",
    "OffsetPagination",
    "PagePagination",
    "PageResponse",
    "PaginationStrategy",
    "StartPagination",
    "SyncCursorPage",
    "SyncOffsetPage",
    "SyncPage",
    "SyncPageNumberPage",
    "SyncStartPage",
]

ItemT = TypeVar("ItemT")
BodyT = TypeVar("BodyT")
PageT = TypeVar("PageT")

Query: TypeAlias = dict[str, object]


class OffsetPagination(NamedTuple):
    """`?offset=&limit=`: the next offset is this one plus the items received."""

    offset_param: str
    limit_param: str
    items: str | None = None
    """Dotted path of the item list in the page; None when the page is the list."""
    total: str | None = None
    """Dotted path of the listing's total number of items, where pages carry it."""

    def first_query(self, query: Query) -> Query:
        return query

    def next_query(
        self, query: Query, page: object, items: Sequence[object], largest_page: int
    ) -> Query | None:
        following = _as_int(query.get(self.offset_param), default=0) + len(items)
        total = _count_at(page, self.total)
        if total is not None:
            # The page says how many there are: no request past the last one.
            if not items or following >= total:
                return None
        elif _is_last_page(items, query.get(self.limit_param), largest_page):
            return None
        return {**query, self.offset_param: following}


class PagePagination(NamedTuple):
    """`?page=&page_size=`: page numbers counted from `first_page`."""

    page_param: str
    page_size_param: str
    items: str | None = None
    first_page: int = 1
    total_pages: str | None = None
    """Dotted path of the number of pages, where pages carry it."""

    def first_query(self, query: Query) -> Query:
        # Some APIs answer a request without a page number with the whole listing, so
        # the first page is asked for by number too.
        if self.page_param in query:
            return query
        return {**query, self.page_param: self.first_page}

    def next_query(
        self, query: Query, page: object, items: Sequence[object], largest_page: int
    ) -> Query | None:
        number = _as_int(query.get(self.page_param), default=self.first_page)
        pages = _count_at(page, self.total_pages)
        if pages is not None:
            if not items or number >= self.first_page + pages - 1:
                return None
        elif _is_last_page(items, query.get(self.page_size_param), largest_page):
            return None
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
        if isinstance(value, (int, str)) and not isinstance(value, bool):
            return int(value)
        # A ValueError, as for any page that does not read as the spec says.
        raise ValueError(f"an item has no integer `{self.id_field}`")


PaginationStrategy: TypeAlias = (
    OffsetPagination | PagePagination | CursorPagination | StartPagination
)


class Progress(NamedTuple):
    """What a listing has seen up to a page, carried to the next one."""

    seen: frozenset[str]
    """The queries already asked: a server handing back a cursor or page it gave before
    would otherwise keep the listing going forever."""
    largest_page: int = 0
    previous_items: object = None


class PageContent(NamedTuple, Generic[ItemT, BodyT]):
    """One fetched page, read: its body, its items, and what comes next."""

    body: BodyT
    items: list[ItemT]
    next_query: Query | None
    progress: Progress
    unknown_next: str | None = None
    """Why the query of the next page cannot be told, where it cannot."""


class Listing(Generic[ItemT, BodyT]):
    """How to read every page of one listing."""

    def __init__(
        self,
        strategy: PaginationStrategy,
        *,
        item_type: type[ItemT],
        body_type: type[BodyT],
        envelope: str | None,
    ) -> None:
        self._strategy = strategy
        self._body_type = body_type
        self._envelope = envelope
        self._list_type = cast(type[list[ItemT]], GenericAlias(list, (item_type,)))

    def first_query(self, query: Mapping[str, object] | None) -> tuple[Query, Progress]:
        given = {
            name: value
            for name, value in (query or {}).items()
            if value is not None and not isinstance(value, NotGiven)
        }
        given = self._strategy.first_query(given)
        return given, Progress(frozenset({_fingerprint(given)}))

    def read(
        self, response: httpx.Response, query: Query, progress: Progress
    ) -> PageContent[ItemT, BodyT]:
        """The page `response` holds, fetched with `query`."""
        try:
            page = unwrap_envelope(json.loads(response.content), self._envelope)
            raw_items = _items_of(page, self._strategy.items)
            body = validate_python(self._body_type, page)
            items = type_adapter(self._list_type).validate_python(raw_items)
        except (pydantic.ValidationError, ValueError) as exc:
            raise APIResponseValidationError(
                response, f"Not a page of {self._strategy.items or 'items'}: {exc}"
            ) from exc
        if raw_items and raw_items == progress.previous_items:
            # The server ignored the page it was asked for (e.g. answered an
            # unpaginated request with everything again): the listing is complete.
            return PageContent(body, [], None, progress)
        largest = max(progress.largest_page, len(raw_items))
        try:
            following = self._strategy.next_query(query, page, raw_items, largest)
        except ValueError as exc:
            # The page itself is a good answer; only the way on from it is unknown (a
            # page number of 1.5, an item without its id). Going on says why.
            return PageContent(body, items, None, progress, str(exc))
        seen = progress.seen
        if following is not None:
            fingerprint = _fingerprint(following)
            following = None if fingerprint in seen else following
            seen = seen | {fingerprint}
        return PageContent(body, items, following, Progress(seen, largest, raw_items))


class _Page(Generic[ItemT, BodyT]):
    """What the sync and async pages share: the page's body and items."""

    def __init__(self, content: PageContent[ItemT, BodyT]) -> None:
        self.body: BodyT = content.body
        """The page as the API sent it, typed: its own fields (totals, cursors...)."""
        self.items: list[ItemT] = content.items
        """The items of this page only."""
        self._content = content

    def has_next_page(self) -> bool:
        """Whether the listing goes on after this page. Raises `ValueError` where this
        page does not tell how to ask for the next one."""
        if self._content.unknown_next is not None:
            raise ValueError(
                f"cannot ask for the page after this one: {self._content.unknown_next}"
            )
        return self._content.next_query is not None

    def next_page_query(self) -> Query | None:
        """The query parameters that fetch the next page (None after the last)."""
        return self._content.next_query

    def __repr__(self) -> str:
        return f"<{type(self).__name__} items={len(self.items)}>"


class SyncPage(_Page[ItemT, BodyT]):
    """A page of a listing; iterating it yields every item from here to the end."""

    def __init__(
        self,
        content: PageContent[ItemT, BodyT],
        fetch: Callable[[Query, Progress], Self],
    ) -> None:
        super().__init__(content)
        self._fetch = fetch

    def get_next_page(self) -> Self:
        """Fetches the page after this one (see `has_next_page()`)."""
        return self._fetch(_next(self._content), self._content.progress)

    def iter_pages(self) -> Iterator[Self]:
        """This page and every page after it, fetched one at a time."""
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(_Page[ItemT, BodyT]):
    """A page of a listing; `async for` over it yields every item from here to the end."""

    def __init__(
        self,
        content: PageContent[ItemT, BodyT],
        fetch: Callable[[Query, Progress], Awaitable[Self]],
    ) -> None:
        super().__init__(content)
        self._fetch = fetch

    async def get_next_page(self) -> Self:
        """Fetches the page after this one (see `has_next_page()`)."""
        return await self._fetch(_next(self._content), self._content.progress)

    async def iter_pages(self) -> AsyncIterator[Self]:
        """This page and every page after it, fetched one at a time."""
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class SyncOffsetPage(SyncPage[ItemT, BodyT]):
    """A page of a listing read by `offset` and `limit`."""


class AsyncOffsetPage(AsyncPage[ItemT, BodyT]):
    """A page of a listing read by `offset` and `limit`."""


class SyncPageNumberPage(SyncPage[ItemT, BodyT]):
    """A page of a listing read by page number."""


class AsyncPageNumberPage(AsyncPage[ItemT, BodyT]):
    """A page of a listing read by page number."""


class SyncCursorPage(SyncPage[ItemT, BodyT]):
    """A page of a listing read by the cursor each page gives for the next."""


class AsyncCursorPage(AsyncPage[ItemT, BodyT]):
    """A page of a listing read by the cursor each page gives for the next."""


class SyncStartPage(SyncPage[ItemT, BodyT]):
    """A page of a listing read by item id (`start`, or `end` walking down)."""


class AsyncStartPage(AsyncPage[ItemT, BodyT]):
    """A page of a listing read by item id (`start`, or `end` walking down)."""


class PageResponse(APIResponse[PageT]):
    """The raw response of a paginated method's first page; `parse()` gives the page."""

    def __init__(
        self, http_response: httpx.Response, page: Callable[[], PageT]
    ) -> None:
        super().__init__(
            http_response, cast_to=cast(type[PageT], object), envelope=None
        )
        self._page = page

    def parse(self) -> PageT:
        return self._page()


def _next(content: PageContent[Any, Any]) -> Query:
    if content.unknown_next is not None:
        raise ValueError(
            f"cannot ask for the page after this one: {content.unknown_next}"
        )
    if content.next_query is None:
        raise RuntimeError(
            "no page follows the last page of a listing (see has_next_page())"
        )
    return content.next_query


def value_at(document: object, path: str) -> object:
    """The value at a dotted path (`meta.next_cursor`), or None where it is missing."""
    for key in path.split("."):
        if not is_object(document):
            return None
        document = document.get(key)
    return document


def _count_at(page: object, path: str | None) -> int | None:
    """The whole number at `path` in the page, if it has one there."""
    value = value_at(page, path) if path is not None else None
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a count typed `number` in the spec
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _items_of(page: object, path: str | None) -> Sequence[object]:
    """The page's list of items: a page without it is not a page (an empty listing
    sends an empty list, or null)."""
    items = page
    for key in path.split(".") if path is not None else ():
        if not is_object(items) or key not in items:
            raise ValueError(f"the page has no `{path}`")
        items = items[key]
    if items is None:
        return []
    if not is_array(items):
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
