"""Ruby (the subset templates use) → `ncg.ruby.syntax.ast`, with grammars/ruby.lark.

Ruby's grammar is not context-free at the token level (see lexer.py), so the
LALR parser is driven by `_RubyLexer`: it pulls the hand-written lexer's
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
from lark import Transformer
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer as LarkLexer
from lark.parsers.lalr_analysis import Shift

from ncg.ruby.syntax import ast
from ncg.ruby.syntax.lexer import VALUE_KINDS, Interp, Lexer, LexError, StrParts, Token
from ncg.ruby.syntax.program import Program
from ncg.ruby.syntax.table import ruby_parser

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
    "__method__",
}
_ARG_START_KINDS = VALUE_KINDS | {"ident", "fid", "label"}
_ARG_START_OPS = {"u-", "u+", "[array", "(arg", "::top", "splat", "dsplat", "blockarg", "->", "!"}
_ARG_START_KEYWORDS = {"nil", "true", "false", "self", "defined?", "__FILE__", "__LINE__", "not"}
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
_KEYWORDS = {"defined?": "KW_DEFINED", "__FILE__": "KW_FILE", "__LINE__": "KW_LINE"}

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


class ParseError(Exception):
    """Source that does not parse (`unsupported`: valid Ruby ncg does not support)."""

    def __init__(self, message: str, pos: int, unsupported: bool = False) -> None:
        super().__init__(message)
        self.pos = pos
        self.unsupported = unsupported


def _unsupported(what: str, pos: int) -> ParseError:
    return ParseError(f"unsupported Ruby: {what}", pos, unsupported=True)


class _Scope:
    def __init__(self, hard: bool) -> None:
        self.names: set[str] = set()
        self.hard = hard  # a `def`: outer locals are invisible
        self.numbered = 0  # a block's highest numbered parameter used (`_1`, `_2`)


class _Parse:
    """One parse (a program, or the code of a `#{…}`): the input Lark passes to `_RubyLexer`."""

    def __init__(self, program: Program, scopes: list[_Scope], start: int, end: int) -> None:
        self.program = program
        self.scopes = scopes
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


# the parses under way in this context (an interpolation's inside its string's)
_STACK: ContextVar[tuple[_Parse, ...]] = ContextVar("ncg_parses", default=())


def _ctx() -> _Parse:
    return _STACK.get()[-1]


# -- what the parser state says --------------------------------------------------


def _accepts(parser_state: Any, ttype: str, state_stack: list[int] | None = None) -> bool:
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


def _open_constructs(parser_state: Any) -> tuple[bool, bool]:
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
        if isinstance(item, _Open):
            break
        if isinstance(item, LarkToken):
            if item.type in _FRAME_OPENERS:
                break
            if item.type in ("CMDARG", "CMDARG_NB"):
                cmd = True
            elif item.type in _CONDITION_OPENERS and not (
                i + 1 < len(stack) and isinstance(stack[i + 1], _Cond)
            ):
                cond = True
        i -= 1
    return cond, cmd


def _is_opener(item: object, openers: set[str]) -> bool:
    if isinstance(item, _Open):
        return True
    if isinstance(item, _DefHead):
        return "KW_DEF" in openers
    return isinstance(item, LarkToken) and item.type in openers


# -- the lexer Lark runs --------------------------------------------------------------


class _RubyLexer(LarkLexer):
    """The hand-written lexer's tokens, typed for grammars/ruby.lark."""

    __future_interface__ = 2

    def __init__(self, conf: object) -> None:
        pass

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[LarkToken]:  # type: ignore[override]
        ctx: _Parse = lexer_state.text
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
                yield _lark_token(marker, None, token.pos)
            if token.kind == "op" and token.value == "," and _statement_comma(parser_state):
                yield _lark_token("SCOMMA", None, token.pos)
                ttype = _statement_comma_type(parser_state, token)
            else:
                ttype = _token_type(ctx, parser_state, token, prev, prev_type)
            ctx.state_stack = parser_state.state_stack[:]  # for the words of a syntax error
            yield _lark_token(ttype, token, token.pos)
            prev, before_prev_type, prev_type = token, prev_type, ttype


def _next_token(ctx: _Parse) -> Token:
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
        target = parser_state.value_stack[-2]
        if isinstance(target, ast.Node) and not _assignable(target):
            raise ParseError(f"syntax error, unexpected token (found {_describe(prev)})", prev.pos)
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
        raise ParseError(f"syntax error, unexpected token (found {_describe(token)})", token.pos)


def _statement_comma(parser_state: Any) -> bool:
    return not _accepts(parser_state, "COMMA") and _accepts(parser_state, "SCOMMA")


def _statement_comma_type(parser_state: Any, token: Token) -> str:
    """After a statement's expression (just reduced): `a, b = …` or `a = 1, 2`?"""
    node = parser_state.value_stack[-2]
    if _assignable(node):
        return "COMMA_M"
    if isinstance(node, ast.Assign):
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


def _lark_token(ttype: str, token: Token | None, pos: int) -> LarkToken:
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
    ctx: _Parse, parser_state: Any, token: Token, prev: Token | None, before_prev_type: str
) -> str | None:
    """A token the grammar needs before `token`: a command call's CMDARG, or an ERB `;`."""
    if token.kind in ("text", "ins_begin"):
        if prev is None or prev.kind in ("nl", "ins_begin"):
            return None
        if prev.kind == "op" and prev.value in _NO_SEMI:
            return None
        # ERB text right after a statement starts the next one
        return "_SEMI" if _accepts(parser_state, "_SEMI") else None
    if prev is None or not _command_arg_follows(token):
        return None
    if not _may_take_command_args(ctx, token, prev, before_prev_type):
        return None
    cond, cmd = _open_constructs(parser_state)
    marker = "CMDARG_NB" if cond or cmd else "CMDARG"
    return marker if _accepts(parser_state, marker) else None


