"""What ``factcheck init`` says: the files it created or refreshed, and the next steps."""

from __future__ import annotations

from pathlib import Path

from factcheck.repo_init import HOOK_ID, PRE_COMMIT_FILE, InitResult
from factcheck.report.table import console
from factcheck.store import display_path

NEXT_STEPS = """\
Next steps:
  {cd}factcheck extract path/to/article.txt --id my-article --kind news   # claims/my-article.yaml
  factcheck validate                                  # check every claim and reference file
  git init && pre-commit install                      # validate before each commit
  factcheck contradictions --write && factcheck review   # cross-document candidates, one at a time"""


def render_init(result: InitResult, *, next_steps: bool = True) -> None:
    """What init did, on stderr (a log, like extract's summary), and the next steps."""
    out = console(stderr=True)
    where = display_path(result.root) if result.root != Path.cwd().resolve() else "."
    for rel in result.created:
        out.print(f"created {rel}", markup=False)
    for rel in result.updated:
        why = "(.factcheck/ added: the index is a cache)" if rel == ".gitignore" else "(regenerated from the installed factcheck)"
        out.print(f"updated {rel} {why}", markup=False)
    if result.hook_missing:
        out.print(
            f"warning: {PRE_COMMIT_FILE} exists without the {HOOK_ID} hook; add it (see `factcheck init --help`)",
            markup=False,
        )
    if not result.created and not result.updated:
        out.print(f"{where} is already a factcheck repository; nothing to do", markup=False)
    elif next_steps:
        cd = "" if where == "." else f"cd {where} && "
        out.print(NEXT_STEPS.format(cd=cd), markup=False)
