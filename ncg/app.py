"""One run of ncg, wired together: the command line's choices in, outputs out.

`run` builds the template Environment with the run's settings, gives it
NCG's helpers, loads the model with the environment's renderer for `[% %]`
lines, and prints the keys, dumps the model, or generates every config.
Everything a run uses hangs off its Environment, so runs are independent:
one process may run twice, or on two threads.

`run_deep` gives a run room to recurse as deep as the original lets
templates recurse (a Ruby method 10,000 calls deep, `apply_by_filename`
and `include` more than 1,000 deep), so that only recursion that never ends
is Ruby's SystemStackError, and never a crash.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO, TypeVar

from ncg import process
from ncg import settings as active_settings
from ncg.errors import InternalError, RubyError
from ncg.generate import generate_all
from ncg.model import load
from ncg.netomata import helpers
from ncg.netomata.error_dump import write_error_dump
from ncg.ruby.runtime import begin_run
from ncg.settings import Settings
from ncg.template.cache import BundleCache, TemplateCache, template_key
from ncg.template.engine import Environment, ErrorHook

T = TypeVar("T")

# Python frames a run may nest: the original's deepest recursions take a few
# Python frames per Ruby call (10,000 Ruby calls, 1,000 nested templates of
# a dozen frames each).
RECURSION_LIMIT = 60_000
# C stack for them: a Python frame takes 0.3 kB of it, 2.5 kB when C code
# calls back into Python at every level (`sort_by` recursing); 512 MB is
# address space, used only as touched.
STACK_SIZE = 512 * 1024 * 1024
FRAME_BYTES = 8 * 1024  # the C stack allowed per frame when the stack is smaller


@dataclass(frozen=True)
class Options:
    """What the command line asks for."""

    files: list[str]
    settings: Settings = field(default_factory=Settings)
    keys: bool = False  # -k: print the model's keys
    dump: bool = False  # -d: print the model
    command: str = "ncg"  # the command line as emit_header shows it


def environment(settings: Settings, command: str, file_cache: TemplateCache | None = None,
                snippet_cache: BundleCache | None = None) -> Environment:
    """A template environment with NCG's helpers; -E makes failing templates dump context."""
    env = Environment(settings, file_cache, on_error=error_dumper(settings.error_dump),
                      snippet_cache=snippet_cache)
    helpers.register(env, command)
    return env


def error_dumper(base: str | None) -> ErrorHook | None:
    """-E FILE: each template an error leaves writes FILE.N (None: no dumps)."""
    if base is None:
        return None

    def dump(error: RubyError | InternalError, ivars: dict[str, Any]) -> None:
        write_error_dump(base, error, ivars)

    return dump


def run(options: Options, out: TextIO | None = None,
        file_cache: TemplateCache | None = None) -> None:
    """Load the model, then print its keys (-k), dump it (-d), or generate every config.

    Template files' Mako source is kept in `file_cache`, by default the
    user's private cache folder.
    """
    out = sys.stdout if out is None else out
    cache = TemplateCache.for_user() if file_cache is None else file_cache
    snippets = snippet_bundle(cache, options.files)
    env = environment(options.settings, options.command, cache, snippets)
    begin_run(options.files)
    with active_settings.activated(options.settings):
        net = load(options.files, env.render_snippet, verbose=options.settings.verbose)
        snippets.save()
        if options.keys:
            process.puts(out, "\n".join(net.keys_r()))
        elif options.dump:
            net.dump(out)
        else:
            generate_all(net, env.apply_by_filename, verbose=options.settings.verbose)


def snippet_bundle(cache: TemplateCache, files: list[str]) -> BundleCache:
    """The `[% %]` lines of the model in `files`, as read from this folder, in one cache entry."""
    return BundleCache(cache, template_key("\0".join(files), f"[% %] from {os.getcwd()}"))


def run_deep(fn: Callable[[], T]) -> T:
    """`fn()` with the main thread's stack let grow to STACK_SIZE and the
    recursion limit raised to what that stack holds (put back after).

    The main thread, not a thread with a big stack: signals (Ctrl-C) are
    handled on the main thread, at the template line running
    (`ncg.process`). Elsewhere `fn()` runs with the limits as they are.
    """
    if threading.current_thread() is not threading.main_thread():
        return fn()
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, min(RECURSION_LIMIT, grow_stack() // FRAME_BYTES)))
    try:
        return fn()
    finally:
        sys.setrecursionlimit(old_limit)


def grow_stack() -> int:
    """Raise the soft limit of the main thread's stack to STACK_SIZE if the
    hard limit allows, and return the stack size to count on. Linux grows
    the main thread's stack up to the soft limit as it is touched (other
    systems size it once, when the process starts). The raised limit stays
    for the process's life."""
    soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    if soft == resource.RLIM_INFINITY or soft >= STACK_SIZE:
        return STACK_SIZE
    if sys.platform != "linux":
        return soft
    wanted = STACK_SIZE if hard == resource.RLIM_INFINITY else min(STACK_SIZE, hard)
    try:
        resource.setrlimit(resource.RLIMIT_STACK, (wanted, hard))
    except (ValueError, OSError):
        return soft
    return wanted
