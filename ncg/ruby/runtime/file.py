"""Ruby's File, FileTest, FileUtils and Dir class methods (the path functions
templates use: `File.join`, `File.basename`, `File.exist?`, `Dir.glob`…)."""

from __future__ import annotations

import glob as pyglob
import io
import os
import shutil
import stat
import weakref
from pathlib import Path
from typing import Any

from ncg import file_changes, process
from ncg.errors import (
    EISDIR,
    ENOENT,
    ArgumentError,
    IOError_,
    TypeError_,
    os_error,
)
from ncg.pathnames import ruby_basename, ruby_dirname
from ncg.ruby.runtime.consts import (
    CLASS_OF,
    COMPARABLE,
    CONSTANTS,
    DIR,
    FILE,
    FILE_TEST,
    FILE_UTILS,
    OBJECT,
    RClass,
    class_of,
)
from ncg.ruby.runtime.core import method, send
from ncg.ruby.runtime.string import utf8_bytes


def path_arg(value: Any) -> str:
    """A path argument: a String (Ruby's implicit conversion is to_str/to_path only)."""
    if type(value) is str:
        return value
    shown = "nil" if value is None else class_of(value).name
    raise TypeError_(f"no implicit conversion of {shown} into String")


@FILE.smethod("join")
def join(cls: RClass, *parts: Any) -> str:
    result = ""
    for index, part in enumerate(flatten_parts(parts)):
        if index == 0:
            result = part
        elif result.endswith("/"):
            result += part[1:] if part.startswith("/") else part
        elif part.startswith("/"):
            result += part
        else:
            result += "/" + part
    return result


def flatten_parts(parts: tuple[Any, ...] | list[Any]) -> list[str]:
    flat: list[str] = []
    for part in parts:
        if type(part) is list:
            flat.extend(flatten_parts(part))
        else:
            flat.append(path_arg(part))
    return flat


@FILE.smethod("basename")
def basename(cls: RClass, path: Any, suffix: Any = None) -> str:
    path = path_arg(path)
    return ruby_basename(path, "" if suffix is None else path_arg(suffix))


@FILE.smethod("dirname")
def dirname(cls: RClass, path: Any) -> str:
    return ruby_dirname(path_arg(path))


@FILE.smethod("extname")
def extname(cls: RClass, path: Any) -> str:
    name = basename(cls, path)
    bare = name.lstrip(".")
    dot = bare.rfind(".")
    if dot < 0:
        return ""
    return bare[dot:]


@FILE.smethod("split")
def split(cls: RClass, path: Any) -> list[str]:
    return [dirname(cls, path), basename(cls, path)]


@FILE.smethod("expand_path", "absolute_path")
def expand_path(cls: RClass, path: Any, base: Any = None) -> str:
    path = os.path.expanduser(path_arg(path))
    start = os.getcwd() if base is None else expand_path(cls, base)
    return os.path.normpath(os.path.join(start, path)).replace("//", "/")


@FILE.smethod("exist?", "exists?")
@FILE_TEST.smethod("exist?", "exists?")
def exists(cls: RClass, path: Any) -> bool:
    return os.path.exists(path_arg(path))


@FILE.smethod("file?")
@FILE_TEST.smethod("file?")
def is_file(cls: RClass, path: Any) -> bool:
    return os.path.isfile(path_arg(path))


@FILE.smethod("directory?")
@FILE_TEST.smethod("directory?")
@DIR.smethod("exist?")
def is_directory(cls: RClass, path: Any) -> bool:
    return os.path.isdir(path_arg(path))


@FILE.smethod("readable?")
@FILE_TEST.smethod("readable?")
def is_readable(cls: RClass, path: Any) -> bool:
    return os.access(path_arg(path), os.R_OK)


@FILE.smethod("writable?")
@FILE_TEST.smethod("writable?")
def is_writable(cls: RClass, path: Any) -> bool:
    return os.access(path_arg(path), os.W_OK)


@FILE.smethod("size")
def size(cls: RClass, path: Any) -> int:
    try:
        return os.path.getsize(path_arg(path))
    except FileNotFoundError:
        raise ENOENT(f"No such file or directory @ rb_file_s_size - {path}") from None


def read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape", newline="") as fh:
            return fh.read()
    except IsADirectoryError:
        raise EISDIR(f"Is a directory @ io_fread - {path}") from None
    except OSError as exc:  # ENOENT, EACCES, ENOTDIR, ELOOP...: open(2) failed
        raise os_error(exc, "rb_sysopen", path) from None


@FILE.smethod("read")
def read(cls: RClass, path: Any) -> str:
    return read_text(path_arg(path))


