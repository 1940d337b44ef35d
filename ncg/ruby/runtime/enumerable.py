"""Ruby's Enumerable, written once over an "each" protocol.

A class takes part with `include_enumerable(py_type, elements, spread)`:
`elements(recv)` gives its elements in order, each as the one value Ruby
packs it into (an Array's items, a Hash's `[k, v]` pairs). `spread` says
whether `each` yields a packed element as several values (a Dictionary's
`yield k, v`): Ruby passes those through to the blocks of some methods
(`map`, `any?`, `count`…) and packs them for others (`find`, `sort_by`,
`inject`…), and a one-parameter block sees the difference.

Without a block, iterator methods return their elements as an Array, which
serves the usual Enumerator chains (`each_with_index.map`, `each_slice(2).to_a`).

Also here: the argument conversions (`to_int`, `to_str`) and comparisons
(`compare`, sorting) that String, Array and Hash share.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Iterable
from typing import Any

from ncg.errors import ArgumentError, TypeError_
from ncg.ruby.runtime.core import METHODS, find_method, method, send
from ncg.ruby.runtime.symbol import Symbol

Block = Callable[..., Any] | None
Elements = Callable[[Any], Iterable[Any]]


# --- conversions and comparisons ---------------------------------------------

def class_name(value: Any) -> str:
    from ncg.ruby.runtime.consts import class_of

    return class_of(value).name


def implicit_conversion_error(value: Any, target: str) -> TypeError_:
    """Ruby's `no implicit conversion of Integer into String` (nil, true, false by name)."""
    if value is None or isinstance(value, bool):
        shown = "nil" if value is None else str(value).lower()
    else:
        shown = class_name(value)
    return TypeError_(f"no implicit conversion of {shown} into {target}")


def to_str(value: Any) -> str:
    """An argument that must be a String (Ruby's implicit `to_str`)."""
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str(value)
    raise implicit_conversion_error(value, "String")


def to_int(value: Any) -> int:
    """An argument that must be an Integer (Ruby's implicit `to_int`: floats truncate)."""
    if type(value) is int:
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            from ncg.errors import FloatDomainError

            raise FloatDomainError(send(value, "to_s"))
        return int(value)
    if value is None:
        raise TypeError_("no implicit conversion from nil to integer")
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise implicit_conversion_error(value, "Integer")


def is_range(value: Any) -> bool:
    """Whether `value` is a Ruby Range (imported late: range.py imports this module)."""
    return type(value) is _range_class()


@functools.cache
def _range_class() -> type:
    from ncg.ruby.runtime.range import Range

    return Range


def range_bounds(rng: Any, length: int) -> tuple[int, int] | None:
    """Ruby's rb_range_beg_len: (start, count) of a Range over `length` items, or None."""
    first = 0 if rng.first is None else to_int(rng.first)
    last = -1 if rng.last is None else to_int(rng.last)
    exclusive = rng.exclusive and rng.last is not None
    if first < 0:
        first += length
        if first < 0:
            return None
    if first > length:
        return None
    if last < 0:
        last += length
    if not exclusive:
        last += 1
    last = min(last, length)
    return first, max(last - first, 0)


