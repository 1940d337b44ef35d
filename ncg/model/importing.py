"""What the importers share: the caller's renderer for `[% %]` snippets, and
which importer reads which kind of file.

The model knows no template language. `ncg.model.load` is given a
`Renderer` (the template engine's, in ncg) and hands every importer an
`Importer` that carries it, together with the reader of each file kind, so
that a `.neto` file can read a table and a table can read `.neto` files
without their modules importing each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ncg.model.node import Node
from ncg.model.source import FileSet
from ncg.pathnames import relative_filename

Renderer = Callable[[str, str, int, Node], str]
"""`render(text, filename, lineno, target)`: `text` (ERB, `<% %>` tags) rendered
with `@target` = `target` and `@target_key` = its key, as the model line at
filename:lineno; a template error carries that place."""

Reader = Callable[["Importer", Node, list[str]], Node]
"""An importer: reads the files matching the patterns into the node."""

# First "[%" to last "%]", as NCG finds them.
_TAGS = re.compile(r"\[%(.*)%\]")
_HASH_IN_TAGS = re.compile(r"\[%.*#.*%\]")
_WORDS = re.compile(r"[^ \t\n\v\f\r]+")  # Ruby's split on whitespace


def has_tags(line: str) -> bool:
    """Whether a model line holds a `[% ... %]` snippet."""
    return _TAGS.search(line) is not None


def has_hash_in_tags(line: str) -> bool:
    """Whether a "#" stands inside `[% %]`: then it starts no comment."""
    return _HASH_IN_TAGS.search(line) is not None


def relative_names(fileset: FileSet, names: str) -> list[str]:
    """The file names of an include line, each relative to the file being read."""
    return [relative_filename(fileset.filename or "", name) for name in _WORDS.findall(names)]


@dataclass(frozen=True)
class Importer:
    """The renderer and the readers (by file kind: "neto", "neto_table") of one load."""

    render: Renderer
    readers: Mapping[str, Reader]

    def read(self, kind: str, node: Node, patterns: list[str]) -> Node:
        """Read the files matching `patterns`, of this kind, into `node`."""
        return self.readers[kind](self, node, patterns)

    def render_tags(self, text: str, fileset: FileSet, target: Node) -> str:
        """`text` with its `[% ... %]` rendered (as ERB `<% ... %>`) for `target`."""
        erb = _TAGS.sub(r"<%\1%>", text) if "[%" in text else text
        if "<%" not in erb:
            return erb  # ERB leaves text without tags as it is
        return self.render(erb, fileset.filename or "", fileset.lineno, target)
