# ruff: noqa: E501  (a table of cases, one per line)
"""Exception objects, the exception hierarchy and NoMethodError/ArgumentError messages, against Ruby.

Expected values were recorded from real Ruby 3.1 (`ruby -e 'p(EXPR)'`).
"""

import pytest

from .helpers import C, R, fn, outcome, s, sym  # noqa: F401

CASES = [
    ('RuntimeError.new.message', lambda: s(s(C('RuntimeError'), 'new'), 'message'), '"RuntimeError"'),
    ("RuntimeError.new('x').inspect", lambda: s(s(C('RuntimeError'), 'new', 'x'), 'inspect'), '"#<RuntimeError: x>"'),
    ('RuntimeError.new.inspect', lambda: s(s(C('RuntimeError'), 'new'), 'inspect'), '"#<RuntimeError: RuntimeError>"'),
    ("ArgumentError.new('').inspect", lambda: s(s(C('ArgumentError'), 'new', ''), 'inspect'), '"ArgumentError"'),
    ("ArgumentError.new('m').message", lambda: s(s(C('ArgumentError'), 'new', 'm'), 'message'), '"m"'),
    ("ArgumentError.new('m').to_s", lambda: s(s(C('ArgumentError'), 'new', 'm'), 'to_s'), '"m"'),
    ("ArgumentError.new('m').class", lambda: s(s(C('ArgumentError'), 'new', 'm'), 'class'), 'ArgumentError'),
    ("ArgumentError.new('m').is_a?(StandardError)", lambda: s(s(C('ArgumentError'), 'new', 'm'), 'is_a?', C('StandardError')), 'true'),
    ("ArgumentError.new('m').backtrace", lambda: s(s(C('ArgumentError'), 'new', 'm'), 'backtrace'), 'nil'),
    ("ArgumentError.exception('e').message", lambda: s(s(C('ArgumentError'), 'exception', 'e'), 'message'), '"e"'),
    ("ArgumentError.new('m').exception('n').message", lambda: s(s(s(C('ArgumentError'), 'new', 'm'), 'exception', 'n'), 'message'), '"n"'),
    ("ArgumentError.new('m') == ArgumentError.new('m')", lambda: s(s(C('ArgumentError'), 'new', 'm'), '==', s(C('ArgumentError'), 'new', 'm')), 'true'),
    ("IPAddr::InvalidAddressError.new('x').inspect", lambda: s(s(C('IPAddr::InvalidAddressError'), 'new', 'x'), 'inspect'), '"#<IPAddr::InvalidAddressError: x>"'),
    ('ZeroDivisionError.superclass', lambda: s(C('ZeroDivisionError'), 'superclass'), 'StandardError'),
    ('NoMethodError.superclass', lambda: s(C('NoMethodError'), 'superclass'), 'NameError'),
    ('FrozenError.superclass', lambda: s(C('FrozenError'), 'superclass'), 'RuntimeError'),
    ('StopIteration.superclass', lambda: s(C('StopIteration'), 'superclass'), 'IndexError'),
    ('Errno::ENOENT.superclass', lambda: s(C('Errno::ENOENT'), 'superclass'), 'SystemCallError'),
    ('Math::DomainError.superclass', lambda: s(C('Math::DomainError'), 'superclass'), 'StandardError'),
    ('FloatDomainError.superclass', lambda: s(C('FloatDomainError'), 'superclass'), 'RangeError'),
    ('ArgumentError.name', lambda: s(C('ArgumentError'), 'name'), '"ArgumentError"'),
    ("KeyError.new('k').message", lambda: s(s(C('KeyError'), 'new', 'k'), 'message'), '"k"'),
    ('StandardError.new(5).message', lambda: s(s(C('StandardError'), 'new', 5), 'message'), '"5"'),
    ("'x'.foo", lambda: s('x', 'foo'), 'NoMethodError: undefined method `foo\' for "x":String'),
    ('[1].foo', lambda: s([1], 'foo'), "NoMethodError: undefined method `foo' for [1]:Array"),
    ('({a: 1}).foo', lambda: s({sym('a'): 1}, 'foo'), "NoMethodError: undefined method `foo' for {:a=>1}:Hash"),
    ("({'a' => nil}).foo", lambda: s({'a': None}, 'foo'), 'NoMethodError: undefined method `foo\' for {"a"=>nil}:Hash'),
    (':s.foo', lambda: s(sym('s'), 'foo'), "NoMethodError: undefined method `foo' for :s:Symbol"),
    ('(1..2).foo', lambda: s(R(1, 2), 'foo'), "NoMethodError: undefined method `foo' for 1..2:Range"),
    ('String.foo', lambda: s(C('String'), 'foo'), "NoMethodError: undefined method `foo' for String:Class"),
    ('Comparable.foo', lambda: s(C('Comparable'), 'foo'), "NoMethodError: undefined method `foo' for Comparable:Module"),
    ("('x' * 70).foo", lambda: s('x' * 70, 'foo'), 'NoMethodError: undefined method `foo\' for "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx":String'),
    ('([1] * 40).foo', lambda: s([1] * 40, 'foo'), "NoMethodError: undefined method `foo' for [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]:Array"),
    ("[nil, true, 1.5, 'a', :b].foo", lambda: s([None, True, 1.5, 'a', sym('b')], 'foo'), 'NoMethodError: undefined method `foo\' for [nil, true, 1.5, "a", :b]:Array'),
    ('(2 ** -1).foo', lambda: s(s(2, '**', -1), 'foo'), "NoMethodError: undefined method `foo' for (1/2):Rational"),
    ("RuntimeError.new('x').foo", lambda: s(s(C('RuntimeError'), 'new', 'x'), 'foo'), "NoMethodError: undefined method `foo' for #<RuntimeError: x>"),
    ('Float::NAN.foo', lambda: s(C('Float::NAN'), 'foo'), "NoMethodError: undefined method `foo' for NaN:Float\nDid you mean?  floor"),
    ('[1].first(1, 2)', lambda: s([1], 'first', 1, 2), 'ArgumentError: wrong number of arguments (given 2, expected 0..1)'),
    ('1.+(1, 2)', lambda: s(1, '+', 1, 2), 'ArgumentError: wrong number of arguments (given 2, expected 1)'),
    ('1.+', lambda: s(1, '+'), 'ArgumentError: wrong number of arguments (given 0, expected 1)'),
]


@pytest.mark.parametrize("ruby, python, expected", CASES, ids=[c[0] for c in CASES])
def test_matches_ruby(ruby, python, expected):
    assert outcome(python) == expected
