#!/usr/bin/env python3
"""Benchmark: time `ncg model.neto` (load + generate every config) on a
synthetic data center written by ../shared/bench/genmodel.

    python bench/generate_configs.py [--devices 200] [--ports 48]

Prints the seconds taken and the number of configs written. Not a test: the
numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GENMODEL = Path(__file__).resolve().parents[2] / "shared" / "bench" / "genmodel"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--ports", type=int, default=48)
    args = parser.parse_args()
    if not GENMODEL.exists():
        sys.exit(f"needs {GENMODEL}")
    with tempfile.TemporaryDirectory(prefix="ncg-bench-") as work:
        subprocess.run([sys.executable, str(GENMODEL), work, "--devices", str(args.devices),
                        "--ports", str(args.ports)], check=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ncg", "model.neto"], cwd=work, check=True)
        elapsed = time.perf_counter() - started
        written = len(list(Path(work, "out").iterdir()))
    print(f"{args.devices} devices x {args.ports} ports: {written} configs in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
