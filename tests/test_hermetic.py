"""The session's private world (tests/conftest.py): nothing of the user's is used."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from ncg.template.cache import TemplateCache


def test_home_cache_and_temp_are_the_sessions_own(session_folder: Path) -> None:
    assert Path(os.environ["HOME"]) == session_folder / "home"
    assert Path(os.environ["XDG_CACHE_HOME"]) == session_folder / "cache"
    assert Path(os.environ["TMPDIR"]) == Path(tempfile.gettempdir()) == session_folder / "tmp"
    assert Path(os.path.expanduser("~")) == session_folder / "home"


def test_ncg_caches_templates_in_the_sessions_cache(session_folder: Path) -> None:
    directory = TemplateCache.for_user().directory
    assert directory is not None and (session_folder / "cache") in directory.parents


def test_time_zone_and_locale_are_pinned() -> None:
    assert (os.environ["TZ"], time.strftime("%z", time.localtime(0))) == ("UTC", "+0000")
    assert os.environ["LC_ALL"] == "C.UTF-8"
