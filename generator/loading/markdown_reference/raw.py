"""Schema and operation blocks read into records, before anything is built from them."""

from __future__ import annotations

from dataclasses import dataclass

from generator.loading.markdown_reference.blocks import (
    OPERATION_HEAD,
    Block,
    Field,
    labelled,
    read_fields,
)


@dataclass(frozen=True)
class RawSchema:
    name: str
    description: str
    type: str
    fields: list[Field]
    enum: list[str]

    @property
    def is_enum(self) -> bool:
        return bool(self.enum)


def raw_schema(block: Block) -> RawSchema:
    name, _, rest = block.text.partition(" ")
    description, parts = labelled(rest, ("Type:", "Properties:", "Enum:"))
    enum = [value.strip() for value in parts.get("Enum:", "").split(",") if value.strip()]
    return RawSchema(
        name=name,
        description=description,
        type=parts.get("Type:", "object").split(" ")[0] or "object",
        fields=read_fields(parts.get("Properties:", "")),
        enum=enum,
    )


_OPERATION_LABELS = ("Auth:", "Parameters:", "Request Body:", "Responses:")


@dataclass(frozen=True)
class RawOperation:
    method: str
    path: str
    summary: str
    parts: dict[str, str]
    tag: str
    offset: int

    @property
    def where(self) -> tuple[str, ...]:
        return ("paths", self.path, self.method.lower())


def raw_operation(block: Block, tag: str) -> RawOperation:
    head = OPERATION_HEAD.match(block.text)
    assert head is not None  # only operation blocks are passed in
    summary, parts = labelled(head.group("rest"), _OPERATION_LABELS)
    return RawOperation(head.group("method"), head.group("path"), summary, parts, tag, block.offset)
