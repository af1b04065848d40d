"""Vocabularies kept as data: dispute markers, section headings, reliability, aliases.

Each is a YAML file beside this module, read once and cached.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# importlib.resources and PyYAML are imported when a vocabulary is first read:
# importing this module (every module that may read one does) costs nothing
# then (issue 9: a first `search` or `show` within 2x ``factcheck --version``).


@cache
def load(name: str) -> Any:
    """The parsed contents of ``vocab/<name>.yaml``."""
    from importlib import resources

    import yaml

    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def dispute_kinds() -> frozenset[str]:
    """Every dispute kind a claim's ``disputes[].kind`` may take."""
    return frozenset(load("disputes")["kinds"])
