"""The Lark bridge: the hand-written lexer's tokens, typed for grammars/ruby.lark.

Ruby's grammar is not context-free at the token level (see lexer.py), so the
LALR parser is driven by `RubyLexer`: it pulls the hand-written lexer's
tokens one at a time, after the parser has taken the previous one, and
settles what the grammar cannot by asking the parser's state (which tokens
it accepts now, which constructs are open). Local variables are tracked as
Ruby does — a name is a local from its first assignment on, textually — by
the rule callbacks, which run as each rule is reduced, so the lexer's
question "is this name a local?" is answered when it is asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from lark import Token as LarkToken
from lark.lexer import Lexer as LarkLexer
from lark.parsers.lalr_analysis import Shift

from ncg.ruby.syntax import ast
from ncg.ruby.syntax.errors import ParseError, describe, unsupported
from ncg.ruby.syntax.lexer import VALUE_KINDS, Lexer, LexError, Token
from ncg.ruby.syntax.program import Program
from ncg.ruby.syntax.state import accepts, open_constructs

_UNSUPPORTED_KEYWORDS = {
    "yield",
    "super",
    "redo",
    "retry",
    "alias",
    "undef",
    "class",
    "module",
    "BEGIN",
    "END",
}
_ARG_START_KINDS = VALUE_KINDS | {"ident", "fid", "label"}
_ARG_START_OPS = {"u-", "u+", "[array", "(arg", "::top", "splat", "dsplat", "blockarg", "->", "!"}
_ARG_START_KEYWORDS = {"nil", "true", "false", "self", "defined?", "__FILE__", "__LINE__",
                       "__method__", "not"}
_ASSIGN_OPS = {"+=", "-=", "*=", "/=", "%=", "**=", "||=", "&&=", "<<=", ">>=", "|=", "&=", "^="}
_MODIFIERS = {"if", "unless", "while", "until", "rescue"}

_KINDS = {
    "int": "INT",
    "float": "FLOAT",
    "str": "STRING",
    "char": "CHAR",
    "sym": "SYMBOL",
    "dsym": "DSYM",
    "regex": "REGEX",
    "words": "WORDS",
    "symbols": "SYMBOLS",
    "ident": "IDENT",
    "fid": "FID",
    "const": "CONST",
    "ivar": "IVAR",
    "gvar": "GVAR",
    "nth_ref": "NTH_REF",
    "back_ref": "BACK_REF",
    "label": "LABEL",
    "text": "TEXT",
    "ins_begin": "INS_BEGIN",
    "ins_end": "INS_END",
    "nl": "_NL",
}
_OPS = {
    "u-": "UMINUS",
    "u+": "UPLUS",
    "splat": "STAR_SPLAT",
    "dsplat": "DSTAR_SPLAT",
    "blockarg": "AMP_BLOCK",
    "[array": "LBRACK_ARRAY",
    "[": "LBRACK",
    "(arg": "LPAREN_ARG",
    "(expr": "LPAREN_EXPR",
    "::top": "COLON3",
    "{hash": "LBRACE_HASH",
    "{": "LBRACE_BLOCK",
    "->": "LAMBDA",
    "!": "BANG",
    "~": "TILDE",
    ".": "DOT",
    "&.": "ANDDOT",
    ",": "COMMA",
    ";": "_SEMI",
    "=>": "ASSOC",
    "?": "QMARK",
    ":": "COLON",
    "..": "DOT2",
    "...": "DOT3",
    "=": "ASSIGN",
    ")": "RPAREN",
    "]": "RBRACK",
    "}": "RBRACE",
    "||": "OROP",
    "&&": "ANDOP",
    "<=>": "CMP",
    "==": "EQ",
    "===": "EQQ",
    "!=": "NEQ",
    "=~": "MATCH",
    "!~": "NMATCH",
    "<": "LT",
    "<=": "LEQ",
    ">": "GT",
    ">=": "GEQ",
    "|": "PIPE",
    "^": "CARET",
    "&": "AMP",
    "<<": "LSHFT",
    ">>": "RSHFT",
    "+": "PLUS",
    "-": "MINUS",
    "*": "STAR",
    "/": "SLASH",
    "%": "PERCENT",
    "**": "POW",
}
_KEYWORDS = {"defined?": "KW_DEFINED", "__FILE__": "KW_FILE", "__LINE__": "KW_LINE",
             "__method__": "KW_METHOD"}


class Scope:
    def __init__(self, hard: bool) -> None:
        self.names: set[str] = set()
        self.hard = hard  # a `def`: outer locals are invisible
        self.numbered = 0  # a block's highest numbered parameter used (`_1`, `_2`)


class Parse:
    """One parse (a program, or the code of a `#{…}`): the input Lark passes to `RubyLexer`."""

    def __init__(
        self,
        program: Program,
        scopes: list[Scope],
        start: int,
        end: int,
        run: Callable[[Parse], ast.Body],
    ) -> None:
        self.program = program
        self.scopes = scopes
        self.run = run  # the parser: it runs the parses of `#{…}` too
        self.lexer = Lexer(program.source, self.is_local, start, end)
        self.eof_pos = end
        self.recent: list[Token] = []  # the last two tokens lexed, for error messages
        self.state_stack: list[int] = []  # the parser's before the last token

    def is_local(self, name: str) -> bool:
        for scope in reversed(self.scopes):
            if name in scope.names:
                return True
            if scope.hard:
                return False
        return False

    def declare(self, name: str) -> None:
        if not self.is_local(name):
            self.scopes[-1].names.add(name)

    def line_col(self, pos: int) -> tuple[int, int]:
        return self.program.line_col(pos)

    def sub_parse(self, start: int, end: int) -> ast.Body:
        """The statements of a `#{…}`: the same scopes, a lexer over its range."""
        return self.run(Parse(self.program, self.scopes, start, end, self.run))


# the parses under way in this context (an interpolation's inside its string's)
PARSES: ContextVar[tuple[Parse, ...]] = ContextVar("ncg_parses", default=())


def current() -> Parse:
    return PARSES.get()[-1]


# -- the lexer Lark runs --------------------------------------------------------------


class RubyLexer(LarkLexer):
    """The hand-written lexer's tokens, typed for grammars/ruby.lark."""

    __future_interface__ = 2

    def __init__(self, conf: object) -> None:
        pass

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[LarkToken]:  # type: ignore[override]
        return tokens(lexer_state.text, parser_state)


