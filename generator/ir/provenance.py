"""What a package states beyond its source, and what of the source it leaves out.

Made from the load report's disclosures (`generator.diagnostics.Disclosure`); the README
lists it and the webhook module words its signature scheme after it.
"""

from __future__ import annotations

from dataclasses import dataclass

WEBHOOKS = "unwrap_webhook"
"""How provenance names the package's webhook signature check."""


@dataclass(frozen=True, slots=True)
class Disclosed:
    """One thing the package's reader is told about how it departs from its source."""

    statement: str
    """As the load report words it (`response type inferred from ... (typed from ...)`)."""
    affects: tuple[str, ...] = ()
    """What it concerns in the package (`client.groups.get`, `GroupResponse`,
    `unwrap_webhook`), or for what is left out, the source's name for it."""
    api_wide: bool = False
    """It also concerns the API as a whole (its auth, its error bodies, ...)."""


@dataclass(frozen=True, slots=True)
class Provenance:
    source: str = ""
    """The source document's file name."""
    assumed: tuple[Disclosed, ...] = ()
    left_out: tuple[Disclosed, ...] = ()

    @property
    def webhooks(self) -> tuple[str, ...]:
        """Statements about webhook signatures: assumptions the webhook code rests on."""
        return tuple(d.statement for d in self.assumed if WEBHOOKS in d.affects)
