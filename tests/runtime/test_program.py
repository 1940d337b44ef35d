"""The process a template runs in: `$0` as the user invoked ncg, and a run
that starts from the original's state (ARGV, the libraries loaded)."""

from __future__ import annotations

import sys

import pytest

import ncg.ruby.runtime as rb
from ncg.ruby.runtime import libraries


@pytest.mark.parametrize(("argv0", "expected"), [
    ("/usr/local/bin/ncg", "/usr/local/bin/ncg"),
    ("ncg", "ncg"),
    ("/src/ncg/ncg/__main__.py", "ncg"),
])
def test_program_name(argv0: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", [argv0, "model.neto"])
    assert rb.program_name() == expected


def test_a_run_begins_from_the_original_state() -> None:
    rb.begin_run(["a.neto", "-"])
    assert rb.const("ARGV") == ["a.neto", "-"] and rb.argv() is rb.const("ARGV")
    assert libraries.require("set") is True and libraries.require("set") is False
    rb.begin_run([])
    assert rb.const("ARGV") == []
    assert libraries.require("set") is True
    assert libraries.require("erb") is False
    rb.begin_run([])
