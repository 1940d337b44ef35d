"""Real-world Ruby that ncg refuses when it compiles the template (the
original runs it): the error names the construct and its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.original.test_against_original import run_in_process

REFUSED = [
    ('<%- conf = { type: "tcp", port: 80 } -%>\n<%= case conf\nin { type: "tcp" } then "tcp"\n'
     'else "other"\nend %>\n',
     "unsupported Ruby: pattern matching (case/in) at t.ncg:3:1"),
    ("<%- Pt = Struct.new(:x, :y) do\n  def dist = Math.sqrt(x * x + y * y)\nend -%>\n"
     "<%= Pt.new(3, 4).dist %>\n",
     "unsupported Ruby: Struct.new with a block (a Struct's methods) at t.ncg:1:10"),
    ('<%- class Helper\n  def self.fmt(x) = "<#{x}>"\nend -%>\n<%= Helper.fmt(1) %>\n',
     "unsupported Ruby: class at t.ncg:1:5"),
    ("<%= [1].each { |a, k: 1| a } %>\n",
     "unsupported Ruby: keyword parameters of a block at t.ncg:1:20"),
    ("<%= ->(a, b = 1) { a }.(1) %>\n",
     "unsupported Ruby: this block parameter list at t.ncg:1:18"),
    ("<%= 1i %>\n", "unsupported Ruby: imaginary literal at t.ncg:1:5"),
]


@pytest.mark.parametrize(("template", "message"), REFUSED)
def test_refused_at_compile_time(template: str, message: str, tmp_path: Path,
                                 capfd: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_in_process(template, tmp_path, capfd, monkeypatch)
    assert result["status"] == 1
    assert result["out"] is None
    assert message in str(result["error"])
