"""sdkgen: turns API descriptions into typed Python SDK packages."""

__version__ = "0.1.0"
