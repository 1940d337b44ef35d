"""Enumerable over an `each` that yields two values (as a Dictionary's does).
# ruff: noqa: E501 (recorded Ruby output is kept on one line per case)

The Ruby side is a class whose `each` does `yield "a", 1; yield "b", 2`:
Ruby passes the two values through to some methods' blocks and packs them
into one `[k, v]` for others; a one-parameter block shows which. Expected
values were printed by Ruby 3.1 (see recorded.py).
"""

from __future__ import annotations

import pytest

from ncg.ruby.runtime.core import send
from ncg.ruby.runtime.enumerable import include_enumerable, sort_values, sum_values
from ncg.ruby.runtime.symbol import Symbol
from ncg.ruby.runtime.values import inspect

from .recorded import Call


class TwoValues:
    """A Ruby object whose each yields key and value as two values."""

    def __init__(self, pairs: list[list[object]]) -> None:
        self.pairs = pairs


include_enumerable(TwoValues, lambda e: e.pairs, spread=True)

RUBY_RECV = ('Class.new { include Enumerable; def each; yield "a", 1; yield "b", 2; self; end; '
             'def inspect; "E"; end }.new')


def two(name: str, args: tuple[object, ...] = (), rb: str = "", py: object = None,
        then: str = "") -> Call:
    return Call(TwoValues([["a", 1], ["b", 2]]), name, args, rb=rb, py=py, then=then,
                ruby_recv=RUBY_RECV)


def first_of(*values: object) -> object:
    """A block |x|: the first yielded value (proc rules drop the rest)."""
    return values[0]


CASES = [
    two("map", rb="{ |x| x }", py=first_of),
    two("map", rb="{ |k, v| v }", py=lambda k, v: v),
    two("flat_map", rb="{ |x| x }", py=first_of),
    two("filter_map", rb="{ |x| x }", py=first_of),
    two("select", rb="{ |x| x == 'a' }", py=lambda x: x == "a"),
    two("reject", rb="{ |x| x == 'a' }", py=lambda x: x == "a"),
    two("find", rb="{ |x| x.is_a?(Array) }", py=lambda x: isinstance(x, list)),
    two("any?", rb="{ |x| x == 'b' }", py=lambda *x: x[0] == "b"),
    two("all?", rb="{ |x| x.is_a?(String) }", py=lambda *x: isinstance(x[0], str)),
    two("none?", rb="{ |x| x == 'b' }", py=lambda *x: x[0] == "b"),
    two("one?", rb="{ |x| x == 'b' }", py=lambda *x: x[0] == "b"),
    two("count", rb="{ |x| x == 'b' }", py=lambda *x: x[0] == "b"),
    two("count"),
    two("find_index", rb="{ |x| x == 'b' }", py=lambda *x: x[0] == "b"),
    two("take_while", rb="{ |x| x == 'a' }", py=lambda *x: x[0] == "a"),
    two("drop_while", rb="{ |x| x[0] == 'a' }", py=lambda x: x[0] == "a"),
    two("sort_by", rb="{ |x| -x[1] }", py=lambda x: -x[1]),
    two("min_by", rb="{ |x| -x[1] }", py=lambda x: -x[1]),
    two("max_by", rb="{ |x| -x[1] }", py=lambda x: -x[1]),
    two("group_by", rb="{ |x| x.size }", py=len),
    two("partition", rb="{ |x| x[1] > 1 }", py=lambda x: x[1] > 1),
    two("each_with_index", then="to_a"),
    two("each_with_object", ([],), rb="{ |x, m| m << x }", py=lambda x, m: m.append(x)),
    two("inject", rb="{ |s, x| s + x }", py=lambda s, x: s + x),
    two("inject", (Symbol.of("+"),)),
    two("sum", ([],)),
    two("each_slice", (1,), then="to_a"),
    two("each_cons", (2,), then="to_a"),
    two("uniq", rb="{ |x| x }", py=first_of),
    two("to_h", rb="{ |x| [x, 1] }", py=lambda *x: [x[0], 1]),
    two("to_h"),
    two("to_a"),
    two("first"),
    two("first", (1,)),
    two("min"),
    two("max"),
    two("minmax"),
    two("sort"),
    two("include?", (["a", 1],)),
    two("include?", ("a",)),
    two("tally"),
    two("zip", ([1, 2],)),
    two("reverse_each", then="to_a"),
]

EXPECTED = [
    '["a", "b"]',
    '[1, 2]',
    '["a", "b"]',
    '["a", "b"]',
    '[]',
    '[["a", 1], ["b", 2]]',
    '["a", 1]',
    'true',
    'true',
    'false',
    'true',
    '1',
    '2',
    '1',
    '[["a", 1]]',
    '[["b", 2]]',
    '[["b", 2], ["a", 1]]',
    '["b", 2]',
    '["a", 1]',
    '{2=>[["a", 1], ["b", 2]]}',
    '[[["b", 2]], [["a", 1]]]',
    '[[["a", 1], 0], [["b", 2], 1]]',
    '[["a", 1], ["b", 2]]',
    '["a", 1, "b", 2]',
    '["a", 1, "b", 2]',
    '["a", 1, "b", 2]',
    '[[["a", 1]], [["b", 2]]]',
    '[[["a", 1], ["b", 2]]]',
    '[["a", 1], ["b", 2]]',
    '{"a"=>1, "b"=>1}',
    '{"a"=>1, "b"=>2}',
    '[["a", 1], ["b", 2]]',
    '["a", 1]',
    '[["a", 1]]',
    '["a", 1]',
    '["b", 2]',
    '[["a", 1], ["b", 2]]',
    '[["a", 1], ["b", 2]]',
    'true',
    'false',
    '{["a", 1]=>1, ["b", 2]=>1}',
    '[[["a", 1], 1], [["b", 2], 2]]',
    '[["b", 2], ["a", 1]]',
]