def _command_arg_follows(token: Token) -> bool:
    if not token.spaced:
        return False
    if token.kind in _ARG_START_KINDS:
        return True
    if token.kind == "op":
        return token.value in _ARG_START_OPS
    return token.kind == "kw" and token.value in _ARG_START_KEYWORDS


def _may_take_command_args(ctx: _Parse, token: Token, prev: Token, before_prev_type: str) -> bool:
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
        return token.kind == "str" and before_prev_type != "COLON2"  # `Integer "42"`
    return prev.kind == "op" and before_prev_type in ("DOT", "ANDDOT")


def _token_type(
    ctx: _Parse, parser_state: Any, token: Token, prev: Token | None, prev_type: str
) -> str:
    kind = token.kind
    if kind == "kw":
        return _keyword_type(ctx, parser_state, token, prev)
    if kind == "op":
        return _op_type(parser_state, token, prev, prev_type)
    if kind == "label" and _accepts(parser_state, "PARAM_LABEL"):
        raise _unsupported("keyword parameters", token.pos)
    return _KINDS[kind]


def _keyword_type(ctx: _Parse, parser_state: Any, token: Token, prev: Token | None) -> str:
    word = str(token.value)
    if word in _UNSUPPORTED_KEYWORDS:
        if _accepts(parser_state, "KW_UNSUPPORTED"):
            raise _unsupported(word, token.pos)
        return "KW_UNSUPPORTED"
    if word in _MODIFIERS and _accepts(parser_state, f"KW_{word.upper()}_MOD"):
        return f"KW_{word.upper()}_MOD"
    if word == "do":
        return _do_type(ctx, parser_state, prev)
    if word == "in" and _accepts(parser_state, "KW_CASE_IN"):
        raise _unsupported("pattern matching (case/in)", token.pos)
    return _KEYWORDS.get(word) or f"KW_{word.upper()}"


def _do_type(ctx: _Parse, parser_state: Any, prev: Token | None) -> str:
    """Which `do` this is: a loop's, a command call's block, or the innermost call's block."""
    cond, cmd = _open_constructs(parser_state)
    if cond or _accepts(parser_state, "DO_COND"):
        return "DO_COND"
    if cmd:
        return "DO_CMD"
    if prev is not None and prev.kind == "ident" and prev.extra != "method":
        if ctx.is_local(str(prev.value)):
            return "KW_DO"  # a local variable takes no block: a syntax error
    return "DO_PRIMARY"


def _op_type(parser_state: Any, token: Token, prev: Token | None, prev_type: str) -> str:
    value = str(token.value)
    if value == "splat" and _accepts(parser_state, "STAR_MLHS"):
        return "STAR_MLHS"  # a statement starting with `*` is a multiple assignment
    if value == ":" and not token.spaced and prev is not None and prev.kind == "str":
        return "COLON" if _accepts(parser_state, "COLON") else "STR_COLON"  # `"key": value`
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
    if value == "=" and not _accepts(parser_state, "ASSIGN"):
        return "MASSIGN" if _accepts(parser_state, "MASSIGN") else "ASSIGN"
    if value == "u-" and _number_follows(token):
        return "UMINUS_NUM"
    if value in ("..", "...") and not _accepts(parser_state, _OPS[value]):
        if _accepts(parser_state, "BEGINLESS"):
            raise _unsupported("beginless range", token.pos)
    if value == ";" and _accepts(parser_state, "PARAM_SEMI"):
        raise _unsupported("block-local variables", token.pos)
    if value == "dsplat" and prev_type != "KW_DEF":
        if _accepts(parser_state, "DSTAR_SPLAT"):
            raise _unsupported("'**' in arguments", token.pos)
    return _OPS[value]


def _number_follows(token: Token) -> bool:
    source = _ctx().program.source
    return token.pos + 1 < len(source) and source[token.pos + 1].isdigit()


# -- building the AST ----------------------------------------------------------------


class _Open:
    """A block's or lambda's start, on the value stack: a `do` inside belongs to the inside."""

    def __init__(self, params: ast.Params | None = None, start: Any = None) -> None:
        self.params = params
        self.start_token = start


class _DefHead:
    """`def name`, on the value stack while the method's body is read."""

    def __init__(self, keyword: LarkToken, name: LarkToken) -> None:
        self.keyword = keyword
        self.name = name


class _Cond:
    """An `if`/`while`/`for` condition, once complete."""

    def __init__(self, node: ast.Node) -> None:
        self.node = node


class _Tail:
    """A call's arguments and block."""

    def __init__(self, args: list[ast.Node], has_args: bool, block: ast.Block | None) -> None:
        self.args = args
        self.has_args = has_args
        self.block = block


class _BodyRescue:
    """A body with its `rescue`/`else`/`ensure` clauses, before its Begin gets a position."""

    def __init__(
        self,
        body: ast.Body,
        rescues: list[ast.RescueClause],
        orelse: ast.Body | None,
        ensure: ast.Body | None,
    ) -> None:
        self.body = body
        self.rescues = rescues
        self.orelse = orelse
        self.ensure = ensure

    def begin(self, line: int, col: int) -> ast.Begin:
        return ast.Begin(line, col, self.body, self.rescues, self.orelse, self.ensure)


class _Pair(ast.Node):
    """A `key => value` argument before it joins its Hash."""

    def __init__(self, line: int, col: int, key: ast.Node, value: ast.Node) -> None:
        super().__init__(line, col)
        self.key = key
        self.value = value


class _Skip:
    """A separator rule's value, dropped by the callbacks."""


_SKIP = _Skip()


