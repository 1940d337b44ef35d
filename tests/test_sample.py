"""The sample network in sample/: ncg writes exactly the configs in sample/expected/.

sample/expected/ was recorded by running the original NCG 0.10.3 on the same
model; the emit_header lines that depend on when, where and by whom ncg ran
are masked on both sides.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "sample"
EXPECTED = sorted((SAMPLE / "expected").iterdir())
VOLATILE = re.compile(r"(?m)^(.*?\b)(Date|User|Host|Directory|Command):( .*)?$")


def mask(text: str) -> str:
    return VOLATILE.sub(r"\1\2: <masked>", text)


# The same configs whatever the locale; Python is kept from coercing C to C.UTF-8.
LOCALES = {"C.UTF-8": {}, "C": {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0"}}


@pytest.fixture(scope="module", params=list(LOCALES))
def generated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("sample") / "sample"
    shutil.copytree(SAMPLE, work, ignore=shutil.ignore_patterns("expected", "out"))
    proc = subprocess.run([sys.executable, "-m", "ncg", "network.neto"], cwd=work,
                          env={**os.environ, **LOCALES[request.param]}, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == proc.stderr == b""
    return work / "out"


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name)
def test_sample_config_matches(generated: Path, expected: Path) -> None:
    written = (generated / expected.name).read_text(encoding="utf-8")
    assert mask(written) == expected.read_text(encoding="utf-8")


def test_sample_writes_nothing_else(generated: Path) -> None:
    assert sorted(p.name for p in generated.iterdir()) == [p.name for p in EXPECTED]


# What a run whose templates are all cached never needs: the compilers (Lark,
# the Ruby parser, ncg's), the shell completion (typer), IPv6 (netaddr),
# modules only a template's call needs, and Mako's plugins (importlib.metadata
# is lazy: its email.message is not imported).
NOT_IMPORTED_WARM = ("lark", "typer", "netaddr", "pygments", "ncg.ruby.syntax.parser",
                     "ncg.template.layout", "ncg.template.translate", "uuid", "email.message")
RUN_AND_LIST_MODULES = """
import sys
sys.argv = ["ncg", "network.neto"]
from ncg.cli import main
main()
with open(sys.argv[-1] + ".modules", "w") as listing:
    listing.write("\\n".join(sorted(sys.modules)))
"""


def test_a_warm_run_imports_no_compiler(tmp_path: Path) -> None:
    work = tmp_path / "sample"
    shutil.copytree(SAMPLE, work, ignore=shutil.ignore_patterns("expected", "out"))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    imported = []
    for _ in ("cold", "warm"):
        proc = subprocess.run([sys.executable, "-c", RUN_AND_LIST_MODULES], cwd=work, env=env,
                              capture_output=True, text=True)
        assert (proc.returncode, proc.stderr) == (0, "")
        imported.append(set((work / "network.neto.modules").read_text().split()))
    cold, warm = imported
    assert {"lark", "ncg.template.layout"} <= cold  # the first run compiled the templates
    assert sorted(warm.intersection(NOT_IMPORTED_WARM)) == []
