"""What the LALR parser's state says, as the lexer bridge and the error wording read it.

Lark's parser state is asked which tokens it would shift now (`accepts`), and
its value stack which constructs are open: the transformer leaves markers
there (`Open`, `DefHead`, `Cond`) while a block, a method or a condition is
read.
"""

from __future__ import annotations

from typing import Any

from lark import Token as LarkToken
from lark.parsers.lalr_analysis import Shift

from ncg.ruby.syntax import ast

# value-stack tokens that open a construct whose contents start afresh:
# inside them a `do` belongs to the innermost call again
_FRAME_OPENERS = {
    "LPAREN_CALL",
    "LPAREN_SP",
    "LPAREN_EXPR",
    "LPAREN_ARG",
    "LPAREN_DEF",
    "LBRACK",
    "LBRACK_ARRAY",
    "LBRACE_HASH",
    "LBRACE_BLOCK",
    "DO_CMD",
    "DO_PRIMARY",
}
_CLOSERS = {"RPAREN", "RBRACK", "RBRACE", "KW_END"}
_END_OPENERS = _FRAME_OPENERS | {
    "KW_IF",
    "KW_UNLESS",
    "KW_WHILE",
    "KW_UNTIL",
    "KW_FOR",
    "KW_CASE",
    "KW_BEGIN",
    "KW_DEF",
    "DO_COND",
}
# keywords whose condition is parsed where a `do` is not a block's
_CONDITION_OPENERS = {"KW_IF", "KW_UNLESS", "KW_ELSIF", "KW_WHILE", "KW_UNTIL", "KW_IN"}


class Open:
    """A block's or lambda's start, on the value stack: a `do` inside belongs to the inside."""

    def __init__(self, params: ast.Params | None = None, start: Any = None) -> None:
        self.params = params
        self.start_token = start


class DefHead:
    """`def name`, on the value stack while the method's body is read."""

    def __init__(self, keyword: LarkToken, name: LarkToken) -> None:
        self.keyword = keyword
        self.name = name


class Cond:
    """An `if`/`while`/`for` condition, once complete."""

    def __init__(self, node: ast.Node) -> None:
        self.node = node


def accepts(parser_state: Any, ttype: str, state_stack: list[int] | None = None) -> bool:
    """Whether the parser would shift a `ttype` token now (reductions simulated, no callbacks)."""
    states = parser_state.parse_conf.states
    stack = list(parser_state.state_stack if state_stack is None else state_stack)
    while True:
        action = states[stack[-1]].get(ttype)
        if action is None:
            return False
        kind, arg = action
        if kind is Shift:
            return True
        size = len(arg.expansion)
        if size:
            del stack[-size:]
        stack.append(states[stack[-1]][arg.origin.name][1])


def open_constructs(parser_state: Any) -> tuple[bool, bool]:
    """(a condition is open, a command's arguments are open) since the innermost bracket.

    Inside an `if`/`while` condition or a command call's arguments a `do`
    does not start a block of the innermost call.
    """
    stack = parser_state.value_stack
    i = len(stack) - 1
    if i >= 0 and isinstance(stack[i], LarkToken) and stack[i].type in _CLOSERS:
        openers = _END_OPENERS if stack[i].type == "KW_END" else _FRAME_OPENERS
        i -= 1
        while i >= 0 and not _is_opener(stack[i], openers):
            i -= 1
        i -= 1
    cond = cmd = False
    while i >= 0:
        item = stack[i]
        if isinstance(item, Open):
            break
        if isinstance(item, LarkToken):
            if item.type in _FRAME_OPENERS:
                break
            if item.type in ("CMDARG", "CMDARG_NB"):
                cmd = True
            elif item.type in _CONDITION_OPENERS and not (
                i + 1 < len(stack) and isinstance(stack[i + 1], Cond)
            ):
                cond = True
        i -= 1
    return cond, cmd


def _is_opener(item: object, openers: set[str]) -> bool:
    if isinstance(item, Open):
        return True
    if isinstance(item, DefHead):
        return "KW_DEF" in openers
    return isinstance(item, LarkToken) and item.type in openers


def innermost_opener(value_stack: list[Any]) -> str:
    for item in reversed(value_stack):
        if isinstance(item, Open):
            return "BLOCK"
        if isinstance(item, LarkToken) and item.type in _FRAME_OPENERS:
            return str(item.type)
    return ""
