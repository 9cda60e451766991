"""Acceptance for issue 12's names: over every vendor package (and, in tests/corpus, every
corpus package), no method name ends in a preposition, article or conjunction, and no
two methods of a resource differ only by a suffix like `_iter`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.method_names import name_problems
from tests.vendors.conftest import GENERATED, VENDORS


@pytest.mark.parametrize("vendor", VENDORS)
def test_no_method_name_dangles_or_doubles_another(vendor: str) -> None:
    assert name_problems(GENERATED / vendor / "api.json") == []


def test_the_check_finds_what_the_names_before_had(tmp_path: Path) -> None:
    """Calls the packages had before these rules (Lightdash, Eddytor)."""
    calls = [
        "client.projects.create_space_in",
        "client.groups.remove_user_from",
        "client.groups.add_project_access_to",
        "client.storage.list_objects",
        "client.storage.list_objects_iter",
        "client.auth.sign_in",
    ]
    api_json = tmp_path / "api.json"
    api_json.write_text(json.dumps({"methods": [{"call": call} for call in calls]}))
    assert name_problems(api_json) == [
        "client.projects.create_space_in ends in 'in'",
        "client.groups.remove_user_from ends in 'from'",
        "client.groups.add_project_access_to ends in 'to'",
        "client.storage.list_objects_iter is a variant of list_objects",
    ]
