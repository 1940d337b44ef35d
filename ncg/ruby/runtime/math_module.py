"""Ruby's Math module (`Math.sqrt`, `Math.log`…) and Integer.sqrt."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ncg.errors import MathDomainError, TypeError_
from ncg.ruby.runtime.consts import INTEGER, MATH, RClass
from ncg.ruby.runtime.sprintf import conversion_name


def float_arg(value: Any) -> float:
    """Math functions take any Numeric; a String or nil is a TypeError."""
    if type(value) in (int, float, Fraction):
        return float(value)
    raise TypeError_(f"can't convert {conversion_name(value)} into Float")


def domain_checked(name: str, fn: Callable[..., float],
                   valid: Callable[..., bool]) -> Callable[..., float]:
    def apply(cls: RClass, *values: Any) -> float:
        args = [float_arg(v) for v in values]
        if not valid(*args):
            raise MathDomainError(f"Numerical argument is out of domain - {name}")
        try:
            return fn(*args)
        except OverflowError:
            return math.inf
        except ValueError:
            return -math.inf

    return apply


def always(*_args: float) -> bool:
    return True


def cbrt(x: float) -> float:
    """The cube root, with the Newton step MRI adds to glibc's (27 gives 3.0)."""
    root = math.cbrt(x)
    if math.isfinite(root) and root != 0:
        root = (2.0 * root + x / root / root) / 3.0
    return root


def log(cls: RClass, x: Any, base: Any = None) -> float:
    value = float_arg(x)
    if value < 0:
        raise MathDomainError("Numerical argument is out of domain - log")
    if value == 0:
        return -math.inf
    if base is None:
        return math.log(value)
    return math.log(value) / math.log(float_arg(base))


FUNCTIONS: dict[str, tuple[Callable[..., float], Callable[..., bool]]] = {
    "sqrt": (math.sqrt, lambda x: x >= 0),
    "cbrt": (cbrt, always),
    "sin": (math.sin, always),
    "cos": (math.cos, always),
    "tan": (math.tan, always),
    "asin": (math.asin, lambda x: -1 <= x <= 1),
    "acos": (math.acos, lambda x: -1 <= x <= 1),
    "atan": (math.atan, always),
    "atan2": (math.atan2, always),
    "sinh": (math.sinh, always),
    "cosh": (math.cosh, always),
    "tanh": (math.tanh, always),
    "exp": (math.exp, always),
    "log2": (math.log2, lambda x: x >= 0),
    "log10": (math.log10, lambda x: x >= 0),
    "hypot": (math.hypot, always),
    "pow": (math.pow, always),
}
for _name, (_fn, _valid) in FUNCTIONS.items():
    MATH.smethods[_name] = domain_checked(_name, _fn, _valid)
MATH.smethods["log"] = log


@INTEGER.smethod("sqrt")
def integer_sqrt(cls: RClass, n: Any) -> int:
    if type(n) is not int:
        n = int(float_arg(n))
    if n < 0:
        raise MathDomainError("Numerical argument is out of domain - isqrt")
    return math.isqrt(n)
