"""`require 'ostruct'`: OpenStruct, a Hash of fields read and written as methods.

`o.name` reads field `name` (nil when there is none), `o.name = v` writes
it; a field shadows any method of the same name (`o.method`, `o.class`), as
Ruby's OpenStruct defines one accessor per field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ncg.errors import ArgumentError, NameError_
from ncg.ruby.runtime.consts import CLASS_OF, OBJECT, RClass
from ncg.ruby.runtime.core import (
    METHODS,
    MISSING_METHODS,
    OBJECT_METHODS,
    find_method,
    invoke,
    method,
    no_method_error,
    send,
)
from ncg.ruby.runtime.enumerable import enumerator, eql_by_fields, eql_key
from ncg.ruby.runtime.libraries import library_constant
from ncg.ruby.runtime.symbol import Symbol
from ncg.ruby.runtime.values import eq, inspect

Block = Callable[..., Any] | None

OPEN_STRUCT = library_constant("OpenStruct", RClass("OpenStruct", OBJECT), "ostruct")


class ROpenStruct:
    """An OpenStruct: its fields by Symbol, in the order they were first set."""

    __slots__ = ("table",)

    def __init__(self) -> None:
        self.table: dict[Symbol, Any] = {}

    @property
    def pairs(self) -> list[list[Any]]:
        return [[key, value] for key, value in self.table.items()]

    def __eq__(self, other: object) -> bool:  # an OpenStruct as a Hash key (`eql?`)
        return type(other) is ROpenStruct and eql_key(self.pairs) == eql_key(other.pairs)

    def __hash__(self) -> int:
        return hash(eql_key(self.pairs))


CLASS_OF[ROpenStruct] = OPEN_STRUCT
eql_by_fields(ROpenStruct, "pairs")


def field_name(name: Any) -> Symbol:
    """A field's name given as a Symbol or a String (`o[:a]`, `o["a"]`)."""
    if type(name) is Symbol:
        return name
    if isinstance(name, str):
        return Symbol.of(name)
    raise no_method_error(name, "to_sym")


@OPEN_STRUCT.smethod("new")
def new(cls: RClass, fields: Any = None) -> ROpenStruct:
    o = ROpenStruct()
    if fields is not None:
        if not isinstance(fields, dict):
            raise no_method_error(fields, "each_pair")
        for key, value in fields.items():
            o.table[field_name(key)] = value
    return o


def accessor(o: ROpenStruct, name: str, *args: Any, block: Block = None) -> Any:
    """A method OpenStruct has not: a field's reader or writer (`method_missing`)."""
    if name.endswith("=") and name[:-1].isidentifier():
        if len(args) != 1:
            raise ArgumentError(f"wrong number of arguments (given {len(args)}, expected 1)")
        o.table[Symbol.of(name[:-1])] = args[0]
        return args[0]
    if args or block is not None:
        raise no_method_error(o, name)
    return o.table.get(Symbol.of(name))


MISSING_METHODS[ROpenStruct] = accessor


@method(ROpenStruct, "[]")
def aref(o: ROpenStruct, name: Any) -> Any:
    return o.table.get(field_name(name))


@method(ROpenStruct, "[]=")
def aset(o: ROpenStruct, name: Any, value: Any) -> Any:
    o.table[field_name(name)] = value
    return value


@method(ROpenStruct, "to_h")
def to_h(o: ROpenStruct, block: Block = None) -> dict[Any, Any]:
    if block is None:
        return dict(o.table)
    return send(dict(o.table), "to_h", block=block)


@method(ROpenStruct, "each_pair")
def each_pair(o: ROpenStruct, block: Block = None) -> Any:
    if block is None:
        return enumerator(o, "each_pair")
    for key, value in list(o.table.items()):
        block([key, value])
    return o


@method(ROpenStruct, "dig")
def dig(o: ROpenStruct, name: Any, *rest: Any) -> Any:
    value = o.table.get(field_name(name))
    return send(value, "dig", *rest) if rest and value is not None else value


@method(ROpenStruct, "delete_field")
def delete_field(o: ROpenStruct, name: Any) -> Any:
    key = field_name(name)
    if key not in o.table:
        raise NameError_(f"no field `{key.name}' in {show(o)}")
    return o.table.pop(key)


@method(ROpenStruct, "respond_to?")
def respond_to(o: ROpenStruct, name: Any, include_all: Any = False) -> bool:
    key = field_name(name)
    if key in o.table or (key.name.endswith("=") and Symbol.of(key.name[:-1]) in o.table):
        return True
    return find_method(o, key.name) is not None


@method(ROpenStruct, "inspect", "to_s")
def show(o: ROpenStruct) -> str:
    fields = ", ".join(f"{key.name}={inspect(value)}" for key, value in o.table.items())
    return f"#<OpenStruct {fields}>" if fields else "#<OpenStruct>"


@method(ROpenStruct, "==")
def equal(o: ROpenStruct, other: Any) -> bool:
    return type(other) is ROpenStruct and eq(o.table, other.table)


@method(ROpenStruct, "dup", "clone")
def duplicate(o: ROpenStruct) -> ROpenStruct:
    copied = ROpenStruct()
    copied.table = dict(o.table)
    return copied


def _shadowed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """Method `name`, unless a field of that name shadows it (`o.method`, `o.class`)."""

    def call(o: ROpenStruct, *args: Any, block: Block = None) -> Any:
        if not args and block is None:
            key = Symbol.of(name)
            if key in o.table:
                return o.table[key]
        return invoke(fn, (o, *args), block, 1)

    return call


for _name, _fn in [*OBJECT_METHODS.items(), *METHODS[ROpenStruct].items()]:
    if _name.isidentifier() or _name[:-1].isidentifier() and _name[-1] in "?":
        METHODS[ROpenStruct][_name] = _shadowed(_name, _fn)
