"""Ruby syntax that real templates use (issue 8.3), against the original NCG on Ruby 3.1.

The templates and what the original made of them are in recorded_syntax.json
(`python -m tests.ruby.record tests/ruby/recorded_syntax.json` re-records).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.ruby.recorded import check, load


@pytest.mark.parametrize("case", load("recorded_syntax.json"))
def test_syntax_matches_the_original(
    case: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    check(case, capsys)
