"""`compare_documents`: every difference between two normalised OpenAPI documents.

Change ids are `<category>.<event>:<subject>`; the same difference between the same
documents always gets the same id. An operation key is its operationId, else
`METHOD /path` (e.g. `GET /v1/tables`); a webhook key is its name. Field paths are
dotted, with `[]` for array items and `{}` for map values (`columns[].name`).

| id                                          | kind                                   |
|---------------------------------------------|----------------------------------------|
| `operation.added:<op>`                      | additive                               |
| `operation.removed:<op>`                    | breaking                               |
| `operation.moved:<op>`                      | breaking (same operationId, new METHOD or path) |
| `operation.renamed:<old op>`                | breaking (same METHOD path, new operationId) |
| `operation.docs:<op>`                       | docs (summary, description, deprecated) |
| `parameter.added:<op>.<name>`               | breaking if required, else additive     |
| `parameter.removed:<op>.<name>`             | breaking                               |
| `parameter.required:<op>.<name>`            | breaking                               |
| `parameter.optional:<op>.<name>`            | additive                               |
| `parameter.type:<op>.<name>`                | see `classify.py` (input)              |
| `parameter.docs:<op>.<name>`                | docs                                   |
| `request.added` / `.removed` / `.required` / `.optional` / `.media_type` / `.docs`: `<op>` | request body as a whole |
| `request.type:<op>`                         | body schema replaced (e.g. another model) |
| `request.field.<event>:<op>.<path>`         | a field of an inline request body       |
| `response.added` / `.removed` / `.media_type` / `.type` / `.docs`: `<op>` | success response as a whole |
| `response.field.<event>:<op>.<path>`        | a field of an inline response           |
| `webhook.added` / `.removed` / `.docs`: `<hook>`; `webhook.field.<event>:<hook>.<path>` | |
| `model.added:<Model>` / `model.removed:<Model>` | additive / breaking                |
| `model.type:<Model>`, `model.field.<event>:<Model>.<path>` | a component schema     |
| `<base>.enum.added:<subject>.<value>`       | additive                               |
| `<base>.enum.removed:<subject>.<value>`     | breaking                               |
| `<base>.enum.restricted` / `.unrestricted`: `<subject>` | see `classify.py`          |
| `auth.added` / `.removed` / `.changed` / `.docs`: `<scheme>` | see `connection.py`   |
| `server.default:base_url`, `server.added:<url>`, `server.removed:<url>` | see `connection.py` |

Field events are `added`, `removed`, `required`, `optional`, `type` and `docs`; `<base>`
is `parameter`, `request`, `response`, `webhook` or `model`, and `<subject>` is the
place's subject followed by its field path. A parameter named twice (query and header)
is `<op>.<name>[<in>]`.

Bodies and parameters that `$ref` a component schema are compared through the model
(`model.*` ids, once per schema, messages listing the operations that use it), not
once per operation.
"""

from __future__ import annotations

from typing import Any

from generator.releasing.changes.connection import compare_auth, compare_servers
from generator.releasing.changes.endpoints import EndpointComparer
from generator.releasing.changes.model import ChangeReport
from generator.releasing.changes.models import compare_models
from generator.releasing.changes.record import Recorder


def compare_documents(old: dict[str, Any], new: dict[str, Any]) -> ChangeReport:
    """Every difference between `old` and `new`, classified and ordered.

    Both are normalised OpenAPI 3.1 documents as plain dicts with local refs only;
    3.0 `nullable: true` is understood too. Same inputs give an equal report."""
    recorder = Recorder()
    endpoints = EndpointComparer(old, new, recorder)
    endpoints.compare_operations()
    endpoints.compare_webhooks()
    compare_models(old, new, recorder)
    compare_auth(old, new, recorder)
    compare_servers(old, new, recorder)
    return recorder.report()
