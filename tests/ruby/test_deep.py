"""Long and deeply nested code (issue 8.9) compiles and runs as in the original.

5,000-term chains, 300 nested `if`s, long `elsif`/ternary chains, deep
blocks, loops and `begin`s: Python limits nesting (100 levels of
indentation, 20 nested loops, 200 parentheses) where Ruby does not. The
templates and the original NCG's results are in recorded_deep.json.
"""

from __future__ import annotations

from typing import Any

import pytest

from ncg.errors import CompileError
from ncg.template.layout import compile_template
from tests.ruby.recorded import check, load


@pytest.mark.parametrize("case", load("recorded_deep.json"))
def test_deep_code_matches_the_original(
    case: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    check(case, capsys)


def test_blocks_nested_beyond_python_are_refused_by_name() -> None:
    template = "<% " + "[1].each { " * 80 + "1" + " }" * 80 + " %>"
    with pytest.raises(CompileError, match=r"blocks nested more than 75 deep at t\.ncg:1:\d+"):
        compile_template(template, "t.ncg")
