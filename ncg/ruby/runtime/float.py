"""Ruby Float methods on Python `float` (arithmetic is shared in numeric.py)."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from ncg.ruby.runtime import numeric as num
from ncg.ruby.runtime.core import method


@method(float, "to_s", "inspect")
def to_s(x: float) -> str:
    return num.float_to_s(x)


@method(float, "to_f")
def to_f(x: float) -> float:
    return x


@method(float, "to_i", "to_int")
def to_i(x: float) -> int:
    return num.float_to_integer(x)


@method(float, "to_r")
def to_r(x: float) -> Fraction:
    return Fraction(x)


@method(float, "round")
def round_(x: float, *args: Any) -> int | float:
    ndigits, mode = num.split_round_args(args)
    return num.float_round(x, ndigits, mode)


@method(float, "floor")
def floor(x: float, ndigits: Any = 0) -> int | float:
    return num.float_floor(x, num.to_int_arg(ndigits))


@method(float, "ceil")
def ceil(x: float, ndigits: Any = 0) -> int | float:
    return num.float_ceil(x, num.to_int_arg(ndigits))


@method(float, "truncate")
def truncate(x: float, ndigits: Any = 0) -> int | float:
    return num.float_truncate(x, num.to_int_arg(ndigits))


@method(float, "nan?")
def is_nan(x: float) -> bool:
    return math.isnan(x)


@method(float, "infinite?")
def infinite(x: float) -> int | None:
    if math.isinf(x):
        return 1 if x > 0 else -1
    return None


@method(float, "finite?")
def is_finite(x: float) -> bool:
    return math.isfinite(x)


@method(float, "integer?")
def is_integer(x: float) -> bool:
    return False


@method(float, "next_float")
def next_float(x: float) -> float:
    return math.nextafter(x, math.inf)


@method(float, "prev_float")
def prev_float(x: float) -> float:
    return math.nextafter(x, -math.inf)


@method(float, "quo")
def quo(x: float, other: Any) -> float:
    return num.divide(x, other)


# -- Rational (what `2 ** -1` gives) ------------------------------------------


@method(Fraction, "to_s")
def rational_to_s(r: Fraction) -> str:
    return f"{r.numerator}/{r.denominator}"


@method(Fraction, "inspect")
def rational_inspect(r: Fraction) -> str:
    return f"({r.numerator}/{r.denominator})"


@method(Fraction, "to_f")
def rational_to_f(r: Fraction) -> float:
    return float(r)


@method(Fraction, "to_i", "truncate")
def rational_to_i(r: Fraction) -> int:
    return math.trunc(r)


@method(Fraction, "to_r")
def rational_to_r(r: Fraction) -> Fraction:
    return r


@method(Fraction, "numerator")
def numerator(r: Fraction) -> int:
    return r.numerator


@method(Fraction, "denominator")
def denominator(r: Fraction) -> int:
    return r.denominator


@method(Fraction, "round")
def rational_round(r: Fraction, *args: Any) -> Any:
    ndigits, mode = num.split_round_args(args)
    rounded = num.rational_round(r, max(ndigits, 0), mode)
    return math.trunc(rounded) if ndigits <= 0 else rounded


@method(Fraction, "floor")
def rational_floor(r: Fraction) -> int:
    return math.floor(r)


@method(Fraction, "ceil")
def rational_ceil(r: Fraction) -> int:
    return math.ceil(r)
