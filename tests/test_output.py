"""Writing configs: atomic, unchanged files untouched, and the original's errors.

The `ERROR(...)` lines were recorded from NCG 0.10.3 (`ncg-orig`) on the same
models; where the original's `at` line points into its own bin/ncg, ncg names
the model line of the target instead.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ncg.errors import RubyError
from ncg.output import write_output

CHECKOUT = Path(__file__).resolve().parents[1]

MODEL = """\
a {
    ncg_template = t.ncg
    ncg_output = OUT
}
"""


def leftovers(folder: Path) -> list[str]:
    """Anything but the configs themselves: temporary files left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def error_of(path: Path | str, text: str) -> RubyError:
    with pytest.raises(RubyError) as caught:
        write_output(str(path), text)
    return caught.value


# -- what is written, and what is not ------------------------------------------


def test_new_file_gets_the_content_and_mode_0666_less_umask(tmp_path: Path) -> None:
    old_mask = os.umask(0o027)
    try:
        write_output(str(tmp_path / "x.cfg"), "hostname r1\n")
    finally:
        os.umask(old_mask)
    target = tmp_path / "x.cfg"
    assert target.read_bytes() == b"hostname r1\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_changed_file_is_replaced_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.cfg"
    target.write_text("old\n")
    target.chmod(0o604)
    inode = target.stat().st_ino
    write_output(str(target), "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert target.stat().st_ino != inode  # a new file, renamed into place
    assert leftovers(tmp_path) == []


def test_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "x.cfg"
    target.write_text("same\n")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    before = target.stat()
    write_output(str(target), "same\n")
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_ctime_ns) == (
        before.st_ino, before.st_mtime_ns, before.st_ctime_ns)


def test_same_size_but_different_bytes_is_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "x.cfg"
    target.write_text("aaaa")
    write_output(str(target), "aaab")
    assert target.read_text() == "aaab"


def test_model_bytes_that_are_not_utf8_are_written_as_they_came(tmp_path: Path) -> None:
    text = b"caf\xe9 \xc3\xa9".decode("utf-8", "surrogateescape")
    write_output(str(tmp_path / "x.cfg"), text)
    assert (tmp_path / "x.cfg").read_bytes() == b"caf\xe9 \xc3\xa9"


def test_missing_folders_are_made(tmp_path: Path) -> None:
    write_output(str(tmp_path / "a" / "b" / "x.cfg"), "x")
    assert (tmp_path / "a" / "b" / "x.cfg").read_text() == "x"


def test_a_symlink_is_written_through_and_stays_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "x.cfg").write_text("old")
    link = tmp_path / "x.cfg"
    link.symlink_to(tmp_path / "real" / "x.cfg")
    write_output(str(link), "new")
    assert link.is_symlink()
    assert (tmp_path / "real" / "x.cfg").read_text() == "new"
    assert leftovers(tmp_path / "real") == []


def test_a_link_to_an_open_fd_writes_that_fd_s_file(tmp_path: Path) -> None:
    """/dev/stdout redirected to a file: the original truncates and writes that
    very file (the shell's fd keeps seeing it); renaming over it would not."""
    log = tmp_path / "log"
    log.write_text("before\n")
    inode = log.stat().st_ino
    with log.open("r+") as held:
        link = tmp_path / "stdout"
        link.symlink_to(f"/proc/self/fd/{held.fileno()}")
        write_output(str(link), "config")
    assert (log.stat().st_ino, log.read_text()) == (inode, "config")


def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(str(fifo), "through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


# -- failures leave the old file as it was -------------------------------------


@pytest.mark.parametrize(
    ("size", "where"),
    [(8191, "fptr_finalize_flush"), (8192, "io_write")],  # Ruby's 8 KiB write buffer
)
def test_disk_full_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, where: str
) -> None:
    target = tmp_path / "x.cfg"
    target.write_text("old\n")
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        if fd > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    error = error_of(target, "x" * size)
    assert (error.ruby_name, error.message) == (
        "Errno::ENOSPC", f"No space left on device @ {where} - {target}")
    assert target.read_text() == "old\n"
    assert leftovers(tmp_path) == []


