"""Record the original NCG's output for a JSON case file: `python -m tests.ruby.record FILE...`.

Each case is `{"template": TEXT}`; the original NCG 0.10.3 (its sources at
$NCG_ORIG, default /work/orig-ncg) renders TEXT as a template file named
t.ncg under Ruby 3.1 (see record.rb), and the case gets "output", "stdout"
and "error". The tests only read the recorded files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def record(path: Path) -> None:
    orig = os.environ.get("NCG_ORIG", "/work/orig-ncg")
    script = Path(__file__).with_name("record.rb")
    subprocess.run(
        ["ruby", "-W0", "-I", f"{orig}/lib", "-rnetomata", str(script), str(path)],
        check=True,
        env={**os.environ, "TZ": "UTC", "LANG": "C.UTF-8"},
    )


if __name__ == "__main__":
    for name in sys.argv[1:]:
        record(Path(name))
