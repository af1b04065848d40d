"""An extraction (``factcheck extract``): a summary for people, the claim
and reference files as yaml, or json for programs.

The summary is a log of what was done, so it goes to stderr: with
``--format yaml`` or ``json`` the data is all there is on stdout.
"""

from __future__ import annotations

from typing import IO, Callable

from factcheck.ingest import IngestResult
from factcheck.report.records import ingest_record, write_json
from factcheck.report.table import console
from factcheck.store import display_path, render_claim_file, render_reference_file


def render_text(result: IngestResult, out: IO[str]) -> None:
    log = console(stderr=True)

    def say(line: str) -> None:
        log.print(line, markup=False)

    c = result.counts
    say(
        f"{c['claims']} claims: {c['cited']} cited, {c['covered']} covered, {c['attributed']} attributed, "
        f"{c['unsourced']} unsourced, {c['non_factual']} non-factual, {c['disputed']} disputed; "
        f"{c['references']} references ({c['unresolved']} unresolved, {c['broken']} broken)"
    )
    for w in result.extraction.warnings:
        say(f"warning: {w}")
    m = result.merge
    r = result.reanchored
    if r is not None:  # a revised source (--update)
        if result.source_replaced and result.source_path:
            say(f"source replaced by the revised version: {display_path(result.source_path)}")
        say(
            f"{len(r.unchanged)} claims in place, {len(r.moved)} moved with their text, {len(r.changed)} changed, "
            f"{len(r.vanished)} vanished, {len(r.added)} added"
        )
        for label, ids in (("changed (text rewritten; revision: changed)", r.changed), ("vanished (kept; revision: vanished)", r.vanished)):
            if ids:
                say(f"review {label}: " + ", ".join(ids))
    else:
        if m and (result.written or m.kept):  # a dry run with nothing on disk merged nothing
            say(f"kept {len(m.kept)} reviewed claims, added {len(m.added)}, filled {len(m.filled)}")
        if m and m.vanished:
            say(f"{len(m.vanished)} claims on disk were not found again and were kept; review them: " + ", ".join(m.vanished))
    if result.document_updated:
        say("document record updated: " + ", ".join(result.document_updated))
    for lost in result.layout_lost:
        say(f"warning: {display_path(lost)} was rewritten in full; comments in it could not be kept")
    if result.references_vanished:
        say("references kept though not found again: " + ", ".join(result.references_vanished))
    for marker in result.extraction.unknown_markers:
        say(f"unknown marker kept for review: {marker.raw}")
    if result.written:
        if result.original_path:
            say(f"original {display_path(result.original_path)}")
        if result.source_path:
            say(f"source {display_path(result.source_path)}")
        for path in (result.claims_path, result.references_path):
            if path:
                say(f"wrote {display_path(path)}")


def render_yaml(result: IngestResult, out: IO[str]) -> None:
    """The claim file and the reference file, as written (two YAML documents)."""
    assert result.claim_file is not None and result.reference_file is not None
    out.write(render_claim_file(result.claim_file))
    out.write("---\n")
    out.write(render_reference_file(result.reference_file))


def render_json(result: IngestResult, out: IO[str]) -> None:
    write_json(ingest_record(result), out)


FORMATS: dict[str, Callable[[IngestResult, IO[str]], None]] = {
    "text": render_text,
    "json": render_json,
    "yaml": render_yaml,
}