def test_output_path_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    error = error_of(tmp_path / "d", "x")
    assert (error.ruby_name, error.message) == (
        "Errno::EISDIR", f"Is a directory @ rb_sysopen - {tmp_path / 'd'}")


@pytest.mark.parametrize("below", ["x.cfg", "sub/x.cfg"])
def test_output_folder_that_is_a_file(tmp_path: Path, below: str) -> None:
    (tmp_path / "f").write_text("a file")
    error = error_of(tmp_path / "f" / below, "x")
    assert (error.ruby_name, error.message) == (
        "Errno::ENOTDIR", f"Not a directory @ rb_sysopen - {tmp_path / 'f' / below}")
    assert (tmp_path / "f").read_text() == "a file"


# -- through the command line --------------------------------------------------


def child_env(tmp_path: Path) -> dict[str, str]:
    """The child imports this checkout's ncg and caches in its own HOME."""
    paths = [str(CHECKOUT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "HOME": str(tmp_path / "home"),
            "XDG_CACHE_HOME": str(tmp_path / "home" / ".cache")}


def ncg(tmp_path: Path, *args: str, preexec: str = "") -> subprocess.CompletedProcess[str]:
    """ncg in a child process, in tmp_path; `preexec` is Python run in the child first."""
    env = child_env(tmp_path)
    code = f"{preexec}\nimport runpy, sys\nsys.argv = ['ncg', *sys.argv[1:]]\n" \
           "runpy.run_module('ncg', run_name='__main__')"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=120)


def write_model(tmp_path: Path, output: str, template: str = "hello <%= @target_key %>\n") -> None:
    (tmp_path / "m.neto").write_text(MODEL.replace("OUT", output))
    (tmp_path / "t.ncg").write_text(template)


def test_cli_second_run_leaves_unchanged_configs_alone(tmp_path: Path) -> None:
    """-v prints what the original prints, whether or not the file changes."""
    write_model(tmp_path, "out/x.cfg")
    verbose = "Reading file(s) m.neto\nGenerating out/x.cfg for !a\n"  # recorded
    assert ncg(tmp_path, "-v", "m.neto").stderr == verbose
    target = tmp_path / "out" / "x.cfg"
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    before = target.stat()
    assert ncg(tmp_path, "-v", "m.neto").stderr == verbose
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert target.read_text() == "hello !a"


def test_cli_output_folder_that_is_a_file(tmp_path: Path) -> None:
    """ncg makes missing folders, but a file in the way fails as the original's open."""
    write_model(tmp_path, "f/y/x.cfg")
    (tmp_path / "f").write_text("")
    proc = ncg(tmp_path, "m.neto")
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, "", (
        "ERROR(Errno::ENOTDIR): Not a directory @ rb_sysopen - f/y/x.cfg\n\tat m.neto:1\n"))


# As root the kernel grants any write; in a new user namespace root keeps its
# files (as their owner) but not that override, so permissions apply again.
AS_FILE_OWNER = """\
import ctypes, os
if os.geteuid() == 0 and ctypes.CDLL(None).unshare(0x10000000) != 0:  # CLONE_NEWUSER
    raise SystemExit(77)
"""