def _start(item: object) -> int:
    """The program offset of the first token of a rule's value."""
    if isinstance(item, LarkToken):
        return item.start_pos
    if hasattr(item, "_start"):
        return int(item._start)  # type: ignore[attr-defined]
    if isinstance(item, list):
        return _start(item[0])
    if isinstance(item, tuple):  # a parameter: (kind, data, offset)
        return int(item[2])
    return int(item._start)  # type: ignore[attr-defined]


def _pos(item: object) -> tuple[int, int]:
    return _ctx().line_col(_start(item))


def _line(item: object) -> int:
    return _pos(item)[0]


def _value(token: LarkToken) -> Any:
    return token.value.value


def _items(children: list[Any]) -> list[Any]:
    """The values of a list rule: separators and commas dropped."""
    return [
        c
        for c in children
        if c is not _SKIP and not (isinstance(c, LarkToken) and c.type.startswith("COMMA"))
    ]


def _rule(method: Callable[[Any, list[Any]], Any]) -> Callable[[Any, list[Any]], Any]:
    """Record on the value where its first token is (for the positions of enclosing nodes)."""

    def callback(self: Any, children: list[Any]) -> Any:
        result = method(self, children)
        result._start = _start(children[0])
        return result

    return callback


def _assignable(node: ast.Node) -> bool:
    if isinstance(node, ast.LVar | ast.IVar | ast.GVar | ast.Splat):
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


def _assign_target(node: ast.Node, pos: int) -> ast.Node:
    if isinstance(node, ast.Splat):
        return ast.Splat(node.line, node.col, _assign_target(node.value, pos))
    if isinstance(node, ast.Call) and node.vcall:
        _ctx().declare(node.name)
        return ast.LVar(node.line, node.col, node.name)
    if isinstance(node, ast.LVar | ast.IVar | ast.GVar):
        return node
    if isinstance(node, ast.Call) and _assignable(node):
        return node
    raise ParseError("syntax error, unexpected '=' (cannot assign to this)", pos)


def _group_hash_args(args: list[ast.Node]) -> list[ast.Node]:
    """Trailing `k => v` arguments are one Hash argument, as in Ruby."""
    out: list[ast.Node] = []
    for arg in args:
        if isinstance(arg, _Pair):
            if out and isinstance(out[-1], ast.Hash) and not out[-1].braces:
                out[-1].pairs.append((arg.key, arg.value))
            else:
                out.append(ast.Hash(arg.line, arg.col, [(arg.key, arg.value)], braces=False))
        else:
            out.append(arg)
    return out


# binary operators: precedence (higher binds tighter); all left-associative
_PRECEDENCE = {"||": 3, "&&": 4, "<=>": 6, "==": 6, "===": 6, "!=": 6, "=~": 6, "!~": 6}
_PRECEDENCE |= {"<": 7, "<=": 7, ">": 7, ">=": 7, "|": 8, "^": 8, "&": 9, "<<": 10, ">>": 10}
_PRECEDENCE |= {"+": 11, "-": 11, "*": 12, "/": 12, "%": 12}


def _climb(operands: list[ast.Node], ops: list[str]) -> ast.Node:
    """`a op b op c …` as a tree, by precedence climbing."""
    at = 0  # the next operator

    def climb(min_prec: int) -> ast.Node:
        nonlocal at
        left = operands[at]
        while at < len(ops) and _PRECEDENCE[ops[at]] >= min_prec:
            op = ops[at]
            at += 1
            left = _make_binary(op, left, climb(_PRECEDENCE[op] + 1))
        return left

    return climb(0)


def _make_binary(op: str, left: ast.Node, right: ast.Node) -> ast.Node:
    line, col = left.line, left.col
    if op == "&&":
        return ast.And(line, col, left, right)
    if op == "||":
        return ast.Or(line, col, left, right)
    if op == "!=":
        return ast.Not(line, col, ast.Call(line, col, left, "==", [right]))
    if op == "!~":
        return ast.Not(line, col, ast.Call(line, col, left, "=~", [right]))
    return ast.Call(line, col, left, op, [right])


def _negate(node: ast.Node) -> ast.Node:
    if isinstance(node, ast.Int | ast.Float):
        return type(node)(node.line, node.col, -node.value)
    return node


def _str_parts(parts: StrParts) -> list[str | ast.Body]:
    out: list[str | ast.Body] = []
    for part in parts:
        out.append(_sub_parse(part.start, part.end) if isinstance(part, Interp) else part)
    return out


def _sub_parse(start: int, end: int) -> ast.Body:
    """The statements of a `#{…}`: the same scopes, a lexer over its range."""
    ctx = _ctx()
    return _run(_Parse(ctx.program, ctx.scopes, start, end))


def _finish_call(
    recv: ast.Node | None, name_tok: LarkToken, tail: _Tail | None, safe: bool
) -> ast.Node:
    value = name_tok.value
    name = str(value.value).lstrip("u") if value.kind == "op" else str(value.value)
    line, col = (recv.line, recv.col) if recv is not None else _pos(name_tok)
    args = tail.args if tail else []
    has_args = tail.has_args if tail else False
    call = ast.Call(line, col, recv, name, args, safe_nav=safe, vcall=recv is None and not has_args)
    if tail is not None and tail.block is not None:
        call.block = tail.block
        call.vcall = False
    if call.block is not None or any(isinstance(a, ast.BlockPass) for a in args):
        call.vcall = False
    return _keep_negative(recv, call)


def _keep_negative(recv: ast.Node | None, node: ast.Node) -> ast.Node:
    """`-2.abs ** 2` is `-(2.abs ** 2)`: a negative literal's postfix chain remembers it."""
    if recv is not None and hasattr(recv, "_negative"):
        node._negative = recv._negative  # type: ignore[attr-defined]
    return node


