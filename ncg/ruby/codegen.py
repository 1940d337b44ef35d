"""Ruby AST → Python source over the runtime `rb` (`import ncg.ruby.runtime as rb`).

`PyCompiler` compiles Ruby statements and expressions to Python lines:
statements into plain Python, expressions into Python expressions, blocks
into nested `def`s. Output nodes of the AST (template text and `<%= %>`
inserts, which a template program embeds) inside code that the template
layer cannot host as text are written with `context.write`.

The template layer (`ncg.template.layout`) places these lines on Mako lines.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

import ncg.ruby.runtime as rb
from ncg.errors import RubyError
from ncg.ruby.pylines import Lines, PyLine, indented
from ncg.ruby.runtime.object import FROZEN_CHECKED
from ncg.ruby.syntax import ast

# methods whose block's value is ignored and which yield once per element:
# a block of them that holds template text can be a Mako `% for` loop
ITERATORS = frozenset(
    "each each_pair each_with_index each_by_subkey each_key each_value each_char each_line "
    "each_slice each_cons each_index each_byte each_entry reverse_each times upto downto step "
    "each_with_object map collect select filter reject flat_map collect_concat".split()
)
# Ruby that runs shell commands or evaluates code is never run, whatever the
# receiver (`Kernel.system`, `x.instance_eval`) and however it is named
# (`send(:eval, …)`, `method(:system)`): refused when the template compiles
REFUSED = dict.fromkeys(("system", "exec", "spawn", "fork", "syscall", "popen"), "a shell command")
REFUSED |= dict.fromkeys(
    ("eval", "instance_eval", "instance_exec", "class_eval", "class_exec", "module_eval",
     "module_exec", "binding"),
    "code evaluation",
)
REFUSED_CONSTANTS = {"ObjectSpace": "the object space"}
# methods that call (or fetch) the method their first argument names
DISPATCHERS = frozenset("send __send__ public_send method public_method".split())
# Python nests parentheses at most 200 deep (and compiles deep expressions
# recursively): an expression nested deeper goes into a temporary first
MAX_EXPR_DEPTH = 40
# blocks are nested Python functions, and Python indents at most 100 levels
MAX_NESTED_FUNCTIONS = 75
# methods that change a String in place: on an assignable receiver they
# compile to `x, value = rb.send_bang(x, …)` (Python strings are immutable)
MUTATORS = frozenset("<< concat replace insert prepend clear []= setbyte force_encoding".split())
# those that return their receiver: `s << a << b` changes s twice
CHAINED_MUTATORS = frozenset("<< concat prepend insert replace".split())


class CompileFailure(Exception):
    """Ruby that ncg does not compile (or Ruby rejects); carries the template position."""

    def __init__(self, message: str, node: ast.Node, syntax: bool = False) -> None:
        super().__init__(message)
        self.line = node.line
        self.col = node.col
        self.syntax = syntax  # Ruby itself rejects it: a SyntaxError


def py_str(text: str) -> str:
    """A Python string literal (Mako skips string literals when it looks for `%>`)."""
    return repr(text)


# -- scopes ------------------------------------------------------------------


@dataclass
class Scope:
    """A Ruby local variable scope and the Python names of its variables.

    kind: "top" (the render body), "loop" (a block run as a Mako `% for`:
    still the render body in Python), "block" (a nested Python def) or
    "def" (a Ruby method: outer locals invisible).
    """

    kind: str
    parent: Scope | None
    names: dict[str, str] = field(default_factory=dict)
    own_python_names: set[str] = field(default_factory=set)  # to initialize to nil
    nonlocals: set[str] = field(default_factory=set)
    function_names: set[str] = field(default_factory=set)  # all Python names in this function

    def function(self) -> Scope:
        """The scope that owns the Python function this scope's code runs in."""
        scope = self
        while scope.kind == "loop" and scope.parent is not None:
            scope = scope.parent
        return scope


# -- the Python compiler ---------------------------------------------------------


@dataclass
class Jump:
    """What `next`/`break` mean here: a Python loop, a Mako loop, or a block def."""

    kind: str  # "loop", "mako_loop", "block", "lambda", "def"
    block_name: str = ""


