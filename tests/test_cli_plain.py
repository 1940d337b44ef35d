"""Command lines of on/off flags and files are read without typer (see
`cli.plain_command_line`), exactly as typer reads them."""

from __future__ import annotations

import pytest
import typer

from ncg import cli

PLAIN = [
    [],
    ["net.neto"],
    ["-k", "net.neto"],
    ["net.neto", "-d", "more.neto"],
    ["-", "--verbose", "-v", "--paranoid", "-p", "-D", "--debug", "--keys", "--dump"],
    ["-V", "x"],
    ["--version"],
    ["-h", "net.neto"],
    ["--help"],
    ["", "a b.neto"],
]
FOR_TYPER = [
    ["-E", "dump", "net.neto"],
    ["--error-dump=dump", "net.neto"],
    ["-kv", "net.neto"],
    ["--", "-k"],
    ["--keys=1"],
    ["--key", "net.neto"],
    ["-x"],
    ["-Efile"],
]


@pytest.mark.parametrize("args", PLAIN)
def test_plain_command_lines_read_as_typer_reads_them(args: list[str]) -> None:
    plain = cli.plain_command_line(args)
    assert plain is not None
    context = typer.main.get_command(cli.app).make_context("ncg", list(args))
    assert {**context.params, "files": context.params["files"] or None} == {
        **{name: value for name, value in context.params.items() if value is False},
        "error_dump": None,
        **plain,
    }


@pytest.mark.parametrize("args", FOR_TYPER)
def test_other_command_lines_are_left_to_typer(args: list[str]) -> None:
    assert cli.plain_command_line(args) is None


def test_every_on_off_flag_is_known() -> None:
    flags = cli.plain_flags()
    assert flags["-k"] == flags["--keys"] == "keys"
    assert flags["-h"] == "help_"
    assert "-E" not in flags and "--error-dump" not in flags
