"""The AST of a template's Ruby program (ERB text and `<%= %>` included).

Every node knows its template `line` and `col` (from 1). Operators are
method calls (`Call(recv, "+", [arg])`) as in Ruby, except those Ruby
itself does not dispatch: `&&`, `||`, `!`, `not`, `and`, `or`, `defined?`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Node:
    line: int
    col: int


Body = list[Node]


# -- ERB ------------------------------------------------------------------


@dataclass
class Text(Node):
    """Template text, output verbatim."""

    value: str


@dataclass
class Insert(Node):
    """`<%= body %>`: the `to_s` of the body's value is output."""

    body: Body


# -- literals -------------------------------------------------------------


@dataclass
class Nil(Node):
    pass


@dataclass
class Bool(Node):
    value: bool


@dataclass
class Self(Node):
    pass


@dataclass
class Int(Node):
    value: int


@dataclass
class Float(Node):
    value: float


@dataclass
class Str(Node):
    """A string; `parts` are literal text and interpolated bodies."""

    parts: list[str | Body]


@dataclass
class Sym(Node):
    """A symbol; interpolated (`:"a#{b}"`) when `parts` has bodies."""

    parts: list[str | Body]


@dataclass
class Regex(Node):
    parts: list[str | Body]
    flags: str


@dataclass
class Array(Node):
    items: list[Node]  # Splat nodes allowed


@dataclass
class Hash(Node):
    pairs: list[tuple[Node, Node]]
    braces: bool = True  # False: `foo(a: 1)` trailing hash argument


@dataclass
class Range(Node):
    first: Node | None
    last: Node | None
    exclusive: bool


@dataclass
class Splat(Node):
    value: Node


@dataclass
class BlockPass(Node):
    """`&blk` / `&:sym` as the last argument."""

    value: Node


# -- variables --------------------------------------------------------------


@dataclass
class LVar(Node):
    name: str


@dataclass
class IVar(Node):
    name: str


@dataclass
class GVar(Node):
    name: str


@dataclass
class NthRef(Node):
    number: int


@dataclass
class BackRef(Node):
    kind: str  # "~", "`", "'", "&", "+"


@dataclass
class Const(Node):
    """`Foo`, `Foo::Bar`, `::Foo`: the path as written, "::"-joined."""

    path: str


# -- calls ----------------------------------------------------------------


@dataclass
class Params(Node):
    required: list[str | Params]  # a nested Params is `(a, b)` destructuring
    optional: list[tuple[str, Node]] = field(default_factory=list)
    splat: str | None = None
    post: list[str | Params] = field(default_factory=list)
    block: str | None = None
    trailing_comma: bool = False
    keywords: list[tuple[str, Node | None]] = field(default_factory=list)  # None: required
    kwrest: str | None = None  # `**opts` ("**" when unnamed)

    def names(self) -> list[str]:
        found: list[str] = []
        for item in [*self.required, *self.post]:
            found.extend(item.names() if isinstance(item, Params) else [item])
        found.extend(name for name, _ in self.optional)
        if self.splat:
            found.append(self.splat)
        found.extend(name for name, _ in self.keywords)
        if self.kwrest and self.kwrest != "**":
            found.append(self.kwrest)
        if self.block:
            found.append(self.block)
        return found


@dataclass
class Block(Node):
    params: Params
    body: Body
    end_line: int
    is_lambda: bool = False


@dataclass
class Call(Node):
    """`recv.name(args) { block }`; `recv` None for a receiverless call."""

    recv: Node | None
    name: str
    args: list[Node] = field(default_factory=list)
    block: Block | None = None
    safe_nav: bool = False
    vcall: bool = False  # a bare name: a method call, or NameError


@dataclass
class Not(Node):
    value: Node


@dataclass
class And(Node):
    left: Node
    right: Node


@dataclass
class Or(Node):
    left: Node
    right: Node


@dataclass
class Defined(Node):
    value: Node


# -- assignment -------------------------------------------------------------


@dataclass
class Assign(Node):
    """`target = value`: target is LVar, IVar, GVar, or an index/attribute Call
    (with name "[]" or "attr") whose args are completed by the value."""

    target: Node
    value: Node


@dataclass
class OpAssign(Node):
    """`target op= value`; op is "||", "&&" or a method name."""

    target: Node
    op: str
    value: Node


@dataclass
class MultiAssign(Node):
    targets: list[Node]  # Splat(target) for `*rest`, Mlhs for `(b, c)`
    value: Node  # an Array node for `a, b = 1, 2`


@dataclass
class Mlhs(Node):
    """`(b, c)` among the targets of a multiple assignment or a `for`: destructured."""

    targets: list[Node]


# -- control flow -------------------------------------------------------------


@dataclass
class If(Node):
    """`if`/`unless`/`?:`/modifiers; `elsif` is an If in `orelse`."""

    cond: Node
    then: Body
    orelse: Body
    else_line: int = 0  # the `else`/`elsif` keyword's line (0: none)
    end_line: int = 0


@dataclass
class When(Node):
    patterns: list[Node]
    body: Body


@dataclass
class Case(Node):
    subject: Node | None
    whens: list[When]
    orelse: Body | None
    else_line: int = 0
    end_line: int = 0


@dataclass
class While(Node):
    cond: Node
    body: Body
    until: bool = False
    do_while: bool = False  # `begin … end while cond`
    end_line: int = 0


@dataclass
class For(Node):
    var: Node  # an LVar or a MultiAssign target list as Array
    iterable: Node
    body: Body
    end_line: int = 0


@dataclass
class RescueClause(Node):
    classes: list[Node]
    var: Node | None
    body: Body


@dataclass
class Begin(Node):
    body: Body
    rescues: list[RescueClause] = field(default_factory=list)
    orelse: Body | None = None
    ensure: Body | None = None
    end_line: int = 0


@dataclass
class Next(Node):
    value: Node | None


@dataclass
class Break(Node):
    value: Node | None


@dataclass
class Return(Node):
    value: Node | None


@dataclass
class Def(Node):
    name: str
    params: Params
    body: Body
    rescue: Begin | None = None
    end_line: int = 0
