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

import math
from collections.abc import Callable, Iterable
from typing import Any

from ncg.errors import ArgumentError, TypeError_
from ncg.template.ruby.core import METHODS, send
from ncg.template.ruby.symbol import Symbol

Block = Callable[..., Any] | None
Elements = Callable[[Any], Iterable[Any]]


# --- conversions and comparisons ---------------------------------------------

def class_name(value: Any) -> str:
    from ncg.template.ruby.consts import class_of

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
    """Whether `value` is a Ruby Range (its module imports this one)."""
    from ncg.template.ruby.range import Range

    return type(value) is Range


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
        return hash(tuple(self))


def hash_key(key: Any) -> Any:
    """`key` as a dict key: Arrays (also nested ones) become hashable ArrayKeys."""
    if isinstance(key, list) and type(key) is not ArrayKey:
        return ArrayKey(hash_key(x) for x in key)
    return key


def compare_error(a: Any, b: Any) -> ArgumentError:
    from ncg.template.ruby.object import compare_error as ruby_compare_error

    return ruby_compare_error(a, b)


def compare(a: Any, b: Any) -> int:
    """`a <=> b` as -1/0/1; ArgumentError when they do not compare (as sort, min, max)."""
    ta, tb = type(a), type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return (a > b) - (a < b)
    if ta is str and tb is str:
        return (a > b) - (a < b)
    result = send(a, "<=>", b)
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


def _extreme(values: list[Any], sign: int, block: Block) -> Any:
    """The min (sign -1) or max (sign 1) of `values`: the first of equals wins."""
    if not values:
        return None
    best = values[0]
    for value in values[1:]:
        # MRI hands a block (new, best) but compares plainly as best <=> new.
        order = block_compare(block, value, best) if block is not None else -compare(best, value)
        if order == sign:
            best = value
    return best


def _extreme_by(values: list[Any], keys: list[Any], sign: int) -> Any:
    if not values:
        return None
    best = 0
    for i in range(1, len(values)):
        if -compare(keys[best], keys[i]) == sign:
            best = i
    return values[best]


# --- the each protocol ------------------------------------------------------------

_PROTOCOLS: dict[type, tuple[Elements, bool]] = {}


def include_enumerable(py_type: type, elements: Elements, spread: bool = False) -> None:
    """Give `py_type` every Enumerable method it does not define itself."""
    _PROTOCOLS[py_type] = (elements, spread)
    table = METHODS.setdefault(py_type, {})
    for name, fn in ENUMERABLE_METHODS.items():
        table.setdefault(name, fn)


def _protocol(recv: Any) -> tuple[Elements, bool]:
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


def _caller(recv: Any) -> Callable[[Callable[..., Any], Any], Any]:
    """How to hand one element to a block for the pass-through methods."""
    return _spread_call if _protocol(recv)[1] else _packed_call


def _packed_call(block: Callable[..., Any], element: Any) -> Any:
    return block(element)


def _spread_call(block: Callable[..., Any], element: Any) -> Any:
    return block(*element)


def truthy(value: Any) -> bool:
    return value is not None and value is not False


def need_block(block: Block) -> None:
    """Ruby's error for a method that yields but was given no block."""
    if block is None:
        from ncg.errors import LocalJumpError

        raise LocalJumpError("no block given (yield)")


def _predicate(recv: Any, pattern: Any, block: Block) -> Callable[[Any], bool]:
    """The test of any?/all?/none?/one?/count: a pattern (===), the block, or truth."""
    if pattern is not NO_ARG:
        return lambda element: truthy(send(pattern, "===", element))
    if block is None:
        return truthy
    call = _caller(recv)
    return lambda element: truthy(call(block, element))


NO_ARG = object()  # "no argument given", where nil is a meaningful argument


# --- the methods ------------------------------------------------------------------------

def enum_to_a(recv: Any, *, block: Block = None) -> list[Any]:
    return list(elements_of(recv))


