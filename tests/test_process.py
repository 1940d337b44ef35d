"""Standard streams, memory and ncg's own faults, as the original meets them.

Recorded from NCG 0.10.3 (`ncg-orig`): Ruby opens /dev/null on a closed
standard fd (`ncg -k - <&-` prints an empty key list, `ncg -k m >&-` exits 0);
its STDOUT holds up to 8 KiB and drops a failed flush at exit, while a larger
write fails at once: `ERROR(Errno::ENOSPC): No space left on device @
io_writev - <STDOUT>` for `-k` (puts), `... @ io_write - <STDOUT>` for `-d`;
an `Errno::EPIPE` ends the process by SIGPIPE after the ERROR line.  Where the
original's `at` line points into its own code, ncg prints none.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ncg.errors import RubyError
from ncg.process import RUBY_WBUF, RubyStdout

CHECKOUT = Path(__file__).resolve().parents[1]

# keys of 11 bytes each: 1000 of them make more than Ruby's 8 KiB buffer
BIG_MODEL = "".join(f"item_{n:04d} = value {n}\n" for n in range(1000))


def ncg(tmp_path: Path, *args: str, **popen: object) -> subprocess.CompletedProcess[str]:
    paths = [str(CHECKOUT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "HOME": str(tmp_path / "home"),
           "XDG_CACHE_HOME": str(tmp_path / "home" / ".cache")}
    options: dict[str, object] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE,
                                  **popen}
    return subprocess.run([sys.executable, "-m", "ncg", *args], cwd=tmp_path, env=env,
                          text=True, timeout=120, **options)  # type: ignore[call-overload]


def closing(fd: int) -> Callable[[], None]:
    return lambda: os.close(fd)


def test_closed_stdin_reads_as_empty(tmp_path: Path) -> None:
    proc = ncg(tmp_path, "-k", "-", preexec_fn=closing(0))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "\n", "")


def test_closed_stdout_is_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "m.neto").write_text(BIG_MODEL)
    proc = ncg(tmp_path, "-k", "m.neto", stdout=None, preexec_fn=closing(1))
    assert (proc.returncode, proc.stderr) == (0, "")


def test_closed_stderr_still_fails_with_status_1(tmp_path: Path) -> None:
    proc = ncg(tmp_path, "-k", "missing.neto", stderr=None, preexec_fn=closing(2))
    assert (proc.returncode, proc.stdout) == (1, "")


def full_device() -> int:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    return os.open("/dev/full", os.O_WRONLY)


def test_small_output_to_a_full_device_is_dropped_at_exit(tmp_path: Path) -> None:
    (tmp_path / "m.neto").write_text("a = 1\n")
    fd = full_device()
    try:
        proc = ncg(tmp_path, "-k", "m.neto", stdout=fd)
    finally:
        os.close(fd)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_big_output_to_a_full_device(tmp_path: Path) -> None:
    (tmp_path / "m.neto").write_text(BIG_MODEL)
    fd = full_device()
    try:
        proc = ncg(tmp_path, "-k", "m.neto", stdout=fd)
    finally:
        os.close(fd)
    assert (proc.returncode, proc.stderr) == (
        1, "ERROR(Errno::ENOSPC): No space left on device @ io_writev - <STDOUT>\n")


@pytest.mark.parametrize(("flag", "where"), [("-k", "io_writev"), ("-d", "io_write")])
def test_closed_pipe_ends_by_sigpipe_after_the_error(
    tmp_path: Path, flag: str, where: str
) -> None:
    (tmp_path / "m.neto").write_text(BIG_MODEL)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = ncg(tmp_path, flag, "m.neto", stdout=write_end)
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr) == (
        -13, f"ERROR(Errno::EPIPE): Broken pipe @ {where} - <STDOUT>\n")


def test_out_of_memory(tmp_path: Path) -> None:
    (tmp_path / "m.neto").write_text("a {\n    ncg_template = t.ncg\n    ncg_output = x\n}\n")
    (tmp_path / "t.ncg").write_text('<%= ("x" * (2 ** 62)).size %>\n')
    proc = ncg(tmp_path, "m.neto")
    assert (proc.returncode, proc.stderr) == (
        1, "ERROR(NoMemoryError): failed to allocate memory\n\tat t.ncg:1\n")


BROKEN = (
    "import ncg.app\n"
    "def broken(*args):\n"
    "    raise AttributeError('NoneType object has no attribute x')\n"
    "ncg.app.write_output = broken\n"
    "import runpy, sys\n"
    "sys.argv = ['ncg', *sys.argv[1:]]\n"
    "runpy.run_module('ncg', run_name='__main__')\n"
)


@pytest.mark.parametrize("debug", [False, True])
def test_a_fault_of_ncg_shows_no_python_without_debug(tmp_path: Path, debug: bool) -> None:
    (tmp_path / "m.neto").write_text("a {\n    ncg_template = t.ncg\n    ncg_output = x\n}\n")
    (tmp_path / "t.ncg").write_text("x\n")
    paths = [str(CHECKOUT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "HOME": str(tmp_path / "home")}
    args = ["-D", "m.neto"] if debug else ["m.neto"]
    proc = subprocess.run([sys.executable, "-c", BROKEN, *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    first = "ERROR(InternalError): internal error of ncg (run with -D to see it)\n"
    assert proc.returncode == 1
    assert proc.stderr.startswith(first)
    assert ("AttributeError" in proc.stderr) is debug


# -- Ruby's STDOUT buffer ------------------------------------------------------


@pytest.fixture
def pipe() -> Iterator[tuple[int, int]]:
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    yield read_end, write_end
    os.close(read_end)
    os.close(write_end)


def pending(read_end: int) -> bytes:
    try:
        return os.read(read_end, 1 << 20)
    except BlockingIOError:
        return b""


def test_stdout_holds_writes_below_8_kib(pipe: tuple[int, int]) -> None:
    read_end, write_end = pipe
    out = RubyStdout(write_end)
    out.write("a" * (RUBY_WBUF - 2))
    out.write("b")
    assert pending(read_end) == b""
    out.write("c")  # the buffer would be full: it goes out, with this write
    assert pending(read_end) == b"a" * (RUBY_WBUF - 2) + b"bc"


def test_stdout_writes_a_big_string_at_once(pipe: tuple[int, int]) -> None:
    read_end, write_end = pipe
    out = RubyStdout(write_end)
    out.write("héllo ")
    out.write("x" * RUBY_WBUF)
    assert pending(read_end) == "héllo ".encode() + b"x" * RUBY_WBUF
    out.write(b"caf\xe9".decode("utf-8", "surrogateescape"))
    out.flush()
    assert pending(read_end) == b"caf\xe9"


def test_stdout_flush_failure_is_ruby_s() -> None:
    read_end, write_end = os.pipe()
    out = RubyStdout(write_end)
    out.write("x")
    os.close(read_end)  # Python ignores SIGPIPE: the write fails with EPIPE
    try:
        with pytest.raises(RubyError) as caught:
            out.flush()
    finally:
        os.close(write_end)
    assert (caught.value.ruby_name, caught.value.message) == (
        "Errno::EPIPE", "Broken pipe @ rb_io_flush_raw - <STDOUT>")


def test_a_file_a_template_left_open_is_written_out_at_exit(tmp_path: Path) -> None:
    """The quick exit (no Python teardown) waits for the teardown when a File
    is still open for writing: only its finalizer writes its buffer, as
    Ruby's does at exit."""
    (tmp_path / "main.neto").write_text("host {\n    ncg_template = t.ncg\n"
                                        "    ncg_output = out.txt\n}\n")
    (tmp_path / "t.ncg").write_text('<% $log = File.open("log.txt", "w")\n'
                                    '   $log.write("kept open") %>done\n')
    proc = ncg(tmp_path, "main.neto")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    assert (tmp_path / "out.txt").read_text() == "done"
    assert (tmp_path / "log.txt").read_text() == "kept open"
