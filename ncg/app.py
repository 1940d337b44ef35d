"""One run of ncg, wired together: the command line's choices in, outputs out.

`run` builds the template Environment with the run's settings, gives it
NCG's helpers, loads the model with the environment's renderer for `[% %]`
lines, and prints the keys, dumps the model, or generates every config.
Everything a run uses hangs off its Environment, so runs are independent:
one process may run twice, or on two threads.

`run_deep` runs a run on a thread with a big stack: templates recurse as
deep as the original lets them (a Ruby method 10,000 calls deep,
`apply_by_filename` 1,000 templates deep, `include` 1,000 files deep),
and recursion that never ends is Ruby's SystemStackError, never a crash.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO, TypeVar

from ncg import settings as active_settings
from ncg.errors import InternalError, RubyError
from ncg.generate import generate_all
from ncg.model import load
from ncg.netomata import helpers
from ncg.netomata.error_dump import write_error_dump
from ncg.settings import Settings
from ncg.template.engine import DirectoryCache, Environment, SourceCache

T = TypeVar("T")

# A recursion limit with room for the original's deepest recursions (a Ruby
# method about 10,000 calls deep, at a few Python frames per call), and a C
# stack for that many Python frames with a wide margin: 60,000 frames take
# about 8 MB of it. The stack is address space, only used as touched.
RECURSION_LIMIT = 60_000
STACK_SIZE = 512 * 1024 * 1024


@dataclass(frozen=True)
class Options:
    """What the command line asks for."""

    files: list[str]
    settings: Settings = field(default_factory=Settings)
    keys: bool = False  # -k: print the model's keys
    dump: bool = False  # -d: print the model
    command: str = "ncg"  # the command line as emit_header shows it


def environment(settings: Settings, command: str,
                disk_cache: SourceCache | None = None) -> Environment:
    """A template environment with NCG's helpers; -E makes failing templates dump context."""
    env = Environment(settings, disk_cache, on_error=error_dumper(settings.error_dump))
    helpers.register(env, command)
    return env


def error_dumper(base: str | None) -> Callable[[RubyError | InternalError, dict[str, Any]], None]:
    """-E FILE: each template an error leaves writes FILE.N (None: no dumps)."""
    if base is None:
        return None  # type: ignore[return-value]
    return lambda error, ivars: write_error_dump(base, error, ivars)


def run(options: Options, out: TextIO | None = None,
        disk_cache: SourceCache | None = None) -> None:
    """Load the model, then print its keys (-k), dump it (-d), or generate every config."""
    out = sys.stdout if out is None else out
    cache = DirectoryCache.default() if disk_cache is None else disk_cache
    env = environment(options.settings, options.command, cache)
    with active_settings.activated(options.settings):
        net = load(options.files, env.render_snippet, verbose=options.settings.verbose)
        if options.keys:
            out.write("\n".join(net.keys_r()) + "\n")
        elif options.dump:
            net.dump(out)
        else:
            generate_all(net, env.apply_by_filename, verbose=options.settings.verbose)


def run_deep(fn: Callable[[], T]) -> T:
    """`fn()` on a thread with a big stack and a high recursion limit.

    The recursion limit is the process's: it is raised for the run and put
    back after it. The thread is a daemon, so that if the main thread is
    interrupted (Ctrl-C) the process ends without waiting for it.
    """
    outcome: list[tuple[bool, Any]] = []

    def body() -> None:
        try:
            outcome.append((True, fn()))
        except BaseException as exc:  # handed to the caller's thread, raised there
            outcome.append((False, exc))

    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, RECURSION_LIMIT))
    try:
        try:
            worker = start_thread(body, STACK_SIZE)
        except (RuntimeError, ValueError):  # no room for the big stack: Python's own limits
            sys.setrecursionlimit(old_limit)
            worker = start_thread(body, 0)
        worker.join()
    finally:
        sys.setrecursionlimit(old_limit)
    ok, value = outcome[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


def start_thread(body: Callable[[], None], stack_size: int) -> threading.Thread:
    """Start `body` on a daemon thread with this stack size (0: the default)."""
    old_size = threading.stack_size(stack_size)
    try:
        worker = threading.Thread(target=body, name="ncg", daemon=True)
        worker.start()
    finally:
        threading.stack_size(old_size)
    return worker