def _params(entries: list[Any], line: int, col: int, trailing: bool) -> ast.Params:
    params = ast.Params(line, col, [])
    for kind, data in entries:
        if kind == "splat":
            params.splat = data
        elif kind == "block":
            params.block = data
        elif kind == "nested":
            (params.post if params.splat else params.required).append(data)
        elif kind == "opt":
            params.optional.append(data)
        else:
            (params.post if params.splat or params.optional else params.required).append(data)
    params.trailing_comma = trailing
    return params


def _param_list_params(children: list[Any], closer: LarkToken | None) -> ast.Params:
    """Params from `param_list` children, positioned at its first token (or its closer)."""
    entries = [c for c in children if isinstance(c, tuple)]
    first = children[0] if children else closer
    line, col = _pos(first)
    trailing = bool(children) and isinstance(children[-1], LarkToken)
    return _params([e[:2] for e in entries], line, col, trailing)


def _block(
    start: LarkToken, params: ast.Params | None, body: ast.Body, end: LarkToken
) -> ast.Block:
    """A block's node; its scope (pushed by `block_open`/`lambda_open`) ends here."""
    line, col = _pos(start)
    scope = _ctx().scopes.pop()
    if params is None:
        params = ast.Params(line, col, [])
    if scope.numbered and not params.names():
        params.required = [f"_{i}" for i in range(1, scope.numbered + 1)]
    return ast.Block(line, col, params, body, _line(end))


def _body_with_rescue(rescued: _BodyRescue, line: int, col: int) -> ast.Body:
    if not rescued.rescues and rescued.orelse is None and rescued.ensure is None:
        return rescued.body
    return [rescued.begin(line, col)]


