"""Templates whose output the original NCG (Ruby 3.1) recorded, and how ncg renders them.

A case file (`recorded_*.json`, written by `python -m tests.ruby.record FILE`)
holds, for each template, the original's "output", what it printed on
"stdout"/"stderr", and the "error" it raised ("Class: message", or null).
`check` renders a case with ncg and asserts the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ncg.ruby.runtime as rb
from ncg.app import environment
from ncg.errors import RubyError
from ncg.settings import Settings

HERE = Path(__file__).parent


def load(name: str) -> list[Any]:
    """The cases of `name`, as pytest params with the template as id."""
    cases = json.loads((HERE / name).read_text(encoding="utf-8"))
    return [
        pytest.param(case, id=f"{case.get('topic', '')}: {case['template'][:60]}") for case in cases
    ]


def check(case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """ncg renders the case's template as the original did (output, printed text, error)."""
    capsys.readouterr()
    rb.reset_globals()  # each case starts a run of its own
    try:
        env = environment(Settings(), "ncg")  # with NCG's helpers, as a run has them
        output = env.render(env.compile(case["template"], "t.ncg"), {})
    except RubyError as exc:
        assert case["error"] is not None, f"ncg raised {exc.ruby_name}: {exc.message}"
        ruby_class, _, message = case["error"].partition(": ")
        assert exc.ruby_name == ruby_class
        if ruby_class != "SyntaxError":  # ncg words syntax errors its own way
            assert exc.message == message
        if case.get("error_line"):
            assert exc.trace[0] == f"t.ncg:{case['error_line']}"
    else:
        assert case["error"] is None, f"ncg rendered {output!r}"
        assert output == case["output"]
    printed = capsys.readouterr()
    assert (printed.out, printed.err) == (case["stdout"], case["stderr"])