def tokens(ctx: Parse, parser_state: Any) -> Iterator[LarkToken]:
    """The tokens of the parse `ctx`, typed as the parser's state (read as it goes) needs."""
    prev: Token | None = None
    prev_type = ""
    before_prev_type = ""
    while True:
        token = _next_token(ctx)
        _check_previous(parser_state, token, prev, prev_type)
        if token.kind == "eof":
            ctx.eof_pos = token.pos
            return
        marker = _marker_before(ctx, parser_state, token, prev, before_prev_type)
        if marker is not None:
            yield lark_token(marker, None, token.pos)
        if token.kind == "op" and token.value == "," and _statement_comma(parser_state):
            yield lark_token("SCOMMA", None, token.pos)
            ttype = _statement_comma_type(parser_state, token)
        else:
            ttype = _token_type(ctx, parser_state, token, prev, prev_type)
        ctx.state_stack = parser_state.state_stack[:]  # for the words of a syntax error
        yield lark_token(ttype, token, token.pos)
        prev, before_prev_type, prev_type = token, prev_type, ttype


def _next_token(ctx: Parse) -> Token:
    try:
        token = ctx.lexer.next_token()
    except LexError as exc:
        raise ParseError(str(exc), exc.pos, str(exc).startswith("unsupported")) from None
    ctx.recent = [*ctx.recent[-1:], token]
    return token


_JUMP_ENDER_OPS = {";", "}", ")"}
_JUMP_ENDER_KEYWORDS = {"if", "unless", "while", "until", "end", "rescue", "and", "or"}


def _check_previous(parser_state: Any, token: Token, prev: Token | None, prev_type: str) -> None:
    """Errors reported at the previous token, before the grammar would find them."""
    if prev is None:
        return
    if prev_type in ("ASSIGN", "OP_ASGN"):
        target = parser_state.value_stack[-2]  # Params: an endless `def f(x) = …`
        if (
            isinstance(target, ast.Node)
            and not isinstance(target, ast.Params)
            and not assignable(target)
        ):
            raise ParseError(f"syntax error, unexpected token (found {describe(prev)})", prev.pos)
    if prev_type in ("DOT2", "DOT3"):
        # `a..` is endless only before a line end, `)` or `]`; else an operand must follow
        if not (
            token.kind in ("nl", "eof", "ins_end") or (token.kind == "op" and token.value in ")]")
        ):
            _expect_operand(parser_state, token)
    if prev_type in ("KW_RETURN", "KW_BREAK", "KW_NEXT") and not _ends_jump(token):
        _expect_operand(parser_state, token)


