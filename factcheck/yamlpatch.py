"""Rewrite a claim or reference file by targeted edits, keeping what people wrote.

Files are edited by hand between runs: comments (``# TODO ask the press
office``), key order, quoting, blank lines.  Dumping the model again would
throw all of that away, so a write compares the model read from the file
with the model to write and edits only what differs, on the located node
tree ``yamlio.compose`` builds:

- an object that did not change keeps its text byte for byte;
- a changed object is edited field by field: an unchanged field keeps its
  text, a changed nested object (a block mapping) or list of identified
  objects (claims, references, relations in block style) is edited the
  same way, any other changed field is written anew as one entry;
- a list of identified objects is rebuilt from chunks: each item with the
  comment lines above it and the comment at the end of its line, so
  comments travel with their item when items are inserted or reordered;
- new fields go after the field that precedes them in the model's order.

The edited text is read back and must give exactly the model to write;
when it does not (or the file cannot be read strictly), the caller writes a
fresh rendering instead, so a write is never wrong, only less kind.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any, Callable

from factcheck.schema import field_key, public_fields
from factcheck.yamlio import Node, dump


class _Fallback(Exception):
    """The file's layout is one the targeted edit does not handle."""


Edit = tuple[int, int, str]


class _Text:
    """The file's text with 1-based line/column -> offset conversion."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def offset(self, line: int, column: int) -> int:
        if line - 1 >= len(self.starts):
            return len(self.text)
        return min(self.starts[line - 1] + column - 1, len(self.text))

    def start(self, node: Node) -> int:
        return self.offset(node.line, node.column)

    def end(self, node: Node) -> int:
        """Offset one past the node's last character (comments after it excluded)."""
        if node.kind == "scalar":
            end = self.offset(node.end_line, node.end_column)
            if node.style in ("|", ">"):
                # A block scalar's end mark lies after its trailing blank lines.
                while end > self.start(node) and self.text[end - 1] in " \n":
                    end -= 1
            return end
        if node.flow or not node.value:
            return self.offset(node.end_line, node.end_column)
        last = node.value[-1]
        return self.end(last[1] if node.kind == "map" else last)

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def after_line(self, offset: int) -> int:
        """The offset just past the newline that ends the line holding ``offset``."""
        nl = self.text.find("\n", offset)
        return len(self.text) if nl < 0 else nl + 1


def _apply(text: str, start: int, end: int, edits: list[Edit]) -> str:
    """``text[start:end]`` with non-overlapping ``edits`` applied (inserts keep their order)."""
    out, cursor = [], start
    for s, e, new in sorted(edits, key=lambda x: x[0]):  # stable: same-place inserts stay in order
        if s < cursor or e > end:
            raise _Fallback("overlapping edits")
        out.append(text[cursor:s])
        out.append(new)
        cursor = e
    out.append(text[cursor:end])
    return "".join(out)


def _indent(block: str, spaces: int) -> str:
    """Indent every line but the first (which goes where the old text began)."""
    pad = " " * spaces
    lines = block.split("\n")
    return "\n".join([lines[0], *[(pad + line) if line else line for line in lines[1:]]])


def _is_default(f: dataclasses.Field[Any], value: Any) -> bool:
    if f.default_factory is not dataclasses.MISSING:
        return bool(value == f.default_factory())
    return f.default is not dataclasses.MISSING and value == f.default


def _identity(obj: Any) -> Any:
    """What names an item of a list across versions: claims and references by
    id, relations by their target."""
    for name in ("id", "target"):
        if hasattr(obj, name):
            return getattr(obj, name)
    return None


