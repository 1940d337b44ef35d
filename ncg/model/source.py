"""Reading model files: globs, several files as one stream, the reading stack.

A `FileSet` is what an `include`, `table` or command line names: patterns
expanded like Ruby's Dir.glob, read one after another as a single stream of
lines.  Lines ending in a backslash continue on the next line, with the line
numbering NCG 0.10.3 gives them (its FileSet#each_line_cont moves the line
counter back while it holds a continued line and forward again afterwards,
without resetting when what it held was empty; the recorded dumps show it).

The stack of FileSets being read says where a new node comes from
("file:line"), answers `{FILENAME}` and friends, and gives an error its
locations: the innermost file's line first, then the lines that included it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from ncg.errors import (
    EACCES,
    EISDIR,
    ENOENT,
    ArgumentError,
    IOError_,
    RubyError,
    RuntimeError_,
    SystemStackError,
    python_error,
)

STDIN_NAME = "<STDIN>"

_BROKEN_UTF8 = re.compile("[\udc80-\udcff]")


class _OpenFile:
    """One file's lines and Ruby's IO#lineno for it (which the reader may move)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.position = 0
        self.lineno = 0
        self.closed = False

    def next_line(self) -> str | None:
        if self.closed:
            # Ruby fails here, and again while placing the error: no model line.
            error = IOError_("closed stream")
            error.model_located = True  # type: ignore[attr-defined]
            raise error
        if self.position >= len(self.lines):
            return None
        self.position += 1
        self.lineno += 1
        return self.lines[self.position - 1]


class FileSet:
    """The files some patterns name, read as one stream of lines."""

    def __init__(self, patterns: list[str]) -> None:
        self.filenames = [name for pattern in patterns for name in expand_pattern(pattern)]
        if not self.filenames:
            raise RuntimeError_(f"No file(s) found matching '{' '.join(patterns)}'")
        self._index = 0
        self._file = _open(self.filenames[0])
        self._location: tuple[tuple[int, int], str] = ((-1, -1), "")

    @property
    def filename(self) -> str | None:
        return self.filenames[self._index] if self._index < len(self.filenames) else None

    @property
    def lineno(self) -> int:
        return self._file.lineno

    def location(self) -> str:
        """"file:line" of the line being read; one string for all nodes the line makes."""
        where = (self._index, self._file.lineno)
        if self._location[0] != where:
            self._location = (where, f"{self.filename or ''}:{where[1]}")
        return self._location[1]

    def _physical_lines(self) -> Iterator[str]:
        """Every line of every file, "\\n" kept, moving to the next file as Ruby does."""
        while True:
            line = self._file.next_line()
            while line is not None:
                yield line
                line = self._file.next_line()
            self._index += 1
            if self._index >= len(self.filenames):
                return
            self._file.closed = True
            self._file = _open(self.filenames[self._index])

    def close(self) -> None:
        """Done reading (standard input, once closed, cannot be read again)."""
        self._file.closed = True

    def lines(self) -> Iterator[str]:
        """Logical lines: a line ending in "\\" is joined with the next one.

        While a continued line is held, the line number is moved back one per
        held line, and forward again by that many after the joined line has
        been handled, so a joined line reports its first physical line.
        """
        held = ""
        skipped = 0
        for line in self._physical_lines():
            if _BROKEN_UTF8.search(line):
                raise ArgumentError("invalid byte sequence in UTF-8")
            if line.endswith("\\\n"):
                held += line[:-2]
                self._file.lineno -= 1
                skipped += 1
            elif not held:
                yield line
            else:
                yield held + line
                self._file.lineno += skipped
                skipped = 0
                held = ""


_stdin: _OpenFile | None = None


