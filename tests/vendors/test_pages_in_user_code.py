"""Page objects as a caller's code sees them: `mypy --strict` accepts iterating them,
reading their items and body, and fetching the next page, with the types the listing
declares, sync and async."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.vendors.conftest import GENERATED

USER_CODE = '''
from typing import assert_type

from eddytor import AsyncEddytor, Eddytor
from eddytor.models.list_objects_response import ListObjectsResponse
from eddytor.models.object_entry import ObjectEntry
from lightdash import Lightdash
from lightdash.models.get_organization_member_by_uuid_response import (
    GetOrganizationMemberByUuidResponse,
)
from lightdash.models.list_organization_members_response import ListOrganizationMembersResponse


def sync_pages(client: Eddytor) -> None:
    page = client.storage.configs.objects.list("config", limit=10)
    for entry in page:
        assert_type(entry, ObjectEntry)
    assert_type(page.items, list[ObjectEntry])
    assert_type(page.body, ListObjectsResponse)
    if page.has_next_page():
        following = page.get_next_page()
        assert_type(following.items, list[ObjectEntry])
    for each in page.iter_pages():
        assert_type(each.body.has_more, bool)


async def async_pages(client: AsyncEddytor) -> None:
    page = await client.storage.configs.objects.list("config")
    async for entry in page:
        assert_type(entry, ObjectEntry)
    following = await page.get_next_page()
    assert_type(following.items, list[ObjectEntry])


def envelope_pages(client: Lightdash) -> None:
    members = client.organizations.users.list(page_size=100)
    for member in members:
        assert_type(member, GetOrganizationMemberByUuidResponse)
    assert_type(members.body, ListOrganizationMembersResponse)
'''


def test_mypy_strict_types_pages_in_user_code(tmp_path: Path, mypy_cache: Path) -> None:
    (tmp_path / "user.py").write_text(USER_CODE, encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    env = {
        **os.environ,
        "MYPYPATH": os.pathsep.join(str(GENERATED / v) for v in ("eddytor", "lightdash")),
    }
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", "mypy.ini",
         "--cache-dir", str(mypy_cache), "user.py"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
