"""Template (ERB + Ruby) → Mako source whose code is Python over `rb`.

`compile_template` builds the Ruby program of the template (erb.py), parses
it (`ncg.ruby.syntax`), and compiles the AST in two layers:

- `MakoCompiler` handles statements of the render body: text stays Mako
  text, `<%= x %>` becomes `${rb.to_s(x)}`, and Ruby control flow whose body
  holds template text becomes Mako control lines (`% if`, `% for … in
  rb.block_iter(…)`, `% while`).
- `PyCompiler` compiles everything else to Python: statements into `<% %>`
  blocks, expressions into `${}`/control lines, blocks into nested `def`s.
  Template text that Mako cannot host as text (inside a block that is not
  an iteration, `begin/rescue`…) is written with `context.write`.

`Layout` places the pieces on Mako lines so that Mako line N is template
line N wherever a template line needs no more than one Mako line; where it
needs more (a control line in mid-line), the source ends with a
`## ncg-line-map:` comment that `line_map` reads back.

The whole body is one Mako def, `ncg_body`, whose parameters are the Python
names of the template's Ruby locals (all nil until assigned, as in Ruby);
the source ends with the call `${ncg_body()}`. The compiled code reads
`ncg_frame` (the render's `rb.Frame`: `ncg_frame.ivars`) and `context`
from the Mako context, and `rb` from the module imports.
"""


from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ncg.deep_stack import call_deep
from ncg.errors import CompileError, SyntaxError_
from ncg.ruby.codegen import (
    ITERATORS,
    CompileFailure,
    Jump,
    Outline,
    PyCompiler,
    Scope,
    method_python_name,
    py_str,
)
from ncg.ruby.pylines import HOIST_DEPTH, Lines, PyLine, compact, hoist
from ncg.ruby.syntax import ast
from ncg.ruby.syntax.errors import ParseError
from ncg.ruby.syntax.parser import parse
from ncg.template.erb import MARKERS, build_program
from ncg.template.markers import BODY_DEF, LINE_MAP_MARK, encode_runs, line_map

__all__ = ["BODY_DEF", "LINE_MAP_MARK", "compile_template", "line_map"]




def compile_template(source: str, filename: str, first_lineno: int = 1) -> str:
    """The Mako source for an ERB template (see the module doc for its lines).

    The parser and the compilers recurse over the template's nesting; one
    nested deeper than Python's recursion limit allows is compiled again on a
    big stack (compiling has no side effects).
    """
    try:
        return _compile(source, filename, first_lineno)
    except RecursionError:
        return call_deep(_compile, source, filename, first_lineno)


def _compile(source: str, filename: str, first_lineno: int) -> str:
    reserved = next((at for at, ch in enumerate(source) if ch in MARKERS), None)
    if reserved is not None:  # erb.py marks text and tags with these characters
        line = source.count("\n", 0, reserved) + 1
        col = reserved - source.rfind("\n", 0, reserved)
        raise _located(CompileError, f"unsupported character U+{ord(source[reserved]):04X}",
                       filename, line + first_lineno - 1, col)
    program = build_program(source)
    try:
        body = parse(program)
    except ParseError as exc:
        line, col = program.line_col(exc.pos)
        cls = CompileError if exc.unsupported else SyntaxError_
        raise _located(cls, str(exc), filename, line + first_lineno - 1, col) from None
    try:
        return MakoCompiler(body, filename).compile()
    except CompileFailure as exc:
        cls = SyntaxError_ if exc.syntax else CompileError
        raise _located(cls, str(exc), filename, exc.line + first_lineno - 1, exc.col) from None


def _located(
    cls: type[CompileError] | type[SyntaxError_], message: str, filename: str, line: int, col: int
) -> Exception:
    error = cls(f"{message} at {filename}:{line}:{col}")
    error.add_location(f"{filename}:{line}")
    return error




# -- Mako layout -------------------------------------------------------------------

_MAKO_LINE_START = re.compile(r"[ \t]*(%|##)")
_MAKO_SPECIAL = re.compile(r"\$\{|</?[%&]|[\r\ud800-\udfff]")


