"""Hash methods: expected values printed by Ruby 3.1 (see recorded.py)."""

from __future__ import annotations

import pytest
from .recorded import Call

from ncg.template.ruby.blocks import bind_block_args
from ncg.template.ruby.consts import RubyHash
from ncg.template.ruby.core import send
from ncg.template.ruby.symbol import Symbol

H = {"a": 1, "b": 2}


def pair(fn):  # noqa: ANN001, ANN201 - a block |k, v| given one packed [k, v] or two values
    def block(*args):  # noqa: ANN002, ANN202
        return fn(*bind_block_args(args, 2))

    return block


def counter() -> RubyHash:
    counts = RubyHash(0)
    counts["x"] = 1
    return counts


CASES = [
    Call(H, "[]", ("a",)),
    Call(H, "[]", ("z",)),
    Call(counter(), "[]", ("y",), ruby_recv='Hash.new(0).merge("x" => 1)'),
    Call(counter(), "fetch", ("y", 5), ruby_recv='Hash.new(0).merge("x" => 1)'),
    Call(counter(), "default", ruby_recv='Hash.new(0).merge("x" => 1)'),
    Call(H, "fetch", ("a",)),
    Call(H, "fetch", ("q",)),
    Call(H, "fetch", (Symbol.of("q"),)),
    Call(H, "fetch", ("q", 0)),
    Call(H, "fetch", ("q",), rb='{ |k| k + "!" }', py=lambda k: k + "!"),
    Call({"a": {"b": [10, 20]}}, "dig", ("a", "b", 1)),
    Call(H, "keys"),
    Call(H, "values"),
    Call(H, "values_at", ("a", "z")),
    Call(H, "size"),
    Call(H, "length"),
    Call(H, "count"),
    Call({}, "empty?"),
    Call(H, "key?", ("a",)),
    Call(H, "has_key?", ("c",)),
    Call(H, "include?", ("a",)),
    Call(H, "member?", ("b",)),
    Call(H, "value?", (2,)),
    Call(H, "has_value?", (2.0,)),
    Call(H, "key", (2,)),
    Call(H, "invert"),
    Call(H, "to_a"),
    Call(H, "to_s"),
    Call({1: None, Symbol.of("a"): [1], "s": {"x": 1.0}, None: True}, "inspect"),
    Call({}, "inspect"),
    Call(H, "==", ({"b": 2, "a": 1},)),
    Call(H, "==", ({"a": 1},)),
    Call(H, "sort"),
    Call(H, "min"),
    Call(H, "first"),
    Call(H, "first", (1,)),
    Call(H, "sum", ([],)),
    # changing the hash
    Call(H, "[]=", ("c", 3), bang=True),
    Call(H, "store", ("a", 9), bang=True),
    Call(H, "delete", ("a",), bang=True),
    Call(H, "delete", ("zz",), bang=True),
    Call(H, "delete", ("zz",), rb="{ |k| k * 2 }", py=lambda k: k * 2, bang=True),
    Call(H, "delete_if", rb="{ |k, v| v > 1 }", py=lambda k, v: v > 1, bang=True),
    Call(H, "reject!", rb="{ |k, v| v > 5 }", py=lambda k, v: v > 5, bang=True),
    Call(H, "select!", rb="{ |k, v| v > 1 }", py=lambda k, v: v > 1, bang=True),
    Call(H, "keep_if", rb="{ |k, v| v > 1 }", py=lambda k, v: v > 1, bang=True),
    Call(H, "update", ({"a": 9, "c": 3},), bang=True),
    Call(H, "merge!", ({"a": 9},), rb="{ |k, o, n| o + n }", py=lambda k, o, n: o + n,
         bang=True),
    Call(H, "clear", bang=True),
    Call(H, "replace", ({"z": 0},), bang=True),
    # iteration: each yields one [k, v]; select and friends yield k and v
    Call(H, "each", rb="{ |k, v| k }", py=pair(lambda k, v: k)),
    Call(H, "each_pair", then="to_a"),
    Call(H, "each_key", then="to_a"),
    Call(H, "each_value", then="to_a"),
    Call(H, "map", rb='{ |k, v| "#{k}=#{v}" }', py=pair(lambda k, v: f"{k}={v}")),
    Call(H, "map", rb="{ |x| x }", py=lambda x: x),
    Call(H, "select", rb="{ |k, v| v > 1 }", py=lambda k, v: v > 1),
    Call(H, "select", rb="{ |x| x == 'a' }", py=lambda *x: x[0] == "a"),
    Call(H, "filter", rb="{ |k, v| v > 1 }", py=lambda k, v: v > 1),
    Call(H, "reject", rb="{ |k, v| v > 1 }", py=lambda k, v: v > 1),
    Call(H, "find", rb="{ |k, v| v == 2 }", py=pair(lambda k, v: v == 2)),
    Call(H, "find_all", rb="{ |k, v| v > 1 }", py=pair(lambda k, v: v > 1)),
    Call(H, "any?", rb="{ |k, v| v > 1 }", py=pair(lambda k, v: v > 1)),
    Call(H, "any?"),
    Call({}, "any?"),
    Call(H, "all?", rb="{ |k, v| v > 0 }", py=pair(lambda k, v: v > 0)),
    Call(H, "count", rb="{ |k, v| v > 0 }", py=pair(lambda k, v: v > 0)),
    Call(H, "sum", rb="{ |k, v| v }", py=pair(lambda k, v: v)),
    Call(H, "min_by", rb="{ |k, v| -v }", py=pair(lambda k, v: -v)),
    Call(H, "max_by", rb="{ |k, v| v }", py=pair(lambda k, v: v)),
    Call(H, "sort_by", rb="{ |k, v| -v }", py=pair(lambda k, v: -v)),
    Call(H, "group_by", rb="{ |k, v| v.odd? }", py=pair(lambda k, v: v % 2 == 1)),
    Call(H, "partition", rb="{ |k, v| v > 1 }", py=pair(lambda k, v: v > 1)),
    Call(H, "each_with_index", then="to_a"),
    Call(H, "each_with_object", ({},), rb="{ |(k, v), m| m[v] = k }",
         py=lambda kv, m: m.__setitem__(kv[1], kv[0])),
    Call(H, "inject", (0,), rb="{ |s, (k, v)| s + v }", py=lambda s, kv: s + kv[1]),
    Call(H, "filter_map", rb="{ |k, v| k if v > 1 }", py=pair(lambda k, v: k if v > 1 else None)),
    Call(H, "flat_map", rb="{ |k, v| [k] * v }", py=pair(lambda k, v: [k] * v)),
    Call(H, "to_h", rb="{ |k, v| [v, k] }", py=lambda k, v: [v, k]),
    Call(H, "transform_values", rb="{ |v| v * 10 }", py=lambda v: v * 10),
    Call(H, "transform_keys", rb="{ |k| k.upcase }", py=lambda k: send(k, "upcase")),
    Call(H, "merge", ({"a": 9},), rb="{ |k, o, n| o + n }", py=lambda k, o, n: o + n),
    Call(H, "merge", ({"c": 3}, {"d": 4})),
    Call({"a": None, "b": 1}, "compact"),
    Call(H, "slice", ("a", "z")),
    Call(H, "except", ("a",)),
    Call(H, "assoc", ("b",)),
    Call(H, "rassoc", (1,)),
    Call(H, "dup"),
]