class ArrayKey(list):  # type: ignore[type-arg]
    """An Array used as a Hash key: Python lists are unhashable, Ruby Arrays hash by content."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(eql_key(self))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, list) and eql_key(self) == eql_key(other)

    def __ne__(self, other: object) -> bool:
        return not self == other


class ScalarKey:
    """A true, false or Float Hash key, kept apart from Integer keys.

    Python's `True == 1 == 1.0` (with equal hashes) would merge `{1 => a}`,
    `{true => b}` and `{1.0 => c}`; Ruby's Hash compares keys with `eql?`,
    which tells them apart. Such keys are stored wrapped and unwrapped by
    `ruby_key` wherever a Hash hands its keys out.
    """

    __slots__ = ("value",)

    def __init__(self, value: bool | float) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return (type(other) is ScalarKey and type(other.value) is type(self.value)
                and other.value == self.value)

    def __hash__(self) -> int:
        return hash((type(self.value), self.value))

    def __repr__(self) -> str:
        return f"ScalarKey({self.value!r})"


def hash_key(key: Any) -> Any:
    """`key` as a dict key with Ruby's `eql?`: Arrays hash by content, and
    true, false and Floats never meet equal Integers."""
    kind = type(key)
    if kind is bool or kind is float:
        return ScalarKey(key)
    if kind is list:
        return ArrayKey(key)
    return key


def ruby_key(key: Any) -> Any:
    """The Ruby value of a stored dict key (see `hash_key`)."""
    return key.value if type(key) is ScalarKey else key


def ruby_items(h: dict[Any, Any]) -> list[tuple[Any, Any]]:
    """A Hash's pairs with their keys as Ruby values (a copy: blocks may change `h`)."""
    return [(key.value if type(key) is ScalarKey else key, value) for key, value in h.items()]


def compare_error(a: Any, b: Any) -> ArgumentError:
    from ncg.ruby.runtime.object import compare_error as ruby_compare_error

    return ruby_compare_error(a, b)


def compare(a: Any, b: Any) -> int:
    """`a <=> b` as -1/0/1; ArgumentError when they do not compare (as sort, min, max)."""
    ta, tb = type(a), type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return (a > b) - (a < b)
    if ta is str and tb is str:
        return (a > b) - (a < b)
    spaceship = find_method(a, "<=>")
    result = None if spaceship is None else spaceship(a, b)
    if result is None:
        raise compare_error(a, b)
    if type(result) is not int:
        result = send(result, "<=>", 0)
    return (result > 0) - (result < 0)


def block_compare(block: Callable[..., Any], a: Any, b: Any) -> int:
    """The result of a sort block (`{ |a, b| b <=> a }`) as -1/0/1."""
    result = block(a, b)
    if result is None:
        raise compare_error(a, b)
    if type(result) is not int:
        result = compare(result, 0)
    return (result > 0) - (result < 0)


def _natively_ordered(values: list[Any]) -> bool:
    """Whether Python's own order is Ruby's `<=>` for all of `values`."""
    if not values:
        return True
    first = type(values[0])
    if first is str:
        return all(type(v) is str for v in values)
    if first is int or first is float:
        return all((type(v) is int or type(v) is float) and v == v for v in values)
    return False


class _Ordered:
    """A sort key comparing by a Ruby comparison, earlier element first.

    Python's sort asks `later < earlier`; MRI's merge sort compares
    (earlier, later), and which pair is compared first decides the message
    of a failed comparison (`comparison of Integer with String failed`).
    """

    __slots__ = ("value", "cmp")

    def __init__(self, value: Any, cmp: Callable[[Any, Any], int]) -> None:
        self.value = value
        self.cmp = cmp

    def __lt__(self, other: _Ordered) -> bool:
        return self.cmp(other.value, self.value) > 0


def sort_values(values: list[Any], block: Block = None) -> list[Any]:
    """Ruby's sort (stable, as MRI's on glibc): by `<=>` or a comparison block."""
    if block is not None:
        def by_block(a: Any, b: Any) -> int:
            return block_compare(block, a, b)

        return sorted(values, key=lambda v: _Ordered(v, by_block))
    if _natively_ordered(values):
        return sorted(values)
    return sorted(values, key=lambda v: _Ordered(v, compare))


def sort_by_keys(values: list[Any], keys: list[Any]) -> list[Any]:
    """`values` ordered by their `keys` (Ruby's sort_by)."""
    order = range(len(values))
    if _natively_ordered(keys):
        ranked = sorted(order, key=keys.__getitem__)
    else:
        ranked = sorted(order, key=lambda i: _Ordered(keys[i], compare))
    return [values[i] for i in ranked]


