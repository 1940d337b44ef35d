"""Ruby 3.1's `Did you mean?` lines under NameError and NoMethodError messages.

cases.json holds templates and what the original NCG (under Ruby 3.1, with
did_you_mean) rendered or raised for each, the whole message included
(re-record with `python -m tests.runtime.did_you_mean.record`, after adding
templates to the file). Object addresses read 0xADDR.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path
from typing import Any

import pytest

import ncg.ruby.runtime as rb
from ncg.app import environment
from ncg.errors import NameError_, NoMethodError, RubyError
from ncg.settings import Settings

HERE = Path(__file__).parent
CASES = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))


def render(template: str) -> tuple[str | None, str | None]:
    """(output, "Class: message") as ncg renders `template` with NCG's helpers."""
    rb.reset_globals()
    env = environment(Settings(), "ncg")
    try:
        return env.render(env.compile(template, "t.ncg"), {}), None
    except RubyError as exc:
        return None, f"{exc.ruby_name}: {re.sub(r'0x[0-9a-f]+', '0xADDR', exc.message)}"


@pytest.mark.parametrize("case", CASES, ids=[c["template"][:50] for c in CASES])
def test_matches_ruby(case: dict[str, Any]) -> None:
    assert render(case["template"]) == (case["output"], case["error"])


def test_suggestions_are_worked_out_when_the_message_is_read() -> None:
    asked = []

    def suggest(error: NameError_) -> list[str]:
        asked.append(error)
        return ["upcase", "upcase!"]

    error = NoMethodError("undefined method `upcas' for \"x\":String", suggest)
    assert not asked
    text = ("undefined method `upcas' for \"x\":String"
            "\nDid you mean?  upcase\n               upcase!")
    assert str(error) == text
    assert error.message == text
    assert len(asked) == 1


def test_a_failing_suggester_leaves_the_message_alone() -> None:
    def suggest(_error: NameError_) -> list[str]:
        raise KeyError("x")

    assert NameError_("undefined local variable or method `x'", suggest).message == (
        "undefined local variable or method `x'")


def test_pickled_with_its_suggestions() -> None:
    error = NoMethodError("m", lambda _e: ["a"])
    error.add_location("t.ncg:1")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is NoMethodError
    assert copy.message == "m\nDid you mean?  a"
    assert copy.trace == ["t.ncg:1"]
