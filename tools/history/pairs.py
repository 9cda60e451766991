"""The real API histories measured: two published versions of one vendor's description.

Each side is one file inside an npm package, fetched with `npm pack`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pair:
    name: str
    """Also the spec's file name on both sides, so both packages get the same name."""
    package: str
    old: str
    new: str
    path: str
    """The description's path inside the package (after `package/`)."""

    @property
    def suffix(self) -> str:
        return "." + self.path.rsplit(".", 1)[-1]


PAIRS = (
    Pair("directus", "@directus/specs", "11.2.0", "12.0.0", "dist/openapi.json"),
    Pair("blockfrost", "@blockfrost/openapi", "0.1.86", "0.1.93", "openapi.yaml"),
    Pair("idealpostcodes", "@ideal-postcodes/openapi", "4.14.1", "4.21.0", "dist/openapi.json"),
    Pair(
        "dialogporten",
        "@digdir/dialogporten-schema",
        "1.40.0",
        "1.47.5-431c529",
        "swagger.verified.json",
    ),
    Pair("github", "@octokit/openapi", "22.0.0", "23.0.0", "generated/api.github.com.json"),
)
