"""The data model: documents, claims, references, and the findings about them.

Plain frozen dataclasses with no I/O.  Field metadata carries what the store
and the JSON Schema generator need: ``key`` when the YAML/JSON key differs
from the Python name (CSL's ``container-title``, ``URL``) and ``doc`` for the
schema description.  The schema in ``schema/`` is generated from these
classes (``factcheck schema claims|references``), so this module is the one
place a field is declared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

DocumentKind = Literal["wikipedia", "news", "blog", "other"]
ClaimKind = Literal["fact", "question", "meta", "opinion", "fragment"]
RelationType = Literal["contradicts", "supports", "duplicates"]
ReviewState = Literal["unreviewed", "accepted", "rejected"]
# Set by re-extracting a revised source: the claim's text was rewritten there
# (re-anchored to the new wording) or is no longer there at all.
RevisionState = Literal["changed", "vanished"]
Severity = Literal["error", "warning"]

# "fragment": the tail of a page cut off mid-sentence; it states nothing whole.
NON_FACTUAL_KINDS: frozenset[str] = frozenset({"question", "meta", "opinion", "fragment"})


def _f(doc: str, *, key: str | None = None, default: Any = None, factory: Any = None, explicit: bool = False) -> Any:
    """A dataclass field with schema metadata; ``factory`` for list/dict defaults;
    ``explicit`` fields are written even when they hold their default."""
    meta = {"doc": doc, **({"key": key} if key else {}), **({"explicit": True} if explicit else {})}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


def _req(doc: str, *, key: str | None = None) -> Any:
    """A required field (no default) with schema metadata."""
    meta = {"doc": doc, **({"key": key} if key else {})}
    return field(metadata=meta)


@dataclass(frozen=True)
class Origin:
    """Where a value was read from: a file and a 1-based line and column."""

    path: str
    line: int
    column: int


@dataclass(frozen=True)
class Span:
    """A claim's place in its source text: 1-based lines, 1-based columns in code
    points; ``end_column`` is one past the last character of the claim."""

    line: int = _req("First line of the claim in the source file (1-based).")
    column: int = _req("Column of the first character (1-based, code points).")
    end_line: int = _req("Line of the last character (1-based).")
    end_column: int = _req("Column one past the last character (1-based, code points).")


@dataclass(frozen=True)
class Dispute:
    """A dispute or maintenance marker attached to a claim."""

    marker: str = _req("The marker exactly as in the source, e.g. [疑わしい–議論する].")
    kind: str = _req("Its kind from the dispute vocabulary, e.g. dubious, citation-needed.")
    date: str | None = _f("When the marker was placed (a wiki template's date parameter), ISO 8601.")


@dataclass(frozen=True)
class DateMention:
    """A date found in a claim, normalized to ISO 8601 (partial dates allowed)."""

    text: str = _req("The date as written, e.g. 10月23日.")
    value: str = _req("ISO 8601 date, possibly partial: 2024, 2024-10, 2024-10-23.")


@dataclass(frozen=True)
class Quantity:
    """A number with its unit found in a claim."""

    text: str = _req("The quantity as written, e.g. 1,500人 or 数千人.")
    value: float | None = _f("The normalized value, e.g. 1500; null for a range only.")
    unit: str | None = _f("The unit or counter, e.g. 人, km, USD.")
    low: float | None = _f("Lower bound of an approximate or ranged quantity.")
    high: float | None = _f("Upper bound of an approximate or ranged quantity.")
    approximate: bool = _f("True for hedged figures: 約, 数千, roughly, about.", default=False)


@dataclass(frozen=True)
class Attribution:
    """A source the sentence itself names: "according to Reuters", "外務省によると"."""

    source: str = _req("Who the text says the statement comes from, as written.")
    cue: str = _req("The phrase that attributes it, e.g. 'according to', 'によると', 'said'.")


@dataclass(frozen=True)
class Relation:
    """A link from one claim to another, with its review state."""

    type: RelationType = _req("contradicts, supports or duplicates.")
    target: str = _req("The id of the other claim.")
    note: str = _f("Why the relation holds.", default="")
    # Always written: a reviewer must see (and can grep) what is still unreviewed.
    review: ReviewState = _f("unreviewed (a candidate), accepted or rejected.", default="unreviewed", explicit=True)
    reviewed: str | None = _f("When a person set the review (ISO 8601 date).")
    within_document: bool = _f(
        "Set when a contradicts relation joins two claims of the same document on purpose.",
        default=False,
    )


@dataclass(frozen=True)
class Claim:
    """One assertion from a source document."""

    id: str = _req("Stable id, unique across the repository.")
    text: str = _req("The claim's text with inline markers removed.")
    location: Span = _req("Where the claim stands in the document's source file.")
    section: str = _f("The heading of the section it stands in.", default="")
    kind: ClaimKind = _f(
        "fact, or a non-factual kind: question, meta, opinion, fragment (a cut-off tail).", default="fact"
    )
    cites: tuple[str, ...] = _f("Ids of the references it cites.", factory=tuple)
    covered_by: tuple[str, ...] = _f(
        "Ids of references cited later in the same paragraph that cover this uncited claim.",
        factory=tuple,
    )
    disputes: tuple[Dispute, ...] = _f("Dispute and maintenance markers on it.", factory=tuple)
    attribution: Attribution | None = _f("The source its own text names, if any.")
    dates: tuple[DateMention, ...] = _f("Dates found in it, normalized.", factory=tuple)
    quantities: tuple[Quantity, ...] = _f("Quantities found in it, normalized.", factory=tuple)
    relations: tuple[Relation, ...] = _f("Relations to other claims.", factory=tuple)
    notes: str = _f("Free-form notes, e.g. the reviewer's corrections.", default="")
    suppress: tuple[str, ...] = _f(
        "Rule ids whose findings on this claim are accepted (factcheck validate stays quiet); say why in notes.",
        factory=tuple,
    )
    revision: RevisionState | None = _f(
        "Set when the source was revised: changed (the text was rewritten there and re-anchored to the "
        "new wording) or vanished (no longer in the source; location is where it stood before). "
        "A person reviews the claim and removes the key."
    )
    document: str = field(default="", compare=False, metadata={"internal": True})
    origin: Origin | None = field(default=None, compare=False, metadata={"internal": True})


@dataclass(frozen=True)
class Document:
    """A source document: its verbatim text lives under ``sources/``."""

    id: str = _req("Stable id of the document, also the stem of its claim and reference files.")
    source: str = _req("Path of its verbatim text, relative to the repository root, under sources/.")
    original: str | None = _f(
        "For an HTML or wikitext page: path of the original file under sources/; "
        "``source`` is then the normalized text that locations point into."
    )
    title: str = _f("Its title.", default="")
    kind: DocumentKind = _f("wikipedia, news, blog or other.", default="other")
    language: str = _f("BCP 47 language tag, e.g. ja, en.", default="")
    url: str | None = _f("Where it was found.")
    retrieved: str | None = _f("When it was retrieved (ISO 8601 date).")
    banners: tuple[str, ...] = _f(
        "Article-level maintenance banners, e.g. 'This article needs additional citations'.",
        factory=tuple,
    )


@dataclass(frozen=True)
class Name:
    """A CSL name: family and given, or a literal for organisations and unparsed names."""

    family: str | None = _f("Family name.")
    given: str | None = _f("Given name(s).")
    literal: str | None = _f("The whole name, when it is not split.")


@dataclass(frozen=True)
class Reference:
    """A cited source, with CSL-JSON field names."""

    id: str = _req("Stable id, unique across the repository.")
    label: str | None = _f("The inline label it carries in its document, e.g. \"12\" or \"a\".")
    type: str = _f("CSL item type: webpage, article-newspaper, book, report, document ...", default="webpage")
    title: str | None = _f("Title of the cited work.")
    author: tuple[Name, ...] = _f("Authors.", factory=tuple)
    editor: tuple[Name, ...] = _f("Editors.", factory=tuple)
    container_title: str | None = _f(
        "The newspaper, site or journal it appeared in.", key="container-title"
    )
    publisher: str | None = _f("Publisher.")
    issued: str | None = _f("Publication date, ISO 8601 (partial allowed).")
    accessed: str | None = _f("Access date, ISO 8601.")
    url: str | None = _f("Where it can be read.", key="URL")
    page: str | None = _f("Pages cited, e.g. \"7, 9\".")
    language: str | None = _f("Language of the cited work.")
    custom: dict[str, Any] = _f(
        "Extras: raw (the entry as written), see (id of the full entry a short-form "
        "citation points to), archive_url, ...",
        factory=dict,
    )
    suppress: tuple[str, ...] = _f(
        "Rule ids whose findings on this reference are accepted (factcheck validate stays quiet).",
        factory=tuple,
    )
    document: str = field(default="", compare=False, metadata={"internal": True})
    origin: Origin | None = field(default=None, compare=False, metadata={"internal": True})


@dataclass(frozen=True)
class ClaimFile:
    """The contents of ``claims/<document>.yaml``."""

    document: Document = _req("The source document these claims come from.")
    claims: tuple[Claim, ...] = _f("Its claims, in source order.", factory=tuple)


@dataclass(frozen=True)
class ReferenceFile:
    """The contents of ``references/<document>.yaml``."""

    document: str = _req("Id of the document whose references these are.")
    references: tuple[Reference, ...] = _f("Its references.", factory=tuple)


@dataclass(frozen=True)
class Finding:
    """One problem found by a check, located in a file."""

    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    # What kind of fault, for the runner to reason about without reading the
    # message: for schema findings the JSON Schema keyword that failed
    # ("pattern", "required", ...); empty when a rule has one kind only.
    kind: str = ""
    entry: str = ""  # id of the claim or reference it stands in ("" for the file itself)
