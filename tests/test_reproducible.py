"""SOURCE_DATE_EPOCH: emit_header's Date and Time.now are that time, shown at
+0000 whatever the local zone, so that two runs write the same bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ncg import app
from ncg.errors import ArgumentError
from ncg.settings import Settings

SAMPLE = Path(__file__).resolve().parents[1] / "sample"


def generate(work: Path, **env: str) -> dict[str, bytes]:
    proc = subprocess.run([sys.executable, "-m", "ncg", "network.neto"], cwd=work,
                          env={**os.environ, **env}, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    return {p.name: p.read_bytes() for p in sorted((work / "out").iterdir())}


def test_two_runs_write_identical_files(tmp_path: Path) -> None:
    work = tmp_path / "sample"
    shutil.copytree(SAMPLE, work, ignore=shutil.ignore_patterns("expected", "out"))
    first = generate(work, SOURCE_DATE_EPOCH="86400", TZ="America/New_York")
    shutil.rmtree(work / "out")
    second = generate(work, SOURCE_DATE_EPOCH="86400", TZ="Asia/Tokyo")
    assert first == second
    assert b"! Date: 1970-01-02 00:00:00 +0000\n" in first["core-1.cfg"]
    assert b"# Date: 1970-01-02 00:00:00 +0000\n" in first["dhcpd.conf"]


def render(tmp_path: Path, text: str) -> str:
    template = tmp_path / "t.ncg"
    template.write_text(text, encoding="utf-8")
    return app.environment(Settings(), "ncg").apply_by_filename(str(template))


def test_time_now_is_the_epoch_at_utc_offset(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    # recorded: ruby -e 't = Time.at(1700000000, in: "+00:00"); p t.to_s, t.zone, t.utc.to_s'
    assert render(tmp_path, "<%= Time.now %>|<%= Time.now.zone.inspect %>|"
                  "<%= Time.now.utc %>|<%= Time.now.to_i %>|<%= Time.new.hour %>") == (
        "2023-11-14 22:13:20 +0000|nil|2023-11-14 22:13:20 UTC|1700000000|22")


def test_without_it_time_now_is_the_clock(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert int(render(tmp_path, "<%= Time.now.year %>")) >= 2024
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")  # empty counts as unset
    assert int(render(tmp_path, "<%= Time.now.year %>")) >= 2024


@pytest.mark.parametrize("value", ["abc", "-5", "1.5", "١٢"])
def test_a_malformed_value_is_an_error_at_the_template_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(ArgumentError) as caught:
        render(tmp_path, "x\n<%= Time.now %>\n")
    assert caught.value.message == (
        f"invalid SOURCE_DATE_EPOCH: {value!r} (expected seconds since 1970-01-01 UTC)")
    assert caught.value.trace == [f"{tmp_path / 't.ncg'}:2"]
