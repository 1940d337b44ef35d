"""Reading the command line as NCG 0.10.3's OptionParser does.

Every expected error line and every reading of the original's flags was
recorded with `ncg-orig` (Ruby 3.1's OptionParser); the readings of ncg's
own flags with a Ruby OptionParser declaring them the same way
(`opts.on('-j', '--jobs=N', Integer)`, `opts.on('--format=FORMAT', [:neto, :json])`).
The original prints these errors as Ruby's uncaught exception; ncg prints
its one `ERROR(Class): message` line.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from ncg import cli
from ncg.options import HelpRequested, OptionError

ERRORS = [
    (["--ver"], "AmbiguousOption", "ambiguous option: --ver"),
    (["--v", "a"], "AmbiguousOption", "ambiguous option: --v"),
    (["--d"], "AmbiguousOption", "ambiguous option: --d"),
    (["--keys=1"], "NeedlessArgument", "needless argument: --keys=1"),
    (["--debug=1"], "NeedlessArgument", "needless argument: --debug=1"),
    (["--version=x"], "NeedlessArgument", "needless argument: --version=x"),
    (["--help=1"], "NeedlessArgument", "needless argument: --help=1"),
    (["-k=1"], "NeedlessArgument", "needless argument: -k=1"),
    (["--=x"], "NeedlessArgument", "needless argument: --=x"),
    (["-E"], "MissingArgument", "missing argument: -E"),
    (["--error-dump"], "MissingArgument", "missing argument: --error-dump"),
    (["--e"], "MissingArgument", "missing argument: --e"),
    (["-e"], "MissingArgument", "missing argument: -e"),
    (["-vE"], "MissingArgument", "missing argument: -E"),
    (["-x", "a.neto"], "InvalidOption", "invalid option: -x"),
    (["-xk"], "InvalidOption", "invalid option: -xk"),
    (["-kx"], "InvalidOption", "invalid option: -x"),
    (["-Vx"], "InvalidOption", "invalid option: -x"),
    (["-xh"], "InvalidOption", "invalid option: -xh"),
    (["-K"], "InvalidOption", "invalid option: -K"),
    (["--nope"], "InvalidOption", "invalid option: --nope"),
    (["--no-keys"], "InvalidOption", "invalid option: --no-keys"),
    (["---k"], "InvalidOption", "invalid option: ---k"),
    # Ruby's DidYouMean adds its suggestions to the message
    (["--dumpp"], "InvalidOption", "invalid option: --dumpp\nDid you mean?  dump"),
    (["--keyz"], "InvalidOption", "invalid option: --keyz\nDid you mean?  keys"),
    (["--Dumpp"], "InvalidOption", "invalid option: --Dumpp\nDid you mean?  dump"),
    (["--helpp"], "InvalidOption", "invalid option: --helpp\nDid you mean?  help"),
    (["--paranoyd"], "InvalidOption", "invalid option: --paranoyd\nDid you mean?  paranoid"),
    (["--errordump"], "InvalidOption", "invalid option: --errordump\nDid you mean?  error-dump"),
    (["--chek"], "InvalidOption", "invalid option: --chek\nDid you mean?  check"),
    # ncg's own flags, by the same rules
    (["-j", "x"], "InvalidArgument", "invalid argument: -j x"),
    (["-jx"], "InvalidArgument", "invalid argument: -jx"),
    (["--jobs=x"], "InvalidArgument", "invalid argument: --jobs=x"),
    (["--jobs="], "InvalidArgument", "invalid argument: --jobs="),
    (["--format", "yaml"], "InvalidArgument", "invalid argument: --format yaml"),
    (["--format=JSON"], "InvalidArgument", "invalid argument: --format=JSON"),
    (["--format"], "MissingArgument", "missing argument: --format"),
    (["--diff-against"], "MissingArgument", "missing argument: --diff-against"),
]

READINGS: list[tuple[list[str], dict[str, Any], list[str]]] = [
    (["--dum", "f"], {"dump": True}, ["f"]),
    (["--du", "--de", "f"], {"dump": True, "debug": True}, ["f"]),
    (["--verb", "--p", "--k"], {"verbose": True, "paranoid": True, "keys": True}, []),
    (["--vers"], {"version": True}, []),
    (["--Keys", "--KEYS"], {"keys": True}, []),
    (["-kv"], {"keys": True, "verbose": True}, []),
    (["-k-"], {"keys": True}, []),
    (["-dV"], {"dump": True, "version": True}, []),
    (["-Efile"], {"error_dump": "file"}, []),
    (["-E=x"], {"error_dump": "=x"}, []),
    (["-E="], {"error_dump": "="}, []),
    (["--error-dump=f"], {"error_dump": "f"}, []),
    (["--error-dump="], {"error_dump": ""}, []),
    (["--error-dum=x", "--err_dump=y"], {"error_dump": "y"}, []),
    (["--ERROR-DUMP=x"], {"error_dump": "x"}, []),
    (["--e-d", "x"], {"error_dump": "x"}, []),
    (["--error-dump", "-k"], {"error_dump": "-k"}, []),
    (["-E", "-k"], {"error_dump": "-k"}, []),
    (["-e", "x"], {"error_dump": "x"}, []),
    (["--"], {}, []),
    (["--", "-k"], {}, ["-k"]),
    (["--keys", "--", "-d", "f"], {"keys": True}, ["-d", "f"]),
    (["-"], {}, ["-"]),
    (["a.neto", "-k", "b.neto"], {"keys": True}, ["a.neto", "b.neto"]),
    # ncg's own flags
    (["-j", "2", "f"], {"jobs": 2}, ["f"]),
    (["-j2"], {"jobs": 2}, []),
    (["-j", "0x10"], {"jobs": 16}, []),
    (["-j", "010"], {"jobs": 8}, []),
    (["-j", "1_0"], {"jobs": 10}, []),
    (["--jo=3"], {"jobs": 3}, []),
    (["--format", "j"], {"format": "json"}, []),
    (["--fo=neto"], {"format": "neto"}, []),
    (["--format=js"], {"format": "json"}, []),
    (["-f", "json"], {"format": "json"}, []),
    (["--di", "old", "m.neto"], {"diff_against": "old"}, ["m.neto"]),
    (["--c", "--rep=r.html"], {"check": True, "report": "r.html"}, []),
    (["--legacy", "ruby ncg"], {"legacy_command": "ruby ncg"}, []),
]


@pytest.mark.parametrize(("argv", "kind", "message"), ERRORS)
def test_errors_worded_as_optionparser(argv: list[str], kind: str, message: str) -> None:
    with pytest.raises(OptionError) as caught:
        cli.PARSER.parse(argv)
    assert (caught.value.ruby_name, caught.value.message) == (f"OptionParser::{kind}", message)


@pytest.mark.parametrize(("argv", "values", "files"), READINGS)
def test_readings(argv: list[str], values: dict[str, Any], files: list[str]) -> None:
    parsed = cli.PARSER.parse(argv)
    assert (parsed.values, parsed.files) == (values, files)


@pytest.mark.parametrize("argv", [["-h", "-x"], ["-hx"], ["--he", "--nope"], ["-k", "--h"]])
def test_help_is_printed_as_soon_as_read(argv: list[str]) -> None:
    with pytest.raises(HelpRequested):
        cli.PARSER.parse(argv)


def test_posixly_correct_stops_at_the_first_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # ncg-orig: "No file(s) found matching 'nonexist -k'"
    monkeypatch.setenv("POSIXLY_CORRECT", "1")
    parsed = cli.PARSER.parse(["-v", "nonexist", "-k"])
    assert (parsed.values, parsed.files) == ({"verbose": True}, ["nonexist", "-k"])


def ncg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "ncg", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, check=False)


# DidYouMean::SpellChecker.new(dictionary: NAMES).correct(word), NAMES & it, from Ruby 3.1
SPELLING = {
    "dmp": ["dump"], "dupm": ["dump"], "kyes": ["keys"], "vrebose": ["verbose"],
    "dbug": ["debug"], "hlep": ["help"], "vresion": ["version"], "parnoid": ["paranoid"],
    "err-dmp": ["error-dump"], "chekc": ["check"], "repotr": ["report"], "jbos": ["jobs"],
    "jobz": ["jobs"], "formt": ["format"], "fromat": ["format"],
    "diff-agianst": ["diff-against"], "difagainst": ["diff-against"],
    "legacy-comand": ["legacy-command"], "legacycommand": ["legacy-command"],
    "x": [], "k": [], "v": [], "ve": [], "ab": [], "zz": [], "dump-x": ["dump"],
    "kes": ["keys"], "versoin": ["version"], "ver": [],
}


@pytest.mark.parametrize(("typed", "expected"), SPELLING.items())
def test_spelling_suggestions_as_ruby_makes_them(typed: str, expected: list[str]) -> None:
    from ncg.spelling import correct

    found = set(correct(typed, cli.PARSER.names))
    assert [name for name in dict.fromkeys(cli.PARSER.names) if name in found] == expected


def test_an_error_is_one_line_and_exit_1() -> None:
    proc = ncg("--ver", "a.neto")
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == "ERROR(OptionParser::AmbiguousOption): ambiguous option: --ver\n"


def test_flags_that_do_not_go_together() -> None:
    proc = ncg("--check", "--diff-against=old", "m.neto")
    assert (proc.returncode, proc.stderr) == (
        1, "ERROR(ArgumentError): --diff-against, --legacy-command and --check go one at a time\n")
    proc = ncg("--report=r.html", "m.neto")
    assert (proc.returncode, proc.stderr) == (
        1, "ERROR(ArgumentError): --report goes with --diff-against, --legacy-command or --check\n")


def test_completion_flags_are_typers_and_exact_only() -> None:
    shown = ncg("--show-completion", "bash")
    assert shown.returncode == 0
    assert "_NCG_COMPLETE" in shown.stdout
    # abbreviated, they are no flags: the original's rules say so
    refused = ncg("--show", "bash").stderr
    assert refused == "ERROR(OptionParser::InvalidOption): invalid option: --show\n"
    assert "--install-completion" not in ncg("-h").stdout


def test_the_shell_completes_every_flag() -> None:
    proc = ncg(env={"_NCG_COMPLETE": "complete_bash", "COMP_WORDS": "ncg --", "COMP_CWORD": "1"})
    offered = set(proc.stdout.split())
    for flag in [*cli.FLAGS, *cli.TAIL]:
        assert f"--{flag.long}" in offered
    proc = ncg(env={"_NCG_COMPLETE": "complete_bash", "COMP_WORDS": "ncg --di", "COMP_CWORD": "1"})
    assert proc.stdout.split() == ["--diff-against"]
