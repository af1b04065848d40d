"""Reading saved pages against the bare parsers, measured in the same run.

Run:  python benchmarks/bench_pages.py [--copies 20] [--repeat 3]

The inputs are the corpus's saved HTML and wikitext pages
(tests/data/extract/*.html, *.wiki), each read ``--copies`` times.  Printed
side by side, per form:

  baseline   the parser alone, then its plain text (selectolax's
             ``body.text()``; mwparserfromhell's ``strip_code()``): what a
             quick script does, and loses markers, lists and labels
  read       factcheck's reader: the browser-copy-shaped text with
             markers, headings, reference entries, URLs and dates
  extract    the reader, then the whole extraction pipeline

with their ratio to the baseline.  Shared, noisy machines: compare ratios.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import mwparserfromhell
from _timing import print_rows, timed
from selectolax.lexbor import LexborHTMLParser

from factcheck.extract import extract_text
from factcheck.extract.html import read_html
from factcheck.extract.wikitext import read_wikitext

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "extract"


def _bare_html(texts: list[str]) -> None:
    for t in texts:
        body = LexborHTMLParser(t).body
        body.text() if body is not None else ""


def _bare_wiki(texts: list[str]) -> None:
    for t in texts:
        mwparserfromhell.parse(t).strip_code()


def _extract(reader, texts: list[str]) -> int:  # type: ignore[no-untyped-def]
    n = 0
    for t in texts:
        page = reader(t)
        n += len(extract_text(page.text, doc_id="b", source="s", page=page).claims)
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    for suffix, bare, reader in ((".html", _bare_html, read_html), (".wiki", _bare_wiki, read_wikitext)):
        texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob(f"*{suffix}"))] * args.copies
        chars = sum(len(t) for t in texts)
        rows = [
            # Defaults bind this round's reader and texts (the lambdas run at once anyway).
            (f"baseline ({suffix[1:]} parse + text)", timed(lambda bare=bare, texts=texts: bare(texts), args.repeat)),
            (f"read ({suffix[1:]} -> page)", timed(lambda reader=reader, texts=texts: [reader(t) for t in texts], args.repeat)),
            ("read + extract", timed(lambda reader=reader, texts=texts: _extract(reader, texts), args.repeat)),
        ]
        print(f"{suffix}: {len(texts)} pages, {chars:,} characters, {_extract(reader, texts):,} claims, "
              f"median of {args.repeat} runs")
        print_rows(rows, amount=chars, per="chars/s")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
