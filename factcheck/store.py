"""Claim and reference files on disk: finding the repository, reading files into
model objects (every object keeps where it came from), and writing them back
atomically with the schema modeline.

A repository is a folder holding ``claims/``, ``references/`` and ``sources/``;
``claims/<doc>.yaml`` holds a document and its claims, ``references/<doc>.yaml``
the references those claims cite.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal, get_args, get_origin

if TYPE_CHECKING:  # jsonschema loads only for a file the fast check refuses (fast start)
    import jsonschema

from factcheck import model, yamlpatch
from factcheck.errors import ClaimFileError, RepositoryNotFound
from factcheck.model import Claim, ClaimFile, Document, Finding, Origin, Reference, ReferenceFile
from factcheck.reliability import ReliabilityTable, default_table
from factcheck.safety import clip
from factcheck.schema import SCHEMA_FILES, compiled_check, field_key, inline_refs, public_fields, schema_for
from factcheck.yamlio import Flow, FlowList, Located, atomic_write, compose, construct, dump, load_located, read_text

if TYPE_CHECKING:  # config.py reads the rule registry, which reads this module
    from factcheck.config import Config

FileKind = Literal["claims", "references"]
CLAIMS_DIR = "claims"
REFERENCES_DIR = "references"
SOURCES_DIR = "sources"
SCHEMA_DIR = "schema"
YAML_SUFFIXES = (".yaml", ".yml")
ROOT_ENV = "FACTCHECK_ROOT"


def modeline(kind: FileKind) -> str:
    """The comment that points editors (yaml-language-server) at the schema."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{SCHEMA_FILES[kind]}\n"


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def kind_of(path: Path) -> FileKind | None:
    """Which kind of file a path is, by the folder it sits in."""
    if path.suffix not in YAML_SUFFIXES:
        return None
    parent = path.resolve().parent.name
    if parent == CLAIMS_DIR:
        return "claims"
    if parent == REFERENCES_DIR:
        return "references"
    return None