@FILE.smethod("readlines")
def readlines(cls: RClass, path: Any) -> list[str]:
    return read_text(path_arg(path)).splitlines(keepends=True)


@FILE_UTILS.smethod("mkdir_p", "makedirs", "mkpath")
def mkdir_p(cls: RClass, paths: Any, *_options: Any) -> list[str]:
    file_changes.changed()
    names = flatten_parts(paths if type(paths) is list else [paths])
    for name in names:
        os.makedirs(name, exist_ok=True)
    return names


@FILE_UTILS.smethod("cp", "copy")
def cp(cls: RClass, source: Any, dest: Any, *_options: Any) -> None:
    file_changes.changed()
    shutil.copy(path_arg(source), path_arg(dest))


@FILE_UTILS.smethod("mv", "move")
def mv(cls: RClass, source: Any, dest: Any, *_options: Any) -> int:
    file_changes.changed()
    shutil.move(path_arg(source), path_arg(dest))
    return 0


@FILE_UTILS.smethod("rm_f", "safe_unlink")
def rm_f(cls: RClass, paths: Any, *_options: Any) -> list[str]:
    file_changes.changed()
    names = flatten_parts(paths if type(paths) is list else [paths])
    for name in names:
        Path(name).unlink(missing_ok=True)
    return names


@FILE_UTILS.smethod("touch")
def touch(cls: RClass, paths: Any, *_options: Any) -> list[str]:
    file_changes.changed()
    names = flatten_parts(paths if type(paths) is list else [paths])
    for name in names:
        Path(name).touch()
    return names


@DIR.smethod("glob", "[]")
def glob(cls: RClass, patterns: Any, *_flags: Any) -> list[str]:
    """Dir.glob: matches sorted, as Ruby 3 returns them; `**` crosses directories.

    Ruby sorts each directory's entries and lists a folder's matches where the
    folder sorts, so `a/b/c.rb` comes before `a/b.rb`: a sort by path parts.
    """
    found: list[str] = []
    for pattern in flatten_parts(patterns if type(patterns) is list else [patterns]):
        found.extend(sorted(pyglob.glob(pattern, recursive=True), key=lambda p: p.split("/")))
    return found


@DIR.smethod("pwd", "getwd")
def pwd(cls: RClass) -> str:
    return os.getcwd()


@DIR.smethod("entries")
def entries(cls: RClass, path: Any) -> list[str]:
    return [".", "..", *sorted(os.listdir(path_arg(path)))]


# -- writing, renaming, deleting: File.open/write/delete/rename, FileUtils ------

def path_list(paths: Any) -> list[str]:
    return flatten_parts(paths if type(paths) is list else [paths])


# Ruby's access modes (a `b`/`t` letter and an `:encoding` may follow)
OPEN_MODES = {"r": "r", "w": "w", "a": "a", "r+": "r+", "w+": "w+", "a+": "a+",
              "wx": "x", "w+x": "x+"}


def open_mode(mode: Any) -> str:
    text = "r" if mode is None else path_arg(mode)
    base = text.split(":", 1)[0].replace("b", "").replace("t", "")
    python_mode = OPEN_MODES.get(base)
    if python_mode is None:
        raise ArgumentError(f"invalid access mode {text}")
    return python_mode


class RFile:
    """An open File (`File.open("x", "w") { |f| f.puts … }`)."""

    __slots__ = ("path", "handle", "__weakref__")

    def __init__(self, path: str, mode: str) -> None:
        self.path = path
        try:
            self.handle: Any = open(path, mode, encoding="utf-8", errors="surrogateescape",
                                    newline="")
        except OSError as exc:
            raise os_error(exc, "rb_sysopen", path) from None
        if mode != "r":  # made or truncated
            file_changes.changed()
            _writing.add(self)

    def stream(self) -> Any:
        if self.handle.closed:
            raise IOError_("closed stream")
        return self.handle

    def write(self, text: str) -> None:
        try:
            self.stream().write(text)
        except io.UnsupportedOperation:
            raise IOError_("not opened for writing") from None
        finally:
            file_changes.changed()  # a full buffer was written out

    def close(self) -> None:
        self.handle.close()
        file_changes.changed()  # the buffer was written out

    def read(self) -> str:
        try:
            return self.stream().read()  # type: ignore[no-any-return]
        except io.UnsupportedOperation:
            raise IOError_("not opened for reading") from None


CLASS_OF[RFile] = FILE
# Files opened for writing and not yet collected: one a template left open
# (in the model, say) is written out by its finalizer, at Python's teardown,
# which the command's quick exit would skip (`process.exit_at_once`).
_writing: weakref.WeakSet[RFile] = weakref.WeakSet()
process.needs_teardown(lambda: any(not f.handle.closed for f in _writing))


