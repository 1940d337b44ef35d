"""Write a model of LINES `.neto` assignments with a `[% %]` snippet each.

    python -m bench.snippets DIR [--lines 10000]

Writes DIR/model.neto: four keys for each of the hosts h00000, h00001, …,
every value computed by its own snippet (an address, a name, a port, a
domain name), so no two snippets have the same text: what a model with many
computed values costs to load (`ncg -k model.neto`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

HEADER = "base_ip = 10.0.0.0\ndomain = dc.example.com\n"

# One shape per key, filled in with the host's number: no two snippets are alike.
SHAPES = (
    'ip = [%= ip_union(@target["(...)!base_ip"], "0.0.{hi}.{lo}") %]',
    'name = [%= "host-{n:05d}".upcase %]',
    "port = [%= 1000 + {n} %]",
    'fqdn = [%= "h{n:05d}." + @target["(...)!domain"] %]',
)


def snippet_lines(count: int) -> list[str]:
    """COUNT model lines `hNNNNN_key = [% … %]`, cycling through SHAPES.

    The keys are flat (children of the root): NCG 0.10.3 takes time quadratic
    in the number of nested nodes, which would hide what the snippets cost.
    """
    lines = []
    for i in range(count):
        host, shape = divmod(i, len(SHAPES))
        value = SHAPES[shape].format(n=host, hi=host // 256 % 256, lo=host % 256)
        lines.append(f"h{host:05d}_{value}")
    return lines


def write_model(directory: Path, count: int) -> Path:
    """Write DIRECTORY/model.neto with COUNT snippet lines; return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    model = directory / "model.neto"
    model.write_text(HEADER + "\n".join(snippet_lines(count)) + "\n")
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--lines", type=int, default=10_000)
    args = parser.parse_args()
    write_model(args.dir, args.lines)


if __name__ == "__main__":
    main()