# --- values <-> model objects --------------------------------------------------


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@functools.cache
def _fields(cls: type) -> tuple[tuple[dataclasses.Field[Any], str, bool], ...]:
    """(field, key, required) for each stored field of a model class."""
    return tuple(
        (f, field_key(f), f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        for f in public_fields(cls)
    )


@functools.cache
def _shape(tp: Any) -> tuple[str, Any]:
    """What ``_build`` does with a value of type ``tp`` (worked out once per type)."""
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return "optional", [a for a in get_args(tp) if a is not type(None)][0]
    if origin is tuple:
        return "tuple", get_args(tp)[0]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return "object", tp
    if origin is dict:
        return "dict", None
    if tp is float:
        return "float", None
    return "plain", None


def _build(tp: Any, value: Any, located: Located | None, jpath: tuple[Any, ...]) -> Any:
    """Turn schema-valid plain values into model objects; skip what does not fit."""
    shape, arg = _shape(tp)
    if shape == "plain":
        return value
    if shape == "optional":
        return None if value is None else _build(arg, value, located, jpath)
    if shape == "tuple":
        if not isinstance(value, list):
            return ()
        return tuple(
            built
            for i, v in enumerate(value)
            if (built := _build(arg, v, located, jpath + (i,))) is not _SKIP
        )
    if shape == "object":
        return build_object(arg, value, located, jpath)
    if shape == "dict":
        return value if isinstance(value, dict) else {}
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


@functools.cache
def _has_origin(cls: type) -> bool:
    return any(f.name == "origin" for f in dataclasses.fields(cls))


_SKIP = object()


def build_object(cls: type, value: Any, located: Located | None, jpath: tuple[Any, ...] = ()) -> Any:
    """A model object from a mapping read from a file (or JSON)."""
    if not isinstance(value, dict):
        return _SKIP
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f, key, required in _fields(cls):
        if key in value:
            built = _build(hints[f.name], value[key], located, jpath + (key,))
            if built is _SKIP:
                return _SKIP
            kwargs[f.name] = built
        elif required:
            return _SKIP
    if located is not None and _has_origin(cls):
        line, col = located.where(jpath)
        kwargs["origin"] = Origin(located.path, line, col)
    return cls(**kwargs)


# Nested values written on one line, to keep claim files short and readable.
_FLOW_CLASSES = (model.Span, model.Dispute, model.DateMention, model.Quantity, model.Name, model.Attribution)
_FLOW_LIST_FIELDS = {"cites", "covered_by", "suppress"}


def to_data(obj: Any) -> Any:
    """Plain values for writing: defaults left out, keys as the schema spells them."""
    if dataclasses.is_dataclass(obj):
        out: dict[str, Any] = {}
        for f in public_fields(type(obj)):
            v = getattr(obj, f.name)
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            if not required and v == default and not f.metadata.get("explicit"):
                continue
            data = to_data(v)
            if f.name in _FLOW_LIST_FIELDS:
                data = FlowList(data)
            out[field_key(f)] = data
        return Flow(out) if isinstance(obj, _FLOW_CLASSES) else out
    if isinstance(obj, (list, tuple)):
        return [to_data(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_data(v) for k, v in obj.items()}
    if isinstance(obj, float) and obj.is_integer() and abs(obj) < 2**53:
        return int(obj)
    return obj


def to_json(obj: Any) -> Any:
    """Plain values for JSON output: like to_data, without the YAML layout hints."""
    data = to_data(obj)
    return _plain(data)


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


# --- reading -------------------------------------------------------------------


def _message(error: jsonschema.ValidationError) -> str:
    """A short message a person can act on, naming the field."""
    where = ".".join(str(p) for p in error.absolute_path) or "the file"
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(schema.get("properties", {})))  # type: ignore[arg-type]  # an object here
        allowed = ", ".join(schema.get("properties", {}))
        return f"unknown field {clip(extra[0])}" + (f" in {where}" if error.absolute_path else "") + f" (allowed: {allowed})"
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required field {clip(missing)}" + (f" in {where}" if error.absolute_path else "")
    if error.validator == "enum":
        return f"{where}: {clip(error.instance)} is not one of {', '.join(map(str, error.validator_value))}"  # type: ignore[arg-type]
    if error.validator == "type":
        expected = error.validator_value
        if expected == "object" and not error.absolute_path:
            return f"the file must be a mapping (document: ...), not a {type(error.instance).__name__}"
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        if error.instance is None:
            return f"{where}: expected {expected}, got nothing (null)"
        return f"{where}: expected {expected}, got {type(error.instance).__name__} {clip(error.instance)}"
    if error.validator == "pattern":
        return f"{where}: {clip(error.instance)} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"
    return f"{where}: {error.message}" if where else error.message


def _error_position(located: Located, error: jsonschema.ValidationError) -> tuple[int, int]:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = sorted(set(error.instance) - set(schema.get("properties", {})))
        if extra:
            return located.where(path + (extra[0],), key=True)
    return located.where(path)


@functools.cache
def _validator(kind: FileKind) -> jsonschema.Draft202012Validator:
    import jsonschema

    # The generated schema has no recursion, so its $refs can be inlined once:
    # resolving them on every node is most of jsonschema's time otherwise.
    schema = schema_for(kind)
    return jsonschema.Draft202012Validator(inline_refs(schema, schema["$defs"]))


def is_schema_valid(data: Any, kind: FileKind) -> bool:
    """Whether ``data`` matches the schema of its kind: a compiled check (see
    ``schema.compiled_check``); only a file it refuses goes through
    jsonschema, whose errors carry the paths we locate (issue 9)."""
    return compiled_check(kind)(data)


def schema_findings(located: Located, kind: FileKind) -> list[Finding]:
    """Every schema violation in a file, located at the offending node."""
    if is_schema_valid(located.data, kind):
        return []
    validator = _validator(kind)
    found = []
    for error in validator.iter_errors(located.data):
        line, col = _error_position(located, error)
        found.append(Finding(located.path, line, col, "error", "schema", _message(error), str(error.validator)))
    return sorted(found, key=lambda f: (f.line, f.column))


@dataclass
class LoadedFile:
    """One claim or reference file as read: its values, or why it could not be read."""

    path: str  # as shown to the user
    kind: FileKind
    located: Located | None = None
    file: Path | None = None  # absolute, for writing back
    error: ClaimFileError | None = None
    schema_errors: list[Finding] = field(default_factory=list)
    claims_file: ClaimFile | None = None
    references_file: ReferenceFile | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.schema_errors


def load_file(path: Path, kind: FileKind, *, shown_as: str | None = None, build: bool = True) -> LoadedFile:
    """Read one file, keeping going past schema errors so every finding is reported.

    ``build=False`` skips the model objects (``claims_file``,
    ``references_file``): the rules read the plain values only.
    """
    shown = shown_as or display_path(path)
    loaded = LoadedFile(shown, kind, file=path.resolve())
    try:
        located = load_located(path, schema_for(kind))
    except ClaimFileError as exc:
        exc.path = shown
        loaded.error = exc
        return loaded
    located.path = shown
    loaded.located = located
    loaded.schema_errors = schema_findings(located, kind)
    if build:
        build_models(loaded)
    return loaded


def build_models(loaded: LoadedFile) -> None:
    """Fill in a file's model objects (``claims_file`` or ``references_file``)
    from its values, when they are sound."""
    located, kind = loaded.located, loaded.kind
    if located is None or loaded.error is not None or loaded.schema_errors:
        # Model objects only from values of the types they declare: an id that
        # is a list would break every dict keyed by id.  The rules read the
        # raw values, and commands that need objects stop at this file.
        return
    root = model.ClaimFile if kind == "claims" else model.ReferenceFile
    built = build_object(root, located.data, located)
    if built is _SKIP:
        return
    if kind == "claims":
        doc_id = built.document.id
        loaded.claims_file = dataclasses.replace(
            built, claims=tuple(dataclasses.replace(c, document=doc_id) for c in built.claims)
        )
    else:
        loaded.references_file = dataclasses.replace(
            built, references=tuple(dataclasses.replace(r, document=built.document) for r in built.references)
        )


def _strict(loaded: LoadedFile) -> LoadedFile:
    if loaded.error:
        raise loaded.error
    if loaded.schema_errors:
        first = loaded.schema_errors[0]
        more = len(loaded.schema_errors) - 1
        suffix = f" (and {more} more; run factcheck validate)" if more else ""
        raise ClaimFileError(first.path, first.message + suffix, first.line, first.column)
    return loaded


def read_claim_file(path: Path) -> ClaimFile:
    """A claims file, or ClaimFileError naming the first problem and its position."""
    loaded = _strict(load_file(path, "claims"))
    assert loaded.claims_file is not None
    return loaded.claims_file


def read_reference_file(path: Path) -> ReferenceFile:
    """A references file, or ClaimFileError naming the first problem and its position."""
    loaded = _strict(load_file(path, "references"))
    assert loaded.references_file is not None
    return loaded.references_file


# --- writing -------------------------------------------------------------------


def render_claim_file(cf: ClaimFile) -> str:
    return dump(to_data(cf), header=modeline("claims"))


def render_reference_file(rf: ReferenceFile) -> str:
    return dump(to_data(rf), header=modeline("references"))


def _parse(text: str, path: Path, kind: FileKind) -> tuple[Any, Any]:
    """The model a file's text holds and its node tree, or (None, None) unless
    it reads as YAML we accept.

    No schema validation here: what matters is that the edited text reads
    back as exactly the model to write (an unknown key a person added is kept
    and left to ``validate`` to report).
    """
    try:
        node = compose(text, str(path))
        if node is None:
            return None, None
        located = construct(node, schema_for(kind), str(path))
    except ClaimFileError:
        return None, None
    built = build_object(model.ClaimFile if kind == "claims" else model.ReferenceFile, located.data, None)
    return (None, None) if built is _SKIP else (built, node)


def render_kept(path: Path, new: ClaimFile | ReferenceFile, kind: FileKind) -> tuple[str, bool]:
    """The text to write for ``new`` at ``path``, and whether it kept the file's layout.

    When ``path`` holds a readable file, the text is that file edited where the
    model differs (comments, key order and quoting of everything else kept, see
    ``yamlpatch``), provided the edit reads back as exactly ``new``; otherwise
    it is a fresh rendering (and False when an existing file was replaced).
    """
    def fresh() -> str:
        return render_claim_file(new) if kind == "claims" else render_reference_file(new)  # type: ignore[arg-type]

    try:
        text = read_text(path)
    except (OSError, ClaimFileError):
        return fresh(), not path.exists()
    old, node = _parse(text, path, kind)
    if old is not None:
        if old == new:
            return text, True
        edited = yamlpatch.patch(text, node, old, new, to_data)
        if edited is not None and _parse(edited, path, kind)[0] == new:
            return edited, True
    return fresh(), False


def write_claim_file(path: Path, cf: ClaimFile) -> bool:
    """Write a claims file atomically, keeping comments and layout where it can
    (see ``render_kept``); returns whether the layout was kept."""
    text, kept = render_kept(path, cf, "claims")
    atomic_write(path, text)
    return kept


def write_reference_file(path: Path, rf: ReferenceFile) -> bool:
    """Write a references file atomically, like ``write_claim_file``."""
    text, kept = render_kept(path, rf, "references")
    atomic_write(path, text)
    return kept


# --- the repository ------------------------------------------------------------


@dataclass
class Corpus:
    """Everything read from a repository's claim and reference files."""

    root: Path
    files: list[LoadedFile]
    documents: dict[str, Document] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    references: dict[str, Reference] = field(default_factory=dict)
    # The reliability table statuses and reports rate with (the repository's config's).
    table: ReliabilityTable = field(default_factory=default_table)

    def __post_init__(self) -> None:
        for f in self.files:
            if f.claims_file:
                self.documents.setdefault(f.claims_file.document.id, f.claims_file.document)
                self.claims.extend(f.claims_file.claims)
            if f.references_file:
                for ref in f.references_file.references:
                    self.references.setdefault(ref.id, ref)
        self.claim_by_id: dict[str, Claim] = {}
        for c in self.claims:
            self.claim_by_id.setdefault(c.id, c)

    def raise_if_broken(self) -> None:
        """For commands that need sound input: stop at the first unreadable file."""
        for f in self.files:
            _strict(f)


class Repository:
    """A factcheck repository on disk."""

    def __init__(self, root: Path):
        self.root = root.resolve()

    @classmethod
    def locate(cls, root: Path | None = None, *, start: Path | None = None, create: bool = False) -> Repository:
        """The repository a command works on; the one place ``FACTCHECK_ROOT`` is read.

        ``root`` (``--root``), else ``FACTCHECK_ROOT``, is taken as given and
        must be a repository: a typo there must not read as an empty one
        ("0 claims", exit 0).  Otherwise the nearest folder at or above
        ``start`` (default: the working folder) holding claims/ or
        references/.  With ``create`` (a first extraction), a given folder
        need not be a repository yet, and the working folder starts one when
        none is found.
        """
        env = os.environ.get(ROOT_ENV)
        given = root or (Path(env) if env else None)
        if given is not None:
            repo = cls(given)
            if create:
                return repo
            if not given.is_dir():
                raise RepositoryNotFound(f"--root {given}: no such folder")
            if not (repo.claims_dir.is_dir() or repo.references_dir.is_dir()):
                raise RepositoryNotFound(
                    f"{repo.root} is not a factcheck repository (it has no {CLAIMS_DIR}/ or {REFERENCES_DIR}/ folder)"
                )
            return repo
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / CLAIMS_DIR).is_dir() or (folder / REFERENCES_DIR).is_dir():
                return cls(folder)
        if create:
            return cls(Path.cwd())
        raise RepositoryNotFound(
            f"no factcheck repository at or above {here} (a folder with {CLAIMS_DIR}/ or {REFERENCES_DIR}/); "
            f"run it inside one, or set {ROOT_ENV}"
        )

    @property
    def claims_dir(self) -> Path:
        return self.root / CLAIMS_DIR

    @property
    def references_dir(self) -> Path:
        return self.root / REFERENCES_DIR

    @property
    def sources_dir(self) -> Path:
        return self.root / SOURCES_DIR

    def claim_path(self, doc_id: str) -> Path:
        return self.claims_dir / f"{doc_id}.yaml"

    def reference_path(self, doc_id: str) -> Path:
        return self.references_dir / f"{doc_id}.yaml"

    def paths(self, kind: FileKind) -> list[Path]:
        folder = self.claims_dir if kind == "claims" else self.references_dir
        if not folder.is_dir():
            return []
        # By name (the order of Paths of one folder), from scandir's names:
        # no Path made and compared for each file of 10^3 a command.
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if not e.name.startswith(".") and os.path.splitext(e.name)[1] in YAML_SUFFIXES)
        return [folder / name for name in names]

    @functools.cached_property
    def config(self) -> Config:
        """The repository's configuration: ``.factcheck.yaml`` or ``[tool.factcheck]``."""
        from factcheck.config import load_config  # the config reads the rule registry, which reads the store

        return load_config(self.root)

    def excluded(self, path: Path) -> bool:
        """Whether the config's ``exclude`` globs leave this file out."""
        if not self.config.exclude:
            return False  # without resolving the path: 10^3 files a command
        try:
            rel = path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return False
        return self.config.excluded(rel)

    def all_paths(self) -> list[tuple[Path, FileKind]]:
        found: list[tuple[Path, FileKind]] = [(p, "claims") for p in self.paths("claims")]
        found += [(p, "references") for p in self.paths("references")]
        return [(p, kind) for p, kind in found if not self.excluded(p)]

    def load(self, extra: Iterable[tuple[Path, FileKind]] = (), *, build: bool = True) -> Corpus:
        """Read every claim and reference file, plus ``extra`` files outside the folders
        (``build=False``: values only, no model objects; see load_file)."""
        seen: set[Path] = set()
        files = []
        for path, kind in [*self.all_paths(), *extra]:
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            files.append(load_file(path, kind, build=build))
        return Corpus(self.root, files, table=self.config.table)
