"""Ruby (the subset templates use) → `ncg.template.ast`, by recursive descent.

Ruby's grammar is not context-free at the token level (see lexer.py), and
which names are local variables decides how `foo -1` or `foo [1]` parse, so
the parser tracks local variable scopes as Ruby does — a name is a local
from its first assignment on, textually — and the lexer asks it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ncg.template import ast
from ncg.template.erb import ErbProgram
from ncg.template.lexer import Interp, Lexer, LexError, StrParts, Token

# binary operators: precedence (higher binds tighter) and right-associativity
_BINARY: dict[str, tuple[int, bool]] = {
    "||": (3, False),
    "&&": (4, False),
    "<=>": (6, False),
    "==": (6, False),
    "===": (6, False),
    "!=": (6, False),
    "=~": (6, False),
    "!~": (6, False),
    "<": (7, False),
    "<=": (7, False),
    ">": (7, False),
    ">=": (7, False),
    "|": (8, False),
    "^": (8, False),
    "&": (9, False),
    "<<": (10, False),
    ">>": (10, False),
    "+": (11, False),
    "-": (11, False),
    "*": (12, False),
    "/": (12, False),
    "%": (12, False),
    "**": (14, True),
}
_ASSIGN_OPS = {
    "=",
    "+=",
    "-=",
    "*=",
    "/=",
    "%=",
    "**=",
    "||=",
    "&&=",
    "<<=",
    ">>=",
    "|=",
    "&=",
    "^=",
}
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
_ARG_START_KINDS = {
    "int",
    "float",
    "str",
    "sym",
    "dsym",
    "regex",
    "words",
    "symbols",
    "char",
    "ident",
    "fid",
    "const",
    "ivar",
    "gvar",
    "nth_ref",
    "back_ref",
    "label",
}
_ARG_START_OPS = {
    "u-",
    "u+",
    "[array",
    "(arg",
    "::top",
    "splat",
    "dsplat",
    "blockarg",
    "->",
    "!",
    "{hash",
}
_ARG_START_KEYWORDS = {"nil", "true", "false", "self", "defined?", "__FILE__", "__LINE__", "not"}
_VALUE_ENDERS = {"nl", "eof", "ins_end"}


class ParseError(Exception):
    """Source that does not parse (`unsupported`: valid Ruby ncg does not support)."""

    def __init__(self, message: str, pos: int, unsupported: bool = False) -> None:
        super().__init__(message)
        self.pos = pos
        self.unsupported = unsupported


class _Scope:
    def __init__(self, hard: bool) -> None:
        self.names: set[str] = set()
        self.hard = hard  # a `def`: outer locals are invisible
        self.numbered = 0  # a block's highest numbered parameter used (`_1`, `_2`)


class Parser:
    def __init__(self, program: ErbProgram) -> None:
        self.program = program
        self.scopes: list[_Scope] = [_Scope(hard=True)]
        self.no_do = 0  # inside a `while` condition or command arguments: `do` is not a block
        self.lexer = Lexer(program.source, self.is_local)
        self.tok = self.lexer.next_token()

    # -- scopes ------------------------------------------------------------

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

    # -- tokens ------------------------------------------------------------

    def advance(self) -> Token:
        token = self.tok
        try:
            self.tok = self.lexer.next_token()
        except LexError as exc:
            raise ParseError(str(exc), exc.pos, str(exc).startswith("unsupported")) from None
        return token

    def at(self, kind: str, value: object = None) -> bool:
        return self.tok.kind == kind and (value is None or self.tok.value == value)

    def at_op(self, *values: str) -> bool:
        return self.tok.kind == "op" and self.tok.value in values

    def at_kw(self, *values: str) -> bool:
        return self.tok.kind == "kw" and self.tok.value in values

    def accept_op(self, *values: str) -> Token | None:
        return self.advance() if self.at_op(*values) else None

    def expect_op(self, *values: str) -> Token:
        if not self.at_op(*values):
            self.error(f"expected '{values[0].lstrip('([{u')}'")
        return self.advance()

    def expect_kw(self, value: str) -> Token:
        if not self.at_kw(value):
            self.error(f"expected '{value}'")
        return self.advance()

    def error(self, message: str) -> None:
        found = self.describe(self.tok)
        raise ParseError(f"syntax error, {message} (found {found})", self.tok.pos)

    def unsupported(self, what: str, token: Token | None = None) -> None:
        raise ParseError(f"unsupported Ruby: {what}", (token or self.tok).pos, unsupported=True)

    @staticmethod
    def describe(token: Token) -> str:
        if token.kind == "eof":
            return "end of template"
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

    def pos_of(self, token: Token) -> tuple[int, int]:
        return self.program.line_col(token.pos)

    def line_of(self, token: Token) -> int:
        return self.pos_of(token)[0]

    def skip_newlines(self) -> None:
        while self.at("nl"):
            self.advance()

    def skip_terms(self) -> None:
        while self.at("nl") or self.at_op(";"):
            self.advance()

    # -- statements ----------------------------------------------------------

    def parse_program(self) -> ast.Body:
        body = self.compstmt()
        if not self.at("eof"):
            self.error("unexpected token")
        return body

    def compstmt(self, *enders: str) -> ast.Body:
        """Statements up to one of the keywords/operators `enders` (not consumed)."""
        body: ast.Body = []
        while True:
            self.skip_terms()
            if (
                self.at("eof")
                or self.at("ins_end")
                or (self.tok.kind in ("kw", "op") and self.tok.value in enders)
            ):
                return body
            body.append(self.stmt())
            if not (
                self.at("nl")
                or self.at_op(";")
                or self.at("eof")
                or self.at("ins_end")
                or (self.tok.kind in ("kw", "op") and self.tok.value in enders)
            ):
                if self.at("text") or self.at("ins_begin"):
                    continue  # ERB joins tags on one line with "; " — text follows directly
                self.error("unexpected token")

    def stmt(self) -> ast.Node:
        start = self.tok
        node = self.expr_stmt()
        while self.at_kw("if", "unless", "while", "until", "rescue"):
            keyword = self.advance().value
            line, col = self.pos_of(start)
            if keyword == "rescue":
                node = ast.Begin(
                    line, col, [node], [ast.RescueClause(line, col, [], None, [self.stmt_value()])]
                )
                continue
            cond = self.expr()
            if keyword == "if":
                node = ast.If(line, col, cond, [node], [])
            elif keyword == "unless":
                node = ast.If(line, col, ast.Not(cond.line, cond.col, cond), [node], [])
            else:
                do_while = isinstance(node, ast.Begin) and not node.rescues and node.ensure is None
                node = ast.While(
                    line,
                    col,
                    cond,
                    node.body if do_while else [node],  # type: ignore[attr-defined]
                    until=keyword == "until",
                    do_while=do_while,
                )
        return node

    def stmt_value(self) -> ast.Node:
        return self.expr_stmt()

    def expr_stmt(self) -> ast.Node:
        if self.at_op("splat"):
            return self.multi_assign([], self.tok)
        start = self.tok
        node = self.expr()
        if self.at_op(",") and self.assignable(node):
            return self.multi_assign([node], start)
        if isinstance(node, ast.Assign) and self.at_op(","):  # `a = 1, 2`
            items = [node.value]
            while self.accept_op(","):
                self.skip_newlines()
                items.append(self.arg_item())
            node.value = ast.Array(node.value.line, node.value.col, items)
        return node

    def assignable(self, node: ast.Node) -> bool:
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

    def multi_assign(self, targets: list[ast.Node], start: Token) -> ast.Node:
        while True:
            if targets:
                if not self.accept_op(","):
                    break
                if self.at_op("="):
                    break  # `a, = list`
            if self.at_op("splat"):
                splat = self.advance()
                line, col = self.pos_of(splat)
                targets.append(ast.Splat(line, col, self.primary_postfix()))
            else:
                targets.append(self.primary_postfix())
            if not self.at_op(","):
                break
        self.expect_op("=")
        resolved = [self.assign_target(t) for t in targets]
        self.skip_newlines()
        first = self.arg_item()
        if self.at_op(","):
            items = [first]
            while self.accept_op(","):
                self.skip_newlines()
                items.append(self.arg_item())
            value: ast.Node = ast.Array(first.line, first.col, items)
        else:
            value = first
        line, col = self.pos_of(start)
        return ast.MultiAssign(line, col, resolved, value)

    def assign_target(self, node: ast.Node) -> ast.Node:
        if isinstance(node, ast.Splat):
            return ast.Splat(node.line, node.col, self.assign_target(node.value))
        if isinstance(node, ast.Call) and node.vcall:
            self.declare(node.name)
            return ast.LVar(node.line, node.col, node.name)
        if isinstance(node, ast.LVar | ast.IVar | ast.GVar):
            return node
        if isinstance(node, ast.Call) and self.assignable(node):
            return node
        raise ParseError("syntax error, unexpected '=' (cannot assign to this)", self.tok.pos)

    def expr(self) -> ast.Node:
        left = self.not_expr()
        while self.at_kw("and", "or"):
            keyword = self.advance().value
            self.skip_newlines()
            right = self.not_expr()
            cls = ast.And if keyword == "and" else ast.Or
            left = cls(left.line, left.col, left, right)
        return left

    def not_expr(self) -> ast.Node:
        if self.at_kw("not"):
            token = self.advance()
            line, col = self.pos_of(token)
            return ast.Not(line, col, self.not_expr())
        return self.arg()

    # -- arguments (operator expressions) ---------------------------------------

    def arg(self) -> ast.Node:
        start = self.tok
        left = self.ternary()
        if self.tok.kind == "op" and self.tok.value in _ASSIGN_OPS and self.assignable(left):
            op = self.advance().value
            target = self.assign_target(left) if op == "=" else self.op_target(left)
            self.skip_newlines()
            value = self.assign_value()
            line, col = self.pos_of(start)
            if op == "=":
                return ast.Assign(line, col, target, value)
            return ast.OpAssign(line, col, target, op[:-1], value)
        return left

    def op_target(self, node: ast.Node) -> ast.Node:
        if isinstance(node, ast.Call) and node.vcall:
            self.declare(node.name)
            return ast.LVar(node.line, node.col, node.name)
        return node

    def assign_value(self) -> ast.Node:
        value = self.arg()
        if self.at_kw("rescue"):
            token = self.advance()
            line, col = self.pos_of(token)
            fallback = self.arg()
            value = ast.Begin(
                value.line, value.col, [value], [ast.RescueClause(line, col, [], None, [fallback])]
            )
        return value

    def ternary(self) -> ast.Node:
        cond = self.range_expr()
        if self.at_op("?"):
            self.advance()
            self.skip_newlines()
            then = self.ternary()
            self.skip_newlines()
            if self.at("label"):  # `a ? b :c` lexed `b:`… not supported; `x ? y : z` is
                self.error("expected ':'")
            self.expect_op(":")
            self.skip_newlines()
            orelse = self.ternary()
            return ast.If(cond.line, cond.col, cond, [then], [orelse])
        return cond

    def range_expr(self) -> ast.Node:
        left = self.binary(3)
        if self.at_op("..", "..."):
            exclusive = self.advance().value == "..."
            if self.tok.kind in _VALUE_ENDERS or self.at_op(")", "]"):
                right = None
            else:
                right = self.binary(3)
            return ast.Range(left.line, left.col, left, right, exclusive)
        return left

    def binary(self, min_prec: int) -> ast.Node:
        left = self.unary()
        while self.tok.kind == "op" and self.tok.value in _BINARY:
            op = self.tok.value
            prec, right_assoc = _BINARY[op]
            if prec < min_prec:
                break
            self.advance()
            self.skip_newlines()
            right = self.binary(prec if right_assoc else prec + 1)
            left = self.make_binary(op, left, right)
        return left

    @staticmethod
    def make_binary(op: str, left: ast.Node, right: ast.Node) -> ast.Node:
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

    def unary(self) -> ast.Node:
        token = self.tok
        line, col = self.pos_of(token)
        if self.at_op("!"):
            self.advance()
            return ast.Not(line, col, self.unary())
        if self.at_op("u-"):
            self.advance()
            if self.tok.kind in ("int", "float") and not self.tok.spaced:
                number = self.postfix(self.negative_literal(self.advance()))
                if self.at_op("**"):  # -2 ** 2 is -(2 ** 2)
                    self.advance()
                    power = self.binary(14)
                    positive = ast.Call(line, col, self.negate(number), "**", [power])
                    return ast.Call(line, col, positive, "-@")
                return number
            return ast.Call(line, col, self.binary(13), "-@")
        if self.at_op("u+"):
            self.advance()
            return ast.Call(line, col, self.binary(13), "+@")
        if self.at_op("~"):
            self.advance()
            return ast.Call(line, col, self.unary(), "~")
        if self.at_kw("defined?"):
            self.advance()
            if self.at_op("(", "(expr", "(arg") and not self.tok.spaced:
                return self.postfix(ast.Defined(line, col, self.primary()))
            return ast.Defined(line, col, self.unary())
        if self.at_op("splat"):
            self.advance()
            return ast.Splat(line, col, self.arg())
        return self.primary_postfix()

    def negative_literal(self, token: Token) -> ast.Node:
        line, col = self.pos_of(token)
        if token.kind == "int":
            return ast.Int(line, col, -token.value)
        return ast.Float(line, col, -token.value)

    @staticmethod
    def negate(node: ast.Node) -> ast.Node:
        if isinstance(node, ast.Int | ast.Float):
            return type(node)(node.line, node.col, -node.value)
        return node

    # -- primaries and postfix -------------------------------------------------

    def primary_postfix(self) -> ast.Node:
        return self.postfix(self.primary())

    def postfix(self, node: ast.Node) -> ast.Node:
        while True:
            if self.at_op(".", "&."):
                safe = self.advance().value == "&."
                node = self.method_call(node, safe)
            elif self.at_op("::") and not self.tok.spaced:
                self.advance()
                name_tok = self.advance()
                if name_tok.kind == "const" and not self.at_op("("):
                    if not isinstance(node, ast.Const):
                        self.unsupported("'::' on a non-constant", name_tok)
                    node = ast.Const(node.line, node.col, f"{node.path}::{name_tok.value}")  # type: ignore[attr-defined]
                else:
                    node = self.finish_call(node, name_tok, False)
            elif self.at_op("[") and not (
                self.tok.spaced and isinstance(node, ast.Call) and node.vcall
            ):
                self.advance()
                args = self.call_args("]")
                node = ast.Call(node.line, node.col, node, "[]", args)
            else:
                return node

    def method_call(self, recv: ast.Node, safe: bool) -> ast.Node:
        if self.at_op("(", "(expr"):  # `.()`
            self.tok.value = "("
            self.tok.spaced = False
            return self.finish_call(recv, Token("ident", "call", self.tok.pos), safe)
        name_tok = self.advance()
        if name_tok.kind not in ("ident", "fid", "const", "kw") and not (
            name_tok.kind == "op" and name_tok.value.lstrip("u") in _BINARY | {"[]": 0, "!": 0}
        ):
            raise ParseError("syntax error, expected a method name", name_tok.pos)
        return self.finish_call(recv, name_tok, safe)

    def finish_call(self, recv: ast.Node | None, name_tok: Token, safe: bool) -> ast.Node:
        """The arguments and block of a call whose name was just read."""
        name = str(name_tok.value).lstrip("u") if name_tok.kind == "op" else str(name_tok.value)
        line, col = (recv.line, recv.col) if recv is not None else self.pos_of(name_tok)
        args: list[ast.Node] = []
        has_args = False
        if self.at_op("(") and not self.tok.spaced:
            self.advance()
            args = self.call_args(")")
            has_args = True
        elif self.command_arg_follows():
            args = self.command_args()
            has_args = True
        call = ast.Call(
            line, col, recv, name, args, safe_nav=safe, vcall=recv is None and not has_args
        )
        self.attach_block(call)
        if call.block is not None or any(isinstance(a, ast.BlockPass) for a in args):
            call.vcall = False
        return call

    def attach_block(self, call: ast.Call) -> None:
        if self.at_op("{"):
            call.block = self.brace_block()
        elif self.at_kw("do") and not self.no_do:
            call.block = self.do_block()
        else:
            return
        call.vcall = False

    def command_arg_follows(self) -> bool:
        token = self.tok
        if not token.spaced:
            return False
        if token.kind in _ARG_START_KINDS:
            return True
        if token.kind == "op":
            return token.value in _ARG_START_OPS and token.value != "{hash"
        return token.kind == "kw" and token.value in _ARG_START_KEYWORDS

    def command_args(self) -> list[ast.Node]:
        self.no_do += 1
        try:
            args = [self.arg_item()]
            while self.accept_op(","):
                self.skip_newlines()
                args.append(self.arg_item())
        finally:
            self.no_do -= 1
        return self.group_hash_args(args)

    def call_args(self, closer: str) -> list[ast.Node]:
        saved, self.no_do = self.no_do, 0
        args: list[ast.Node] = []
        try:
            self.skip_newlines()
            while not self.at_op(closer):
                args.append(self.arg_item())
                self.skip_newlines()
                if not self.accept_op(","):
                    break
                self.skip_newlines()
            self.skip_newlines()
            self.expect_op(closer)
        finally:
            self.no_do = saved
        return self.group_hash_args(args)

    def arg_item(self) -> ast.Node:
        """One argument: a value, `*splat`, `&block`, or a `key => value`/`key: value` pair."""
        token = self.tok
        line, col = self.pos_of(token)
        if self.at_op("blockarg"):
            self.advance()
            return ast.BlockPass(line, col, self.arg())
        if self.at("label"):
            self.advance()
            self.skip_newlines()
            return _Pair(line, col, ast.Sym(line, col, [token.value]), self.arg())
        if self.at_op("dsplat"):
            self.unsupported("'**' in arguments")
        value = self.arg()
        if self.at_op("=>"):
            self.advance()
            self.skip_newlines()
            return _Pair(line, col, value, self.arg())
        if isinstance(value, ast.Str) and self.at_op(":") and not self.tok.spaced:
            self.advance()
            return _Pair(line, col, ast.Sym(line, col, value.parts), self.arg())
        return value

    @staticmethod
    def group_hash_args(args: list[ast.Node]) -> list[ast.Node]:
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

    def brace_block(self) -> ast.Block:
        start = self.advance()
        return self.block_rest(start, "}")

    def do_block(self) -> ast.Block:
        start = self.advance()
        return self.block_rest(start, "end")

    def block_rest(
        self, start: Token, closer: str, lambda_params: ast.Params | None = None
    ) -> ast.Block:
        line, col = self.pos_of(start)
        self.scopes.append(_Scope(hard=False))
        saved, self.no_do = self.no_do, 0
        try:
            if lambda_params is not None:
                params = lambda_params
            else:
                self.skip_newlines()
                params = self.block_params(line, col)
            for name in params.names():
                self.scopes[-1].names.add(name)
            if closer == "end":
                body = self.body_with_rescue(line, col)
            else:
                body = self.compstmt("}")
            end = self.tok
            if closer == "}":
                self.expect_op("}")
            else:
                self.expect_kw("end")
            numbered = self.scopes[-1].numbered
            if numbered and not params.names():
                params.required = [f"_{i}" for i in range(1, numbered + 1)]
        finally:
            self.no_do = saved
            self.scopes.pop()
        return ast.Block(line, col, params, body, self.line_of(end))

    def block_params(self, line: int, col: int) -> ast.Params:
        if not self.at_op("|"):
            if self.at_op("||"):
                self.advance()
            return ast.Params(line, col, [])
        self.advance()
        params = self.param_list(("|",))
        self.expect_op("|")
        return params

    def param_list(self, closers: tuple[str, ...]) -> ast.Params:
        line, col = self.pos_of(self.tok)
        params = ast.Params(line, col, [])
        while not self.at_op(*closers) and not self.at("nl"):
            if self.at_op("splat") or self.at_op("*"):
                self.advance()
                params.splat = self.advance().value if self.at("ident") else "*"
            elif self.at_op("blockarg") or self.at_op("&"):
                self.advance()
                params.block = self.param_name()
            elif self.at_op("(expr", "(", "(arg"):
                self.advance()
                nested = self.param_list((")",))
                self.expect_op(")")
                (params.post if params.splat else params.required).append(nested)
            elif self.at("label"):  # `a: 1` keyword argument
                self.unsupported("keyword parameters")
            else:
                name = self.param_name()
                if self.at_op("="):
                    self.advance()
                    params.optional.append((name, self.ternary()))
                else:
                    (params.post if params.splat or params.optional else params.required).append(
                        name
                    )
            if not self.accept_op(","):
                break
            if self.at_op(*closers):
                params.trailing_comma = True
        if self.at_op(";"):
            self.unsupported("block-local variables")
        return params

    def param_name(self) -> str:
        if not self.at("ident"):
            self.error("expected a parameter name")
        return str(self.advance().value)

    # -- primaries -------------------------------------------------------------

    def primary(self) -> ast.Node:
        token = self.tok
        line, col = self.pos_of(token)
        kind = token.kind
        handler = _PRIMARY.get(kind)
        if handler is not None:
            return handler(self, token, line, col)
        if kind == "op":
            return self.primary_op(token, line, col)
        if kind == "kw":
            return self.keyword(token, line, col)
        self.error("unexpected token")
        raise AssertionError

    def p_int(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Int(line, col, token.value)

    def p_float(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Float(line, col, token.value)

    def p_str(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        node = ast.Str(line, col, self.str_parts(token.value))
        while self.at("str") and self.tok.spaced is not None:  # "a" "b" is one string
            nxt = self.advance()
            node.parts.extend(self.str_parts(nxt.value))
        return node

    def p_char(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Str(line, col, [token.value])

    def p_sym(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Sym(line, col, [token.value])

    def p_dsym(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Sym(line, col, self.str_parts(token.value))

    def p_regex(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Regex(line, col, self.str_parts(token.value), token.extra)

    def p_words(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        cls = ast.Str if token.kind == "words" else ast.Sym
        return ast.Array(line, col, [cls(line, col, self.str_parts(w)) for w in token.value])

    def p_ident(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        name = str(token.value)
        if (
            token.kind == "ident"
            and self.is_local(name)
            and not (self.at_op("(") and not self.tok.spaced)
        ):
            return ast.LVar(line, col, name)
        scope = self.scopes[-1]
        if re.fullmatch(r"_[1-9]", name) and not scope.hard and not self.is_local(name):
            # a numbered block parameter: the block takes _1.._n
            scope.numbered = max(scope.numbered, int(name[1]))
            scope.names.update(f"_{i}" for i in range(1, scope.numbered + 1))
            return ast.LVar(line, col, name)
        return self.finish_call(None, token, False)

    def p_const(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        if self.at_op("(") and not self.tok.spaced:
            return self.finish_call(None, token, False)
        if self.tok.spaced and self.tok.kind == "str":
            return self.finish_call(None, token, False)  # `Integer "42"`
        return ast.Const(line, col, str(token.value))

    def p_ivar(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.IVar(line, col, token.value)

    def p_gvar(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.GVar(line, col, token.value)

    def p_nth_ref(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.NthRef(line, col, token.value)

    def p_back_ref(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.BackRef(line, col, token.value)

    def p_text(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        chunk = self.program.chunks[token.value]
        tline, tcol = self.program.offset_line_col(chunk.offset)
        return ast.Text(tline, tcol, chunk.text)

    def p_insert(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        body = self.compstmt()
        if not self.at("ins_end"):
            self.error("expected '%>'")
        self.advance()
        return ast.Insert(line, col, body)

    def p_label(self, token: Token, line: int, col: int) -> ast.Node:
        self.error("unexpected label")
        raise AssertionError

    def primary_op(self, token: Token, line: int, col: int) -> ast.Node:
        value = token.value
        if value in ("(", "(expr", "(arg"):
            self.advance()
            saved, self.no_do = self.no_do, 0
            try:
                body = self.compstmt(")")
            finally:
                self.no_do = saved
            self.expect_op(")")
            if not body:
                return ast.Nil(line, col)
            if len(body) == 1:
                return body[0]
            return ast.Begin(line, col, body)
        if value in ("[array", "["):
            self.advance()
            return ast.Array(line, col, self.call_args("]"))
        if value in ("{hash", "{"):
            self.advance()
            return self.hash_literal(line, col)
        if value == "->":
            self.advance()
            return self.lambda_literal(line, col)
        if value == "::top":
            self.advance()
            name = self.advance()
            if name.kind != "const":
                self.error("expected a constant")
            return ast.Const(line, col, str(name.value))
        if value in ("..", "..."):
            self.unsupported("beginless range")
        self.error("unexpected token")
        raise AssertionError

    def hash_literal(self, line: int, col: int) -> ast.Node:
        saved, self.no_do = self.no_do, 0
        pairs: list[tuple[ast.Node, ast.Node]] = []
        try:
            self.skip_newlines()
            while not self.at_op("}"):
                item = self.arg_item()
                if not isinstance(item, _Pair):
                    self.error("expected '=>'")
                pairs.append((item.key, item.value))  # type: ignore[attr-defined]
                self.skip_newlines()
                if not self.accept_op(","):
                    break
                self.skip_newlines()
            self.skip_newlines()
            self.expect_op("}")
        finally:
            self.no_do = saved
        return ast.Hash(line, col, pairs)

    def lambda_literal(self, line: int, col: int) -> ast.Node:
        if self.at_op("(", "(arg", "(expr"):
            self.advance()
            params = self.param_list((")",))
            self.expect_op(")")
        elif self.at("ident"):
            params = self.param_list(("{", "do"))
        else:
            params = ast.Params(line, col, [])
        if self.at_op("{", "{hash"):
            block = self.block_rest(self.advance(), "}", params)
        elif self.at_kw("do"):
            block = self.block_rest(self.advance(), "end", params)
        else:
            self.error("expected a lambda body")
            raise AssertionError
        block.is_lambda = True
        return ast.Call(line, col, None, "lambda", [], block=block)

    def str_parts(self, parts: StrParts) -> list[str | ast.Body]:
        out: list[str | ast.Body] = []
        for part in parts:
            if isinstance(part, Interp):
                out.append(self.sub_parse(part.start, part.end))
            else:
                out.append(part)
        return out

    def sub_parse(self, start: int, end: int) -> ast.Body:
        """The statements of a `#{…}`: the same scopes, a lexer over its range."""
        saved = (self.lexer, self.tok, self.no_do)
        self.lexer = Lexer(self.program.source, self.is_local, start, end)
        self.no_do = 0
        try:
            self.tok = self.lexer.next_token()
            body = self.compstmt()
            if not self.at("eof"):
                self.error("unexpected token in interpolation")
        finally:
            self.lexer, self.tok, self.no_do = saved
        return body

    # -- keywords ----------------------------------------------------------------

    def keyword(self, token: Token, line: int, col: int) -> ast.Node:
        word = token.value
        if word in _UNSUPPORTED_KEYWORDS:
            self.unsupported(str(word))
        method: Callable[[Token, int, int], ast.Node] | None = getattr(self, f"kw_{word}", None)
        if method is None:
            if word == "then" or word == "do":
                self.error("unexpected token")
            self.error("unexpected keyword")
            raise AssertionError
        return method(token, line, col)

    def kw_nil(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Nil(line, col)

    def kw_true(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Bool(line, col, True)

    def kw_false(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Bool(line, col, False)

    def kw_self(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Self(line, col)

    def kw___FILE__(self, token: Token, line: int, col: int) -> ast.Node:  # noqa: N802
        self.advance()
        return ast.Call(line, col, None, "__FILE__", [])

    def kw___LINE__(self, token: Token, line: int, col: int) -> ast.Node:  # noqa: N802
        self.advance()
        return ast.Int(line, col, line)

    def kw_if(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return self.if_rest(line, col, negate=False)

    def kw_unless(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return self.if_rest(line, col, negate=True)

    def if_rest(self, line: int, col: int, negate: bool) -> ast.If:
        cond = self.condition()
        if negate:
            cond = ast.Not(cond.line, cond.col, cond)
        self.then_sep()
        then = self.compstmt("elsif", "else", "end")
        node = ast.If(line, col, cond, then, [])
        if self.at_kw("elsif") and not negate:
            token = self.advance()
            tline, tcol = self.pos_of(token)
            node.else_line = tline
            inner = self.if_rest(tline, tcol, negate=False)
            node.orelse = [inner]
            node.end_line = inner.end_line
            return node
        if self.at_kw("else"):
            node.else_line = self.line_of(self.advance())
            node.orelse = self.compstmt("end")
        node.end_line = self.line_of(self.tok)
        self.expect_kw("end")
        return node

    def condition(self) -> ast.Node:
        self.no_do += 1
        try:
            self.skip_newlines()
            return self.expr_stmt()
        finally:
            self.no_do -= 1

    def then_sep(self) -> None:
        self.skip_terms()
        if self.at_kw("then"):
            self.advance()

    def kw_while(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return self.loop_rest(line, col, until=False)

    def kw_until(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return self.loop_rest(line, col, until=True)

    def loop_rest(self, line: int, col: int, until: bool) -> ast.Node:
        cond = self.condition()
        self.skip_terms()
        if self.at_kw("do"):
            self.advance()
        body = self.compstmt("end")
        end_line = self.line_of(self.tok)
        self.expect_kw("end")
        return ast.While(line, col, cond, body, until=until, end_line=end_line)

    def kw_for(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        targets = [self.assign_target(self.primary_postfix())]
        while self.accept_op(","):
            targets.append(self.assign_target(self.primary_postfix()))
        self.expect_kw("in")
        iterable = self.condition()
        self.skip_terms()
        if self.at_kw("do"):
            self.advance()
        body = self.compstmt("end")
        end_line = self.line_of(self.tok)
        self.expect_kw("end")
        var = targets[0] if len(targets) == 1 else ast.Array(line, col, targets)
        return ast.For(line, col, var, iterable, body, end_line)

    def kw_case(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        subject = None if self.at("nl") or self.at_op(";") else self.expr_stmt()
        self.skip_terms()
        node = ast.Case(line, col, subject, [], None)
        while self.at_kw("when"):
            when_tok = self.advance()
            wline, wcol = self.pos_of(when_tok)
            patterns = [self.when_pattern()]
            while self.accept_op(","):
                self.skip_newlines()
                patterns.append(self.when_pattern())
            self.then_sep()
            node.whens.append(ast.When(wline, wcol, patterns, self.compstmt("when", "else", "end")))
        if self.at_kw("in"):
            self.unsupported("pattern matching (case/in)")
        if not node.whens:
            self.error("expected 'when'")
        if self.at_kw("else"):
            node.else_line = self.line_of(self.advance())
            node.orelse = self.compstmt("end")
        node.end_line = self.line_of(self.tok)
        self.expect_kw("end")
        return node

    def when_pattern(self) -> ast.Node:
        if self.at_op("splat"):
            token = self.advance()
            line, col = self.pos_of(token)
            return ast.Splat(line, col, self.arg())
        return self.arg()

    def kw_begin(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        node = self.begin_body(line, col)
        node.end_line = self.line_of(self.tok)
        self.expect_kw("end")
        return node

    def begin_body(self, line: int, col: int) -> ast.Begin:
        node = ast.Begin(line, col, self.compstmt("rescue", "else", "ensure", "end"))
        while self.at_kw("rescue"):
            rescue_tok = self.advance()
            rline, rcol = self.pos_of(rescue_tok)
            classes: list[ast.Node] = []
            var = None
            while not (self.at("nl") or self.at_op(";", "=>") or self.at_kw("then")):
                classes.append(self.when_pattern())
                if not self.accept_op(","):
                    break
                self.skip_newlines()
            if self.accept_op("=>"):
                var = self.assign_target(self.primary_postfix())
            self.then_sep()
            body = self.compstmt("rescue", "else", "ensure", "end")
            node.rescues.append(ast.RescueClause(rline, rcol, classes, var, body))
        if self.at_kw("else"):
            self.advance()
            node.orelse = self.compstmt("ensure", "end")
        if self.at_kw("ensure"):
            self.advance()
            node.ensure = self.compstmt("end")
        return node

    def body_with_rescue(self, line: int, col: int) -> ast.Body:
        node = self.begin_body(line, col)
        if not node.rescues and node.orelse is None and node.ensure is None:
            return node.body
        return [node]

    def kw_def(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        name_tok = self.advance()
        if name_tok.kind == "kw" and name_tok.value == "self":
            self.unsupported("def self.method", name_tok)
        if name_tok.kind not in ("ident", "fid", "const", "kw", "op"):
            self.error("expected a method name")
        name = str(name_tok.value).lstrip("u") if name_tok.kind == "op" else str(name_tok.value)
        self.scopes.append(_Scope(hard=True))
        try:
            if self.at_op("(", "(arg", "(expr"):
                self.advance()
                params = self.param_list((")",))
                self.expect_op(")")
            else:
                params = (
                    self.param_list((";",))
                    if self.at("ident") or self.at_op("splat", "blockarg")
                    else ast.Params(line, col, [])
                )
            for pname in params.names():
                self.scopes[-1].names.add(pname)
            begin = self.begin_body(line, col)
            end_line = self.line_of(self.tok)
            self.expect_kw("end")
        finally:
            self.scopes.pop()
        rescue = (
            begin
            if (begin.rescues or begin.orelse is not None or begin.ensure is not None)
            else None
        )
        return ast.Def(line, col, name, params, begin.body, rescue, end_line)

    def kw_return(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Return(line, col, self.jump_value())

    def kw_break(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Break(line, col, self.jump_value())

    def kw_next(self, token: Token, line: int, col: int) -> ast.Node:
        self.advance()
        return ast.Next(line, col, self.jump_value())

    def jump_value(self) -> ast.Node | None:
        if (
            self.tok.kind in _VALUE_ENDERS
            or self.at_op(";", "}", ")")
            or self.at_kw("if", "unless", "while", "until", "end", "rescue", "and", "or")
            or self.at("text")
        ):
            return None
        value = self.expr()
        if self.at_op(","):
            items = [value]
            while self.accept_op(","):
                items.append(self.arg_item())
            return ast.Array(value.line, value.col, items)
        return value


class _Pair(ast.Node):
    """A `key => value` argument before it joins its Hash."""

    def __init__(self, line: int, col: int, key: ast.Node, value: ast.Node) -> None:
        super().__init__(line, col)
        self.key = key
        self.value = value


_PRIMARY: dict[str, Callable[[Parser, Token, int, int], ast.Node]] = {
    "int": Parser.p_int,
    "float": Parser.p_float,
    "str": Parser.p_str,
    "char": Parser.p_char,
    "sym": Parser.p_sym,
    "dsym": Parser.p_dsym,
    "regex": Parser.p_regex,
    "words": Parser.p_words,
    "symbols": Parser.p_words,
    "ident": Parser.p_ident,
    "fid": Parser.p_ident,
    "const": Parser.p_const,
    "ivar": Parser.p_ivar,
    "gvar": Parser.p_gvar,
    "nth_ref": Parser.p_nth_ref,
    "back_ref": Parser.p_back_ref,
    "text": Parser.p_text,
    "ins_begin": Parser.p_insert,
    "label": Parser.p_label,
}


def parse(program: ErbProgram) -> ast.Body:
    """The AST of an ERB program; raises ParseError with a program offset."""
    return Parser(program).parse_program()
