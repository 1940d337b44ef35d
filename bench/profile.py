"""Profile ncg on genmodel's data center: where the CPU time of a run goes.

    python -m bench.profile [--devices 1000] [--top 25]

Writes the model, runs `ncg model.neto` once to warm the template cache
(in a HOME/XDG_CACHE_HOME/TMPDIR of its own), then profiles `ncg -k`
(loading) and `ncg` (loading and generating) in this process, imports
included, and prints the top functions by cumulative and by own time.
Times are the profiler's (wall clock, and several times the real run's:
cProfile's cost per call): read them as shares of the total.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import importlib
import io
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.run import SHARED, sandbox


def profile_run(flags: list[str], saved: Path) -> pstats.Stats:
    """Profile one `ncg FLAGS model.neto`, from its imports on.

    It runs in a forked child: this process has imported neither ncg nor its
    libraries, so every run starts as cold in memory as a new `ncg` would.
    """
    child = os.fork()
    if child == 0:
        try:
            sys.argv = ["ncg", *flags, "model.neto"]
            profiler = cProfile.Profile()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
                profiler.runcall(lambda: importlib.import_module("ncg.cli").main())
            profiler.dump_stats(saved)
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    return pstats.Stats(str(saved))


def show(title: str, stats: pstats.Stats, top: int) -> None:
    for order in ("cumulative", "tottime"):
        print(f"==== {title}, by {order} ====")
        stats.strip_dirs().sort_stats(order).print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=1000)
    parser.add_argument("--top", type=int, default=25, help="functions listed per ordering")
    parser.add_argument("--genmodel", type=Path, default=SHARED / "genmodel")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ncg-profile-") as work:
        tree, pycache = Path(work, "tree"), Path(work, "pycache")
        env = sandbox(Path(work), pycache)
        subprocess.run([sys.executable, str(args.genmodel), str(tree),
                        "--devices", str(args.devices)], check=True)
        subprocess.run([sys.executable, "-m", "ncg", "model.neto"], cwd=tree, env=env, check=True)
        os.environ.update(env)
        sys.pycache_prefix, sys.dont_write_bytecode = str(pycache), False  # as env says
        os.chdir(tree)
        show(f"ncg -k, {args.devices} devices", profile_run(["-k"], tree / "k.prof"), args.top)
        show(f"ncg, {args.devices} devices", profile_run([], tree / "all.prof"), args.top)


if __name__ == "__main__":
    main()
