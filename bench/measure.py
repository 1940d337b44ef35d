"""Running one command and measuring it; comparing what two tools wrote.

A run's CPU time and peak memory are the child's own, read from `os.wait4`
(the rusage of exactly that process), so runs before it do not blur them.
"""

from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# The emit_header lines that say when, where and by whom a config was made.
VOLATILE = re.compile(rb"(?m)^(.*?\b)(Date|User|Host|Directory|Command):( .*)?$")


@dataclass(frozen=True)
class Sample:
    """One run: CPU (user + sys) and wall seconds, peak resident memory in MB."""

    cpu: float
    wall: float
    peak_mb: float


class RunFailed(Exception):
    """The command exited non-zero, died of a signal, or ran out of time."""


def run(argv: list[str], cwd: Path, env: dict[str, str], timeout: float,
        stdout: Path) -> Sample:
    """Run ARGV in CWD writing its output to STDOUT; measure it."""
    with stdout.open("wb") as out, stdout.with_suffix(".err").open("w+b") as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err,
                                 start_new_session=True)
        timed_out = _wait_exited(child, timeout)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if timed_out:
            raise RunFailed(f"timed out after {timeout:g} s")
        if child.returncode:
            err.seek(0)
            raise RunFailed(f"exit {child.returncode}: {_last_line(err.read())}")
    return Sample(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def _wait_exited(child: subprocess.Popen[bytes], timeout: float) -> bool:
    """Wait until CHILD exits, killing it and its own children after TIMEOUT
    seconds; whether it was killed.

    WNOWAIT leaves the child unreaped, so the kill can never hit a reused pid
    or process group, and `os.wait4` can still read its rusage afterwards.
    """
    expired = threading.Event()

    def kill() -> None:
        expired.set()
        os.killpg(child.pid, signal.SIGKILL)  # its session's group: wrappers' children too

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
    except BaseException:  # ^C: the child, in its own session, did not get it
        os.killpg(child.pid, signal.SIGKILL)
        raise
    finally:
        timer.cancel()
    return expired.is_set()


def _last_line(text: bytes) -> str:
    lines = text.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else "(no message)"


def median(samples: list[Sample]) -> Sample:
    """The median of each measure on its own."""
    return Sample(statistics.median(s.cpu for s in samples),
                  statistics.median(s.wall for s in samples),
                  statistics.median(s.peak_mb for s in samples))


def mask(data: bytes) -> bytes:
    """DATA with the values of emit_header's Date/User/Host/Directory/Command lines hidden."""
    return VOLATILE.sub(rb"\1\2: <masked>", data)


def outputs(directory: Path) -> dict[str, bytes]:
    """Every file under DIRECTORY by relative path, masked."""
    return {path.relative_to(directory).as_posix(): mask(path.read_bytes())
            for path in sorted(directory.rglob("*")) if path.is_file()}


def differences(ours: dict[str, bytes], theirs: dict[str, bytes]) -> list[str]:
    """What differs between two sets of outputs: missing, extra or changed files."""
    problems = [f"missing {name}" for name in theirs if name not in ours]
    problems += [f"extra {name}" for name in ours if name not in theirs]
    problems += [f"differs {name}" for name in ours
                 if name in theirs and ours[name] != theirs[name]]
    return problems
