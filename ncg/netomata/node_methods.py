"""The Ruby methods templates call on a `Netomata::Node`.

A Node is a Hashery::Dictionary subclass, and Dictionary differs from Hash:
`each` yields key and value as two values (and needs a block), `select` returns an Array of
pairs, `reject` a copy of the Node, `first`/`last` give values, `to_s` is
`to_a.to_s`, and `key?` takes only a simple key while `has_key?` (Node's
own) resolves key paths. `include?`/`member?` are Enumerable's, comparing
`[k, v]` pairs. Everything here was checked against the original NCG.

Importing this module also gives the model Ruby's way of showing values
(`ncg.model.node.use_ruby_format`), for `ncg -d` and error messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ncg.model.keys import buildkey
from ncg.model.node import Node, RubyFormat, use_ruby_format
from ncg.netomata.classes import NETOMATA_NODE
from ncg.ruby.runtime import RClass, class_of, inspect, method, to_s
from ncg.ruby.runtime.array import inspect_array
from ncg.ruby.runtime.core import register_aref
from ncg.ruby.runtime.enumerable import (
    block_compare,
    include_enumerable,
    need_block,
    to_int,
    truthy,
)
from ncg.ruby.runtime.values import eq

Block = Callable[..., Any] | None
_MISSING = object()


def _pairs(node: Node) -> list[list[Any]]:
    return [[k, v] for k, v in node.items()]


@NETOMATA_NODE.smethod("new")
def node_new(cls: RClass, parent: Any = None) -> Node:
    return Node(parent)


@method(Node, "inspect")
def node_inspect(node: Node) -> str:
    """Ruby's inspect of the underlying Dictionary: {"k"=>"v", ...}."""
    return "{" + ", ".join(f"{inspect(k)}=>{inspect(v)}" for k, v in node.items()) + "}"


def receiver(value: Any) -> str:
    """How Ruby 3.1 names a receiver in a NoMethodError or NameError message."""
    if isinstance(value, Node):
        text = node_inspect(value)
        if len(text) > 65:
            return f"#<Netomata::Node:0x{id(value):016x}>"
        return f"{text}:Netomata::Node"
    shown = inspect(value)
    return shown if shown.startswith("#") else f"{shown}:{class_of(value).name}"


use_ruby_format(RubyFormat(to_s=to_s, receiver=receiver))


@method(Node, "[]")
def node_aref(node: Node, key: Any) -> Any:
    return node.get(key)


register_aref(Node, Node.get)  # node_aref without its own call: `@target["name"]`


@method(Node, "[]=", "store")
def node_aset(node: Node, key: Any, value: Any) -> Any:
    return node.set(key, value)


@method(Node, "fetch")
def _fetch(node: Node, key: Any, default: Any = None, *, block: Block = None) -> Any:
    """Node#fetch: the default or the block's value (called without arguments) when missing."""
    if key is None:
        return None
    found = node.get(key, _MISSING)
    if found is not _MISSING:
        return found
    return block() if block is not None else default


@method(Node, "each", "each_pair")
def _each(node: Node, *, block: Block = None) -> Any:
    need_block(block)
    for k, v in node.items():
        block(k, v)
    return node


@method(Node, "each_key")
def _each_key(node: Node, *, block: Block = None) -> Any:
    need_block(block)
    for k in node.keys():
        block(k)
    return node


@method(Node, "each_value")
def _each_value(node: Node, *, block: Block = None) -> Any:
    need_block(block)
    for v in node.values():
        block(v)
    return node


@method(Node, "select")
def _select(node: Node, *, block: Block = None) -> list[Any]:
    """Dictionary#select: yields key and value, returns the chosen `[k, v]` pairs."""
    need_block(block)
    return [[k, v] for k, v in node.items() if truthy(block(k, v))]


@method(Node, "delete_if")
def _delete_if(node: Node, *, block: Block = None) -> Node:
    need_block(block)
    for k, v in node.items():
        if truthy(block(k, v)):
            node.delete(k)
    return node


@method(Node, "reject")
def _reject(node: Node, *, block: Block = None) -> Node:
    """Dictionary#reject: a copy (Node#dup) without the pairs the block picks."""
    return _delete_if(node.dup(), block=block)


