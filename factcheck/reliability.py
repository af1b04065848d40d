"""Source reliability ratings, looked up in ``vocab/reliability.yaml``.

A reference is rated by the first table entry that matches it: by the host of
its URL (the entry's domain or any subdomain of it; the longest matching
domain wins, so ``ja.wikipedia.org`` is Wikipedia, not a generic ``.org``
rule), else by its container-title or publisher equal to one of the entry's
names after NFKC and case folding.  A short-form citation (``custom.see``)
is rated as the full entry it points to.

Ratings whose table entry says ``unreliable: true`` (deprecated, generally
unreliable, user-generated, tabloid) make a claim that cites nothing else
``weakly-sourced``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Mapping
from urllib.parse import urlsplit

from factcheck import vocab
from factcheck.errors import FactcheckError
from factcheck.model import Reference
from factcheck.text import fold

_ENTRY_KEYS = {"name", "rating", "basis", "names", "domains", "note"}
_RATING_KEYS = {"unreliable", "doc"}


@dataclass(frozen=True)
class Rating:
    """How a reference's source is rated, and by which table entry."""

    source: str
    rating: str
    unreliable: bool
    basis: str = ""
    note: str = ""


_fold = fold


def host_of(url: str | None) -> str:
    """The lower-case host of a URL without ``www.``; empty when there is none."""
    if not url:
        return ""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


class ReliabilityTable:
    """The ratings table: built from plain data, unknown keys rejected."""

    def __init__(self, data: Mapping[str, Any], *, origin: str = "reliability.yaml"):
        ratings = data.get("ratings") or {}
        unknown = set(data) - {"ratings", "sources"}
        if unknown:
            raise FactcheckError(f"{origin}: unknown key {sorted(unknown)[0]!r} (allowed: ratings, sources)")
        self.ratings: dict[str, bool] = {}
        for name, spec in ratings.items():
            extra = set(spec or {}) - _RATING_KEYS
            if extra:
                raise FactcheckError(f"{origin}: unknown option {sorted(extra)[0]!r} for rating {name!r}")
            self.ratings[name] = bool((spec or {}).get("unreliable", False))
        self._by_domain: dict[str, Rating] = {}
        self._by_name: dict[str, Rating] = {}
        for i, entry in enumerate(data.get("sources") or []):
            extra = set(entry) - _ENTRY_KEYS
            if extra:
                raise FactcheckError(f"{origin}: sources[{i}]: unknown key {sorted(extra)[0]!r}")
            if entry.get("rating") not in self.ratings:
                raise FactcheckError(f"{origin}: sources[{i}]: unknown rating {entry.get('rating')!r}")
            rating = Rating(
                str(entry["name"]),
                entry["rating"],
                self.ratings[entry["rating"]],
                str(entry.get("basis", "")),
                str(entry.get("note", "")),
            )
            for domain in entry.get("domains") or []:
                self._by_domain.setdefault(str(domain).lower(), rating)
            for name in entry.get("names") or []:
                self._by_name.setdefault(_fold(str(name)), rating)

    def rate_fields(self, *, url: str | None = None, names: tuple[str | None, ...] = ()) -> Rating | None:
        host = host_of(url)
        if host:
            parts = host.split(".")
            # Longest suffix first: ja.wikipedia.org, wikipedia.org, org.
            for i in range(len(parts)):
                hit = self._by_domain.get(".".join(parts[i:]))
                if hit:
                    return hit
        for name in names:
            if name:
                hit = self._by_name.get(_fold(name))
                if hit:
                    return hit
        return None

    def rate(self, ref: Reference, references: Mapping[str, Reference] | None = None) -> Rating | None:
        """The rating of a reference's source, or None when the table does not know it."""
        found = self.rate_fields(url=ref.url, names=(ref.container_title, ref.publisher))
        if found is None and references is not None:
            see = ref.custom.get("see") if isinstance(ref.custom, dict) else None
            target = references.get(see) if isinstance(see, str) else None
            if target is not None and target is not ref:
                found = self.rate_fields(url=target.url, names=(target.container_title, target.publisher))
        return found


@cache
def default_table() -> ReliabilityTable:
    """The table shipped in ``factcheck/vocab/reliability.yaml``."""
    return ReliabilityTable(vocab.load("reliability"))
