"""What loading a model looked at outside itself, so that the loaded tree can
be used again while all of it is unchanged (`ncg.model_cache`).

Loading reads files, expands globs and lists template folders; each such
look is noted as a probe (kind, argument, result) while a `recording()` is
active. `unchanged()` looks again and compares. A file's result is the
SHA-256 of its bytes, so an edit that keeps the file's size and time still
counts. Anything a second look could not repeat (standard input, a `[% %]`
line that may read the clock or print) makes the recording `unrepeatable`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from ncg.model.globbing import expand_pattern

Probe = tuple[str, str, Hashable]  # (kind, argument, what was seen)


@dataclass
class Inputs:
    """The probes of one load, in the order they were made."""

    probes: list[Probe] = field(default_factory=list)
    unrepeatable: str | None = None  # why the load can't be replayed from its probes

    def unchanged(self) -> bool:
        """Whether every probe, made again now, sees what it saw."""
        if self.unrepeatable is not None:
            return False
        try:
            return all(_PROBES[kind](argument) == seen for kind, argument, seen in self.probes)
        except (OSError, KeyError, ValueError):
            return False


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_digest(path: str) -> str:
    with open(path, "rb") as fh:
        return file_digest(fh.read())


def digest_of(path: str) -> str:
    """A file's digest, or "" if it can't be read (standard input: "-")."""
    try:
        return _read_digest(path)
    except OSError:
        return ""


def _listing(path: str) -> tuple[str, ...]:
    return tuple(sorted(os.listdir(path)))


_PROBES: dict[str, Callable[[str], Hashable]] = {
    "glob": lambda pattern: tuple(expand_pattern(pattern)),
    "read": _read_digest,
    "isfile": os.path.isfile,
    "isdir": os.path.isdir,
    "listdir": _listing,
}

_recording: ContextVar[Inputs | None] = ContextVar("ncg_inputs", default=None)


@contextmanager
def recording() -> Iterator[Inputs]:
    """Note the probes that loading makes inside the `with` (in this context)."""
    inputs = Inputs()
    token = _recording.set(inputs)
    try:
        yield inputs
    finally:
        _recording.reset(token)


def is_recording() -> bool:
    return _recording.get() is not None


def note(kind: str, argument: str, seen: Hashable) -> None:
    """A probe loading made (and its result), if a recording is active."""
    inputs = _recording.get()
    if inputs is not None:
        inputs.probes.append((kind, argument, seen))


def unrepeatable(reason: str) -> None:
    """Loading used something a second look can't check (the first reason is kept)."""
    inputs = _recording.get()
    if inputs is not None and inputs.unrepeatable is None:
        inputs.unrepeatable = reason


def isfile(path: str) -> bool:
    """os.path.isfile, noted."""
    found = os.path.isfile(path)
    note("isfile", path, found)
    return found


def isdir(path: str) -> bool:
    """os.path.isdir, noted."""
    found = os.path.isdir(path)
    note("isdir", path, found)
    return found


def listdir(path: str) -> list[str]:
    """os.listdir, noted (in a fixed order: the caller sorts as it needs)."""
    entries = os.listdir(path)
    note("listdir", path, tuple(sorted(entries)))
    return entries