def extreme(values: list[Any], sign: int, block: Block, best_first: bool = False) -> Any:
    """The min (sign -1) or max (sign 1) of `values`: the first of equals wins.

    A block gets (new, best). Without one, Enumerable compares new <=> best
    and Array best <=> new, which shows in a failed comparison's message.
    """
    if not values:
        return None
    best = values[0]
    for value in values[1:]:
        if block is not None:
            order = block_compare(block, value, best)
        else:
            order = -compare(best, value) if best_first else compare(value, best)
        if order == sign:
            best = value
    return best


def _extreme_by(values: list[Any], keys: list[Any], sign: int) -> Any:
    if not values:
        return None
    best = 0
    for i in range(1, len(values)):
        if compare(keys[i], keys[best]) == sign:
            best = i
    return values[best]


# --- the each protocol ------------------------------------------------------------

Yields = Callable[[Any], Iterable[tuple[Any, ...]]]
_PROTOCOLS: dict[type, tuple[Elements, Yields]] = {}


def include_enumerable(py_type: type, elements: Elements, spread: bool = False,
                       yields: Yields | None = None) -> None:
    """Give `py_type` every Enumerable method it does not define itself.

    `elements(recv)` gives the packed elements; what `each` yields for each is
    that one value, or with `spread` the element's items as separate values,
    or whatever `yields(recv)` gives.
    """
    if yields is None:
        yields = (lambda recv: map(tuple, elements(recv))) if spread else \
            (lambda recv: ((element,) for element in elements(recv)))
    _PROTOCOLS[py_type] = (elements, yields)
    table = METHODS.setdefault(py_type, {})
    for name, fn in ENUMERABLE_METHODS.items():
        table.setdefault(name, fn)


def _protocol(recv: Any) -> tuple[Elements, Yields]:
    found = _PROTOCOLS.get(type(recv))
    if found is not None:
        return found
    for base in type(recv).__mro__[1:]:
        found = _PROTOCOLS.get(base)
        if found is not None:
            return found
    raise TypeError_(f"{class_name(recv)} is not Enumerable")


def elements_of(recv: Any) -> list[Any]:
    """The packed elements of any Enumerable (Array: itself)."""
    if type(recv) is list:
        return recv
    return list(_protocol(recv)[0](recv))


def each_yields(recv: Any) -> Iterable[tuple[Any, ...]]:
    """The values `each` yields, element by element (what map, any?, count… pass on)."""
    if type(recv) is list:
        return ((x,) for x in recv)
    return _protocol(recv)[1](recv)


def pack(values: tuple[Any, ...]) -> Any:
    """Several yielded values as the one element Ruby packs them into."""
    return values[0] if len(values) == 1 else list(values)


def truthy(value: Any) -> bool:
    return value is not None and value is not False


def need_block(block: Block) -> None:
    """Ruby's error for a method that yields but was given no block."""
    if block is None:
        from ncg.errors import LocalJumpError

        raise LocalJumpError("no block given (yield)")


def _predicate(pattern: Any, block: Block) -> Callable[[tuple[Any, ...]], bool]:
    """The test of any?/all?/none?/one?/count on yielded values: a pattern, the block, or truth."""
    if pattern is not NO_ARG:
        return lambda values: truthy(send(pattern, "===", pack(values)))
    if block is None:
        return lambda values: truthy(pack(values))
    return lambda values: truthy(block(*values))


NO_ARG = object()  # "no argument given", where nil is a meaningful argument


