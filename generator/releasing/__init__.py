"""Releasing: what changed since the package was last written, the version that follows
and the changelog entry that says so."""
