"""`python -m ncg` prints Ruby's `Did you mean?` lines under the ERROR line, as
the original NCG does. Expected blocks recorded with `ncg-orig net.neto` on
the same tiny model (the original's `at t.ncg:1:in `binding'` reads
`at t.ncg:1` in ncg, on purpose); addresses read 0xADDR.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

MODEL = "host {\n    name = alpha\n    ncg_template = t.ncg\n    ncg_output = out.cfg\n}\n"
SELF = ('#<Netomata::Template::Context:0xADDR @net={"host"=>{"name"=>"alpha", '
        '"ncg_template"=>"t.ncg", "ncg_output"=>"out.cfg"}}, @target_key="!host", '
        '@target={"name"=>"alpha", "ncg_template"=>"t.ncg", "ncg_output"=>"out.cfg"}, '
        '@erb_result="">')
NODE = '{"name"=>"alpha", "ncg_template"=>"t.ncg", "ncg_output"=>"out.cfg"}:Netomata::Node'
CASES = [
    ('<%= "x".upcas %>',
     "ERROR(NoMethodError): undefined method `upcas' for \"x\":String\n"
     "Did you mean?  upcase\n               upcase!\n"),
    ("<% foo = 1 %><%= fooo %>",
     f"ERROR(NameError): undefined local variable or method `fooo' for {SELF}\n"
     "Did you mean?  foo\n"),
    ('<%= emit_headr("#") %>',
     f"ERROR(NoMethodError): undefined method `emit_headr' for {SELF}\n"
     "Did you mean?  emit_header\n"),
    ("<%= @target.kyes %>",
     f"ERROR(NoMethodError): undefined method `kyes' for {NODE}\nDid you mean?  keys\n"),
    ("<%= targt %>",
     f"ERROR(NameError): undefined local variable or method `targt' for {SELF}\n"
     "Did you mean?  @target\n"),
]


@pytest.mark.parametrize(("template", "expected"), CASES, ids=[c[0] for c in CASES])
def test_error_block_as_the_original(tmp_path: Path, template: str, expected: str) -> None:
    (tmp_path / "net.neto").write_text(MODEL, encoding="utf-8")
    (tmp_path / "t.ncg").write_text(template + "\n", encoding="utf-8")
    root = str(Path(__file__).parents[3])
    run = subprocess.run([sys.executable, "-m", "ncg", "net.neto"], cwd=tmp_path,
                         capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": root})
    assert run.returncode != 0
    block = run.stderr[run.stderr.index("ERROR("):]
    block = re.sub(r"0x[0-9a-f]+", "0xADDR", block)
    assert block.startswith(expected + "\tat t.ncg:1")