def options_mode(options: tuple[Any, ...], default: str) -> str:
    """The `mode:` keyword of File.write/File.open."""
    if options and type(options[-1]) is dict:
        from ncg.ruby.runtime.symbol import Symbol

        given = options[-1].get(Symbol.of("mode"))
        if given is not None:
            return path_arg(given)
    return default


@FILE.smethod("open", "new")
def file_open(cls: RClass, path: Any, mode: Any = None, *options: Any, block: Any = None) -> Any:
    if type(mode) is dict:
        options, mode = (mode, *options), None
    opened = RFile(path_arg(path), open_mode(options_mode(options, mode or "r")))
    if block is None:
        return opened
    try:
        return block(opened)
    finally:
        opened.close()


@FILE.smethod("write")
def file_write(cls: RClass, path: Any, data: Any, *options: Any) -> int:
    text = data if type(data) is str else send(data, "to_s")
    opened = RFile(path_arg(path), open_mode(options_mode(options, "w")))
    try:
        opened.write(text)
    finally:
        opened.close()
    return len(utf8_bytes(text))


@FILE.smethod("delete", "unlink")
def file_delete(cls: RClass, *paths: Any) -> int:
    file_changes.changed()
    for path in flatten_parts(paths):
        try:
            os.unlink(path)
        except OSError as exc:
            raise os_error(exc, "apply2files", path) from None
    return len(paths)


@FILE.smethod("rename")
def file_rename(cls: RClass, source: Any, dest: Any) -> int:
    file_changes.changed()
    old, new = path_arg(source), path_arg(dest)
    try:
        os.rename(old, new)
    except OSError as exc:
        raise os_error(exc, "rb_file_s_rename", f"({old}, {new})") from None
    return 0


@method(RFile, "write")
def rfile_write(f: RFile, *values: Any) -> int:
    text = "".join(v if type(v) is str else send(v, "to_s") for v in values)
    f.write(text)
    return len(utf8_bytes(text))


@method(RFile, "print")
def rfile_print(f: RFile, *values: Any) -> None:
    rfile_write(f, *values)


@method(RFile, "<<")
def rfile_append(f: RFile, value: Any) -> RFile:
    rfile_write(f, value)
    return f


@method(RFile, "puts")
def rfile_puts(f: RFile, *values: Any) -> None:
    from ncg.ruby.runtime.kernel import puts_text

    f.write(puts_text(values))


@method(RFile, "printf")
def rfile_printf(f: RFile, fmt: Any = None, *values: Any) -> None:
    from ncg.ruby.runtime.kernel import format_

    if fmt is not None:
        f.write(format_(fmt, *values))


@method(RFile, "read")
def rfile_read(f: RFile, *_length: Any) -> str:
    return f.read()


@method(RFile, "gets", "readline")
def rfile_gets(f: RFile) -> str | None:
    line = f.stream().readline()
    return line if line else None


@method(RFile, "readlines", "to_a")
def rfile_readlines(f: RFile) -> list[str]:
    return f.read().splitlines(keepends=True)


@method(RFile, "each_line", "each")
def rfile_each_line(f: RFile, block: Any = None) -> Any:
    lines = rfile_readlines(f)
    if block is None:
        return lines
    for line in lines:
        block(line)
    return f


@method(RFile, "close")
def rfile_close(f: RFile) -> None:
    f.close()


@method(RFile, "closed?")
def rfile_closed(f: RFile) -> bool:
    return bool(f.handle.closed)


@method(RFile, "flush")
def rfile_flush(f: RFile) -> RFile:
    f.stream().flush()
    file_changes.changed()
    return f


@method(RFile, "path", "to_path")
def rfile_path(f: RFile) -> str:
    return f.path


@method(RFile, "inspect")
def rfile_inspect(f: RFile) -> str:
    return f"#<File:{f.path}{' (closed)' if f.handle.closed else ''}>"


@FILE_UTILS.smethod("rm", "remove")
def fu_rm(cls: RClass, paths: Any, *_options: Any) -> list[str]:
    file_changes.changed()
    names = path_list(paths)
    for name in names:
        try:
            os.unlink(name)
        except OSError as exc:
            raise os_error(exc, "apply2files", name) from None
    return names


@FILE_UTILS.smethod("rm_r")
def fu_rm_r(cls: RClass, paths: Any, *_options: Any) -> list[str]:
    file_changes.changed()
    names = path_list(paths)
    for name in names:
        try:
            if os.path.isdir(name) and not os.path.islink(name):
                shutil.rmtree(name)
            else:
                os.unlink(name)
        except OSError as exc:
            raise os_error(exc, "apply2files", name) from None
    return names


