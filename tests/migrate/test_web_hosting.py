"""End to end on NCG's web_hosting example: ncg's configs against the old tool's.

data/web_hosting/model is the example's model tree; data/web_hosting/old-output
holds the configs NCG 0.10.3 wrote from it, recorded with the volatile
emit_header lines and the HTTP date of the MRTG page (a `Time.now` of the
template's own) masked. ncg runs in-process on a scratch copy of the tree.
"""

from __future__ import annotations

import re
import shlex
import shutil
import signal
import sys
from pathlib import Path

import pytest

from ncg import cli
from ncg.migrate import (
    compare_outputs,
    diff_report,
    mask_volatile,
    run_legacy,
    write_html_report,
)
from tests.migrate.page import read_page

DATA = Path(__file__).resolve().parent / "data" / "web_hosting"
# the recording's own mask for the page's Expires date, and the dates ncg writes there
HTTP_DATE = re.compile(r"<http-date>|\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT")
CHANGED = ("configs/switch-1.config", "hostname switch-1\n")


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def run_ncg(folder: Path, *args: str) -> None:
    """`ncg ARGS` in-process, in `folder`, with a cache folder of its own."""
    sigpipe = signal.getsignal(signal.SIGPIPE)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        mp.setenv("XDG_CACHE_HOME", str(folder.parent / "cache"))
        mp.setattr(sys, "argv", ["ncg", *args])
        try:
            cli.main()  # as `python -m ncg` runs it, but for its exit (which ends the process)
        except SystemExit as exc:
            assert exc.code in (0, None), f"ncg exited with {exc.code}"
        finally:
            signal.signal(signal.SIGPIPE, sigpipe)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What ncg writes for the example, by path: the configs, as text."""
    work = tmp_path_factory.mktemp("web_hosting") / "model"
    shutil.copytree(DATA / "model", work)
    before = snapshot(work)
    run_ncg(work, "web_hosting.neto")
    return {path: data.decode("utf-8", "surrogateescape")
            for path, data in snapshot(work).items() if before.get(path) != data}


@pytest.fixture
def old_output(tmp_path: Path) -> Path:
    """A copy of the old tool's configs, free to change."""
    folder = tmp_path / "old"
    shutil.copytree(DATA / "old-output", folder)
    return folder


def test_ncg_renders_every_config_of_the_example(rendered: dict[str, str]) -> None:
    assert sorted(rendered) == sorted(snapshot(DATA / "old-output"))
    assert len(rendered) == 8


def test_same_as_the_old_tool(rendered: dict[str, str], old_output: Path) -> None:
    comparison = compare_outputs(rendered, old_output, ignore=[HTTP_DATE])
    assert diff_report(comparison) == "8 identical, 0 differ, 0 missing\n"
    assert comparison.exit_status == 0


def test_masking_is_what_makes_them_equal(rendered: dict[str, str]) -> None:
    # ncg's emit_header lines name this run; masked, they are the recording's
    switch = rendered["configs/switch-1.config"]
    recorded = (DATA / "old-output" / "configs" / "switch-1.config").read_text()
    assert switch != recorded
    assert mask_volatile(switch) == recorded
    for key in ("Date", "User", "Host", "Directory", "Command"):
        assert f"!! {key}: <masked>\n" in mask_volatile(switch)


def test_one_changed_line_is_shown(rendered: dict[str, str], old_output: Path) -> None:
    name, line = CHANGED
    old = old_output / name
    text = old.read_text()
    assert text.count(line) == 1
    old.write_text(text.replace(line, "hostname switch-one\n"))
    comparison = compare_outputs(rendered, old_output, ignore=[HTTP_DATE])
    report = diff_report(comparison)
    assert comparison.exit_status == 1
    assert report.splitlines()[-1] == "7 identical, 1 differ, 0 missing"
    assert f"--- a/{name}\n+++ b/{name}\n" in report
    assert "\n-hostname switch-one\n+hostname switch-1\n" in report

    write_html_report(comparison, old_output.parent / "report.html")
    page = read_page((old_output.parent / "report.html").read_text(encoding="utf-8"))
    assert [cell.text for cell in page.cells("changed")] == [
        "hostname switch-one", "hostname switch-1"]
    assert [name, "differ", "-1 +1"] in [[c.text for c in row] for row in page.rows]


def test_a_missing_old_config(rendered: dict[str, str], old_output: Path) -> None:
    (old_output / "configs" / "nagios" / "COMMON.cfg").unlink()
    comparison = compare_outputs(rendered, old_output, ignore=[HTTP_DATE])
    assert diff_report(comparison).splitlines()[-2:] == [
        f"Missing a/configs/nagios/COMMON.cfg: no configs/nagios/COMMON.cfg in {old_output}",
        "7 identical, 0 differ, 1 missing"]


def test_legacy_command_on_a_copy_of_the_tree(rendered: dict[str, str], tmp_path: Path) -> None:
    # the "old tool" copies in the configs NCG 0.10.3 wrote, if given the model
    tool = tmp_path / "old-ncg"
    source = shlex.quote(str(DATA / "old-output" / "configs"))
    tool.write_text(f'test "$1" = web_hosting.neto -a -f "$1" && cp -R {source} .\n')
    before = snapshot(DATA / "model")
    with run_legacy(f"sh {tool}", ["web_hosting.neto"], rendered, tree=DATA / "model") as folder:
        comparison = compare_outputs(rendered, folder, ignore=[HTTP_DATE])
    assert diff_report(comparison) == "8 identical, 0 differ, 0 missing\n"
    assert snapshot(DATA / "model") == before
