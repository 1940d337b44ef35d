"""Record the original NCG's errors for cases.json: `python -m tests.runtime.did_you_mean.record`.

Needs `ruby` 3.1 and the original NCG's sources ($NCG_ORIG, default /work/orig-ncg).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

HERE = Path(__file__).parent
CASES = HERE / "cases.json"


def record() -> None:
    orig = os.environ.get("NCG_ORIG", "/work/orig-ncg")
    subprocess.run(["ruby", "-W0", "-I", f"{orig}/lib", "-rnetomata", "-roptparse",
                    str(HERE / "record_cases.rb"), str(CASES)],
                   check=True, env={**os.environ, "TZ": "UTC", "LANG": "C.UTF-8"})


def add(templates: list[str]) -> None:
    """Append templates not recorded yet (then run `record`)."""
    cases = json.loads(CASES.read_text(encoding="utf-8")) if CASES.exists() else []
    known = {c["template"] for c in cases}
    cases += [{"template": t} for t in templates if t not in known]
    CASES.write_text(json.dumps(cases, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    record()
