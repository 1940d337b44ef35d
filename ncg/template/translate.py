"""`ncg --translate`: the Mako source ncg runs for a `.ncg` template, made
readable, and runnable as a native `.mako` template (`ncg.template.native`).

The compiler's source (`ncg.template.layout`) is kept as it is, and only
made plainer where that changes nothing it does:

- its line map comment goes (a `.mako` file's lines are its own);
- an instance variable the template only reads, `ncg_frame.ivars.get('@port')`,
  reads as `port`: a `.mako` template gets its variables under those names
  (None when not passed, as Ruby's nil). One the template assigns stays in
  `ncg_frame.ivars`, where the helpers read it too;
- a call of one of NCG's helpers, `rb.call_fn('emit_header', '! ')`, reads
  `emit_header('! ')`: a `.mako` template's helpers call the same function.

A rewrite that would touch the template's text (text that happens to read
like that code) is not made: the text is compared before and after.
"""

from __future__ import annotations

import io
import keyword
import re
import tokenize
from collections.abc import Iterator

from mako import parsetree
from mako.lexer import Lexer

from ncg.ruby.codegen import py_str
from ncg.template.layout import LINE_MAP_MARK, compile_template

# Names a template's variables must not take: Mako's own, and the compiled code's.
RESERVED = frozenset({
    "rb", "context", "ncg_frame", "loop", "UNDEFINED", "STOP_RENDERING", "caller",
    "capture", "local", "self", "parent", "next", "pageargs",
})
_IVAR_READ = re.compile(r"ncg_frame\.ivars\.get\('@([A-Za-z_][A-Za-z0-9_]*)'\)")


def translate_file(text: str, filename: str, helper_names: frozenset[str]) -> str:
    """The readable Mako source of a `.ncg` template's text (ends with a newline)."""
    source = strip_line_map(compile_template(text, filename))
    readable = call_helpers(read_ivars(source, text, helper_names), helper_names)
    if text_of(readable) != text_of(source):  # a rewrite touched the template's text
        readable = source
    # a source always ends in Mako code: `\` keeps the file's last newline out of the output
    return readable + "\\\n"


def strip_line_map(source: str) -> str:
    """The compiler's source without its trailing `## ncg-line-map:` comment."""
    at = source.rfind("\\\n" + LINE_MAP_MARK)
    return source if at < 0 else source[:at]


def read_ivars(source: str, ruby: str, helper_names: frozenset[str]) -> str:
    """Reads of instance variables the template never assigns, as plain names."""
    if "instance_variable" in ruby:  # `instance_variable_set` assigns out of sight
        return source
    taken = code_names(source) | helper_names | RESERVED

    def plain(match: re.Match[str]) -> str:
        name = match.group(1)
        if not renamable(name, source, taken):
            return match.group()
        return name

    return _IVAR_READ.sub(plain, source)


def renamable(name: str, source: str, taken: set[str] | frozenset[str]) -> bool:
    """Can `@name` be read as `name`: never assigned, and the name free?"""
    if f"ncg_frame.ivars[{py_str('@' + name)}]" in source:  # assigned (or `||=`…)
        return False
    return not keyword.iskeyword(name) and name not in taken


def call_helpers(source: str, helper_names: frozenset[str]) -> str:
    """`rb.call_fn('emit_header', …)` as `emit_header(…)` for NCG's helpers."""

    def plain(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in helper_names:
            return match.group()
        return f"{name}(" + (")" if match.group(2) == ")" else "")

    return re.sub(r"rb\.call_fn\('([A-Za-z_][A-Za-z0-9_]*)'(, |\))", plain, source)


def code_names(source: str) -> set[str]:
    """The Python names the code of a Mako source uses (attributes too: a superset)."""
    names: set[str] = set()
    for code in _codes(Lexer(source).parse().nodes):
        try:
            names.update(tok.string for tok in tokenize.generate_tokens(io.StringIO(code).readline)
                         if tok.type == tokenize.NAME)
        except (tokenize.TokenError, SyntaxError):
            names.update(re.findall(r"\w+", code))  # every word: still a superset
    return names


def _codes(nodes: list[parsetree.Node]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, parsetree.Expression | parsetree.Code | parsetree.ControlLine):
            yield node.text
        elif isinstance(node, parsetree.DefTag):
            yield node.attributes.get("name", "")
        yield from _codes(getattr(node, "nodes", []))


def text_of(source: str) -> list[str]:
    """The template text in a Mako source (what Mako writes as it is)."""
    return list(_texts(Lexer(source).parse().nodes))


def _texts(nodes: list[parsetree.Node]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, parsetree.Text):
            yield node.content
        yield from _texts(getattr(node, "nodes", []))
