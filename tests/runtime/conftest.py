"""Runtime tests run in UTC, the zone the expected Time values were recorded in."""

import os
import time

import pytest


@pytest.fixture(autouse=True, scope="session")
def utc_time_zone():
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if saved is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = saved
    time.tzset()
