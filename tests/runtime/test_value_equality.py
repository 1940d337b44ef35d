"""`eql?`-equality of value objects (IPAddr, Range, Time) in `uniq` and Hash
keys; expected values printed by the original NCG on Ruby 3.1."""

from __future__ import annotations

import pytest

from ncg.template.engine import Environment

CASES = [
    ('[IPAddr.new("10.0.0.1"), IPAddr.new("10.0.0.1"), IPAddr.new("10.0.0.1/8")].uniq.size',
     "2"),
    ('{ IPAddr.new("10.0.0.1") => 1 }[IPAddr.new("10.0.0.1")].inspect', "1"),
    ("[(1..2), (1..2), (1...2)].uniq.size", "2"),
    ("[Time.at(5), Time.at(5)].uniq.size", "1"),
    ('IPAddr.new("10.0.0.1").eql?(IPAddr.new("10.0.0.1"))', "true"),
    ('[Netomata::IPAddr.new("10.0.0.1"), IPAddr.new("10.0.0.1")].uniq.size', "2"),
    ('{ (1..2) => "r" }[1..2]', "r"),
]


@pytest.mark.parametrize(("ruby", "expected"), CASES)
def test_value_objects_are_eql_by_value(ruby: str, expected: str) -> None:
    env = Environment()
    assert env.render(env.compile(f"<%= {ruby} %>", "eql.ncg"), {}) == expected
