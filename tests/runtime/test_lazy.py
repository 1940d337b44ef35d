"""Enumerator::Lazy over endless and finite sources; expected values printed by
Ruby 3.1 (`ruby -e 'p …'`)."""

from __future__ import annotations

import pytest

from ncg.template.engine import Environment

CASES = [
    ("(1..Float::INFINITY).lazy.map { |x| x * 2 }.first(3).inspect", "[2, 4, 6]"),
    ("(1..20).lazy.select(&:even?).map { |x| x * x }.first(2).inspect", "[4, 16]"),
    ("[3,4,5].lazy.reject(&:odd?).to_a.inspect", "[4]"),
    ("(1..Float::INFINITY).lazy.map { |x| x * 2 }.take_while { |x| x < 9 }.to_a.inspect",
     "[2, 4, 6, 8]"),
    ('{ "a" => 1, "b" => 2 }.lazy.map { |k, v| k * v }.first(2).inspect', '["a", "bb"]'),
    ("(1..3).lazy.first", "1"),
    ("(1..Float::INFINITY).lazy.filter_map { |x| x * 3 if x.even? }.first(2).inspect",
     "[6, 12]"),
    ("(1..3).lazy.map { |x| x }.take(2).inspect",
     "#<Enumerator::Lazy: #<Enumerator::Lazy: #<Enumerator::Lazy: 1..3>:map>:take(2)>"),
    ("(1..9).lazy.drop_while { |x| x < 7 }.to_a.inspect", "[7, 8, 9]"),
]


@pytest.mark.parametrize(("ruby", "expected"), CASES)
def test_lazy_matches_ruby(ruby: str, expected: str) -> None:
    env = Environment()
    assert env.render(env.compile(f"<%= {ruby} %>", "lazy.ncg"), {}) == expected
