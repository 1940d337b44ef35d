"""Signals stop a run as they stop the original, and lose no output.

Recorded from NCG 0.10.3 (`ncg-orig`, sent each signal mid-run): it prints
`ERROR(Interrupt): ` (an empty message) for SIGINT and
`ERROR(SignalException): SIGTERM` (SIGHUP...) for the others, then dies by
that same signal: exit status -2 / -15 to Popen, 130 / 143 in a shell.  Its
`at` line is the template line it was running (`slow.ncg:2`), as ncg's is;
while loading, the original's points into its own code or at a wrong line,
and ncg names the model line it was reading.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ncg.errors import ArgumentError, Interrupt, RubyError, SignalException
from ncg.process import Signalled, signals_deferred, trap_signals

CHECKOUT = Path(__file__).resolve().parents[1]

TWO_TARGETS = """\
quick {
    ncg_template = quick.ncg
    ncg_output = out/quick.cfg
}
slow {
    ncg_template = slow.ncg
    ncg_output = out/slow.cfg
}
"""

# says when it is inside the loop, then loops for far longer than any test
SLOW_TEMPLATE = 'config\n<% warn "looping"; i = 0; while i < 10 ** 12; i += 1; end %>\n'


def start_ncg(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    paths = [str(CHECKOUT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "HOME": str(tmp_path / "home"),
           "XDG_CACHE_HOME": str(tmp_path / "home" / ".cache")}
    return subprocess.Popen([sys.executable, "-m", "ncg", *args], cwd=tmp_path, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def interrupt_when_looping(proc: subprocess.Popen[str], signum: int) -> tuple[str, str]:
    """Wait until a template says it is looping, send `signum`; stdout, stderr after."""
    assert proc.stderr is not None
    line = proc.stderr.readline()
    assert line == "looping\n", line + proc.stderr.read()
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=120)
    return out, err


@pytest.mark.parametrize(
    ("signum", "recorded"),
    [
        (signal.SIGINT, "ERROR(Interrupt): "),
        (signal.SIGTERM, "ERROR(SignalException): SIGTERM"),
        (signal.SIGHUP, "ERROR(SignalException): SIGHUP"),
    ],
)
def test_signal_mid_generation(tmp_path: Path, signum: int, recorded: str) -> None:
    (tmp_path / "m.neto").write_text(TWO_TARGETS)
    (tmp_path / "quick.ncg").write_text("quick <%= @target_key %>\n")
    (tmp_path / "slow.ncg").write_text(SLOW_TEMPLATE)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "quick.cfg").write_text("old quick\n")
    (tmp_path / "out" / "slow.cfg").write_text("old slow\n")
    proc = start_ncg(tmp_path, "m.neto")
    out, err = interrupt_when_looping(proc, signum)
    assert (proc.returncode, out, err) == (-signum, "", f"{recorded}\n\tat slow.ncg:2\n")
    assert (tmp_path / "out" / "quick.cfg").read_text() == "quick !quick"
    assert (tmp_path / "out" / "slow.cfg").read_text() == "old slow\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["quick.cfg", "slow.cfg"]


def test_interrupt_while_loading_names_the_model_line(tmp_path: Path) -> None:
    (tmp_path / "m.neto").write_text(
        "a = 1\n"
        'b = [%= warn "looping"; i = 0; while i < 10 ** 12; i += 1; end %]\n'
    )
    proc = start_ncg(tmp_path, "-k", "m.neto")
    out, err = interrupt_when_looping(proc, signal.SIGINT)
    expected = "ERROR(Interrupt): \n\tat m.neto:2\n"
    assert (proc.returncode, out, err) == (-signal.SIGINT, "", expected)


def test_a_template_cannot_rescue_an_interrupt_into_another_error(tmp_path: Path) -> None:
    """No `except Exception` on the way (a template's rescue, Lark's, Mako's)
    turns the signal into some other error."""
    (tmp_path / "m.neto").write_text(TWO_TARGETS)
    (tmp_path / "quick.ncg").write_text("q\n")
    (tmp_path / "slow.ncg").write_text(
        "<% begin %>" + SLOW_TEMPLATE + '<% rescue => e %><%= "rescued" %><% end %>\n'
    )
    proc = start_ncg(tmp_path, "m.neto")
    out, err = interrupt_when_looping(proc, signal.SIGINT)
    assert (proc.returncode, err) == (-signal.SIGINT, "ERROR(Interrupt): \n\tat slow.ncg:2\n")
    assert not (tmp_path / "out" / "slow.cfg").exists()


def test_a_signal_exception_a_template_raises_ends_by_that_signal(tmp_path: Path) -> None:
    """Recorded: `raise SignalException, "TERM"` prints the normalized name and
    the original dies by SIGTERM, as for a real one."""
    (tmp_path / "m.neto").write_text(TWO_TARGETS)
    (tmp_path / "quick.ncg").write_text('<% raise SignalException, "TERM" %>\n')
    proc = start_ncg(tmp_path, "m.neto")
    out, err = proc.communicate(timeout=120)
    expected = "ERROR(SignalException): SIGTERM\n\tat quick.ncg:1\n"
    assert (proc.returncode, out, err) == (-signal.SIGTERM, "", expected)


@pytest.fixture
def trapped() -> object:
    saved = {s: signal.getsignal(s) for s in (signal.SIGUSR1, signal.SIGINT, signal.SIGPIPE)}
    trap_signals()
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


@pytest.mark.usefixtures("trapped")
def test_a_signal_during_a_write_waits_for_the_write() -> None:
    """A file is written whole: the signal is raised only when the block ends."""
    steps = []
    with pytest.raises(Signalled) as caught:
        with signals_deferred():
            os.kill(os.getpid(), signal.SIGUSR1)
            steps.append("written")
    assert steps == ["written"]
    error = caught.value.error
    assert isinstance(error, RubyError)
    assert (error.ruby_name, error.message) == ("SignalException", "SIGUSR1")


@pytest.mark.parametrize("name", ["TERM", "SIGTERM"])
def test_signal_exception_names_its_signal_as_ruby_does(name: str) -> None:
    error = SignalException(name)
    assert (error.message, error.signo) == ("SIGTERM", signal.SIGTERM)
    assert (Interrupt("").message, Interrupt("x").signo) == ("", signal.SIGINT)
    with pytest.raises(ArgumentError) as caught:
        SignalException("FOO")
    assert caught.value.message == "unsupported signal `SIGFOO'"  # Ruby 3.1's words
