"""Time ncg beside the Jinja2 peer and the original NCG on the same work.

    python -m bench.run [--sizes 40,100,1000] [--repeat 3] [--orig-cmd ncg-orig]
                        [--timeout 300] [--markdown FILE]

For each case (the sample tree warm and cold, a model of 10,000 `[% %]`
snippets loaded cold with -k, and genmodel's data center at each size) every
tool runs once untimed (its outputs are compared with ncg's: they must be the
same bytes once emit_header's volatile lines are masked), then --repeat times
with `-k` (load) and without (the whole run). Prints the medians as Markdown.
Warm runs share one HOME/XDG_CACHE_HOME/TMPDIR made for the session; cold
runs get fresh empty ones each (and all share one cache of .pyc files).
Exits 1 if ncg's outputs differ from another tool's or a run fails.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench import snippets
from bench.measure import RunFailed, Sample, differences, mask, median, outputs, run
from bench.report import NCG, ORIGINAL, PEER, Case, Row, render

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"


@dataclass(frozen=True)
class Tool:
    """A command to time; the peer takes genmodel's arguments instead of a model file."""

    name: str
    argv: tuple[str, ...]

    def command(self, case: Case, model: str, keys: bool) -> list[str] | None:
        """The command line for CASE (None when this tool cannot run it)."""
        if self.name != PEER:
            return [*self.argv, *(["-k"] if keys else []), model]
        if keys or case.kind != "devices":
            return None
        return [*self.argv, ".", "--devices", str(case.size)]


def sandbox(directory: Path, pycache: Path) -> dict[str, str]:
    """The environment of a run whose HOME, XDG_CACHE_HOME and TMPDIR are under DIRECTORY.

    Python byte-compiles modules into PYCACHE, kept for the whole session even
    for cold runs: an installed ncg has its .pyc files, and without them every
    run would compile ncg's source afresh (PYTHONDONTWRITEBYTECODE may be set).
    """
    places = {"HOME": "home", "XDG_CACHE_HOME": "cache", "TMPDIR": "tmp"}
    env = dict(os.environ)
    for variable, name in places.items():
        (directory / name).mkdir(parents=True, exist_ok=True)
        env[variable] = str(directory / name)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def write_tree(case: Case, directory: Path, genmodel: Path) -> str:
    """Write CASE's model tree into DIRECTORY; the model file to give ncg."""
    if case.kind == "devices":
        subprocess.run([sys.executable, str(genmodel), str(directory), "--devices",
                        str(case.size)], check=True)
        return "model.neto"
    if case.kind == "snippets":
        return snippets.write_model(directory, case.size).name
    shutil.copytree(ROOT / "sample", directory, ignore=shutil.ignore_patterns("expected", "out"))
    (directory / "out").mkdir()  # the original does not make a missing output folder
    return "network.neto"


def runs_of(tool: Tool, case: Case, model: str) -> list[bool]:
    """A round's runs of TOOL as `keys` flags: with -k (load), without (whole), where it can."""
    flags = [True] if case.keys_only else [True, False]
    return [keys for keys in flags if tool.command(case, model, keys) is not None]


def loud(message: str) -> None:
    print(f"\n!!! {message}\n", file=sys.stderr, flush=True)


