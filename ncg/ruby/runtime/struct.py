"""Ruby's Struct: `Point = Struct.new(:x, :y)`, a class of records.

Each Struct class gets a Python type of its own (a subclass of `RStruct`),
whose Ruby methods are its members' readers and writers: they shadow any
other method of that name, as Ruby defines them on the new class. A Struct
class is named by the constant it is first assigned to
(`Netomata::Template::Context::Point` in a template, as in the original).
Methods defined in a block of `Struct.new` are refused when the template is
compiled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ncg.errors import ArgumentError, IndexError_, NameError_, NotImplementedError_, TypeError_
from ncg.ruby.runtime.consts import CLASS_OF, ENUMERABLE, OBJECT, RClass, register_constant
from ncg.ruby.runtime.core import METHODS, method
from ncg.ruby.runtime.enumerable import eql_by_fields, eql_key, include_enumerable
from ncg.ruby.runtime.symbol import Symbol
from ncg.ruby.runtime.values import eq, inspect

Block = Callable[..., Any] | None

STRUCT = RClass("Struct", OBJECT, (ENUMERABLE,))
register_constant("Struct", STRUCT)


class RStruct:
    """A Struct's instance: its members' values, in the order of its members."""

    __slots__ = ("values",)
    members: tuple[Symbol, ...] = ()
    keyword_init: bool = False
    ruby_class: RClass = STRUCT

    def __init__(self, values: list[Any]) -> None:
        self.values = values

    @property
    def fields(self) -> tuple[Any, ...]:
        return (self.ruby_class, *self.values)

    def __eq__(self, other: object) -> bool:  # a Struct as a Hash key (`eql?`)
        return type(other) is type(self) and eql_key(self.values) == eql_key(
            other.values)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(eql_key(self.values))


include_enumerable(RStruct, lambda s: list(s.values))


def member_symbol(value: Any) -> Symbol:
    if type(value) is Symbol:
        return value
    if isinstance(value, str):
        return Symbol.of(value)
    raise TypeError_(f"{inspect(value)} is not a symbol nor a string")


@STRUCT.smethod("new")
def new_struct(cls: RClass, *names: Any) -> RClass:
    """`Struct.new(:a, :b, keyword_init: true)`: a new Struct class."""
    keyword_init = False
    if names and isinstance(names[-1], dict):
        options = names[-1]
        names = names[:-1]
        for key, value in options.items():
            if key != Symbol.of("keyword_init"):
                raise ArgumentError(f"unknown keyword: {inspect(key)}")
            keyword_init = value not in (None, False)
    if not names:
        raise ArgumentError("wrong number of arguments (given 0, expected 1+)")
    if names[0] is None:  # no class name
        names = names[1:]
    if isinstance(names[0], str):
        raise NotImplementedError_("Struct.new with a class name (Struct::Name)")
    if type(names[0]) is not Symbol:  # the first may be a class name: a String
        shown = CLASS_OF.get(type(names[0]), OBJECT).name
        raise TypeError_(f"no implicit conversion of {shown} into String")
    members = tuple(member_symbol(n) for n in names)
    if len(set(members)) != len(members):
        raise ArgumentError("duplicate member")
    new_class = RClass("", STRUCT, (ENUMERABLE,))
    py_type = type("RStruct_" + "_".join(m.name for m in members), (RStruct,),
                   {"__slots__": (), "members": members, "keyword_init": keyword_init,
                    "ruby_class": new_class})
    CLASS_OF[py_type] = new_class
    eql_by_fields(py_type, "fields")
    table = METHODS.setdefault(py_type, {})
    for i, member in enumerate(members):
        table[member.name] = _reader(i)
        table[member.name + "="] = _writer(i)

    def new(cls: RClass, *args: Any) -> RStruct:
        return construct(py_type, args)

    new_class.smethods["new"] = new
    new_class.smethods["[]"] = new
    new_class.smethods["members"] = lambda cls: list(members)
    return new_class


def _reader(i: int) -> Callable[[RStruct], Any]:
    return lambda s: s.values[i]


def _writer(i: int) -> Callable[[RStruct, Any], Any]:
    def write(s: RStruct, value: Any) -> Any:
        s.values[i] = value
        return value

    return write


def construct(py_type: type[RStruct], args: tuple[Any, ...]) -> RStruct:
    members = py_type.members
    if py_type.keyword_init:
        if len(args) > 1 or (args and not isinstance(args[0], dict)):
            raise ArgumentError(
                f"wrong number of arguments (given {len(args)}, expected 0)")
        given = dict(args[0]) if args else {}
        unknown = [k for k in given if member_symbol(k) not in members]
        if unknown:
            names = ", ".join(k.name if type(k) is Symbol else str(k) for k in unknown)
            raise ArgumentError(f"unknown keywords: {names}")
        by_name = {member_symbol(k): v for k, v in given.items()}
        return py_type([by_name.get(m) for m in members])
    if len(args) > len(members):
        raise ArgumentError("struct size differs")
    return py_type([*args, *([None] * (len(members) - len(args)))])


def member_index(s: RStruct, key: Any) -> int:
    """The position of member `key` (an index, a Symbol or a String)."""
    size = len(s.values)
    if isinstance(key, int) and not isinstance(key, bool):
        index = key + size if key < 0 else key
        if not 0 <= index < size:
            too = "small" if key < 0 else "large"
            raise IndexError_(f"offset {key} too {too} for struct(size:{size})")
        return index
    if type(key) is Symbol or isinstance(key, str):
        name = key.name if type(key) is Symbol else key
        for i, member in enumerate(s.members):
            if member.name == name:
                return i
        raise NameError_(f"no member '{name}' in struct")
    shown = CLASS_OF.get(type(key), OBJECT).name
    raise TypeError_(f"no implicit conversion of {shown} into Integer")


@method(RStruct, "[]")
def aref(s: RStruct, key: Any) -> Any:
    return s.values[member_index(s, key)]


@method(RStruct, "[]=")
def aset(s: RStruct, key: Any, value: Any) -> Any:
    s.values[member_index(s, key)] = value
    return value


method(RStruct, "to_a", "deconstruct", "values")(lambda s: list(s.values))
method(RStruct, "members")(lambda s: list(s.members))
method(RStruct, "size", "length")(lambda s: len(s.values))


@method(RStruct, "to_h")
def to_h(s: RStruct, block: Block = None) -> Any:
    pairs = dict(zip(s.members, s.values, strict=True))
    if block is None:
        return pairs
    from ncg.ruby.runtime.core import send

    return send(pairs, "to_h", block=block)


@method(RStruct, "each")
def each(s: RStruct, block: Block = None) -> Any:
    from ncg.ruby.runtime.enumerable import enumerator

    if block is None:
        return enumerator(s, "each")
    for value in list(s.values):
        block(value)
    return s


@method(RStruct, "each_pair")
def each_pair(s: RStruct, block: Block = None) -> Any:
    from ncg.ruby.runtime.enumerable import enumerator

    if block is None:
        return enumerator(s, "each_pair")
    for member, value in zip(s.members, list(s.values), strict=True):
        block([member, value])
    return s


@method(RStruct, "values_at")
def values_at(s: RStruct, *indexes: Any) -> list[Any]:
    return [s.values[member_index(s, i)] for i in indexes]


@method(RStruct, "dig")
def dig(s: RStruct, key: Any, *rest: Any) -> Any:
    from ncg.ruby.runtime.core import send

    value = aref(s, key)
    return send(value, "dig", *rest) if rest and value is not None else value


@method(RStruct, "==")
def equal(s: RStruct, other: Any) -> bool:
    return type(other) is type(s) and all(
        eq(a, b) for a, b in zip(s.values, other.values, strict=True))


@method(RStruct, "inspect", "to_s")
def show(s: RStruct) -> str:
    fields = ", ".join(f"{m.name}={inspect(v)}" for m, v in zip(s.members, s.values, strict=True))
    name = f" {s.ruby_class.name}" if s.ruby_class.name else ""
    return f"#<struct{name} {fields}>"


@method(RStruct, "dup", "clone")
def duplicate(s: RStruct) -> RStruct:
    return type(s)(list(s.values))
