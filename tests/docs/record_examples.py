"""Record the docs' example outputs from the original NCG 0.10.3.

    python -m tests.docs.record_examples [--write] [DOC.md...]

Runs every console block of docs/formats/*.md with `ncg-orig` (the original,
on PATH) and, for comparison, with this checkout's `python -m ncg`; prints
each block whose recording differs from the doc or from ncg. `--write` puts
the original's output into the docs (ncg's, for a block marked ncg-only).
Not a test: tests never run the original.

The original follows its `ERROR(Class): message` / `\\tat FILE:LINE` report
with a Ruby backtrace, and Ruby 3.1 appends code excerpts to some messages;
what is recorded is the first line of the message, then the places of the
backtrace that are files of the example (`\\tat` the first, `\\tfrom` the
others), which is the report ncg prints. Where the original points into its
own code instead, no model place exists to record, and ncg's own `\\tat` line
(a model or template line) is kept; the script says so.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.docs.examples import (
    DOCS,
    Command,
    Console,
    cat_output,
    masked,
    parse,
    write_files,
)

CHECKOUT = Path(__file__).resolve().parents[2]
_FRAME = re.compile(r"^(.*?:\d+)(:in .*)?$")
_LIBRARY = ("/work/orig-ncg/", "/usr/lib/ruby/", "/lib/ruby/")


def _frame(text: str) -> tuple[str, bool]:
    """(file:line, whether it named a method) for one backtrace entry."""
    match = _FRAME.match(text)
    return (match.group(1), bool(match.group(2))) if match else (text, False)


def _is_library(place: str) -> bool:
    return any(place.startswith(prefix) or prefix in place for prefix in _LIBRARY)


def original_report(stderr: str) -> tuple[list[str], bool]:
    """The original's error as ncg reports it; and whether it named a model place."""
    lines = stderr.split("\n")
    error = lines[0]
    at = next(line[4:] for line in lines if line.startswith("\tat "))
    start = lines.index("BACKTRACE") + 3 if "BACKTRACE" in lines else len(lines)
    frames = [at] + [line[6:] for line in lines[start:] if line.startswith("\tfrom ")]
    first, in_method = _frame(at)
    if _is_library(first):
        return [error], False
    places = []
    for entry in frames:
        place, named = _frame(entry)
        if not in_method and named:
            break  # the model files end where Ruby's own frames begin
        if not _is_library(place):
            places.append(place)
    return [error, f"\tat {places[0]}", *(f"\tfrom {p}" for p in places[1:])], True


def _run(argv: list[str], folder: Path, stdin: str | None, env: dict[str, str]) -> tuple[str, str]:
    data = (folder / stdin).read_bytes() if stdin else b""
    proc = subprocess.run(argv, cwd=folder, input=data, capture_output=True, env=env)
    return proc.stdout.decode(), proc.stderr.decode()


def run_block(console: Console, original: bool) -> tuple[list[list[str]], list[str]]:
    """Each command's output lines, run by the original or by ncg; and notes."""
    notes: list[str] = []
    outputs = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_files(folder, console.files)
        env = {**os.environ, "PYTHONPATH": str(CHECKOUT), "HOME": tmp, "XDG_CACHE_HOME": tmp}
        program = ["ncg-orig"] if original else [sys.executable, "-m", "ncg"]
        for command in console.commands:
            if command.argv[0] == "cat":
                outputs.append(cat_output(folder, command.argv[1]).split("\n")[:-1])
                continue
            out, err = _run(program + command.argv[1:], folder, command.stdin, env)
            if original and err:
                report, located = original_report(err)
                if not located:
                    notes.append(f"{command.render()}: the original points into its own code")
                err = "".join(line + "\n" for line in report)
            outputs.append((out + err).split("\n")[:-1])
    return outputs, notes


def _show(commands: list[Command], outputs: list[list[str]]) -> list[str]:
    return [line for command, output in zip(commands, outputs, strict=True)
            for line in [command.render(), *output]]


def record(console: Console) -> tuple[list[str], bool]:
    """The block's body as the original prints it; report differences."""
    ported, _ = run_block(console, original=False)
    if console.ncg_only:
        print(f"{console.name}: note: ncg's own output ({console.ncg_only})")
        recorded, notes = [list(output) for output in ported], []
    else:
        recorded, notes = run_block(console, original=True)
    if notes:  # keep ncg's location where the original had none to give
        for output, theirs in zip(recorded, ported, strict=True):
            if output and output[-1].startswith("ERROR("):
                output.extend(line for line in theirs if line.startswith(("\tat ", "\tfrom ")))
    body = _show(console.commands, recorded)
    current = _show(console.commands, [c.output for c in console.commands])
    ours = _show(console.commands, ported)
    changed = masked("\n".join(body)) != masked("\n".join(current))
    for note in notes:
        print(f"{console.name}: note: {note}")
    if masked("\n".join(body)) != masked("\n".join(ours)):
        print(f"{console.name}: ncg differs from the original"
              + (" (marked xfail)" if console.xfail else ""))
        print("\n".join(difflib.unified_diff(body, ours, "original", "ncg", lineterm="")))
    if changed:
        print(f"{console.name}: the doc differs from the recording")
        print("\n".join(difflib.unified_diff(current, body, "doc", "original", lineterm="")))
    return body, changed


def main(args: list[str]) -> int:
    write = "--write" in args
    names = [a for a in args if a != "--write"]
    paths = [DOCS / n for n in names] if names else sorted(DOCS.glob("*.md"))
    changes = 0
    for path in paths:
        lines = path.read_text(encoding="utf-8").split("\n")
        for console in reversed(parse(path.name, "\n".join(lines))):
            body, changed = record(console)
            if changed:  # else keep the doc's own Date:, User:… lines
                changes += 1
                lines[console.line:console.end - 1] = body
        if write:
            path.write_text("\n".join(lines), encoding="utf-8")
    print(f"{changes} block(s) differ from the recording" + (" (written)" if write else ""))
    return 1 if changes and not write else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
