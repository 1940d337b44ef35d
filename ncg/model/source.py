"""Reading model files: several files as one stream, the reading stack.

A `FileSet` is what an `include`, `table` or command line names: patterns
expanded like Ruby's Dir.glob (`ncg.model.globbing`), read one after another as a single stream of
lines.  Lines ending in a backslash continue on the next line, with the line
numbering NCG 0.10.3 gives them (its FileSet#each_line_cont moves the line
counter back while it holds a continued line and forward again afterwards,
without resetting when what it held was empty; the recorded dumps show it).

The stack of FileSets being read says where a new node comes from
("file:line"), answers `{FILENAME}` and friends, and gives an error its
locations: the innermost file's line first, then the lines that included it.
"""

from __future__ import annotations

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
from ncg.model import inputs
from ncg.model.globbing import STDIN_NAME, expand_pattern

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
        self.filenames = [name for pattern in patterns for name in _expanded(pattern)]
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
        inputs.unrepeatable("the model is read from standard input")
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
    if inputs.is_recording():
        inputs.note("read", filename, inputs.file_digest(data))
    return _OpenFile(split_lines(_decode(data)))


def _expanded(pattern: str) -> list[str]:
    """The files a pattern names (noted for `ncg.model.inputs`)."""
    found = expand_pattern(pattern)
    inputs.note("glob", pattern, tuple(found))
    return found


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def split_lines(text: str) -> list[str]:
    """Lines as Ruby's each_line gives them: split after each "\\n" only."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


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
