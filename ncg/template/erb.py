"""The ERB tag level: a template becomes one Ruby program, as ERB itself does.

Ruby 3.1's ERB with trim_mode "-" (its `ExplicitScanner` and `Compiler`)
turns text into `_erbout.<< "text"` statements and `<%= x %>` into
`_erbout.<<((x).to_s)`, joins the statements of one line with "; " and keeps
every newline, so line N of the program is line N of the template. We build
exactly that program, except that a text chunk is a marker the lexer reads
as one TEXT token and `<%= … %>` is bracketed by two marker characters: a
`#` comment in a code tag then swallows the rest of its program line just as
it does in ERB.

The program is an `ncg.ruby.syntax.program.Program`, whose `origin` maps
every program character back to its template offset, so the parser reports
template line:column.
"""

from __future__ import annotations

import re

from lark import Token, Tree

from ncg.grammar_files import load_grammar
from ncg.ruby.syntax.program import (
    INSERT_CLOSE,
    INSERT_OPEN,
    TEXT_CLOSE,
    TEXT_OPEN,
    Program,
    TextChunk,
)

END = "\ue004"  # ends the template for grammars/erb.lark
MARKERS = TEXT_OPEN + TEXT_CLOSE + INSERT_OPEN + INSERT_CLOSE + END
_NEWLINE = re.compile(r"\r?\n")


class _Builder:
    """ERB's Compiler and Buffer: statements of a line joined by "; "."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.source: list[str] = []
        self.origin: list[int] = []
        self.line: list[tuple[str, list[int]]] = []
        self.chunks: list[TextChunk] = []

    def push(self, code: str, origins: list[int]) -> None:
        self.line.append((code, origins))

    def cr(self, offset: int) -> None:
        self.flush_line()
        self.source.append("\n")
        self.origin.append(offset)

    def flush_line(self) -> None:
        for i, (code, origins) in enumerate(self.line):
            if i:
                self.source.append("; ")
                self.origin.extend([origins[0] if origins else 0] * 2)
            self.source.append(code)
            self.origin.extend(origins)
        self.line = []

    def put_text(self, text: str, offset: int) -> None:
        number = len(self.chunks)
        self.chunks.append(TextChunk(text, offset))
        marker = f"{TEXT_OPEN}{number}{TEXT_CLOSE}" + "\n" * text.count("\n")
        origins = [offset] * len(marker)
        # the newlines stand for the text's own newlines: map each to its place
        newline_at = [i for i, ch in enumerate(text) if ch == "\n"]
        for k, i in enumerate(newline_at):
            origins[len(marker) - len(newline_at) + k] = offset + i
        self.push(marker, origins)


def tag_level_tokens(template: str) -> list[Token]:
    """The template's text, tags and literals, by grammars/erb.lark."""
    tree = load_grammar("erb", parser="lalr").parse(template + END)
    tokens: list[Token] = []
    for item in tree.children:
        tokens.extend(item.children if isinstance(item, Tree) else [item])
    return [t for i, t in enumerate(tokens) if not _trimmed_before_tag(tokens, i)]


def _trimmed_before_tag(tokens: list[Token], i: int) -> bool:
    """Spaces and tabs right after a tag or a `<%%`, before a `<%-`: ERB drops them.

    ERB's scanner starts each match where the last one ended, and its
    `^[ \t]*<%-` matches there as at a line start.
    """
    if tokens[i].type != "TEXT" or str(tokens[i]).strip(" \t"):
        return False
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is None or after.type != "TAG_OPEN" or not str(after).startswith("<%-"):
        return False
    return i > 0 and tokens[i - 1].type in ("TAG_CLOSE", "LITERAL_OPEN")


def build_program(template: str) -> Program:
    """The Ruby program ERB (trim_mode "-") would run for `template`."""
    out = _Builder(template)
    content: list[str] = []
    content_origin: list[int] = []
    stag: str | None = None
    content_start = 0
    trim_newline = False
    for token in tag_level_tokens(template):
        at, text = token.start_pos, str(token)
        if trim_newline:  # `-%>` eats the newline right after it
            trim_newline = False
            newline = _NEWLINE.match(text) if token.type == "TEXT" else None
            if newline or token.type == "END":
                out.cr(at)
            if newline:
                at, text = at + newline.end(), text[newline.end():]
        if token.type in ("TEXT", "CODE"):
            content.append(text)
            content_origin.extend(range(at, at + len(text)))
        elif token.type in ("LITERAL_OPEN", "LITERAL_CLOSE"):
            content.append("<%" if token.type == "LITERAL_OPEN" else "%>")
            content_origin.extend([at, at + 1])
        elif token.type == "TAG_OPEN":
            if content_origin:
                out.put_text("".join(content), content_origin[0])
            content, content_origin = [], []
            stag = "<%" if text.lstrip(" \t").startswith("<%-") else text
            content_start = token.end_pos
        elif token.type == "TAG_CLOSE":
            assert stag is not None  # the grammar puts TAG_CLOSE only after TAG_OPEN
            _close_tag(out, stag, "".join(content), content_origin, content_start, at)
            stag, content, content_origin = None, [], []
            trim_newline = text == "-%>"
    if content_origin:  # text after the last tag, or an unclosed tag's content: ERB outputs both
        out.put_text("".join(content), content_origin[0])
    out.flush_line()
    return Program("".join(out.source), out.origin, out.chunks, template)


def _close_tag(
    out: _Builder, stag: str, code: str, origins: list[int], start: int, end: int
) -> None:
    if stag == "<%#":
        return
    if not origins:
        origins = []
    if stag == "<%=":
        out.push(INSERT_OPEN + code + INSERT_CLOSE, [start - len(stag), *origins, end])
        return
    if code.endswith("\n"):
        out.push(code[:-1], origins[:-1])
        out.cr(origins[-1])
    else:
        out.push(code, origins)
