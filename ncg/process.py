"""ncg's dealings with its process, as the Ruby interpreter of NCG 0.10.3 has them.

- Standard streams: a closed stdin, stdout or stderr is opened on /dev/null
  (`ncg -k - <&-` prints an empty key list), and stdout buffers and fails
  the way Ruby's STDOUT does (see `RubyStdout`).
- Signals: INT, HUP, QUIT, TERM, ALRM, USR1 and USR2 stop the run with Ruby's
  `Interrupt` / `SignalException`, located at the template line running, else
  the model line being read, else the target being generated.  It travels as
  a BaseException (`Signalled`), like Python's KeyboardInterrupt, so that no
  `except Exception` on the way (Lark's, Mako's, a template's `rescue`)
  turns it into another error.
  PIPE is ignored, so a closed pipe is an `Errno::EPIPE` error.
- Endings: after the `ERROR(...)` lines, a signal's error ends the process by
  that same signal, as Ruby re-raises it (the shell sees 128+N: 130 for
  Ctrl-C, 143 for SIGTERM); so does an uncaught `Errno::EPIPE` (SIGPIPE).
"""

from __future__ import annotations

import atexit
import errno
import io
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn, TextIO

from ncg.errors import ERRNO_CLASSES, Interrupt, RubyError, SignalException, os_error

# the signals Ruby turns into exceptions by default
TRAPPED = (
    signal.SIGINT,
    signal.SIGHUP,
    signal.SIGQUIT,
    signal.SIGTERM,
    signal.SIGALRM,
    signal.SIGUSR1,
    signal.SIGUSR2,
)

RUBY_WBUF = 8192  # Ruby's IO write buffer: a shorter write waits in it


class Signalled(BaseException):
    """A trapped signal on its way out; `error` is what ncg reports.  Templates
    it passes through add their lines to `error`; if none did, the model line
    being read when it came (`reading_at`) says where the run was."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.error = signal_error(signum)
        source = sys.modules.get("ncg.model.source")  # no import in a signal handler
        self.reading_at = None if source is None else source.current_location()

    def located(self, fallback: str | None = None) -> SignalException:
        """The error, placed at the model line read, else at `fallback`."""
        where = self.reading_at or fallback
        if not self.error.trace and where is not None:
            self.error.add_location(where)
        return self.error


def signal_error(signum: int) -> SignalException:
    """Ruby's exception for a signal: `Interrupt` (empty message) for SIGINT."""
    if signum == signal.SIGINT:
        return Interrupt("")
    return SignalException(signal.Signals(signum).name)


def _raise_signal(signum: int, _frame: object) -> None:
    raise Signalled(signum)


def trap_signals() -> None:
    for signum in TRAPPED:
        signal.signal(signum, _raise_signal)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold trapped signals until the block is done (a file is written whole or
    not at all); one that arrived meanwhile is raised when the block ends."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, TRAPPED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def die_by_signal(signum: int) -> NoReturn:
    """End the process by `signum`'s default action, as Ruby does for an
    uncaught SignalException; the exit status is then the signal's own."""
    signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signum])
    os.kill(os.getpid(), signum)
    os._exit(128 + signum)  # only if the signal did not end the process


def end_after(error: BaseException) -> NoReturn:
    """How the process ends once `error` has been reported: a SignalException
    (even one a template raised) by its signal, as Ruby ends, else status 1."""
    flush_stdout_quietly()
    if isinstance(error, SignalException):
        sys.stderr.flush()
        die_by_signal(error.signo)
    if isinstance(error, ERRNO_CLASSES[errno.EPIPE]):
        sys.stderr.flush()
        die_by_signal(signal.SIGPIPE)
    raise SystemExit(1)


# Asked before a quick exit: does something need Python's teardown to finish
# (a File a template left open, whose buffer only its finalizer writes out)?
_exit_needs_teardown: list[Callable[[], bool]] = []


def needs_teardown(check: Callable[[], bool]) -> None:
    """Let `check()` stop `exit_at_once` when it answers True."""
    _exit_needs_teardown.append(check)


