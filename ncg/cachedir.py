"""ncg's private cache folder, and writing files into it atomically.

The folder is `$XDG_CACHE_HOME/ncg` (or `$HOME/.cache/ncg`), mode 0700 and
owned by the user, so nothing in it can have been planted by someone else.
When there is no such place (no absolute HOME, a folder owned by another
user or writable by others, a read-only disk), there is no disk cache: ncg
runs the same, only compiling again. A relative path is never used, so a
missing HOME can't make a `./~/.cache` folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import stat
import tempfile
from pathlib import Path

PRIVATE = stat.S_IRWXU  # 0700
_fingerprints: dict[str, str] = {}


def cache_home() -> Path | None:
    """`$XDG_CACHE_HOME`, else `$HOME/.cache`; None when neither is an absolute path."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG spec says a relative value is to be ignored
        return Path(xdg)
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home) or not os.path.isdir(home):
        return None
    return Path(home) / ".cache"


def private_dir(*parts: str) -> Path | None:
    """`<cache home>/ncg/PARTS…`, each level made private; None if that can't be had."""
    home = cache_home()
    if home is None:
        return None
    levels = [home / "ncg"]
    for part in parts:
        levels.append(levels[-1] / part)
    try:
        home.mkdir(mode=PRIVATE, parents=True, exist_ok=True)
        if not all(_make_private(level) for level in levels):
            return None
    except OSError:
        return None
    return levels[-1]


def _make_private(folder: Path) -> bool:
    """Create `folder` 0700, or take it if it is ours and nobody else can write it.

    A folder others can only read is made private; one they can write is
    refused, since they may have put files in it.
    """
    try:
        folder.mkdir(mode=PRIVATE)
    except FileExistsError:
        pass
    info = os.lstat(folder)  # a symlink is refused: it could point anywhere
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != _uid():
        return False
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False  # others could have put files in it
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        os.chmod(folder, info.st_mode & PRIVATE)  # ours and unspoilt: only readable by others
    return os.access(folder, os.W_OK | os.X_OK)


def _uid() -> int:
    """The user's id (-1 where the OS has none, so no folder counts as ours)."""
    return os.getuid() if hasattr(os, "getuid") else -1


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder.

    A reader sees the old file or the new one, never a part; the temporary
    file is removed when the write fails, however it fails.
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def package_fingerprint(name: str) -> str:
    """A digest of installed package NAME's `__init__.py` (once per process),
    which holds its `__version__`: what a cache keeps of the version of a
    package it depends on, found without importing the package, which a
    run served from the cache may not need at all."""
    found = _fingerprints.get(name)
    if found is None:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        try:
            data = Path(origin).read_bytes() if origin else b""
        except OSError:
            data = b""
        found = _fingerprints[name] = hashlib.sha256(data).hexdigest()
    return found
