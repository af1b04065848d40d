"""Run the rules over a repository and collect their findings.

The corpus is always the whole repository plus the files asked about, so
rules that span files (unique ids, dangling citations) see everything even
when pre-commit passes only a batch of changed files; only findings located
in the target files are reported.
"""

from __future__ import annotations

import functools
import gc
import marshal
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from factcheck import baseline as baselines
from factcheck.checks import RULES, Problem, scope
from factcheck.checks.context import Context
from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.lock import interrupted
from factcheck.model import Finding
from factcheck.safety import cut
from factcheck.store import YAML_SUFFIXES, Corpus, FileKind, LoadedFile, Repository, display_path, kind_of
from factcheck.yamlio import gc_paused


@dataclass(frozen=True)
class ValidationResult:
    """The findings of one validation, sorted by file, line and column."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    strict: bool = False
    root: Path | None = None  # the repository's; SARIF and GitHub paths are relative to it
    suppressed: int = 0  # findings accepted by a suppress: key
    baselined: int = 0  # findings the baseline holds
    stale: int = 0  # baseline entries that matched nothing (fixed since)
    hidden: int = 0  # findings below --min-severity

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def success(self, strict: bool | None = None) -> bool:
        """No errors; under ``strict`` (default: as validated), no warnings either."""
        strict = self.strict if strict is None else strict
        return not self.errors and not (strict and self.warnings)

    def at_least(self, severity: str) -> ValidationResult:
        """Only the findings of ``severity`` or worse (``error``: no warnings)."""
        if severity != "error":
            return self
        kept = tuple(f for f in self.findings if f.severity == "error")
        return replace(self, findings=kept, hidden=self.hidden + len(self.findings) - len(kept))


def resolve_options(options: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Each rule's options: its defaults overridden by ``options``; unknown names rejected."""
    out = {rule_id: dict(rule.DEFAULTS) for rule_id, rule in RULES.items()}
    for rule_id, given in (options or {}).items():
        if rule_id not in RULES:
            raise UsageError(f"unknown rule {rule_id!r} (known: {', '.join(RULES)})")
        for key, value in given.items():
            if key not in out[rule_id]:
                raise UsageError(f"unknown option {key!r} for rule {rule_id!r}")
            out[rule_id][key] = value
    return out


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and kind_of(p) and p.is_file())
    return [path]


def _targets(paths: Sequence[Path]) -> list[tuple[Path, FileKind]]:
    out: list[tuple[Path, FileKind]] = []
    for given in paths:
        if not given.exists():
            raise UsageError(f"{given}: no such file or folder")
        for path in _expand(given):
            kind = kind_of(path)
            if kind is None:
                raise UsageError(
                    f"{path}: not a claim or reference file (a .yaml file in a claims/ or references/ folder)"
                )
            out.append((path, kind))
    return out


SUPPRESS_RULE = "suppress-rule"

# Which rule's word wins when a rule and the schema both speak about one line:
# the precise date message over the schema's pattern warning; otherwise the
# schema finding stands alone, the other rules having skipped the broken part.
_OVER_SCHEMA = {"date-format"}


def _one_per_fault(findings: list[Finding]) -> list[Finding]:
    schema_lines = {(f.path, f.line) for f in findings if f.rule == "schema"}
    date_lines = {(f.path, f.line) for f in findings if f.rule in _OVER_SCHEMA}
    kept = []
    for f in findings:
        if f.rule == "schema" and f.kind == "pattern" and (f.path, f.line) in date_lines:
            continue
        if f.rule not in ("schema", "syntax", *_OVER_SCHEMA) and (f.path, f.line) in schema_lines:
            continue
        kept.append(f)
    return kept


FileFinding = tuple[str, int, int, str, str]  # rule id, line, column, message, kind

# One file this large is one core's work for a long while (200,000 claims:
# about half a minute); its costliest rule then runs in a forked helper
# while this process runs the others and encodes the file for the index.
# Many files share the cores through the index's process pool instead.
HELPER_FROM = 20_000
_IN_HELPER = ("near-duplicate",)


