"""Run `ncg network.neto` on a copy of sample/ and compare with sample/expected/.

    python check_sample.py SAMPLE_DIR WORK_DIR      (runs the `ncg` on PATH)

The emit_header lines that depend on when, where and by whom ncg ran (Date,
User, Host, Directory, Command) are masked, as sample/expected/ stores them.
Runs under the inherited locale and under `LC_ALL=C PYTHONCOERCECLOCALE=0`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

VOLATILE = re.compile(r"(?m)^(.*?\b)(Date|User|Host|Directory|Command):( .*)?$")
LOCALES = {"inherited locale": {}, "LC_ALL=C": {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0"}}


def mask(text: str) -> str:
    return VOLATILE.sub(r"\1\2: <masked>", text)


def differences(sample: Path, work: Path, locale: dict[str, str]) -> list[str]:
    shutil.copytree(sample, work, ignore=shutil.ignore_patterns("expected", "out"))
    proc = subprocess.run(["ncg", "network.neto"], cwd=work, env={**os.environ, **locale},
                          capture_output=True)
    if proc.returncode != 0 or proc.stdout or proc.stderr:
        return [f"ncg exited {proc.returncode}: {proc.stdout!r} {proc.stderr!r}"]
    expected = {p.name: p for p in (sample / "expected").iterdir()}
    written = {p.name: p for p in (work / "out").iterdir()}
    problems = [f"not written: {name}" for name in sorted(expected.keys() - written.keys())]
    problems += [f"not expected: {name}" for name in sorted(written.keys() - expected.keys())]
    for name in sorted(expected.keys() & written.keys()):
        if mask(written[name].read_text(encoding="utf-8")) != expected[name].read_text(
                encoding="utf-8"):
            problems.append(f"differs from sample/expected/{name}")
    return problems


def main(sample: Path, work: Path) -> int:
    failed = False
    for n, (name, locale) in enumerate(LOCALES.items()):
        problems = differences(sample, work / f"sample-{n}", locale)
        count = len(list((sample / "expected").iterdir()))
        print(f"sample ({name}): " + ("; ".join(problems) or f"{count} files as expected"))
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
