"""The process a template runs in: `ENV`, `ARGV`, `$0`, and the start of a run.

`begin_run(files)` starts a run as the original's process starts: ARGV is
the command line's file arguments (what remains after option parsing),
and only the original's own libraries are loaded. `$0` is the command as
invoked (`ncg`, or the path the shell ran it by).

ENV is Ruby's hash-like view of the environment: reads see the process's
environment as it is now, and writes change it (for the processes ncg
starts, as in Ruby). Methods that make a new Hash (`select`, `to_h`,
`slice`…) work on a copy; those that change ENV change the environment.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from ncg.errors import ArgumentError, KeyError_, SystemCallError
from ncg.ruby.runtime import libraries
from ncg.ruby.runtime.consts import (
    CLASS_OF,
    CONSTANTS,
    OBJECT,
    RClass,
    exception_class,
    reset_constants,
)
from ncg.ruby.runtime.core import method, send
from ncg.ruby.runtime.enumerable import include_enumerable, to_str
from ncg.ruby.runtime.globals import BUILTIN_GLOBALS, reset_globals
from ncg.ruby.runtime.object import reset_frozen
from ncg.ruby.runtime.values import truthy

Block = Callable[..., Any] | None

EINVAL = exception_class("Errno::EINVAL", SystemCallError)


def begin_run(files: list[str]) -> None:
    """A new run of ncg over `files`: ARGV, the original's libraries only, no globals set."""
    CONSTANTS["ARGV"] = list(files)
    libraries.reset_libraries()
    reset_globals()
    reset_constants()
    reset_frozen()


def program_name() -> str:
    """`$0`: the command as invoked (`ncg` when run as `python -m ncg`)."""
    argv0 = sys.argv[0] if sys.argv else "ncg"
    return "ncg" if argv0.endswith("__main__.py") or argv0 in ("", "-c") else argv0


def argv() -> list[str]:
    """`ARGV` (and `$*`)."""
    return CONSTANTS["ARGV"]  # type: ignore[no-any-return]


BUILTIN_GLOBALS.update({"$0": program_name, "$PROGRAM_NAME": program_name, "$*": argv})


class Env:
    """Ruby's ENV object (there is one)."""

    __slots__ = ()


ENV = Env()
CLASS_OF[Env] = OBJECT
CONSTANTS.update({"ENV": ENV, "ARGV": []})


def snapshot() -> dict[str, str]:
    return dict(os.environ)


def env_value(value: Any) -> str:
    text = to_str(value)
    if "\0" in text:
        raise ArgumentError("bad environment variable value: contains null byte")
    return text


def env_name(name: Any) -> str:
    text = to_str(name)
    if "\0" in text:
        raise ArgumentError("bad environment variable name: contains null byte")
    return text


def setenv(name: Any, value: Any) -> Any:
    key = env_name(name)
    if value is None:
        os.environ.pop(key, None)
        return None
    text = env_value(value)
    if not key or "=" in key:
        raise EINVAL(f"Invalid argument - setenv({key})")
    os.environ[key] = text
    return value


@method(Env, "[]")
def env_get(env: Env, name: Any) -> str | None:
    return os.environ.get(env_name(name))


@method(Env, "fetch")
def env_fetch(env: Env, name: Any, *default: Any, block: Block = None) -> Any:
    key = env_name(name)
    if key in os.environ:
        return os.environ[key]
    if block is not None:
        return block(key)
    if default:
        return default[0]
    raise KeyError_(f"key not found: {send(key, 'inspect')}")


@method(Env, "key?", "has_key?", "include?", "member?")
def env_has_key(env: Env, name: Any) -> bool:
    return env_name(name) in os.environ


@method(Env, "[]=", "store")
def env_set(env: Env, name: Any, value: Any) -> Any:
    return setenv(name, value)


@method(Env, "delete")
def env_delete(env: Env, name: Any, block: Block = None) -> Any:
    key = env_name(name)
    if key not in os.environ:
        return None if block is None else block(key)
    return os.environ.pop(key)


