"""Ruby Symbol: an interned name (`:abc`), with a few String-like methods."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ncg.ruby.runtime.core import method, send

OPERATOR_NAMES = frozenset(
    "+ - * / % ** == === != =~ !~ ! < > <= >= <=> << >> & | ^ ~ +@ -@ [] []= `".split()
)
PLAIN_NAME = re.compile(
    r"(?:[^\W\d]\w*[?!=]?|@@?[^\W\d]\w*|\$(?:[^\W\d]\w*|\d+|-\w|[~*$?!@/\\;,.=:<>\"&`'+0]))\Z"
)


class Symbol:
    """One Ruby symbol; `Symbol.of(name)` always gives the same object for a name."""

    __slots__ = ("name",)
    _table: dict[str, Symbol] = {}

    def __init__(self, name: str) -> None:
        self.name = name

    @classmethod
    def of(cls, name: str) -> Symbol:
        found = cls._table.get(name)
        if found is None:  # setdefault: two threads interning a name get one Symbol
            found = cls._table.setdefault(name, cls(name))
        return found

    def __call__(self, recv: Any, *args: Any) -> Any:
        """A symbol used as a block (`map(&:upcase)`) calls that method."""
        return send(recv, self.name, *args)

    def __repr__(self) -> str:
        return symbol_inspect(self)

    def __lt__(self, other: Symbol) -> bool:
        return self.name < other.name


def symbol_inspect(sym: Symbol) -> str:
    """`:abc`, `:+`, `:a?`, or the quoted `:"a b"` when the name needs quoting."""
    name = sym.name
    if name in OPERATOR_NAMES or PLAIN_NAME.match(name):
        return ":" + name
    return ":" + send(name, "inspect")


def symbol_to_proc(sym: Symbol) -> Callable[..., Any]:
    """`:upcase.to_proc`: calls the method on its first argument (a lambda)."""

    def call_method(recv: Any, *args: Any) -> Any:
        return send(recv, sym.name, *args)

    call_method.ncg_lambda = True  # type: ignore[attr-defined]
    call_method.ncg_arity = -2  # type: ignore[attr-defined]
    return call_method


@method(Symbol, "to_s", "id2name", "name")
def to_s(sym: Symbol) -> str:
    return sym.name


@method(Symbol, "to_sym")
def to_sym(sym: Symbol) -> Symbol:
    return sym


@method(Symbol, "inspect")
def inspect(sym: Symbol) -> str:
    return symbol_inspect(sym)


@method(Symbol, "to_proc")
def to_proc(sym: Symbol) -> Callable[..., Any]:
    return symbol_to_proc(sym)


@method(Symbol, "<=>")
def compare(sym: Symbol, other: Any) -> int | None:
    if type(other) is not Symbol:
        return None
    return (sym.name > other.name) - (sym.name < other.name)


@method(Symbol, "==", "===", "eql?", "equal?")
def equal(sym: Symbol, other: Any) -> bool:
    return sym is other


@method(Symbol, "length", "size")
def length(sym: Symbol) -> int:
    return len(sym.name)


@method(Symbol, "empty?")
def is_empty(sym: Symbol) -> bool:
    return not sym.name


def as_string_method(name: str, returns_symbol: bool) -> None:
    """Symbol#name works like String#name on the symbol's name."""

    def on_name(sym: Symbol, *args: Any, block: Callable[..., Any] | None = None) -> Any:
        result = send(sym.name, name, *args, block=block)
        return Symbol.of(result) if returns_symbol and type(result) is str else result

    method(Symbol, name)(on_name)


for _name in ("upcase", "downcase", "capitalize", "swapcase", "succ", "next"):
    as_string_method(_name, returns_symbol=True)
for _name in ("[]", "slice", "start_with?", "end_with?", "=~", "match", "match?", "encoding"):
    as_string_method(_name, returns_symbol=False)