def _ends_jump(token: Token) -> bool:
    if token.kind in ("nl", "eof", "ins_end", "text"):
        return True
    if token.kind == "op":
        return token.value in _JUMP_ENDER_OPS
    return token.kind == "kw" and token.value in _JUMP_ENDER_KEYWORDS


def _expect_operand(parser_state: Any, token: Token) -> None:
    action = parser_state.parse_conf.states[parser_state.state_stack[-1]].get(_plain_type(token))
    if action is None or action[0] is not Shift:
        raise ParseError(f"syntax error, unexpected token (found {describe(token)})", token.pos)


def _statement_comma(parser_state: Any) -> bool:
    return not accepts(parser_state, "COMMA") and accepts(parser_state, "SCOMMA")


def _statement_comma_type(parser_state: Any, token: Token) -> str:
    """After a statement's expression (just reduced): `a, b = …` or `a = 1, 2`?"""
    node = parser_state.value_stack[-2]
    if assignable(node):
        return "COMMA_M"
    if isinstance(node, ast.Assign | ast.MultiAssign):
        return "COMMA_A"
    raise ParseError("syntax error, unexpected token (found ',')", token.pos)


def _plain_type(token: Token) -> str:
    """The token's type where it may start an operand."""
    value = str(token.value)
    if token.kind == "kw":
        if value in _UNSUPPORTED_KEYWORDS:
            return "KW_UNSUPPORTED"
        return _KEYWORDS.get(value) or f"KW_{value.upper()}"
    if token.kind != "op":
        return _KINDS[token.kind]
    if value == "(":
        return "LPAREN_SP" if token.spaced else "LPAREN_CALL"
    if value == "u-" and _number_follows(token):
        return "UMINUS_NUM"
    return _OPS.get(value, "OP_ASGN" if value in _ASSIGN_OPS else "COLON2")


def lark_token(ttype: str, token: Token | None, pos: int) -> LarkToken:
    # built directly: Token() costs as much as the parser's step (only type and position matter)
    lark_token = str.__new__(LarkToken, "")
    lark_token.type = ttype
    lark_token.start_pos = pos
    lark_token.value = token  # the hand lexer's token, or None for a marker
    lark_token.line = lark_token.column = lark_token.end_line = None
    lark_token.end_column = lark_token.end_pos = None
    return lark_token


_NO_SEMI = {";", "..", "..."}  # after `a..` text is the range's end


def _marker_before(
    ctx: Parse, parser_state: Any, token: Token, prev: Token | None, before_prev_type: str
) -> str | None:
    """A token the grammar needs before `token`: a command call's CMDARG, or an ERB `;`."""
    if token.kind in ("text", "ins_begin"):
        if prev is None or prev.kind in ("nl", "ins_begin"):
            return None
        if prev.kind == "op" and prev.value in _NO_SEMI:
            return None
        # ERB text right after a statement starts the next one
        return "_SEMI" if accepts(parser_state, "_SEMI") else None
    if prev is None or not _command_arg_follows(token):
        return None
    if not _may_take_command_args(ctx, token, prev, before_prev_type):
        return None
    cond, cmd = open_constructs(parser_state)
    marker = "CMDARG_NB" if cond or cmd else "CMDARG"
    return marker if accepts(parser_state, marker) else None


def _command_arg_follows(token: Token) -> bool:
    if not token.spaced:
        return False
    if token.kind in _ARG_START_KINDS:
        return True
    if token.kind == "op":
        return token.value in _ARG_START_OPS
    return token.kind == "kw" and token.value in _ARG_START_KEYWORDS


def _may_take_command_args(ctx: Parse, token: Token, prev: Token, before_prev_type: str) -> bool:
    """Whether `prev` names a method that `token` may start the arguments of."""
    if prev.kind == "ident":
        if prev.extra == "method":
            return True
        name = str(prev.value)
        if ctx.is_local(name):
            return False
        return not (re.fullmatch(r"_[1-9]", name) and not ctx.scopes[-1].hard)
    if prev.kind == "fid":
        return True
    if prev.kind == "const":
        return True  # `Integer x`, `M::F 1`
    return prev.kind == "op" and before_prev_type in ("DOT", "ANDDOT")


