"""Requests built by the runtime arrive at a real server exactly as the caller meant."""

from __future__ import annotations

import datetime
import io
import typing
from types import GenericAlias, ModuleType

import httpx
import pytest

from tests.support.http_server import RecordingServer, Reply

PET = {"id": 7, "name": "Rex"}


def test_path_query_headers_cookies_and_json_arrive_as_sent(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(PET))
    when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    with sdk.SyncAPIClient(
        base_url=http_server.url + "/v1/",
        default_headers={"X-Client": "tests"},
        default_query={"tenant": "t1"},
    ) as client:
        pet = client.request(
            "post",
            "/owners/{owner_id}/pets",
            cast_to=sdk.Pet,
            path_params={"owner_id": 42},
            query={
                "tags": ["a", "b"],
                "filter": sdk.Param({"status": "open", "age": 3}, style="deepObject"),
                "color": {"R": 100, "G": 200},
                "dry_run": False,
                "since": datetime.date(2024, 1, 2),
                "species": sdk.Species.CAT,
                "skip": None,
                "omitted": sdk.NOT_GIVEN,
            },
            headers={"X-Trace": "abc", "X-Flag": True, "X-Missing": None},
            cookies={"session": "s 1;x", "absent": None},
            json={
                "pet": sdk.NewPet(name="Rex", owner_name="Ann"),
                "count": 2,
                "gone": sdk.NOT_GIVEN,
                "when": when,
            },
        )

    assert pet == sdk.Pet(id=7, name="Rex")
    sent = http_server.last_request
    assert (sent.method, sent.path) == ("POST", "/v1/owners/42/pets")
    assert sent.query_params == [
        ("tenant", "t1"),
        ("tags", "a"),
        ("tags", "b"),
        ("filter[status]", "open"),
        ("filter[age]", "3"),
        ("R", "100"),
        ("G", "200"),
        ("dry_run", "false"),
        ("since", "2024-01-02"),
        ("species", "cat"),
    ]
    assert sent.header("X-Trace") == "abc"
    assert sent.header("X-Flag") == "true"
    assert sent.header("X-Missing") is None
    assert sent.header("X-Client") == "tests"
    assert sent.header("Cookie") == "session=s%201%3Bx"
    assert sent.header("Content-Type") == "application/json"
    assert sent.header("Accept") == "application/json"
    user_agent = sent.header("User-Agent") or ""
    assert user_agent.startswith("rtsdk/0.1.0 python/3.")
    assert f"httpx/{httpx.__version__}" in user_agent
    assert sent.json() == {
        "pet": {"name": "Rex", "ownerName": "Ann"},
        "count": 2,
        "when": "2024-01-02T03:04:05Z",
    }


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("../x", "..%2Fx"),
        ("a/b", "a%2Fb"),
        ("what?", "what%3F"),
        ("#frag", "%23frag"),
        ("two words", "two%20words"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("100%", "100%25"),
        ("zürich", "z%C3%BCrich"),
    ],
)
def test_path_params_are_percent_encoded_into_one_segment(
    sdk: ModuleType, http_server: RecordingServer, value: str, encoded: str
) -> None:
    http_server.enqueue(Reply.json(PET))
    with sdk.Petstore(base_url=http_server.url) as client:
        client.pets.retrieve(value)
    assert http_server.last_request.path == f"/pets/{encoded}"
    assert http_server.last_request.query == ""


def test_path_param_scalars_are_rendered_like_query_values(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(PET))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        client.request(
            "GET",
            "/pets/{species}/{active}/{id}",
            cast_to=sdk.Pet,
            path_params={"species": sdk.Species.DOG, "active": True, "id": 3},
        )
    assert http_server.last_request.path == "/pets/dog/true/3"


