"""Base classes of every generated model and enum."""

from __future__ import annotations

import enum
from typing import Self

import pydantic

__all__ = ["BaseModel", "OpenFloatEnum", "OpenIntEnum", "OpenStrEnum"]


class BaseModel(pydantic.BaseModel):
    """A response or request object.

    Fields the API adds after this SDK was generated are kept (as extra attributes)
    rather than dropped, and fields can be set by their Python name or by their wire
    name.
    """

    # defer_build: a model's validator is built when it is first used, not when its module
    # is imported; a large API's models import in a fraction of the time.
    model_config = pydantic.ConfigDict(
        extra="allow", populate_by_name=True, defer_build=True
    )

    def to_dict(self) -> dict[str, object]:
        """The fields that were set, by wire name, as JSON-compatible values."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    def to_json(self, *, indent: int | None = None) -> str:
        """The fields that were set, by wire name, as a JSON document."""
        return self.model_dump_json(by_alias=True, exclude_unset=True, indent=indent)


class OpenStrEnum(enum.StrEnum):
    """A string enum that also accepts values it does not list.

    APIs add enum values over time; an SDK that rejected them would break on the day the
    server starts sending one. An unlisted value becomes a member of its own whose
    `.value` (and `str()`) is that string; it compares equal to the string, but not to
    any listed member.
    """

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member


class OpenIntEnum(enum.IntEnum):
    """An integer enum that also accepts integers it does not list, as `OpenStrEnum`
    does strings: an unlisted value becomes a member of its own, equal to it."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return None
        member = int.__new__(cls, value)
        member._name_ = str(value)
        member._value_ = value
        return member


class OpenFloatEnum(float, enum.ReprEnum):
    """A number enum that also accepts numbers it does not list, as `OpenStrEnum` does
    strings. Members are floats (`4` is listed as `4.0`), and print as their number."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        member = float.__new__(cls, value)
        member._name_ = str(value)
        member._value_ = float(value)
        return member
