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
from typing import Any

from ncg.errors import NoMethodError, RuntimeError_
from ncg.model import table, templates
from ncg.model.keys import buildkey
from ncg.model.lines import LineGrammar, is_blank
from ncg.model.node import Node, describe, reread_keys
from ncg.model.source import FileSet, reading
from ncg.pathnames import relative_filename

_HASH_IN_TEMPLATE = re.compile(r"\[%.*#.*%\]")
_COMMENT = re.compile(r"#.*")
_TEMPLATE_LINE = re.compile(r"\[%.*%\]")
_TEMPLATE_TAGS = re.compile(r"\[%(.*)%\]")
_RUBY_SPACE = " \t\n\v\f\r"
_WORDS = re.compile(r"[^ \t\n\v\f\r]+")

_grammar: list[LineGrammar] = []


def grammar() -> LineGrammar:
    if not _grammar:
        _grammar.append(LineGrammar("neto"))
    return _grammar[0]


def import_file(node: Node, patterns: list[str]) -> Node:
    """Read .neto files (glob patterns; "-" is standard input) into `node`."""
    fileset = FileSet(patterns)
    with reading(fileset, "file(s)"):
        blocks: list[str] = []
        for line in fileset.lines():
            _import_line(node, fileset, blocks, line)
    fileset.close()
    reread_keys(node)
    return node


def chomp(line: str) -> str:
    """Ruby's String#chomp: one trailing "\\n", "\\r\\n" or "\\r" goes."""
    if line.endswith("\r\n"):
        return line[:-2]
    return line[:-1] if line.endswith(("\n", "\r")) else line


def render_tags(text: str, fileset: FileSet, target: Node) -> str:
    """Render `[% ... %]` (as ERB `<% ... %>`, first "[%" to last "%]") for `target`."""
    from ncg.template.engine import render_snippet

    erb = _TEMPLATE_TAGS.sub(r"<%\1%>", text)
    return render_snippet(erb, fileset.filename or "", fileset.lineno, target)


def _import_line(node: Node, fileset: FileSet, blocks: list[str], line: str) -> None:
    line = chomp(line)
    if not _HASH_IN_TEMPLATE.search(line):
        line = _COMMENT.sub("", line, count=1)
    line = line.rstrip(_RUBY_SPACE).lstrip(_RUBY_SPACE)
    if _TEMPLATE_LINE.search(line):
        line = render_tags(line, fileset, _snippet_target(node, blocks))
    if is_blank(line):
        return
    parsed = grammar().classify(line)
    if parsed is None:
        raise RuntimeError_(f"Unrecognized line '{line}'")
    _HANDLERS[parsed.kind](node, fileset, blocks, *parsed.groups)


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


def _open_block(node: Node, fileset: FileSet, blocks: list[str],
                key: str, _source_part: str | None, source_key: str | None) -> None:
    """`key {` or `key < source {`: make (or copy into) a node and enter it."""
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


def _assign(node: Node, fileset: FileSet, blocks: list[str], key: str, value: str) -> None:
    """`key = value`; a value of "" or "-" deletes the key."""
    path = buildkey(_current_block(blocks), key)
    if value not in ("", "-"):
        node.set(path, value)
    elif node.has_key(path):
        found = node.locate(path, False)
        if found is not None:
            found[0].delete(found[1])


def _close_block(node: Node, fileset: FileSet, blocks: list[str]) -> None:
    if not blocks:
        raise RuntimeError_("Unmatched '}'")
    blocks.pop()


def _relative_names(fileset: FileSet, names: str) -> list[str]:
    return [relative_filename(fileset.filename or "", name) for name in _WORDS.findall(names)]


def _include(node: Node, fileset: FileSet, blocks: list[str], names: str) -> None:
    target = _block_node(node, blocks, "import_file")
    import_file(target, _relative_names(fileset, names))


def _table(node: Node, fileset: FileSet, blocks: list[str], names: str) -> None:
    target = _block_node(node, blocks, "import_table")
    table.import_table(target, _relative_names(fileset, names))


def _template(node: Node, fileset: FileSet, blocks: list[str], name: str) -> None:
    target = _block_node(node, blocks, "import_template")
    templates.import_template(target, relative_filename(fileset.filename or "", name))


def _template_dir(node: Node, fileset: FileSet, blocks: list[str], name: str) -> None:
    target = _block_node(node, blocks, "import_template_dir")
    templates.import_template_dir(target, relative_filename(fileset.filename or "", name))


_HANDLERS = {
    "BLOCK_OPEN": _open_block,
    "ASSIGNMENT": _assign,
    "BLOCK_CLOSE": _close_block,
    "INCLUDE": _include,
    "TABLE": _table,
    "TEMPLATE": _template,
    "TEMPLATE_DIR": _template_dir,
}