EXPECTED = [
    '1',
    'nil',
    '0',
    '5',
    '0',
    '1',
    'ERR KeyError: key not found: "q"',
    'ERR KeyError: key not found: :q',
    '0',
    '"q!"',
    '20',
    '["a", "b"]',
    '[1, 2]',
    '[1, nil]',
    '2',
    '2',
    '2',
    'true',
    'true',
    'false',
    'true',
    'true',
    'true',
    'true',
    '"b"',
    '{1=>"a", 2=>"b"}',
    '[["a", 1], ["b", 2]]',
    '"{\\"a\\"=>1, \\"b\\"=>2}"',
    '"{1=>nil, :a=>[1], \\"s\\"=>{\\"x\\"=>1.0}, nil=>true}"',
    '"{}"',
    'true',
    'false',
    '[["a", 1], ["b", 2]]',
    '["a", 1]',
    '["a", 1]',
    '[["a", 1]]',
    '["a", 1, "b", 2]',
    '[{"a"=>1, "b"=>2, "c"=>3}, 3]',
    '[{"a"=>9, "b"=>2}, 9]',
    '[{"b"=>2}, 1]',
    '[{"a"=>1, "b"=>2}, nil]',
    '[{"a"=>1, "b"=>2}, "zzzz"]',
    '[{"a"=>1}, {"a"=>1}]',
    '[{"a"=>1, "b"=>2}, nil]',
    '[{"b"=>2}, {"b"=>2}]',
    '[{"b"=>2}, {"b"=>2}]',
    '[{"a"=>9, "b"=>2, "c"=>3}, {"a"=>9, "b"=>2, "c"=>3}]',
    '[{"a"=>10, "b"=>2}, {"a"=>10, "b"=>2}]',
    '[{}, {}]',
    '[{"z"=>0}, {"z"=>0}]',
    '{"a"=>1, "b"=>2}',
    '[["a", 1], ["b", 2]]',
    '["a", "b"]',
    '[1, 2]',
    '["a=1", "b=2"]',
    '[["a", 1], ["b", 2]]',
    '{"b"=>2}',
    '{"a"=>1}',
    '{"b"=>2}',
    '{"a"=>1}',
    '["b", 2]',
    '[["b", 2]]',
    'true',
    'true',
    'false',
    'true',
    '2',
    '3',
    '["b", 2]',
    '["b", 2]',
    '[["b", 2], ["a", 1]]',
    '{true=>[["a", 1]], false=>[["b", 2]]}',
    '[[["b", 2]], [["a", 1]]]',
    '[[["a", 1], 0], [["b", 2], 1]]',
    '{1=>"a", 2=>"b"}',
    '3',
    '["b"]',
    '["a", "b", "b"]',
    '{1=>"a", 2=>"b"}',
    '{"a"=>10, "b"=>20}',
    '{"A"=>1, "B"=>2}',
    '{"a"=>10, "b"=>2}',
    '{"a"=>1, "b"=>2, "c"=>3, "d"=>4}',
    '{"b"=>1}',
    '{"a"=>1}',
    '{"b"=>2}',
    '["b", 2]',
    '["a", 1]',
    '{"a"=>1, "b"=>2}',
]


@pytest.mark.parametrize(("case", "expected"), zip(CASES, EXPECTED, strict=True),
                         ids=[c.ruby_line()[15:75] for c in CASES])
def test_recorded(case: Call, expected: str) -> None:
    assert case.run() == expected


def test_hash_new_default_survives_dup() -> None:
    copied = send(counter(), "dup")
    assert send(copied, "[]", "nope") == 0
