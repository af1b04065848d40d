"""``factcheck extract``: a source document becomes claim and reference files."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

import typer

from factcheck.cli.common import RootOption, app, emit
from factcheck.ingest import ExtractOptions, ingest
from factcheck.report import extraction
from factcheck.store import Repository


@app.command("extract")
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
    options = ExtractOptions(doc_id=doc_id, kind=kind, lang=lang, title=title, url=url, retrieved=retrieved,
                             source_format=source_format)
    emit(extraction.FORMATS[fmt], ingest(Repository.locate(root, create=True), source, options, dry_run=dry_run))
