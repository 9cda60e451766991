"""Rendering: the IR becomes the text of a package's files (Jinja2 templates, then
`ruff format` or black). Nothing here reads the spec: every value comes from the IR."""