class _Patcher:
    def __init__(self, text: str, to_data: Callable[[Any], Any]):
        self.t = _Text(text)
        self.to_data = to_data

    def entry(self, key: str, value: Any, indent: int) -> str:
        """``key: value`` as the writer renders it, without the final newline,
        continuation lines indented for a key at column ``indent + 1``."""
        return _indent(dump({key: value}).rstrip("\n"), indent)

    def obj(self, node: Node, old: Any, new: Any) -> list[Edit]:
        """Edits that turn the block mapping ``node`` (holding ``old``) into ``new``."""
        if node.kind != "map" or node.flow or not node.value or type(old) is not type(new):
            raise _Fallback("not a block mapping")
        t = self.t
        entries = {k.value: (k, v) for k, v in node.value}
        indent = node.value[0][0].column - 1
        cache: list[dict[str, Any]] = []

        def data() -> dict[str, Any]:  # rendered only when an entry is written anew
            if not cache:
                cache.append(self.to_data(new))
            return cache[0]

        fields = public_fields(type(new))
        order = [field_key(f) for f in fields]
        edits: list[Edit] = []
        for i, f in enumerate(fields):
            key = order[i]
            ov, nv = getattr(old, f.name), getattr(new, f.name)
            if ov == nv:
                continue
            written = not _is_default(f, nv) or bool(f.metadata.get("explicit"))
            if key in entries:
                knode, vnode = entries[key]
                if not written:
                    edits.append(self._delete(knode, vnode, first=knode is node.value[0][0]))
                elif dataclasses.is_dataclass(nv) and vnode.kind == "map" and not vnode.flow:
                    edits += self.obj(vnode, ov, nv)
                elif self._identified(nv) and self._identified(ov) and vnode.kind == "seq" and not vnode.flow and vnode.value:
                    edits.append(self.seq(vnode, ov, nv, t.after_line(t.start(knode))))
                else:
                    edits.append((t.start(knode), t.end(vnode), self.entry(key, data()[key], indent)))
            elif written:
                before = [entries[k] for k in order[:i] if k in entries]
                if before:
                    # On the line after the previous entry: a comment at the end of
                    # its line stays there, and a list rebuilt before it is not cut.
                    pos = t.after_line(t.end(before[-1][1]))
                    lead = "" if t.text[pos - 1 : pos] == "\n" else "\n"
                    edits.append((pos, pos, lead + " " * indent + self.entry(key, data()[key], indent) + "\n"))
                else:
                    # Before the first key: only when it starts its own line (not "- id:").
                    first = node.value[0][0]
                    pos = t.start(first)
                    if t.text[t.line_start(pos) : pos].strip():
                        raise _Fallback("insert before an item's first key")
                    edits.append((pos, pos, self.entry(key, data()[key], indent) + "\n" + " " * indent))
        return edits

    @staticmethod
    def _identified(value: Any) -> bool:
        return isinstance(value, tuple) and all(
            dataclasses.is_dataclass(v) and _identity(v) is not None for v in value
        )

    def _delete(self, knode: Node, vnode: Node, *, first: bool) -> Edit:
        t = self.t
        start = t.line_start(t.start(knode))
        if first or t.text[start : t.start(knode)].strip():
            raise _Fallback("delete an item's first key")
        return (start, t.after_line(t.end(vnode)), "")

    def seq(self, node: Node, old: tuple[Any, ...], new: tuple[Any, ...], start: int) -> Edit:
        """One edit rebuilding the block sequence ``node`` (its text begins on the
        line at offset ``start``, just after its key's line) from item chunks."""
        t = self.t
        items: list[Node] = node.value
        # Item i owns the text from the end of item i-1's line to the end of its own
        # line: the comment lines above it and a comment at the end of its last line.
        first_dash = t.text.rfind("-", 0, t.start(items[0]))
        if first_dash < start:
            raise _Fallback("no dash before the first item")
        dash_indent = first_dash - t.line_start(first_dash)
        bounds = [start] + [t.after_line(t.end(n)) for n in items]
        region = (bounds[0], bounds[-1])
        if len(items) != len(old):
            raise _Fallback("the file and its model disagree")
        by_id: dict[Any, list[int]] = defaultdict(list)
        for i, o in enumerate(old):
            by_id[_identity(o)].append(i)
        chunks = []
        for item in new:
            slots = by_id.get(_identity(item))
            if slots:
                i = slots.pop(0)
                if old[i] == item:
                    chunk = t.text[bounds[i] : bounds[i + 1]]
                else:
                    chunk = _apply(t.text, bounds[i], bounds[i + 1], self.obj(items[i], old[i], item))
            else:
                chunk = " " * dash_indent + _indent(dump([self.to_data(item)]).rstrip("\n"), dash_indent)
            chunks.append(chunk if chunk.endswith("\n") else chunk + "\n")
        text = "".join(chunks)
        if not t.text[region[0] : region[1]].endswith("\n"):
            text = text[:-1]
        return (region[0], region[1], text)


def patch(text: str, root: Node, old: Any, new: Any, to_data: Callable[[Any], Any]) -> str | None:
    """``text`` (the file holding ``old``, composed as ``root``) edited to hold
    ``new``, or None when the layout is beyond targeted edits.  The caller
    verifies the result."""
    p = _Patcher(text, to_data)
    try:
        edits = p.obj(root, old, new)
        return _apply(text, 0, len(text), edits)
    except _Fallback:
        return None
