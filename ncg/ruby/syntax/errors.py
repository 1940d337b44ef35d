"""The words of the Ruby parser's syntax errors: after a complete value, what was expected."""

from __future__ import annotations

from typing import Protocol

from lark import Token as LarkToken
from lark.exceptions import UnexpectedToken

from ncg.ruby.syntax.lexer import Lexer, LexError, Token
from ncg.ruby.syntax.state import accepts, innermost_opener


class ParseError(Exception):
    """Source that does not parse (`unsupported`: valid Ruby ncg does not support)."""

    def __init__(self, message: str, pos: int, unsupported: bool = False) -> None:
        super().__init__(message)
        self.pos = pos
        self.unsupported = unsupported


def unsupported(what: str, pos: int) -> ParseError:
    return ParseError(f"unsupported Ruby: {what}", pos, unsupported=True)


class ParseInput(Protocol):
    """What the wording needs of a parse under way (`bridge.Parse`)."""

    recent: list[Token]
    state_stack: list[int]
    eof_pos: int
    lexer: Lexer


# what a syntax error says was expected, innermost construct first
_EXPECTED = (
    ("RPAREN", ")"),
    ("RBRACK", "]"),
    ("ASSOC", "=>"),
    ("RBRACE", "}"),
    ("MASSIGN", "="),
    ("COLON", ":"),
    ("KW_WHEN", "when"),
)
_VALUE_KINDS = {"int", "float", "str", "char", "sym", "dsym", "regex", "words", "symbols", "ident"}
_VALUE_KINDS |= {"fid", "const", "ivar", "gvar", "nth_ref", "back_ref", "text", "ins_end"}


def syntax_error(parse_input: ParseInput, exc: UnexpectedToken) -> ParseError:
    """A syntax error's words: after a complete value, what was expected next."""
    recent = parse_input.recent
    current = recent[-1]
    pos = parse_input.eof_pos if exc.token.type == "$END" else exc.token.start_pos
    found = "end of template" if current.kind == "eof" else describe(current)
    before = recent[-2] if len(recent) > 1 else None
    state, stack = exc.state, parse_input.state_stack
    if exc.token.type == "$END":
        stack = state.state_stack  # nothing was reduced for the end
    if before is not None and current.kind in ("eof", "ins_end", "kw"):  # a body's end
        if accepts(state, "KW_END", stack) and (_ends_value(before) or _ends_statement(before)):
            return ParseError(f"syntax error, expected 'end' (found {found})", pos)
    if before is None or not _ends_value(before):
        return ParseError(f"syntax error, {_unexpected(current)} (found {found})", pos)
    opener = innermost_opener(state.value_stack)
    for ttype, name in _EXPECTED:
        if ttype == "ASSOC" and opener != "LBRACE_HASH":
            continue  # only a hash literal insists on pairs
        if ttype == "RPAREN" and opener in _GROUPING and current.kind not in ("eof", "ins_end"):
            continue  # a parenthesized body: its statements end only at `)`
        if accepts(state, ttype, stack):
            return ParseError(f"syntax error, expected '{name}' (found {found})", pos)
    return ParseError(f"syntax error, unexpected token (found {found})", pos)


_GROUPING = {"LPAREN_SP", "LPAREN_EXPR", "LPAREN_ARG", "LPAREN_DEF"}


def _ends_statement(token: Token) -> bool:
    return token.kind in ("nl", "text", "ins_end") or (token.kind == "op" and token.value == ";")


def _unexpected(token: Token) -> str:
    if token.kind == "kw" and token.value not in ("then", "do"):
        return "unexpected keyword"
    return "unexpected label" if token.kind == "label" else "unexpected token"


def name_error(parse_input: ParseInput, token: LarkToken) -> ParseError | None:
    """A bad name after `.` or `::`. The token after it is read first: an error
    there wins, and after `::` the message names that token."""
    recent = parse_input.recent
    if token.value is None or len(recent) < 2 or recent[-2].kind != "op":
        return None
    before = recent[-2].value
    if before not in (".", "&.", "::top"):
        return None
    try:
        after = parse_input.lexer.next_token()
    except LexError as exc:
        return ParseError(str(exc), exc.pos, str(exc).startswith("unsupported"))
    if before == "::top":
        found = "end of template" if after.kind == "eof" else describe(after)
        return ParseError(f"syntax error, expected a constant (found {found})", after.pos)
    return ParseError("syntax error, expected a method name", token.start_pos)


def _ends_value(token: Token) -> bool:
    if token.kind in _VALUE_KINDS:
        return True
    if token.kind == "kw":
        return token.value in ("end", "self", "nil", "true", "false", "__FILE__", "__LINE__")
    return token.kind == "op" and token.value in (")", "]", "}")


def describe(token: Token) -> str:
    if token.kind in ("nl", "text", "ins_begin", "ins_end"):
        return {
            "nl": "end of line",
            "text": "template text",
            "ins_begin": "'<%='",
            "ins_end": "'%>'",
        }[token.kind]
    if token.kind == "op":
        return repr(str(token.value).lstrip("([{u") or token.value)
    return repr(str(token.value))
