"""Starting a repository: the folders, the schemas the modelines point at, a
config file, a pre-commit hook and a .gitignore for the index.

``init_repository`` never overwrites what a person wrote: an existing config
or pre-commit file is kept (and reported); only the generated schemas are
refreshed when they differ from the installed factcheck's model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import UsageError
from factcheck.lock import JOURNAL_NAME, LOCK_NAME
from factcheck.schema import SCHEMA_FILES, schema_for
from factcheck.store import CLAIMS_DIR, REFERENCES_DIR, SCHEMA_DIR, SOURCES_DIR
from factcheck.yamlio import atomic_write

CONFIG_FILE = ".factcheck.yaml"
PRE_COMMIT_FILE = ".pre-commit-config.yaml"
HOOK_ID = "factcheck-validate"

# The version lets later factchecks read old repositories; every setting
# (select, ignore, rules, exclude, format, reliability) is optional and
# shown with its origin by `factcheck config`.
CONFIG_TEXT = """\
# factcheck settings for this repository: `factcheck config` shows the
# effective configuration, `factcheck schema config` its schema.
# version: the layout of claims/, references/ and sources/ this repository uses.
version: 1
"""

# A local, system hook: it runs the factcheck installed in the environment,
# works offline, and has the id, entry and files of the published hook
# (.pre-commit-hooks.yaml); a test keeps the two in step.
PRE_COMMIT_TEXT = """\
# Validate the repository before each commit: run `pre-commit install` once.
# The hook checks the whole repository (a deleted reference file breaks claims
# the commit never touched); an index in .factcheck/ keeps that fast.
# This hook runs the factcheck installed in your environment.  To pin a release
# instead, replace the local repo by the published hook:
#   - repo: <the factcheck repository URL>
#     rev: <a tag>
#     hooks:
#       - id: factcheck-validate
repos:
  - repo: local
    hooks:
      - id: factcheck-validate
        name: factcheck validate
        entry: factcheck validate
        language: system
        files: ^(claims|references|sources)/
        pass_filenames: false
        always_run: true
        require_serial: true
"""

# Git keeps no empty folders; these let a fresh clone be found as a repository.
_KEEP = ".gitkeep"

GITIGNORE_FILE = ".gitignore"
# The index validate keeps in .factcheck/ is a cache rebuilt from the files.
INDEX_IGNORE = ".factcheck/"
LOCK_IGNORE_TEXT = f"""\
# factcheck's write lock, and the journal of a write in progress (factcheck.lock)
{LOCK_NAME}
{JOURNAL_NAME}
"""
GITIGNORE_TEXT = f"""\
# factcheck's index, rebuilt from the files when missing
{INDEX_IGNORE}
""" + LOCK_IGNORE_TEXT


@dataclass
class InitResult:
    """What init did, each as a path relative to the repository root."""

    root: Path
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    hook_missing: bool = False  # an existing pre-commit config without our hook

    @property
    def was_repository(self) -> bool:
        return not any(p.rstrip("/") in (CLAIMS_DIR, REFERENCES_DIR) for p in self.created)


def schema_text(kind: str) -> str:
    """A schema file's text exactly as `factcheck schema KIND` prints it."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def init_repository(root: Path) -> InitResult:
    """Create (or complete) a repository at ``root``; see the module docstring."""
    root = root.resolve()
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} is a file, not a folder")
    result = InitResult(root)
    for name in (CLAIMS_DIR, REFERENCES_DIR, SOURCES_DIR, SCHEMA_DIR):
        folder = root / name
        if folder.is_dir():
            result.kept.append(name + "/")
        elif folder.exists():
            raise UsageError(f"{folder} exists and is not a folder")
        else:
            folder.mkdir(parents=True)
            result.created.append(name + "/")
        if name != SCHEMA_DIR and not any(folder.iterdir()):
            (folder / _KEEP).touch()
    for kind, filename in SCHEMA_FILES.items():
        path, text = root / SCHEMA_DIR / filename, schema_text(kind)
        rel = f"{SCHEMA_DIR}/{filename}"
        if not path.exists():
            atomic_write(path, text)
            result.created.append(rel)
        elif path.read_text(encoding="utf-8") != text:
            atomic_write(path, text)  # generated: the installed model is the truth
            result.updated.append(rel)
        else:
            result.kept.append(rel)
    for name, text in ((CONFIG_FILE, CONFIG_TEXT), (PRE_COMMIT_FILE, PRE_COMMIT_TEXT)):
        path = root / name
        if path.exists():
            result.kept.append(name)
            if name == PRE_COMMIT_FILE and HOOK_ID not in path.read_text(encoding="utf-8", errors="replace"):
                result.hook_missing = True
        else:
            atomic_write(path, text)
            result.created.append(name)
    ignore = root / GITIGNORE_FILE
    if not ignore.exists():
        atomic_write(ignore, GITIGNORE_TEXT)
        result.created.append(GITIGNORE_FILE)
    else:
        current = ignore.read_text(encoding="utf-8", errors="replace")
        have = current.split()
        if INDEX_IGNORE not in have:
            missing = GITIGNORE_TEXT
        elif LOCK_NAME not in have or JOURNAL_NAME not in have:
            missing = LOCK_IGNORE_TEXT  # a repository started before the lock existed
        else:
            missing = ""
        if missing:
            atomic_write(ignore, current + ("" if current.endswith("\n") or not current else "\n") + missing)
            result.updated.append(GITIGNORE_FILE)
        else:
            result.kept.append(GITIGNORE_FILE)
    return result
