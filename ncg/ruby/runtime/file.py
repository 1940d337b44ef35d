"""Ruby's File, FileTest, FileUtils and Dir class methods (the path functions
templates use: `File.join`, `File.basename`, `File.exist?`, `Dir.glob`…)."""

from __future__ import annotations

import glob as pyglob
import os
import shutil
from pathlib import Path
from typing import Any

from ncg.errors import EISDIR, ENOENT, TypeError_
from ncg.ruby.runtime.consts import DIR, FILE, FILE_TEST, FILE_UTILS, RClass, class_of


def path_arg(value: Any) -> str:
    """A path argument: a String (Ruby's implicit conversion is to_str/to_path only)."""
    if type(value) is str:
        return value
    shown = "nil" if value is None else class_of(value).name
    raise TypeError_(f"no implicit conversion of {shown} into String")


def strip_trailing_slashes(path: str) -> str:
    stripped = path.rstrip("/")
    return stripped if stripped else path[:1]


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
    if not path:
        return ""
    trimmed = strip_trailing_slashes(path)
    if trimmed == "/":
        return "/"
    name = trimmed.rsplit("/", 1)[-1]
    if suffix is None:
        return name
    suffix = path_arg(suffix)
    if suffix == ".*":
        dot = name.rfind(".")
        return name[:dot] if dot > 0 else name
    if name.endswith(suffix) and name != suffix:
        return name[: len(name) - len(suffix)]
    return name


@FILE.smethod("dirname")
def dirname(cls: RClass, path: Any) -> str:
    path = path_arg(path)
    trimmed = strip_trailing_slashes(path)
    if "/" not in trimmed:
        return "."
    head = trimmed.rsplit("/", 1)[0].rstrip("/")
    return head or "/"


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
    except FileNotFoundError:
        raise ENOENT(f"No such file or directory @ rb_sysopen - {path}") from None
    except IsADirectoryError:
        raise EISDIR(f"Is a directory @ io_fread - {path}") from None


@FILE.smethod("read")
def read(cls: RClass, path: Any) -> str:
    return read_text(path_arg(path))


@FILE.smethod("readlines")
def readlines(cls: RClass, path: Any) -> list[str]:
    return read_text(path_arg(path)).splitlines(keepends=True)


@FILE_UTILS.smethod("mkdir_p", "makedirs", "mkpath")
def mkdir_p(cls: RClass, paths: Any, *_options: Any) -> list[str]:
    names = flatten_parts(paths if type(paths) is list else [paths])
    for name in names:
        os.makedirs(name, exist_ok=True)
    return names


@FILE_UTILS.smethod("cp", "copy")
def cp(cls: RClass, source: Any, dest: Any, *_options: Any) -> None:
    shutil.copy(path_arg(source), path_arg(dest))


@FILE_UTILS.smethod("mv", "move")
def mv(cls: RClass, source: Any, dest: Any, *_options: Any) -> int:
    shutil.move(path_arg(source), path_arg(dest))
    return 0


@FILE_UTILS.smethod("rm_f", "rm", "remove")
def rm_f(cls: RClass, paths: Any, *_options: Any) -> list[str]:
    names = flatten_parts(paths if type(paths) is list else [paths])
    for name in names:
        Path(name).unlink(missing_ok=True)
    return names


@FILE_UTILS.smethod("touch")
def touch(cls: RClass, paths: Any, *_options: Any) -> list[str]:
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