class Enumerator:
    """What an iterator method returns without a block: `a.each_slice(2)`, `a.map`.

    It remembers the call; iterating it makes the call with a block, so
    `map.with_index { }` maps and `select.with_index { }` selects.
    """

    __slots__ = ("recv", "meth", "args")

    def __init__(self, recv: Any, meth: str, args: tuple[Any, ...] = ()) -> None:
        self.recv = recv
        self.meth = meth
        self.args = args

    def run(self, block: Callable[..., Any]) -> Any:
        return send(self.recv, self.meth, *self.args, block=block)

    def yields(self) -> list[tuple[Any, ...]]:
        collected: list[tuple[Any, ...]] = []

        def collect(*values: Any) -> None:
            collected.append(values)

        self.run(collect)
        return collected


def enumerator(recv: Any, meth: str, *args: Any) -> Enumerator:
    return Enumerator(recv, meth, args)


# --- the methods ------------------------------------------------------------------------

def enum_to_a(recv: Any, *, block: Block = None) -> list[Any]:
    return list(elements_of(recv))


def enum_each_entry(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "each_entry")
    for element in elements_of(recv):
        block(element)
    return recv


def enum_map(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "map")
    return [block(*values) for values in each_yields(recv)]


def enum_flat_map(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "flat_map")
    out: list[Any] = []
    for values in each_yields(recv):
        result = block(*values)
        if isinstance(result, list):
            out.extend(result)
        else:
            out.append(result)
    return out


def enum_filter_map(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "filter_map")
    return [r for r in (block(*values) for values in each_yields(recv)) if truthy(r)]


def enum_select(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "select")
    return [element for element in elements_of(recv) if truthy(block(element))]


def enum_reject(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "reject")
    return [element for element in elements_of(recv) if not truthy(block(element))]


def _grep(recv: Any, pattern: Any, block: Block, keep_when: bool) -> list[Any]:
    chosen = [element for element in elements_of(recv)
              if truthy(send(pattern, "===", element)) == keep_when]
    return chosen if block is None else [block(element) for element in chosen]


def enum_grep(recv: Any, pattern: Any, *, block: Block = None) -> list[Any]:
    return _grep(recv, pattern, block, True)


def enum_grep_v(recv: Any, pattern: Any, *, block: Block = None) -> list[Any]:
    return _grep(recv, pattern, block, False)


def enum_partition(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "partition")
    selected: list[Any] = []
    rejected: list[Any] = []
    for element in elements_of(recv):
        (selected if truthy(block(element)) else rejected).append(element)
    return [selected, rejected]


def enum_find(recv: Any, if_none: Any = None, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "find")
    for element in elements_of(recv):
        if truthy(block(element)):
            return element
    return None if if_none is None else send(if_none, "call")


def enum_find_index(recv: Any, value: Any = NO_ARG, *, block: Block = None) -> Any:
    if value is NO_ARG and block is None:
        return enumerator(recv, "find_index")
    test = _predicate(NO_ARG, block) if value is NO_ARG else (
        lambda values: truthy(send(pack(values), "==", value)))
    for i, values in enumerate(each_yields(recv)):
        if test(values):
            return i
    return None


def enum_any(recv: Any, pattern: Any = NO_ARG, *, block: Block = None) -> bool:
    test = _predicate(pattern, block)
    return any(test(values) for values in each_yields(recv))


def enum_all(recv: Any, pattern: Any = NO_ARG, *, block: Block = None) -> bool:
    test = _predicate(pattern, block)
    return all(test(values) for values in each_yields(recv))


def enum_none(recv: Any, pattern: Any = NO_ARG, *, block: Block = None) -> bool:
    test = _predicate(pattern, block)
    return not any(test(values) for values in each_yields(recv))


def enum_one(recv: Any, pattern: Any = NO_ARG, *, block: Block = None) -> bool:
    test = _predicate(pattern, block)
    found = 0
    for values in each_yields(recv):
        if test(values):
            found += 1
            if found > 1:
                return False
    return found == 1


def enum_count(recv: Any, value: Any = NO_ARG, *, block: Block = None) -> int:
    if value is not NO_ARG:
        return sum(1 for element in elements_of(recv) if truthy(send(element, "==", value)))
    if block is None:
        return len(elements_of(recv))
    test = _predicate(NO_ARG, block)
    return sum(1 for values in each_yields(recv) if test(values))


