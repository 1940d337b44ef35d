"""Ruby Range (`1..4`, `"a"..."e"`): iteration, membership, endpoints.

Enumerable methods a Range does not define itself (`map`, `select`…) come
from enumerable.py, over the elements `each` yields.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from typing import Any

from ncg.errors import ArgumentError, RangeError, TypeError_
from ncg.ruby.runtime import numeric as num
from ncg.ruby.runtime.core import find_method, method, send
from ncg.ruby.runtime.enumerable import enumerator, eql_by_fields, include_enumerable
from ncg.ruby.runtime.integer import float_steps
from ncg.ruby.runtime.object import class_of

Block = Callable[..., Any] | None


class Range:
    """`first..last` or `first...last` (exclusive); nil ends are endless/beginless."""

    __slots__ = ("first", "last", "exclusive")

    def __init__(self, first: Any, last: Any, exclusive: bool = False) -> None:
        if first is not None and last is not None and not (
            num.is_number(first) and num.is_number(last)
        ) and send(first, "<=>", last) is None:
            raise ArgumentError("bad value for range")
        self.first = first
        self.last = last
        self.exclusive = exclusive

    def __iter__(self) -> Iterator[Any]:
        return range_elements(self)

    def __eq__(self, other: object) -> bool:
        from ncg.ruby.runtime.values import eq

        return (
            type(other) is Range
            and self.exclusive == other.exclusive
            and eq(self.first, other.first)
            and eq(self.last, other.last)
        )

    def __hash__(self) -> int:
        return hash((Range, self.exclusive, self.first, self.last))

    def __repr__(self) -> str:
        return range_text(self, "inspect")


def range_elements(r: Range) -> Iterator[Any]:
    """The values `each` yields."""
    first, last = r.first, r.last
    if type(first) is int:
        return integer_elements(first, last, r.exclusive)
    if type(first) is str:
        if last is None:
            return endless_strings(first)
        if type(last) is not str:
            raise TypeError_("can't iterate from String")
        return string_elements(first, last, r.exclusive)
    if first is not None and find_method(first, "succ") is not None:
        return succ_values(first, last, r.exclusive)
    raise TypeError_(f"can't iterate from {class_of(first).name}")


def integer_elements(first: int, last: Any, exclusive: bool) -> Iterator[int]:
    if last is None:
        return itertools.count(first)
    num.comparable_arg(first, last)
    if type(last) is float:
        if math.isinf(last):
            return itertools.count(first) if last > 0 else iter(())
        stop = math.ceil(last) if exclusive else math.floor(last) + 1
    else:
        stop = last if exclusive else last + 1
    return iter(range(first, stop))


def string_elements(first: str, last: str, exclusive: bool) -> Iterator[str]:
    """String#upto: single characters by code, digit strings by number, else `succ`."""
    if len(first) == 1 and len(last) == 1 and first.isascii() and last.isascii():
        stop = ord(last) + (0 if exclusive else 1)
        return (chr(c) for c in range(ord(first), stop))
    if first.isascii() and last.isascii() and first.isdigit() and last.isdigit():
        width = len(first)
        stop = int(last) + (0 if exclusive else 1)
        return (str(n).zfill(width) for n in range(int(first), stop))
    return succ_elements(first, last, exclusive)


def succ_values(first: Any, last: Any, exclusive: bool) -> Iterator[Any]:
    """Any other value with `succ` and `<=>` (an IPAddr…): step by succ up to last."""
    current = first
    while True:
        if last is not None:
            order = send(current, "<=>", last)
            if order is None or order > 0 or (order == 0 and exclusive):
                return
        yield current
        if last is not None and order == 0:
            return
        current = send(current, "succ")


def endless_strings(first: str) -> Iterator[str]:
    from ncg.ruby.runtime.string import succ

    current = first
    while True:
        yield current
        current = succ(current)


def succ_elements(first: str, last: str, exclusive: bool) -> Iterator[str]:
    from ncg.ruby.runtime.string import succ

    if first > last or (exclusive and first == last):
        return
    after_last = succ(last)
    current = first
    while current != after_last:
        following = succ(current) if exclusive or current != last else None
        yield current
        if following is None:
            return
        current = following
        if exclusive and current == last:
            return
        if len(current) > len(last) or not current:
            return


def range_text(r: Range, how: str) -> str:
    """`inspect`/`to_s`: the endpoints' own form around `..` or `...` (nil ends blank)."""
    dots = "..." if r.exclusive else ".."
    first = "" if r.first is None and r.last is not None else send(r.first, how)
    last = "" if r.last is None and r.first is not None else send(r.last, how)
    return first + dots + last


def covers(r: Range, value: Any) -> bool:
    """Range#cover?: first <= value and value < or <= last, by `<=>`."""
    if r.first is not None:
        low = send(r.first, "<=>", value)
        if low is None or low > 0:
            return False
    if r.last is not None:
        high = send(value, "<=>", r.last)
        if high is None or high > 0 or (r.exclusive and high == 0):
            return False
    return True


@method(Range, "each")
def each(r: Range, block: Block = None) -> Any:
    if block is None:
        return enumerator(r, "each")
    for value in range_elements(r):
        block(value)
    return r


@method(Range, "to_a", "to_ary", "entries")
def to_a(r: Range) -> list[Any]:
    if r.last is None or (type(r.last) is float and math.isinf(r.last) and r.last > 0):
        raise RangeError("cannot convert endless range to an array")
    return list(range_elements(r))


