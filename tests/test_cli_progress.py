"""The progress bar: on a terminal, once a run lasts a second; never otherwise."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from ncg.progress import ERASE, Progress, bar_line

TARGET = "{name} {{\n    ncg_template = t.ncg\n    ncg_output = out/{name}.cfg\n}}\n"
SLOW_TEMPLATE = "<% sleep 0.35 %>config of <%= @target_key %>\n"
NAMES = "abcdef"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_in_the_first_second() -> None:
    clock, stream = Clock(), io.StringIO()
    progress = Progress(4, stream, True, clock=clock)
    progress.show(0, "!a")
    clock.now += 0.9
    progress.show(1, "!b")
    progress.clear()
    assert stream.getvalue() == ""


def test_then_targets_done_out_of_all_and_the_current_one() -> None:
    clock, stream = Clock(), io.StringIO()
    progress = Progress(4, stream, True, clock=clock)
    clock.now += 1.5
    progress.show(1, "!devices!b")
    progress.show(3, "!devices!d")
    progress.clear()
    assert stream.getvalue() == (
        ERASE + "[#####...............] 1/4 !devices!b"
        + ERASE + "[###############.....] 3/4 !devices!d" + ERASE)


def test_never_when_disabled() -> None:
    clock, stream = Clock(), io.StringIO()
    progress = Progress(4, stream, False, clock=clock)
    clock.now += 5
    progress.show(1, "!b")
    progress.clear()
    assert stream.getvalue() == ""


def test_the_line_fits_the_terminal() -> None:
    assert bar_line(0, 3, "!" + "x" * 200, 40) == "[....................] 0/3 !" + "x" * 11
    assert len(bar_line(2, 3, "!" + "x" * 200, 40)) == 39


def slow_tree(folder: Path) -> Path:
    folder.mkdir()
    (folder / "main.neto").write_text("".join(TARGET.format(name=n) for n in NAMES))
    (folder / "t.ncg").write_text(SLOW_TEMPLATE)
    return folder


def run_on_pty(args: list[str], cwd: Path) -> tuple[int, str, bytes]:
    """ncg with stderr on a terminal (a pty); its status, stdout and what the terminal got."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "ncg", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=follower, text=True)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal's other side is closed: ncg is done
            break
        if not chunk:
            break
        seen += chunk
    stdout, _ = proc.communicate()
    os.close(leader)
    return proc.returncode, stdout, seen


def test_a_slow_run_on_a_terminal_shows_the_bar(tmp_path: Path) -> None:
    tree = slow_tree(tmp_path / "tree")
    status, stdout, seen = run_on_pty(["main.neto"], tree)
    assert (status, stdout) == (0, "")
    shown = seen.decode()
    assert "/6 !" in shown and "[" in shown
    assert shown.endswith(ERASE)  # erased at the end: the terminal is left clean
    assert (tree / "out" / "f.cfg").read_text() == "config of !f"


def test_verbose_lines_are_not_mixed_with_the_bar(tmp_path: Path) -> None:
    tree = slow_tree(tmp_path / "tree")
    _, _, seen = run_on_pty(["-v", "main.neto"], tree)
    lines = [line.split(ERASE)[-1] for line in seen.decode().replace("\r\n", "\n").split("\n")]
    assert [line for line in lines if line.startswith("Generating")] == [
        f"Generating out/{n}.cfg for !{n}" for n in NAMES]


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    tree = slow_tree(tmp_path / "tree")
    proc = subprocess.run([sys.executable, "-m", "ncg", "main.neto"], cwd=tree,
                          capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_the_bar_is_erased_before_an_error(tmp_path: Path) -> None:
    tree = slow_tree(tmp_path / "tree")
    (tree / "out").mkdir()
    (tree / "out" / "e.cfg").mkdir()  # the fifth config cannot be written
    status, _, seen = run_on_pty(["main.neto"], tree)
    shown = seen.decode()
    assert status == 1
    assert "/6 !" in shown
    before, error = shown.split("ERROR(", 1)
    assert before.endswith(ERASE)
    assert error.startswith("Errno::EISDIR)")
