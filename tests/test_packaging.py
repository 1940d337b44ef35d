"""ncg's own files: the grammars are found beside the code, and a broken
install is reported as ncg's fault, never as the model line being read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ncg
from ncg.grammar_files import grammar_folder, grammar_texts

GRAMMARS = ["erb.lark", "neto.lark", "neto_table.lark", "ruby.lark"]


def test_every_grammar_is_found_beside_the_code() -> None:
    assert sorted(grammar_texts()) == GRAMMARS
    package = Path(ncg.__file__).resolve().parent
    assert Path(str(grammar_folder())).resolve() in (package / "grammars",
                                                     package.parent / "grammars")


@pytest.fixture
def broken_copy(tmp_path: Path) -> Path:
    """A copy of the ncg under test, laid out the same way, without grammars/neto.lark."""
    package = Path(ncg.__file__).resolve().parent
    grammars = Path(str(grammar_folder())).resolve()
    shutil.copytree(package, tmp_path / "lib" / "ncg",
                    ignore=shutil.ignore_patterns("__pycache__", "grammars"))
    copied = tmp_path / "lib" / grammars.relative_to(package.parent)
    shutil.copytree(grammars, copied, ignore=shutil.ignore_patterns("__pycache__"))
    (copied / "neto.lark").unlink()
    return tmp_path


def test_a_missing_grammar_is_not_blamed_on_the_model(broken_copy: Path) -> None:
    (broken_copy / "m.neto").write_text("a = 1\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(broken_copy / "lib")}
    proc = subprocess.run([sys.executable, "-m", "ncg", "-k", "m.neto"], cwd=broken_copy,
                          env=env, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout == ""
    [line] = proc.stderr.splitlines()
    assert line.startswith("ERROR(LoadError): ncg is not installed correctly: cannot read ")
    assert line.endswith("neto.lark: No such file or directory")
