"""The runtime's API is closed: compiled templates call `rb.X` only for the
names `ncg.ruby.runtime.__all__` lists (docs/architecture.md describes them).

Checked two ways: on the code generator's own source (every `rb.X` it can
write), and on the Mako source compiled from a broad set of templates.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import ncg
import ncg.ruby.runtime as rb
from ncg.errors import RubyError
from ncg.template.engine import Environment
from ncg.template.layout import compile_template

ROOT = Path(__file__).resolve().parents[2]
RB_NAME = re.compile(r"\brb\.([A-Za-z_]\w*)")
# the installed package under test (not necessarily the checkout beside the tests)
PACKAGE = Path(ncg.__file__).resolve().parent
EMITTERS = ["ruby/codegen.py", "template/layout.py"]


def recorded_expressions() -> list[str]:
    """The Ruby of the runtime tests' `(ruby, python, expected)` cases, as templates."""
    found = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Tuple) and len(node.elts) > 1
                    and isinstance(node.elts[1], ast.Lambda)
                    and isinstance(node.elts[0], ast.Constant)
                    and isinstance(node.elts[0].value, str)):
                found.append(f"<%= ({node.elts[0].value}) %>")
    return found


def templates() -> list[str]:
    """Recorded compiler, ERB and runtime cases, and the sample's templates."""
    found = recorded_expressions()
    for recorded in ("recorded_compiler.json", "recorded_erb.json"):
        cases = json.loads((ROOT / "tests" / "template" / recorded).read_text(encoding="utf-8"))
        found += [case["template"] for case in cases]
    found += [path.read_text(encoding="utf-8")
              for path in sorted((ROOT / "sample" / "templates").rglob("*.ncg"))]
    return found


def compiled_names() -> set[str]:
    names: set[str] = set()
    for template in templates():
        try:
            names.update(RB_NAME.findall(compile_template(template, "t.ncg")))
        except RubyError:  # a template that does not compile emits nothing
            continue
    return names


def test_every_name_is_defined() -> None:
    assert sorted(name for name in rb.__all__ if not hasattr(rb, name)) == []


def test_the_code_generator_writes_only_runtime_api_names() -> None:
    written = {name for emitter in EMITTERS
               for name in RB_NAME.findall((PACKAGE / emitter).read_text(encoding="utf-8"))}
    assert {"send", "truthy", "call_fn", "block_iter"} <= written  # the scan sees what it must
    assert sorted(written - set(rb.__all__)) == []


def test_compiled_templates_call_only_runtime_api_names() -> None:
    called = compiled_names()
    assert len(templates()) > 1000 and {"send", "to_s", "bind_block_args"} <= called
    assert sorted(called - set(rb.__all__)) == []


def test_defined_asks_the_runtime_for_functions() -> None:
    # recorded: ruby -rerb -e 'print ERB.new(STDIN.read, trim_mode: "-").result'
    template = "<%= defined?(puts).inspect %> <%= defined?(nosuch).inspect %>"
    env = Environment()
    assert env.render(env.compile(template, "t.ncg"), {}) == '"method" nil'