def enum_include(recv: Any, value: Any) -> bool:
    return any(truthy(send(element, "==", value)) for element in elements_of(recv))


def enum_first(recv: Any, count: Any = NO_ARG) -> Any:
    values = elements_of(recv)
    if count is NO_ARG:
        return values[0] if values else None
    n = to_int(count)
    if n < 0:
        raise ArgumentError("attempt to take negative size")
    return list(values[:n])


def enum_take_while(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "take_while")
    out: list[Any] = []
    for values in each_yields(recv):
        if not truthy(block(*values)):
            break
        out.append(pack(values))
    return out


def enum_drop_while(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "drop_while")
    values = elements_of(recv)
    for i, element in enumerate(values):
        if not truthy(block(element)):
            return list(values[i:])
    return []


def enum_take(recv: Any, count: Any) -> list[Any]:
    n = to_int(count)
    if n < 0:
        raise ArgumentError("attempt to take negative size")
    return list(elements_of(recv)[:n])


def enum_drop(recv: Any, count: Any) -> list[Any]:
    n = to_int(count)
    if n < 0:
        raise ArgumentError("attempt to drop negative size")
    return list(elements_of(recv)[n:])


def enum_sort(recv: Any, *, block: Block = None) -> list[Any]:
    return sort_values(list(elements_of(recv)), block)


def enum_sort_by(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "sort_by")
    values = list(elements_of(recv))
    return sort_by_keys(values, [block(value) for value in values])


def _min_max(recv: Any, sign: int, count: Any, block: Block) -> Any:
    values = elements_of(recv)
    if count is None:
        return extreme(values, sign, block)
    ordered = sort_values(list(values), block)
    if sign > 0:
        ordered.reverse()
    return ordered[:to_int(count)]


def enum_min(recv: Any, count: Any = None, *, block: Block = None) -> Any:
    return _min_max(recv, -1, count, block)


def enum_max(recv: Any, count: Any = None, *, block: Block = None) -> Any:
    return _min_max(recv, 1, count, block)


def enum_minmax(recv: Any, *, block: Block = None) -> list[Any]:
    values = elements_of(recv)
    return [extreme(values, -1, block), extreme(values, 1, block)]


def _by(recv: Any, sign: int, count: Any, block: Block) -> Any:
    if block is None:
        return enumerator(recv, "max_by" if sign > 0 else "min_by", *(
            () if count is None else (count,)))
    values = list(elements_of(recv))
    keys = [block(value) for value in values]
    if count is None:
        return _extreme_by(values, keys, sign)
    ordered = sort_by_keys(values, keys)
    if sign > 0:
        ordered.reverse()
    return ordered[:to_int(count)]


def enum_min_by(recv: Any, count: Any = None, *, block: Block = None) -> Any:
    return _by(recv, -1, count, block)


def enum_max_by(recv: Any, count: Any = None, *, block: Block = None) -> Any:
    return _by(recv, 1, count, block)


def enum_minmax_by(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "minmax_by")
    values = list(elements_of(recv))
    keys = [block(value) for value in values]
    return [_extreme_by(values, keys, -1), _extreme_by(values, keys, 1)]


def enum_group_by(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "group_by")
    groups: dict[Any, list[Any]] = {}
    for element in elements_of(recv):
        groups.setdefault(hash_key(block(element)), []).append(element)
    return groups


def enum_tally(recv: Any) -> dict[Any, int]:
    counts: dict[Any, int] = {}
    for element in elements_of(recv):
        key = hash_key(element)
        counts[key] = counts.get(key, 0) + 1
    return counts


