"""The runnable examples of docs/formats/*.md, and how to compare their output.

Every fenced block in those docs is part of an example:

- a file: the info string names its path, e.g. ```` ```neto title=main.neto ````;
  the block's text is the file's content, byte for byte (tabs included);
- a console session: ```` ```console ````, lines `$ ncg ARGS` (optionally
  `< FILE` for standard input) or `$ cat FILE`, each followed by what it
  prints.

An example is a run of file blocks followed by the console blocks after them;
the next file block starts a new example. Each console block runs in a fresh
folder holding the example's files, its commands one after another.

What a command prints is compared exactly, with two conventions:
- `ncg`: the text up to the first line starting with `ERROR(` is standard
  output, the rest standard error; the exit status is 1 when there is an
  error part, else 0.
- `cat FILE`: the block's text is the file's content plus one newline (ncg
  removes a generated file's final newline, so the usual file ends without
  one; a file that does end with a newline shows an empty last line).
The volatile lines of `emit_header` (Date, User, Host, Directory, Command)
are compared up to their colon.

An HTML comment just before a console block can say how it relates to the
original NCG, whose output the blocks record:
- `<!-- xfail: REASON -->`: ncg is known to differ from the original here;
  the block keeps the original's output and the test is a strict xfail;
- `<!-- ncg-only: REASON -->`: the original has no such output to record
  (a message worded by ncg itself, say); the block shows ncg's output.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats"

_FENCE = re.compile(r"^```(.*)$")
_TITLE = re.compile(r"^\S+ title=(\S+)$")
_MARKER = re.compile(r"^<!-- (xfail|ncg-only): (.+) -->$")
_VOLATILE = re.compile(r"^(.*?)(Date|User|Host|Directory|Command): .*$", re.M)


class DocFormatError(ValueError):
    """A fenced block that is not one of the example forms."""


@dataclass
class Command:
    """One `$ ...` line of a console block and what it prints."""

    line: int
    argv: list[str]
    stdin: str | None = None
    output: list[str] = field(default_factory=list)

    @property
    def expected(self) -> str:
        return "".join(line + "\n" for line in self.output)

    def render(self) -> str:
        """The command as written in the doc."""
        text = "$ " + shlex.join(self.argv)
        return text + (f" < {self.stdin}" if self.stdin else "")


@dataclass
class Console:
    """A console block: the files it runs with and its commands."""

    doc: str
    line: int  # of the opening fence
    end: int  # of the closing fence
    files: dict[str, str]
    commands: list[Command]
    xfail: str | None = None
    ncg_only: str | None = None

    @property
    def name(self) -> str:
        return f"{self.doc}:{self.line}"


def _parse_command(line: int, text: str) -> Command:
    words = shlex.split(text[2:])
    stdin = None
    if len(words) >= 2 and words[-2] == "<":
        stdin, words = words[-1], words[:-2]
    if not words or words[0] not in ("ncg", "cat") or (words[0] == "cat" and len(words) != 2):
        raise DocFormatError(f"line {line}: unsupported command {text!r}")
    return Command(line, words, stdin)


def _parse_console(doc: str, start: int, lines: list[str]) -> list[Command]:
    commands: list[Command] = []
    for offset, text in enumerate(lines):
        if text.startswith("$ "):
            commands.append(_parse_command(start + 1 + offset, text))
        elif not commands:
            raise DocFormatError(f"{doc}:{start}: a console block starts with `$ ncg`")
        else:
            commands[-1].output.append(text)
    if not commands:
        raise DocFormatError(f"{doc}:{start}: empty console block")
    return commands


def parse(doc: str, text: str) -> list[Console]:
    """Every console block of a doc, with the files of its example."""
    lines = text.split("\n")
    consoles: list[Console] = []
    files: dict[str, str] = {}
    fresh = True  # the next file block starts a new example
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j] == "```"), None)
        if end is None:
            raise DocFormatError(f"{doc}:{i + 1}: unclosed fence")
        body = lines[i + 1:end]
        info = opening.group(1).strip()
        title = _TITLE.match(info)
        if title:
            if fresh:
                files, fresh = {}, False
            files[title.group(1)] = "".join(line + "\n" for line in body)
        elif info == "console":
            if not files:
                raise DocFormatError(f"{doc}:{i + 1}: a console block needs file blocks before it")
            marker = _MARKER.match(lines[i - 1]) if i else None
            kind, reason = marker.groups() if marker else ("", None)
            consoles.append(Console(doc, i + 1, end + 1, dict(files),
                                    _parse_console(doc, i + 1, body),
                                    reason if kind == "xfail" else None,
                                    reason if kind == "ncg-only" else None))
            fresh = True
        else:
            raise DocFormatError(f"{doc}:{i + 1}: fenced block {info!r} is neither "
                                 "a file (LANG title=PATH) nor a console session")
        i = end + 1
    if not fresh:
        raise DocFormatError(f"{doc}: file blocks at the end are never run")
    return consoles


def all_consoles() -> list[Console]:
    return [console for path in sorted(DOCS.glob("*.md"))
            for console in parse(path.name, path.read_text(encoding="utf-8"))]


def write_files(folder: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))


def masked(text: str) -> str:
    return _VOLATILE.sub(r"\1\2: ...", text)


def split_expected(command: Command) -> tuple[str, str]:
    """(stdout, stderr) that an ncg command is expected to print."""
    out: list[str] = []
    for n, line in enumerate(command.output):
        if line.startswith("ERROR("):
            return "".join(x + "\n" for x in out), "".join(
                x + "\n" for x in command.output[n:])
        out.append(line)
    return command.expected, ""


def cat_output(folder: Path, name: str) -> str:
    """What `$ cat NAME` shows in a doc: the content and one newline."""
    path = folder / name
    if not path.is_file():
        return f"cat: {name}: No such file or directory\n"
    return path.read_bytes().decode("utf-8") + "\n"
