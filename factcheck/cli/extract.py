"""``factcheck extract``: source documents become claim and reference files."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO, List, Literal, Optional

import typer

from factcheck.cli.common import RootOption, app, emit
from factcheck.cli.progress import bar
from factcheck.errors import FileError, UsageError
from factcheck.ingest import ExtractOptions, IngestResult, check_options, ingest, read_source
from factcheck.lock import repository_lock
from factcheck.repo_init import init_repository
from factcheck.report import extraction
from factcheck.report.records import ingest_record, write_json
from factcheck.report.setup import render_init
from factcheck.report.table import console
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


def _start_repository(repo: Repository) -> None:
    """Outside a repository, a first extraction starts one (as `factcheck init`
    does, schemas included) and says so.  Called under the lock."""
    if not (repo.claims_dir.is_dir() or repo.references_dir.is_dir()):
        console(stderr=True).print(
            f"no factcheck repository at {display_path(repo.root)}: starting one there (factcheck init)", markup=False
        )
        render_init(init_repository(repo.root), next_steps=False)


@app.command("extract")
def extract_command(
    sources: List[Path] = typer.Argument(
        ..., metavar="SOURCE...", help="Source documents: plain text, saved HTML pages or wikitext (UTF-8).", dir_okay=False
    ),
    doc_id: Optional[str] = typer.Option(None, "--id", metavar="ID", help="Document id (default: from the file name; one SOURCE only)."),
    kind: Optional[Literal["wikipedia", "news", "blog", "other"]] = typer.Option(
        None, "--kind", help="What kind of document it is (default: other)."
    ),
    lang: Literal["ja", "en", "auto"] = typer.Option("auto", "--lang", help="Its language."),
    title: Optional[str] = typer.Option(None, "--title", metavar="TEXT", help="Its title (default: taken from the text; one SOURCE only)."),
    url: Optional[str] = typer.Option(None, "--url", metavar="URL", help="Where it was found (one SOURCE only)."),
    retrieved: Optional[str] = typer.Option(None, "--retrieved", metavar="DATE", help="When it was retrieved (YYYY-MM-DD)."),
    source_format: Literal["auto", "text", "html", "wikitext"] = typer.Option(
        "auto", "--from", help="What the source is; auto tells HTML and wikitext by their content, then by suffix."
    ),
    update: bool = typer.Option(
        False, "--update", help="A revised version of a document already extracted: replace its source; claims follow their text."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Write nothing; print the result."),
    fmt: Literal["text", "yaml", "json"] = typer.Option("text", "--format", help="Output: a summary (text), or the result as yaml or json."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar on stderr."),
    root: RootOption = None,
) -> None:
    """Turn source documents into claims and references.

    Copies each source verbatim into sources/, writes claims/<id>.yaml and
    references/<id>.yaml.  A saved HTML page or a wikitext file is kept
    verbatim as sources/<id>.html (or .wiki) next to sources/<id>.txt, the
    text a reader sees, which claim locations point into.  --format is the
    output format; --from is the source's.  With several sources, --format
    json prints a list, one entry a source.

    Comments and layout of the files are kept.  --kind, --title, --url,
    --retrieved and --lang given again update the document record.

    A revised article: `extract NEW.txt --id ID --update` replaces the source;
    each claim follows its text to where it now stands, a rewritten sentence
    (a close match) takes the new wording and `revision: changed`, a removed
    one is kept with `revision: vanished`; review work is kept, new sentences
    become new claims.

    \b
    Examples:
      factcheck extract sources/wiki-ja-kp-ua-relations.txt --kind wikipedia --lang ja
      factcheck extract sources/wiki-ja-kp-ua-relations.txt --dry-run --format json
      factcheck extract sources/*.txt --dry-run
    """
    if len(sources) > 1 and (doc_id or title or url):
        raise UsageError("--id, --title and --url describe one document: give them with one SOURCE")
    given = {name for name, value in (("kind", kind), ("title", title), ("url", url), ("retrieved", retrieved)) if value is not None}
    given |= {"lang"} if lang != "auto" else set()
    options = ExtractOptions(
        doc_id=doc_id, kind=kind or "other", lang=lang, title=title, url=url, retrieved=retrieved,
        source_format=source_format, update=update, given=frozenset(given),
    )
    # Bad input must not leave a repository started for nothing.
    check_options(options)
    for source in sources:
        read_source(source)
    repo = Repository.locate(root, create=True)
    # Writers take the repository's lock (readers never wait); each document
    # is written as one transaction (factcheck.lock).
    lock = contextlib.nullcontext() if dry_run else repository_lock(repo.root)
    try:
        with lock:
            if not dry_run:
                _start_repository(repo)
            if len(sources) == 1:
                result = ingest(repo, sources[0], options, dry_run=dry_run)
            else:
                results = []
                with bar("extracting", quiet=quiet) as progress:
                    for i, source in enumerate(sources, 1):
                        results.append(ingest(repo, source, options, dry_run=dry_run))
                        if progress is not None:
                            progress(i, len(sources))
    except OSError as exc:
        raise FileError(str(exc.filename or repo.root), f"cannot write: {exc.strerror or exc}") from None
    if len(sources) == 1:
        emit(extraction.FORMATS[fmt], result)
        return
    emit(lambda rs, out: _render_many(fmt, rs, out), results)


__all__ = ["extract_command", "Path"]
