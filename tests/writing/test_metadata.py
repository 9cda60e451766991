"""`.sdkgen/base.pack`: every byte comes back, and damage is caught, not misread."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from generator.writing.metadata import DamagedBase, pack, unpack

FILES = {
    "b/z.py": b"Z = 1\n",
    "a.md": b"no final newline",
    "empty.py": b"",
    "odd.txt": b"1 fake/header\nlines\r\nand a \xff byte\n\n",
}


def test_a_pack_gives_back_every_file_byte_for_byte_in_path_order() -> None:
    data = pack(FILES)
    assert unpack(data) == FILES
    assert data.splitlines()[1] == b"16 a.md"
    assert pack(dict(reversed(FILES.items()))) == data


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d[:-3],  # cut short
        lambda d: d.replace(b"16 a.md", b"17 a.md"),  # a size that no longer fits
        lambda d: d.replace(b"\n", b"\r\n"),  # line endings converted by a checkout
        lambda d: b"<<<<<<< HEAD\n" + d,  # merged as text
    ],
)
def test_a_damaged_pack_is_refused(damage: Callable[[bytes], bytes]) -> None:
    with pytest.raises(DamagedBase):
        unpack(damage(pack(FILES)))
