"""Python statements as the code generator builds them: lines with an indentation level.

`compact` joins the statements of one template line where Python allows, so
the Python keeps to the template's lines. `hoist` keeps the nesting of one
Python function within what Python accepts (100 levels of indentation, 20
nested loops or `try`s): a statement body nested deeper than `HOIST_DEPTH`
moves into a local function, defined before the statement and called where
the body was. Its assignments stay the enclosing function's (`nonlocal`), and
a `break`, `continue` or `return` that leaves it is handed back to the call.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class PyLine:
    line: int  # template line
    indent: int
    text: str


Lines = list[PyLine]


def indented(lines: Lines, by: int) -> Lines:
    return [PyLine(p.line, p.indent + by, p.text) for p in lines]


def compact(lines: Lines) -> Lines:
    """Join statements of one template line (`a; b`, `def f(): return x`) so the
    Python keeps to the template's lines where Python's syntax allows."""
    joined: Lines = []
    for py in lines:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.line == py.line
            and last.indent == py.indent
            and not last.text.endswith(":")
            and not py.text.endswith(":")
            and not _is_compound(last.text)
            and not _is_compound(py.text)
        ):
            joined[-1] = PyLine(last.line, last.indent, f"{last.text}; {py.text}")
        else:
            joined.append(py)
    out: Lines = []
    i = 0
    while i < len(joined):
        py = joined[i]
        body = joined[i + 1] if i + 1 < len(joined) else None
        after = joined[i + 2] if i + 2 < len(joined) else None
        if (
            body is not None
            and py.text.endswith(":")
            and body.line == py.line
            and body.indent == py.indent + 1
            and not body.text.endswith(":")
            and not _is_compound(body.text)
            and (after is None or after.indent <= py.indent)
        ):
            out.append(PyLine(py.line, py.indent, f"{py.text} {body.text}"))
            i += 2
            continue
        out.append(py)
        i += 1
    return out


def _is_compound(text: str) -> bool:
    """A header with its body inlined (`if x: y`): nothing may join it."""
    return text.startswith(
        ("if ", "elif ", "else:", "for ", "while ", "def ", "try:", "except ", "finally:", "with ")
    )


# -- keeping within Python's nesting limits ------------------------------------------

HOIST_DEPTH = 8  # statement bodies per function; Mako's control lines add as many again

_CLAUSES = ("elif ", "else", "except", "finally")  # continue the statement before them
_JUMPS = {"break": "'b'", "continue": "'c'"}  # how a hoisted body hands a jump back


@dataclass
class _Stmt:
    """A line and the lines indented under it."""

    line: PyLine
    body: list[_Stmt] = field(default_factory=list)

    def is_header(self, *starts: str) -> bool:
        return self.line.text.startswith(starts) and self.line.text.endswith(":")


def _tree(lines: Lines) -> list[_Stmt]:
    top: list[_Stmt] = []
    open_: list[tuple[int, list[_Stmt]]] = [(-1, top)]
    for py in lines:
        while open_[-1][0] >= py.indent:
            open_.pop()
        stmt = _Stmt(py)
        open_[-1][1].append(stmt)
        open_.append((py.indent, stmt.body))
    return top


def _lines(stmts: list[_Stmt], indent: int = 0) -> Lines:
    out: Lines = []
    stack = [(stmts, indent, 0)]
    while stack:
        items, level, at = stack.pop()
        if at < len(items):
            stack.append((items, level, at + 1))
            stmt = items[at]
            out.append(PyLine(stmt.line.line, level, stmt.line.text))
            stack.append((stmt.body, level + 1, 0))
    return out


def hoist(lines: Lines, fresh: Callable[[str], str]) -> Lines:
    """`lines` (one function's statements) with no body nested deeper than HOIST_DEPTH."""
    if all(py.indent < HOIST_DEPTH for py in lines):
        return lines
    return _lines(_Hoister(fresh).function(_tree(lines)))


class _Hoister:
    def __init__(self, fresh: Callable[[str], str]) -> None:
        self.fresh = fresh

    def function(self, stmts: list[_Stmt]) -> list[_Stmt]:
        """The statements of one function, each preceded by the functions hoisted from it."""
        out: list[_Stmt] = []
        start = 0  # where the current statement (with its `elif`/`else`/`except`…) starts
        for stmt in stmts:
            if not stmt.is_header(*_CLAUSES):
                start = len(out)
            hoisted: list[_Stmt] = []
            self.visit(stmt, 0, hoisted)
            out[start:start] = hoisted
            out.append(stmt)
        return out

    def visit(self, stmt: _Stmt, depth: int, hoisted: list[_Stmt]) -> None:
        if stmt.is_header("def "):
            stmt.body = self.function(stmt.body)
        elif stmt.body and depth + 1 >= HOIST_DEPTH:
            stmt.body = self.hoist(stmt.body, hoisted)
        else:
            stmt.body = self.lift_blocks(stmt.body, hoisted)
            for child in stmt.body:
                self.visit(child, depth + 1, hoisted)

    def hoist(self, body: list[_Stmt], hoisted: list[_Stmt]) -> list[_Stmt]:
        """Move `body` into a new local function (added to `hoisted`); the call replacing it."""
        line = body[0].line.line
        name = self.fresh("_h")
        inner = self.function(body)
        jumps: set[str] = set()
        _hand_back_jumps(inner, jumps, in_loop=False)
        stores = sorted(_stored_names(inner))
        head = [_Stmt(PyLine(line, 0, f"nonlocal {', '.join(stores)}"))] if stores else []
        hoisted.extend(
            _Stmt(PyLine(line, 0, f"{n} = None")) for n in stores if not n.startswith("l_")
        )
        hoisted.append(_Stmt(PyLine(line, 0, f"def {name}():"), [*head, *inner]))
        if not jumps:
            return [_Stmt(PyLine(line, 0, f"{name}()"))]
        result = self.fresh("_j")
        dispatch = _Stmt(PyLine(line, 0, f"if {result} is not None:"))
        for word, tag in _JUMPS.items():
            if word in jumps:
                jump = _Stmt(PyLine(line, 0, word))
                dispatch.body.append(_Stmt(PyLine(line, 0, f"if {result}[0] == {tag}:"), [jump]))
        if "return" in jumps:
            dispatch.body.append(_Stmt(PyLine(line, 0, f"return {result}[1]")))
        return [_Stmt(PyLine(line, 0, f"{result} = {name}()")), dispatch]

    def lift_blocks(self, stmts: list[_Stmt], lifted: list[_Stmt]) -> list[_Stmt]:
        """Move a block's function (`def _blkN`, and what is set on it) to the top of
        the function it is in, so that blocks nested in blocks add one level each.

        A block's function reads the variables it closes over when it runs, so it
        may be defined earlier in the same function.
        """
        kept: list[_Stmt] = []
        name = ""
        for stmt in stmts:
            if stmt.is_header("def _blk"):
                name = stmt.line.text[4 : stmt.line.text.index("(")]
                stmt.body = self.function(stmt.body)
                lifted.append(stmt)
            elif name and stmt.line.text.startswith(f"{name}."):
                lifted.append(stmt)
            else:
                name = ""
                kept.append(stmt)
        if kept or not stmts:
            return kept
        return [_Stmt(PyLine(stmts[0].line.line, 0, "pass"))]


def _hand_back_jumps(stmts: list[_Stmt], found: set[str], in_loop: bool) -> None:
    """Rewrite the jumps that would leave a hoisted body into returns of what they do."""
    for stmt in stmts:
        text = stmt.line.text
        if stmt.is_header("def "):
            continue
        word = text.split(" ", 1)[0].rstrip(":")
        if word in _JUMPS and text == word and not in_loop:
            found.add(word)
            stmt.line = PyLine(stmt.line.line, stmt.line.indent, f"return ({_JUMPS[word]},)")
        elif word == "return":
            found.add(word)
            value = text[len("return") :].strip() or "None"
            stmt.line = PyLine(stmt.line.line, stmt.line.indent, f"return ('r', {value})")
        loop = stmt.is_header("for ", "while ")
        _hand_back_jumps(stmt.body, found, in_loop or loop)


def _stored_names(stmts: list[_Stmt]) -> set[str]:
    """Names the statements bind in their own function (not in functions or comprehensions
    inside them)."""
    found: set[str] = set()
    todo: list[ast.AST] = [ast.parse("\n".join(py.indent * " " + py.text for py in _lines(stmts)))]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            found.add(node.name)
        if isinstance(node, ast.FunctionDef):
            found.add(node.name)
        elif not isinstance(
            node, ast.Lambda | ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp
        ):
            todo.extend(ast.iter_child_nodes(node))
    return found