def _token_type(
    ctx: Parse, parser_state: Any, token: Token, prev: Token | None, prev_type: str
) -> str:
    kind = token.kind
    if kind == "kw":
        return _keyword_type(ctx, parser_state, token, prev)
    if kind == "op":
        if token.value in ("dsplat", "**"):
            if accepts(parser_state, "PARAM_KWREST"):
                return "PARAM_KWREST"
            if accepts(parser_state, "PARAM_LABEL"):
                raise unsupported("keyword parameters (**) of a block", token.pos)
        return _op_type(parser_state, token, prev, prev_type)
    if kind == "label" and accepts(parser_state, "PARAM_KW"):
        return "PARAM_KW"
    if kind == "label" and accepts(parser_state, "PARAM_LABEL"):
        raise unsupported("keyword parameters of a block", token.pos)
    return _KINDS[kind]


def _keyword_type(ctx: Parse, parser_state: Any, token: Token, prev: Token | None) -> str:
    word = str(token.value)
    if word in _UNSUPPORTED_KEYWORDS:
        if accepts(parser_state, "KW_UNSUPPORTED"):
            raise unsupported(word, token.pos)
        return "KW_UNSUPPORTED"
    if word in _MODIFIERS and accepts(parser_state, f"KW_{word.upper()}_MOD"):
        return f"KW_{word.upper()}_MOD"
    if word == "do":
        return _do_type(ctx, parser_state, prev)
    if word == "in" and accepts(parser_state, "KW_CASE_IN"):
        raise unsupported("pattern matching (case/in)", token.pos)
    return _KEYWORDS.get(word) or f"KW_{word.upper()}"


def _do_type(ctx: Parse, parser_state: Any, prev: Token | None) -> str:
    """Which `do` this is: a loop's, a command call's block, or the innermost call's block."""
    cond, cmd = open_constructs(parser_state)
    if cond or accepts(parser_state, "DO_COND"):
        return "DO_COND"
    if cmd:
        return "DO_CMD"
    if prev is not None and prev.kind == "ident" and prev.extra != "method":
        if ctx.is_local(str(prev.value)):
            return "KW_DO"  # a local variable takes no block: a syntax error
    return "DO_PRIMARY"


def _op_type(parser_state: Any, token: Token, prev: Token | None, prev_type: str) -> str:
    value = str(token.value)
    if value == "splat" and accepts(parser_state, "STAR_MLHS"):
        return "STAR_MLHS"  # a statement starting with `*` is a multiple assignment
    if value == ":" and not token.spaced and prev is not None and prev.kind == "str":
        return "COLON" if accepts(parser_state, "COLON") else "STR_COLON"  # `"key": value`
    if value in ("(", "(expr", "(arg"):
        if prev_type == "KW_DEFINED" and not token.spaced:
            return "LPAREN_DEF"
        if value == "(":
            return "LPAREN_SP" if token.spaced else "LPAREN_CALL"
    if value == "::":
        return "COLON2_SP" if token.spaced else "COLON2"
    if value in _ASSIGN_OPS:
        return "OP_ASGN"
    if value == ",":
        return "COMMA"
    if value == "=" and not accepts(parser_state, "ASSIGN"):
        return "MASSIGN" if accepts(parser_state, "MASSIGN") else "ASSIGN"
    if value == "u-" and _number_follows(token):
        return "UMINUS_NUM"
    if value in ("..", "...") and not accepts(parser_state, _OPS[value]):
        if accepts(parser_state, "BEGINLESS"):
            raise unsupported("beginless range", token.pos)
    if value == ";" and accepts(parser_state, "PARAM_SEMI"):
        raise unsupported("block-local variables", token.pos)
    if value == "dsplat" and prev_type != "KW_DEF":
        if accepts(parser_state, "DSTAR_SPLAT"):
            raise unsupported("'**' in arguments", token.pos)
    return _OPS[value]


def _number_follows(token: Token) -> bool:
    source = current().program.source
    return token.pos + 1 < len(source) and source[token.pos + 1].isdigit()


def assignable(node: ast.Node) -> bool:
    if isinstance(node, ast.LVar | ast.IVar | ast.GVar | ast.Splat | ast.Mlhs | ast.Const):
        return True
    if isinstance(node, ast.Call):
        return node.vcall or (
            node.recv is not None
            and node.block is None
            and (
                node.name == "[]"
                or (not node.args and node.name[-1:].isalnum())
                or node.name[-1:] == "_"
            )
        )
    return False
