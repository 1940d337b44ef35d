"""The `.neto` importer: `key = value` lines, blocks, include, table, template.

Lines are handled one at a time, as NCG 0.10.3 does: strip the comment
(unless a `[% %]` holds a "#"), strip surrounding whitespace, render a line
holding `[% ... %]` as a template with `@target` = the current block's node,
then classify it with grammars/neto.lark.  Open blocks are remembered as key
paths, not nodes, and every line resolves its block's path again; that is
what makes `devices!(+) {` add one device and then keep filling it in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ncg.errors import NoMethodError, RuntimeError_
from ncg.model import templates
from ncg.model.importing import Importer, has_hash_in_tags, has_tags, relative_names
from ncg.model.keys import buildkey
from ncg.model.lines import LineGrammar, is_blank
from ncg.model.node import Node, describe, reread_keys
from ncg.model.source import FileSet, reading
from ncg.pathnames import relative_filename
from ncg.text import chomp

_COMMENT = re.compile(r"#.*")
_RUBY_SPACE = " \t\n\v\f\r"

_grammar: list[LineGrammar] = []


def grammar() -> LineGrammar:
    if not _grammar:
        _grammar.append(LineGrammar("neto"))
    return _grammar[0]


@dataclass
class _File:
    """The .neto stream being read: how to render and read more, and its open blocks."""

    importer: Importer
    fileset: FileSet
    blocks: list[str]


def import_file(importer: Importer, node: Node, patterns: list[str]) -> Node:
    """Read .neto files (glob patterns; "-" is standard input) into `node`."""
    fileset = FileSet(patterns)
    with reading(fileset, "file(s)"):
        file = _File(importer, fileset, [])
        for line in fileset.lines():
            _import_line(node, file, line)
    fileset.close()
    reread_keys(node)
    return node


def _import_line(node: Node, file: _File, line: str) -> None:
    line = chomp(line)
    if "#" in line and not has_hash_in_tags(line):
        line = _COMMENT.sub("", line, count=1)
    line = line.rstrip(_RUBY_SPACE).lstrip(_RUBY_SPACE)
    if has_tags(line):
        line = file.importer.render_tags(line, file.fileset, _snippet_target(node, file.blocks))
    if is_blank(line):
        return
    parsed = grammar().classify(line)
    if parsed is None:
        raise RuntimeError_(f"Unrecognized line '{line}'")
    _HANDLERS[parsed.kind](node, file, *parsed.groups)


def _current_block(blocks: list[str]) -> str | None:
    return blocks[-1] if blocks else None


def _snippet_target(node: Node, blocks: list[str]) -> Node:
    """The node a `[% %]` line works on: the open block's node, else `node`."""
    target = node.get(buildkey(_current_block(blocks)))
    if target is None:
        return node
    if not isinstance(target, Node):
        raise NoMethodError(f"undefined method `key' for {describe(target)}")
    return target


def _block_node(node: Node, blocks: list[str], method: str) -> Node:
    """The open block's node, which an include/table/template line reads into."""
    target = node.get(buildkey(_current_block(blocks)))
    if not isinstance(target, Node):
        raise NoMethodError(f"undefined method `{method}' for {describe(target)}")
    return target


def _open_block(node: Node, file: _File, key: str, _source_part: str | None,
                source_key: str | None) -> None:
    """`key {` or `key < source {`: make (or copy into) a node and enter it."""
    blocks = file.blocks
    path = buildkey(_current_block(blocks), key)
    place = node.locate(path, True)
    node.node(path)
    if source_key is not None:
        original = _graft_source(node, source_key)
        if place is None:
            raise NoMethodError("undefined method `graft' for nil:NilClass")
        place[0].graft(place[1], original)
    # Inside the block, "(+)" means the node just made: "(>)".
    blocks.append(buildkey(_current_block(blocks), key.replace("(+)", "(>)", 1)))


def _graft_source(node: Node, source_key: str) -> Any:
    found = node.locate(source_key, False)
    if found is None or found[1] is None:
        raise RuntimeError_(f"Unknown key {source_key}")
    original = found[0].get(found[1])
    if original is None:
        raise RuntimeError_(f"Unknown key {source_key}")
    return original


def _assign(node: Node, file: _File, key: str, value: str) -> None:
    """`key = value`; a value of "" or "-" deletes the key."""
    path = buildkey(_current_block(file.blocks), key)
    if value not in ("", "-"):
        node.set(path, value)
    elif node.has_key(path):
        found = node.locate(path, False)
        if found is not None:
            found[0].delete(found[1])


def _close_block(node: Node, file: _File) -> None:
    if not file.blocks:
        raise RuntimeError_("Unmatched '}'")
    file.blocks.pop()


def _include(node: Node, file: _File, names: str) -> None:
    target = _block_node(node, file.blocks, "import_file")
    file.importer.read("neto", target, relative_names(file.fileset, names))


def _table(node: Node, file: _File, names: str) -> None:
    target = _block_node(node, file.blocks, "import_table")
    file.importer.read("neto_table", target, relative_names(file.fileset, names))


def _template(node: Node, file: _File, name: str) -> None:
    target = _block_node(node, file.blocks, "import_template")
    templates.import_template(target, relative_filename(file.fileset.filename or "", name))


def _template_dir(node: Node, file: _File, name: str) -> None:
    target = _block_node(node, file.blocks, "import_template_dir")
    templates.import_template_dir(target, relative_filename(file.fileset.filename or "", name))


_HANDLERS = {
    "BLOCK_OPEN": _open_block,
    "ASSIGNMENT": _assign,
    "BLOCK_CLOSE": _close_block,
    "INCLUDE": _include,
    "TABLE": _table,
    "TEMPLATE": _template,
    "TEMPLATE_DIR": _template_dir,
}
