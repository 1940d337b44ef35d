"""What the template compiler's Mako source and the engine that runs it agree on.

Kept apart from the compiler (`ncg.template.layout`), so that a run whose
templates all come from the cache never imports the compiler, its Ruby
parser or its code generator.
"""

from __future__ import annotations

LINE_MAP_MARK = "## ncg-line-map:"
# the template body is this Mako def: Mako adds bookkeeping after every `<% %>`
# at the top level of a template (for `<%def>`s to see its locals), none in a def
BODY_DEF = "ncg_body"


def line_map(mako_source: str) -> list[int] | None:
    """Template line of each Mako source line (index 0 is line 1), or None if equal."""
    at = mako_source.rfind(LINE_MAP_MARK)
    if at < 0:
        return None
    lines: list[int] = []
    for run in mako_source[at + len(LINE_MAP_MARK) :].split():
        first, _, count = run.partition("+")
        lines.extend(range(int(first), int(first) + int(count or 1)))
    return lines


def encode_runs(lines: list[int]) -> str:
    """`3+4` is lines 3, 4, 5, 6."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and runs[-1][0] + runs[-1][1] == line:
            runs[-1][1] += 1
        else:
            runs.append([line, 1])
    return " ".join(f"{first}+{count}" if count > 1 else str(first) for first, count in runs)
