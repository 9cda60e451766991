"""Measures `sdkgen diff` on real histories of public API descriptions.

For each pair of published versions (`pairs.py`): `fetch` downloads both descriptions,
`run` generates both SDKs with the CLI, `surface` reads each generated package with
`ast`, `compare` decides which differences break a caller (its docstring holds the
rules), `sdkgen_diff` reads what `sdkgen diff` calls breaking, `match` sets one against
the other and `report` writes the tables. Nothing here imports `generator`.
"""