def enum_uniq(recv: Any, *, block: Block = None) -> list[Any]:
    seen: set[Any] = set()
    out: list[Any] = []
    for values in each_yields(recv):
        element = pack(values)
        key = eql_key(element if block is None else block(*values))
        if key not in seen:
            seen.add(key)
            out.append(element)
    return out


_VALUE_TYPES = (str, int, float, bool, type(None), Symbol, frozenset)


def eql_key(value: Any) -> Any:
    """A Python key that is equal for values Ruby's `eql?` (Hash equality) finds equal.

    Unlike `==`, eql? tells 1 from 1.0; Arrays and Hashes compare by content,
    other objects (Nodes) by identity.
    """
    kind = type(value)
    if kind in _VALUE_TYPES:
        return (kind, value)
    if isinstance(value, list):
        return (list, tuple(eql_key(x) for x in value))
    if isinstance(value, dict):
        return (dict, frozenset((eql_key(k), eql_key(v)) for k, v in ruby_items(value)))
    parts = _VALUE_PARTS.get(kind)
    if parts is not None:  # value objects: equal when their parts are eql?
        return (kind, tuple(eql_key(getattr(value, name)) for name in parts))
    return (kind, id(value))


# the fields that make two value objects eql? (IPAddr, Range, Time): filled
# in by the modules that define those classes
_VALUE_PARTS: dict[type, tuple[str, ...]] = {}


def eql_by_fields(py_type: type, *fields: str) -> None:
    """Make `eql?`, `uniq` and Hash keys see two `py_type`s with equal fields as one."""
    _VALUE_PARTS[py_type] = fields


def eql(a: Any, b: Any) -> bool:
    """Ruby `eql?` (Hash key equality): no Integer/Float mixing."""
    return eql_key(a) == eql_key(b)


def enum_each_with_index(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "each_with_index")
    for i, element in enumerate(elements_of(recv)):
        block(element, i)
    return recv


def enum_each_with_object(recv: Any, memo: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "each_with_object", memo)
    for element in elements_of(recv):
        block(element, memo)
    return memo


def enum_each_slice(recv: Any, size: Any, *, block: Block = None) -> Any:
    n = to_int(size)
    if n <= 0:
        raise ArgumentError("invalid slice size")
    if block is None:
        return enumerator(recv, "each_slice", size)
    values = elements_of(recv)
    slices = [list(values[i:i + n]) for i in range(0, len(values), n)]
    for piece in slices:
        block(piece)
    return recv


def enum_each_cons(recv: Any, size: Any, *, block: Block = None) -> Any:
    n = to_int(size)
    if n <= 0:
        raise ArgumentError("invalid size")
    if block is None:
        return enumerator(recv, "each_cons", size)
    values = elements_of(recv)
    windows = [list(values[i:i + n]) for i in range(len(values) - n + 1)]
    for window in windows:
        block(window)
    return recv


def enum_reverse_each(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "reverse_each")
    values = list(elements_of(recv))[::-1]
    for value in values:
        block(value)
    return recv


def enum_inject(recv: Any, *args: Any, block: Block = None) -> Any:
    values = list(elements_of(recv))
    operator: str | None = None
    if len(args) == 2:
        memo, operator = args[0], _operator_name(args[1])
    elif len(args) == 1 and block is None:
        operator = _operator_name(args[0])
        if not values:
            return None
        memo, values = values[0], values[1:]
    elif len(args) == 1:
        memo = args[0]
    elif not args:
        if not values:
            return None
        memo, values = values[0], values[1:]
    else:
        raise ArgumentError(f"wrong number of arguments (given {len(args)}, expected 0..2)")
    for value in values:
        memo = send(memo, operator, value) if operator is not None else block(memo, value)
    return memo


def _operator_name(value: Any) -> str:
    if type(value) is Symbol:
        return value.name
    if type(value) is str:
        return value
    raise TypeError_(f"{send(value, 'inspect')} is not a symbol nor a string")