def enum_each_entry(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enum_to_a(recv)
    for element in elements_of(recv):
        block(element)
    return recv


def enum_map(recv: Any, *, block: Block = None) -> list[Any]:
    if block is None:
        return enum_to_a(recv)
    call = _caller(recv)
    return [call(block, element) for element in elements_of(recv)]


def enum_flat_map(recv: Any, *, block: Block = None) -> list[Any]:
    if block is None:
        return enum_to_a(recv)
    call = _caller(recv)
    out: list[Any] = []
    for element in elements_of(recv):
        result = call(block, element)
        if isinstance(result, list):
            out.extend(result)
        else:
            out.append(result)
    return out


def enum_filter_map(recv: Any, *, block: Block = None) -> list[Any]:
    if block is None:
        return enum_to_a(recv)
    call = _caller(recv)
    return [r for r in (call(block, element) for element in elements_of(recv)) if truthy(r)]


def enum_select(recv: Any, *, block: Block = None) -> list[Any]:
    if block is None:
        return enum_to_a(recv)
    return [element for element in elements_of(recv) if truthy(block(element))]


def enum_reject(recv: Any, *, block: Block = None) -> list[Any]:
    if block is None:
        return enum_to_a(recv)
    return [element for element in elements_of(recv) if not truthy(block(element))]


def enum_partition(recv: Any, *, block: Block = None) -> list[Any]:
    if block is None:
        return enum_to_a(recv)
    selected: list[Any] = []
    rejected: list[Any] = []
    for element in elements_of(recv):
        (selected if truthy(block(element)) else rejected).append(element)
    return [selected, rejected]


def enum_find(recv: Any, if_none: Any = None, *, block: Block = None) -> Any:
    if block is None:
        return enum_to_a(recv)
    for element in elements_of(recv):
        if truthy(block(element)):
            return element
    return None if if_none is None else send(if_none, "call")


def enum_find_index(recv: Any, value: Any = NO_ARG, *, block: Block = None) -> Any:
    if value is NO_ARG and block is None:
        return enum_to_a(recv)
    test = _predicate(recv, NO_ARG, block) if value is NO_ARG else (
        lambda element: truthy(send(element, "==", value)))
    for i, element in enumerate(elements_of(recv)):
        if test(element):
            return i
    return None


def enum_any(recv: Any, pattern: Any = NO_ARG, *, block: Block = None) -> bool:
    test = _predicate(recv, pattern, block)
    return any(test(element) for element in elements_of(recv))


def enum_all(recv: Any, pattern: Any = NO_ARG, *, block: Block = None) -> bool:
    test = _predicate(recv, pattern, block)
    return all(test(element) for element in elements_of(recv))


def enum_none(recv: Any, pattern: Any = NO_ARG, *, block: Block = None) -> bool:
    test = _predicate(recv, pattern, block)
    return not any(test(element) for element in elements_of(recv))


def enum_one(recv: Any, pattern: Any = NO_ARG, *, block: Block = None) -> bool:
    test = _predicate(recv, pattern, block)
    found = 0
    for element in elements_of(recv):
        if test(element):
            found += 1
            if found > 1:
                return False
    return found == 1


def enum_count(recv: Any, value: Any = NO_ARG, *, block: Block = None) -> int:
    if value is not NO_ARG:
        return sum(1 for element in elements_of(recv) if truthy(send(element, "==", value)))
    if block is None:
        return len(elements_of(recv))
    test = _predicate(recv, NO_ARG, block)
    return sum(1 for element in elements_of(recv) if test(element))


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


def enum_take_while(recv: Any, *, block: Block = None) -> list[Any]:
    if block is None:
        return enum_to_a(recv)
    call = _caller(recv)
    out: list[Any] = []
    for element in elements_of(recv):
        if not truthy(call(block, element)):
            break
        out.append(element)
    return out


def enum_drop_while(recv: Any, *, block: Block = None) -> list[Any]:
    if block is None:
        return enum_to_a(recv)
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


def enum_sort_by(recv: Any, *, block: Block = None) -> list[Any]:
    values = list(elements_of(recv))
    if block is None:
        return values
    return sort_by_keys(values, [block(value) for value in values])


def _min_max(recv: Any, sign: int, count: Any, block: Block) -> Any:
    values = elements_of(recv)
    if count is None:
        return _extreme(values, sign, block)
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
    return [_extreme(values, -1, block), _extreme(values, 1, block)]


def _by(recv: Any, sign: int, count: Any, block: Block) -> Any:
    if block is None:
        return enum_to_a(recv)
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
        return enum_to_a(recv)
    values = list(elements_of(recv))
    keys = [block(value) for value in values]
    return [_extreme_by(values, keys, -1), _extreme_by(values, keys, 1)]


def enum_group_by(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return enum_to_a(recv)
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
    call = _caller(recv) if block is not None else None
    seen: set[Any] = set()
    unhashable: list[Any] = []
    out: list[Any] = []
    for element in elements_of(recv):
        key = element if call is None else call(block, element)
        try:
            if key in seen:
                continue
            seen.add(key)
        except TypeError:
            # Arrays as keys: Python lists are unhashable, compare them by value.
            if any(eql(key, other) for other in unhashable):
                continue
            unhashable.append(key)
        out.append(element)
    return out


def eql(a: Any, b: Any) -> bool:
    """Ruby `eql?` (Hash key equality): no Integer/Float mixing."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(eql(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def enum_each_with_index(recv: Any, *, block: Block = None) -> Any:
    if block is None:
        return [[element, i] for i, element in enumerate(elements_of(recv))]
    for i, element in enumerate(elements_of(recv)):
        block(element, i)
    return recv


def enum_each_with_object(recv: Any, memo: Any, *, block: Block = None) -> Any:
    if block is None:
        return [[element, memo] for element in elements_of(recv)]
    for element in elements_of(recv):
        block(element, memo)
    return memo


def enum_each_slice(recv: Any, size: Any, *, block: Block = None) -> Any:
    n = to_int(size)
    if n <= 0:
        raise ArgumentError("invalid slice size")
    values = elements_of(recv)
    slices = [list(values[i:i + n]) for i in range(0, len(values), n)]
    if block is None:
        return slices
    for piece in slices:
        block(piece)
    return recv


def enum_each_cons(recv: Any, size: Any, *, block: Block = None) -> Any:
    n = to_int(size)
    if n <= 0:
        raise ArgumentError("invalid size")
    values = elements_of(recv)
    windows = [list(values[i:i + n]) for i in range(len(values) - n + 1)]
    if block is None:
        return windows
    for window in windows:
        block(window)
    return recv


def enum_reverse_each(recv: Any, *, block: Block = None) -> Any:
    values = list(elements_of(recv))[::-1]
    if block is None:
        return values
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
    """Ruby's sum: exact for Integers, Kahan-Babuska compensated once a Float appears."""
    total = init
    iterator = iter(values)
    for value in iterator:
        if type(total) is int and type(value) is int:
            total += value
        elif type(total) in (int, float) and type(value) in (int, float):
            return _float_sum(float(total), value, iterator)
        else:
            total = send(total, "+", value)
    return total


def _float_sum(total: float, first: Any, rest: Iterable[Any]) -> Any:
    compensation = 0.0
    pending = first
    iterator = iter(rest)
    while True:
        if type(pending) not in (int, float):
            # A non-number ends the float mode: plain `+` from here on, as in MRI.
            result = send(total + compensation, "+", pending)
            for value in iterator:
                result = send(result, "+", value)
            return result
        x = float(pending)
        if math.isnan(total):
            pass
        elif math.isnan(x):
            total = x
        elif math.isinf(x):
            total = math.nan if math.isinf(total) and (x > 0) != (total > 0) else x
        elif not math.isinf(total):
            t = total + x
            if abs(total) >= abs(x):
                compensation += (total - t) + x
            else:
                compensation += (x - t) + total
            total = t
        try:
            pending = next(iterator)
        except StopIteration:
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
    call = _caller(recv)
    result: dict[Any, Any] = {}
    for element in elements_of(recv):
        pair = call(block, element) if block is not None else element
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
    for before, after in zip(values, values[1:]):
        if truthy(block(before, after)) == split_when:
            out.append([after])
        else:
            out[-1].append(after)
    return out


def enum_cycle(recv: Any, count: Any = None, *, block: Block = None) -> Any:
    values = list(elements_of(recv))
    if count is None:
        raise ArgumentError("cycle without a count would never end")
    repeated = values * max(to_int(count), 0)
    if block is None:
        return repeated
    for value in repeated:
        block(value)
    return None


def enum_with_index(recv: Any, offset: Any = 0, *, block: Block = None) -> Any:
    """Enumerator#with_index on the Array that stands for `map`/`each` without a block."""
    start = 0 if offset is None else to_int(offset)
    if block is None:
        return [[value, start + i] for i, value in enumerate(elements_of(recv))]
    return [block(value, start + i) for i, value in enumerate(elements_of(recv))]


ENUMERABLE_METHODS: dict[str, Callable[..., Any]] = {
    "to_a": enum_to_a, "entries": enum_to_a, "each_entry": enum_each_entry,
    "map": enum_map, "collect": enum_map, "flat_map": enum_flat_map, "collect_concat": enum_flat_map,
    "filter_map": enum_filter_map, "select": enum_select, "filter": enum_select,
    "find_all": enum_select, "reject": enum_reject, "partition": enum_partition,
    "find": enum_find, "detect": enum_find, "find_index": enum_find_index,
    "any?": enum_any, "all?": enum_all, "none?": enum_none, "one?": enum_one,
    "count": enum_count, "include?": enum_include, "member?": enum_include,
    "first": enum_first, "take": enum_take, "drop": enum_drop,
    "take_while": enum_take_while, "drop_while": enum_drop_while,
    "sort": enum_sort, "sort_by": enum_sort_by, "min": enum_min, "max": enum_max,
    "minmax": enum_minmax, "min_by": enum_min_by, "max_by": enum_max_by, "minmax_by": enum_minmax_by,
    "group_by": enum_group_by, "tally": enum_tally, "uniq": enum_uniq,
    "each_with_index": enum_each_with_index, "each_with_object": enum_each_with_object,
    "each_slice": enum_each_slice, "each_cons": enum_each_cons, "reverse_each": enum_reverse_each,
    "inject": enum_inject, "reduce": enum_inject, "sum": enum_sum, "zip": enum_zip,
    "to_h": enum_to_h, "chunk_while": enum_chunk_while, "slice_when": enum_slice_when,
    "cycle": enum_cycle,
}

