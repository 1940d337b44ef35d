"""One run of ncg, wired together: the command line's choices in, outputs out.

`run` builds the template Environment with the run's settings, gives it
NCG's helpers, loads the model with the environment's renderer for `[% %]`
lines, and prints the keys, dumps the model (-d, as .neto or JSON),
generates every config, or compares the configs it would write with other
files (--diff-against, --legacy-command, --check) and writes nothing.
Targets may be rendered on several processes (-j), and a long run shows a
progress bar on a terminal.
Everything a run uses hangs off its Environment, so runs are independent:
one process may run twice, or on two threads.

`run_deep` gives a run room to recurse as deep as the original lets
templates recurse (a Ruby method 10,000 calls deep, `apply_by_filename`
and `include` more than 1,000 deep), so that only recursion that never ends
is Ruby's SystemStackError, and never a crash.
"""

from __future__ import annotations

import json
import os
import re
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from typing import Any, TextIO, TypeVar

from ncg import process
from ncg import settings as active_settings
from ncg.errors import InternalError, RubyError
from ncg.generate import announce, located, render_one, target_keys
from ncg.model import load
from ncg.model.node import Node
from ncg.model_cache import ModelCache, load_model
from ncg.netomata import helpers
from ncg.netomata.error_dump import write_error_dump
from ncg.output import write_output
from ncg.parallel import Rendered, prerendered
from ncg.progress import Progress
from ncg.ruby.runtime import begin_run
from ncg.settings import Settings
from ncg.template.cache import BundleCache, TemplateCache, template_key
from ncg.template.engine import Environment, ErrorHook
from ncg.template.native import is_native

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
    translate: bool = False  # --translate: print the Mako source of the templates FILE...
    command: str = "ncg"  # the command line as emit_header shows it
    dump_format: str = "neto"  # --format: how -d prints the model (neto, json)
    jobs: int = 1  # -j: processes rendering the targets
    compare: Comparing | None = None  # compare the configs instead of writing them
    progress: bool = False  # show a progress bar on stderr (it is a terminal)


@dataclass(frozen=True)
class Comparing:
    """--diff-against DIR, --legacy-command CMD, or --check (neither: the files in place)."""

    against: str | None = None
    legacy_command: str | None = None
    report: str | None = None  # --report FILE.html


