"""factcheck: claims, citations and disputes from source documents, as reviewable YAML."""

from __future__ import annotations

DISTRIBUTION = "factcheck-claims"
# The one place the version is written; pyproject.toml reads it from here
# (reading it back through importlib.metadata cost a third of `--version`).
__version__ = "0.1.0"
# Where users read about the tool (SARIF's informationUri); the same as
# Homepage in pyproject.toml.
HOMEPAGE = "https://pypi.org/project/factcheck-claims/"