@method(Range, "reverse_each")
def reverse_each(r: Range, block: Block = None) -> Any:
    if block is None:
        return enumerator(r, "reverse_each")
    values = to_a(r)[::-1]
    for value in values:
        block(value)
    return r


@method(Range, "step", "%")
def step(r: Range, by: Any = 1, block: Block = None) -> Any:
    values = step_values(r, by)
    if block is None:
        return enumerator(r, "step", by)
    for value in values:
        block(value)
    return r


def step_values(r: Range, by: Any) -> list[Any]:
    if not num.is_number(by):
        num.to_int_arg(by)
    if by == 0:
        raise ArgumentError("step can't be 0")
    if num.is_number(r.first) and num.is_number(r.last):
        if type(r.first) is float or type(r.last) is float or type(by) is float:
            return float_steps_in(float(r.first), float(r.last), float(by), r.exclusive)
        stop = r.last + (0 if r.exclusive else (1 if by > 0 else -1))
        return list(range(r.first, stop, by))
    if by < 0:
        raise ArgumentError("step can't be negative")
    return list(itertools.islice(range_elements(r), 0, None, by))


def float_steps_in(first: float, last: float, by: float, exclusive: bool) -> list[float]:
    values = float_steps(first, last, by)
    if exclusive and values and (values[-1] >= last if by > 0 else values[-1] <= last):
        return values[:-1]
    return values


@method(Range, "include?", "member?")
def include(r: Range, value: Any) -> bool:
    if type(r.first) is str and type(r.last) is str and type(value) is str:
        if len(r.first) == 1 and len(r.last) == 1 and len(value) == 1:
            return covers(r, value)
        return value in list(range_elements(r))
    return covers(r, value)


@method(Range, "===", "cover?")
def cover(r: Range, value: Any) -> bool:
    if type(value) is Range:
        return covers(r, value.first) and (
            covers(r, value.last) or (value.exclusive and value.last == r.last)
        )
    return covers(r, value)


@method(Range, "first")
def first(r: Range, *count: Any) -> Any:
    if not count:
        return r.first
    n = num.to_int_arg(count[0])
    if n < 0:
        raise ArgumentError("negative array size (or size too big)")
    return list(itertools.islice(range_elements(r), n))


@method(Range, "begin")
def begin(r: Range) -> Any:
    return r.first


@method(Range, "end")
def end(r: Range) -> Any:
    return r.last


@method(Range, "last")
def last(r: Range, *count: Any) -> Any:
    if not count:
        return r.last
    n = num.to_int_arg(count[0])
    if n < 0:
        raise ArgumentError("negative array size")
    values = to_a(r)
    return values[len(values) - n:] if n else []


@method(Range, "exclude_end?")
def exclude_end(r: Range) -> bool:
    return r.exclusive


@method(Range, "min")
def minimum(r: Range, *args: Any, block: Block = None) -> Any:
    if block is not None or args or not num.is_number(r.first):
        return send(to_a(r), "min", *args, block=block)
    c = send(r.first, "<=>", r.last)
    return None if c is None or c > 0 or (c == 0 and r.exclusive) else r.first


@method(Range, "max")
def maximum(r: Range, *args: Any, block: Block = None) -> Any:
    if block is not None or args or not num.is_number(r.last):
        return send(to_a(r), "max", *args, block=block)
    if r.exclusive and (type(r.last) is not int or type(r.first) is not int):
        raise TypeError_("cannot exclude non Integer end value")
    c = send(r.first, "<=>", r.last)
    if c is None or c > 0 or (c == 0 and r.exclusive):
        return None
    return r.last - 1 if r.exclusive else r.last


@method(Range, "size")
def size(r: Range) -> Any:
    if not num.is_number(r.first):
        if type(r.first) is str or r.first is None:
            return None
        raise TypeError_(f"can't iterate from {class_of(r.first).name}")
    if r.last is None:
        return math.inf
    if not num.is_number(r.last):
        return None
    span = math.floor(r.last - r.first)
    if r.exclusive and r.first + span == r.last:
        span -= 1
    return max(span + 1, 0)


@method(Range, "count")
def count(r: Range, *args: Any, block: Block = None) -> Any:
    if not args and block is None and type(r.first) is int and num.is_number(r.last):
        return size(r)
    return send(to_a(r), "count", *args, block=block)


@method(Range, "sum")
def total(r: Range, *args: Any, block: Block = None) -> Any:
    if not args and block is None and type(r.first) is int and type(r.last) is int:
        high = r.last - 1 if r.exclusive else r.last
        return (r.first + high) * (high - r.first + 1) // 2 if high >= r.first else 0
    return send(to_a(r), "sum", *args, block=block)


@method(Range, "inspect")
def inspect(r: Range) -> str:
    return range_text(r, "inspect")


@method(Range, "to_s")
def to_s(r: Range) -> str:
    return range_text(r, "to_s")


@method(Range, "==", "eql?")
def equal(r: Range, other: Any) -> bool:
    return r == other


@method(Range, "hash")
def hash_(r: Range) -> int:
    return hash(r)


@method(Range, "dup", "clone")
def dup(r: Range) -> Range:
    return Range(r.first, r.last, r.exclusive)


include_enumerable(Range, range_elements)
eql_by_fields(Range, "first", "last", "exclusive")
