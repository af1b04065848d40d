"""The intermediate values extraction passes between its stages.

    text --segment--> Segmentation (segments with their markers, sections,
                      banners, reference-list blocks)
         --references--> Reference values
         --dates/quantities--> DateMention / Quantity values
         --pipeline--> Document + Claims + References

All offsets are indexes into the original source text (code points), never
into a normalized copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from factcheck.model import ClaimKind

MarkerKind = Literal["cite", "note", "dispute", "unknown", "edit"]
BlockRole = Literal["notes", "references", "bibliography", "see-also", "other"]


@dataclass(frozen=True)
class Marker:
    """An inline bracketed marker: a citation [12], a note [a], a dispute
    marker [要出典], or an unknown bracketed marker kept for review."""

    raw: str  # exactly as in the text, e.g. "[12]", "[1]:23", "[疑わしい–議論する]"
    start: int  # offset of its first character in the source text
    end: int  # offset one past its last character
    kind: MarkerKind
    label: str | None = None  # "12" for [12], "a" for [a]; None for disputes
    page: str | None = None  # "23" for [1]:23
    dispute_kind: str | None = None  # a kind from vocab/disputes.yaml for dispute markers
    date: str | None = None  # ISO date a dispute marker carries ("[要出典][2024年5月]")


@dataclass(frozen=True)
class Segment:
    """A sentence or a value-stating infobox row: a claim to be."""

    start: int  # offset of the sentence's first character
    end: int  # offset one past its last character, trailing markers included
    text: str  # the sentence with markers removed (see markers.strip_markers)
    section: str  # heading of the section it stands in ("" before the first)
    paragraph: int  # index of its paragraph, counted over the whole document
    markers: tuple[Marker, ...] = ()
    kind: ClaimKind = "fact"
    infobox: bool = False


@dataclass(frozen=True)
class Block:
    """A stretch of the source that is not prose: a reference list, a bibliography."""

    heading: str
    start: int  # offset of the first character after the heading line
    end: int
    role: BlockRole


@dataclass(frozen=True)
class Segmentation:
    segments: tuple[Segment, ...]
    blocks: tuple[Block, ...] = ()  # reference lists, bibliography, see-also
    banners: tuple[str, ...] = ()  # article-level maintenance banners
    title: str | None = None  # the document's title when the text shows one
    unknown_markers: tuple[Marker, ...] = field(default=())  # also present on their segments


@dataclass(frozen=True)
class Page:
    """A structured source (HTML, wikitext) read into the text the claims
    anchor into, plus what the structure knows that the text cannot say.

    ``text`` is shaped like a browser copy of the page (one line per
    paragraph, heading, table row or reference entry; inline markers as the
    reader sees them), so the text pipeline reads all three forms alike.
    """

    text: str
    title: str | None = None
    language: str | None = None
    banners: tuple[str, ...] = ()
    # label -> CSL fields the structure gives for that reference (URL, title, ...);
    # they win over what is parsed from the rendered entry
    reference_fields: dict[str, dict[str, object]] = field(default_factory=dict)
    # CSL fields of the bibliography entries, in order (wikitext's {{cite book}} lines)
    bibliography_fields: tuple[dict[str, object], ...] = ()
    # (marker as rendered, its date) for each dated dispute template, in order
    dispute_dates: tuple[tuple[str, str], ...] = ()
