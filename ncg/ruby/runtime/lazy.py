"""Enumerator::Lazy: `(1..Float::INFINITY).lazy.map { … }.first(3)`.

A lazy chain is a Python generator pipeline over what the receiver's `each`
yields, so an endless source is only walked as far as the chain asks.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ncg.ruby.runtime.core import method
from ncg.ruby.runtime.enumerable import each_yields, pack, to_int
from ncg.ruby.runtime.values import truthy

Block = Callable[..., Any]
Stage = Callable[[Iterator[tuple[Any, ...]]], Iterator[tuple[Any, ...]]]


class Lazy:
    """A source and the stages applied, in order, to each value it yields."""

    __slots__ = ("source", "stages", "labels")

    def __init__(self, source: Any, stages: tuple[Stage, ...] = (),
                 labels: tuple[str, ...] = ()) -> None:
        self.source = source
        self.stages = stages
        self.labels = labels  # for inspect: "map", "take(3)"

    def then(self, stage: Stage, label: str) -> Lazy:
        return Lazy(self.source, (*self.stages, stage), (*self.labels, label))

    def values(self) -> Iterator[tuple[Any, ...]]:
        flow: Iterator[tuple[Any, ...]] = iter(each_yields(self.source))
        for stage in self.stages:
            flow = stage(flow)
        return flow


def _mapped(block: Block) -> Stage:
    return lambda flow: ((block(*values),) for values in flow)


def _kept(block: Block, keep: bool) -> Stage:
    return lambda flow: (values for values in flow if truthy(block(*values)) is keep)


def _filter_mapped(block: Block) -> Stage:
    return lambda flow: ((v,) for v in (block(*values) for values in flow) if truthy(v))


@method(Lazy, "map", "collect")
def lazy_map(recv: Lazy, *, block: Block) -> Lazy:
    return recv.then(_mapped(block), "map")


@method(Lazy, "select", "filter")
def lazy_select(recv: Lazy, *, block: Block) -> Lazy:
    return recv.then(_kept(block, True), "select")


@method(Lazy, "reject")
def lazy_reject(recv: Lazy, *, block: Block) -> Lazy:
    return recv.then(_kept(block, False), "reject")


@method(Lazy, "filter_map")
def lazy_filter_map(recv: Lazy, *, block: Block) -> Lazy:
    return recv.then(_filter_mapped(block), "filter_map")


@method(Lazy, "take_while")
def lazy_take_while(recv: Lazy, *, block: Block) -> Lazy:
    holds = lambda values: truthy(block(*values))  # noqa: E731
    return recv.then(lambda flow: itertools.takewhile(holds, flow), "take_while")


@method(Lazy, "drop_while")
def lazy_drop_while(recv: Lazy, *, block: Block) -> Lazy:
    holds = lambda values: truthy(block(*values))  # noqa: E731
    return recv.then(lambda flow: itertools.dropwhile(holds, flow), "drop_while")


@method(Lazy, "take")
def lazy_take(recv: Lazy, count: Any) -> Lazy:
    return recv.then(lambda flow: itertools.islice(flow, to_int(count)), f"take({count})")


@method(Lazy, "drop")
def lazy_drop(recv: Lazy, count: Any) -> Lazy:
    return recv.then(lambda flow: itertools.islice(flow, to_int(count), None), f"drop({count})")


def _packed(flow: Iterable[tuple[Any, ...]]) -> list[Any]:
    return [pack(values) for values in flow]


@method(Lazy, "first")
def lazy_first(recv: Lazy, *count: Any) -> Any:
    if count:
        return _packed(itertools.islice(recv.values(), to_int(count[0])))
    found = next(recv.values(), None)
    return None if found is None else pack(found)


@method(Lazy, "to_a", "force")
def lazy_to_a(recv: Lazy) -> list[Any]:
    return _packed(recv.values())


@method(Lazy, "each")
def lazy_each(recv: Lazy, *, block: Block) -> Lazy:
    for values in recv.values():
        block(*values)
    return recv


@method(Lazy, "find", "detect")
def lazy_find(recv: Lazy, *, block: Block) -> Any:
    for values in recv.values():
        if truthy(block(*values)):
            return pack(values)
    return None


@method(Lazy, "include?", "member?")
def lazy_include(recv: Lazy, value: Any) -> bool:
    from ncg.ruby.runtime.values import eq

    return any(eq(pack(values), value) for values in recv.values())


@method(Lazy, "lazy")
def lazy_lazy(recv: Lazy) -> Lazy:
    return recv


@method(Lazy, "inspect", "to_s")
def lazy_inspect(recv: Lazy) -> str:
    from ncg.ruby.runtime.values import inspect

    shown = f"#<Enumerator::Lazy: {inspect(recv.source)}>"
    for label in recv.labels:
        shown = f"#<Enumerator::Lazy: {shown}:{label}>"
    return shown