def _open(filename: str) -> _OpenFile:
    """Read a whole file as lines; standard input keeps one line count per process."""
    global _stdin
    if filename == STDIN_NAME:
        if _stdin is None:
            _stdin = _OpenFile(split_lines(_decode(sys.stdin.buffer.read())))
        return _stdin
    try:
        with open(filename, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise ENOENT(f"No such file or directory @ rb_sysopen - {filename}") from None
    except PermissionError:
        raise EACCES(f"Permission denied @ rb_sysopen - {filename}") from None
    except IsADirectoryError:
        raise EISDIR(f"Is a directory @ io_fillbuf - fd:3 {filename}") from None
    return _OpenFile(split_lines(_decode(data)))


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def split_lines(text: str) -> list[str]:
    """Lines as Ruby's each_line gives them: split after each "\\n" only."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


# -- globbing -----------------------------------------------------------------


def expand_pattern(pattern: str) -> list[str]:
    """Regular files matching a glob pattern, sorted bytewise; "-" is stdin."""
    if pattern == "-":
        return [STDIN_NAME]
    found = [path for alternative in _expand_braces(pattern) for path in _glob(alternative)]
    return sorted((path for path in found if os.path.isfile(path)), key=_bytewise)


def _bytewise(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _expand_braces(pattern: str) -> list[str]:
    """Ruby's {a,b} alternatives, nested ones included; "\\" escapes a brace."""
    depth = 0
    start = -1
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            if depth == 0:
                start = i
            depth += 1
        elif c == "}" and depth:
            depth -= 1
            if depth == 0:
                head, tail = pattern[:start], pattern[i + 1:]
                return [expanded
                        for choice in _split_alternatives(pattern[start + 1:i])
                        for expanded in _expand_braces(head + choice + tail)]
        i += 1
    return [pattern]


def _split_alternatives(body: str) -> list[str]:
    choices, depth, last, i = [], 0, 0, 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            choices.append(body[last:i])
            last = i + 1
        i += 1
    choices.append(body[last:])
    return choices


_MAGIC = re.compile(r"[*?\[\\]")


def _glob(pattern: str) -> list[str]:
    """Paths matching one brace-free pattern, segment by segment."""
    if not pattern:
        return []
    if not _MAGIC.search(pattern):  # kept exactly as written, "//" and all
        return [pattern] if os.path.lexists(pattern) else []
    absolute = pattern.startswith("/")
    segments = [s for s in pattern.split("/") if s]
    paths = ["/" if absolute else ""]
    for position, segment in enumerate(segments):
        last = position == len(segments) - 1
        if segment == "**" and not last:
            paths = [p for base in paths for p in _walk_dirs(base)]
        elif _MAGIC.search(segment):
            matcher = _segment_regex(segment)
            paths = [_join(base, entry) for base in paths for entry in _entries(base)
                     if matcher.fullmatch(entry)]
        else:
            literal = _unescape(segment)
            paths = [_join(base, literal) for base in paths
                     if os.path.lexists(_join(base, literal))]
        if not last:
            paths = [p for p in paths if os.path.isdir(p or ".")]
    if pattern.endswith("/"):  # only directories match "dir*/"
        return [p + "/" for p in paths if os.path.isdir(p)]
    return paths


def _join(base: str, name: str) -> str:
    if not base:
        return name
    return base + name if base.endswith("/") else f"{base}/{name}"


def _entries(base: str) -> list[str]:
    try:
        return sorted(os.listdir(base or "."), key=_bytewise)
    except OSError:
        return []


def _walk_dirs(base: str) -> list[str]:
    """`**/`: the directory itself and every non-hidden directory below it."""
    found = [base]
    for entry in _entries(base):
        path = _join(base, entry)
        if not entry.startswith(".") and os.path.isdir(path) and not os.path.islink(path):
            found.extend(_walk_dirs(path))
    return found


def _unescape(segment: str) -> str:
    return re.sub(r"\\(.)", r"\1", segment)


def _segment_regex(segment: str) -> re.Pattern[str]:
    """One path segment of a glob as a regexp; names starting with "." need a "."."""
    out = [] if segment.startswith(".") else [r"(?!\.)"]
    i = 0
    while i < len(segment):
        c = segment[i]
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "\\" and i + 1 < len(segment):
            i += 1
            out.append(re.escape(segment[i]))
        elif c == "[" and "]" in segment[i + 2:]:
            end = segment.index("]", i + 2)
            body = segment[i + 1:end]
            negate = body[:1] in ("^", "!")
            body = body[1:] if negate else body
            out.append("[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out), re.S)


# -- the reading stack --------------------------------------------------------

_reading: list[FileSet] = []
_verbose = [False]


def current_filename() -> str | None:
    return _reading[-1].filename if _reading else None


def current_location() -> str | None:
    """"file:line" of the line being read now, or None outside reading."""
    return _reading[-1].location() if _reading else None


@contextmanager
def verbosity(verbose: bool) -> Iterator[None]:
    _verbose.append(verbose)
    try:
        yield
    finally:
        _verbose.pop()


@contextmanager
def reading(fileset: FileSet, what: str) -> Iterator[FileSet]:
    """Read `fileset` as the innermost file; errors get the stack's locations."""
    _reading.append(fileset)
    if _verbose[-1]:
        prefix = "| " * (len(_reading) - 1)
        sys.stderr.write(f"{prefix}Reading {what} {' '.join(fileset.filenames)}\n")
    try:
        yield fileset
    except RubyError as exc:
        _locate(exc)
        raise
    except RecursionError as exc:
        raise _located(SystemStackError("stack level too deep")) from exc
    except Exception as exc:  # an ncg bug must still be reported as one ERROR line
        raise _located(python_error(exc)) from exc
    finally:
        _reading.pop()


def _located(error: RubyError) -> RubyError:
    _locate(error)
    return error


def _locate(error: RubyError) -> None:
    """Once, at the innermost file: its line, then each including file's line.

    Like NCG, the error's own first location (a template line, when a `[% %]`
    line failed) gives way to the model lines.
    """
    if getattr(error, "model_located", False):
        return
    error.model_located = True  # type: ignore[attr-defined]
    stack = [f"{fs.filename or ''}:{fs.lineno}" for fs in reversed(_reading)]
    error.trace[:1] = stack