def run_unprivileged(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = ncg(tmp_path, *args, preexec=AS_FILE_OWNER)
    if proc.returncode == 77:
        pytest.skip("no user namespaces here: root cannot be denied a write")
    return proc


def test_cli_read_only_output_file_is_permission_denied(tmp_path: Path) -> None:
    write_model(tmp_path, "out/x.cfg")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x.cfg").write_text("old\n")
    (tmp_path / "out" / "x.cfg").chmod(0o444)
    proc = run_unprivileged(tmp_path, "m.neto")
    assert (proc.returncode, proc.stderr) == (
        1, "ERROR(Errno::EACCES): Permission denied @ rb_sysopen - out/x.cfg\n\tat m.neto:1\n")
    assert (tmp_path / "out" / "x.cfg").read_text() == "old\n"


def test_cli_read_only_folder_is_permission_denied(tmp_path: Path) -> None:
    write_model(tmp_path, "out/x.cfg")
    (tmp_path / "out").mkdir(mode=0o555)
    proc = run_unprivileged(tmp_path, "m.neto")
    assert (proc.returncode, proc.stderr) == (
        1, "ERROR(Errno::EACCES): Permission denied @ rb_sysopen - out/x.cfg\n\tat m.neto:1\n")
    (tmp_path / "out").chmod(0o755)


def test_cli_writable_file_in_read_only_folder_is_written_in_place(tmp_path: Path) -> None:
    write_model(tmp_path, "out/x.cfg")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x.cfg").write_text("old\n")
    (tmp_path / "out").chmod(0o555)
    proc = run_unprivileged(tmp_path, "m.neto")
    (tmp_path / "out").chmod(0o755)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert (tmp_path / "out" / "x.cfg").read_text() == "hello !a"


def test_cli_unreadable_template_is_permission_denied(tmp_path: Path) -> None:
    write_model(tmp_path, "x.cfg")
    (tmp_path / "t.ncg").chmod(0o200)
    proc = run_unprivileged(tmp_path, "m.neto")
    assert (proc.returncode, proc.stderr) == (
        1, "ERROR(Errno::EACCES): Permission denied @ rb_sysopen - t.ncg\n\tat m.neto:1\n")


def test_cli_file_read_in_a_template_is_permission_denied(tmp_path: Path) -> None:
    write_model(tmp_path, "x.cfg", '<%= File.read("secret") %>\n')
    (tmp_path / "secret").write_text("s")
    (tmp_path / "secret").chmod(0o200)
    proc = run_unprivileged(tmp_path, "m.neto")
    assert (proc.returncode, proc.stderr) == (
        1, "ERROR(Errno::EACCES): Permission denied @ rb_sysopen - secret\n\tat t.ncg:1\n")


FILE_SIZE_LIMIT = """\
import resource
resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
"""


def test_cli_past_the_file_size_limit_dies_by_sigxfsz_keeping_the_old_file(
    tmp_path: Path,
) -> None:
    """The original is killed by SIGXFSZ without a word (exit status -25)."""
    write_model(tmp_path, "out/x.cfg", '<%= "x" * 5000 %>\n')
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x.cfg").write_text("old\n")
    proc = ncg(tmp_path, "m.neto", preexec=FILE_SIZE_LIMIT)
    assert (proc.returncode, proc.stderr) == (-25, "")
    assert (tmp_path / "out" / "x.cfg").read_text() == "old\n"
    assert leftovers(tmp_path / "out") == []


def test_cli_full_device(tmp_path: Path) -> None:
    """A character device is written in place, as the original writes it."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    write_model(tmp_path, "/dev/full")
    proc = ncg(tmp_path, "m.neto")
    assert (proc.returncode, proc.stderr) == (1, (
        "ERROR(Errno::ENOSPC): No space left on device @ fptr_finalize_flush - /dev/full\n"
        "\tat m.neto:1\n"))


TINY_DISK = """\
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
if libc.unshare(0x00020000) != 0 or libc.mount(b"tmpfs", b"tfs", b"tmpfs", 0, b"size=64k") != 0:
    raise SystemExit(77)  # CLONE_NEWNS, then a 64 KiB tmpfs seen by this process only
with open("tfs/x.cfg", "w") as fh:
    fh.write("old\\n")
"""


def test_cli_disk_full_on_a_real_file_system_keeps_the_old_file(tmp_path: Path) -> None:
    write_model(tmp_path, "tfs/x.cfg", '<%= "x" * 100000 %>\n')
    (tmp_path / "tfs").mkdir()
    code = TINY_DISK + "import runpy; sys.argv = ['ncg', 'm.neto']\n" \
        "try:\n    runpy.run_module('ncg', run_name='__main__')\nfinally:\n" \
        "    print(open('tfs/x.cfg').read(), sorted(os.listdir('tfs')))\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, env=child_env(tmp_path), timeout=120)
    if proc.returncode == 77:
        pytest.skip("cannot mount a tmpfs here")
    assert (proc.returncode, proc.stderr) == (1, (
        "ERROR(Errno::ENOSPC): No space left on device @ io_write - tfs/x.cfg\n"
        "\tat m.neto:1\n"))
    assert proc.stdout == "old\n ['x.cfg']\n"