@method(Node, "first")
def _first(node: Node, count: Any = None) -> Any:
    """Dictionary#first: the first value, or the first `count` values."""
    values = node.values()
    if count is None:
        return values[0] if values else None
    return values[:to_int(count)]


@method(Node, "last")
def _last(node: Node, count: Any = None) -> Any:
    values = node.values()
    if count is None:
        return values[-1] if values else None
    n = to_int(count)
    return values[len(values) - n:] if n > 0 else []


@method(Node, "==")
def node_eq(node: Node, other: Any) -> bool:
    """Dictionary#==: the same keys in the same order, with equal values."""
    if not isinstance(other, Node):
        return False
    if node is other:
        return True
    if node.keys() != other.keys():
        return False
    return all(eq(v, other.child(k)) for k, v in node.items())


@method(Node, "sort_by_subkey")
def _sort_by_subkey(node: Node, key: Any, *, block: Block = None) -> list[list[Any]]:
    if block is None:
        return node.sort_by_subkey(key)
    return node.sort_by_subkey(key, lambda a, b: block_compare(block, a, b))


@method(Node, "each_by_subkey")
def _each_by_subkey(node: Node, key: Any, *, block: Block = None) -> list[list[Any]]:
    """sort_by_subkey, then Array#each over the `[key, node]` pairs."""
    pairs = _sort_by_subkey(node, key)
    if block is not None:
        for pair in pairs:
            block(pair)
    return pairs


@method(Node, "each_r")
def _each_r(node: Node, prefix: Any = "", *, block: Block = None) -> Any:
    entries = [[here, k, v] for here, k, v in node.each_r(prefix)]
    if block is None:
        return entries
    for here, k, v in entries:
        block(here, k, v)
    return node


@method(Node, "select_r")
def _select_r(node: Node, prefix: Any = "", *, block: Block = None) -> list[Any]:
    need_block(block)
    return [[buildkey(here, k), v] for here, k, v in node.each_r(prefix)
            if truthy(block(here, k, v))]


@method(Node, "update", "merge!")
def _update(node: Node, other: Any) -> Node:
    return node.update(other)


@method(Node, "merge")
def _merge(node: Node, other: Any) -> Node:
    return node.dup().update(other)


@method(Node, "invert")
def _invert(node: Node) -> Node:
    """Dictionary#invert: a new Node with values as keys (stored through `[]=`)."""
    inverted = Node()
    for k, v in node.items():
        inverted.set(v, k)
    return inverted


@method(Node, "dump")
def _dump(node: Node, out: Any = None, level: Any = 0, show_source: Any = True) -> Node:
    from ncg.ruby.runtime.kernel import write_stdout

    class _Stdout:
        @staticmethod
        def write(text: str) -> None:
            write_stdout(text)

    return node.dump(_Stdout() if out is None else out, to_int(level), truthy(show_source))


method(Node, "has_key?")(lambda node, key: node.has_key(key))
method(Node, "key?")(lambda node, key: key in node)
method(Node, "affirm?")(lambda node, key: node.affirm(key))
method(Node, "keys")(lambda node: node.keys())
method(Node, "values")(lambda node: node.values())
method(Node, "length", "size")(len)
method(Node, "empty?")(lambda node: len(node) == 0)
method(Node, "delete")(lambda node, key: node.delete(key))
method(Node, "to_a")(_pairs)
method(Node, "to_h", "to_hash")(lambda node: dict(node.items()))
method(Node, "to_s")(lambda node: inspect_array(_pairs(node)))
method(Node, "!=")(lambda node, other: not node_eq(node, other))
method(Node, "equivalent")(lambda node, other: node.equivalent(other))
method(Node, "keys_r")(lambda node, prefix="": node.keys_r(prefix))
method(Node, "keys_having_key")(lambda node, key: node.keys_having_key(key))
method(Node, "key")(lambda node: node.key)
method(Node, "parent")(lambda node: node.parent)
method(Node, "root")(lambda node: node.root)
method(Node, "source")(lambda node: node.source)
method(Node, "dup", "clone")(lambda node: node.dup())
method(Node, "node")(lambda node, key: node.node(key))
method(Node, "graft")(lambda node, key, other: node.graft(key, other))

include_enumerable(Node, _pairs, yields=lambda node: node.items())
