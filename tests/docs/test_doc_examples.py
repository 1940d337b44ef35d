"""Every example of docs/formats/*.md runs, and prints what the doc shows.

The expected outputs in the docs were recorded from the original NCG 0.10.3
(`python -m tests.docs.record_examples`); see tests/docs/examples.py for the
block forms. ncg runs in-process, in a fresh folder per console block, with
HOME, XDG_CACHE_HOME and TMPDIR inside tmp_path.
"""

from __future__ import annotations

import io
import signal
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from ncg import cli
from ncg.model import source
from tests.docs.examples import (
    Command,
    Console,
    all_consoles,
    cat_output,
    masked,
    parse,
    split_expected,
    write_files,
)

CONSOLES = all_consoles()


def _param(console: Console) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=console.xfail)] if console.xfail else []
    return pytest.param(console, id=console.name, marks=marks)


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A work folder as cwd, and a process state as a new `ncg` would start with."""
    for name in ("HOME", "XDG_CACHE_HOME", "TMPDIR"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def run_ncg(command: Command, folder: Path,
            monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """Run `ncg ARGS` in-process; (exit status, stdout, stderr)."""
    stdin = (folder / command.stdin).read_bytes() if command.stdin else b""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    monkeypatch.setattr(sys, "argv", list(command.argv))
    monkeypatch.setattr(source, "_stdin", None)
    out, err = io.StringIO(), io.StringIO()
    sigpipe = signal.getsignal(signal.SIGPIPE)
    status = 0
    try:
        with redirect_stdout(out), redirect_stderr(err):
            cli.main()
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    finally:
        signal.signal(signal.SIGPIPE, sigpipe)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("console", [_param(c) for c in CONSOLES])
def test_example(console: Console, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(isolated, console.files)
    for command in console.commands:
        where = f"{console.doc}:{command.line}: {command.render()}"
        if command.argv[0] == "cat":
            assert masked(cat_output(isolated, command.argv[1])) == masked(command.expected), where
            continue
        status, out, err = run_ncg(command, isolated, monkeypatch)
        expected_out, expected_err = split_expected(command)
        assert masked(out) == masked(expected_out), where
        assert err == expected_err, where
        assert status == (1 if expected_err else 0), where


def test_docs_have_examples() -> None:
    docs = {c.doc for c in CONSOLES}
    assert docs == {"neto.md", "neto_table.md", "ncg.md"}
    assert all(c.commands for c in CONSOLES)


def test_file_blocks_without_console_are_refused() -> None:
    text = "```neto title=a.neto\na = 1\n```\n"
    with pytest.raises(ValueError, match="never run"):
        parse("x.md", text)


def test_untitled_code_blocks_are_refused() -> None:
    with pytest.raises(ValueError, match="neither"):
        parse("x.md", "```neto\na = 1\n```\n")


def test_example_files_and_outputs_are_exact() -> None:
    text = ("```neto title=d/a.neto\nx\t= 1 \\\n```\n\n"
            "```console\n$ ncg -k d/a.neto\n!x\n$ cat out.txt\nline\n\n```\n")
    [console] = parse("x.md", text)
    assert console.files == {"d/a.neto": "x\t= 1 \\\n"}
    keys, cat = console.commands
    assert (keys.argv, keys.expected) == (["ncg", "-k", "d/a.neto"], "!x\n")
    assert (cat.argv, cat.expected) == (["cat", "out.txt"], "line\n\n")
