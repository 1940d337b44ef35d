"""The command line: the original's flags, help text, version and flag errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# What NCG 0.10.3 prints for `ncg` with no arguments, with its own path as $0.
ORIGINAL_USAGE = """\
Usage: ncg [options] filename [...]
\tFor standard input, use '-' for filename
Options:
    -d, --dump                       dump the fully-parsed data structure
    -D, --debug                      enable debug mode
    -E, --error-dump=FILENAME        specify file to dump context to, if error occurs
    -k, --keys                       dump the list of keys
    -p, --paranoid                   enable paranoid mode
    -v, --verbose                    enable verbose mode
    -V, --version                    print version number
    -h, --help                       display this help and exit
"""


# ncg's own flags, listed as OptionParser would list them, before -h (its tail).
NEW_FLAG_LINES = """\
        --format=FORMAT              with -d: neto (default) or json
    -j, --jobs=N                     generate the configs on N processes
        --diff-against=DIR           compare the configs with those under DIR; write nothing
        --legacy-command=CMD         run the old tool CMD on a copy of the tree; compare
        --check                      compare the configs with the files in place
        --report=FILE                with the three above: also write an HTML report
        --translate                  print the Mako source of the templates FILE...
"""
HELP_LINE = "    -h, --help                       display this help and exit\n"
USAGE = ORIGINAL_USAGE.replace(HELP_LINE, NEW_FLAG_LINES + HELP_LINE)


def ncg(*args: str, cwd: Path | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ncg", *args], capture_output=True,
                          text=True, cwd=cwd, input=stdin)


def test_no_arguments_prints_usage() -> None:
    proc = ncg()
    assert (proc.returncode, proc.stdout) == (0, USAGE)


def test_usage_keeps_the_original_lines_in_order() -> None:
    assert ncg().stdout.replace(NEW_FLAG_LINES, "") == ORIGINAL_USAGE


def test_help_flags_print_usage() -> None:
    assert ncg("-h").stdout == USAGE
    assert ncg("--help", "x.neto").stdout == USAGE


def test_version() -> None:
    assert ncg("-V").stdout == "0.10.3\n"
    assert ncg("--version", "whatever.neto").stdout == "0.10.3\n"


def test_unknown_flag_is_one_error_line() -> None:
    proc = ncg("-x", "a.neto")
    assert proc.returncode == 1
    assert proc.stderr == "ERROR(OptionParser::InvalidOption): invalid option: -x\n"


def test_error_dump_flag_needs_a_file() -> None:
    proc = ncg("-E")
    assert proc.returncode == 1
    assert proc.stderr == "ERROR(OptionParser::MissingArgument): missing argument: -E\n"


def test_missing_model_file_reports_error_without_traceback(tmp_path: Path) -> None:
    proc = ncg("-k", "missing.neto", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.startswith("ERROR(RuntimeError): No file(s) found matching 'missing.neto'\n")
    assert "Traceback" not in proc.stderr


def test_keys_and_dump_from_stdin(tmp_path: Path) -> None:
    model = "a = 1\nb {\n    c = 2\n}\n"
    assert ncg("-k", "-", cwd=tmp_path, stdin=model).stdout == "!a\n!b\n!b!c\n"
    assert ncg("-d", "-", cwd=tmp_path, stdin=model).stdout == (
        "# <root>:0\na = 1\nb {\n    # <STDIN>:2\n    c = 2\n}\n"
    )
