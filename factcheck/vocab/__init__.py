"""Vocabularies kept as data: dispute markers, section headings, reliability, aliases.

Each is a YAML file beside this module, read once and cached.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """The parsed contents of ``vocab/<name>.yaml``."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def dispute_kinds() -> frozenset[str]:
    """Every dispute kind a claim's ``disputes[].kind`` may take."""
    return frozenset(load("disputes")["kinds"])
