"""Ruby Proc: any Python callable (compiled blocks, lambdas, `method(:x)`, `&:sym`).

A callable may carry `ncg_lambda = True` (made by `lambda`/`->`) and
`ncg_arity` (the block's Ruby arity, set by the compiler; compiled blocks
take `*args`, so their signature cannot tell).
"""

from __future__ import annotations

import functools
import inspect as pyinspect
import types
from collections.abc import Callable
from typing import Any

from ncg.ruby.runtime.core import method

Block = Callable[..., Any] | None

PROC_TYPES = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    functools.partial,
)


def is_lambda(fn: Callable[..., Any]) -> bool:
    return bool(getattr(fn, "ncg_lambda", False))


def arity(fn: Callable[..., Any]) -> int:
    """Ruby's arity: the count of required parameters, negative (-n-1) with optional ones."""
    declared = getattr(fn, "ncg_arity", None)
    if declared is not None:
        return declared
    try:
        params = [
            p for p in pyinspect.signature(fn).parameters.values() if p.name != "block"
        ]
    except (TypeError, ValueError):
        return -1
    required = sum(
        1 for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        and p.default is p.empty
    )
    optional = any(p.default is not p.empty or p.kind is p.VAR_POSITIONAL for p in params)
    return -required - 1 if optional else required


@method(PROC_TYPES, "call", "()", "yield", "[]", "===")
def call(fn: Callable[..., Any], *args: Any, block: Block = None) -> Any:
    if block is None:
        return fn(*args)
    return fn(*args, block=block)


@method(PROC_TYPES, "to_proc")
def to_proc(fn: Callable[..., Any]) -> Callable[..., Any]:
    return fn


@method(PROC_TYPES, "lambda?")
def lambda_p(fn: Callable[..., Any]) -> bool:
    return is_lambda(fn)


@method(PROC_TYPES, "arity")
def proc_arity(fn: Callable[..., Any]) -> int:
    return arity(fn)


@method(PROC_TYPES, "to_s", "inspect")
def inspect(fn: Callable[..., Any]) -> str:
    return "#<Proc:0x0000000000000000 (lambda)>" if is_lambda(fn) else "#<Proc:0x0000000000000000>"


@method(PROC_TYPES, "curry")
def curry(fn: Callable[..., Any], count: Any = None) -> Callable[..., Any]:
    """Proc#curry: collect arguments over several calls until there are enough."""
    wanted = count if count is not None else abs(arity(fn)) - (arity(fn) < 0)

    def collect(*got: Any) -> Any:
        if len(got) >= wanted:
            return fn(*got)
        return lambda *more: collect(*got, *more)

    return lambda *args: collect(*args)
