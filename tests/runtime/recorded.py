"""Method-call cases whose expected results were recorded by running real Ruby.

A `Call` names a receiver, a method and its arguments (Python values with
Ruby literal spellings), optionally a block given twice: as Ruby source for
the recording and as a Python function for ncg. `ruby_line` is the Ruby that
printed the expected value; `run` does the same through ncg's runtime.
Each test module keeps its expected values in an `EXPECTED` list recorded
with `python -m tests.runtime.recorded test_string` (needs `ruby` and, for Node
cases, the original NCG); the list is rewritten in place.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ncg.ruby.runtime  # noqa: F401  (registers every Ruby class's methods)
from ncg.errors import RubyError
from ncg.ruby.runtime.core import send
from ncg.ruby.runtime.frame import frame
from ncg.ruby.runtime.string import send_bang
from ncg.ruby.runtime.values import inspect


@dataclass
class Call:
    recv: Any
    name: str
    args: tuple[Any, ...] = ()
    rb: str = ""  # the block as Ruby source: "{ |x| x * 2 }"
    py: Callable[..., Any] | None = None  # the same block in Python
    bang: bool = False  # print [receiver afterwards, return value]
    last_match: bool = False  # print [return value, $~]
    ruby_recv: str = field(default="")  # Ruby source of the receiver, when not its inspect
    then: str = ""  # a method called on the result (`to_a` after a block-less iterator)

    def ruby_line(self) -> str:
        recv = self.ruby_recv or _literal(self.recv)
        args = ", ".join(_literal(a) for a in self.args)
        call = f"x.{self.name}({args})"
        if self.rb:
            call += " " + self.rb
        if self.then:
            call = f"{call}.{self.then}" if not self.rb else f"({call}).{self.then}"
        shown = "[x, r]" if self.bang else "[r, $~]" if self.last_match else "r"
        return (f"begin; $~ = nil; x = {recv}; r = {call}; puts({shown}.inspect); "
                f"rescue => e; puts \"ERR #{{e.class}}: #{{e.message}}\"; end")

    def run(self) -> str:
        recv = _fresh(self.recv)
        name = self.name
        try:
            if self.bang:
                recv, result = send_bang(recv, name, *self.args, block=self.py)
                return inspect([recv, result])
            frame().last_match = None
            result = send(recv, name, *self.args, block=self.py)
            if self.then:
                result = send(result, self.then)
            if self.last_match:
                return inspect([result, frame().last_match])
            return inspect(result)
        except RubyError as exc:
            return f"ERR {exc.ruby_name}: {exc.message}"


def _fresh(value: Any) -> Any:
    """A copy of the receiver's Arrays and Hashes, so that each run starts alike."""
    if type(value) is list:
        return [_fresh(x) for x in value]
    if type(value) is dict:
        return {k: _fresh(v) for k, v in value.items()}
    return value


def _literal(value: Any) -> str:
    """Ruby source for a value: its inspect, except where that is not a literal."""
    from ncg.ruby.runtime.range import Range

    if isinstance(value, Range):
        return "(" + inspect(value) + ")"
    if type(value) is float:
        return repr(value)
    if type(value) is list:
        return "[" + ", ".join(_literal(x) for x in value) + "]"
    if type(value) is dict:
        return "{" + ", ".join(f"{_literal(k)} => {_literal(v)}" for k, v in value.items()) + "}"
    return inspect(value)


def record(module_name: str) -> None:
    """Run every case of a test module through Ruby and rewrite its EXPECTED list."""
    module = importlib.import_module(module_name)
    program = "\n".join(case.ruby_line() for case in module.CASES)
    output = subprocess.run(["ruby", "-e", program], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    assert len(output) == len(module.CASES), output
    _rewrite_expected(module, output)


@dataclass
class NodeCall:
    """A Ruby expression over the model of a Node test, and the same through ncg.

    In the template `vl` is the node `!vlans` and `v` the node `!vlans!v10`;
    `py` receives the loaded root Node.
    """

    ruby: str
    py: Callable[[Any], Any]

    def run(self, root: Any) -> str:
        try:
            return inspect(self.py(root))
        except RubyError as exc:
            return f"ERR {exc.ruby_name}: {exc.message}"


NODE_TEMPLATE_HEAD = '<% vl = @target["!vlans"]; v = vl["v10"] -%>\n'


def record_nodes(module_name: str) -> None:
    """Render every NodeCall with the original NCG (`ncg-orig`) and rewrite EXPECTED."""
    import pathlib
    import tempfile

    module = importlib.import_module(module_name)
    with tempfile.TemporaryDirectory() as tmp:
        here = pathlib.Path(tmp)
        (here / "main.neto").write_text(module.MODEL)
        lines = [f'<%= begin; ({case.ruby}).inspect; rescue => e; "ERR #{{e.class}}: '
                 f'#{{e.message}}"; end %>\n' for case in module.CASES]
        (here / "t.ncg").write_text(NODE_TEMPLATE_HEAD + "".join(lines))
        (here / "out").mkdir()
        subprocess.run(["ncg-orig", "main.neto"], cwd=here, capture_output=True, check=True)
        output = (here / "out" / "t.txt").read_text().split("\n")
    assert len(output) == len(module.CASES), output
    _rewrite_expected(module, output)


def _rewrite_expected(module: Any, output: list[str]) -> None:
    path = module.__file__
    text = open(path, encoding="utf-8").read()
    lines = "".join(f"    {line!r},\n" for line in output)
    text = re.sub(r"EXPECTED = \[\n.*?^\]\n", lambda _: f"EXPECTED = [\n{lines}]\n", text,
                  flags=re.S | re.M)
    open(path, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    sys.path.insert(0, ".")
    name = sys.argv[1]
    (record_nodes if name == "test_node_methods" else record)(f"tests.runtime.{name}")
