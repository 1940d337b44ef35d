"""Every test session runs in a private world of its own.

HOME, XDG_CACHE_HOME and TMPDIR point into a fresh folder made for the
session, so no test reads the user's files or writes into their home or cache
(ncg keeps compiled templates under XDG_CACHE_HOME), and the ncg subprocesses
the tests start inherit the same.  The time zone is UTC (the zone the Time
values were recorded in) and the locale C.UTF-8; tests about locales set
their own.

This is done when the session starts rather than in a fixture: collecting
the tests already writes (Hypothesis caches what it reads from the test
modules), and fixtures run only after collection.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import hypothesis
import hypothesis.configuration
import pytest

# Variables that would make the subprocesses' output depend on the machine.
UNSET = ("LANGUAGE", "LC_CTYPE", "LC_MESSAGES", "LC_TIME", "PYTHONIOENCODING", "PYTHONUTF8",
         "PYTHONCOERCECLOCALE", "XDG_CONFIG_HOME", "XDG_DATA_HOME")
SESSION = pytest.StashKey[Path]()
SAVED = pytest.StashKey[tuple[dict[str, str], str | None]]()

# Falsifying examples are printed; they are not kept in a database beside the tests.
hypothesis.settings.register_profile("hermetic", database=None)
hypothesis.settings.load_profile("hermetic")


def pytest_report_header() -> str:
    """Which ncg is under test: an installed one, or a checkout's."""
    import ncg

    return f"ncg: {Path(ncg.__file__).parent}"


def pytest_sessionstart(session: pytest.Session) -> None:
    """A fresh HOME, XDG_CACHE_HOME and TMPDIR for the session; TZ and locale pinned."""
    root = Path(tempfile.mkdtemp(prefix="ncg-tests-"))
    folders = {name: root / name for name in ("home", "cache", "tmp", "hypothesis")}
    for folder in folders.values():
        folder.mkdir(mode=0o700)
    session.config.stash[SESSION] = root
    session.config.stash[SAVED] = (dict(os.environ), tempfile.tempdir)
    for name in UNSET:
        os.environ.pop(name, None)
    os.environ.update(
        HOME=str(folders["home"]), XDG_CACHE_HOME=str(folders["cache"]),
        TMPDIR=str(folders["tmp"]), TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8",
    )
    tempfile.tempdir = str(folders["tmp"])
    hypothesis.configuration.set_hypothesis_home_dir(folders["hypothesis"])
    time.tzset()


def pytest_sessionfinish(session: pytest.Session) -> None:
    environ, tempdir = session.config.stash[SAVED]
    os.environ.clear()
    os.environ.update(environ)
    tempfile.tempdir = tempdir
    time.tzset()
    shutil.rmtree(session.config.stash[SESSION], ignore_errors=True)


@pytest.fixture(scope="session")
def session_folder(pytestconfig: pytest.Config) -> Path:
    """The session's private folder (home/, cache/, tmp/ inside)."""
    return pytestconfig.stash[SESSION]
