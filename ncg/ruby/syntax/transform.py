"""The rule callbacks that build `ncg.ruby.syntax.ast` as the LALR parser reduces.

They run inline (Lark's `transformer=` with LALR), so a name is a local from
its first assignment on, as the lexer bridge needs to know at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lark import Token as LarkToken
from lark import Transformer

from ncg.ruby.syntax import ast
from ncg.ruby.syntax.bridge import Scope, assignable, current, lark_token
from ncg.ruby.syntax.errors import ParseError, describe, unsupported
from ncg.ruby.syntax.lexer import Interp, StrParts, Token
from ncg.ruby.syntax.state import Cond, DefHead, Open


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
    return current().line_col(_start(item))


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


def _assign_target(node: ast.Node, pos: int) -> ast.Node:
    if isinstance(node, ast.Splat):
        return ast.Splat(node.line, node.col, _assign_target(node.value, pos))
    if isinstance(node, ast.Mlhs):
        return ast.Mlhs(node.line, node.col, [_assign_target(t, pos) for t in node.targets])
    if isinstance(node, ast.Call) and node.vcall:
        current().declare(node.name)
        return ast.LVar(node.line, node.col, node.name)
    if isinstance(node, ast.LVar | ast.IVar | ast.GVar | ast.Const):
        return node
    if isinstance(node, ast.Call) and assignable(node):
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
        out.append(current().sub_parse(part.start, part.end) if isinstance(part, Interp) else part)
    return out


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
        elif kind == "kw":
            params.keywords.append(data)
        elif kind == "kwrest":
            params.kwrest = data
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
    scope = current().scopes.pop()
    if params is None:
        params = ast.Params(line, col, [])
    if scope.numbered and not params.names():
        params.required = [f"_{i}" for i in range(1, scope.numbered + 1)]
    return ast.Block(line, col, params, body, _line(end))


def _method_name(name_tok: LarkToken) -> str:
    value = name_tok.value
    return str(value.value).lstrip("u") if value.kind == "op" else str(value.value)


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
        targets, massign = c
        resolved = _TargetList(_assign_target(t, massign.start_pos) for t in targets)
        resolved._start = targets._start  # type: ignore[attr-defined]
        return resolved

    def mlhs_list(self, c: list[Any]) -> Any:
        """Targets as written (`a, *b`): resolved when the `=` comes."""
        if isinstance(c[0], LarkToken) and c[0].type == "STAR_MLHS":
            line, col = _pos(c[0])
            targets = _TargetList([ast.Splat(line, col, c[1]), *_items(c[2:])])
        else:
            targets = _TargetList(x for x in _items(c) if not isinstance(x, LarkToken))
        targets._start = _start(c[0])  # type: ignore[attr-defined]
        return targets

    @_rule
    def mlhs_group(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Mlhs(line, col, list(c[1]))

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
        left, eq = c  # assignable: the lexer checked (see bridge._check_previous)
        return _Target(_assign_target(left, eq.start_pos), "=")

    @_rule
    def lhs_op(self, c: list[Any]) -> Any:
        left, op = c
        if isinstance(left, ast.Call) and left.vcall:
            current().declare(left.name)
            left = ast.LVar(left.line, left.col, left.name)
        return _Target(left, str(_value(op))[:-1])

    @_rule
    def assign(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        if isinstance(c[0].node, ast.Mlhs):  # `(a, b) = …`
            return ast.MultiAssign(line, col, c[0].node.targets, c[1])
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
        line, col = current().line_col(minus)
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
        value = c[2]
        if hasattr(value, "_negative"):  # the parenthesis ends a negative literal's chain
            del value._negative  # type: ignore[attr-defined]
        return ast.Defined(line, col, value)

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
        program = current().program
        chunk = program.chunks[_value(c[0])]
        line, col = program.offset_line_col(chunk.offset)
        return ast.Text(line, col, chunk.text)

    @_rule
    def insert(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Insert(line, col, c[1])

    @_rule
    def ident(self, c: list[Any]) -> ast.Node:
        ctx = current()
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
        return ast.Const(line, col, f"::{_value(c[1])}")

    def _group(self, opener: LarkToken, body: ast.Body, closer: LarkToken) -> ast.Node:
        line, col = _pos(opener)
        if not body:
            return ast.Nil(line, col)
        if len(body) == 1:
            node = body[0]
            if isinstance(node, ast.Mlhs):  # `((a, b)), c = …`: a group of one group
                return ast.Mlhs(line, col, [node])
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
            after = current().recent[-1]  # the token after the item, which reduced it
            found = "end of template" if after.kind == "eof" else describe(after)
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

    def lambda_open(self, c: list[Any]) -> Open:
        """A lambda's parameters and `{`/`do`: its scope starts, with the parameters in it."""
        params = c[0] if len(c) > 1 else None
        opened = Open(params, c[-1])
        scope = Scope(hard=False)
        current().scopes.append(scope)
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

    block_param_list = param_list

    def param_name(self, c: list[Any]) -> tuple[str, Any, int]:
        return ("name", str(_value(c[0])), c[0].start_pos)

    def param_opt(self, c: list[Any]) -> tuple[str, Any, int]:
        return ("opt", (str(_value(c[0])), c[2]), c[0].start_pos)

    # a block's parameters are its locals as soon as they are read (a default
    # may use the ones before it: `|a, b = a|`)
    def block_param_name(self, c: list[Any]) -> tuple[str, Any, int]:
        current().scopes[-1].names.add(str(_value(c[0])))
        return self.param_name(c)

    def block_param_opt(self, c: list[Any]) -> tuple[str, Any, int]:
        current().scopes[-1].names.add(str(_value(c[0])))
        return self.param_opt(c)

    def block_param_splat(self, c: list[Any]) -> tuple[str, Any, int]:
        if len(c) > 1:
            current().scopes[-1].names.add(str(_value(c[1])))
        return self.param_splat(c)

    def param_kw(self, c: list[Any]) -> tuple[str, Any, int]:
        return ("kw", (str(_value(c[0])), c[1] if len(c) > 1 else None), c[0].start_pos)

    def param_kwrest(self, c: list[Any]) -> tuple[str, Any, int]:
        return ("kwrest", str(_value(c[1])) if len(c) > 1 else "**", c[0].start_pos)

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
        name = lark_token("IDENT", Token("ident", "call", paren.start_pos), paren.start_pos)
        return _finish_call(recv, name, _Tail(args, True, block), dot.type == "ANDDOT")

    @_rule
    def colon_call(self, c: list[Any]) -> ast.Node:
        tail = c[3] if len(c) > 3 else None
        return _finish_call(c[0], c[2], tail, False)

    @_rule
    def colon_const(self, c: list[Any]) -> ast.Node:
        recv, _, name = c
        if not isinstance(recv, ast.Const):
            raise unsupported("'::' on a non-constant", name.start_pos)
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

    def block_open(self, c: list[Any]) -> Open:
        current().scopes.append(Scope(hard=False))
        return Open()

    def block_params(self, c: list[Any]) -> ast.Params:
        params = _param_list_params(c[1], c[2])
        for name in params.names():
            current().scopes[-1].names.add(name)
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

    def cond(self, c: list[Any]) -> Cond:
        return Cond(c[0])

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

    def def_head(self, c: list[Any]) -> DefHead:
        current().scopes.append(Scope(hard=True))
        return DefHead(c[0], c[1])

    def def_params(self, c: list[Any]) -> ast.Params | None:
        if not c:
            return None
        return self._declare_params(_param_list_params(c[1], c[2]))

    def def_bare_params(self, c: list[Any]) -> ast.Params:
        entries = [e[:2] for e in c if isinstance(e, tuple)]
        line, col = _pos(c[0]) if not isinstance(c[0], tuple) else current().line_col(c[0][2])
        trailing = isinstance(c[-1], LarkToken)
        return self._declare_params(_params(entries, line, col, trailing))

    def _declare_params(self, params: ast.Params) -> ast.Params:
        for name in params.names():
            current().scopes[-1].names.add(name)
        return params

    def def_expr(self, c: list[Any]) -> ast.Node:
        head, params, rescued, end = c
        keyword, name_tok = head.keyword, head.name
        current().scopes.pop()
        line, col = _pos(keyword)
        name = _method_name(name_tok)
        if params is None:
            params = ast.Params(line, col, [])
        has_rescue = rescued.rescues or rescued.orelse is not None or rescued.ensure is not None
        begin = rescued.begin(line, col) if has_rescue else None
        node = ast.Def(line, col, name, params, rescued.body, begin, _line(end))
        node._start = keyword.start_pos  # type: ignore[attr-defined]
        return node

    def def_endless(self, c: list[Any]) -> ast.Node:
        """`def name(params) = expr`: the body is one expression."""
        head, params, _, body = c
        current().scopes.pop()
        line, col = _pos(head.keyword)
        name = _method_name(head.name)
        if params is None:
            params = ast.Params(line, col, [])
        node = ast.Def(line, col, name, params, [body], None, body.line)
        node._start = head.keyword.start_pos  # type: ignore[attr-defined]
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
    def method_name(self, c: list[Any]) -> ast.Node:
        line, col = _pos(c[0])
        return ast.Call(line, col, None, "__method__", [])

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


BUILD = _Build()