class _Helper:
    """One rule's findings on one file, made in a forked child process (the
    loaded values shared by fork, not copied) and collected by ``result``.
    Where there is no fork (or this is already a pool's worker, or other
    threads run, or the child fails in any way), the rule simply runs here
    when the result is asked."""

    def __init__(self, run: Callable[[], list[FileFinding]]):
        import multiprocessing  # (here: only a file of HELPER_FROM claims gets a helper)
        import threading

        self._run = run
        self._pid: int | None = None
        if not hasattr(os, "fork") or multiprocessing.parent_process() is not None or threading.active_count() > 1:
            return  # (forking a process with other threads running can deadlock the child)
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: the findings down the pipe, then out without any cleanup of the parent's
            code = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    out.write(marshal.dumps(run()))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._read = pid, read

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def result(self) -> list[FileFinding]:
        if self._pid is None:
            return self._run()
        with os.fdopen(self._read, "rb") as inp:
            data = inp.read()
        _, status = os.waitpid(self._pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return self._run()  # it raised or was killed: here, then, with the same outcome
        found: list[FileFinding] = marshal.loads(data)
        return found


def _run_rule(ctx: Context, options: Mapping[str, Mapping[str, Any]], rule_id: str) -> list[FileFinding]:
    return [(rule_id, p.line, p.column, p.message, p.kind) for p in RULES[rule_id].check(ctx, options[rule_id])]


class FileRules:
    """The findings of the single-file rules on one file as just read, with
    their default options: what the index keeps per file.  A cold `validate`
    has them made where the file is read (in the pool's workers), so the main
    process never holds every file's values.  Started when made (a large
    file's costliest rule in a helper), collected by ``findings``."""

    def __init__(self, f: LoadedFile, root: Path):
        self._options = resolve_options()
        self._ctx = Context(Corpus(root, [f]))
        self._ids = [rule_id for rule_id, rule in RULES.items() if scope(rule) == "file"]
        self._helpers: dict[str, _Helper] = {}
        self._own: dict[str, list[FileFinding]] | None = None
        data = f.located.data if f.located is not None else None
        entries = data.get("claims") if isinstance(data, dict) and f.kind == "claims" else None
        if isinstance(entries, list) and len(entries) >= HELPER_FROM:
            self._ctx.claims  # noqa: B018  # made once, before the fork, for both processes
            # (a helper holding this object would make a cycle keeping the whole file alive until a collection)
            self._helpers = {rule_id: _Helper(functools.partial(_run_rule, self._ctx, self._options, rule_id)) for rule_id in _IN_HELPER}

    @property
    def forked(self) -> bool:
        """Whether a helper process is making some of the findings."""
        return any(helper.forked for helper in self._helpers.values())

    def run_here(self) -> None:
        """Run the rules this process runs (at the latest, ``findings`` does)."""
        if self._own is None:
            self._own = {rule_id: _run_rule(self._ctx, self._options, rule_id) for rule_id in self._ids if rule_id not in self._helpers}

    def findings(self) -> list[FileFinding]:
        self.run_here()
        assert self._own is not None
        found = {**self._own, **{rule_id: helper.result() for rule_id, helper in self._helpers.items()}}
        return [x for rule_id in self._ids for x in found[rule_id]]


def file_rule_findings(f: LoadedFile, root: Path) -> list[FileFinding]:
    """The single-file rules' findings on one file (see FileRules)."""
    return FileRules(f, root).findings()


def _file_rule_problems(corpus: Corpus, refreshed: Any, options: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, Problem]]:
    """The findings of the single-file rules: from the index for files (and
    sources) unchanged since they were made, run again for the others."""

    idx = refreshed.index
    cached = idx.cached_findings()
    out: list[tuple[str, Problem]] = []
    stale: list[LoadedFile] = []
    for f in corpus.files:
        source, state, found = cached.get(idx.rel(f), (None, None, None))
        if found is not None and state == idx.source_state(source):
            out += [(rule_id, Problem(f.path, line, col, message, kind)) for rule_id, line, col, message, kind in found]
        else:
            stale.append(f)
    if not stale:
        return out
    idx.attach_values([f for f in stale if f.located is None])
    fresh: dict[str, list[tuple[str, int, int, str, str]]] = {f.path: [] for f in stale}
    sub = Context(Corpus(corpus.root, stale))
    for rule_id, rule in RULES.items():
        if scope(rule) == "file":
            for p in rule.check(sub, options[rule_id]):
                fresh.setdefault(p.path, []).append((rule_id, p.line, p.column, p.message, p.kind))
                out.append((rule_id, p))
    rows = []
    for f in stale:
        source = sub.document_of(f) if f.kind == "claims" and f.located is not None and isinstance(f.located.data, dict) else None
        src = source.get("source") if source else None
        src = src if isinstance(src, str) else None
        rows.append((idx.rel(f), idx.source_state(src), fresh[f.path]))
    idx.store_findings(rows)
    return out


