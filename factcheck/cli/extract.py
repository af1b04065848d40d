"""``factcheck extract``: a source document becomes claim and reference files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, Optional

import typer

from factcheck.cli.common import RootOption, app, console, guarded, write_json
from factcheck.errors import FileError, RepositoryNotFound, UsageError
from factcheck.extract import Extraction
from factcheck.lock import repository_lock
from factcheck.ingest import ExtractOptions, IngestResult, extract_file, ingest, summarize
from factcheck.store import Repository, display_path, find_root, render_claim_file, render_reference_file, to_json
from factcheck.model import ClaimFile, ReferenceFile

# Every claim key, even when empty, so programs reading --dry-run JSON need no defaults.
_CLAIM_KEYS = ("id", "text", "section", "kind", "cites", "covered_by", "disputes", "dates", "quantities", "location")


def extraction_json(ex: Extraction) -> dict[str, object]:
    claims = []
    for c in ex.claims:
        full = to_json(c)
        claims.append(
            {k: full.get(k, [] if k in ("cites", "covered_by", "disputes", "dates", "quantities") else "") for k in _CLAIM_KEYS}
            | {k: v for k, v in full.items() if k not in _CLAIM_KEYS}
        )
        claims[-1]["kind"] = c.kind
    return {
        "document": to_json(ex.document),
        "claims": claims,
        "references": [{"id": r.id, "label": r.label, **to_json(r)} for r in ex.references],
        "unknown_markers": [{"marker": m.raw, "offset": m.start} for m in ex.unknown_markers],
        "warnings": list(ex.warnings),
        "summary": summarize(ex),
    }


def _print_summary(result: IngestResult) -> None:
    out = console(stderr=True)
    c = result.counts
    out.print(
        f"{c['claims']} claims: {c['cited']} cited, {c['covered']} covered, {c['attributed']} attributed, "
        f"{c['unsourced']} unsourced, {c['non_factual']} non-factual, {c['disputed']} disputed; "
        f"{c['references']} references ({c['unresolved']} unresolved, {c['broken']} broken)",
        markup=False,
    )
    for w in result.extraction.warnings:
        out.print(f"warning: {w}", markup=False)
    if result.merge:
        m = result.merge
        out.print(f"kept {len(m.kept)} reviewed claims, added {len(m.added)}, filled {len(m.filled)}", markup=False)
        if m.vanished:
            out.print(
                f"{len(m.vanished)} claims on disk were not found again and were kept; review them: "
                + ", ".join(m.vanished),
                markup=False,
            )
    if result.references_vanished:
        out.print("references kept though not found again: " + ", ".join(result.references_vanished), markup=False)
    for m in result.extraction.unknown_markers:
        out.print(f"unknown marker kept for review: {m.raw}", markup=False)
    if result.original_path:
        out.print(f"original {display_path(result.original_path)}", markup=False)
    for p in (result.source_path, result.claims_path, result.references_path):
        if p:
            out.print(f"wrote {display_path(p)}" if p != result.source_path else f"source {display_path(p)}", markup=False)


# The id names files (claims/<id>.yaml): "../x" once wrote both files to the
# same path outside claims/, the references overwriting the claims.
_DOC_ID = re.compile(r"^\w[\w.-]*$")


@app.command("extract")
@guarded
def extract_command(
    source: Path = typer.Argument(..., help="The source document: plain text, a saved HTML page or wikitext (UTF-8).", dir_okay=False),
    doc_id: Optional[str] = typer.Option(None, "--id", help="Document id (default: from the file name)."),
    kind: Literal["wikipedia", "news", "blog", "other"] = typer.Option("other", "--kind", help="What kind of document it is."),
    lang: Literal["ja", "en", "auto"] = typer.Option("auto", "--lang", help="Its language."),
    title: Optional[str] = typer.Option(None, "--title", help="Its title (default: taken from the text)."),
    url: Optional[str] = typer.Option(None, "--url", help="Where it was found."),
    retrieved: Optional[str] = typer.Option(None, "--retrieved", help="When it was retrieved (YYYY-MM-DD)."),
    source_format: Literal["auto", "text", "html", "wikitext"] = typer.Option(
        "auto", "--from", help="What the source is; auto tells HTML and wikitext by their content, then by suffix."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Write nothing; print the result."),
    fmt: Literal["text", "yaml", "json"] = typer.Option("text", "--format", help="Output: a summary (text), or the result as yaml or json."),
    root: RootOption = None,
) -> None:
    """Turn a source document into claims and references.

    Copies the source verbatim into sources/, writes claims/<id>.yaml and
    references/<id>.yaml, and prints a summary.  Run it again after editing
    the claims: reviewed claims are kept, new ones added, vanished ones listed.

    Example: factcheck extract article.txt --id kp-ua --kind wikipedia --lang ja
    Example: factcheck extract article.txt --dry-run --format json
    Example: factcheck extract saved-page.html --kind wikipedia
    Example: factcheck extract article.wiki --from wikitext

    A saved HTML page or a wikitext file is kept verbatim as
    sources/<id>.html (or .wiki) next to sources/<id>.txt, the text a reader
    sees, which claim locations point into.  --format is the output format;
    --from is the source's.
    """
    if doc_id is not None and not _DOC_ID.match(doc_id):
        raise UsageError(f"bad document id {doc_id!r}: use letters, digits, '-', '_' and '.', starting with a letter or digit")
    options = ExtractOptions(doc_id=doc_id, kind=kind, lang=lang, title=title, url=url, retrieved=retrieved,
                             source_format=source_format)
    if dry_run:
        ex = extract_file(source, options)
        if fmt == "json":
            write_json(extraction_json(ex))
        elif fmt == "yaml":
            typer.echo(render_claim_file(ClaimFile(ex.document, ex.claims)), nl=False)
            typer.echo("---")
            typer.echo(render_reference_file(ReferenceFile(ex.document.id, ex.references)), nl=False)
        else:
            _print_summary(IngestResult(extraction=ex, counts=summarize(ex)))
        return
    try:
        repo = Repository(root) if root else Repository(find_root())
    except RepositoryNotFound:
        repo = Repository(Path.cwd())  # a first extraction starts a repository here
    try:
        with repository_lock(repo.root):
            result = ingest(repo, source, options)
    except OSError as exc:
        raise FileError(str(exc.filename or repo.root), f"cannot write: {exc.strerror or exc}") from None
    if fmt == "json":
        write_json(
            {
                "document": result.extraction.document.id,
                "claims_file": display_path(result.claims_path) if result.claims_path else None,
                "references_file": display_path(result.references_path) if result.references_path else None,
                "summary": result.counts,
                "warnings": list(result.extraction.warnings),
                "added": list(result.merge.added) if result.merge else [],
                "vanished": list(result.merge.vanished) if result.merge else [],
            }
        )
    else:
        _print_summary(result)
