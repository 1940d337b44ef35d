"""The conformance suite: ncg against what the original NCG 0.10.3 printed.

The suite lives outside this repository, in ../shared/conformance (beside the
checkout). Each case becomes one test here; without the suite they are
skipped, saying why.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

SUITE = Path(__file__).resolve().parents[2] / "shared" / "conformance"
CASES = sorted(p.parent.name for p in SUITE.glob("cases/*/case.json"))
NCG = f"{sys.executable} -m ncg"


def run_suite_case(name: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(SUITE / "run"), "--ncg", NCG, "-k", name],
        capture_output=True, text=True, timeout=600, cwd=Path(__file__).resolve().parents[1],
    )
    return proc.stdout + proc.stderr


def failures_of(output: str, name: str) -> list[str]:
    """The FAIL blocks of case `name` exactly (-k also matches longer names)."""
    blocks = re.split(r"(?m)^(?=FAIL |ok   )", output)
    return [b for b in blocks if b.startswith(f"FAIL {name} [")]


@pytest.mark.skipif(not SUITE.is_dir(), reason=f"conformance suite not found at {SUITE}")
@pytest.mark.parametrize("name", CASES or ["<none>"])
def test_case_matches_original(name: str) -> None:
    assert json.loads((SUITE / "cases" / name / "case.json").read_text(encoding="utf-8"))["args"]
    output = run_suite_case(name)
    assert f"ok   {name} [" in output or failures_of(output, name), output
    assert not failures_of(output, name), "\n".join(failures_of(output, name))