def validate(
    repo: Repository,
    paths: Sequence[Path] | None = None,
    *,
    strict: bool = False,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    baseline: baselines.Baseline | None = None,
    progress: Callable[[int, int], None] | None = None,
    config: Config | None = None,
    notice: Callable[[str], None] | None = None,
) -> ValidationResult:
    """Validate ``paths`` (default: every claim and reference file of ``repo``).

    The repository's configuration (or ``config``) selects the rules and sets
    their severity and options (``options`` given here win); ``suppress:`` keys and the
    ``baseline`` leave out the findings they accept.  ``progress(done, total)``
    is called as rules finish; ``notice(message)`` hears why the index was
    passed over (another command kept it locked: the files are read instead).

    Raises UsageError for a path that does not exist or is not a claim or
    reference file, ClaimFileError for a target that cannot be read at all.
    """
    config = config if config is not None else repo.config
    merged = {rule_id: dict(given) for rule_id, given in config.options.items()}
    for rule_id, given in (options or {}).items():
        merged.setdefault(rule_id, {}).update(given)
    resolved_options = resolve_options(merged)
    # Files the config excludes are skipped even when named (pre-commit names them).
    extra = [(p, k) for p, k in _targets(paths) if not repo.excluded(p)] if paths is not None else []
    from factcheck import index  # the runner works without it, on the files

    # The index keeps the single-file rules' findings made with their default
    # options: usable only when no option is set, here or in the config.
    # Then the cross-file rules ask its tables, and no unchanged file's values
    # are decoded at all (a warm run over 10^5 claims reads a few rows).
    cached = options is None and not config.options
    # Reading makes objects that live until the end and form no garbage
    # cycles: no cyclic collection while it runs, and none walking them again
    # while the rules run (each walk visits every object alive: on a
    # 200,000-claim file, time growing with the square of the file).
    with gc_paused():
        corpus, refreshed = index.load(repo, extra, build=False, values=not cached, notice=notice)  # rules read values, not model objects
    gc.freeze()  # unfrozen at the end
    if paths is None:
        wanted = {f.path for f in corpus.files}
    else:
        wanted = {display_path(p) for p, _ in extra}
    for f in corpus.files:
        # A file that cannot be opened at all is unreadable input, not a finding.
        if f.path in wanted and f.error is not None and f.error.message.startswith("cannot read"):
            raise f.error
    ctx = Context(corpus)
    enabled = [rule_id for rule_id in RULES if config.enabled(rule_id)]
    problems: list[tuple[str, Problem]] = []
    indexed = False  # the cross-file rules answered from the index's tables
    if refreshed is not None and cached:
        problems += [(r, p) for r, p in _file_rule_problems(corpus, refreshed, resolved_options) if r in enabled]
        rules = [(rule_id, RULES[rule_id]) for rule_id in enabled if scope(RULES[rule_id]) != "file"]
        if all(hasattr(rule, "check_index") for _, rule in rules):
            indexed = True
        else:  # a rule that only reads values: give it every file's
            refreshed.index.attach_values([f for f in corpus.files if f.located is None])
    else:
        rules = [(rule_id, RULES[rule_id]) for rule_id in enabled]
    if indexed and refreshed is not None:
        # Kept in the index, and asked again only about what changed (checks.crossfile).
        from factcheck.checks.crossfile import answer

        problems += answer(refreshed.index, corpus.files, rules, resolved_options, progress)
    else:
        for done, (rule_id, rule) in enumerate(rules, 1):
            problems += [(rule_id, p) for p in rule.check(ctx, resolved_options[rule_id])]
            if progress is not None:
                progress(done, len(rules))
    findings = [
        Finding(p.path, p.line, p.column, config.rule_severity(rule_id, RULES[rule_id].SEVERITY), rule_id, cut(p.message), p.kind)
        for rule_id, p in problems
        if p.path in wanted
    ]
    findings = _one_per_fault(findings)
    if indexed and refreshed is not None:
        anchors = refreshed.index.anchors(corpus.files, {f.path for f in findings})
    else:
        anchors = baselines.anchors(ctx)
    if refreshed is not None:
        refreshed.index.close()
    findings, suppressed, used = baselines.stamp(findings, anchors)
    if config.enabled(SUPPRESS_RULE):
        # A suppression that accepts nothing hides the next real finding: say so
        # (the suppress-rule rule itself reports suppressions of unknown rules).
        severity = config.rule_severity(SUPPRESS_RULE, RULES[SUPPRESS_RULE].SEVERITY)
        for path, line, column, rule_id, entry in baselines.unused(anchors, used, ran=enabled, files=wanted):
            message = f"suppress: {rule_id!r} accepts nothing here; remove it"
            findings.append(Finding(path, line, column, severity, SUPPRESS_RULE, message, entry=entry))
    baselined = stale = 0
    if baseline is not None:
        findings, baselined, stale = baseline.split(findings, repo.root, wanted)
    journal = interrupted(repo.root)
    if journal is not None:
        findings.append(
            Finding(
                display_path(journal), 1, 1, "error", "syntax",
                "a write was interrupted (killed); the next writing command (factcheck extract, "
                "contradictions --write, review, relate, validate --fix) completes it",
            )
        )
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.rule, f.message))
    gc.unfreeze()
    return ValidationResult(tuple(findings), tuple(sorted(wanted)), strict, repo.root, suppressed, baselined, stale)


__all__ = ["ValidationResult", "validate", "resolve_options"]