def sum_values(values: Iterable[Any], init: Any = 0) -> Any:
    """Enumerable#sum: `+` in order, Kahan-Babuska compensated once a Float meets a number."""
    total = init
    iterator = iter(values)
    for value in iterator:
        if type(total) is int and type(value) is int:
            total += value
        elif type(total) in (int, float) and type(value) in (int, float):
            return float_sum(float(total), itertools.chain((value,), iterator))
        else:
            total = send(total, "+", value)
    return total


def float_sum(total: float, values: Iterable[Any]) -> Any:
    """Add `values` to `total` as MRI does once it is summing Floats.

    Numbers are added with Kahan-Babuska compensation; the first non-number
    ends that (dropping the compensation, as MRI does) and plain `+` goes on.
    """
    compensation = 0.0
    iterator = iter(values)
    for value in iterator:
        if type(value) not in (int, float):
            result = send(total, "+", value)
            for rest in iterator:
                result = send(result, "+", rest)
            return result
        x = float(value)
        if math.isnan(total):
            continue
        if math.isnan(x) or math.isinf(x):
            total = math.nan if math.isinf(total) and math.isinf(x) and (x > 0) != (total > 0) \
                else x
        elif not math.isinf(total):
            t = total + x
            if abs(total) >= abs(x):
                compensation += (total - t) + x
            else:
                compensation += (x - t) + total
            total = t
    return total + compensation


def enum_sum(recv: Any, init: Any = 0, *, block: Block = None) -> Any:
    values = elements_of(recv)
    if block is not None:
        values = [block(value) for value in values]
    return sum_values(values, init)


def enum_zip(recv: Any, *others: Any, block: Block = None) -> Any:
    values = elements_of(recv)
    columns = [elements_of(other) for other in others]
    rows = [[value, *(column[i] if i < len(column) else None for column in columns)]
            for i, value in enumerate(values)]
    if block is None:
        return rows
    for row in rows:
        block(row)
    return None


def enum_to_h(recv: Any, *, block: Block = None) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for values in each_yields(recv):
        pair = block(*values) if block is not None else pack(values)
        if not isinstance(pair, list):
            raise TypeError_(f"wrong element type {class_name(pair)} (expected array)")
        if len(pair) != 2:
            raise ArgumentError(f"element has wrong array length (expected 2, was {len(pair)})")
        result[hash_key(pair[0])] = pair[1]
    return result


def enum_chunk_while(recv: Any, *, block: Block = None) -> list[Any]:
    return _slices(recv, block, split_when=False)


def enum_slice_when(recv: Any, *, block: Block = None) -> list[Any]:
    return _slices(recv, block, split_when=True)


def _slices(recv: Any, block: Block, split_when: bool) -> list[Any]:
    values = elements_of(recv)
    if not values or block is None:
        return []
    out = [[values[0]]]
    for before, after in zip(values, values[1:], strict=False):
        if truthy(block(before, after)) == split_when:
            out.append([after])
        else:
            out[-1].append(after)
    return out


