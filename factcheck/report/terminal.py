"""Text for the terminal that stays inert whatever the data holds.

``Text`` is rich's ``Text`` with every control character (ESC above all) and
bidi override replaced by a visible one-character placeholder as it is
added, before rich measures and lays it out; the reporters that draw tables
and panels use it for every piece of data.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text as _RichText

from factcheck.safety import visible


class Text(_RichText):
    """rich ``Text`` whose content is always inert (see ``safety.visible``)."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(visible(text), *args, **kwargs)

    def append(self, text: Any, style: Any = None) -> "Text":
        if isinstance(text, str):
            text = visible(text)
        return super().append(text, style)  # type: ignore[return-value]
