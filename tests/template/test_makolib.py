"""Mako as ncg imports it: without Pygments, and with importlib.metadata
loaded only when something uses it (then it works as ever)."""

from __future__ import annotations

import subprocess
import sys

IMPORT_AND_USE = """
import sys
import ncg.template.makolib
print("pygments" in sys.modules, "email.message" in sys.modules)
import importlib.metadata
from importlib import metadata
import mako.compat
print(metadata is importlib.metadata is sys.modules["importlib.metadata"])
print(importlib.metadata.version("mako") == __import__("mako").__version__)
print(isinstance(list(mako.compat.importlib_metadata_get("mako.cache")), list))
print("email.message" in sys.modules)
"""


def test_importlib_metadata_loads_when_first_used() -> None:
    proc = subprocess.run([sys.executable, "-c", IMPORT_AND_USE], capture_output=True,
                          text=True, timeout=120)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.split("\n") == ["False False", "True", "True", "True", "True", ""]