class PyCompiler:
    """Ruby AST → Python statements and expressions over `rb`."""

    def __init__(self, def_names: set[str], filename: str) -> None:
        self.filename = filename  # ERB's: `__FILE__`
        self.counter = 0
        self.scope = Scope("top", None)
        self.jumps: list[Jump] = []
        self.pre: Lines = []  # statements that must run before the expression being built
        self.module_lines: list[str] = []  # `<%! %>` code: regexp literals
        self.def_names = def_names  # Ruby methods the template defines
        self.method_names: list[str] = []  # the `def`s being compiled, innermost last
        self.render_names: set[str] = set()  # Python names of render-body locals
        self.depth = 0  # how deep the expression being built is nested
        self.chain_roots: dict[int, ast.Node | None] = {}  # by id() of the template's nodes

    # -- names -----------------------------------------------------------------

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def lookup(self, name: str) -> tuple[str, Scope] | None:
        scope: Scope | None = self.scope
        while scope is not None:
            if name in scope.names:
                return scope.names[name], scope
            if scope.kind in ("def", "top"):
                return None
            scope = scope.parent
        return None

    def declare(self, name: str, scope: Scope | None = None) -> str:
        """A new local `name` in `scope` (default: the current one); its Python name."""
        scope = scope or self.scope
        function = scope.function()
        if function.kind == "top":
            python = f"l_{name}"
            n = 1
            while python in self.render_names:
                n += 1
                python = f"l_{name}_{n}"
            self.render_names.add(python)
        else:
            python = f"l_{name}"
            n = 1
            while python in function.function_names:
                n += 1
                python = f"l_{name}_{n}"
            function.function_names.add(python)
        scope.names[name] = python
        scope.own_python_names.add(python)
        return python

    def local_target(self, name: str) -> str:
        """The Python name to assign Ruby local `name` to (declaring it if new)."""
        found = self.lookup(name)
        if found is None:
            return self.declare(name)
        python, owner = found
        function = self.scope.function()
        if owner.function() is not function and function.kind == "block":
            function.nonlocals.add(python)
        return python

    def local_read(self, node: ast.LVar) -> str:
        found = self.lookup(node.name)
        if found is None:  # the parser saw an assignment we have not compiled yet
            return self.local_target(node.name)
        return found[0]

    # -- statements ------------------------------------------------------------

    def stmts(self, body: ast.Body) -> Lines:
        out: Lines = []
        for node in body:
            out.extend(self.stmt(node))
        return out

    def stmt(self, node: ast.Node) -> Lines:
        saved, self.depth = self.depth, 0  # a statement's expressions start unnested
        try:
            method = getattr(self, f"stmt_{type(node).__name__}", None)
            if method is not None:
                return method(node)
            return self.expr_stmt(node)
        finally:
            self.depth = saved

    def expr_stmt(self, node: ast.Node) -> Lines:
        code, pre = self.with_pre(lambda: self.expr(node))
        if _is_pure_name(code):
            return pre
        return [*pre, PyLine(node.line, 0, code)]

    def effects_since(self, mark: int) -> bool:
        """Whether the pre-statements added since `mark` may change what an
        operand compiled before them reads (defining a block's function does not)."""
        return any(
            py.indent == 0 and not py.text.startswith("def ")
            and not py.text.endswith(".ncg_lambda = True") and ".ncg_arity = " not in py.text
            for py in self.pre[mark:]
        )

    def spill(self, codes: list[str], mark: int) -> list[str]:
        """Ruby evaluates operands left to right: when a later operand needs
        statements (`[s.size, s << "x"]`), the earlier ones are evaluated first,
        into temporaries put before those statements."""
        if not self.effects_since(mark):
            return codes
        line = self.pre[mark].line
        added = self.pre[mark:]
        out = []
        for code in codes:
            if _is_literal(code) or _only_mutated(code, added):
                out.append(code)
                continue
            temp = self.fresh("_t")
            self.pre.insert(mark, PyLine(line, 0, f"{temp} = {code}"))
            mark += 1
            out.append(temp)
        return out

    def ordered(self, nodes: list[ast.Node]) -> list[str]:
        """Python expressions of `nodes`, evaluated in Ruby's order."""
        codes: list[str] = []
        for node in nodes:
            mark = len(self.pre)
            code = self.expr(node)
            codes = [*self.spill(codes, mark), code]
        return codes

    def with_pre(self, build: object) -> tuple[str, Lines]:
        """Run `build()` (which returns code) collecting the pre-statements it needs."""
        saved, self.pre = self.pre, []
        try:
            code = build()  # type: ignore[operator]
            return code, self.pre
        finally:
            self.pre = saved

    def stmt_Call(self, node: ast.Call) -> Lines:
        if (
            node.recv is None
            and node.name == "loop"
            and node.block is not None
            and not node.args
            and node.name not in self.def_names
            and not node.block.params.names()
        ):
            # a statement `loop do … end` is a Python loop (`break`/`next` stay local)
            forever = ast.While(
                node.line, node.col, ast.Bool(node.line, node.col, True), node.block.body
            )
            return self.stmt_While(forever)
        return self.expr_stmt(node)

    def stmt_Text(self, node: ast.Text) -> Lines:
        return [PyLine(node.line, 0, f"{self.writer()}({py_str(node.value)})")]

    def stmt_Insert(self, node: ast.Insert) -> Lines:
        target = self.fresh("_t")
        lines = self.body_assign(node.body, target, node)
        return [*lines, PyLine(node.line, 0, f"{self.writer()}(rb.to_s({target}))")]

    @staticmethod
    def writer() -> str:
        # NCG's ERB buffer is the context's `@erb_result`: methods a template
        # defines write to it too
        return "context.write"

    def stmt_If(self, node: ast.If) -> Lines:
        return self.if_lines(node, self.stmts, value=False)

    def if_lines(self, node: ast.If, body: Callable[[ast.Body], Lines], value: bool) -> Lines:
        """An if statement; an `elsif` (an If alone in `else`) is an `elif`, not one level deeper.

        `value`: the statement's value is wanted, so there is always an `else`.
        """
        cond, pre = self.with_pre(lambda: self.cond(node.cond))
        out = [*pre, PyLine(node.line, 0, f"if {cond}:")]
        out.extend(self.block_lines(body(node.then), node.line))
        while len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
            inner = node.orelse[0]
            cond, pre = self.with_pre(lambda n=inner: self.cond(n.cond))
            if pre:  # `elif` cannot run statements first
                break
            out.append(PyLine(inner.line, 0, f"elif {cond}:"))
            out.extend(self.block_lines(body(inner.then), inner.line))
            node = inner
        if node.orelse or value:
            out.append(PyLine(node.else_line or node.line, 0, "else:"))
            out.extend(self.block_lines(body(node.orelse), node.else_line or node.line))
        return out

    @staticmethod
    def block_lines(lines: Lines, line: int) -> Lines:
        return indented(lines, 1) if lines else [PyLine(line, 1, "pass")]

    def stmt_And(self, node: ast.And) -> Lines:
        return self.stmt(ast.If(node.line, node.col, node.left, [node.right], []))

    def stmt_Or(self, node: ast.Or) -> Lines:
        return self.stmt(
            ast.If(node.line, node.col, ast.Not(node.line, node.col, node.left), [node.right], [])
        )

    def stmt_While(self, node: ast.While) -> Lines:
        cond, pre = self.with_pre(lambda: self.cond(node.cond))
        if node.until:
            cond = f"not ({cond})"
        self.jumps.append(Jump("loop"))
        try:
            body = self.stmts(node.body)
        finally:
            self.jumps.pop()
        check = [*pre, PyLine(node.line, 0, f"if not ({cond}):"), PyLine(node.line, 1, "break")]
        if node.do_while:
            # the body runs once inside a one-pass `for`, so that Ruby's `next`
            # (`continue`) still reaches the condition and `break` leaves both
            once = [PyLine(node.line, 0, "for _ in (0,):"), *indented(body or [PyLine(
                node.line, 0, "pass")], 1), PyLine(node.line, 0, "else:"),
                *indented([*check, PyLine(node.line, 0, "continue")], 1),
                PyLine(node.line, 0, "break")]
            return [PyLine(node.line, 0, "while True:"), *indented(once, 1)]
        if pre:
            return [PyLine(node.line, 0, "while True:"), *indented([*check, *body], 1)]
        return [PyLine(node.line, 0, f"while {cond}:"), *self.block_lines(body, node.line)]

    def stmt_For(self, node: ast.For) -> Lines:
        iterable, pre = self.with_pre(lambda: self.expr(node.iterable))
        targets = node.var.items if isinstance(node.var, ast.Array) else [node.var]
        names, binds = self.target_names(targets, node.line)
        self.jumps.append(Jump("loop"))
        try:
            body = self.stmts(node.body)
        finally:
            self.jumps.pop()
        header = f"for {', '.join(names)}, in rb.block_iter({iterable}, 'each', (), {len(names)}):"
        return [*pre, PyLine(node.line, 0, header), *self.block_lines([*binds, *body], node.line)]

    def target_names(self, targets: list[ast.Node], line: int) -> tuple[list[str], Lines]:
        """Python names to unpack into, one per target, and the statements that
        store the ones that are not locals (`@a`, `h[k]`, a nested `(b, c)`)."""
        names: list[str] = []
        binds: Lines = []
        for target in targets:
            if isinstance(target, ast.Splat):
                target = target.value
            if isinstance(target, ast.LVar):
                names.append(self.local_target(target.name))
                continue
            temp = self.fresh("_t")
            names.append(temp)
            if isinstance(target, ast.Mlhs):
                binds.extend(self.destructure_lines(target.targets, temp, line))
            else:
                binds.extend(self.assign_lines(target, temp, line))
        return names, binds

    def destructure_lines(self, targets: list[ast.Node], value: str, line: int) -> Lines:
        """Ruby's multiple assignment of Python `value` to `targets` (`a, (b, *c), d`)."""
        splats = [i for i, t in enumerate(targets) if isinstance(t, ast.Splat)]
        if len(splats) > 1:
            raise CompileFailure("syntax error, multiple splats in one assignment", targets[1])
        flags = ""
        if splats:
            post = len(targets) - splats[0] - 1
            flags = ", splat=True" + (f", post={post}" if post else "")
        names, binds = self.target_names(targets, line)
        unpack = f"{', '.join(names)}, = rb.destructure({value}, {len(targets)}{flags})"
        return [PyLine(line, 0, unpack), *binds]

    def stmt_Case(self, node: ast.Case) -> Lines:
        return self.case_lines(node, None)

    def case_lines(self, node: ast.Case, target: str | None) -> Lines:
        out: Lines = []
        subject = None
        if node.subject is not None:
            code, pre = self.with_pre(lambda: self.expr(node.subject))
            subject = self.fresh("_t")
            out.extend([*pre, PyLine(node.line, 0, f"{subject} = {code}")])
        for i, when in enumerate(node.whens):
            test, pre = self.with_pre(lambda w=when: self.when_test(w, subject))
            body = self.body_assign(when.body, target, when) if target else self.stmts(when.body)
            if pre:  # `elif` cannot run statements first: nest the rest in `else`
                rest = ast.Case(
                    when.line,
                    when.col,
                    node.subject,
                    node.whens[i:],
                    node.orelse,
                    node.else_line,
                    node.end_line,
                )
                rest_lines = self.case_rest(rest, subject, target)
                if i == 0:
                    return [*out, *rest_lines]
                out.append(PyLine(when.line, 0, "else:"))
                out.extend(indented(rest_lines, 1))
                return out
            out.append(PyLine(when.line, 0, f"{'if' if i == 0 else 'elif'} {test}:"))
            out.extend(self.block_lines(body, when.line))
        if node.orelse is not None or target:
            else_body = (
                self.body_assign(node.orelse or [], target, node)
                if target
                else self.stmts(node.orelse or [])
            )
            out.append(PyLine(node.else_line or node.end_line or node.line, 0, "else:"))
            out.extend(self.block_lines(else_body, node.else_line or node.line))
        return out

    def case_rest(self, node: ast.Case, subject: str | None, target: str | None) -> Lines:
        """`when` clauses whose test needs statements: an if/else chain, one level each."""
        when = node.whens[0]
        test, pre = self.with_pre(lambda: self.when_test(when, subject))
        body = self.body_assign(when.body, target, when) if target else self.stmts(when.body)
        out = [*pre, PyLine(when.line, 0, f"if {test}:"), *self.block_lines(body, when.line)]
        if len(node.whens) > 1:
            rest = ast.Case(
                node.line,
                node.col,
                None,
                node.whens[1:],
                node.orelse,
                node.else_line,
                node.end_line,
            )
            out.append(PyLine(when.line, 0, "else:"))
            out.extend(indented(self.case_rest(rest, subject, target), 1))
        elif node.orelse is not None or target:
            else_body = (
                self.body_assign(node.orelse or [], target, node)
                if target
                else self.stmts(node.orelse or [])
            )
            out.append(PyLine(node.else_line or node.line, 0, "else:"))
            out.extend(self.block_lines(else_body, node.else_line or node.line))
        return out

    def when_test(self, when: ast.When, subject: str | None) -> str:
        tests = []
        for pattern in when.patterns:
            if isinstance(pattern, ast.Splat):
                values = self.expr(pattern.value)
                check = f"rb.case_eq(_p, {subject})" if subject else "rb.truthy(_p)"
                tests.append(f"any([{check} for _p in rb.splat({values})])")
            elif subject is None:
                tests.append(self.cond(pattern))
            else:
                tests.append(f"rb.case_eq({self.expr(pattern)}, {subject})")
        return " or ".join(tests)

    def stmt_Begin(self, node: ast.Begin) -> Lines:
        return self.begin_lines(node, None)

    def begin_lines(self, node: ast.Begin, target: str | None) -> Lines:
        body = self.body_assign(node.body, target, node) if target else self.stmts(node.body)
        if not node.rescues and node.orelse is None and node.ensure is None:
            return body
        out = [PyLine(node.line, 0, "try:"), *self.block_lines(body, node.line)]
        if node.rescues:
            error = self.fresh("_e")
            out.append(PyLine(node.rescues[0].line, 0, f"except Exception as {error}:"))
            out.extend(indented(self.rescue_chain(node.rescues, error, target), 1))
        if node.orelse is not None:
            else_body = (
                self.body_assign(node.orelse, target, node) if target else self.stmts(node.orelse)
            )
            out.append(PyLine(node.line, 0, "else:"))
            out.extend(self.block_lines(else_body, node.line))
        if node.ensure is not None:
            out.append(PyLine(node.line, 0, "finally:"))
            out.extend(self.block_lines(self.stmts(node.ensure), node.line))
        return out

    def rescue_chain(
        self, rescues: list[ast.RescueClause], error: str, target: str | None
    ) -> Lines:
        out: Lines = []
        for i, clause in enumerate(rescues):
            classes, pre = self.with_pre(lambda c=clause: self.rescue_classes(c))
            if pre:
                raise CompileFailure("unsupported Ruby: a computed rescue class", clause)
            out.append(
                PyLine(
                    clause.line,
                    0,
                    f"{'if' if i == 0 else 'elif'} rb.rescue_match({error}, {classes}):",
                )
            )
            body: Lines = []
            if clause.var is not None:
                body.extend(
                    self.assign_lines(clause.var, f"rb.to_ruby_error({error})", clause.line)
                )
            body.extend(
                self.body_assign(clause.body, target, clause) if target else self.stmts(clause.body)
            )
            out.extend(self.block_lines(body, clause.line))
        out.append(PyLine(rescues[-1].line, 0, "else:"))
        out.append(PyLine(rescues[-1].line, 1, "raise"))
        return out

    def rescue_classes(self, clause: ast.RescueClause) -> str:
        items = []
        for cls in clause.classes:
            if isinstance(cls, ast.Splat):
                items.append(f"*rb.splat({self.expr(cls.value)})")
            else:
                items.append(self.expr(cls))
        return f"[{', '.join(items)}]"

    def stmt_Next(self, node: ast.Next) -> Lines:
        jump = self.innermost_jump(node, "next")
        if jump.kind in ("loop", "mako_loop"):
            return self.jump_value_stmt(node.value, node) + [PyLine(node.line, 0, "continue")]
        value, pre = self.with_pre(lambda: self.expr(node.value) if node.value else "None")
        return [*pre, PyLine(node.line, 0, f"return {value}")]

    def stmt_Break(self, node: ast.Break) -> Lines:
        jump = self.innermost_jump(node, "break")
        if jump.kind in ("loop", "mako_loop"):
            return self.jump_value_stmt(node.value, node) + [PyLine(node.line, 0, "break")]
        if jump.kind == "lambda":
            value, pre = self.with_pre(lambda: self.expr(node.value) if node.value else "None")
            return [*pre, PyLine(node.line, 0, f"return {value}")]
        value, pre = self.with_pre(lambda: self.expr(node.value) if node.value else "None")
        return [*pre, PyLine(node.line, 0, f"raise rb.BlockBreak({jump.block_name}, {value})")]

    def jump_value_stmt(self, value: ast.Node | None, node: ast.Node) -> Lines:
        return self.expr_stmt(value) if value is not None else []

    def innermost_jump(self, node: ast.Node, word: str) -> Jump:
        if not self.jumps or self.jumps[-1].kind == "def":
            raise CompileFailure(f"Invalid {word}", node, syntax=True)
        return self.jumps[-1]

    def stmt_Return(self, node: ast.Return) -> Lines:
        if not self.jumps or self.jumps[-1].kind not in ("def", "lambda"):
            if not any(j.kind in ("def", "lambda") for j in self.jumps):
                raise CompileFailure("unsupported Ruby: return outside a method", node)
            raise CompileFailure("unsupported Ruby: return from inside a block", node)
        value, pre = self.with_pre(lambda: self.expr(node.value) if node.value else "None")
        return [*pre, PyLine(node.line, 0, f"return {value}")]

    def stmt_Assign(self, node: ast.Assign) -> Lines:
        value, pre = self.with_pre(lambda: self.expr(node.value))
        return [*pre, *self.assign_lines(node.target, value, node.line)]

    def assign_lines(self, target: ast.Node, value: str, line: int) -> Lines:
        """Statements storing Python expression `value` into a Ruby target."""
        if isinstance(target, ast.LVar):
            return [PyLine(line, 0, f"{self.local_target(target.name)} = {value}")]
        if isinstance(target, ast.IVar):
            return [PyLine(line, 0, f"ncg_frame.ivars[{py_str(target.name)}] = {value}")]
        if isinstance(target, ast.GVar):
            return [PyLine(line, 0, f"rb.gvar_set({py_str(target.name)}, {value})")]
        if isinstance(target, ast.Const):
            name = py_str(self.assigned_const(target))
            return [PyLine(line, 0, f"rb.const_set({name}, {value})")]
        if isinstance(target, ast.Mlhs):
            return self.destructure_lines(target.targets, value, line)
        if (
            isinstance(target, ast.Call)
            and target.name == "[]"
            and isinstance(target.recv, ast.LVar)
        ):
            # `s[0] = "X"` changes a String: store the new one (strings are immutable)
            args, pre = self.with_pre(lambda: self.args(target.args)[0])
            name = self.local_target(target.recv.name)
            call = f"rb.send_bang({name}, '[]=', {args}{', ' if args else ''}{value})"
            return [*pre, PyLine(line, 0, f"{name} = {call}[0]")]
        if isinstance(target, ast.Call) and target.recv is not None:
            code, pre = self.with_pre(lambda: self.attr_assign(target, value))
            return [*pre, PyLine(line, 0, code)]
        raise CompileFailure("unsupported Ruby: assignment to this target", target)

    def assigned_const(self, target: ast.Const) -> str:
        """The name `NAME = …` assigns: a template's own constant, outside methods (as Ruby)."""
        if any(j.kind == "def" for j in self.jumps):
            raise CompileFailure("dynamic constant assignment", target, syntax=True)
        if "::" in target.path:
            raise CompileFailure("unsupported Ruby: assignment to a scoped constant", target)
        return target.path

    def attr_assign(self, target: ast.Call, value: str) -> str:
        recv = self.expr(target.recv)  # type: ignore[arg-type]
        if target.name == "[]":
            args = self.args(target.args)[0]
            return f"rb.send_mut({recv}, '[]=', {args}{', ' if args else ''}{value})"
        return f"rb.send({recv}, {py_str(target.name + '=')}, {value})"

    def stmt_OpAssign(self, node: ast.OpAssign) -> Lines:
        target = node.target
        if isinstance(target, ast.Call) and target.recv is not None:
            return self.op_assign_call(node, target)
        current = (
            self.expr(target)
            if not isinstance(target, ast.LVar)
            else self.local_target(target.name)
        )
        if node.op == "||" and isinstance(target, ast.Const):  # `A ||= v`: A may be undefined
            current = f"({current} if rb.defined_const({py_str(target.path)}) else None)"
        if node.op in ("||", "&&"):
            value, pre = self.with_pre(lambda: self.expr(node.value))
            test = f"rb.truthy({current})" if node.op == "||" else f"not rb.truthy({current})"
            body = [*pre, *self.assign_lines(target, value, node.line)]
            return [PyLine(node.line, 0, f"if not {test}:"), *indented(body, 1)]
        value, pre = self.with_pre(lambda: self.expr(node.value))
        new = f"rb.send({current}, {py_str(node.op)}, {value})"
        return [*pre, *self.assign_lines(target, new, node.line)]

    def op_assign_call(self, node: ast.OpAssign, target: ast.Call) -> Lines:
        """`h[k] += 1`, `o.a ||= v`: receiver and index evaluated once."""
        out: Lines = []
        recv_code, pre = self.with_pre(lambda: self.expr(target.recv))  # type: ignore[arg-type]
        out.extend(pre)
        recv = self.fresh("_t")
        out.append(PyLine(node.line, 0, f"{recv} = {recv_code}"))
        arg_names = []
        for arg in target.args:
            code, pre = self.with_pre(lambda a=arg: self.expr(a))
            name = self.fresh("_t")
            out.extend([*pre, PyLine(node.line, 0, f"{name} = {code}")])
            arg_names.append(name)
        index = "".join(f", {a}" for a in arg_names)
        if target.name == "[]":
            read = f"rb.send({recv}, '[]'{index})"
            write = f"rb.send_mut({recv}, '[]='{index}, {{}})"
        else:
            read = f"rb.send({recv}, {py_str(target.name)})"
            write = f"rb.send({recv}, {py_str(target.name + '=')}, {{}})"
        value, pre = self.with_pre(lambda: self.expr(node.value))
        if node.op in ("||", "&&"):
            test = f"rb.truthy({read})" if node.op == "||" else f"not rb.truthy({read})"
            out.append(PyLine(node.line, 0, f"if not {test}:"))
            out.extend(indented([*pre, PyLine(node.line, 0, write.format(value))], 1))
            return out
        out.extend(pre)
        out.append(
            PyLine(node.line, 0, write.format(f"rb.send({read}, {py_str(node.op)}, {value})"))
        )
        return out

    def stmt_MultiAssign(self, node: ast.MultiAssign) -> Lines:
        return self.multi_assign_lines(node, None)

    def multi_assign_lines(self, node: ast.MultiAssign, target: str | None) -> Lines:
        """`a, (b, c) = x`: an Array spreads over the targets, else `a = x`; the value is x."""
        value, pre = self.with_pre(lambda: self.expr(node.value))
        rhs = target or self.fresh("_t")
        out = [*pre, PyLine(node.line, 0, f"{rhs} = {value}")]
        return [*out, *self.destructure_lines(node.targets, rhs, node.line)]

    def stmt_Def(self, node: ast.Def) -> Lines:
        name = method_python_name(node.name)
        saved_scope = self.scope
        self.scope = Scope("def", None)
        self.jumps.append(Jump("def"))
        self.method_names.append(node.name)
        try:
            header, binds, param_names = self.def_params(node.params, node)
            if node.rescue is not None:
                node.rescue.body = node.body
                body = self.begin_lines(node.rescue, "_r")
                body.append(PyLine(node.end_line or node.line, 0, "return _r"))
            else:
                body = self.body_return(node.body, node)
            inits = sorted(self.scope.own_python_names - set(param_names))
        finally:
            self.jumps.pop()
            self.method_names.pop()
            self.scope = saved_scope
        init_lines = [PyLine(node.line, 0, f"{n} = None") for n in inits]
        return [
            PyLine(node.line, 0, f"def {name}({header}):"),
            *indented([*binds, *init_lines, *body], 1),
        ]

    def def_params(self, params: ast.Params, node: ast.Node) -> tuple[str, Lines, list[str]]:
        """A Ruby method's parameters as a Python signature, and defaults to bind."""
        if params.post or any(isinstance(p, ast.Params) for p in params.required):
            raise CompileFailure("unsupported Ruby: this parameter list", node)
        if params.keywords or params.kwrest:
            return self.keyword_def_params(params, node)
        names: list[str] = []
        parts: list[str] = []
        for required in params.required:
            python = self.declare(str(required))
            names.append(python)
            parts.append(python)
        binds: Lines = []
        if params.optional:
            parts.append("*_opt")
            for i, (name, default) in enumerate(params.optional):
                python = self.declare(name)
                names.append(python)
                value, pre = self.with_pre(lambda d=default: self.expr(d))
                binds.extend(pre)
                binds.append(
                    PyLine(node.line, 0, f"{python} = _opt[{i}] if len(_opt) > {i} else {value}")
                )
            if params.splat:
                rest = self.declare(params.splat)
                names.append(rest)
                binds.append(PyLine(node.line, 0, f"{rest} = list(_opt[{len(params.optional)}:])"))
        elif params.splat:
            rest = self.declare(params.splat)
            names.append(rest)
            parts.append(f"*{rest}")
            binds.append(PyLine(node.line, 0, f"{rest} = list({rest})"))
        if not params.optional and not params.splat:
            parts.append("*")  # a block is given by keyword only, and Ruby ignores an unused one
        parts.append("block=None")
        if params.block:
            python = self.declare(params.block)
            names.append(python)
            binds.append(PyLine(node.line, 0, f"{python} = block"))
        return ", ".join(parts), binds, names

    def keyword_def_params(self, params: ast.Params, node: ast.Node
                           ) -> tuple[str, Lines, list[str]]:
        """`def f(a, b = 1, *r, k:, j: 2, **opts)`: all arguments come in `_args`,
        bound here (rb.keyword_args checks them as Ruby does)."""
        names: list[str] = []
        required = tuple(name for name, default in params.keywords if default is None)
        known = None if params.kwrest else tuple(name for name, _ in params.keywords)
        nreq, nopt = len(params.required), len(params.optional)
        binds: Lines = [PyLine(node.line, 0, (
            f"_args, _kw = rb.keyword_args(_args, {nreq}, {nopt}, {bool(params.splat)}, "
            f"{required!r}, {known!r})"))]
        positional, bound = self.bind_positional(params, node, "_args", "len(_args)")
        names.extend(positional)
        binds.extend(bound)
        if params.splat:
            python = self.declare(params.splat)
            names.append(python)
            binds.append(PyLine(node.line, 0, f"{python} = list(_args[{nreq + nopt}:])"))
        for name, default in params.keywords:
            python = self.declare(name)
            names.append(python)
            key = f"rb.sym({name!r})"
            if default is None:
                binds.append(PyLine(node.line, 0, f"{python} = _kw[{key}]"))
                continue
            binds.extend(self.bind_default(python, f"{key} in _kw", f"_kw[{key}]", default,
                                           node.line))
        if params.kwrest and params.kwrest != "**":
            python = self.declare(params.kwrest)
            names.append(python)
            taken = "".join(f"rb.sym({n!r}), " for n, _ in params.keywords)
            binds.append(PyLine(node.line, 0, (
                f"{python} = {{k: v for k, v in _kw.items() if k not in ({taken})}}")))
        if params.block:
            python = self.declare(params.block)
            names.append(python)
            binds.append(PyLine(node.line, 0, f"{python} = block"))
        return "*_args, block=None", binds, names

    def body_return(self, body: ast.Body, node: ast.Node) -> Lines:
        target = self.fresh("_r")
        lines = self.body_assign(body, target, node)
        if lines and lines[-1].indent == 0 and lines[-1].text.startswith(f"{target} = "):
            last = lines.pop()
            return [*lines, PyLine(last.line, 0, "return " + last.text[len(target) + 3 :])]
        return [*lines, PyLine(node.line, 0, f"return {target}")]

    # -- values of statements -----------------------------------------------------

    def body_assign(self, body: ast.Body, target: str | None, node: ast.Node) -> Lines:
        """Run `body`, storing the value of its last statement in `target`."""
        if target is None:
            return self.stmts(body)
        if not body:
            return [PyLine(node.line, 0, f"{target} = None")]
        out = self.stmts(body[:-1])
        out.extend(self.value_assign(body[-1], target))
        return out

    def value_assign(self, node: ast.Node, target: str) -> Lines:
        saved, self.depth = self.depth, 0  # a statement's expressions start unnested
        try:
            return self.value_assign_lines(node, target)
        finally:
            self.depth = saved

    def value_assign_lines(self, node: ast.Node, target: str) -> Lines:
        if isinstance(node, ast.If):
            return self.if_lines(
                node, lambda body: self.body_assign(body, target, node), value=True
            )
        if isinstance(node, ast.Case):
            return self.case_lines(node, target)
        if isinstance(node, ast.Begin):
            return self.begin_lines(node, target)
        if isinstance(
            node,
            ast.Text
            | ast.Insert
            | ast.While
            | ast.For
            | ast.Def
            | ast.MultiAssign
            | ast.Next
            | ast.Break
            | ast.Return,
        ):
            value = "None"
            if isinstance(node, ast.Def):
                value = f"rb.sym({py_str(node.name)})"
            if isinstance(node, ast.MultiAssign):
                return self.multi_assign_lines(node, target)
            return [*self.stmt(node), PyLine(node.line, 0, f"{target} = {value}")]
        if isinstance(node, ast.Assign):
            value, pre = self.with_pre(lambda: self.expr(node.value))
            temp = value if _is_pure_name(value) else self.fresh("_t")
            lines = [] if temp == value else [PyLine(node.line, 0, f"{temp} = {value}")]
            return [
                *pre,
                *lines,
                *self.assign_lines(node.target, temp, node.line),
                PyLine(node.line, 0, f"{target} = {temp}"),
            ]
        if isinstance(node, ast.OpAssign):
            lines = self.stmt(node)
            return [*lines, PyLine(node.line, 0, f"{target} = {self.expr(node.target)}")]
        code, pre = self.with_pre(lambda: self.expr(node))
        return [*pre, PyLine(node.line, 0, f"{target} = {code}")]

    # -- expressions ----------------------------------------------------------------

    def expr(self, node: ast.Node) -> str:
        if self.depth >= MAX_EXPR_DEPTH:
            return self.via_statements(node)
        self.depth += 1
        try:
            method = getattr(self, f"expr_{type(node).__name__}", None)
            if method is None:
                return self.via_statements(node)
            return method(node)
        finally:
            self.depth -= 1

    def via_statements(self, node: ast.Node) -> str:
        """An expression Python has no expression for: statements into a temporary."""
        target = self.fresh("_t")
        self.pre.extend(self.value_assign(node, target))
        return target

    def cond(self, node: ast.Node) -> str:
        """`node` as a Python condition (Ruby truthiness)."""
        if self.depth >= MAX_EXPR_DEPTH:
            return f"rb.truthy({self.via_statements(node)})"
        self.depth += 1
        try:
            return self.cond_code(node)
        finally:
            self.depth -= 1

    def cond_code(self, node: ast.Node) -> str:
        if isinstance(node, ast.Not):
            return f"not ({self.cond(node.value)})"
        if isinstance(node, ast.And):
            return f"({self.cond(node.left)} and {self.cond(node.right)})"
        if isinstance(node, ast.Or):
            return f"({self.cond(node.left)} or {self.cond(node.right)})"
        if isinstance(node, ast.Bool):
            return str(node.value)
        code = self.expr(node)
        if code.startswith(("rb.eq(", "rb.case_eq(", "(not ")):
            return code
        return f"rb.truthy({code})"

    def expr_Nil(self, node: ast.Nil) -> str:
        return "None"

    def expr_Bool(self, node: ast.Bool) -> str:
        return str(node.value)

    def expr_Self(self, node: ast.Self) -> str:
        return "rb.template_self()"

    def expr_Int(self, node: ast.Int) -> str:
        if isinstance(node.value, Fraction):  # `3r`, `1.5r`
            code = f"rb.rational_literal({node.value.numerator}, {node.value.denominator})"
            return self.module_constant("_rat", code)
        return f"({node.value})" if node.value < 0 else str(node.value)

    def expr_Float(self, node: ast.Float) -> str:
        text = repr(node.value)
        if text in ("inf", "-inf", "nan"):
            return f"float({text!r})"
        return f"({text})" if node.value < 0 or text.startswith("-") else text

    def expr_Str(self, node: ast.Str) -> str:
        return self.interpolated(node.parts)

    def interpolated(self, parts: list[str | ast.Body]) -> str:
        if all(isinstance(p, str) for p in parts):
            return py_str("".join(p for p in parts if isinstance(p, str)))
        pieces: list[str] = []
        for part in parts:
            if isinstance(part, str):
                if part:
                    pieces.append(py_str(part))
            else:
                mark = len(self.pre)
                code = self.body_expr(part, None)
                pieces = [*self.spill(pieces, mark), code]
        return f"rb.dstr({', '.join(pieces)})"

    def body_expr(self, body: ast.Body, node: ast.Node | None) -> str:
        """The value of a statement list as one expression (statements go to `pre`)."""
        if not body:
            return "None"
        if len(body) == 1:
            return self.expr(body[0])
        target = self.fresh("_t")
        self.pre.extend(self.body_assign(body, target, body[0]))
        return target

    def expr_Sym(self, node: ast.Sym) -> str:
        return f"rb.sym({self.interpolated(node.parts)})"

    def expr_Regex(self, node: ast.Regex) -> str:
        source = self.interpolated(node.parts)
        if source.startswith("rb.dstr("):
            return f"rb.regexp({source}, {py_str(node.flags)})"
        literal = "".join(p for p in node.parts if isinstance(p, str))
        try:  # Ruby rejects a bad regexp literal when it parses the template
            rb.regexp(literal, node.flags)
        except RubyError as exc:
            raise CompileFailure(f"invalid regexp /{literal}/: {exc}", node, syntax=True) from None
        return self.module_constant("_re", f"rb.regexp({source}, {py_str(node.flags)})")

    def expr_Array(self, node: ast.Array) -> str:
        return f"[{', '.join(self.list_items(node.items))}]"

    def list_items(self, items: list[ast.Node]) -> list[str]:
        out: list[str] = []
        splats = []
        for item in items:
            mark = len(self.pre)
            if isinstance(item, ast.Splat):
                code = f"rb.splat({self.expr(item.value)})"
            elif isinstance(item, ast.BlockPass):
                raise CompileFailure("syntax error, block argument should not be given", item)
            else:
                code = self.expr(item)
            out = [*self.spill(out, mark), code]
            splats.append(isinstance(item, ast.Splat))
        return [f"*{code}" if splat else code for code, splat in zip(out, splats, strict=True)]

    def expr_Hash(self, node: ast.Hash) -> str:
        codes = self.ordered([part for pair in node.pairs for part in pair])
        keys, values = codes[0::2], codes[1::2]
        if all(isinstance(k, ast.Str | ast.Sym | ast.Int) for k, _ in node.pairs):
            pairs = ", ".join(f"{k}: {v}" for k, v in zip(keys, values, strict=True))
            return f"{{{pairs}}}"
        # keys Python would merge or cannot hash (1 and 1.0, true, Arrays)
        pairs = ", ".join(f"({k}, {v})" for k, v in zip(keys, values, strict=True))
        return f"rb.hash_of([{pairs}])"

    def expr_Range(self, node: ast.Range) -> str:
        first = self.expr(node.first) if node.first else "None"
        last = self.expr(node.last) if node.last else "None"
        code = f"rb.Range({first}, {last}, {node.exclusive})"
        if all(isinstance(end, ast.Int | ast.Nil | None) for end in (node.first, node.last)):
            return self.module_constant("_rng", code)  # `key[0..0]`: one Range object
        return code

    def module_constant(self, prefix: str, code: str) -> str:
        """A value built once, when the template's module loads (`<%! %>`)."""
        name = self.fresh(prefix)
        self.module_lines.append(f"{name} = {code}")
        return name

    def expr_Splat(self, node: ast.Splat) -> str:
        return f"rb.splat({self.expr(node.value)})"

    def expr_LVar(self, node: ast.LVar) -> str:
        return self.local_read(node)

    def expr_IVar(self, node: ast.IVar) -> str:
        if node.name == "@erb_result":
            raise CompileFailure("unsupported Ruby: ERB's output buffer @erb_result", node)
        return f"ncg_frame.ivars.get({py_str(node.name)})"

    def expr_GVar(self, node: ast.GVar) -> str:
        return f"rb.gvar({py_str(node.name)})"

    def expr_Mlhs(self, node: ast.Mlhs) -> str:
        raise CompileFailure("syntax error, unexpected ')'", node, syntax=True)

    def expr_NthRef(self, node: ast.NthRef) -> str:
        return f"rb.nth_ref({node.number})"

    def expr_BackRef(self, node: ast.BackRef) -> str:
        return {
            "~": "rb.last_match()",
            "`": "rb.pre_match()",
            "'": "rb.post_match()",
            "&": "rb.nth_ref(0)",
        }.get(node.kind) or self.unsupported_backref(node)

    def unsupported_backref(self, node: ast.BackRef) -> str:
        raise CompileFailure(f"unsupported Ruby: ${node.kind}", node)

    def expr_Const(self, node: ast.Const) -> str:
        root = node.path.removeprefix("::").split("::")[0]
        if root in REFUSED_CONSTANTS:
            raise CompileFailure(f"unsupported Ruby: {root} ({REFUSED_CONSTANTS[root]})", node)
        return f"rb.const({py_str(node.path)})"

    def expr_Not(self, node: ast.Not) -> str:
        return f"(not {self.cond(node.value)})"

    def expr_And(self, node: ast.And) -> str:
        return self.short_circuit(node, "")

    def expr_Or(self, node: ast.Or) -> str:
        return self.short_circuit(node, "not ")

    def short_circuit(self, node: ast.And | ast.Or, negate: str) -> str:
        """`left && right` (or `||`): the right side only when the left says so."""
        left = self.expr(node.left)
        right, pre = self.with_pre(lambda: self.expr(node.right))
        temp = self.fresh("_t")
        if pre:  # the right side needs statements: they run only when it is evaluated
            self.pre.append(PyLine(node.line, 0, f"{temp} = {left}"))
            self.pre.append(PyLine(node.line, 0, f"if {negate}rb.truthy({temp}):"))
            self.pre.extend(indented([*pre, PyLine(node.line, 0, f"{temp} = {right}")], 1))
            return temp
        if negate:
            return f"({temp} if rb.truthy({temp} := {left}) else {right})"
        return f"({right} if rb.truthy({temp} := {left}) else {temp})"

    def expr_Defined(self, node: ast.Defined) -> str:
        simple = self.defined_simple(node.value)
        if simple is not None:
            return simple
        target = self.fresh("_t")
        self.pre.extend(self.defined_lines(node.value, target))
        return target

    # `defined?`, by Ruby's rules: what the syntax says (a local, an assignment,
    # an expression), else what exists now (a method, a constant, a global);
    # a method call is defined if its receiver and arguments are and the
    # evaluated receiver responds to it

    def defined_simple(self, node: ast.Node) -> str | None:
        """The answer to `defined?(node)` as one Python expression, if it is that simple."""
        if isinstance(node, ast.LVar):
            return "'local-variable'"
        if isinstance(node, ast.IVar):
            return f"('instance-variable' if {py_str(node.name)} in ncg_frame.ivars else None)"
        if isinstance(node, ast.GVar):
            return f"rb.gvar_defined({py_str(node.name)})"
        if isinstance(node, ast.NthRef):
            return f"('global-variable' if rb.nth_ref({node.number}) is not None else None)"
        if isinstance(node, ast.BackRef):
            if node.kind == "~":
                return "'global-variable'"
            return "('global-variable' if rb.last_match() is not None else None)"
        if isinstance(node, ast.Const):
            return f"rb.defined_const({py_str(node.path)})"
        if isinstance(node, ast.Nil | ast.Self):
            return "'nil'" if isinstance(node, ast.Nil) else "'self'"
        if isinstance(node, ast.Bool):
            return f"{py_str(str(node.value).lower())}"
        if isinstance(node, ast.Assign):
            return None if isinstance(node.target, ast.Call) else "'assignment'"
        if isinstance(node, ast.OpAssign | ast.MultiAssign):
            return "'assignment'"
        if isinstance(node, ast.Call):
            if node.block is not None or node.name == "__FILE__":
                return "'expression'"  # a call with a block, like a lambda, is an expression
            if node.recv is None and not node.args:
                if node.name in self.def_names or node.name == "__method__":
                    return "'method'"
                return f"('method' if rb.has_function({py_str(node.name)}) else None)"
            return None
        if isinstance(node, ast.Not | ast.Array):
            return None
        return "'expression'"

    def defined_lines(self, node: ast.Node, target: str) -> Lines:
        """Statements that set `target` to the answer of `defined?(node)`."""
        simple = self.defined_simple(node)
        if simple is not None:
            return [PyLine(node.line, 0, f"{target} = {simple}")]
        if isinstance(node, ast.Array):
            expression = [PyLine(node.line, 0, f"{target} = 'expression'")]
            return self.defined_all(node.items, target, expression)
        if isinstance(node, ast.Not):  # `!x` and `not x` call `!`
            node = ast.Call(node.line, node.col, node.value, "!", [])
        if isinstance(node, ast.Assign):  # `o.a = 1`, `h[k] = 1` call `a=`, `[]=`
            call = node.target
            assert isinstance(call, ast.Call)
            name = call.name if call.name == "[]" else call.name + "="
            node = ast.Call(node.line, node.col, call.recv, name, [*call.args, node.value])
        assert isinstance(node, ast.Call)
        if node.recv is None:
            found = "'method'" if node.name in self.def_names else (
                f"('method' if rb.has_function({py_str(node.name)}) else None)"
            )
            method = [PyLine(node.line, 0, f"{target} = {found}")]
            return self.defined_all(node.args, target, method)
        sent = self.defined_send(node, target)
        return self.defined_all([node.recv, *node.args], target, sent)

    def defined_all(self, nodes: list[ast.Node], target: str, then: Lines) -> Lines:
        """`then` runs if every one of `nodes` is defined; else `target` is nil."""
        if not nodes:
            return then
        node = nodes[0]
        if isinstance(node, ast.Splat | ast.BlockPass):
            node = node.value
        if isinstance(node, ast.Hash) and not node.braces:
            return self.defined_all(nodes[1:], target, then)
        check = self.defined_lines(node, target)
        rest = self.defined_all(nodes[1:], target, then)
        return [*check, PyLine(node.line, 0, f"if {target} is not None:"), *indented(rest, 1)]

    def defined_send(self, node: ast.Call, target: str) -> Lines:
        """Evaluate the receiver (an exception means nil) and ask if it has the method."""
        assert node.recv is not None
        recv, pre = self.with_pre(lambda: self.expr(node.recv))  # type: ignore[arg-type]
        answer = f"rb.defined_method({recv}, {py_str(node.name)})"
        return [
            PyLine(node.line, 0, "try:"),
            *indented([*pre, PyLine(node.line, 0, f"{target} = {answer}")], 1),
            PyLine(node.line, 0, f"except Exception: {target} = None"),
        ]

    def expr_If(self, node: ast.If) -> str:
        if (
            len(node.then) <= 1
            and len(node.orelse) <= 1
            and not any(isinstance(n, ast.Text | ast.Insert) for n in [*node.then, *node.orelse])
        ):
            cond = self.cond(node.cond)
            then, pre_then = self.with_pre(lambda: self.body_expr(node.then, node))
            orelse, pre_else = self.with_pre(lambda: self.body_expr(node.orelse, node))
            if not pre_then and not pre_else:
                return f"({then} if {cond} else {orelse})"
            # a branch needs statements: an if statement, from the parts compiled
            target = self.fresh("_t")
            self.pre.extend([
                PyLine(node.line, 0, f"if {cond}:"),
                *indented([*pre_then, PyLine(node.line, 0, f"{target} = {then}")], 1),
                PyLine(node.else_line or node.line, 0, "else:"),
                *indented([*pre_else, PyLine(node.line, 0, f"{target} = {orelse}")], 1),
            ])
            return target
        return self.via_statements(node)

    def expr_Assign(self, node: ast.Assign) -> str:
        target = node.target
        if isinstance(target, ast.LVar):
            value = self.expr(node.value)
            return f"({self.local_target(target.name)} := {value})"
        return self.via_statements(node)

    def expr_Begin(self, node: ast.Begin) -> str:
        if not node.rescues and node.orelse is None and node.ensure is None:
            return self.body_expr(node.body, node)
        return self.via_statements(node)

    def refuse(self, node: ast.Call) -> None:
        """Refuse a call that `REFUSED` names (directly, or through `send`)."""
        name = node.name
        if name in DISPATCHERS and node.args and isinstance(node.args[0], ast.Sym | ast.Str):
            parts = node.args[0].parts
            if len(parts) == 1 and isinstance(parts[0], str) and parts[0] in REFUSED:
                target = parts[0]
                raise CompileFailure(
                    f"unsupported Ruby: {name}(:{target}) ({REFUSED[target]})", node
                )
        if name in REFUSED and not (node.recv is None and name in self.def_names):
            raise CompileFailure(f"unsupported Ruby: {name} ({REFUSED[name]})", node)

    def expr_Call(self, node: ast.Call) -> str:
        self.refuse(node)
        if (node.name == "new" and node.block is not None and isinstance(node.recv, ast.Const)
                and node.recv.path.removeprefix("::") == "Struct"):
            raise CompileFailure("unsupported Ruby: Struct.new with a block (a Struct's methods)",
                                 node)
        if node.recv is None:
            return self.function_call(node)
        if node.name in MUTATORS or (node.name.endswith("!") and node.name != "!"):
            if self.mutable_target(node.recv):
                return self.bang_call(node)
            root = self.chained_target(node.recv)
            if root is not None:  # `s << a << b`: `s << a` returns s itself
                self.expr(node.recv)
                return self.bang_call(
                    ast.Call(node.line, node.col, root, node.name, node.args, node.block)
                )
        recv = self.expr(node.recv)
        if node.safe_nav:
            temp = self.fresh("_t")
            mark = len(self.pre)
            call = self.method_call(temp, node, spill=False)
            if self.effects_since(mark):  # the receiver first, then the arguments' statements
                self.pre.insert(mark, PyLine(node.line, 0, f"{temp} = {recv}"))
                return f"(None if {temp} is None else {call})"
            return f"(None if ({temp} := {recv}) is None else {call})"
        return self.method_call(recv, node)

    def method_call(self, recv: str, node: ast.Call, spill: bool = True) -> str:
        mark = len(self.pre)
        args, block = self.args(node.args, node.block, node)
        if spill:
            recv = self.spill([recv], mark)[0]
        if node.name == "==" and not block and len(node.args) == 1:
            return f"rb.eq({recv}, {args})"
        if node.name == "===" and not block and len(node.args) == 1:
            return f"rb.case_eq({recv}, {args})"
        if not block and len(node.args) == 1 and not isinstance(node.args[0], ast.Splat):
            # the commonest calls, with a shortcut for the commonest receivers
            if node.name == "[]":
                return f"rb.aref({recv}, {args})"
            if node.name == "=~":
                return f"rb.match_operator({recv}, {args})"
        tail = (f", {args}" if args else "") + (f", block={block}" if block else "")
        send = "rb.send_mut" if node.name in FROZEN_CHECKED else "rb.send"
        return f"{send}({recv}, {py_str(node.name)}{tail})"

    def mutable_target(self, recv: ast.Node) -> bool:
        return isinstance(recv, ast.LVar | ast.IVar | ast.GVar) or (
            isinstance(recv, ast.Call)
            and recv.name == "[]"
            and recv.recv is not None
            and not recv.block
            and isinstance(recv.recv, ast.LVar | ast.IVar | ast.GVar)
        )

    def chained_target(self, node: ast.Node | None) -> ast.Node | None:
        """The local (ivar, element) at the start of `s << a << b`: each `<<` returns it."""
        chain: list[ast.Node] = []
        root = None
        while isinstance(node, ast.Call) and node.name in CHAINED_MUTATORS:
            if id(node) in self.chain_roots:  # a long chain is compiled link by link
                root = self.chain_roots[id(node)]
                break
            chain.append(node)
            if node.recv is not None and self.mutable_target(node.recv):
                root = node.recv
                break
            node = node.recv
        for link in chain:
            self.chain_roots[id(link)] = root
        return root

    def bang_call(self, node: ast.Call) -> str:
        """`s << x` on a local/ivar/element: store the new receiver (strings are immutable)."""
        recv_node = node.recv
        assert recv_node is not None
        args, block = self.args(node.args, node.block, node)
        tail = (f", {args}" if args else "") + (f", block={block}" if block else "")
        pair = self.fresh("_t")
        if isinstance(recv_node, ast.LVar):
            name = self.local_target(recv_node.name)
            self.pre.append(
                PyLine(
                    node.line,
                    0,
                    f"{name}, {pair} = rb.send_bang({name}, {py_str(node.name)}{tail})",
                )
            )
            return pair
        if isinstance(recv_node, ast.IVar):
            key = py_str(recv_node.name)
            self.pre.append(
                PyLine(
                    node.line,
                    0,
                    f"ncg_frame.ivars[{key}], {pair} = rb.send_bang("
                    f"ncg_frame.ivars.get({key}), {py_str(node.name)}{tail})",
                )
            )
            return pair
        if isinstance(recv_node, ast.GVar):
            key = py_str(recv_node.name)
            self.pre.append(
                PyLine(
                    node.line,
                    0,
                    f"{pair} = rb.send_bang(rb.gvar({key}), {py_str(node.name)}{tail}); "
                    f"rb.gvar_set({key}, {pair}[0])",
                )
            )
            return f"{pair}[1]"
        assert isinstance(recv_node, ast.Call) and recv_node.recv is not None
        holder = self.fresh("_t")
        index = self.fresh("_t")
        old = self.fresh("_t")
        index_args = self.args(recv_node.args)[0]
        self.pre.extend(
            [
                PyLine(node.line, 0, f"{holder} = {self.expr(recv_node.recv)}"),
                PyLine(node.line, 0, f"{index} = ({index_args},)"),
                PyLine(node.line, 0, f"{old} = rb.send({holder}, '[]', *{index})"),
                PyLine(
                    node.line,
                    0,
                    f"{old}, {pair} = {old}, rb.send_bang({old}, {py_str(node.name)}{tail})",
                ),
                PyLine(
                    node.line,
                    0,
                    f"if {pair}[0] is not {old}: rb.send({holder}, '[]=', *{index}, {pair}[0])",
                ),
            ]
        )
        return f"{pair}[1]"

    def function_call(self, node: ast.Call) -> str:
        name = node.name
        if name in ("lambda", "proc") and node.block is not None and not node.args:
            return self.block_def(node.block, lambda_=name == "lambda" or node.block.is_lambda)
        if name == "__FILE__":
            return py_str(self.filename)
        if name == "__method__" and not node.args and node.block is None:
            # the method being defined; a template's own code runs in the
            # original's `binding` call
            method_name = self.method_names[-1] if self.method_names else "binding"
            return self.expr(ast.Sym(node.line, node.col, [method_name]))
        if name in ("block_given?", "define_method"):
            raise CompileFailure(f"unsupported Ruby: {name}", node)
        args, block = self.args(node.args, node.block, node)
        if name in self.def_names:
            tail = (args if args else "") + (
                f"{', ' if args else ''}block={block}" if block else ""
            )
            return f"{method_python_name(name)}({tail})"
        tail = (f", {args}" if args else "") + (f", block={block}" if block else "")
        return f"rb.call_fn({py_str(name)}{tail})"

    def args(
        self, args: list[ast.Node], block: ast.Block | None = None, node: ast.Node | None = None
    ) -> tuple[str, str]:
        """Arguments as Python call arguments, and the block argument (or "")."""
        positional = [a for a in args if not isinstance(a, ast.BlockPass)]
        passes = [a for a in args if isinstance(a, ast.BlockPass)]
        block_code = ""
        if passes:
            if block is not None:
                raise CompileFailure("both block arg and actual block given", passes[0])
            block_code = self.block_pass(passes[0])
        elif block is not None:
            block_code = self.block_def(block, lambda_=block.is_lambda)
        return ", ".join(self.list_items(positional)), block_code

    def block_pass(self, node: ast.BlockPass) -> str:
        value = node.value
        if isinstance(value, ast.Sym) and all(isinstance(p, str) for p in value.parts):
            return f"rb.send({self.expr(value)}, 'to_proc')"
        return f"rb.send({self.expr(value)}, 'to_proc')"

    def block_def(self, block: ast.Block, lambda_: bool) -> str:
        """Compile a block to a nested `def` (added to `pre`); its Python name."""
        nested = sum(1 for jump in self.jumps if jump.kind in ("def", "block", "lambda"))
        if nested >= MAX_NESTED_FUNCTIONS:  # each is a Python function, one level deeper
            raise CompileFailure(
                f"unsupported Ruby: blocks nested more than {MAX_NESTED_FUNCTIONS} deep", block
            )
        name = self.fresh("_blk")
        saved_scope = self.scope
        self.scope = Scope("block", saved_scope)
        self.jumps.append(Jump("lambda" if lambda_ else "block", name))
        try:
            header, binds, _ = self.block_params(block.params, block, strict=lambda_)
            param_names = set(self.scope.own_python_names)
            body = self.body_return(block.body, block)
            function = self.scope
            inits = sorted(function.own_python_names - param_names)
        finally:
            self.jumps.pop()
            self.scope = saved_scope
        lines = [PyLine(block.line, 0, f"def {name}({header}):")]
        inner: Lines = []
        if function.nonlocals:
            inner.append(PyLine(block.line, 0, f"nonlocal {', '.join(sorted(function.nonlocals))}"))
        inner.extend(binds)
        inner.extend(PyLine(block.line, 0, f"{n} = None") for n in inits)
        inner.extend(body)
        lines.extend(indented(inner, 1))
        if lambda_:
            lines.append(PyLine(block.line, 0, f"{name}.ncg_lambda = True"))
        arity = block_arity(block.params, lambda_)
        if arity != -1:  # what Proc#arity reads of a function taking `*args`
            lines.append(PyLine(block.line, 0, f"{name}.ncg_arity = {arity}"))
        self.pre.extend(lines)
        return name

    def block_params(
        self, params: ast.Params, node: ast.Node, strict: bool
    ) -> tuple[str, Lines, list[str]]:
        """The `def` signature of a block, the lines binding its parameters, their names."""
        # `|a, b = 1|` (a `->(a, b = a)` lambda's defaults are refused: they
        # are parsed before its parameters are its locals)
        if (params.optional and not params.block and not params.keywords and not params.kwrest
                and not params.splat and not params.post
                and not (isinstance(node, ast.Block) and node.is_lambda)
                and all(isinstance(p, str) for p in params.required)):
            return self.block_opt_params(params, node, strict)
        if params.optional or params.block or params.keywords or params.kwrest:
            raise CompileFailure("unsupported Ruby: this block parameter list", node)
        required = params.required
        if not strict and not params.splat and not params.trailing_comma and len(required) <= 1:
            if not required:
                return "*_", [], []
            if isinstance(required[0], str):
                python = self.declare(required[0])
                return f"{python}=None, *_", [], [python]
        names, binds = self.bind_params(params, node)
        count = len(names)
        if params.trailing_comma and count == 1:
            count = 2
            names = [*names, "_"]
        flags = _splat_flags(params) + (", strict=True" if strict else "")
        bind = f"rb.bind_block_args(args, {count}{flags})"
        lead = f"{', '.join(names)}, = {bind}" if names else bind
        return "*args", [PyLine(node.line, 0, lead), *binds], names

    def block_opt_params(self, params: ast.Params, node: ast.Node, strict: bool
                         ) -> tuple[str, Lines, list[str]]:
        """`|a, b = 1|`: a default when the block is given fewer values."""
        nreq, nopt = len(params.required), len(params.optional)
        values, given = self.fresh("_t"), self.fresh("_t")
        binds: Lines = [PyLine(node.line, 0, (
            f"{values}, {given} = rb.bind_block_opt(args, {nreq}, {nopt}, {strict})"))]
        names, bound = self.bind_positional(params, node, values, given)
        return "*args", [*binds, *bound], names

    def bind_positional(self, params: ast.Params, node: ast.Node, values: str,
                        count: str) -> tuple[list[str], Lines]:
        """Python names for the required and optional parameters, bound from the
        list `values` of which `count` were given."""
        names: list[str] = []
        binds: Lines = []
        for i, name in enumerate(params.required):
            python = self.declare(str(name))
            names.append(python)
            binds.append(PyLine(node.line, 0, f"{python} = {values}[{i}]"))
        for i, (name, default) in enumerate(params.optional, start=len(params.required)):
            python = self.declare(name)
            names.append(python)
            binds.extend(self.bind_default(python, f"{count} > {i}", f"{values}[{i}]", default,
                                           node.line))
        return names, binds

    def bind_default(self, python: str, given: str, source: str, default: ast.Node,
                     line: int) -> Lines:
        """`python = source` if the `given` test holds, else the default's value
        (after the statements it needs)."""
        value, pre = self.with_pre(lambda: self.expr(default))
        return [PyLine(line, 0, f"if {given}: {python} = {source}"), PyLine(line, 0, "else:"),
                *indented([*pre, PyLine(line, 0, f"{python} = {value}")], 1)]

    def bind_params(self, params: ast.Params, node: ast.Node) -> tuple[list[str], Lines]:
        """Python names for block parameters; nested `(a, b)` ones bind afterwards."""
        names: list[str] = []
        binds: Lines = []
        for item in [*params.required, *([params.splat] if params.splat else []), *params.post]:
            if isinstance(item, ast.Params):
                temp = self.fresh("_t")
                names.append(temp)
                inner_names, inner_binds = self.bind_params(item, node)
                bind = f"rb.destructure({temp}, {len(inner_names)}{_splat_flags(item)})"
                binds.append(PyLine(node.line, 0, f"{', '.join(inner_names)}, = {bind}"))
                binds.extend(inner_binds)
            elif item == "*":
                names.append("_")
            else:
                names.append(self.declare(item))
        return names, binds


