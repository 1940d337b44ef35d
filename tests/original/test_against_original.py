"""Templates run as NCG runs them, against what the original NCG 0.10.3 did.

Each `cases/*.txt` file holds templates, one per block, separated by lines
of `----`. Each template is the `ncg_template` of one target in a small
model (MODEL below); `recorded.json` holds, for each, what the original
wrote to the target, the first line of its stderr and its exit status.
Memory addresses (`0x…`) are masked. Re-record after adding templates:

    python -m tests.original.test_against_original     # needs ncg-orig (NCG 0.10.3)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ncg import cli

HERE = Path(__file__).parent
RECORDED = HERE / "recorded.json"
SEPARATOR = "\n----\n"
MODEL = """dev {
    name = sw1
    ip = 10.0.0.1
}
out {
    name = out
    ncg_template = t.ncg
    ncg_output = out.txt
}
"""
_ADDRESS = re.compile(r"0x[0-9a-f]{6,16}")


def templates() -> list[tuple[str, str]]:
    found = []
    for path in sorted((HERE / "cases").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += [(path.stem, t) for t in text.split(SEPARATOR) if t.strip()]
    return found


def run(command: list[str], template: str, workdir: Path) -> dict[str, object]:
    """What `command main.neto` writes and says for a model whose target uses `template`."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "main.neto").write_text(MODEL, encoding="utf-8")
    (workdir / "t.ncg").write_text(template, encoding="utf-8")
    done = subprocess.run([*command, "main.neto"], cwd=workdir, capture_output=True,
                          timeout=60, env={**os.environ, "RUBYOPT": "-W0"})
    out = workdir / "out.txt"
    stderr = done.stderr.decode("utf-8", "replace").splitlines()
    return {
        "out": _ADDRESS.sub("0xADDR", out.read_text(encoding="utf-8")) if out.exists() else None,
        "error": _ADDRESS.sub("0xADDR", stderr[0]) if stderr else "",
        "status": done.returncode,
    }


def run_in_process(template: str, workdir: Path, capfd: pytest.CaptureFixture[str],
                   monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """`run` for ncg itself, without starting a process per template."""
    (workdir / "main.neto").write_text(MODEL, encoding="utf-8")
    (workdir / "t.ncg").write_text(template, encoding="utf-8")
    monkeypatch.chdir(workdir)
    monkeypatch.setattr(sys, "argv", ["ncg", "main.neto"])
    status = 0
    try:
        cli.main()  # as `python -m ncg` runs it, but for its exit (which ends the process)
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    stderr = capfd.readouterr().err.splitlines()
    out = workdir / "out.txt"
    return {
        "out": _ADDRESS.sub("0xADDR", out.read_text(encoding="utf-8")) if out.exists() else None,
        "error": _ADDRESS.sub("0xADDR", stderr[0]) if stderr else "",
        "status": status,
    }


@pytest.mark.parametrize(("topic", "template"), templates(),
                         ids=[f"{t}:{s[:40]}" for t, s in templates()])
def test_like_the_original(topic: str, template: str, tmp_path: Path,
                           capfd: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    expected = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert template in expected, "not recorded: python -m tests.original.test_against_original"
    assert run_in_process(template, tmp_path, capfd, monkeypatch) == expected[template]


def record() -> None:
    import tempfile

    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for n, (_, template) in enumerate(templates()):
            results[template] = run([os.environ.get("NCG_ORIG", "ncg-orig")], template,
                                    Path(scratch) / str(n))
    RECORDED.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(f"recorded {len(results)} templates", file=sys.stderr)


if __name__ == "__main__":
    record()
