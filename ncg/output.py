"""Writing a generated config so that no run loses output.

NCG 0.10.3 opens the output with `File.new(path, "w")`, truncating it, and
then writes: a run interrupted or failing in between leaves a truncated
config.  Here a regular file is written to a temporary file in its own folder
and renamed into place, so the file holds either its old or its new content.
A file whose content is already right is not touched (its mtime stays).

What the original does is kept where it shows: errors are Ruby's
(`Errno::EACCES` / `Permission denied @ rb_sysopen - out/x.cfg`), a file the
user may not write is refused even if its folder would allow a rename, a new
file gets mode 0666 less the umask, an existing one keeps its mode, a symlink
is written through, and anything that is not a regular file (/dev/stdout, a
FIFO) is written in place.  ncg, unlike the original, makes a missing folder.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile

from ncg import file_changes
from ncg.errors import ERRNO_CLASSES, os_error
from ncg.process import RUBY_WBUF, die_by_signal, signals_deferred

OPEN_FLAGS = os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC


def write_output(path: str, text: str) -> None:
    """Write `text` (UTF-8, model bytes kept) to `path`, named so in errors."""
    try:
        write_bytes(path, text.encode("utf-8", "surrogateescape"))
    except ERRNO_CLASSES[errno.EFBIG]:
        # Ruby leaves SIGXFSZ alone, so past a file size limit (ulimit -f) the
        # kernel kills it without a word; Python ignores that signal and gets
        # EFBIG: the temporary file is gone by now, and the process goes too
        die_by_signal(signal.SIGXFSZ)


def write_bytes(path: str, data: bytes) -> None:
    folder = os.path.dirname(path)
    if folder:
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError:
            pass  # opening the file below fails, in the original's words
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise os_error(exc, "rb_sysopen", path) from None
    target = real_file(path, existing)
    if target is None:  # /dev/stdout, a FIFO, a device...
        write_in_place(path, data, path)
        return
    if existing is not None:
        check_writable(target, path)
        if existing.st_size == len(data) and read_quietly(target) == data:
            return
    with signals_deferred():
        try:
            replace(target, data, existing, path)
        finally:
            file_changes.changed()  # the file may be a template applied later


def real_file(path: str, existing: os.stat_result | None) -> str | None:
    """Where the regular file `path` names lives (a symlink is followed, so it
    stays a symlink), or None if `path` is not one that can be replaced."""
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        return None
    if not os.path.islink(path):
        return path
    if through_proc(path):
        return None  # /dev/stdout: the fd's file is written, never renamed over
    return os.path.realpath(path)  # if dangling, where the file is to be made


def through_proc(path: str) -> bool:
    """Does the symlink chain from `path` pass through /proc/ (an open fd)?"""
    for _ in range(40):  # Linux's own limit on a chain of links
        if not os.path.islink(path):
            return False
        path = os.path.normpath(os.path.join(os.path.dirname(path), os.readlink(path)))
        if path.startswith("/proc/"):
            return True
    return False


def check_writable(target: str, path: str) -> None:
    """Fail as the original's open would, though a rename needs only the folder.
    Asked with access(2) first: opening for writing, even without writing,
    tells file watchers (inotify's IN_CLOSE_WRITE) that the file changed."""
    if os.access(target, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        return
    try:
        os.close(os.open(target, OPEN_FLAGS))
    except OSError as exc:
        raise os_error(exc, "rb_sysopen", path) from None


def read_quietly(target: str) -> bytes | None:
    try:
        with open(target, "rb") as fh:
            return fh.read()
    except OSError:
        return None  # unreadable (write-only): simply rewrite it


def replace(target: str, data: bytes, existing: os.stat_result | None, path: str) -> None:
    """Write a temporary file beside `target`, then rename it over `target`."""
    folder = os.path.dirname(target) or "."
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", dir=folder)
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise os_error(exc, "rb_sysopen", path) from None
        # a folder the user may not write to (the file itself may be
        # writable): write in place as the original does, with its errors
        write_in_place(target, data, path)
        return
    try:
        keep_attributes(fd, existing)
        write_fd(fd, data, path)
        os.close(fd)
        fd = -1
        try:
            os.replace(temp, target)
        except OSError as exc:
            raise os_error(exc, "rb_sysopen", path) from None
    except BaseException:
        if fd >= 0:
            os.close(fd)
        remove_quietly(temp)
        raise


def keep_attributes(fd: int, existing: os.stat_result | None) -> None:
    """The mode (and, where allowed, owner) the file would have after `File.new`."""
    if existing is None:
        os.fchmod(fd, 0o666 & ~current_umask())
        return
    os.fchmod(fd, stat.S_IMODE(existing.st_mode))
    if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, existing.st_uid, existing.st_gid)
        except OSError:
            pass  # only root may give a file away; the file becomes the user's


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_in_place(target: str, data: bytes, path: str) -> None:
    """The original's way: open with O_TRUNC, then write."""
    try:
        fd = os.open(target, OPEN_FLAGS | os.O_CREAT | os.O_TRUNC, 0o666)
    except OSError as exc:
        raise os_error(exc, "rb_sysopen", path) from None
    try:
        write_fd(fd, data, path)
    finally:
        os.close(fd)


def write_fd(fd: int, data: bytes, path: str) -> None:
    """Write all of `data`; a failure is named where Ruby's buffered IO meets it:
    a write shorter than its buffer fails when the file is closed."""
    where = "io_write" if len(data) >= RUBY_WBUF else "fptr_finalize_flush"
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except InterruptedError:
            continue
        except OSError as exc:
            raise os_error(exc, where, path) from None
        view = view[written:]


def remove_quietly(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass
