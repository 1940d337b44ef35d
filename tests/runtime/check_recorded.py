"""Re-run real Ruby over the recorded case tables and report any expected value
that Ruby no longer prints: `python -m tests.runtime.check_recorded [MODULE...]`.

A table module holds `CASES = [(ruby_expression, python_call, expected), ...]`
and optionally `RUBY_PRELUDE` (Ruby run first, e.g. loading NCG's own
netomata/ipaddr.rb from the original sources). The expected value is what
`p(expr)` prints, or `Class: first line of the message` for an exception.
Needs `ruby` (3.1, as the values were recorded with) and TZ=UTC.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

TABLES = [
    "test_numbers", "test_kernel", "test_objects", "test_ranges", "test_errors_ruby",
    "test_ipaddr_ruby", "test_file", "test_time",
]


def ruby_outcomes(expressions: list[str], prelude: str = "") -> list[str]:
    """What Ruby prints for each expression, one line each."""
    program = [prelude, "require 'ipaddr'"]
    for expression in expressions:
        program.append(
            f"begin; puts(({expression}).inspect); rescue Exception => ex; "
            "puts(ex.class.to_s + ': ' + (ex.message.lines[0] || '').chomp); end"
        )
    result = subprocess.run(
        ["ruby", "-e", "\n".join(program)], capture_output=True, text=True, check=True,
        env={**os.environ, "TZ": "UTC", "LANG": "C.UTF-8"},
    )
    return result.stdout.split("\n")[: len(expressions)]


def check(module_name: str) -> int:
    table = importlib.import_module(f"tests.runtime.{module_name}")
    cases = table.CASES
    printed = ruby_outcomes([c[0] for c in cases], getattr(table, "RUBY_PRELUDE", ""))
    stale = [(c[0], c[2], now) for c, now in zip(cases, printed, strict=True) if c[2] != now]
    for expression, recorded, now in stale:
        print(f"{module_name}: {expression}\n  recorded: {recorded}\n  ruby now: {now}")
    return len(stale)


def main(names: list[str]) -> int:
    stale = sum(check(name) for name in names or TABLES)
    print(f"{stale} stale expected value(s)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