class _Build(Transformer):  # type: ignore[type-arg]
    """The rule callbacks: each builds the AST node (ast.py) of its rule."""

    # -- statements

    def start(self, c: list[Any]) -> ast.Body:
        return c[0]

    def compstmt(self, c: list[Any]) -> ast.Body:
        return [x for x in c if x is not _SKIP]

    @_rule
    def mod_if(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.If(line, col, c[2], [c[0]], [])

    @_rule
    def mod_unless(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        cond = c[2]
        return ast.If(line, col, ast.Not(cond.line, cond.col, cond), [c[0]], [])

    def _mod_loop(self, c: list[Any], until: bool) -> ast.Node:
        line, col = _pos(c[0])
        node = c[0]
        do_while = isinstance(node, ast.Begin) and not node.rescues and node.ensure is None
        body = node.body if do_while else [node]
        return ast.While(line, col, c[2], body, until=until, do_while=do_while)

    @_rule
    def mod_while(self, c: list[Any]) -> ast.Node:
        return self._mod_loop(c, until=False)

    @_rule
    def mod_until(self, c: list[Any]) -> ast.Node:
        return self._mod_loop(c, until=True)

    @_rule
    def mod_rescue(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Begin(line, col, [c[0]], [ast.RescueClause(line, col, [], None, [c[2]])])

    @_rule
    def assign_list(self, c: list[Any]) -> ast.Node:
        node, *rest = [x for x in _items(c) if not isinstance(x, LarkToken)]
        value = node.value
        node.value = ast.Array(value.line, value.col, [value, *rest])
        return node

    @_rule
    def masgn(self, c: list[Any]) -> ast.Node:
        targets, value = c[0], c[1]
        line, col = _pos(c[0])
        return ast.MultiAssign(line, col, targets, value)

    def masgn_lhs(self, c: list[Any]) -> Any:
        """The targets, resolved at the `=` (so their names are locals on its right)."""
        massign = c[-1]
        if c[0].type == "STAR_MLHS" if isinstance(c[0], LarkToken) else False:
            line, col = _pos(c[0])
            targets = [ast.Splat(line, col, c[1]), *_items(c[2:-1])]
        else:
            targets = [x for x in _items(c[:-1]) if not isinstance(x, LarkToken)]
        resolved = _TargetList(_assign_target(t, massign.start_pos) for t in targets)
        resolved._start = _start(c[0])
        return resolved

    @_rule
    def mlhs_item(self, c: list[Any]) -> ast.Node:
        if len(c) == 1:
            return c[0]
        line, col = _pos(c[0])
        return ast.Splat(line, col, c[1])

    def mrhs(self, c: list[Any]) -> ast.Node:
        items = _items(c)
        if len(items) == 1:
            return items[0]
        return ast.Array(items[0].line, items[0].col, items)

    @_rule
    def and_kw(self, c: list[Any]) -> ast.Node:
        return ast.And(c[0].line, c[0].col, c[0], c[2])

    @_rule
    def or_kw(self, c: list[Any]) -> ast.Node:
        return ast.Or(c[0].line, c[0].col, c[0], c[2])

    @_rule
    def not_kw(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Not(line, col, c[1])

    # -- assignment and operators

    @_rule
    def lhs_eq(self, c: list[Any]) -> Any:
        left, eq = c  # assignable: the lexer checked (see _check_previous)
        return _Target(_assign_target(left, eq.start_pos), "=")

    @_rule
    def lhs_op(self, c: list[Any]) -> Any:
        left, op = c
        if isinstance(left, ast.Call) and left.vcall:
            _ctx().declare(left.name)
            left = ast.LVar(left.line, left.col, left.name)
        return _Target(left, str(_value(op))[:-1])

    @_rule
    def assign(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Assign(line, col, c[0].node, c[1])

    @_rule
    def op_assign(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.OpAssign(line, col, c[0].node, c[0].op, c[1])

    @_rule
    def rescue_value(self, c: list[Any]) -> ast.Node:
        value, keyword, fallback = c
        line, col = _pos(keyword)
        clause = ast.RescueClause(line, col, [], None, [fallback])
        return ast.Begin(value.line, value.col, [value], [clause])

    @_rule
    def ternary(self, c: list[Any]) -> ast.Node:
        cond, _, then, _, orelse = c
        return ast.If(cond.line, cond.col, cond, [then], [orelse])

    @_rule
    def range(self, c: list[Any]) -> ast.Node:
        return ast.Range(c[0].line, c[0].col, c[0], c[2] if len(c) > 2 else None, False)

    @_rule
    def range_excl(self, c: list[Any]) -> ast.Node:
        return ast.Range(c[0].line, c[0].col, c[0], c[2] if len(c) > 2 else None, True)

    @_rule
    def binops(self, c: list[Any]) -> ast.Node:
        return _climb(c[0::2], [str(_value(op)) for op in c[1::2]])

    @_rule
    def power(self, c: list[Any]) -> ast.Node:
        left, _, right = c
        minus = getattr(left, "_negative", None)
        if minus is None:
            return ast.Call(left.line, left.col, left, "**", [right])
        line, col = _ctx().line_col(minus)
        positive = ast.Call(line, col, _negate(left), "**", [right])
        return ast.Call(line, col, positive, "-@")

    @_rule
    def not_op(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Not(line, col, c[1])

    @_rule
    def uminus(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Call(line, col, c[1], "-@")

    @_rule
    def uplus(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Call(line, col, c[1], "+@")

    @_rule
    def tilde(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Call(line, col, c[1], "~")

    @_rule
    def defined(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Defined(line, col, c[1])

    @_rule
    def defined_paren(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Defined(line, col, self._group(c[1], c[2], c[3]))

    @_rule
    def splat(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Splat(line, col, c[1])

    # -- literals and variables

    @_rule
    def int(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Int(line, col, _value(c[0]))

    @_rule
    def float(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Float(line, col, _value(c[0]))

    def negative(self, c: list[Any]) -> ast.Node:
        minus, number = c
        line, col = _pos(number)
        cls = ast.Int if number.type == "INT" else ast.Float
        node = cls(line, col, -_value(number))
        node._start = minus.start_pos  # type: ignore[attr-defined]
        node._negative = minus.start_pos  # type: ignore[attr-defined]
        return node

    @_rule
    def string(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        parts: list[str | ast.Body] = []
        for token in c:
            parts.extend(_str_parts(_value(token)))
        return ast.Str(line, col, parts)

    @_rule
    def char(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Str(line, col, [_value(c[0])])

    @_rule
    def symbol(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Sym(line, col, [_value(c[0])])

    @_rule
    def dsym(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Sym(line, col, _str_parts(_value(c[0])))

    @_rule
    def regex(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Regex(line, col, _str_parts(_value(c[0])), c[0].value.extra)

    @_rule
    def words(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        cls = ast.Str if c[0].type == "WORDS" else ast.Sym
        return ast.Array(line, col, [cls(line, col, _str_parts(w)) for w in _value(c[0])])

    @_rule
    def ivar(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.IVar(line, col, _value(c[0]))

    @_rule
    def gvar(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.GVar(line, col, _value(c[0]))

    @_rule
    def nth_ref(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.NthRef(line, col, _value(c[0]))

    @_rule
    def back_ref(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.BackRef(line, col, _value(c[0]))

    @_rule
    def text(self, c: list[Any]) -> ast.Node:
        program = _ctx().program
        chunk = program.chunks[_value(c[0])]
        line, col = program.offset_line_col(chunk.offset)
        return ast.Text(line, col, chunk.text)

    @_rule
    def insert(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Insert(line, col, c[1])

    @_rule
    def ident(self, c: list[Any]) -> ast.Node:
        ctx = _ctx()
        line, col = _pos(c[0])
        name = str(_value(c[0]))
        if ctx.is_local(name):
            return ast.LVar(line, col, name)
        scope = ctx.scopes[-1]
        if re.fullmatch(r"_[1-9]", name) and not scope.hard:
            # a numbered block parameter: the block takes _1.._n
            scope.numbered = max(scope.numbered, int(name[1]))
            scope.names.update(f"_{i}" for i in range(1, scope.numbered + 1))
            return ast.LVar(line, col, name)
        return _finish_call(None, c[0], None, False)

    @_rule
    def fcall(self, c: list[Any]) -> ast.Node:
        return _finish_call(None, c[0], c[1] if len(c) > 1 else None, False)

    @_rule
    def const(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Const(line, col, str(_value(c[0])))

    @_rule
    def top_const(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Const(line, col, str(_value(c[1])))

    def _group(self, opener: LarkToken, body: ast.Body, closer: LarkToken) -> ast.Node:
        line, col = _pos(opener)
        if not body:
            return ast.Nil(line, col)
        if len(body) == 1:
            node = body[0]
            if hasattr(node, "_negative"):
                del node._negative  # type: ignore[attr-defined]
            return node
        return ast.Begin(line, col, body)

    @_rule
    def paren(self, c: list[Any]) -> ast.Node:
        return self._group(c[0], c[1], c[2])

    @_rule
    def array(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Array(line, col, c[1])

    @_rule
    def hash(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Hash(line, col, [(item.key, item.value) for item in c[1]])

    def hash_items(self, c: list[Any]) -> list[Any]:
        return _items(c)

    def hash_item(self, c: list[Any]) -> Any:
        if not isinstance(c[0], _Pair):
            after = _ctx().recent[-1]  # the token after the item, which reduced it
            found = "end of template" if after.kind == "eof" else _describe(after)
            raise ParseError(f"syntax error, expected '=>' (found {found})", after.pos)
        return c[0]

    @_rule
    def lambda_brace(self, c: list[Any]) -> ast.Node:
        return self._lambda(c[0], c[1], c[2], c[3])

    @_rule
    def lambda_do(self, c: list[Any]) -> ast.Node:
        arrow, opened, rescued, end = c
        line, col = _pos(opened.start_token)
        return self._lambda(arrow, opened, _body_with_rescue(rescued, line, col), end)

    def _lambda(self, arrow: LarkToken, opened: Any, body: ast.Body, end: LarkToken) -> ast.Node:
        line, col = _pos(arrow)
        params = opened.params if opened.params is not None else ast.Params(line, col, [])
        block = _block(opened.start_token, params, body, end)
        block.is_lambda = True
        return ast.Call(line, col, None, "lambda", [], block=block)

    def lambda_open(self, c: list[Any]) -> _Open:
        """A lambda's parameters and `{`/`do`: its scope starts, with the parameters in it."""
        params = c[0] if len(c) > 1 else None
        opened = _Open(params, c[-1])
        scope = _Scope(hard=False)
        _ctx().scopes.append(scope)
        for name in params.names() if params else []:
            scope.names.add(name)
        return opened

    lambda_do_open = lambda_open

    def lambda_params(self, c: list[Any]) -> ast.Params:
        return _param_list_params(c[1], c[2])

    def lambda_bare_params(self, c: list[Any]) -> ast.Params:
        first = ("name", str(_value(c[0])))
        line, col = _pos(c[0])
        rest = c[1] if len(c) > 1 else []
        entries = [first, *[e[:2] for e in rest if isinstance(e, tuple)]]
        trailing = bool(rest) and isinstance(rest[-1], LarkToken)
        return _params(entries, line, col, trailing)

    def param_rest(self, c: list[Any]) -> list[Any]:
        return c

    def param_list(self, c: list[Any]) -> list[Any]:
        return c

    def param_name(self, c: list[Any]) -> tuple[str, Any, int]:
        return ("name", str(_value(c[0])), c[0].start_pos)

    def param_opt(self, c: list[Any]) -> tuple[str, Any, int]:
        return ("opt", (str(_value(c[0])), c[2]), c[0].start_pos)

    def param_splat(self, c: list[Any]) -> tuple[str, Any, int]:
        return ("splat", str(_value(c[1])) if len(c) > 1 else "*", c[0].start_pos)

    def param_block(self, c: list[Any]) -> tuple[str, Any, int]:
        return ("block", str(_value(c[1])), c[0].start_pos)

    def param_nested(self, c: list[Any]) -> tuple[str, Any, int]:
        return ("nested", _param_list_params(c[1], c[2]), c[0].start_pos)

    # -- calls

    def call_tail(self, c: list[Any]) -> _Tail:
        first = c[0]
        return first if isinstance(first, _Tail) else _Tail([], False, first)

    def args_tail(self, c: list[Any]) -> _Tail:
        first = c[0]
        if isinstance(first, LarkToken) and first.type == "LPAREN_CALL":
            block = c[3] if len(c) > 3 else None
            return _Tail(c[1], True, block)
        if isinstance(first, LarkToken):  # CMDARG / CMDARG_NB
            block = c[2] if len(c) > 2 else None
        return _Tail(c[1], True, block)

    def command_args(self, c: list[Any]) -> list[ast.Node]:
        return _group_hash_args(_items(c))

    def call_args(self, c: list[Any]) -> list[ast.Node]:
        return _group_hash_args(_items(c))

    @_rule
    def method_call(self, c: list[Any]) -> ast.Node:
        recv, dot, name = c[0], c[1], c[2]
        tail = c[3] if len(c) > 3 else None
        return _finish_call(recv, name, tail, dot.type == "ANDDOT")

    def mname(self, c: list[Any]) -> LarkToken:
        return c[0]

    @_rule
    def dot_call(self, c: list[Any]) -> ast.Node:
        recv, dot, paren, args = c[0], c[1], c[2], c[4 - 1]
        block = c[5] if len(c) > 5 else None
        name = _lark_token("IDENT", Token("ident", "call", paren.start_pos), paren.start_pos)
        return _finish_call(recv, name, _Tail(args, True, block), dot.type == "ANDDOT")

    @_rule
    def colon_call(self, c: list[Any]) -> ast.Node:
        tail = c[3] if len(c) > 3 else None
        return _finish_call(c[0], c[2], tail, False)

    @_rule
    def colon_const(self, c: list[Any]) -> ast.Node:
        recv, _, name = c
        if not isinstance(recv, ast.Const):
            raise _unsupported("'::' on a non-constant", name.start_pos)
        node = ast.Const(recv.line, recv.col, f"{recv.path}::{_value(name)}")
        return _keep_negative(recv, node)

    @_rule
    def index(self, c: list[Any]) -> ast.Node:
        recv = c[0]
        return _keep_negative(recv, ast.Call(recv.line, recv.col, recv, "[]", c[2]))

    @_rule
    def block_pass(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.BlockPass(line, col, c[1])

    @_rule
    def label_pair(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return _Pair(line, col, ast.Sym(line, col, [_value(c[0])]), c[1])

    @_rule
    def assoc_pair(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return _Pair(line, col, c[0], c[2])

    @_rule
    def str_pair(self, c: list[Any]) -> ast.Node:
        key, colon, value = c
        if not isinstance(key, ast.Str) or colon.value.spaced:
            raise ParseError("syntax error, unexpected token (found ':')", colon.start_pos)
        line, col = _pos(key)
        return _Pair(line, col, ast.Sym(line, col, key.parts), value)

    def block_open(self, c: list[Any]) -> _Open:
        _ctx().scopes.append(_Scope(hard=False))
        return _Open()

    def block_params(self, c: list[Any]) -> ast.Params:
        params = _param_list_params(c[1], c[2])
        for name in params.names():
            _ctx().scopes[-1].names.add(name)
        return params

    def no_params(self, c: list[Any]) -> None:
        return None

    def _do_block(self, c: list[Any]) -> ast.Block:
        start, _, *rest = c
        params = rest[0] if len(rest) == 3 else None
        rescued, end = rest[-2], rest[-1]
        line, col = _pos(start)
        return _block(start, params, _body_with_rescue(rescued, line, col), end)

    def brace_block(self, c: list[Any]) -> ast.Block:
        start, _, *rest = c
        params = rest[0] if len(rest) == 3 else None
        return _block(start, params, rest[-2], rest[-1])

    do_block = _do_block
    cmd_do_block = _do_block

    # -- compound expressions

    def cond(self, c: list[Any]) -> _Cond:
        return _Cond(c[0])

    def then_sep(self, c: list[Any]) -> _Skip:
        return _SKIP

    do_sep = then_sep

    @_rule
    def if_expr(self, c: list[Any]) -> ast.Node:
        c = [x for x in c if x is not _SKIP]
        return self._if_rest(c[:-1], negate=False, end_line=_line(c[-1]))

    def elsif_part(self, c: list[Any]) -> list[Any]:
        return [x for x in c if x is not _SKIP]

    def _if_rest(self, c: list[Any], negate: bool, end_line: int) -> ast.If:
        keyword, cond, then = c[0], c[1].node, c[2]
        if negate:
            cond = ast.Not(cond.line, cond.col, cond)
        line, col = _pos(keyword)
        node = ast.If(line, col, cond, then, [], end_line=end_line)
        rest = c[3:]
        if rest and isinstance(rest[0], list) and rest[0] and isinstance(rest[0][0], LarkToken):
            elsif = rest[0]
            node.else_line = _line(elsif[0])
            node.orelse = [self._if_rest(elsif, negate=False, end_line=end_line)]
        elif rest:
            node.else_line = _line(rest[0])
            node.orelse = rest[1]
        return node

    @_rule
    def unless_expr(self, c: list[Any]) -> ast.Node:
        c = [x for x in c if x is not _SKIP]
        return self._if_rest(c[:-1], negate=True, end_line=_line(c[-1]))

    @_rule
    def while_expr(self, c: list[Any]) -> ast.Node:
        c = [x for x in c if x is not _SKIP]
        keyword, cond, body, end = c
        line, col = _pos(keyword)
        until = keyword.type == "KW_UNTIL"
        return ast.While(line, col, cond.node, body, until=until, end_line=_line(end))

    @_rule
    def for_expr(self, c: list[Any]) -> ast.Node:
        c = [x for x in _items(c) if not (isinstance(x, LarkToken) and x.type == "KW_IN")]
        keyword, *targets, cond, body, end = c
        line, col = _pos(keyword)
        var = targets[0] if len(targets) == 1 else ast.Array(line, col, targets)
        return ast.For(line, col, var, cond.node, body, _line(end))

    def for_var(self, c: list[Any]) -> ast.Node:
        return _assign_target(c[0], _start(c[0]))

    @_rule
    def case_expr(self, c: list[Any]) -> ast.Node:
        keyword, subject, *rest = c
        line, col = _pos(keyword)
        whens = [w for w in rest if isinstance(w, ast.When)]
        node = ast.Case(line, col, subject, whens, None)
        others = [x for x in rest if not isinstance(x, ast.When)]
        if len(others) == 3:
            node.else_line = _line(others[0])
            node.orelse = others[1]
        node.end_line = _line(others[-1])
        return node

    def case_subject(self, c: list[Any]) -> ast.Node | None:
        return c[0] if c and c[0] is not _SKIP else None

    @_rule
    def when_clause(self, c: list[Any]) -> ast.Node:
        keyword, *rest = [x for x in _items(c) if x is not _SKIP]
        line, col = _pos(keyword)
        return ast.When(line, col, rest[:-1], rest[-1])

    @_rule
    def begin_expr(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        node = c[1].begin(line, col)
        node.end_line = _line(c[2])
        return node

    def body_rescue(self, c: list[Any]) -> _BodyRescue:
        rescued = _BodyRescue(c[0], [], None, None)
        rest = c[1:]
        while rest and isinstance(rest[0], ast.RescueClause):
            rescued.rescues.append(rest.pop(0))
        while rest:
            keyword, body = rest[0], rest[1]
            if keyword.type == "KW_ELSE":
                rescued.orelse = body
            else:
                rescued.ensure = body
            rest = rest[2:]
        return rescued

    @_rule
    def rescue_clause(self, c: list[Any]) -> ast.Node:
        c = [x for x in c if x is not _SKIP]
        keyword, *rest = c
        line, col = _pos(keyword)
        body = rest.pop()
        classes: list[ast.Node] = []
        var = None
        for item in rest:
            if isinstance(item, _RescueClasses):
                classes = list(item)
            else:
                var = item.node
        return ast.RescueClause(line, col, classes, var, body)

    def rescue_classes(self, c: list[Any]) -> Any:
        return _RescueClasses(_items(c))

    def rescue_var(self, c: list[Any]) -> Any:
        return _Target(_assign_target(c[1], _start(c[1])), "=>")

    def def_head(self, c: list[Any]) -> _DefHead:
        _ctx().scopes.append(_Scope(hard=True))
        return _DefHead(c[0], c[1])

    def def_params(self, c: list[Any]) -> ast.Params | None:
        if not c:
            return None
        return self._declare_params(_param_list_params(c[1], c[2]))

    def def_bare_params(self, c: list[Any]) -> ast.Params:
        entries = [e[:2] for e in c if isinstance(e, tuple)]
        line, col = _pos(c[0]) if not isinstance(c[0], tuple) else _ctx().line_col(c[0][2])
        trailing = isinstance(c[-1], LarkToken)
        return self._declare_params(_params(entries, line, col, trailing))

    def _declare_params(self, params: ast.Params) -> ast.Params:
        for name in params.names():
            _ctx().scopes[-1].names.add(name)
        return params

    def def_expr(self, c: list[Any]) -> ast.Node:
        head, params, rescued, end = c
        keyword, name_tok = head.keyword, head.name
        _ctx().scopes.pop()
        line, col = _pos(keyword)
        value = name_tok.value
        name = str(value.value).lstrip("u") if value.kind == "op" else str(value.value)
        if params is None:
            params = ast.Params(line, col, [])
        has_rescue = rescued.rescues or rescued.orelse is not None or rescued.ensure is not None
        begin = rescued.begin(line, col) if has_rescue else None
        node = ast.Def(line, col, name, params, rescued.body, begin, _line(end))
        node._start = keyword.start_pos  # type: ignore[attr-defined]
        return node

    @_rule
    def jump(self, c: list[Any]) -> ast.Node:
        keyword = c[0]
        line, col = _pos(keyword)
        value = c[1] if len(c) > 1 else None
        cls = {"KW_RETURN": ast.Return, "KW_BREAK": ast.Break, "KW_NEXT": ast.Next}[keyword.type]
        return cls(line, col, value)

    def jump_value(self, c: list[Any]) -> ast.Node:
        items = _items(c)
        if len(items) == 1:
            return items[0]
        node = ast.Array(items[0].line, items[0].col, items)
        node._start = _start(items[0])  # type: ignore[attr-defined]
        return node

    # -- keywords

    @_rule
    def nil(self, c: list[Any]) -> ast.Node:
        return ast.Nil(*_pos(c[0]))

    @_rule
    def true(self, c: list[Any]) -> ast.Node:
        return ast.Bool(*_pos(c[0]), True)

    @_rule
    def false(self, c: list[Any]) -> ast.Node:
        return ast.Bool(*_pos(c[0]), False)

    @_rule
    def self(self, c: list[Any]) -> ast.Node:  # noqa: PLW0211
        return ast.Self(*_pos(c[0]))

    @_rule
    def file(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Call(line, col, None, "__FILE__", [])

    @_rule
    def line(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Int(line, col, line)


class _Target:
    """An assignment's target, resolved when its `=` is read (so the name is a local at once)."""

    def __init__(self, node: ast.Node, op: str) -> None:
        self.node = node
        self.op = op


class _TargetList(list):  # type: ignore[type-arg]
    """A multiple assignment's targets (a list that can carry `_start`)."""


class _RescueClasses(list):  # type: ignore[type-arg]
    """The exception classes of a `rescue` clause."""


_BUILD = _Build()


def _run(parse_input: _Parse) -> ast.Body:
    parser = ruby_parser(_RubyLexer, _BUILD)
    outer = _STACK.set((*_STACK.get(), parse_input))
    try:
        return parser.parse(parse_input)  # type: ignore[no-any-return]
    except UnexpectedToken as exc:
        raise _name_error(parse_input, exc.token) or _syntax_error(parse_input, exc) from None
    except UnexpectedInput:
        raise ParseError("syntax error", parse_input.eof_pos) from None
    finally:
        _STACK.reset(outer)


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


def _syntax_error(parse_input: _Parse, exc: UnexpectedToken) -> ParseError:
    """A syntax error's words: after a complete value, what was expected next."""
    recent = parse_input.recent
    current = recent[-1]
    pos = parse_input.eof_pos if exc.token.type == "$END" else exc.token.start_pos
    found = "end of template" if current.kind == "eof" else _describe(current)
    before = recent[-2] if len(recent) > 1 else None
    state, stack = exc.state, parse_input.state_stack
    if exc.token.type == "$END":
        stack = state.state_stack  # nothing was reduced for the end
    if before is not None and current.kind in ("eof", "ins_end", "kw"):  # a body's end
        if _accepts(state, "KW_END", stack) and (_ends_value(before) or _ends_statement(before)):
            return ParseError(f"syntax error, expected 'end' (found {found})", pos)
    if before is None or not _ends_value(before):
        return ParseError(f"syntax error, {_unexpected(current)} (found {found})", pos)
    opener = _innermost_opener(state.value_stack)
    for ttype, name in _EXPECTED:
        if ttype == "ASSOC" and opener != "LBRACE_HASH":
            continue  # only a hash literal insists on pairs
        if ttype == "RPAREN" and opener in _GROUPING and current.kind not in ("eof", "ins_end"):
            continue  # a parenthesized body: its statements end only at `)`
        if _accepts(state, ttype, stack):
            return ParseError(f"syntax error, expected '{name}' (found {found})", pos)
    return ParseError(f"syntax error, unexpected token (found {found})", pos)


_GROUPING = {"LPAREN_SP", "LPAREN_EXPR", "LPAREN_ARG", "LPAREN_DEF"}


def _innermost_opener(value_stack: list[Any]) -> str:
    for item in reversed(value_stack):
        if isinstance(item, _Open):
            return "BLOCK"
        if isinstance(item, LarkToken) and item.type in _FRAME_OPENERS:
            return str(item.type)
    return ""


def _ends_statement(token: Token) -> bool:
    return token.kind in ("nl", "text", "ins_end") or (token.kind == "op" and token.value == ";")


def _unexpected(token: Token) -> str:
    if token.kind == "kw" and token.value not in ("then", "do"):
        return "unexpected keyword"
    return "unexpected label" if token.kind == "label" else "unexpected token"


def _name_error(parse_input: _Parse, token: LarkToken) -> ParseError | None:
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
        found = "end of template" if after.kind == "eof" else _describe(after)
        return ParseError(f"syntax error, expected a constant (found {found})", after.pos)
    return ParseError("syntax error, expected a method name", token.start_pos)


def _ends_value(token: Token) -> bool:
    if token.kind in _VALUE_KINDS:
        return True
    if token.kind == "kw":
        return token.value in ("end", "self", "nil", "true", "false", "__FILE__", "__LINE__")
    return token.kind == "op" and token.value in (")", "]", "}")


def _describe(token: Token) -> str:
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


def parse(program: Program) -> ast.Body:
    """The AST of an ERB program; raises ParseError with a program offset."""
    return _run(_Parse(program, [_Scope(hard=True)], 0, len(program.source)))