@pytest.mark.parametrize(("case", "expected"), list(zip(CASES, EXPECTED, strict=True)),
                         ids=[f"{c.name}{c.rb}" for c in CASES])
def test_recorded(case: Call, expected: str) -> None:
    assert case.run() == expected


def test_sum_is_compensated_like_ruby() -> None:
    # ruby -e 'p [0.1, 0.2, 0.3].sum, ([0.1] * 10).sum, [1, 2.5].sum, [3, 0.1, 0.2].sum'
    assert sum_values([0.1, 0.2, 0.3]) == 0.6
    assert sum_values([0.1] * 10) == 1.0
    assert sum_values([1, 2.5]) == 3.5
    assert sum_values([3, 0.1, 0.2]) == 3.3


def test_sort_is_stable_like_mri() -> None:
    # ruby -e 'p (1..20).map { |x| [x % 3, x] }.sort { |a, b| a[0] <=> b[0] }.map(&:last)'
    rows = [[x % 3, x] for x in range(1, 21)]
    ordered = sort_values(rows, lambda a, b: (a[0] > b[0]) - (a[0] < b[0]))
    assert [r[1] for r in ordered] == [3, 6, 9, 12, 15, 18, 1, 4, 7, 10, 13, 16, 19,
                                       2, 5, 8, 11, 14, 17, 20]


A = [3, 1, 2]

# ruby -e 'a = [3, 1, 2]; p a.each, a.map, …' (one expression per line below)
ENUMERATORS = [
    ("a.each", lambda: send(A, "each"), "#<Enumerator: [3, 1, 2]:each>"),
    ("a.map", lambda: send(A, "map"), "#<Enumerator: [3, 1, 2]:map>"),
    ("a.each_slice(2)", lambda: send(A, "each_slice", 2), "#<Enumerator: [3, 1, 2]:each_slice(2)>"),
    ("a.each_with_index", lambda: send(A, "each_with_index"),
     "#<Enumerator: [3, 1, 2]:each_with_index>"),
    ("a.map.with_index(1)", lambda: send(send(A, "map"), "with_index", 1),
     "#<Enumerator: #<Enumerator: [3, 1, 2]:map>:with_index(1)>"),
    ('{"a"=>1}.each', lambda: send({"a": 1}, "each"), '#<Enumerator: {"a"=>1}:each>'),
    ('"ab".each_char', lambda: send("ab", "each_char"), '#<Enumerator: "ab":each_char>'),
    ("a.each_with_index.map { |x| x }",
     lambda: send(send(A, "each_with_index"), "map", block=lambda *x: x[0]), "[3, 1, 2]"),
    ("a.each.with_index(1) { |x, i| 0 }",
     lambda: send(send(A, "each"), "with_index", 1, block=lambda x, i: 0), "[3, 1, 2]"),
    ("a.select.with_index { |x, i| i > 0 }",
     lambda: send(send(A, "select"), "with_index", block=lambda x, i: i > 0), "[1, 2]"),
    ("a.each_slice(2).size", lambda: send(send(A, "each_slice", 2), "size"), "2"),
    ("a.each_with_object([]).to_a", lambda: send(send(A, "each_with_object", []), "to_a"),
     "[[3, []], [1, []], [2, []]]"),
    ("a.cycle", lambda: send(A, "cycle"), "#<Enumerator: [3, 1, 2]:cycle>"),
    ("a.cycle.first(4)", lambda: send(send(A, "cycle"), "first", 4), "[3, 1, 2, 3]"),
    ("a.each_with_index.with_index(1).to_a",
     lambda: send(send(send(A, "each_with_index"), "with_index", 1), "to_a"),
     "[[[3, 0], 1], [[1, 1], 2], [[2, 2], 3]]"),
    ("[[1, 2]].each.map { |x| x }",
     lambda: send(send([[1, 2]], "each"), "map", block=lambda *x: x[0]), "[[1, 2]]"),
    ("a.group_by.with_index { |x, i| i % 2 }",
     lambda: send(send(A, "group_by"), "with_index", block=lambda x, i: i % 2),
     "{0=>[3, 2], 1=>[1]}"),
]


@pytest.mark.parametrize(("call", "expected"), [(c[1], c[2]) for c in ENUMERATORS],
                         ids=[c[0] for c in ENUMERATORS])
def test_enumerators(call: object, expected: str) -> None:
    assert inspect(call()) == expected
