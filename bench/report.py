"""The benchmark's results as Markdown: measures, ratios and issue 10's targets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

NCG, PEER, ORIGINAL = "ncg", "peer", "original"


@dataclass(frozen=True)
class Case:
    """One piece of work: genmodel devices, the sample tree, or a snippet model."""

    kind: str  # "devices", "sample" or "snippets"
    size: int = 0  # devices, or snippet lines
    cold: bool = False  # fresh HOME, XDG_CACHE_HOME and TMPDIR for every run

    @property
    def keys_only(self) -> bool:
        return self.kind == "snippets"

    @property
    def name(self) -> str:
        what = {"devices": f"{self.size} devices", "sample": "sample",
                "snippets": f"{self.size:,} snippets, -k"}[self.kind]
        return f"{what}, {'cold' if self.cold else 'warm'}"


@dataclass(frozen=True)
class Row:
    """One tool on one case: medians in CPU seconds (load = the `-k` run,
    gen = the full run's CPU less load), wall seconds and peak MB of the full run."""

    case: Case
    tool: str
    load: float | None
    gen: float | None
    cpu: float | None
    wall: float | None
    peak_mb: float | None
    check: str  # "same as peer", "DIFFERS from …", or why the tool has no numbers


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, columns padded so it reads as well in a terminal."""
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *map(line, rows)])


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def results_table(rows: list[Row]) -> str:
    header = ["case", "tool", "load s", "gen s", "CPU s", "wall s", "peak MB", "check"]
    return markdown_table(header, [
        [r.case.name, r.tool, seconds(r.load), seconds(r.gen), seconds(r.cpu),
         seconds(r.wall), "—" if r.peak_mb is None else f"{r.peak_mb:.0f}", r.check]
        for r in rows])


class Lookup:
    """CPU and memory of a tool on a case, None when it was not measured."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = {(r.case, r.tool): r for r in rows}
        self.sizes = sorted({r.case.size for r in rows if r.case.kind == "devices"})

    def cpu(self, case: Case, tool: str) -> float | None:
        row = self.rows.get((case, tool))
        return row.cpu if row else None

    def peak_mb(self, case: Case, tool: str) -> float | None:
        row = self.rows.get((case, tool))
        return row.peak_mb if row else None


def ratio(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top is not None and bottom else None


def ratios(rows: list[Row]) -> list[tuple[str, float]]:
    """ncg against the peer and the original on each case, and growth with size."""
    found = Lookup(rows)
    named = []
    for case in dict.fromkeys(r.case for r in rows):
        named.append((f"ncg / peer, {case.name}",
                      ratio(found.cpu(case, NCG), found.cpu(case, PEER))))
        named.append((f"original / ncg, {case.name}",
                      ratio(found.cpu(case, ORIGINAL), found.cpu(case, NCG))))
    for small, large in pairwise(found.sizes):
        for tool in (NCG, PEER, ORIGINAL):
            named.append((f"t({large})/t({small}), {tool} (devices ×{large / small:g})",
                          ratio(found.cpu(Case("devices", large), tool),
                                found.cpu(Case("devices", small), tool))))
    return [(name, value) for name, value in named if value is not None]


def ratios_table(rows: list[Row]) -> str:
    lines = [[name, f"{value:.2f}"] for name, value in ratios(rows)]
    return markdown_table(["CPU ratio", "value"], lines) if lines else ""


def _targets(found: Lookup) -> Iterator[tuple[str, float | None, str, Callable[[float], bool]]]:
    """Issue 10's targets: what, measured value, the limit as text, and the test."""
    big, small, huge, forty = (Case("devices", n) for n in (1000, 100, 3000, 40))
    warm, cold = Case("sample"), Case("sample", cold=True)
    yield ("1000 devices: ncg CPU / peer CPU", ratio(found.cpu(big, NCG), found.cpu(big, PEER)),
           "≤ 2", lambda v: v <= 2)
    yield ("ncg t(1000)/t(100)", ratio(found.cpu(big, NCG), found.cpu(small, NCG)),
           "≤ 12", lambda v: v <= 12)
    yield ("3000 devices: ncg peak MB", found.peak_mb(huge, NCG), "≤ 300", lambda v: v <= 300)
    yield ("sample warm: ncg CPU s", found.cpu(warm, NCG), "≤ 0.15", lambda v: v <= 0.15)
    yield ("sample warm: ncg CPU / original CPU", ratio(found.cpu(warm, NCG),
           found.cpu(warm, ORIGINAL)), "≤ 2", lambda v: v <= 2)
    cold_cpu, warm_cpu = found.cpu(cold, NCG), found.cpu(warm, NCG)
    yield ("sample: ncg cold − warm CPU s",
           None if cold_cpu is None or warm_cpu is None else cold_cpu - warm_cpu,
           "≤ 0.3", lambda v: v <= 0.3)
    yield ("10,000 snippets, cold, -k: ncg CPU s",
           found.cpu(Case("snippets", 10_000, cold=True), NCG), "≤ 1", lambda v: v <= 1)
    yield ("40 devices: original CPU / ncg CPU", ratio(found.cpu(forty, ORIGINAL),
           found.cpu(forty, NCG)), "≥ 20", lambda v: v >= 20)


def targets_table(rows: list[Row]) -> str:
    """The targets this run measured, each met or not."""
    lines = [[what, f"{value:.2f}", limit, "yes" if met(value) else "**no**"]
             for what, value, limit, met in _targets(Lookup(rows)) if value is not None]
    return markdown_table(["issue 10 target", "measured", "limit", "met"], lines) if lines else ""


def render(rows: list[Row], preamble: str) -> str:
    tables = [results_table(rows), ratios_table(rows), targets_table(rows)]
    return "\n\n".join([preamble, *filter(None, tables)]) + "\n"
