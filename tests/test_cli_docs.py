"""docs/cli.md and the README agree with `ncg -h`, and the README's tour runs.

The tour's console blocks run one after another in a copy of the sample,
with `ncg` on PATH running this checkout's ncg; a `...` line in a block
stands for any number of lines of output.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LONG_FLAG = re.compile(r"--[a-z][a-z-]+")
SHORT_FLAG = re.compile(r"(?<![\w-])-[a-zA-Z](?![\w-])")


def ncg_help() -> str:
    return subprocess.run([sys.executable, "-m", "ncg", "-h"], capture_output=True,
                          text=True, check=True).stdout


def flags_in(text: str) -> set[str]:
    return set(LONG_FLAG.findall(text)) | set(SHORT_FLAG.findall(text))


def help_flags() -> set[str]:
    options = ncg_help().split("Options:\n", 1)[1]
    # the flags' column only: the descriptions may name flags too
    return flags_in("\n".join(line[:37] for line in options.splitlines()))


def test_cli_md_lists_every_flag_of_the_help() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text()
    rows = "\n".join(line.split("|")[1] for line in doc.splitlines()
                     if line.startswith("| `"))
    assert flags_in(rows) == help_flags()
    assert len(help_flags()) == 24  # the original's 8 flags (16 names), ncg's 7 (8)


def test_readme_usage_lists_every_flag_of_the_help() -> None:
    readme = (ROOT / "README.md").read_text()
    usage = readme.split("## Usage\n", 1)[1].split("\n\n", 1)[0]
    assert flags_in("\n".join(line[:33] for line in usage.splitlines())) == help_flags()


def tour_blocks() -> list[list[tuple[str, list[str]]]]:
    """The tour's console blocks: each a list of (command, expected lines)."""
    readme = (ROOT / "README.md").read_text()
    tour = readme.split("## A one-minute tour\n", 1)[1].split("\n## ", 1)[0]
    blocks = []
    for block in re.findall(r"```console\n(.*?)```", tour, re.S):
        commands: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            else:
                commands[-1][1].append(line)
        blocks.append(commands)
    return blocks


def matches(expected: list[str], actual: list[str]) -> bool:
    """`expected` with each `...` line standing for any number of lines."""
    pattern = "".join(r"(?:.*\n)*?" if line == "..." else re.escape(line + "\n")
                      for line in expected)
    return re.fullmatch(pattern, "".join(f"{line}\n" for line in actual)) is not None


@pytest.fixture
def shim(tmp_path: Path) -> dict[str, str]:
    """An environment with `ncg` on PATH: this checkout's, under this Python."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "ncg"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ncg "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": pythonpath}


def test_the_readme_tour_runs(tmp_path: Path, shim: dict[str, str]) -> None:
    work = tmp_path / "work"
    shutil.copytree(ROOT / "sample", work / "sample")
    shutil.rmtree(work / "sample" / "out", ignore_errors=True)
    cwd = work
    blocks = tour_blocks()
    assert len(blocks) == 3
    for block in blocks:
        for command, expected in block:
            if command.startswith("cd "):
                cwd = cwd / command[3:]
                continue
            proc = subprocess.run(["sh", "-c", command], cwd=cwd, env=shim,
                                  capture_output=True, text=True, check=False)
            assert proc.stderr == "", command
            assert matches(expected, proc.stdout.splitlines()), (command, proc.stdout)


def test_dots_stand_for_lines_and_nothing_else() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "...", "d"], ["a", "d"])
    assert not matches(["a", "...", "d"], ["a", "b", "c", "d", "e"])
    assert not matches(["a", "c"], ["a", "b", "c"])
