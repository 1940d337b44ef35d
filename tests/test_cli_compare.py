"""`ncg --diff-against DIR`, `--legacy-command CMD`, `--check` and `--report FILE.html`.

On NCG's web_hosting example (tests/migrate/data/web_hosting): `model` is the
example's tree, `old-output` the configs NCG 0.10.3 wrote from it, recorded
with the volatile emit_header lines masked and the MRTG page's HTTP date
(a `Time.now` of the template's own) replaced by `<http-date>`. The copies
made here put a real HTTP date back, as the old tool writes one.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.migrate.page import read_page

DATA = Path(__file__).resolve().parent / "migrate" / "data" / "web_hosting"
MODEL = "web_hosting.neto"
OLD_DATE = "Sat, 01 Feb 2025 10:20:30 GMT"  # whatever date the old tool's run wrote
CHANGED = "configs/switch-1.config"
# copied by the model's own `[% FileUtils.cp ... %]` lines as it loads, not by ncg
MODEL_COPIES = {"configs/mrtg/netomata.logo.160x80.jpg", "configs/nagios/COMMON.cfg"}


def ncg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ncg", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def old_configs(folder: Path) -> Path:
    """The old tool's configs under `folder`, as it wrote them."""
    shutil.copytree(DATA / "old-output", folder, dirs_exist_ok=True)
    page = folder / "configs" / "mrtg" / "index.html"
    page.write_text(page.read_text().replace("<http-date>", OLD_DATE))
    return folder


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the example's model, without configs of its own."""
    model = tmp_path / "model"
    shutil.copytree(DATA / "model", model)
    return model


def change_line(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, new))


def test_the_example_next_to_the_old_outputs_is_identical(tree: Path) -> None:
    old_configs(tree)
    before = snapshot(tree)
    proc = ncg("--diff-against", ".", MODEL, cwd=tree)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        0, "6 identical, 0 differ, 0 missing\n", "")
    assert snapshot(tree) == before  # nothing written


def test_one_changed_line_is_shown_and_fails(tree: Path, tmp_path: Path) -> None:
    old = old_configs(tmp_path / "old")
    change_line(old / CHANGED, "hostname switch-1\n", "hostname switch-one\n")
    proc = ncg("--diff-ag", str(old), MODEL, cwd=tree)
    assert proc.returncode == 1
    assert proc.stdout.endswith("\n5 identical, 1 differ, 0 missing\n")
    assert f"--- a/./{CHANGED}\n+++ b/./{CHANGED}\n" in proc.stdout
    assert "\n-hostname switch-one\n+hostname switch-1\n" in proc.stdout
    assert not (tree / "configs" / "switch-1.config").exists()


def test_a_missing_file(tree: Path, tmp_path: Path) -> None:
    old = old_configs(tmp_path / "old")
    (old / "configs" / "nagios" / "switch-2.cfg").unlink()
    proc = ncg(f"--diff-against={old}", MODEL, cwd=tree)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-2:] == [
        f"Missing a/./configs/nagios/switch-2.cfg: no ./configs/nagios/switch-2.cfg in {old}",
        "5 identical, 0 differ, 1 missing"]


def test_the_html_report_names_the_file_and_the_line(tree: Path, tmp_path: Path) -> None:
    old = old_configs(tmp_path / "old")
    change_line(old / CHANGED, "hostname switch-1\n", "hostname switch-one\n")
    report = tmp_path / "report.html"
    proc = ncg("--diff-against", str(old), "--report", str(report), MODEL, cwd=tree)
    assert proc.returncode == 1
    page = read_page(report.read_text(encoding="utf-8"))
    assert [cell.text for cell in page.cells("changed")] == [
        "hostname switch-one", "hostname switch-1"]
    assert [f"./{CHANGED}", "differ", "-1 +1"] in [[c.text for c in row] for row in page.rows]


def test_check_right_after_a_run(tree: Path) -> None:
    assert ncg(MODEL, cwd=tree).returncode == 0
    before = snapshot(tree)
    proc = ncg("--check", MODEL, cwd=tree)
    assert (proc.returncode, proc.stdout) == (0, "6 identical, 0 differ, 0 missing\n")
    change_line(tree / CHANGED, "hostname switch-1\n", "hostname edited-by-hand\n")
    proc = ncg("--che", MODEL, cwd=tree)
    assert proc.returncode == 1
    assert "\n-hostname edited-by-hand\n+hostname switch-1\n" in proc.stdout
    assert snapshot(tree) != before and (tree / CHANGED).read_text().count("edited-by-hand") == 1


def test_legacy_command_runs_the_old_tool_on_a_copy(tree: Path, tmp_path: Path) -> None:
    # the "old tool" writes the configs NCG 0.10.3 wrote, when given the model
    configs = shlex.quote(str(old_configs(tmp_path / "old") / "configs"))
    tool = tmp_path / "old-ncg"
    tool.write_text(f'test "$1" = {MODEL} -a -f "$1" && cp -R {configs} .\n')
    before = snapshot(tree)
    proc = ncg("--legacy-command", f"sh {tool}", MODEL, cwd=tree)
    assert (proc.returncode, proc.stdout) == (0, "6 identical, 0 differ, 0 missing\n")
    after = snapshot(tree)
    assert set(after) - set(before) == MODEL_COPIES
    assert {name: after[name] for name in before} == before


def test_a_failing_old_tool_is_one_error_line(tree: Path) -> None:
    proc = ncg("--legacy-command", "echo broken >&2; exit 3", MODEL, cwd=tree)
    assert proc.returncode == 1
    assert proc.stderr == (
        f"ERROR(LegacyCommandError): `echo broken >&2; exit 3 {MODEL}` failed with exit "
        "status 3\n\tbroken\n")


def test_the_old_tool_cannot_be_given_standard_input(tree: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "ncg", "--legacy-command", "true", "-"],
                          input=(tree / MODEL).read_text(), capture_output=True, text=True,
                          cwd=tree, check=False)
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == ("ERROR(LegacyCommandError): the model read from standard input "
                           "cannot be given to the old tool\n")
