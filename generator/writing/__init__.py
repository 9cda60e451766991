"""Writing: rendered files reach the package folder on disk."""
