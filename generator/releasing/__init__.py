"""Releasing: what changed since the package was last written, judged on its public
surface (`compare`, `rules`), the version that follows (`versioning`), the changelog
entry that says so (`release`), and `sdkgen diff` (`diff_cli`)."""
