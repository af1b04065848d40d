"""``factcheck extract``: source documents become claim and reference files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, List, Literal, Optional

import typer

from factcheck.cli.common import RootOption, app, emit
from factcheck.cli.progress import bar
from factcheck.errors import UsageError
from factcheck.ingest import ExtractOptions, IngestResult, ingest
from factcheck.report import extraction
from factcheck.report.records import ingest_record, write_json
from factcheck.store import Repository, display_path


def _render_many(fmt: str, results: list[IngestResult], out: IO[str]) -> None:
    """Several extractions: one JSON list, YAML documents in a row, or one summary each."""
    if fmt == "json":
        write_json([ingest_record(r) for r in results], out)
        return
    for i, result in enumerate(results):
        if fmt == "yaml" and i:
            out.write("---\n")
        if fmt == "text":
            print(f"{display_path(result.source_path) if result.source_path else result.extraction.document.id}:", file=sys.stderr)
        extraction.FORMATS[fmt](result, out)


@app.command("extract")
def extract_command(
    sources: List[Path] = typer.Argument(
        ..., metavar="SOURCE...", help="Source documents: plain text, saved HTML pages or wikitext (UTF-8).", dir_okay=False
    ),
    doc_id: Optional[str] = typer.Option(None, "--id", metavar="ID", help="Document id (default: from the file name; one SOURCE only)."),
    kind: Literal["wikipedia", "news", "blog", "other"] = typer.Option("other", "--kind", help="What kind of document it is."),
    lang: Literal["ja", "en", "auto"] = typer.Option("auto", "--lang", help="Its language."),
    title: Optional[str] = typer.Option(None, "--title", metavar="TEXT", help="Its title (default: taken from the text; one SOURCE only)."),
    url: Optional[str] = typer.Option(None, "--url", metavar="URL", help="Where it was found (one SOURCE only)."),
    retrieved: Optional[str] = typer.Option(None, "--retrieved", metavar="DATE", help="When it was retrieved (YYYY-MM-DD)."),
    source_format: Literal["auto", "text", "html", "wikitext"] = typer.Option(
        "auto", "--from", help="What the source is; auto tells HTML and wikitext by their content, then by suffix."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Write nothing; print the result."),
    fmt: Literal["text", "yaml", "json"] = typer.Option("text", "--format", help="Output: a summary (text), or the result as yaml or json."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar on stderr."),
    root: RootOption = None,
) -> None:
    """Turn source documents into claims and references.

    Copies each source verbatim into sources/, writes claims/<id>.yaml and
    references/<id>.yaml, and prints a summary.  Run it again after editing
    the claims: reviewed claims are kept, new ones added, vanished ones listed.
    With several sources, --format json prints a list, one entry a source.

    A saved HTML page or a wikitext file is kept verbatim as
    sources/<id>.html (or .wiki) next to sources/<id>.txt, the text a reader
    sees, which claim locations point into.  --format is the output format;
    --from is the source's.

    \b
    Examples:
      factcheck extract sources/wiki-ja-kp-ua-relations.txt --kind wikipedia --lang ja
      factcheck extract sources/wiki-ja-kp-ua-relations.txt --dry-run --format json
      factcheck extract sources/*.txt --dry-run
    """
    if len(sources) > 1 and (doc_id or title or url):
        raise UsageError("--id, --title and --url describe one document: give them with one SOURCE")
    options = ExtractOptions(
        doc_id=doc_id, kind=kind, lang=lang, title=title, url=url, retrieved=retrieved, source_format=source_format
    )
    repo = Repository.locate(root, create=True)
    if len(sources) == 1:
        emit(extraction.FORMATS[fmt], ingest(repo, sources[0], options, dry_run=dry_run))
        return
    results = []
    with bar("extracting", quiet=quiet) as progress:
        for i, source in enumerate(sources, 1):
            results.append(ingest(repo, source, options, dry_run=dry_run))
            if progress is not None:
                progress(i, len(sources))
    emit(lambda rs, out: _render_many(fmt, rs, out), results)


__all__ = ["extract_command", "Path"]