def escape_text(text: str) -> str:
    """Template text as Mako text: neutralize `${`, `<%`, `</%`, `<&` (line starts later).

    A carriage return becomes an expression too: the Mako source then has no
    `\r` for a newline translation (reading a cached copy) to take away.
    """

    def replace(match: re.Match[str]) -> str:
        found = match.group()
        if found == "${":
            return "${'$'}{"
        if found[0] == "<":
            return "${'<'}" + found[1:]
        return "${" + py_str(found) + "}"

    return _MAKO_SPECIAL.sub(replace, text)


def guard_line_start(line: str) -> str:
    """Text that Mako would read as a control line or a `##` comment."""
    return "${''}" + line if _MAKO_LINE_START.match(line) else line


class Layout:
    """Mako source lines, built from text, `${}`, `<% %>` and control lines."""

    def __init__(self, fresh: Callable[[str], str]) -> None:
        self.fresh = fresh  # new Python names, for functions `hoist` makes
        self.lines: list[str] = []
        self.map: list[int] = []
        self.cur: list[str] = []
        self.cur_raw_end = ""  # the raw text of cur[-1] when that is text, else ""
        self.tpl_line = 1  # the template line the cursor is on
        self.cur_start = 1
        self.after_control = False

    def finish_line(self, newline_is_output: bool) -> None:
        text = guard_line_start("".join(self.cur))
        if newline_is_output:
            if self.cur_raw_end.endswith("\\"):
                cut = text.rfind("\\")
                text = text[:cut] + "${'\\\\'}" + text[cut + 1 :]
        else:
            text += "\\"
        self.lines.append(text)
        self.map.append(self.cur_start if self.cur else self.tpl_line)
        self.cur = []
        self.cur_raw_end = ""
        self.after_control = False

    def start_item(self) -> None:
        if not self.cur:
            self.cur_start = self.tpl_line

    def advance_to(self, line: int) -> None:
        while self.tpl_line < line:
            if self.after_control and not self.cur:
                self.after_control = False
            else:
                self.finish_line(newline_is_output=False)
            self.tpl_line += 1

    def text(self, value: str, line: int) -> None:
        self.advance_to(line)
        pieces = value.split("\n")
        for i, piece in enumerate(pieces):
            if piece and self.cur_raw_end:
                # adjacent text (a comment tag between): escape it as one, `<` + `%` is a tag
                self.cur_raw_end += piece
                self.cur[-1] = escape_text(self.cur_raw_end)
            elif piece:
                self.start_item()
                self.cur.append(escape_text(piece))
                self.cur_raw_end = piece
            elif i == 0 and not self.cur:
                self.start_item()
            if i < len(pieces) - 1:
                if not self.cur:
                    self.cur_start = self.tpl_line
                self.finish_line(newline_is_output=True)
                self.tpl_line += 1
        self.after_control = False

    def expr(self, code: str, line: int) -> None:
        self.advance_to(line)
        self.start_item()
        self.cur.append("${" + code + "}")
        self.cur_raw_end = ""
        self.after_control = False

    def code(self, lines: Lines) -> None:
        """A `<% %>` block; its Python lines go on their template lines where they can."""
        if not lines:
            return
        lines = compact(hoist(lines, self.fresh))
        self.advance_to(lines[0].line)
        self.start_item()
        self.cur.append("<% ")
        previous = lines[0].line
        for i, py in enumerate(lines):
            if i and py.line > previous:
                for _ in range(py.line - previous):
                    self.break_code_line()
                    self.tpl_line += 1
                    self.cur_start = self.tpl_line
                previous = py.line
            elif i:
                self.break_code_line()
                self.cur_start = py.line
            self.cur.append("    " * py.indent + py.text)
        self.cur.append(" %>")
        self.cur_raw_end = ""
        self.after_control = False

    def break_code_line(self) -> None:
        """A newline inside a `<% %>` block: the Mako line ends there, silently."""
        self.lines.append("".join(self.cur))
        self.map.append(self.cur_start)
        self.cur = []

    def control(self, text: str, line: int) -> None:
        self.advance_to(line)
        if self.cur:
            self.finish_line(newline_is_output=False)
        self.lines.append("% " + text)
        self.map.append(self.tpl_line)
        self.after_control = True

    def source(self, local_names: list[str], module_lines: list[str]) -> str:
        """The Mako source: the body inside one `<%def>` whose parameters are the Ruby
        locals (so they start as nil); the def call and module code go at the end."""
        params = ", ".join(f"{name}=None" for name in local_names)
        opening = f'<%def name="{BODY_DEF}({params})">'
        line_map = [*self.map, self.cur_start if self.cur else len(self.map) + 1]
        lines = [*self.lines, guard_line_start("".join(self.cur))]
        if lines[0].startswith("% "):  # a control line must start its line
            lines.insert(0, opening + "\\")
            line_map.insert(0, 1)
        else:
            lines[0] = opening + lines[0]
        text = "\n".join(lines) + f"</%def>${{{BODY_DEF}()}}"
        if module_lines:
            text += "<%! " + "; ".join(module_lines) + " %>"
        if all(m == i + 1 for i, m in enumerate(line_map)):
            return text
        return f"{text}\\\n{LINE_MAP_MARK} {encode_runs(line_map)}"



