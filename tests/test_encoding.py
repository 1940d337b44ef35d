"""Text that is not ASCII: ncg prints and writes the bytes it read, whatever the locale.

The expected bytes were recorded by running the original NCG 0.10.3 on MODEL
under a UTF-8 locale.  Under `LC_ALL=C` the original rejects any byte above
127 ("invalid byte sequence in US-ASCII"); ncg reads models as UTF-8 always,
so it prints the same bytes under every locale and I/O encoding.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

MODEL = {
    "net.neto": (
        "greeting = café naïve\n"
        '[%= STDERR.puts("stderr: é " + File.read("raw.bin")); "" %]\n'
        "devices!(+) {\n"
        "    name = sw-ü\n"
        "    ncg_template = dev.ncg\n"
        "    ncg_output = dev-ü.cfg\n"
        "}\n"
    ).encode(),
    "dev.ncg": (
        b'hostname <%= @target["name"] %> (<%= @target["(...)!greeting"].upcase %>)\n'
        b'<% puts "stdout: " + @target["name"] + File.read("raw.bin") %>\n'
    ),
    "fail.neto": b'x = 1\n[% raise "\xc3\xa9chec " + File.read("raw.bin") %]\n',
    "raw.bin": b"a\xffb\n",  # not UTF-8: passed through as the same bytes
}
STDERR_LINE = b"stderr: \xc3\xa9 a\xffb\n"
EXPECTED = {  # args: (stdout, stderr, files written)
    "-k net.neto": (
        b"!greeting\n!devices\n!devices!@000000001\n!devices!@000000001!name\n"
        b"!devices!@000000001!ncg_template\n!devices!@000000001!ncg_output\n",
        STDERR_LINE, {}),
    "-d net.neto": (
        b"# <root>:0\ngreeting = caf\xc3\xa9 na\xc3\xafve\ndevices {\n    # net.neto:3\n"
        b"    @000000001 {\n        # net.neto:3\n        name = sw-\xc3\xbc\n"
        b"        ncg_template = dev.ncg\n        ncg_output = dev-\xc3\xbc.cfg\n    }\n}\n",
        STDERR_LINE, {}),
    "net.neto": (
        b"stdout: sw-\xc3\xbca\xffb\n", STDERR_LINE,
        {"dev-\xfc.cfg": b"hostname sw-\xc3\xbc (CAF\xc3\x89 NA\xc3\x8fVE)\n"}),
    "fail.neto": (b"", b"ERROR(RuntimeError): \xc3\xa9chec a\xffb\n\n\tat fail.neto:2\n", {}),
}
ENVIRONMENTS = {
    "C.UTF-8": {},
    "C": {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0"},
    "POSIX": {"LC_ALL": "POSIX", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    "latin-1 I/O": {"PYTHONIOENCODING": "latin-1"},
}


@pytest.mark.parametrize("environment", list(ENVIRONMENTS))
@pytest.mark.parametrize("args", list(EXPECTED))
def test_prints_the_bytes_it_read(tmp_path: Path, args: str, environment: str) -> None:
    for name, content in MODEL.items():
        (tmp_path / name).write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "ncg", *args.split()], cwd=tmp_path,
                          env={**os.environ, **ENVIRONMENTS[environment]}, capture_output=True)
    stdout, stderr, files = EXPECTED[args]
    assert (proc.stdout, proc.stderr) == (stdout, stderr)
    assert proc.returncode == (1 if stderr.startswith(b"ERROR") else 0)
    for name, content in files.items():
        assert (tmp_path / name).read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*MODEL, *files])
