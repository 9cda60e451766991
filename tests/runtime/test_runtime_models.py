"""Model and enum bases: unknown data is kept, not rejected."""

from __future__ import annotations

from types import ModuleType

import pydantic
import pytest


def test_open_enum_accepts_and_keeps_unknown_values(sdk: ModuleType) -> None:
    pet = sdk.Pet.model_validate_json('{"id": 1, "name": "Polly", "species": "parrot"}')
    assert isinstance(pet.species, sdk.Species)
    assert pet.species.value == "parrot" and pet.species == "parrot"
    assert str(pet.species) == "parrot" and f"{pet.species}" == "parrot"
    assert pet.species != sdk.Species.DOG
    assert pet.to_dict()["species"] == "parrot"
    assert sdk.Species("parrot") == pet.species


def test_open_enum_still_resolves_known_values_to_members(sdk: ModuleType) -> None:
    pet = sdk.Pet.model_validate({"id": 1, "name": "Rex", "species": "dog"})
    assert pet.species is sdk.Species.DOG
    assert list(sdk.Species) == [sdk.Species.DOG, sdk.Species.CAT]


def test_open_enum_rejects_non_strings(sdk: ModuleType) -> None:
    with pytest.raises(pydantic.ValidationError):
        sdk.Pet.model_validate({"id": 1, "name": "Rex", "species": 5})


def test_models_keep_unknown_fields_and_accept_both_names(sdk: ModuleType) -> None:
    by_alias = sdk.Pet.model_validate(
        {"id": 1, "name": "Rex", "ownerName": "Ann", "color": "brown"}
    )
    by_name = sdk.Pet(id=1, name="Rex", owner_name="Ann")
    assert by_alias.owner_name == by_name.owner_name == "Ann"
    assert by_alias.model_extra == {"color": "brown"}
    assert by_alias.to_dict() == {"id": 1, "name": "Rex", "ownerName": "Ann", "color": "brown"}
    assert by_name.to_dict() == {"id": 1, "name": "Rex", "ownerName": "Ann"}
    assert by_name.to_json() == '{"id":1,"name":"Rex","ownerName":"Ann"}'


def test_not_given_is_falsy_and_named(sdk: ModuleType) -> None:
    assert not sdk.NOT_GIVEN
    assert repr(sdk.NOT_GIVEN) == "NOT_GIVEN"
    assert isinstance(sdk.NOT_GIVEN, sdk.NotGiven)