# -- the Mako layer ---------------------------------------------------------------------


class MakoCompiler:
    """The render body: Mako text and control lines around Python code."""

    def __init__(self, body: ast.Body, filename: str) -> None:
        self.body = body
        self.outline = Outline(body)
        self.py = PyCompiler(self.outline.def_names, filename)
        self.layout = Layout(self.py.fresh)
        self.control_depth = 0  # Mako control lines open around the statement compiled now

    def compile(self) -> str:
        self.stmts(self.body)
        local_names = sorted(
            self.py.render_names | {method_python_name(n) for n in self.py.def_names}
        )
        return self.layout.source(local_names, self.py.module_lines)

    def stmts(self, body: ast.Body) -> None:
        for node in body:
            self.stmt(node)

    def stmt(self, node: ast.Node) -> None:
        if isinstance(node, ast.Text):
            self.layout.text(node.value, node.line)
            return
        if isinstance(node, ast.Insert):
            self.insert(node)
            return
        # Mako nests Python blocks for its control lines: deeper than HOIST_DEPTH,
        # the statement is Python writing its text (`hoist` then keeps it shallow)
        if self.control_depth < HOIST_DEPTH and self.outline.has_output(node):
            method = getattr(self, f"control_{type(node).__name__}", None)
            if method is not None:
                self.control_depth += 1
                try:
                    if method(node):
                        return
                finally:
                    self.control_depth -= 1
        self.layout.code(self.py.stmt(node))

    def insert(self, node: ast.Insert) -> None:
        if len(node.body) == 1 and not self.outline.has_output(node.body):
            code, pre = self.py.with_pre(lambda: self.py.expr(node.body[0]))
        else:
            target = self.py.fresh("_t")
            code, pre = target, self.py.body_assign(node.body, target, node)
        self.layout.code(pre)
        self.layout.expr(
            f"rb.to_s({code})", node.body[-1].line if node.body and not pre else node.line
        )

    def condition(self, node: ast.Node, line: int) -> str:
        code, pre = self.py.with_pre(lambda: self.py.cond(node))
        self.layout.code([PyLine(line, p.indent, p.text) if p.line < line else p for p in pre])
        return code

    def control_If(self, node: ast.If) -> bool:
        end_line = node.end_line or self.last_line(node)
        cond = self.condition(node.cond, node.line)
        self.layout.control(f"if {cond}:", node.line)
        self.stmts(node.then)
        while len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
            inner = node.orelse[0]  # an `elsif`: `% elif`, unless its test needs statements
            cond, pre = self.py.with_pre(lambda n=inner: self.py.cond(n.cond))
            if pre:
                break
            self.layout.control(f"elif {cond}:", inner.line)
            self.stmts(inner.then)
            node = inner
        if node.orelse:
            self.layout.control("else:", node.else_line or node.line)
            self.stmts(node.orelse)
        self.layout.control("endif", end_line)
        return True

    def last_line(self, node: ast.Node) -> int:
        return max((n.line for n in _walk(node)), default=node.line)

    def control_Case(self, node: ast.Case) -> bool:
        subject = None
        if node.subject is not None:
            code, pre = self.py.with_pre(lambda: self.py.expr(node.subject))
            subject = self.py.fresh("_t")
            self.layout.code([*pre, PyLine(node.line, 0, f"{subject} = {code}")])
        opened = 0
        for i, when in enumerate(node.whens):
            test, pre = self.py.with_pre(lambda w=when: self.py.when_test(w, subject))
            if pre and i:
                self.layout.control("else:", when.line)
                opened += 1
            if pre or not i:
                self.layout.code(pre)
                self.layout.control(f"if {test}:", when.line)
            else:
                self.layout.control(f"elif {test}:", when.line)
            self.stmts(when.body)
        if node.orelse is not None:
            self.layout.control("else:", node.else_line or node.line)
            self.stmts(node.orelse)
        end = node.end_line or self.last_line(node)
        for _ in range(opened + 1):
            self.layout.control("endif", end)
        return True

    def control_While(self, node: ast.While) -> bool:
        if node.do_while:
            return False
        code, pre = self.py.with_pre(lambda: self.py.cond(node.cond))
        if node.until:
            code = f"not ({code})"
        if pre:
            self.layout.control("while True:", node.line)
            self.layout.code(
                [*pre, PyLine(node.line, 0, f"if not ({code}):"), PyLine(node.line, 1, "break")]
            )
        else:
            self.layout.control(f"while {code}:", node.line)
        self.loop_body(node.body)
        self.layout.control("endwhile", node.end_line or self.last_line(node))
        return True

    def loop_body(self, body: ast.Body) -> None:
        self.py.jumps.append(Jump("mako_loop"))
        try:
            self.stmts(body)
        finally:
            self.py.jumps.pop()

    def control_Begin(self, node: ast.Begin) -> bool:
        if node.rescues or node.orelse is not None or node.ensure is not None:
            return False
        self.stmts(node.body)
        return True

    def control_Next(self, node: ast.Next) -> bool:
        return False

    def control_Call(self, node: ast.Call) -> bool:
        block = node.block
        if block is None or not self.outline.has_output(block.body):
            return False
        if self.outline.has_output(node.args):
            return False
        if (
            node.recv is None
            and node.name == "loop"
            and not node.args
            and node.name not in self.py.def_names
        ):
            self.layout.control("while True:", node.line)
            self.loop_body(block.body)
            self.layout.control("endwhile", block.end_line)
            return True
        if node.recv is None or node.name not in ITERATORS or node.safe_nav:
            return False
        if block.params.optional or block.params.post or block.params.block:
            return False
        recv, pre = self.py.with_pre(lambda: self.py.expr(node.recv))
        args, pre_args = self.py.with_pre(lambda: self.py.args(node.args)[0])
        self.layout.code([*pre, *pre_args])
        saved = self.py.scope
        self.py.scope = Scope("loop", saved)
        try:
            names, binds = self.py.bind_params(block.params, block)
            count = len(block.params.required) + (1 if block.params.splat else 0)
            if block.params.trailing_comma and count == 1:  # `|a, |` spreads an Array
                count, names = 2, [*names, "_"]
            splat = ", splat=True" if block.params.splat else ""
            targets = ", ".join(names) + "," if names else "_"
            call_args = f"({args},)" if args else "()"
            method = py_str(node.name)
            self.layout.control(
                f"for {targets} in rb.block_iter({recv}, {method}, {call_args}, {count}{splat}):",
                block.line,
            )
            first_line = block.body[0].line if block.body else block.line
            block_locals = [
                self.py.declare(name)
                for name in assigned_names(block.body)
                if self.py.lookup(name) is None
            ]
            resets = [PyLine(first_line, 0, f"{name} = None") for name in block_locals]
            self.layout.code([*[PyLine(first_line, b.indent, b.text) for b in binds], *resets])
            self.loop_body(block.body)
        finally:
            self.py.scope = saved
        self.layout.control("endfor", block.end_line)
        return True


def assigned_names(body: ast.Body) -> list[str]:
    """Local variables a statement list assigns (nested blocks and defs excluded)."""
    found: list[str] = []

    def visit(node: object) -> None:
        if isinstance(node, ast.Block | ast.Def):
            return
        if isinstance(node, ast.LVar) and node.name not in found:
            found.append(node.name)
        if isinstance(node, ast.Node):
            for value in vars(node).values():
                visit(value)
        elif isinstance(node, list | tuple):
            for item in node:
                visit(item)

    visit(body)
    return found


def _walk(node: object) -> Iterator[ast.Node]:
    if isinstance(node, ast.Node):
        yield node
        for value in vars(node).values():
            if isinstance(value, list | tuple | ast.Node):
                yield from _walk(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _walk(item)
