"""`require 'set'`: Ruby's Set, a Hash of members (insertion-ordered, `eql?` keys).

Enumerable methods that Set does not redefine answer Arrays (`select`,
`map`), as in Ruby 3.1; `to_set` turns any Enumerable into a Set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ncg.errors import ArgumentError
from ncg.ruby.runtime.consts import CLASS_OF, ENUMERABLE, OBJECT, RClass
from ncg.ruby.runtime.core import method, no_method_error
from ncg.ruby.runtime.enumerable import (
    _protocol,
    each_yields,
    elements_of,
    eql_by_fields,
    eql_key,
    include_enumerable,
    pack,
    truthy,
)
from ncg.ruby.runtime.libraries import library_constant, library_method
from ncg.ruby.runtime.values import inspect

Block = Callable[..., Any] | None

SET = library_constant("Set", RClass("Set", OBJECT, (ENUMERABLE,)), "set")


class RSet:
    """A Ruby Set: members by their `eql?` key, in insertion order."""

    __slots__ = ("members",)

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self.members: dict[Any, Any] = {}
        for item in items:
            self.add(item)

    def add(self, item: Any) -> bool:
        key = eql_key(item)
        if key in self.members:
            return False
        self.members[key] = item
        return True

    def delete(self, item: Any) -> bool:
        return self.members.pop(eql_key(item), _ABSENT) is not _ABSENT

    def __contains__(self, item: Any) -> bool:
        return eql_key(item) in self.members

    def items(self) -> list[Any]:
        return list(self.members.values())

    @property
    def keys(self) -> frozenset[Any]:
        return frozenset(self.members)

    def __eq__(self, other: object) -> bool:  # a Set as a Hash key
        return type(other) is RSet and self.keys == other.keys

    def __hash__(self) -> int:
        return hash(self.keys)


_ABSENT = object()
CLASS_OF[RSet] = SET
eql_by_fields(RSet, "keys")
include_enumerable(RSet, RSet.items)


def enumerable_items(value: Any) -> list[Any]:
    """The members of an Enumerable argument (`set | [1, 2]`)."""
    if type(value) is RSet:
        return value.items()
    try:
        return elements_of(value)
    except Exception:
        raise ArgumentError("value must be enumerable") from None


@SET.smethod("new")
def set_new(cls: RClass, items: Any = None, block: Block = None) -> RSet:
    values = [] if items is None else enumerable_items(items)
    return RSet(values if block is None else (block(v) for v in values))


@SET.smethod("[]")
def set_of(cls: RClass, *items: Any) -> RSet:
    return RSet(items)


@library_method("set", None, "to_set")
def to_set(recv: Any, block: Block = None) -> RSet:
    try:
        _protocol(recv)
    except Exception:
        raise no_method_error(recv, "to_set") from None
    values = [pack(values) for values in each_yields(recv)]
    return RSet(values if block is None else (block(v) for v in values))


@method(RSet, "inspect", "to_s")
def set_inspect(s: RSet) -> str:
    return "#<Set: {" + ", ".join(inspect(item) for item in s.items()) + "}>"


@method(RSet, "each")
def set_each(s: RSet, block: Block = None) -> Any:
    if block is None:
        return s.items()
    for item in s.items():
        block(item)
    return s


@method(RSet, "size", "length")
def set_size(s: RSet) -> int:
    return len(s.members)


@method(RSet, "empty?")
def set_empty(s: RSet) -> bool:
    return not s.members


@method(RSet, "include?", "member?", "===", "contain?")
def set_include(s: RSet, item: Any) -> bool:
    return item in s


@method(RSet, "add", "<<")
def set_add(s: RSet, item: Any) -> RSet:
    s.add(item)
    return s


@method(RSet, "add?")
def set_add_p(s: RSet, item: Any) -> RSet | None:
    return s if s.add(item) else None


@method(RSet, "delete")
def set_delete(s: RSet, item: Any) -> RSet:
    s.delete(item)
    return s


@method(RSet, "delete?")
def set_delete_p(s: RSet, item: Any) -> RSet | None:
    return s if s.delete(item) else None


@method(RSet, "merge")
def set_merge(s: RSet, *others: Any) -> RSet:
    for other in others:
        for item in enumerable_items(other):
            s.add(item)
    return s


@method(RSet, "subtract")
def set_subtract(s: RSet, other: Any) -> RSet:
    for item in enumerable_items(other):
        s.delete(item)
    return s


@method(RSet, "clear")
def set_clear(s: RSet) -> RSet:
    s.members.clear()
    return s


@method(RSet, "replace")
def set_replace(s: RSet, other: Any) -> RSet:
    s.members.clear()
    return set_merge(s, other)


@method(RSet, "to_a")
def set_to_a(s: RSet) -> list[Any]:
    return s.items()


@method(RSet, "to_set")
def set_to_set(s: RSet) -> RSet:
    return s


@method(RSet, "dup", "clone")
def set_dup(s: RSet, *_options: Any) -> RSet:
    return RSet(s.items())


@method(RSet, "|", "union", "+")
def set_union(s: RSet, other: Any) -> RSet:
    return RSet([*s.items(), *enumerable_items(other)])


@method(RSet, "&", "intersection")
def set_intersection(s: RSet, other: Any) -> RSet:
    theirs = RSet(enumerable_items(other))
    return RSet(item for item in s.items() if item in theirs)


@method(RSet, "-", "difference")
def set_difference(s: RSet, other: Any) -> RSet:
    theirs = RSet(enumerable_items(other))
    return RSet(item for item in s.items() if item not in theirs)


@method(RSet, "^")
def set_exclusive(s: RSet, other: Any) -> RSet:
    result = RSet(enumerable_items(other))
    for item in s.items():
        if not result.delete(item):
            result.add(item)
    return result


def set_arg(value: Any) -> RSet:
    if type(value) is not RSet:
        raise ArgumentError("value must be a set")
    return value


@method(RSet, "==")
def set_equal(s: RSet, other: Any) -> bool:
    return type(other) is RSet and s.keys == other.keys


@method(RSet, "subset?", "<=")
def set_subset(s: RSet, other: Any) -> bool:
    return s.keys <= set_arg(other).keys


@method(RSet, "superset?", ">=")
def set_superset(s: RSet, other: Any) -> bool:
    return s.keys >= set_arg(other).keys


@method(RSet, "proper_subset?", "<")
def set_proper_subset(s: RSet, other: Any) -> bool:
    return s.keys < set_arg(other).keys


@method(RSet, "proper_superset?", ">")
def set_proper_superset(s: RSet, other: Any) -> bool:
    return s.keys > set_arg(other).keys


@method(RSet, "<=>")
def set_compare(s: RSet, other: Any) -> int | None:
    if type(other) is not RSet:
        return None
    if s.keys == other.keys:
        return 0
    if s.keys < other.keys:
        return -1
    return 1 if s.keys > other.keys else None


@method(RSet, "intersect?")
def set_intersect(s: RSet, other: Any) -> bool:
    return bool(s.keys & set_arg(other).keys)


@method(RSet, "disjoint?")
def set_disjoint(s: RSet, other: Any) -> bool:
    return not set_intersect(s, other)


def keep(s: RSet, block: Block, wanted: bool) -> bool:
    """Delete the members the block does not answer `wanted` for; did any go?"""
    before = len(s.members)
    s.members = {k: v for k, v in s.members.items() if truthy(block(v)) is wanted}
    return len(s.members) != before


@method(RSet, "delete_if")
def set_delete_if(s: RSet, block: Block = None) -> RSet:
    keep(s, block, False)
    return s


@method(RSet, "reject!")
def set_reject_bang(s: RSet, block: Block = None) -> RSet | None:
    return s if keep(s, block, False) else None


@method(RSet, "keep_if")
def set_keep_if(s: RSet, block: Block = None) -> RSet:
    keep(s, block, True)
    return s


@method(RSet, "select!", "filter!")
def set_select_bang(s: RSet, block: Block = None) -> RSet | None:
    return s if keep(s, block, True) else None


@method(RSet, "map!", "collect!")
def set_map_bang(s: RSet, block: Block = None) -> RSet:
    mapped = RSet(block(item) for item in s.items())
    s.members = mapped.members
    return s


@method(RSet, "classify")
def set_classify(s: RSet, block: Block = None) -> dict[Any, Any]:
    from ncg.ruby.runtime.enumerable import hash_key

    classes: dict[Any, Any] = {}
    for item in s.items():
        classes.setdefault(hash_key(block(item)), RSet()).add(item)
    return classes


@method(RSet, "join")
def set_join(s: RSet, separator: Any = None) -> Any:
    from ncg.ruby.runtime.core import send

    return send(s.items(), "join", *(() if separator is None else (separator,)))


@method(RSet, "flatten")
def set_flatten(s: RSet) -> RSet:
    flat = RSet()
    for item in s.items():
        for inner in (set_flatten(item).items() if type(item) is RSet else (item,)):
            flat.add(inner)
    return flat


@method(RSet, "freeze")
def set_freeze(s: RSet) -> RSet:
    return s
