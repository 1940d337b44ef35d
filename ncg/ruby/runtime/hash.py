"""Ruby's Hash methods on Python `dict` (insertion-ordered, like Ruby's).

`Hash.new(default)` makes a `consts.RubyHash`, a dict subclass whose missing
keys read as the default; `h[k]` here goes through `dict.__getitem__` so the
default applies, while `fetch` and `key?` see only stored keys.

Hash#each yields each pair packed as one `[k, v]` Array; select, reject,
delete_if and friends yield key and value as two values (checked against Ruby).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ncg.errors import ArgumentError, KeyError_
from ncg.ruby.runtime.consts import HASH, class_of
from ncg.ruby.runtime.core import RClass, find_method, method, register_aref, send
from ncg.ruby.runtime.enumerable import (
    NO_ARG,
    enum_to_h,
    enumerator,
    hash_key,
    implicit_conversion_error,
    include_enumerable,
    need_block,
    ruby_items,
    ruby_key,
    truthy,
)
from ncg.ruby.runtime.object import freeze_object, is_frozen_object
from ncg.ruby.runtime.values import eq, inspect

Block = Callable[..., Any] | None


def inspect_hash(h: dict[Any, Any]) -> str:
    """Ruby 3.1's `{"x"=>1, :y=>2}`."""
    return "{" + ", ".join([inspect(k) + "=>" + inspect(v) for k, v in ruby_items(h)]) + "}"


def hash_of(pairs: list[tuple[Any, Any]]) -> dict[Any, Any]:
    """A Hash literal whose keys are not all Strings, Symbols or Integers."""
    return {hash_key(k): v for k, v in pairs}


def _pairs(h: dict[Any, Any]) -> list[list[Any]]:
    return [[k, v] for k, v in ruby_items(h)]


def _new_like(h: dict[Any, Any]) -> dict[Any, Any]:
    """An empty Hash with the same default as `h` (as Ruby's dup and select keep it)."""
    copied = copy.copy(h)
    copied.clear()
    return copied


def _as_hash(value: Any) -> dict[Any, Any]:
    if isinstance(value, dict):
        return value
    raise implicit_conversion_error(value, "Hash")


@method(dict, "[]")
def hash_aref(h: dict[Any, Any], key: Any) -> Any:
    try:
        return h[hash_key(key)]
    except KeyError:
        return None


register_aref(dict, hash_aref)


@method(dict, "[]=", "store")
def hash_aset(h: dict[Any, Any], key: Any, value: Any) -> Any:
    h[hash_key(key)] = value
    return value


@method(dict, "fetch")
def _fetch(h: dict[Any, Any], key: Any, default: Any = NO_ARG, *, block: Block = None) -> Any:
    if hash_key(key) in h:
        return dict.__getitem__(h, hash_key(key))
    if block is not None:
        return block(key)
    if default is not NO_ARG:
        return default
    raise KeyError_(f"key not found: {inspect(key)}")


@method(dict, "dig")
def _dig(h: dict[Any, Any], key: Any, *rest: Any) -> Any:
    value = hash_aref(h, key)
    if not rest or value is None:
        return value
    return send(value, "dig", *rest)


@method(dict, "delete")
def _delete(h: dict[Any, Any], key: Any, *, block: Block = None) -> Any:
    key = hash_key(key)
    if key in h:
        return h.pop(key)
    return block(key) if block is not None else None