def block_arity(params: ast.Params, lambda_: bool) -> int:
    """Ruby's Proc#arity of a block: its required parameters; negative
    (-required-1) with a `*rest`, and for a lambda also with optional ones."""
    required = len(params.required) + len(params.post)
    if params.splat:
        return -required - 1
    if lambda_ and (params.optional or params.keywords and any(
            d is not None for _, d in params.keywords)):
        return -required - 1
    return required


def _splat_flags(params: ast.Params) -> str:
    """The `splat=`/`post=` arguments binding `params` (`|a, *b, c|`) at run time."""
    if not params.splat:
        return ""
    return ", splat=True" + (f", post={len(params.post)}" if params.post else "")


def method_python_name(name: str) -> str:
    return "m_" + name.replace("?", "_q").replace("!", "_b").replace("=", "_set")


def _is_literal(code: str) -> bool:
    """Code whose value no statement can change: a literal, a temporary (set once)."""
    return re.fullmatch(r"None|True|False|-?\d+(?:\.\d+)?|'[^'\\]*'|_t\d+", code) is not None


def _only_mutated(code: str, lines: Lines) -> bool:
    """Whether `lines` change the String variable that `code` reads only by a
    mutating method (`s << "x"`, rebinding it to the new String): Ruby's
    operand is that same object, so it is read after them, as it then is."""
    bang = re.compile(r"[^=]*, _t\d+ = rb\.send_bang\(" + re.escape(code) + ", ")
    return any(bang.match(py.text) for py in lines) and not any(
        py.text.startswith(f"{code} = ") for py in lines)


