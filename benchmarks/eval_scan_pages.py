"""Scan a repository of copied pages for contradictions and score it against planted ones.

Usage::

    python benchmarks/eval_scan_pages.py FOLDER [--format text|json] [--keep DIR]

FOLDER holds ``docs/*.txt`` (source documents as a reader copies them) and
``expect.yaml``: the planted conflicts (``expect: conflict``) and planted hard
negatives (``expect: no-conflict``) between two sentences, each named by its
document's file stem and an exact snippet of the sentence::

    version: 1
    items:
      - {id: c01, expect: conflict, within: false,
         a: {doc: blog-bridge, snippet: "173 km"}, b: {doc: wiki-bridge, snippet: "17.3 km"}}

The documents are extracted into a fresh repository (``factcheck init``,
``factcheck extract``) and scanned by the real command line
(``factcheck contradictions --within --format json``), as a user would.
Printed: planted conflicts proposed (recall), planted negatives proposed,
every other proposal (to read: the documents were not labelled pair by pair),
and whether each proposal's evidence names two values that stand in its two
claims.  With ``--format json`` the last line is one JSON object.

No figure here tunes anything: the folder is meant to be written by someone
who never saw the detector, and read only for the report.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Item:
    id: str
    conflict: bool
    within: bool
    a: tuple[str, str]  # (document stem, snippet)
    b: tuple[str, str]


def load_items(path: Path) -> list[Item]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for raw in data["items"]:
        out.append(Item(str(raw["id"]), raw["expect"] == "conflict", bool(raw.get("within", False)),
                        (str(raw["a"]["doc"]), str(raw["a"]["snippet"])),
                        (str(raw["b"]["doc"]), str(raw["b"]["snippet"]))))
    return out


def _factcheck(*args: str, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=root, capture_output=True,
                          text=True, encoding="utf-8", env={**os.environ, "NO_COLOR": "1"},
                          check=False)


def scan(folder: Path, root: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Extract every document into a new repository at ``root`` and scan it; returns the
    proposals and each claim id's document stem."""
    init = _factcheck("init", str(root), root=root.parent)
    if init.returncode != 0:
        raise SystemExit(f"factcheck init failed: {init.stderr}")
    docs = sorted((folder / "docs").glob("*.txt"))
    for doc in docs:
        done = _factcheck("extract", str(doc), "--id", doc.stem, "--quiet", root=root)
        if done.returncode != 0:
            raise SystemExit(f"factcheck extract {doc.name} failed: {done.stderr}")
    found = _factcheck("contradictions", "--within", "--format", "json", root=root)
    if found.returncode not in (0, 1):
        raise SystemExit(f"factcheck contradictions failed ({found.returncode}): {found.stderr}")
    owners = {}
    for path in (root / "claims").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for claim in data.get("claims", []):
            owners[str(claim["id"])] = path.stem
    return json.loads(found.stdout or "[]"), owners


def _side(proposal: dict[str, Any], key: str, owners: dict[str, str]) -> tuple[str, str]:
    return owners.get(proposal[key], ""), proposal[f"{key}_text"]


def _matches(item: Item, proposal: dict[str, Any], owners: dict[str, str]) -> bool:
    sides = [_side(proposal, "a", owners), _side(proposal, "b", owners)]

    def hit(want: tuple[str, str], got: tuple[str, str]) -> bool:
        return want[0] == got[0] and want[1] in got[1]

    return (hit(item.a, sides[0]) and hit(item.b, sides[1])) or (hit(item.a, sides[1]) and hit(item.b, sides[0]))


def _evidence_stands(proposal: dict[str, Any]) -> bool:
    """Each side's evidence is a value written in its claim (not a paraphrase of it)."""
    ev = proposal.get("evidence") or []
    return len(ev) == 2 and ev[0] in proposal["a_text"] and ev[1] in proposal["b_text"]


def evaluate(items: list[Item], proposals: list[dict[str, Any]], owners: dict[str, str]) -> dict[str, Any]:
    planted = [i for i in items if i.conflict]
    negatives = [i for i in items if not i.conflict]
    found = [i for i in planted if any(_matches(i, p, owners) for p in proposals)]
    false = [i for i in negatives if any(_matches(i, p, owners) for p in proposals)]
    other = [p for p in proposals if not any(_matches(i, p, owners) for i in items)]
    return {
        "conflicts": len(planted), "proposed": len(found), "recall": round(len(found) / len(planted), 3) if planted else None,
        "negatives": len(negatives), "negatives_proposed": len(false),
        "proposals": len(proposals), "unplanned_proposals": len(other),
        "evidence_in_claims": sum(_evidence_stands(p) for p in proposals),
        "missed": [i.id for i in planted if i not in found],
        "false": [i.id for i in false],
        "other": [{"a": p["a_text"][:80], "b": p["b_text"][:80], "kind": p["kind"], "evidence": p.get("evidence")}
                  for p in other],
    }


def render_text(r: dict[str, Any]) -> str:
    lines = [
        f"planted conflicts proposed   {r['proposed']} / {r['conflicts']}  (recall {r['recall']})",
        f"planted negatives proposed   {r['negatives_proposed']} / {r['negatives']}",
        f"proposals                    {r['proposals']}  (not planted: {r['unplanned_proposals']};"
        f" evidence standing in both claims: {r['evidence_in_claims']})",
    ]
    if r["missed"]:
        lines.append("missed: " + ", ".join(r["missed"]))
    if r["false"]:
        lines.append("negatives proposed: " + ", ".join(r["false"]))
    for o in r["other"]:
        lines.append(f"  other [{o['kind']}] {o['evidence']}: {o['a']} / {o['b']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--keep", type=Path, help="build the repository here (must not exist) and keep it")
    args = parser.parse_args(argv)
    items = load_items(args.folder / "expect.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep.resolve() if args.keep else Path(tmp) / "repo"
        proposals, owners = scan(args.folder.resolve(), root)
    report = evaluate(items, proposals, owners)
    print(render_text(report))
    if args.format == "json":
        print(json.dumps({k: v for k, v in report.items() if k != "other"}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
