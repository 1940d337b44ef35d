"""Time loading a synthetic model: `python bench/load_model.py [--devices N] [--cli]`.

Writes a model with /work/shared/bench/genmodel (N switches of 48 ports,
20 VLANs; about 10,000 table rows), then times `ncg.model.load` and the
key listing in this process, or with --cli the whole `python -m ncg -k`.
Loading must stay well under 5 s for 200 devices.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

GENMODEL = os.environ.get("NCG_GENMODEL", "/work/shared/bench/genmodel")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generate(directory: str, devices: int) -> None:
    subprocess.run([sys.executable, GENMODEL, directory, "--devices", str(devices)], check=True)


def time_loader(directory: str) -> tuple[float, int]:
    """Seconds to load the model and list its keys, and how many keys."""
    sys.path.insert(0, ROOT)
    from ncg.model import load
    from ncg.template.engine import render_snippet

    cwd = os.getcwd()
    os.chdir(directory)
    try:
        start = time.perf_counter()
        keys = load(["model.neto"], render_snippet).keys_r()
        return time.perf_counter() - start, len(keys)
    finally:
        os.chdir(cwd)


def time_cli(directory: str) -> tuple[float, int]:
    """Seconds for a whole `python -m ncg -k model.neto`, and how many keys."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ncg", "-k", "model.neto"], cwd=directory,
                          env={**os.environ, "PYTHONPATH": ROOT},
                          capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout.count("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--cli", action="store_true", help="time `python -m ncg -k` instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ncg-bench-") as directory:
        generate(directory, args.devices)
        seconds, keys = (time_cli if args.cli else time_loader)(directory)
    print(f"{args.devices} devices: {keys} keys loaded in {seconds:.2f} s")


if __name__ == "__main__":
    main()
