"""Ruby's Array methods on Python `list` (mutating ones change the list in place).

Enumerable's methods come from `enumerable`; the ones Array defines itself,
or that are hot in templates, are here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ncg.errors import ArgumentError, IndexError_, TypeError_
from ncg.ruby.runtime.core import method, register_aref, send
from ncg.ruby.runtime.enumerable import (
    NO_ARG,
    class_name,
    enum_max,
    enum_min,
    enum_uniq,
    enumerator,
    eql,
    eql_key,
    extreme,
    float_sum,
    hash_key,
    include_enumerable,
    is_range,
    range_bounds,
    sort_by_keys,
    sort_values,
    to_int,
    truthy,
)
from ncg.ruby.runtime.object import freeze_object, is_frozen_object
from ncg.ruby.runtime.values import eq, inspect, to_s

Block = Callable[..., Any] | None


def inspect_array(a: list[Any]) -> str:
    """`[1, "a", nil]`."""
    return "[" + ", ".join([inspect(x) for x in a]) + "]"


def join(a: list[Any], separator: str = "") -> str:
    """Ruby's join: nested Arrays joined with the same separator, nil as ""."""
    parts: list[str] = []
    for x in a:
        if type(x) is str:
            parts.append(x)
        elif type(x) is int:
            parts.append(str(x))
        elif isinstance(x, list):
            parts.append(join(x, separator))
        elif x is None:
            parts.append("")
        else:
            parts.append(to_s(x))
    return separator.join(parts)


def _index(a: list[Any], i: int) -> int | None:
    """A normalised index into `a`, or None when it is outside."""
    if i < 0:
        i += len(a)
    return i if 0 <= i < len(a) else None


def array_aref(a: list[Any], index: Any, length: Any = None) -> Any:
    """Ruby's Array#[] / slice: an index, (start, length) or a Range."""
    if length is not None:
        start, count = to_int(index), to_int(length)
        if start < 0:
            start += len(a)
        if start < 0 or start > len(a) or count < 0:
            return None
        return a[start:start + count]
    if type(index) is int:
        try:
            return a[index] if index >= -len(a) else None
        except IndexError:
            return None
    if is_range(index):
        bounds = range_bounds(index, len(a))
        return None if bounds is None else a[bounds[0]:bounds[0] + bounds[1]]
    return array_aref(a, to_int(index))


def _replace_span(a: list[Any], start: int, count: int, value: Any) -> None:
    if start > len(a):
        a.extend([None] * (start - len(a)))
    a[start:start + count] = value if isinstance(value, list) else [value]


@method(list, "[]=")
def array_aset(a: list[Any], *args: Any) -> Any:
    """Ruby's Array#[]=: an index (growing with nils), (start, length) or a Range."""
    if len(args) == 3:
        start, count, value = to_int(args[0]), to_int(args[1]), args[2]
        if start < 0:
            if start + len(a) < 0:
                raise IndexError_(f"index {start} too small for array; minimum: -{len(a)}")
            start += len(a)
        if count < 0:
            raise IndexError_(f"negative length ({count})")
        _replace_span(a, start, count, value)
        return value
    if len(args) != 2:
        raise ArgumentError(f"wrong number of arguments (given {len(args)}, expected 2..3)")
    index, value = args
    if is_range(index):
        first = 0 if index.first is None else to_int(index.first)
        if first < 0 and first + len(a) < 0:
            raise _range_error(index)
        bounds = range_bounds(index, len(a)) or (first, 0)
        _replace_span(a, bounds[0], bounds[1], value)
        return value
    i = to_int(index)
    if i < 0:
        if i + len(a) < 0:
            raise IndexError_(f"index {i} too small for array; minimum: -{len(a)}")
        i += len(a)
    if i >= len(a):
        a.extend([None] * (i - len(a) + 1))
    a[i] = value
    return value


def _range_error(rng: Any) -> Exception:
    from ncg.errors import RangeError

    return RangeError(f"{inspect(rng)} out of range")


def _fetch(a: list[Any], index: Any, default: Any = NO_ARG, *, block: Block = None) -> Any:
    i = to_int(index)
    found = _index(a, i)
    if found is not None:
        return a[found]
    if block is not None:
        return block(index)
    if default is not NO_ARG:
        return default
    raise IndexError_(f"index {i} outside of array bounds: {-len(a)}...{len(a)}")


