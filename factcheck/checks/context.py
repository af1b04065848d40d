"""What rules see: the whole corpus as read, with helpers over its raw values.

Rules read the plain values (``located.data``) rather than the model objects,
guarding every access by type: a file with schema errors still has its sound
parts checked, and its broken parts are skipped instead of reported twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from factcheck.store import Corpus, LoadedFile
from factcheck.yamlio import JsonPath, Located


@dataclass(frozen=True)
class Item:
    """One claim or reference entry as read: its file, its path in the file, its values."""

    file: LoadedFile
    jpath: JsonPath
    data: dict[str, Any]
    document: str

    def where(self, *sub: str | int, key: bool = False) -> tuple[int, int]:
        assert self.file.located is not None
        return self.file.located.where(self.jpath + tuple(sub), key=key)

    def entries(self, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """(index, mapping) for each well-formed entry of a list field such as
        ``relations``; malformed ones are the schema rule's to report."""
        values = self.data.get(key)
        if isinstance(values, list):
            for j, value in enumerate(values):
                if isinstance(value, dict):
                    yield j, value

    @cached_property
    def id(self) -> str | None:
        # Cached: the cross-file rules ask for it half a million times at 10^5 claims.
        value = self.data.get("id")
        return value if isinstance(value, str) else None


def stem(path: str) -> str:
    return Path(path).stem


@dataclass
class Context:
    """What every rule is handed: the corpus as read, and its entries by kind and id."""

    corpus: Corpus

    @property
    def root(self) -> Path:
        return self.corpus.root

    def located(self, f: LoadedFile) -> Located:
        """The values and positions of a file ``readable()`` gave."""
        assert f.located is not None, f.path
        return f.located

    def readable(self, kind: str) -> Iterator[LoadedFile]:
        for f in self.corpus.files:
            if f.kind == kind and f.located is not None and isinstance(f.located.data, dict):
                yield f

    def document_of(self, f: LoadedFile) -> dict[str, Any] | None:
        doc = f.located.data.get("document") if f.located else None
        return doc if isinstance(doc, dict) else None

    def document_id(self, f: LoadedFile) -> str:
        assert f.located is not None
        if f.kind == "claims":
            doc = self.document_of(f)
            value = doc.get("id") if doc else None
        else:
            value = self.located(f).data.get("document")
        return value if isinstance(value, str) else stem(f.path)

    def _items(self, kind: str, key: str) -> list[Item]:
        out = []
        for f in self.readable(kind):
            entries = self.located(f).data.get(key)
            if not isinstance(entries, list):
                continue
            doc = self.document_id(f)
            for i, entry in enumerate(entries):
                if isinstance(entry, dict):
                    out.append(Item(f, (key, i), entry, doc))
        return out

    @cached_property
    def claims(self) -> list[Item]:
        return self._items("claims", "claims")

    @cached_property
    def references(self) -> list[Item]:
        return self._items("references", "references")

    @cached_property
    def claim_ids(self) -> dict[str, Item]:
        out: dict[str, Item] = {}
        for item in self.claims:
            if item.id is not None:
                out.setdefault(item.id, item)
        return out

    @cached_property
    def reference_ids(self) -> dict[str, Item]:
        out: dict[str, Item] = {}
        for item in self.references:
            if item.id is not None:
                out.setdefault(item.id, item)
        return out

    @cached_property
    def unreadable_stems(self) -> dict[str, set[str]]:
        """Per kind, the document stems of files whose entries could not be read.

        Ids that would live in them are unknown, so cross-file rules stay quiet
        about what such a file might hold: one fault, one finding (``syntax``).
        """
        out: dict[str, set[str]] = {"claims": set(), "references": set()}
        for f in self.corpus.files:
            data = f.located.data if f.located is not None else None
            # ``claims:`` left empty (null) or not a list is the schema rule's
            # one finding; the entries it should hold are as unknown as those
            # of a file that does not parse.
            if not isinstance(data, dict) or not isinstance(data.get(f.kind, []), list):
                out[f.kind].add(stem(f.path))
        return out

    def maybe_in_unreadable(self, kind: str, ident: str, document: str | None = None) -> bool:
        """Whether an id could be defined in an unreadable file of ``kind``."""
        stems = self.unreadable_stems[kind]
        if document is not None and document in stems:
            return True
        return any(ident == s or ident.startswith(s + "-") or ident.startswith(s + "_") for s in stems)
