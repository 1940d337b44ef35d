"""What the template tests share."""

from __future__ import annotations

import pytest

from ncg import app
from ncg.settings import Settings
from ncg.template.engine import Environment


@pytest.fixture
def env() -> Environment:
    """An environment with NCG's helpers and no disk cache."""
    return app.environment(Settings(), "ncg")