def _first(a: list[Any], count: Any = NO_ARG) -> Any:
    if count is NO_ARG:
        return a[0] if a else None
    n = to_int(count)
    if n < 0:
        raise ArgumentError("negative array size")
    return a[:n]


def _last(a: list[Any], count: Any = NO_ARG) -> Any:
    if count is NO_ARG:
        return a[-1] if a else None
    n = to_int(count)
    if n < 0:
        raise ArgumentError("negative array size")
    return a[len(a) - n:] if n else []


def _pop(a: list[Any], count: Any = NO_ARG) -> Any:
    if count is NO_ARG:
        return a.pop() if a else None
    n = min(to_int(count), len(a))
    taken = a[len(a) - n:]
    del a[len(a) - n:]
    return taken


def _shift(a: list[Any], count: Any = NO_ARG) -> Any:
    if count is NO_ARG:
        return a.pop(0) if a else None
    n = to_int(count)
    taken = a[:n]
    del a[:n]
    return taken


def _insert(a: list[Any], index: Any, *values: Any) -> list[Any]:
    i = to_int(index)
    if i < 0:
        i += len(a) + 1
        if i < 0:
            raise IndexError_(f"index {to_int(index)} too small for array; minimum: -{len(a) + 1}")
    if i > len(a):
        a.extend([None] * (i - len(a)))
    a[i:i] = values
    return a


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    from ncg.ruby.runtime.enumerable import implicit_conversion_error

    raise implicit_conversion_error(value, "Array")


def _uniq_values(values: list[Any]) -> list[Any]:
    """The values without repeats by Ruby's hash equality (`eql?`), first ones kept."""
    seen: set[Any] = set()
    out: list[Any] = []
    for x in values:
        key = eql_key(x)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def flatten(a: list[Any], depth: int = -1) -> list[Any]:
    out: list[Any] = []
    for x in a:
        if isinstance(x, list) and depth != 0:
            out.extend(flatten(x, depth - 1))
        else:
            out.append(x)
    return out


def _array_cmp(a: list[Any], other: Any) -> int | None:
    if not isinstance(other, list):
        return None
    for x, y in zip(a, other, strict=False):
        result = send(x, "<=>", y)
        if result is None:
            return None
        if result != 0:
            return result
    return (len(a) > len(other)) - (len(a) < len(other))


def _array_eq(a: list[Any], other: Any) -> bool:
    if not isinstance(other, list) or len(a) != len(other):
        return False
    return all(x is y or eq(x, y) for x, y in zip(a, other, strict=True))


