"""Template text that is no UTF-8 (Latin-1 bytes) goes to the output byte for
byte, as the original copies it; the expected bytes were recorded with
ncg-orig (NCG 0.10.3) from the same template files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ncg import cli
from tests.original.test_against_original import MODEL

CASES = [
    (b"caf\xe9 <%= 1 %>\n", b"caf\xe9 1"),
    (b'\xff\xfe<%= "x" %>\xe9', b"\xff\xfex\xe9"),
    (b"a\xe9b<%# \xe9 %>\n<%- x = 1 -%>\n\xc3\xa9\xe9\n", b"a\xe9b\n\xc3\xa9\xe9"),
    (b"<% [1, 2].each do |i| %>\xe9<%= i %>\xa0<% end %>", b"\xe91\xa0\xe92\xa0"),
    # binary (ASCII-8BIT) Strings are written as their bytes
    (b'A<%= [200, 65].pack("C*") %>B<%= [0, 255, 10].pack("C*") %>\n<%= "\xc3\xa9".b %>|'
     b'<%= 200.chr %>|<%= [1, 2].pack("n*") %>|<%= [1, 2].pack("n*").inspect %>\n',
     b'A\xc8AB\x00\xff\n\n\xc3\xa9|\xc8|\x00\x01\x00\x02|"\\x00\\x01\\x00\\x02"'),
    (b'<% s = "x".b; s << [201].pack("C") %><%= s %> <%= s.encoding %> '
     b'<%= "#{[200].pack("C")}x" %> <% require "digest" %><%= Digest::MD5.digest("a") %>',
     b"x\xc9 ASCII-8BIT \xc8x \x0c\xc1u\xb9\xc0\xf1\xb6\xa81\xc3\x99\xe2iw&a"),
    (b'\xc3\xa9 <%= "\\xff" %> <%= [233].pack("U") %> <%= "\\xffa".scrub("?") %> '
     b'<%= "e\\u0301".unicode_normalize %> <%= "\\xE9".b.encode("UTF-8", "ISO-8859-1") %>',
     b"\xc3\xa9 \xff \xc3\xa9 ?a \xc3\xa9 \xc3\xa9"),
]


@pytest.mark.parametrize(("template", "expected"), CASES)
def test_bytes_copied(template: bytes, expected: bytes, tmp_path: Path,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.neto").write_text(MODEL, encoding="utf-8")
    (tmp_path / "t.ncg").write_bytes(template)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["ncg", "main.neto"])
    try:
        cli.main()  # as `python -m ncg` runs it, but for its exit (which ends the process)
    except SystemExit as exc:
        assert not exc.code
    assert (tmp_path / "out.txt").read_bytes() == expected



@pytest.mark.parametrize(("template", "encodings"), [
    (b'\xc3\xa9<%= [200].pack("C") %>', "UTF-8 and ASCII-8BIT"),
    (b'<%= [200].pack("C") %>\xc3\xa9', "ASCII-8BIT and UTF-8"),
])
def test_binary_and_utf8_output_incompatible(template: bytes, encodings: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Non-ASCII UTF-8 and non-ASCII binary output: ERB's `<<` raises, as in ncg-orig."""
    (tmp_path / "main.neto").write_text(MODEL, encoding="utf-8")
    (tmp_path / "t.ncg").write_bytes(template)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["ncg", "main.neto"])
    with pytest.raises(SystemExit) as exc:
        cli.main()  # as `python -m ncg` runs it, but for its exit (which ends the process)
    assert exc.value.code
    assert (f"ERROR(Encoding::CompatibilityError): incompatible character encodings: "
            f"{encodings}") in capsys.readouterr().err
    assert not (tmp_path / "out.txt").exists()