@dataclass
class Bench:
    """Runs the cases one after the other; remembers which tools ran out of time."""

    tools: list[Tool]
    repeat: int
    timeout: float
    genmodel: Path
    work: Path
    dropped: set[str] = field(default_factory=set)
    failed: bool = False
    runs: int = 0

    def env(self, case: Case) -> dict[str, str]:
        self.runs += 1
        return sandbox(self.work / (f"cold-{self.runs}" if case.cold else "warm"),
                       self.work / "pycache")

    def time(self, tool: Tool, case: Case, tree: Path, model: str, keys: bool) -> Sample:
        """One measured run; its standard output goes to TREE/../TOOL.stdout."""
        argv = tool.command(case, model, keys)
        assert argv is not None
        return run(argv, tree, self.env(case), self.timeout, tree.parent / f"{tool.name}.stdout")

    def case(self, case: Case) -> list[Row]:
        """Every tool on CASE: one untimed run to check outputs, then --repeat timed ones."""
        directory = self.work / "case"
        shutil.rmtree(directory, ignore_errors=True)
        model = write_tree(case, directory / "model", self.genmodel)
        tools = [t for t in self.tools if t.name not in self.dropped
                 and t.command(case, model, case.keys_only) is not None]
        trees = {t.name: Path(shutil.copytree(directory / "model", directory / t.name / "tree"))
                 for t in tools}
        failures: dict[str, str] = {}
        produced = self.first_runs(case, tools, trees, model, failures)
        if case.kind == "sample":  # recorded from the original, so there is always a reference
            produced["sample/expected"] = outputs(ROOT / "sample" / "expected")
        checks = self.checks(case, produced)
        samples = self.repeats(case, tools, trees, model, failures)
        return [Row(case, t.name, None, None, None, None, None, failures[t.name])
                if t.name in failures else self.row(case, t.name, samples, checks.get(t.name, ""))
                for t in tools]

    def first_runs(self, case: Case, tools: list[Tool], trees: dict[str, Path], model: str,
                   failures: dict[str, str]) -> dict[str, dict[str, bytes]]:
        """Each tool's outputs: the files under out/, or what `-k` printed."""
        produced = {}
        for tool in tools:
            tree = trees[tool.name]
            print(f"{case.name}: {tool.name}", file=sys.stderr, flush=True)
            try:
                self.time(tool, case, tree, model, case.keys_only)
            except RunFailed as error:
                self.fail(case, tool.name, str(error), failures)
                continue
            if case.keys_only:
                stdout = tree.parent / f"{tool.name}.stdout"
                produced[tool.name] = {"-k output": mask(stdout.read_bytes())}
            else:
                produced[tool.name] = outputs(tree / "out")
        return produced

    def repeats(self, case: Case, tools: list[Tool], trees: dict[str, Path], model: str,
                failures: dict[str, str]) -> dict[tuple[str, bool], list[Sample]]:
        """--repeat rounds of every tool (interleaved, so drift in load hits all alike)."""
        samples: dict[tuple[str, bool], list[Sample]] = {}
        for _ in range(self.repeat):
            for tool in tools:
                for keys in runs_of(tool, case, model):
                    if tool.name in failures:
                        break
                    try:
                        sample = self.time(tool, case, trees[tool.name], model, keys)
                    except RunFailed as error:
                        self.fail(case, tool.name, str(error), failures)
                        continue
                    samples.setdefault((tool.name, keys), []).append(sample)
        return samples

    def fail(self, case: Case, tool: str, error: str, failures: dict[str, str]) -> None:
        """Record a failed run; only the original (quadratic) may run out of time."""
        failures[tool] = error
        timed_out = error.startswith("timed out")
        if timed_out:
            self.dropped.add(tool)  # larger cases would time out too
            print(f"{case.name}: {tool} {error}; not run on larger cases", file=sys.stderr)
        if tool != ORIGINAL or not timed_out:
            self.failed = True
            loud(f"{tool} FAILED on {case.name}: {error}")

    def checks(self, case: Case, produced: dict[str, dict[str, bytes]]) -> dict[str, str]:
        """ncg's outputs against every other tool's, byte for byte once masked."""
        if NCG not in produced:
            return {}
        same, check = [], ""
        for other in (name for name in produced if name != NCG):
            problems = differences(produced[NCG], produced[other])
            if problems:
                self.failed = True
                more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
                check = f"DIFFERS from {other}: {problems[0]}{more}"
                loud(f"ncg's outputs DIFFER from {other}'s on {case.name}: "
                     + "; ".join(problems[:5]))
            else:
                same.append(other)
        return {NCG: check or (f"same as {', '.join(same)}" if same else "not compared")}

    @staticmethod
    def row(case: Case, tool: str, samples: dict[tuple[str, bool], list[Sample]],
            check: str) -> Row:
        load = median(samples[tool, True]) if (tool, True) in samples else None
        full = median(samples[tool, False]) if (tool, False) in samples else None
        whole = full or load
        assert whole is not None  # a tool without failures ran at least once
        gen = full.cpu - load.cpu if full and load else None
        return Row(case, tool, load.cpu if load else None, gen, whole.cpu, whole.wall,
                   whole.peak_mb, check)


def preamble(args: argparse.Namespace, load_before: float) -> str:
    """Where and how the numbers were taken (a busy machine inflates CPU times too)."""
    when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (f"`python -m bench.run {shlex.join(sys.argv[1:])}` on {when}: "
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
            f"load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after; "
            f"medians of {args.repeat} runs, CPU = user + sys of the child.")


def cases(args: argparse.Namespace) -> list[Case]:
    chosen = [Case("sample"), Case("sample", cold=True)] if args.sample else []
    if args.snippets:
        chosen.append(Case("snippets", args.snippets, cold=True))
    sizes = sorted(int(size) for size in args.sizes.split(",") if size.strip())
    return chosen + [Case("devices", size) for size in sizes]


def tools(args: argparse.Namespace) -> list[Tool]:
    chosen = [Tool(NCG, tuple(shlex.split(args.ncg_cmd)) if args.ncg_cmd
                   else (sys.executable, "-m", "ncg")),
              Tool(PEER, (sys.executable, str(args.peer)))]
    if args.orig_cmd:
        chosen.append(Tool(ORIGINAL, tuple(shlex.split(args.orig_cmd))))
    return chosen


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="40,100,1000",
                        help="genmodel device counts, comma-separated (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measure")
    parser.add_argument("--ncg-cmd", help="command for ncg (default: python -m ncg "
                        "with this checkout on PYTHONPATH)")
    parser.add_argument("--orig-cmd", help="command for the original NCG, e.g. ncg-orig")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds per run; a tool that times out skips larger cases")
    parser.add_argument("--snippets", type=int, default=10_000,
                        help="lines of the snippet model (0: skip it)")
    parser.add_argument("--sample", action=argparse.BooleanOptionalAction, default=True,
                        help="time the sample/ tree warm and cold")
    parser.add_argument("--genmodel", type=Path, default=SHARED / "genmodel")
    parser.add_argument("--peer", type=Path, default=SHARED / "peer-jinja")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    load_before = os.getloadavg()[0]
    for script in (args.genmodel, args.peer):
        if not script.is_file():
            sys.exit(f"not found: {script}")
    with tempfile.TemporaryDirectory(prefix="ncg-bench-") as work:
        bench = Bench(tools(args), args.repeat, args.timeout, args.genmodel, Path(work))
        rows = [row for case in cases(args) for row in bench.case(case)]
    text = render(rows, preamble(args, load_before))
    print(text)
    if args.markdown:
        args.markdown.write_text(text)
    sys.exit(1 if bench.failed else 0)


if __name__ == "__main__":
    main()