def _multiply(a: list[Any], arg: Any) -> Any:
    if type(arg) is str:
        return join(a, arg)
    from ncg.ruby.runtime.string import LONG_MAX, allocated, to_long

    n = to_long(arg)
    if n < 0:
        raise ArgumentError("negative argument")
    if n and (LONG_MAX // 8) // n < len(a):  # MRI's ARY_MAX_SIZE
        raise ArgumentError("argument too big")
    return allocated(lambda: a * n)


def _delete(a: list[Any], value: Any, *, block: Block = None) -> Any:
    found = [x for x in a if eq(x, value)]
    if not found:
        return block(value) if block is not None else None
    a[:] = [x for x in a if not eq(x, value)]
    return found[-1]


def _delete_at(a: list[Any], index: Any) -> Any:
    i = _index(a, to_int(index))
    return None if i is None else a.pop(i)


def _keep(a: list[Any], block: Block, keep_when: bool) -> bool:
    """Keep the items whose block result's truth is `keep_when`; whether any went."""
    kept = [x for x in a if truthy(block(x)) == keep_when]
    changed = len(kept) != len(a)
    a[:] = kept
    return changed


def _fill(a: list[Any], *args: Any, block: Block = None) -> list[Any]:
    if block is None:
        if not args:
            raise ArgumentError("wrong number of arguments (given 0, expected 1..3)")
        value, args = args[0], args[1:]
    start = 0 if not args or args[0] is None else to_int(args[0])
    if start < 0:
        start = max(start + len(a), 0)
    stop = len(a) if len(args) < 2 or args[1] is None else start + to_int(args[1])
    if stop > len(a):
        a.extend([None] * (stop - len(a)))
    for i in range(start, stop):
        a[i] = block(i) if block is not None else value
    return a


def _dig(a: Any, key: Any, *rest: Any) -> Any:
    value = send(a, "[]", key)
    if not rest or value is None:
        return value
    return send(value, "dig", *rest)


def _product(a: list[Any], *others: Any) -> list[Any]:
    rows: list[list[Any]] = [[]]
    for values in (a, *[_as_list(o) for o in others]):
        rows = [row + [x] for row in rows for x in values]
    return rows


def _transpose(a: list[Any]) -> list[Any]:
    rows = [_as_list(row) for row in a]
    if not rows:
        return []
    width = len(rows[0])
    for row in rows:
        if len(row) != width:
            raise IndexError_(f"element size differs ({len(row)} should be {width})")
    return [[row[i] for row in rows] for i in range(width)]


def _combination(a: list[Any], size: Any, *, block: Block = None) -> Any:
    import itertools

    if block is None:
        return enumerator(a, "combination", size)
    length = to_int(size)
    combos = [list(c) for c in itertools.combinations(a, length)] if length >= 0 else []
    for combo in combos:
        block(combo)
    return a


def _permutation(a: list[Any], size: Any = None, *, block: Block = None) -> Any:
    import itertools

    if block is None:
        return enumerator(a, "permutation", *(() if size is None else (size,)))
    length = len(a) if size is None else to_int(size)
    for permutation in itertools.permutations(a, length):
        block(list(permutation))
    return a


def _sample(a: list[Any], count: Any = None) -> Any:
    """Array#sample: random, so only its shape can match Ruby's (Kernel#rand's generator)."""
    import random

    if count is None:
        return random.choice(a) if a else None
    number = to_int(count)
    if number < 0:
        raise ArgumentError("negative sample number")
    return random.sample(a, min(number, len(a)))


def _shuffle(a: list[Any]) -> list[Any]:
    import random

    return random.sample(a, len(a))


def _rotate(a: list[Any], count: Any = 1) -> list[Any]:
    if not a:
        return []
    n = to_int(count) % len(a)
    return a[n:] + a[:n]


def _assoc(a: list[Any], key: Any) -> Any:
    for x in a:
        if isinstance(x, list) and x and eq(x[0], key):
            return x
    return None


def _rassoc(a: list[Any], value: Any) -> Any:
    for x in a:
        if isinstance(x, list) and len(x) > 1 and eq(x[1], value):
            return x
    return None


def _find_index(a: list[Any], value: Any = NO_ARG, *, block: Block = None) -> Any:
    if value is NO_ARG and block is None:
        return enumerator(a, "index")
    for i, x in enumerate(a):
        if (eq(x, value) if value is not NO_ARG else truthy(block(x))):
            return i
    return None


def _rindex(a: list[Any], value: Any = NO_ARG, *, block: Block = None) -> Any:
    for i in range(len(a) - 1, -1, -1):
        if (eq(a[i], value) if value is not NO_ARG else truthy(block(a[i]))):
            return i
    return None


# --- iteration, the hot paths --------------------------------------------------------

@method(list, "each")
def _each(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "each")
    for x in a:
        block(x)
    return a


@method(list, "each_index")
def _each_index(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "each_index")
    for i in range(len(a)):
        block(i)
    return a


@method(list, "map", "collect")
def _map(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "map")
    return [block(x) for x in a]


@method(list, "select", "filter")
def _select(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "select")
    return [x for x in a if truthy(block(x))]


@method(list, "reject")
def _reject(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "reject")
    return [x for x in a if not truthy(block(x))]


@method(list, "map!", "collect!")
def _map_bang(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "map!")
    a[:] = [block(x) for x in a]
    return a


@method(list, "select!", "filter!")
def _select_bang(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "select!")
    return a if _keep(a, block, True) else None


@method(list, "keep_if")
def _keep_if(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "keep_if")
    _keep(a, block, True)
    return a


@method(list, "reject!")
def _reject_bang(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "reject!")
    return a if _keep(a, block, False) else None


@method(list, "delete_if")
def _delete_if(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "delete_if")
    _keep(a, block, False)
    return a


@method(list, "sort!")
def _sort_bang(a: list[Any], *, block: Block = None) -> list[Any]:
    a[:] = sort_values(a, block)
    return a


@method(list, "sort_by!")
def _sort_by_bang(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "sort_by!")
    a[:] = sort_by_keys(a, [block(x) for x in a])
    return a


@method(list, "uniq!")
def _uniq_bang(a: list[Any], *, block: Block = None) -> Any:
    unique = send(a, "uniq", block=block) if block is not None else send(a, "uniq")
    if len(unique) == len(a):
        return None
    a[:] = unique
    return a


@method(list, "compact!")
def _compact_bang(a: list[Any]) -> Any:
    kept = [x for x in a if x is not None]
    if len(kept) == len(a):
        return None
    a[:] = kept
    return a


@method(list, "flatten!")
def _flatten_bang(a: list[Any], depth: Any = None) -> Any:
    if not any(isinstance(x, list) for x in a):
        return None
    a[:] = flatten(a, -1 if depth is None else to_int(depth))
    return a


@method(list, "reverse!")
def _reverse_bang(a: list[Any]) -> list[Any]:
    a.reverse()
    return a


@method(list, "push", "append")
def _push(a: list[Any], *values: Any) -> list[Any]:
    a.extend(values)
    return a


@method(list, "<<")
def _shovel(a: list[Any], value: Any) -> list[Any]:
    a.append(value)
    return a


@method(list, "unshift", "prepend")
def _unshift(a: list[Any], *values: Any) -> list[Any]:
    a[0:0] = values
    return a


@method(list, "concat")
def _concat(a: list[Any], *others: Any) -> list[Any]:
    for other in [list(_as_list(o)) for o in others]:
        a.extend(other)
    return a


@method(list, "replace")
def _replace(a: list[Any], other: Any) -> list[Any]:
    a[:] = _as_list(other)
    return a


@method(list, "clear")
def _clear(a: list[Any]) -> list[Any]:
    a.clear()
    return a


@method(list, "slice!")
def _slice_bang(a: list[Any], index: Any, length: Any = None) -> Any:
    removed = array_aref(a, index, length)
    if removed is None:
        return None
    if length is None and not is_range(index):
        del a[_index(a, to_int(index))]
        return removed
    start = to_int(index) if length is not None else range_bounds(index, len(a))[0]
    if start < 0:
        start += len(a)
    del a[start:start + len(removed)]
    return removed


@method(list, "join")
def _join(a: list[Any], separator: Any = None) -> str:
    if separator is None:
        return join(a)
    if type(separator) is not str:
        from ncg.ruby.runtime.enumerable import implicit_conversion_error

        raise implicit_conversion_error(separator, "String")
    return join(a, separator)


@method(list, "count")
def _count(a: list[Any], value: Any = NO_ARG, *, block: Block = None) -> int:
    if value is not NO_ARG:
        return sum(1 for x in a if eq(x, value))
    if block is None:
        return len(a)
    return sum(1 for x in a if truthy(block(x)))


@method(list, "include?", "member?")
def _include(a: list[Any], value: Any) -> bool:
    return any(x is value or eq(x, value) for x in a)


@method(list, "uniq")
def _uniq(a: list[Any], *, block: Block = None) -> list[Any]:
    return _uniq_values(a) if block is None else enum_uniq(a, block=block)


@method(list, "-", "difference")
def _minus(a: list[Any], *others: Any) -> list[Any]:
    removed = {eql_key(y) for other in others for y in _as_list(other)}
    return [x for x in a if eql_key(x) not in removed]


@method(list, "&", "intersection")
def _and(a: list[Any], *others: Any) -> list[Any]:
    result = _uniq_values(a)
    for other in others:
        kept = {eql_key(y) for y in _as_list(other)}
        result = [x for x in result if eql_key(x) in kept]
    return result


@method(list, "|", "union")
def _or(a: list[Any], *others: Any) -> list[Any]:
    return _uniq_values(a + [y for other in others for y in _as_list(other)])


@method(list, "intersect?")
def _intersect(a: list[Any], other: Any) -> bool:
    return bool(_and(a, other))


def _each_with_index(a: list[Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(a, "each_with_index")
    for i, x in enumerate(a):
        block(x, i)
    return a


method(list, "each_with_index")(_each_with_index)
method(list, "inspect", "to_s")(inspect_array)
method(list, "==")(_array_eq)
method(list, "!=")(lambda a, other: not _array_eq(a, other))
method(list, "eql?")(lambda a, other: eql(a, other))
method(list, "<=>")(_array_cmp)
method(list, "[]", "slice")(array_aref)
register_aref(list, array_aref)
method(list, "at")(lambda a, index: array_aref(a, to_int(index)))
method(list, "fetch")(_fetch)
method(list, "dig")(_dig)
method(list, "first")(_first)
method(list, "last")(_last)
method(list, "pop")(_pop)
method(list, "shift")(_shift)
method(list, "insert")(_insert)
method(list, "+")(lambda a, other: a + _as_list(other))
method(list, "*")(_multiply)
method(list, "length", "size")(len)
method(list, "empty?")(lambda a: not a)
method(list, "index", "find_index")(_find_index)
method(list, "rindex")(_rindex)
method(list, "delete")(_delete)
method(list, "delete_at")(_delete_at)
method(list, "compact")(lambda a: [x for x in a if x is not None])
method(list, "flatten")(lambda a, depth=None: flatten(a, -1 if depth is None else to_int(depth)))
method(list, "reverse")(lambda a: a[::-1])
method(list, "rotate")(_rotate)
method(list, "fill")(_fill)
method(list, "values_at")(lambda a, *indexes: [array_aref(a, i) for i in indexes])
method(list, "assoc")(_assoc)
method(list, "rassoc")(_rassoc)
method(list, "product")(_product)
method(list, "transpose")(_transpose)
method(list, "combination")(_combination)
method(list, "permutation")(_permutation)


@method(list, "rotate!")
def _rotate_bang(a: list[Any], count: Any = 1) -> list[Any]:
    a[:] = _rotate(a, count)
    return a


@method(list, "shuffle!")
def _shuffle_bang(a: list[Any]) -> list[Any]:
    a[:] = _shuffle(a)
    return a


method(list, "sample")(_sample)
method(list, "shuffle")(_shuffle)
method(list, "to_a", "to_ary", "entries")(lambda a: a)
method(list, "dup")(lambda a: list(a))
method(list, "freeze")(freeze_object)
method(list, "frozen?")(is_frozen_object)


@method(list, "clone")
def _clone(a: list[Any]) -> list[Any]:
    """A copy, frozen when `a` is."""
    copied = list(a)
    if is_frozen_object(a):
        freeze_object(copied)
    return copied
method(list, "hash")(lambda a: hash(inspect_array(a)))
method(list, "max")(lambda a, count=None, *, block=None: _extreme(a, 1, count, block))
method(list, "min")(lambda a, count=None, *, block=None: _extreme(a, -1, count, block))


def _extreme(a: list[Any], sign: int, count: Any, block: Block) -> Any:
    """Array#max / #min, with a fast path for plain numbers or strings."""
    if count is not None:
        return (enum_max if sign > 0 else enum_min)(a, count, block=block)
    if block is None and a:
        first = type(a[0])
        if (first is int or first is float or first is str) and all(type(x) is first for x in a):
            return max(a) if sign > 0 else min(a)
    return extreme(a, sign, block, best_first=True)


@method(list, "sum")
def array_sum(a: list[Any], init: Any = 0, *, block: Block = None) -> Any:
    """Array#sum as MRI 3.1 adds: leading Integers first (then `n + init`), then
    Floats with Kahan-Babuska compensation, then plain `+` for the rest."""
    values = a if block is None else [block(x) for x in a]
    total = init
    exact = 0
    count = 0
    for x in values:
        if type(x) is not int:
            break
        exact += x
        count += 1
    if count:
        total = send(exact, "+", total)
    rest = values[count:]
    if rest and type(rest[0]) is float:
        return float_sum(_float_start(total), rest)
    for x in rest:
        total = send(total, "+", x)
    return total


def _float_start(total: Any) -> float:
    if isinstance(total, (int, float)) and not isinstance(total, bool):
        return float(total)
    if type(total) is str:
        raise TypeError_("no implicit conversion to float from string")
    if total is None:
        raise TypeError_("can't convert nil into Float")
    return float(send(total, "to_f"))


@method(list, "to_h")
def _to_h(a: list[Any], *, block: Block = None) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for i, x in enumerate(a):
        pair = x if block is None else block(x)
        if not isinstance(pair, list):
            raise TypeError_(f"wrong element type {class_name(pair)} at {i} (expected array)")
        if len(pair) != 2:
            raise ArgumentError(f"wrong array length at {i} (expected 2, was {len(pair)})")
        result[hash_key(pair[0])] = pair[1]
    return result


include_enumerable(list, lambda a: a)
