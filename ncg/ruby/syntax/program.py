"""The program the parser reads: Ruby source with output segments embedded.

A template language hands the Ruby layer one program in which its literal
text is a marker, `TEXT_OPEN <chunk number> TEXT_CLOSE`, that the lexer
reads as one TEXT token (the chunk's text is in `Program.chunks`), and an
output expression is bracketed by `INSERT_OPEN … INSERT_CLOSE`. The markers
are characters of Unicode's private use area, which Ruby source never holds.
`Program.origin` maps every program character back to its offset in the
template, so errors name template line:column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

TEXT_OPEN = "\ue000"  # TEXT_OPEN <chunk number> TEXT_CLOSE: one text chunk
TEXT_CLOSE = "\ue001"
INSERT_OPEN = "\ue002"  # INSERT_OPEN <ruby> INSERT_CLOSE: an expression to output
INSERT_CLOSE = "\ue003"


@dataclass
class TextChunk:
    """Template text to output verbatim, and where it starts in the template."""

    text: str
    offset: int


@dataclass
class Program:
    """The Ruby program of a template, and how to find template positions."""

    source: str
    origin: list[int]  # program offset -> template offset
    chunks: list[TextChunk]
    template: str
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.template)]

    def template_offset(self, pos: int) -> int:
        if not self.origin:
            return 0
        return self.origin[min(pos, len(self.origin) - 1)]

    def line_col(self, pos: int) -> tuple[int, int]:
        """The template line and column (both from 1) of program offset `pos`."""
        return self.offset_line_col(self.template_offset(pos))

    def offset_line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)  # the lines starting at or before it
        return line, offset - self.line_starts[line - 1] + 1
