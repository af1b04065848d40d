"""``factcheck extract``: a source document becomes claim and reference files."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

import typer

from factcheck.cli.common import RootOption, app, emit
from factcheck.ingest import ExtractOptions, check_options, ingest, read_source
from factcheck.repo_init import init_repository
from factcheck.report import extraction
from factcheck.report.setup import render_init
from factcheck.report.table import console
from factcheck.store import Repository, display_path


def _repository_for_extract(root: Path | None, *, dry_run: bool) -> Repository:
    """The repository to extract into; outside one, a first extraction starts
    one (as `factcheck init` does, schemas included) and says so."""
    repo = Repository.locate(root, create=True)
    if not dry_run and not (repo.claims_dir.is_dir() or repo.references_dir.is_dir()):
        console(stderr=True).print(
            f"no factcheck repository at {display_path(repo.root)}: starting one there (factcheck init)", markup=False
        )
        render_init(init_repository(repo.root), next_steps=False)
    return repo


@app.command("extract")
def extract_command(
    source: Path = typer.Argument(..., help="The source document: plain text, a saved HTML page or wikitext (UTF-8).", dir_okay=False),
    doc_id: Optional[str] = typer.Option(None, "--id", help="Document id (default: from the file name)."),
    kind: Optional[Literal["wikipedia", "news", "blog", "other"]] = typer.Option(
        None, "--kind", help="What kind of document it is (default: other)."
    ),
    lang: Literal["ja", "en", "auto"] = typer.Option("auto", "--lang", help="Its language."),
    title: Optional[str] = typer.Option(None, "--title", help="Its title (default: taken from the text)."),
    url: Optional[str] = typer.Option(None, "--url", help="Where it was found."),
    retrieved: Optional[str] = typer.Option(None, "--retrieved", help="When it was retrieved (YYYY-MM-DD)."),
    source_format: Literal["auto", "text", "html", "wikitext"] = typer.Option(
        "auto", "--from", help="What the source is; auto tells HTML and wikitext by their content, then by suffix."
    ),
    update: bool = typer.Option(
        False, "--update", help="A revised version of a document already extracted: replace its source; claims follow their text."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Write nothing; print the result."),
    fmt: Literal["text", "yaml", "json"] = typer.Option("text", "--format", help="Output: a summary (text), or the result as yaml or json."),
    root: RootOption = None,
) -> None:
    """Turn a source document into claims and references.

    Copies the source verbatim into sources/, writes claims/<id>.yaml and
    references/<id>.yaml, and prints a summary.  Run it again after editing
    the claims: reviewed claims are kept, new ones added, vanished ones listed.
    Comments and layout of the files are kept.  --kind, --title, --url,
    --retrieved and --lang given again update the document record.

    A revised article: `extract NEW.txt --id ID --update` replaces the source;
    each claim follows its text to where it now stands, a rewritten sentence
    (a close match) takes the new wording and `revision: changed`, a removed
    one is kept with `revision: vanished`; review work is kept, new sentences
    become new claims.

    Example: factcheck extract article.txt --id kp-ua --kind wikipedia --lang ja
    Example: factcheck extract article.txt --dry-run --format json
    Example: factcheck extract saved-page.html --kind wikipedia
    Example: factcheck extract article.wiki --from wikitext
    Example: factcheck extract article-revised.txt --id kp-ua --update

    A saved HTML page or a wikitext file is kept verbatim as
    sources/<id>.html (or .wiki) next to sources/<id>.txt, the text a reader
    sees, which claim locations point into.  --format is the output format;
    --from is the source's.
    """
    given = {name for name, value in (("kind", kind), ("title", title), ("url", url), ("retrieved", retrieved)) if value is not None}
    given |= {"lang"} if lang != "auto" else set()
    options = ExtractOptions(
        doc_id=doc_id, kind=kind or "other", lang=lang, title=title, url=url, retrieved=retrieved,
        source_format=source_format, update=update, given=frozenset(given),
    )
    # Bad input must not leave a repository started for nothing.
    check_options(options)
    read_source(source)
    repo = _repository_for_extract(root, dry_run=dry_run)
    emit(extraction.FORMATS[fmt], ingest(repo, source, options, dry_run=dry_run))
