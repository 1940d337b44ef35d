"""Every test session runs in a private world of its own.

HOME, XDG_CACHE_HOME and TMPDIR point into a fresh folder made for the
session, so no test reads the user's files or writes into their home or cache
(ncg keeps compiled templates under XDG_CACHE_HOME), and the ncg subprocesses
the tests start inherit the same.  The time zone is UTC (the zone the Time
values were recorded in) and the locale C.UTF-8; tests about locales set
their own.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import hypothesis.configuration
import pytest

# Variables that would make the subprocesses' output depend on the machine.
UNSET = ("LANGUAGE", "LC_CTYPE", "LC_MESSAGES", "LC_TIME", "PYTHONIOENCODING", "PYTHONUTF8",
         "PYTHONCOERCECLOCALE")

# Falsifying examples are printed; they are not kept in a database beside the tests.
hypothesis.settings.register_profile("hermetic", database=None)
hypothesis.settings.load_profile("hermetic")


def pytest_report_header() -> str:
    """Which ncg is under test: an installed one, or a checkout's."""
    import ncg

    return f"ncg: {Path(ncg.__file__).parent}"


@pytest.fixture(autouse=True, scope="session")
def private_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh HOME, XDG_CACHE_HOME and TMPDIR for the session; TZ and locale pinned."""
    root = tmp_path_factory.mktemp("session")
    folders = {name: root / name for name in ("home", "cache", "tmp", "hypothesis")}
    for folder in folders.values():
        folder.mkdir(mode=0o700)
    saved_environ, saved_tempdir = dict(os.environ), tempfile.tempdir
    for name in UNSET:
        os.environ.pop(name, None)
    os.environ.update(
        HOME=str(folders["home"]), XDG_CACHE_HOME=str(folders["cache"]),
        TMPDIR=str(folders["tmp"]), TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8",
    )
    tempfile.tempdir = str(folders["tmp"])
    hypothesis.configuration.set_hypothesis_home_dir(str(folders["hypothesis"]))
    time.tzset()
    try:
        yield root
    finally:
        os.environ.clear()
        os.environ.update(saved_environ)
        tempfile.tempdir = saved_tempdir
        time.tzset()