@method(dict, "each", "each_pair")
def _each(h: dict[Any, Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(h, "each")
    for k, v in ruby_items(h):
        block([k, v])
    return h


@method(dict, "each_key")
def _each_key(h: dict[Any, Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(h, "each_key")
    for k in list(h):
        block(ruby_key(k))
    return h


@method(dict, "each_value")
def _each_value(h: dict[Any, Any], *, block: Block = None) -> Any:
    if block is None:
        return enumerator(h, "each_value")
    for v in list(h.values()):
        block(v)
    return h


def _filtered(h: dict[Any, Any], block: Block, keep_when: bool) -> dict[Any, Any]:
    kept = _new_like(h)
    for k, v in list(h.items()):
        if truthy(block(ruby_key(k), v)) == keep_when:
            kept[k] = v
    return kept


@method(dict, "select", "filter")
def _select(h: dict[Any, Any], *, block: Block = None) -> Any:
    return enumerator(h, "select") if block is None else _filtered(h, block, True)


@method(dict, "reject")
def _reject(h: dict[Any, Any], *, block: Block = None) -> Any:
    return enumerator(h, "reject") if block is None else _filtered(h, block, False)


def _keep_in_place(h: dict[Any, Any], block: Block, keep_when: bool) -> bool:
    """Delete the pairs whose block truth is not `keep_when`; whether any went."""
    need_block(block)
    doomed = [k for k, v in list(h.items()) if truthy(block(ruby_key(k), v)) != keep_when]
    for k in doomed:
        del h[k]
    return bool(doomed)


@method(dict, "select!", "filter!")
def _select_bang(h: dict[Any, Any], *, block: Block = None) -> Any:
    return h if _keep_in_place(h, block, True) else None


@method(dict, "keep_if")
def _keep_if(h: dict[Any, Any], *, block: Block = None) -> Any:
    _keep_in_place(h, block, True)
    return h


@method(dict, "reject!")
def _reject_bang(h: dict[Any, Any], *, block: Block = None) -> Any:
    return h if _keep_in_place(h, block, False) else None


@method(dict, "delete_if")
def _delete_if(h: dict[Any, Any], *, block: Block = None) -> Any:
    _keep_in_place(h, block, False)
    return h


@method(dict, "any?")
def _any(h: dict[Any, Any], pattern: Any = NO_ARG, *, block: Block = None) -> bool:
    if pattern is not NO_ARG:
        return any(truthy(send(pattern, "===", pair)) for pair in _pairs(h))
    if block is None:
        return bool(h)
    return any(truthy(block([k, v])) for k, v in ruby_items(h))


@method(dict, "merge")
def _merge(h: dict[Any, Any], *others: Any, block: Block = None) -> dict[Any, Any]:
    return _update(copy.copy(h), *others, block=block)


@method(dict, "update", "merge!")
def _update(h: dict[Any, Any], *others: Any, block: Block = None) -> dict[Any, Any]:
    for other in others:
        for k, v in _as_hash(other).items():
            if block is not None and k in h:
                v = block(ruby_key(k), dict.__getitem__(h, k), v)
            h[k] = v
    return h


method(dict, "to_hash")(lambda h: h)


@method(dict, "to_h")
def _to_h(h: dict[Any, Any], *, block: Block = None) -> dict[Any, Any]:
    if block is None:
        return h
    return enum_to_h(h, block=lambda pair: block(*pair))


@method(dict, "transform_values")
def _transform_values(h: dict[Any, Any], *, block: Block = None) -> dict[Any, Any]:
    return {k: block(v) for k, v in list(h.items())}


@method(dict, "transform_keys")
def _transform_keys(h: dict[Any, Any], mapping: Any = None, *,
                    block: Block = None) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for k, v in list(h.items()):
        if mapping is not None and k in mapping:
            result[hash_key(mapping[k])] = v
        else:
            result[hash_key(block(ruby_key(k))) if block is not None else k] = v
    return result


@method(dict, "transform_values!")
def _transform_values_bang(h: dict[Any, Any], *, block: Block = None) -> dict[Any, Any]:
    for k, v in list(h.items()):
        h[k] = block(v)
    return h


@method(dict, "transform_keys!")
def _transform_keys_bang(h: dict[Any, Any], mapping: Any = None, *,
                         block: Block = None) -> dict[Any, Any]:
    renamed = _transform_keys(h, mapping, block=block)
    h.clear()
    h.update(renamed)
    return h


@method(dict, "compact!")
def _compact_bang(h: dict[Any, Any]) -> Any:
    empty = [k for k, v in h.items() if v is None]
    for k in empty:
        del h[k]
    return h if empty else None


@method(dict, "shift")
def _shift(h: dict[Any, Any]) -> Any:
    if not h:
        return None
    key = next(iter(h))
    return [ruby_key(key), h.pop(key)]


@method(dict, "key")
def _key(h: dict[Any, Any], value: Any) -> Any:
    for k, v in h.items():
        if eq(v, value):
            return ruby_key(k)
    return None


@method(dict, "==")
def _hash_eq(h: dict[Any, Any], other: Any) -> bool:
    if not isinstance(other, dict) or len(h) != len(other):
        return False
    return all(k in other and eq(v, dict.__getitem__(other, k)) for k, v in h.items())


@method(dict, "count")
def _count(h: dict[Any, Any], value: Any = NO_ARG, *, block: Block = None) -> int:
    if value is not NO_ARG:
        return sum(1 for pair in _pairs(h) if eq(pair, value))
    if block is None:
        return len(h)
    return sum(1 for pair in _pairs(h) if truthy(block(pair)))


@method(dict, "default")
def _default(h: dict[Any, Any], key: Any = None) -> Any:
    return getattr(h, "default", None)


@method(dict, "clear")
def _clear(h: dict[Any, Any]) -> dict[Any, Any]:
    h.clear()
    return h


@method(dict, "replace")
def _replace(h: dict[Any, Any], other: Any) -> dict[Any, Any]:
    replacement = dict(_as_hash(other))
    h.clear()
    h.update(replacement)
    return h


method(dict, "inspect", "to_s")(inspect_hash)
method(dict, "!=")(lambda h, other: not _hash_eq(h, other))
method(dict, "key?", "has_key?", "include?", "member?")(lambda h, key: hash_key(key) in h)
method(dict, "value?", "has_value?")(lambda h, value: any(eq(v, value) for v in h.values()))
method(dict, "keys")(lambda h: [ruby_key(k) for k in h])
method(dict, "values")(lambda h: list(h.values()))
method(dict, "values_at")(lambda h, *keys: [hash_aref(h, k) for k in keys])
method(dict, "fetch_values")(lambda h, *keys: [_fetch(h, k) for k in keys])
method(dict, "length", "size")(len)
method(dict, "empty?")(lambda h: not h)
method(dict, "to_a")(_pairs)
method(dict, "invert")(lambda h: {hash_key(v): k for k, v in ruby_items(h)})
method(dict, "dup")(copy.copy)


@method(dict, "clone")
def _clone(h: dict[Any, Any]) -> dict[Any, Any]:
    """A copy, frozen when `h` is."""
    copied = copy.copy(h)
    if is_frozen_object(h):
        freeze_object(copied)
    return copied
method(dict, "compact")(lambda h: {k: v for k, v in h.items() if v is not None})
method(dict, "slice")(lambda h, *keys: {k: h[k] for k in map(hash_key, keys) if k in h})


@method(dict, "except")
def _except(h: dict[Any, Any], *keys: Any) -> dict[Any, Any]:
    dropped = [hash_key(k) for k in keys]
    return {k: v for k, v in h.items() if k not in dropped}


@method(dict, "assoc")
def _assoc(h: dict[Any, Any], key: Any) -> Any:
    stored = hash_key(key)
    return [key, dict.__getitem__(h, stored)] if stored in h else None


@method(dict, "rassoc")
def _rassoc(h: dict[Any, Any], value: Any) -> Any:
    return next(([k, v] for k, v in ruby_items(h) if eq(v, value)), None)



method(dict, "frozen?")(is_frozen_object)
method(dict, "freeze")(freeze_object)

include_enumerable(dict, _pairs)


@HASH.smethod("[]")
def hash_class_aref(cls: RClass, *args: Any) -> dict[Any, Any]:
    """`Hash[[[k, v], …]]`, `Hash[other_hash]` and `Hash[k, v, …]`."""
    if len(args) == 1:
        source = args[0]
        if type(source) is list:
            return _hash_of_pairs(source)
        to_hash = find_method(source, "to_hash")
        if to_hash is not None:
            return dict(_as_hash(to_hash(source)))  # a plain Hash: no default
    if len(args) % 2:
        raise ArgumentError("odd number of arguments for Hash")
    return {hash_key(args[i]): args[i + 1] for i in range(0, len(args), 2)}


def _hash_of_pairs(pairs: list[Any]) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for at, pair in enumerate(pairs):
        if type(pair) is not list:
            raise ArgumentError(f"wrong element type {class_of(pair).name} at {at} "
                                "(expected array)")
        if not 1 <= len(pair) <= 2:
            raise ArgumentError(f"invalid number of elements ({len(pair)} for 1..2)")
        result[hash_key(pair[0])] = pair[1] if len(pair) == 2 else None
    return result