def _is_pure_name(code: str) -> bool:
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*|None|True|False|'[^']*'|\d+", code) is not None


class Outline:
    """What compiling needs to know of a template's whole AST: the methods it
    defines, and which of its nodes output template text (found once, bottom-up)."""

    def __init__(self, body: ast.Body) -> None:
        self.def_names: set[str] = set()
        self.output: dict[int, bool] = {}  # by id(): the nodes live as long as the AST
        stack: list[tuple[object, list[object] | None]] = [(body, None)]
        while stack:
            item, children = stack.pop()
            if children is None:
                if isinstance(item, ast.Def):
                    self.def_names.add(item.name)
                children = _children(item)
                if children:
                    stack.append((item, children))
                    stack.extend((child, None) for child in children)
                    continue
            self.output[id(item)] = _outputs(item, children, self.output)

    def has_output(self, node: object) -> bool:
        """Does this node (or anything in it, blocks included) output template text?"""
        found = self.output.get(id(node))
        if found is None:  # a node the compiler made: not in the template's AST
            found = Outline([node]).output[id(node)]  # type: ignore[list-item]
        return found


def _outputs(item: object, children: list[object], known: dict[int, bool]) -> bool:
    if isinstance(item, ast.Text | ast.Insert):
        return True
    if isinstance(item, ast.Def):
        return False  # a method's text is output when it is called
    return any(known[id(child)] for child in children)


def _children(item: object) -> list[object]:
    """The AST nodes and node lists directly in `item` (a node, a list or a tuple)."""
    if isinstance(item, list | tuple):
        return [v for v in item if isinstance(v, ast.Node | list | tuple)]
    fields = _NODE_FIELDS.get(type(item))
    if fields is None:
        fields = _NODE_FIELDS[type(item)] = tuple(
            f.name for f in dataclasses.fields(item) if f.type not in _SCALARS  # type: ignore[arg-type]
        )
    found = []
    for name in fields:
        value = getattr(item, name)
        if isinstance(value, ast.Node | list | tuple):
            found.append(value)
    return found


_SCALARS = frozenset(("bool", "float", "int", "str", "str | None", "int | None"))
_NODE_FIELDS: dict[type, tuple[str, ...]] = {}  # per AST class: its fields that may hold nodes