@FILE_UTILS.smethod("rm_rf", "rmtree", "remove_dir", "remove_entry", "remove_entry_secure")
def fu_rm_rf(cls: RClass, paths: Any, *_options: Any) -> list[str]:
    file_changes.changed()
    names = path_list(paths)
    for name in names:
        if os.path.isdir(name) and not os.path.islink(name):
            shutil.rmtree(name, ignore_errors=True)
        else:
            Path(name).unlink(missing_ok=True)
    return names


@FILE_UTILS.smethod("mkdir")
@DIR.smethod("mkdir")
def fu_mkdir(cls: RClass, paths: Any, *_options: Any) -> Any:
    file_changes.changed()
    names = path_list(paths)
    for name in names:
        try:
            os.mkdir(name)
        except OSError as exc:
            raise os_error(exc, "dir_s_mkdir", name) from None
    return 0 if cls is DIR else names


@FILE_UTILS.smethod("rmdir")
@DIR.smethod("rmdir", "delete", "unlink")
def fu_rmdir(cls: RClass, paths: Any, *_options: Any) -> Any:
    file_changes.changed()
    names = path_list(paths)
    for name in names:
        try:
            os.rmdir(name)
        except OSError as exc:
            raise os_error(exc, "dir_s_rmdir", name) from None
    return 0 if cls is DIR else names


@FILE_UTILS.smethod("cp_r")
def fu_cp_r(cls: RClass, source: Any, dest: Any, *_options: Any) -> None:
    file_changes.changed()
    for name in path_list(source):
        target = os.path.join(path_arg(dest), os.path.basename(name)) \
            if os.path.isdir(path_arg(dest)) else path_arg(dest)
        try:
            if os.path.isdir(name):
                shutil.copytree(name, target, symlinks=True, dirs_exist_ok=True)
            else:
                shutil.copy2(name, target)
        except OSError as exc:
            raise os_error(exc, "rb_sysopen", name) from None


@FILE_UTILS.smethod("ln_s", "symlink")
@FILE.smethod("symlink")
def fu_ln_s(cls: RClass, source: Any, dest: Any, *_options: Any) -> int:
    file_changes.changed()
    target = path_arg(dest)
    try:
        os.symlink(path_arg(source), target)
    except OSError as exc:
        raise os_error(exc, "syserr_fail2_in", target) from None
    return 0


@FILE_UTILS.smethod("ln_sf")
def fu_ln_sf(cls: RClass, source: Any, dest: Any, *_options: Any) -> int:
    Path(path_arg(dest)).unlink(missing_ok=True)
    return fu_ln_s(cls, source, dest)


@FILE_UTILS.smethod("chmod")
@FILE.smethod("chmod")
def fu_chmod(cls: RClass, mode: Any, paths: Any, *more: Any) -> Any:
    file_changes.changed()
    names = path_list(paths) + flatten_parts(more)
    for name in names:
        try:
            os.chmod(name, mode)
        except OSError as exc:
            raise os_error(exc, "apply2files", name) from None
    return len(names) if cls is FILE else names


class RStat:
    """File.stat's answer (File::Stat)."""

    __slots__ = ("result",)

    def __init__(self, result: os.stat_result) -> None:
        self.result = result


FILE_STAT = RClass("File::Stat", OBJECT, (COMPARABLE,))
CLASS_OF[RStat] = FILE_STAT
CONSTANTS["File::Stat"] = FILE_STAT


@FILE.smethod("stat", "lstat")
def file_stat(cls: RClass, path: Any) -> RStat:
    name = path_arg(path)
    try:
        return RStat(os.stat(name))
    except OSError as exc:
        raise os_error(exc, "rb_file_s_stat", name) from None


@FILE.smethod("mtime")
def file_mtime(cls: RClass, path: Any) -> Any:
    return stat_mtime(file_stat(cls, path))


method(RStat, "mode")(lambda s: s.result.st_mode)
method(RStat, "size")(lambda s: s.result.st_size)
method(RStat, "uid")(lambda s: s.result.st_uid)
method(RStat, "gid")(lambda s: s.result.st_gid)
method(RStat, "file?")(lambda s: stat.S_ISREG(s.result.st_mode))
method(RStat, "directory?")(lambda s: stat.S_ISDIR(s.result.st_mode))
method(RStat, "symlink?")(lambda s: stat.S_ISLNK(s.result.st_mode))


@method(RStat, "mtime")
def stat_mtime(s: RStat) -> Any:
    from ncg.ruby.runtime.time import Time

    return Time(s.result.st_mtime_ns)