@pytest.mark.parametrize("value", ["", None])
def test_empty_path_param_is_rejected_before_any_request(
    sdk: ModuleType, http_server: RecordingServer, value: str | None
) -> None:
    with sdk.Petstore(base_url=http_server.url) as client:
        with pytest.raises(ValueError, match="pet_id"):
            client.pets.retrieve(typing.cast(str, value))
        with pytest.raises(ValueError, match="pet_id"):
            client.request("GET", "/pets/{pet_id}", cast_to=sdk.Pet, path_params={})
    assert http_server.requests == []


def test_form_body_is_url_encoded(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply(status=204))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        result = client.request(
            "POST",
            "/login",
            cast_to=type(None),
            data={"user": "ann", "scopes": ["a", "b"], "remember": True, "skip": None},
        )
    assert result is None
    sent = http_server.last_request
    assert sent.header("Content-Type") == "application/x-www-form-urlencoded"
    assert sent.form() == [
        ("user", "ann"),
        ("scopes", "a"),
        ("scopes", "b"),
        ("remember", "true"),
    ]


def test_multipart_carries_fields_and_several_files(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"ok": True}))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        client.request(
            "POST",
            "/uploads",
            cast_to=dict,
            data={"caption": "two pets", "public": False},
            files=[
                ("photos", ("a.png", b"\x89PNG-a", "image/png")),
                ("photos", ("b.jpg", io.BytesIO(b"\xff\xd8-b"), "image/jpeg")),
                ("notes", ("notes.txt", b"hello")),
            ],
        )
    parts = http_server.last_request.multipart()
    summary = [(p.name, p.filename, p.content_type, p.content) for p in parts]
    assert summary == [
        ("caption", None, None, b"two pets"),
        ("public", None, None, b"false"),
        ("photos", "a.png", "image/png", b"\x89PNG-a"),
        ("photos", "b.jpg", "image/jpeg", b"\xff\xd8-b"),
        ("notes", "notes.txt", "text/plain", b"hello"),
    ]


def test_multipart_without_files_is_still_multipart(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"ok": True}))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        client.request(
            "POST",
            "/uploads",
            cast_to=dict,
            data={"caption": 'say "hi"'},
            files=[],
            content_type="multipart/form-data",
        )
    parts = http_server.last_request.multipart()
    assert [(p.name, p.content) for p in parts] == [("caption", b'say "hi"')]


def test_raw_content_is_sent_with_its_content_type(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.text("stored"))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        text = client.request(
            "PUT",
            "/blobs/{name}",
            cast_to=str,
            path_params={"name": "a.csv"},
            content=b"a,b\n1,2\n",
            content_type="text/csv",
        )
    assert text == "stored"
    sent = http_server.last_request
    assert (sent.path, sent.body) == ("/blobs/a.csv", b"a,b\n1,2\n")
    assert sent.header("Content-Type") == "text/csv"


def test_request_options_override_and_extend_the_call(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(PET))
    with sdk.Petstore(base_url=http_server.url, default_headers={"X-Client": "default"}) as client:
        client.pets.create(
            sdk.NewPet(name="Rex"),
            extra_headers={"X-Client": "override", "Accept": "application/json+x"},
            extra_query={"dry_run": "1"},
            extra_body={"note": "extra", "name": "Max"},
            idempotency_key="key-1",
            timeout=5.0,
        )
    sent = http_server.last_request
    assert sent.header("X-Client") == "override"
    assert sent.header_values("Accept") == ["application/json+x"]
    assert sent.query_params == [("dry_run", "1")]
    assert sent.json() == {"name": "Max", "note": "extra"}
    assert sent.header("Idempotency-Key") == "key-1"


def test_extra_body_becomes_the_body_when_there_is_none(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(status=204))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        client.request("POST", "/ping", cast_to=type(None), options={"extra_body": {"a": 1}})
    assert http_server.last_request.json() == {"a": 1}