def enum_cycle(recv: Any, count: Any = None, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(recv, "cycle", *(() if count is None else (count,)))
    values = list(elements_of(recv))
    if count is None:
        while values:  # until the block breaks out, as in Ruby
            for value in values:
                block(value)
        return None
    for value in values * max(to_int(count), 0):
        block(value)
    return None


def enum_lazy(recv: Any, *, block: Block = None) -> Any:
    """Enumerable#lazy: a generator pipeline (lazy.py)."""
    from ncg.ruby.runtime.lazy import Lazy

    return Lazy(recv)


ENUMERABLE_METHODS: dict[str, Callable[..., Any]] = {
    "to_a": enum_to_a, "entries": enum_to_a, "each_entry": enum_each_entry,
    "map": enum_map, "collect": enum_map,
    "flat_map": enum_flat_map, "collect_concat": enum_flat_map,
    "filter_map": enum_filter_map, "select": enum_select, "filter": enum_select,
    "find_all": enum_select, "reject": enum_reject, "partition": enum_partition,
    "grep": enum_grep, "grep_v": enum_grep_v,
    "find": enum_find, "detect": enum_find, "find_index": enum_find_index,
    "any?": enum_any, "all?": enum_all, "none?": enum_none, "one?": enum_one,
    "count": enum_count, "include?": enum_include, "member?": enum_include,
    "first": enum_first, "take": enum_take, "drop": enum_drop,
    "take_while": enum_take_while, "drop_while": enum_drop_while,
    "sort": enum_sort, "sort_by": enum_sort_by, "min": enum_min, "max": enum_max,
    "minmax": enum_minmax, "minmax_by": enum_minmax_by,
    "min_by": enum_min_by, "max_by": enum_max_by,
    "group_by": enum_group_by, "tally": enum_tally, "uniq": enum_uniq,
    "each_with_index": enum_each_with_index, "each_with_object": enum_each_with_object,
    "each_slice": enum_each_slice, "each_cons": enum_each_cons, "reverse_each": enum_reverse_each,
    "inject": enum_inject, "reduce": enum_inject, "sum": enum_sum, "zip": enum_zip,
    "to_h": enum_to_h, "chunk_while": enum_chunk_while, "slice_when": enum_slice_when,
    "cycle": enum_cycle, "lazy": enum_lazy,
}


# --- Enumerator's own methods ----------------------------------------------------------

class _Enough(Exception):
    """Stops the call behind an Enumerator once `first(n)` has its elements."""


def _first_yields(e: Enumerator, count: int) -> list[tuple[Any, ...]]:
    collected: list[tuple[Any, ...]] = []
    if count <= 0:
        return collected

    def collect(*values: Any) -> None:
        collected.append(values)
        if len(collected) >= count:
            raise _Enough

    try:
        e.run(collect)
    except _Enough:
        pass
    return collected


@method(Enumerator, "each")
def _enumerator_each(e: Enumerator, *, block: Block = None) -> Any:
    return e if block is None else e.run(block)


@method(Enumerator, "with_index", "each_with_index")
def _with_index(e: Enumerator, offset: Any = NO_ARG, *, block: Block = None) -> Any:
    """Yields each element with its index (from `offset`) to the call behind `e`."""
    if block is None:
        return enumerator(e, "with_index", *(() if offset is NO_ARG else (offset,)))
    index = 0 if offset is NO_ARG or offset is None else to_int(offset)

    def with_index(*values: Any) -> Any:
        nonlocal index
        result = block(pack(values), index)
        index += 1
        return result

    return e.run(with_index)


@method(Enumerator, "with_object")
def _with_object(e: Enumerator, memo: Any, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(e, "with_object", memo)
    e.run(lambda *values: block(pack(values), memo))
    return memo


@method(Enumerator, "first")
def _enumerator_first(e: Enumerator, count: Any = NO_ARG) -> Any:
    if count is NO_ARG:
        found = _first_yields(e, 1)
        return pack(found[0]) if found else None
    n = to_int(count)
    if n < 0:
        raise ArgumentError("attempt to take negative size")
    return [pack(values) for values in _first_yields(e, n)]


@method(Enumerator, "take")
def _enumerator_take(e: Enumerator, count: Any) -> list[Any]:
    return _enumerator_first(e, count)


@method(Enumerator, "size")
def _enumerator_size(e: Enumerator) -> int:
    return len(e.yields())


@method(Enumerator, "inspect", "to_s")
def _enumerator_inspect(e: Enumerator) -> str:
    args = "(" + ", ".join(send(a, "inspect") for a in e.args) + ")" if e.args else ""
    return f"#<Enumerator: {send(e.recv, 'inspect')}:{e.meth}{args}>"


include_enumerable(Enumerator, lambda e: [pack(values) for values in e.yields()],
                   yields=lambda e: e.yields())

