"""Settings every property suite here shares: reproducible in CI, sized to its budget."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("SDKGEN_PROPERTY_EXAMPLES", "200"))
"""Examples per suite; CI runs the default, raise it locally to search harder."""

PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same examples on every run: a CI failure reproduces locally
    database=None,
    deadline=None,  # generating a package takes tens of milliseconds, unevenly
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
