"""Exports: schema.org ClaimReview, CSL-JSON, CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from factcheck.errors import UsageError
from factcheck.export import CONTRADICTED, claimreview, csl_date, csl_json, prepare
from factcheck.model import Name, Reference
from factcheck.report.exports import FORMATS
from factcheck.store import Corpus, Repository

REPO = Path(__file__).parent / "data" / "repo-small"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Repository(REPO).load()


def test_claimreview_covers_claims_with_a_verdict(corpus: Corpus) -> None:
    data = claimreview(corpus)
    assert data["@context"] == "https://schema.org"
    verdicts = {r["identifier"]: r["reviewRating"]["alternateName"] for r in data["@graph"]}
    assert verdicts == {
        "en-noto-2": CONTRADICTED,
        "en-noto-3": "Disputed: dubious",
        "en-noto-6": "Disputed: citation-needed",
        "ja-noto-2": CONTRADICTED,
        "ja-noto-3": "Disputed: citation-needed",
        "ja-noto-4": "Disputed: dubious",
        "ja-noto-5": "Disputed: unreliable-source",
    }
    first = data["@graph"][0]
    assert first["@type"] == "ClaimReview" and first["itemReviewed"]["@type"] == "Claim"
    assert first["claimReviewed"] == corpus.claim_by_id["en-noto-2"].text
    assert "ja-noto-2" in first["reviewRating"]["ratingExplanation"]
    assert "datePublished" not in first and "author" not in first


def test_claimreview_author_date_and_url_on_request(corpus: Corpus) -> None:
    review = claimreview(corpus, author="Desk", date="2024-05-01", url_base="https://example.org/r.html")["@graph"][0]
    assert review["author"] == {"@type": "Organization", "name": "Desk"} and review["datePublished"] == "2024-05-01"
    assert review["url"] == "https://example.org/r.html#claim-en-noto-2"


@pytest.mark.parametrize(
    "iso, csl",
    [
        ("2024-01-02", {"date-parts": [[2024, 1, 2]]}),
        ("2024-01", {"date-parts": [[2024, 1]]}),
        ("2024", {"date-parts": [[2024]]}),
        ("spring 2024", {"raw": "spring 2024"}),
    ],
)
def test_csl_date(iso: str, csl: dict) -> None:
    assert csl_date(iso) == csl


def test_csl_json_items(corpus: Corpus) -> None:
    items = {i["id"]: i for i in csl_json(corpus)}
    assert len(items) == len(corpus.references)
    r1 = items["en-noto-r1"]
    assert r1["author"] == [{"family": "Smith", "given": "Jane"}, {"literal": "Reuters staff"}]
    assert r1["issued"] == {"date-parts": [[2024, 1, 1]]} and r1["accessed"] == {"date-parts": [[2024, 1, 5]]}
    assert r1["container-title"] == "Reuters" and r1["URL"].startswith("https://")
    assert "custom" not in r1 and "label" not in r1
    assert "label: 1" in r1["note"] and "document: en-noto" in r1["note"]
    assert "archive_url: https://archive.org/x" in items["en-noto-r3"]["note"]
    assert items["ja-noto-r4"]["author"] == [{"family": "山田", "given": "太郎"}]


def test_csl_json_item_without_extras() -> None:
    from factcheck.export import csl_item

    item = csl_item(Reference("x", title="T", author=(Name(literal="Org"),)))
    assert item == {"id": "x", "type": "webpage", "title": "T", "author": [{"literal": "Org"}]}


def test_csv_has_one_row_per_claim(corpus: Corpus) -> None:
    out = io.StringIO()
    FORMATS["csv"](prepare(corpus), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["id"] for r in rows] == [c.id for c in corpus.claims]
    script = next(r for r in rows if r["id"] == "ja-noto-5")
    assert script["text"] == corpus.claim_by_id["ja-noto-5"].text
    assert script["statuses"] == "sourced; disputed; weakly-sourced"


@pytest.mark.parametrize("fmt", ["claimreview", "csl-json"])
def test_json_exports_parse(corpus: Corpus, fmt: str) -> None:
    out = io.StringIO()
    FORMATS[fmt](prepare(corpus), out)
    json.loads(out.getvalue())


def test_formats_are_the_commands_choices() -> None:
    assert sorted(FORMATS) == ["claimreview", "csl-json", "csv"]


@pytest.mark.parametrize("date", ["yesterday", "2024-13-01", "24/10/2024"])
def test_claimreview_rejects_a_date_that_is_not_iso(corpus: Corpus, date: str) -> None:
    # datePublished was copied as given, making invalid schema.org JSON-LD.
    with pytest.raises(UsageError):
        prepare(corpus, date=date)