@method(Env, "to_s")
def env_to_s(env: Env) -> str:
    return "ENV"


@method(Env, "each", "each_pair")
def env_each(env: Env, block: Block = None) -> Any:
    pairs = [[k, v] for k, v in snapshot().items()]
    if block is None:
        return pairs
    for pair in pairs:
        block(pair)
    return env


@method(Env, "each_key")
def env_each_key(env: Env, block: Block = None) -> Any:
    keys = list(os.environ)
    if block is None:
        return keys
    for key in keys:
        block(key)
    return env


@method(Env, "each_value")
def env_each_value(env: Env, block: Block = None) -> Any:
    values = list(os.environ.values())
    if block is None:
        return values
    for value in values:
        block(value)
    return env


@method(Env, "clear")
def env_clear(env: Env) -> Env:
    os.environ.clear()
    return env


@method(Env, "update", "merge!")
def env_update(env: Env, *others: Any, block: Block = None) -> Env:
    for other in others:
        for key, value in send(other, "to_hash").items():
            if block is not None and to_str(key) in os.environ:
                value = block(key, os.environ[key], value)
            setenv(key, value)
    return env


@method(Env, "replace")
def env_replace(env: Env, other: Any) -> Env:
    wanted = send(other, "to_hash")
    for key, value in wanted.items():
        setenv(key, value)
    for key in set(os.environ) - set(wanted):
        del os.environ[key]
    return env


def keep(env: Env, block: Block, wanted: bool) -> bool:
    """Delete the pairs the block does not answer `wanted` for; did any go?"""
    deleted = False
    for key, value in snapshot().items():
        if truthy(block(key, value)) is not wanted:
            os.environ.pop(key, None)
            deleted = True
    return deleted


@method(Env, "delete_if")
def env_delete_if(env: Env, block: Block = None) -> Any:
    keep(env, block, False)
    return env


@method(Env, "reject!")
def env_reject_bang(env: Env, block: Block = None) -> Any:
    return env if keep(env, block, False) else None


@method(Env, "keep_if")
def env_keep_if(env: Env, block: Block = None) -> Any:
    keep(env, block, True)
    return env


@method(Env, "select!", "filter!")
def env_select_bang(env: Env, block: Block = None) -> Any:
    return env if keep(env, block, True) else None


@method(Env, "shift")
def env_shift(env: Env) -> list[str] | None:
    for key, value in snapshot().items():
        del os.environ[key]
        return [key, value]
    return None


@method(Env, "rehash")
def env_rehash(env: Env) -> None:
    return None


def delegate_to_hash(name: str) -> Callable[..., Any]:
    """ENV's reading methods answer as a Hash of the environment would."""

    def on_copy(env: Env, *args: Any, block: Block = None) -> Any:
        return send(snapshot(), name, *args, block=block)

    return on_copy


for _name in ("assoc", "empty?", "except", "filter", "has_value?", "inspect", "invert", "key",
              "keys", "length", "rassoc", "reject", "select", "size", "slice", "to_a", "to_h",
              "to_hash", "value?", "values", "values_at"):
    method(Env, _name)(delegate_to_hash(_name))

include_enumerable(Env, lambda env: [[k, v] for k, v in snapshot().items()])


# -- Socket and Etc: loaded in the original's process ----------------------------

SOCKET = RClass("Socket", OBJECT)
ETC = RClass("Etc", is_module=True)
CONSTANTS.update({"Socket": SOCKET, "Etc": ETC})


@SOCKET.smethod("gethostname")
def gethostname(cls: RClass) -> str:
    return hostname()


@ETC.smethod("getlogin")
def getlogin(cls: RClass) -> str | None:
    try:
        return os.getlogin()
    except OSError:  # no controlling terminal: Ruby falls back on $USER
        return os.environ.get("USER")


def hostname() -> str:
    """The host's name; `socket` imported only now (2 ms of every run's start)."""
    import socket

    return socket.gethostname()
