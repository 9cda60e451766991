"""Helpers shared by the test suites: a recording HTTP server, runtime rendering."""