def test_cast_to_covers_text_bytes_lists_and_unions(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    pets = [PET, {"id": 8, "name": "Max", "species": "cat"}]
    http_server.enqueue(
        Reply.json(pets), Reply(body=b"\x00\x01"), Reply.json({"id": 1, "name": "A"})
    )
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        listed = client.request("GET", "/pets", cast_to=GenericAlias(list, (sdk.Pet,)))
        raw = client.request("GET", "/blob", cast_to=bytes)
        either = client.request("GET", "/any", cast_to=sdk.Pet | str)
    assert [pet.name for pet in listed] == ["Rex", "Max"]
    assert listed[1].species is sdk.Species.CAT
    assert raw == b"\x00\x01"
    assert either == sdk.Pet(id=1, name="A")


def test_envelope_property_is_unwrapped(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(
        Reply.json({"status": "ok", "results": PET}),
        Reply.json({"status": "ok", "results": [PET]}),
        Reply.json({"status": "ok"}),
    )
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        pet = client.request("GET", "/p", cast_to=sdk.Pet, envelope="results")
        listed = client.request(
            "GET",
            "/p",
            cast_to=GenericAlias(list, (sdk.Pet,)),
            envelope="results",
        )
        with pytest.raises(sdk.APIResponseValidationError, match="results"):
            client.request("GET", "/p", cast_to=sdk.Pet, envelope="results")
    assert pet == sdk.Pet(id=7, name="Rex")
    assert listed == [pet]


def test_invalid_body_raises_a_validation_error_with_the_response(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"id": "seven"}), Reply.text("<html>oops</html>"))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        with pytest.raises(sdk.APIResponseValidationError) as bad_field:
            client.request("GET", "/pets/7", cast_to=sdk.Pet)
        with pytest.raises(sdk.APIResponseValidationError):
            client.request("GET", "/pets/7", cast_to=sdk.Pet)
    assert bad_field.value.status_code == 200
    assert "GET /pets/7" in str(bad_field.value)


def test_raw_response_wrapper_gives_headers_status_and_parse(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(PET, status=201, headers={"X-Request-Id": "r-1"}))
    with sdk.Petstore(base_url=http_server.url) as client:
        response = client.pets.with_raw_response.retrieve("7", timeout=3.0)
        assert isinstance(response, sdk.APIResponse)
        assert response.status_code == 201
        assert response.headers["x-request-id"] == "r-1"
        assert response.parse() == sdk.Pet(id=7, name="Rex")
        # Only the wrapped call is raw.
        http_server.enqueue(Reply.json(PET))
        assert client.pets.retrieve("7") == sdk.Pet(id=7, name="Rex")
        http_server.enqueue(Reply(body=b"jpeg"))
        with pytest.raises(TypeError, match="raw response"):
            client.pets.with_raw_response.photo("7")


def test_with_options_copies_settings_and_shares_the_pool(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(lambda request: Reply.json(PET))
    client = sdk.Petstore(base_url=http_server.url, default_headers={"X-A": "1"})
    original_pets = client.pets
    copy = client.with_options(default_headers={"X-B": "2"}, max_retries=0)
    assert copy.pets is not original_pets and copy.pets._client is copy
    assert (copy.max_retries, client.max_retries) == (0, 2)
    copy.pets.retrieve("1")
    sent = http_server.last_request
    assert (sent.header("X-A"), sent.header("X-B")) == ("1", "2")
    assert copy._http is client._http
    copy.close()
    client.pets.retrieve("1")  # the shared pool is still open
    assert http_server.last_request.header("X-B") is None
    client.close()
    assert client._http.is_closed


def test_callers_http_client_is_used_and_left_open(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(PET))
    own = httpx.Client(headers={"X-Own": "yes"})
    with sdk.Petstore(base_url=http_server.url, http_client=own) as client:
        client.pets.retrieve("1")
    assert http_server.last_request.header("X-Own") == "yes"
    assert not own.is_closed
    own.close()


def test_repr_shows_no_credentials(sdk: ModuleType) -> None:
    client = sdk.SyncAPIClient(
        base_url="https://ann:hunter2@api.example.com/v1",
        auth=sdk.BearerAuth("tok-secret"),
    )
    text = repr(client)
    assert "api.example.com/v1" in text and "BearerAuth" in text
    assert "hunter2" not in text and "tok-secret" not in text
    client.close()