def exit_at_once() -> None:
    """End a run that went well now, without Python's teardown of every module
    and object (a third of a warm run's CPU on the sample, 5% at 1000
    devices): the operating system takes the memory back at once.

    Only what the teardown would do that shows is done first: STDOUT is
    flushed as at any exit (quietly, as Ruby does) and so is stderr. When
    more could be pending (another thread; child processes, whose exit
    handler joins them: `-j`; a check of `needs_teardown`), or stderr can't
    be flushed, this returns and Python ends the process as usual.
    """
    if threading.active_count() > 1 or "multiprocessing" in sys.modules:
        return
    if any(check() for check in _exit_needs_teardown):
        return
    flush_stdout_quietly()
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(0)


# -- standard streams ----------------------------------------------------------


def open_standard_fds() -> None:
    """Ruby opens /dev/null on a standard fd that was closed; Python left None.
    STDOUT becomes Ruby's, unless someone (a test) has put another stream there."""
    if sys.stdin is None:
        sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(_null_fd(0), "r")))
    if sys.stderr is None:
        sys.stderr = io.TextIOWrapper(
            io.FileIO(_null_fd(2), "w"), errors="backslashreplace", write_through=True
        )
    if sys.stdout is None:
        sys.stdout = RubyStdout(_null_fd(1))
    elif sys.stdout is sys.__stdout__:
        sys.stdout.flush()
        sys.stdout = RubyStdout(sys.stdout.fileno())
    else:
        return
    atexit.register(flush_stdout_quietly)


def _null_fd(fd: int) -> int:
    """/dev/null on `fd` if it is still closed, else on a new fd."""
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        try:
            os.fstat(fd)
        except OSError:
            os.dup2(null, fd)
            os.close(null)
            return fd
    return null


def flush_stdout_quietly() -> None:
    """At exit Ruby flushes STDOUT and ignores a failure (ENOSPC, EPIPE...)."""
    if isinstance(sys.stdout, RubyStdout):
        sys.stdout.flush_quietly()
    else:
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            pass


class RubyStdout(io.TextIOBase):
    """Ruby's STDOUT: UTF-8 bytes as the model gave them, an 8 KiB buffer
    (a terminal gets every write at once), and Ruby's error for a write that
    fails: `Errno::ENOSPC` with `No space left on device @ io_write - <STDOUT>`."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd
        self._buffer = bytearray()
        try:
            self._sync = os.isatty(fd)
        except OSError:
            self._sync = False

    @property
    def encoding(self) -> str:
        return "utf-8"

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return self._sync

    def writable(self) -> bool:
        return True

    def write(self, text: str, where: str = "io_write") -> int:
        data = text.encode("utf-8", "surrogateescape")
        if not data:
            return 0
        if not self._sync and len(self._buffer) + len(data) < RUBY_WBUF:
            self._buffer += data
            return len(text)
        if self._buffer and len(self._buffer) + len(data) == RUBY_WBUF:
            self._buffer += data
            data = b""
        self._drain(where)
        self._write_all(data, where)
        return len(text)

    def puts(self, text: str) -> None:
        """Ruby's `puts text`: text and a newline, in one `writev` if text lacks one."""
        if text.endswith("\n"):
            self.write(text)
        else:
            self.write(text + "\n", "io_writev")

    def flush(self) -> None:
        self._drain("rb_io_flush_raw")

    def flush_quietly(self) -> None:
        try:
            self._write_all(bytes(self._buffer), "rb_io_flush_raw")
        except RubyError:
            pass
        self._buffer.clear()

    def _drain(self, where: str) -> None:
        data = bytes(self._buffer)
        self._buffer.clear()
        self._write_all(data, where)

    def _write_all(self, data: bytes, where: str) -> None:
        view = memoryview(data)
        while view:
            try:
                written = os.write(self._fd, view)
            except InterruptedError:
                continue
            except OSError as exc:
                raise os_error(exc, where, "<STDOUT>") from None
            view = view[written:]


def puts(stream: TextIO, text: str) -> None:
    """`puts text` on `stream`, with Ruby's wording of failures on STDOUT."""
    if isinstance(stream, RubyStdout):
        stream.puts(text)
    else:
        stream.write(text if text.endswith("\n") else text + "\n")
