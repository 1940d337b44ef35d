"""`ncg -j N`: the targets rendered on N processes, forked once the model is loaded.

Each worker renders a run of consecutive targets and sends back the texts,
with what each template printed itself (`puts`, `$stderr.puts`); the parent
takes them in the targets' order and prints what the templates printed as
it comes to each target, so that it writes, prints and reports with -v
exactly what one process would (stdout and stderr each in order; a terminal
showing both may show a target's two parts the other way round). A target that fails in a
worker is rendered again by the parent, with every target after it: the
error is then raised, worded and located as without -j (and only the
parent writes -E dumps).

Targets are rendered apart from each other: what one template leaves for
the next (a global variable, a file it wrote) is not seen across workers.
Where processes cannot be forked, everything is rendered by the parent.
"""

from __future__ import annotations

import io
import itertools
import math
import signal
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ncg.generate import render_one
from ncg.model.node import Node
from ncg.template.engine import Environment

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

CHUNKS_PER_JOB = 4  # runs of targets per worker, to even out slow templates


class Rendered(NamedTuple):
    """A target rendered by a worker."""

    path: str  # its `ncg_output`
    text: str
    stdout: str  # what its templates printed
    stderr: str

# The run the workers render: set before they are forked, inherited by them.
_job: tuple[Node, Environment] | None = None


def can_fork() -> bool:
    import multiprocessing  # only for -j: not on every run's start-up

    return "fork" in multiprocessing.get_all_start_methods()


def chunks(keys: Sequence[str], jobs: int) -> list[list[str]]:
    size = max(1, math.ceil(len(keys) / (jobs * CHUNKS_PER_JOB)))
    return [list(keys[at:at + size]) for at in range(0, len(keys), size)]


def start_worker() -> None:
    """A worker dies of signals as any program would: the parent reports them.
    No -E dumps from workers: the parent writes them when it renders again."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    assert _job is not None
    _job[1].on_error = None


def render_chunk(keys: list[str]) -> tuple[list[Rendered], bool]:
    """The chunk's texts in order, up to the first failing target (True if one failed)."""
    assert _job is not None
    net, env = _job
    texts = []
    for key in keys:
        printed = (io.StringIO(), io.StringIO())
        streams = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = printed
        try:
            path, text = render_one(net, key, env.apply_by_filename, False)
        except BaseException:  # noqa: BLE001 - the parent renders it again and reports it
            return texts, True
        finally:
            sys.stdout, sys.stderr = streams
        texts.append(Rendered(path, text, printed[0].getvalue(), printed[1].getvalue()))
    return texts, False


def prerendered(net: Node, env: Environment, keys: Sequence[str],
                jobs: int) -> Iterator[Rendered | None]:
    """For every target in order, its text from a worker, or None: render it here.

    A worker that dies (killed by the system, say) breaks the pool: the
    targets not yet received are then rendered here, so that nothing hangs.
    """
    global _job
    if jobs > 1 and len(keys) > 1 and can_fork():
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        _job = (net, env)
        sys.stdout.flush()  # the workers must not write the parent's buffered text again
        sys.stderr.flush()
        pool = ProcessPoolExecutor(min(jobs, len(keys)), initializer=start_worker,
                                   mp_context=multiprocessing.get_context("fork"))
        # submitted, not mapped: an `Executor.map` left early cancels what is
        # pending, and Python 3.11's pool then fails on those futures as stop()
        # ends the workers (InvalidStateError in its thread)
        futures = [pool.submit(render_chunk, chunk) for chunk in chunks(keys, jobs)]
        try:
            for future in futures:
                texts, failed = future.result()
                yield from texts
                if failed:
                    break
        except BrokenProcessPool:
            pass
        finally:
            _job = None
            stop(pool)
    yield from itertools.repeat(None)


def stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now: what they are still rendering is not needed."""
    # the executor has no public way to stop a task under way
    workers = list((getattr(pool, "_processes", None) or {}).values())
    for worker in workers:
        worker.terminate()
    # then wait for the executor's thread to see them gone and fail what was
    # pending: left running, it wrote to its closed wake-up pipe at exit ("Bad
    # file descriptor")
    pool.shutdown(wait=True)