# Besides emit_header's lines (ncg.migrate masks those), what changes from
# run to run in the configs: HTTP dates a template computes from Time.now
# (the web_hosting example's MRTG page has an `Expires:` date).
VOLATILE = (re.compile(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT"),)


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
        file_cache: TemplateCache | None = None, model_cache: ModelCache | None = None) -> int:
    """Load the model, then print its keys (-k), dump it (-d), generate every
    config, or compare the configs; the exit status (1: a comparison differs).

    Template files' Mako source is kept in `file_cache`, by default the
    user's private cache folder; the loaded model in `model_cache` (see `loaded`).
    """
    started = time.monotonic()
    out = sys.stdout if out is None else out
    if options.translate:
        translate_files(options.files, out, environment(options.settings, options.command))
        return 0
    with loaded(options, file_cache, model_cache) as (net, env):
        if options.keys:
            process.puts(out, "\n".join(net.keys_r()))
        elif options.dump:
            dump(net, out, options.dump_format)
        elif options.compare is not None:
            with closing(rendered(net, env, options, started)) as configs:
                texts = {path: text for _, path, text in configs}
            return compare(texts, options.compare, options.files, out)
        else:
            # closed at once when writing fails: the bar is gone before the error
            with closing(rendered(net, env, options, started)) as configs:
                for target_key, path, text in configs:
                    with located(net, target_key):
                        write_output(path, text)
    return 0


def dump(net: Node, out: TextIO, dump_format: str) -> None:
    """-d: the model as .neto (the original's dump) or as one JSON object."""
    if dump_format == "json":
        process.puts(out, json.dumps(net.to_plain(), indent=2, ensure_ascii=False))
    else:
        net.dump(out)


def rendered(net: Node, env: Environment, options: Options,
             started: float) -> Iterator[tuple[str, str, str]]:
    """(target key, `ncg_output` path, text) for every target, in the original's
    order, with its -v line and errors as generation has them; writes nothing."""
    keys = target_keys(net)
    verbose = options.settings.verbose
    progress = Progress(len(keys), sys.stderr, options.progress, started)
    texts = prerendered(net, env, keys, options.jobs)
    try:
        for done, key in enumerate(keys):
            if verbose:
                progress.clear()
                announce(net, key)
            progress.show(done, key)
            done_elsewhere = next(texts)
            if done_elsewhere is None:
                with located(net, key):
                    path, text = render_one(net, key, env.apply_by_filename, False)
            else:
                path, text = done_elsewhere.path, done_elsewhere.text
                replay(done_elsewhere, progress)
            yield key, path, text
    finally:
        progress.clear()
        texts.close()


def replay(done: Rendered, progress: Progress) -> None:
    """Print what a target's templates printed in a worker, where one process would."""
    if done.stdout:
        sys.stdout.write(done.stdout)
    if done.stderr:
        progress.clear()
        sys.stderr.write(done.stderr)


def render_targets(options: Options,
                   file_cache: TemplateCache | None = None) -> Iterator[tuple[str, str]]:
    """(`ncg_output` path, text) of every target of the model, rendered in memory."""
    started = time.monotonic()
    with loaded(options, file_cache) as (net, env):
        for _, path, text in rendered(net, env, options, started):
            yield path, text


@contextmanager
def loaded(options: Options, file_cache: TemplateCache | None,
           model_cache: ModelCache | None = None) -> Iterator[tuple[Node, Environment]]:
    """The run's model and template environment, its settings active meanwhile.

    The model comes from `model_cache` when its files are unchanged; by
    default that is the user's when `file_cache` is too, else there is none.
    """
    cache = TemplateCache.for_user() if file_cache is None else file_cache
    if model_cache is None:
        model_cache = ModelCache.for_user() if file_cache is None else ModelCache(None)
    snippets = snippet_bundle(cache, options.files)
    env = environment(options.settings, options.command, cache, snippets)
    begin_run(options.files)
    with active_settings.activated(options.settings):
        net = load_model(model_cache, options.files, options.settings,
                         lambda: load(options.files, env.render_snippet,
                                      verbose=options.settings.verbose),
                         lambda: env.impure_snippet)
        snippets.save()
        yield net, env


def compare(texts: dict[str, str], comparing: Comparing, files: list[str],
            out: TextIO) -> int:
    """Print the diff report of `texts` against the other run's files (and
    write the HTML report); 0 only when every file is identical."""
    from pathlib import Path

    from ncg import migrate

    if comparing.legacy_command is not None:
        if "-" in files:
            raise migrate.LegacyCommandError(
                "the model read from standard input cannot be given to the old tool")
        with migrate.run_legacy(comparing.legacy_command, files, texts) as folder:
            comparison = migrate.compare_outputs(texts, folder, comparing.legacy_command,
                                                 VOLATILE)
    else:
        folder = Path(comparing.against if comparing.against is not None else ".")
        comparison = migrate.compare_outputs(texts, folder, None, VOLATILE)
    process.puts(out, migrate.diff_report(comparison))
    if comparing.report is not None:
        migrate.write_html_report(comparison, Path(comparing.report))
    return comparison.exit_status


def translate_files(files: list[str], out: TextIO, env: Environment) -> None:
    """--translate: each template's Mako source, runnable as a `.mako` template;
    several are each preceded by a `## ==> FILE <==` comment line."""
    # only --translate needs the translator (and Mako's lexer): not every run's start-up
    from ncg.template.translate import translate_file

    names = frozenset(env.helpers)
    for filename in files:
        text = env.template_text(filename)
        source = text if is_native(filename) else translate_file(text, filename, names)
        if len(files) > 1:
            out.write(f"## ==> {filename} <==\n")
        out.write(source)
    out.flush()


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
