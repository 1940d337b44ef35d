"""Template text that is no UTF-8 (Latin-1 bytes) goes to the output byte for
byte, as the original copies it; the expected bytes were recorded with
ncg-orig (NCG 0.10.3) from the same template files."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

from tests.original.test_against_original import MODEL

CASES = [
    (b"caf\xe9 <%= 1 %>\n", b"caf\xe9 1"),
    (b'\xff\xfe<%= "x" %>\xe9', b"\xff\xfex\xe9"),
    (b"a\xe9b<%# \xe9 %>\n<%- x = 1 -%>\n\xc3\xa9\xe9\n", b"a\xe9b\n\xc3\xa9\xe9"),
    (b"<% [1, 2].each do |i| %>\xe9<%= i %>\xa0<% end %>", b"\xe91\xa0\xe92\xa0"),
]


@pytest.mark.parametrize(("template", "expected"), CASES)
def test_bytes_copied(template: bytes, expected: bytes, tmp_path: Path,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.neto").write_text(MODEL, encoding="utf-8")
    (tmp_path / "t.ncg").write_bytes(template)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["ncg", "main.neto"])
    try:
        runpy.run_module("ncg", run_name="__main__", alter_sys=False)
    except SystemExit as exc:
        assert not exc.code
    assert (tmp_path / "out.txt").read_bytes() == expected

