"""What Integer and Float share: Ruby's arithmetic, comparison and rounding.

Ruby's `/` and `%` floor, dividing a Float by zero gives Infinity or NaN,
mixing in a non-number is a TypeError naming its class, and rounding is
half away from zero. The rounding and formatting follow MRI's numeric.c so
that the same double prints the same digits.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from ncg.errors import ArgumentError, FloatDomainError, TypeError_, ZeroDivisionError_
from ncg.ruby.runtime.object import IMMEDIATE_TYPES, class_of, compare_error
from ncg.ruby.runtime.symbol import Symbol


def rational_literal(numerator: int, denominator: int) -> Fraction:
    """`3r`, `1.5r`: a Rational literal."""
    return Fraction(numerator, denominator)


def is_number(value: Any) -> bool:
    """A Ruby Numeric (bool is an int in Python but not in Ruby)."""
    t = type(value)
    return t is int or t is float or t is Fraction


def described(value: Any) -> str:
    """How Ruby names a value in coercion errors: immediates by inspect, else the class."""
    from ncg.ruby.runtime.core import send

    return send(value, "inspect") if type(value) in IMMEDIATE_TYPES else class_of(value).name


def coerce_error(value: Any, target: Any) -> TypeError_:
    return TypeError_(f"{described(value)} can't be coerced into {class_of(target).name}")


def zero_division() -> ZeroDivisionError_:
    return ZeroDivisionError_("divided by 0")


def check_number(recv: Any, other: Any) -> None:
    if not is_number(other):
        raise coerce_error(other, recv)


def to_int_arg(value: Any) -> int:
    """An Integer argument (digits, radix): Floats truncate, others are TypeErrors."""
    if type(value) is int:
        return value
    if type(value) is float:
        return float_to_integer(value)
    if value is None:
        raise TypeError_("no implicit conversion from nil to integer")
    raise TypeError_(f"no implicit conversion of {class_of(value).name} into Integer")


def int_to_float(n: int) -> float:
    """Integer#to_f: an Integer past Float's range is ±Infinity, as in MRI."""
    try:
        return float(n)
    except OverflowError:
        return math.inf if n > 0 else -math.inf


def float_to_integer(value: float) -> int:
    """Float#to_i: truncation, FloatDomainError for Infinity and NaN."""
    if math.isnan(value):
        raise FloatDomainError("NaN")
    if math.isinf(value):
        raise FloatDomainError("Infinity" if value > 0 else "-Infinity")
    return int(value)


# -- arithmetic -------------------------------------------------------------


def add(a: Any, b: Any) -> Any:
    check_number(a, b)
    return a + b


def subtract(a: Any, b: Any) -> Any:
    check_number(a, b)
    return a - b


def multiply(a: Any, b: Any) -> Any:
    check_number(a, b)
    return a * b


def float_divide(a: float, b: float) -> float:
    """IEEE division: x/0.0 is ±Infinity, 0/0.0 NaN (Python raises instead)."""
    if b != 0:
        return a / b
    if a == 0 or math.isnan(a):
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def divide(a: Any, b: Any) -> Any:
    """Ruby `/`: Integer division floors; a Float anywhere makes it Float division."""
    check_number(a, b)
    if type(a) is float or type(b) is float:
        return float_divide(float(a), float(b))
    if b == 0:
        raise zero_division()
    if type(a) is int and type(b) is int:
        return a // b
    return Fraction(a) / Fraction(b)


def float_divmod(a: float, b: float) -> tuple[float, float]:
    """MRI's flodivmod: the quotient floors, the remainder takes the divisor's sign."""
    if math.isnan(b):
        return b, b
    if b == 0:
        raise zero_division()
    if a == 0 or (math.isinf(b) and not math.isinf(a)):
        mod = a
    else:
        mod = math.fmod(a, b)
    if math.isinf(a) and not math.isinf(b):
        div = a
    else:
        div = round_half_away((a - mod) / b)
    if b * mod < 0:
        mod += b
        div -= 1.0
    return div, mod


def modulo(a: Any, b: Any) -> Any:
    check_number(a, b)
    if type(a) is float or type(b) is float:
        return float_divmod(float(a), float(b))[1]
    if b == 0:
        raise zero_division()
    return a % b


def divmod_(a: Any, b: Any) -> list[Any]:
    check_number(a, b)
    if type(a) is float or type(b) is float:
        div, mod = float_divmod(float(a), float(b))
        return [float_to_integer(div), mod]
    if b == 0:
        raise zero_division()
    return [a // b, a % b]


def integer_div(a: Any, b: Any) -> int:
    """Numeric#div: the floored quotient as an Integer."""
    check_number(a, b)
    if b == 0:
        raise zero_division()
    return divmod_(a, b)[0]


def remainder(a: Any, b: Any) -> Any:
    """Numeric#remainder: the remainder with the dividend's sign."""
    check_number(a, b)
    if type(a) is float or type(b) is float:
        if b == 0:
            return math.nan
        return math.fmod(float(a), float(b))
    if b == 0:
        raise zero_division()
    rest = abs(a) % abs(b)
    return rest if a >= 0 else -rest


def power(a: Any, b: Any) -> Any:
    """Ruby `**`: a negative Integer exponent gives a Rational; overflow gives Infinity."""
    check_number(a, b)
    if type(a) is int and type(b) is int:
        return integer_power(a, b)
    try:
        return a ** b
    except OverflowError:
        return math.inf if a > 0 or (type(b) is int and b % 2 == 0) else -math.inf
    except ZeroDivisionError:
        return math.inf


# Ruby 3.1's limits on Integer#** (bignum.c, numeric.c): a result that would
# take more than BIGLEN_LIMIT bits is computed as a Float, Infinity
FIXNUM_MAX = (1 << 62) - 1
SQRT_LONG_MAX = 1 << 31
BIGLEN_LIMIT = 32 * 1024 * 1024


def integer_power(x: int, y: int) -> Any:
    """Integer ** Integer as MRI computes it: exactly, or (when the result
    would pass BIGLEN_LIMIT bits) as C's pow() of Floats, so that a huge
    exponent answers Infinity at once instead of computing for ever."""
    if x == 1:
        return 1
    if x == -1:
        return -1 if y % 2 else 1
    if y < 0:
        if x == 0:
            raise zero_division()
        result = integer_power(x, -y)
        if type(result) is float:
            return 1.0 / c_pow(x, result)
        return Fraction(1, result)
    if y == 0:
        return 1
    if y == 1:
        return x
    if x == 0:
        return 0
    if y > FIXNUM_MAX:
        return c_pow(x, y)
    if abs(x) > FIXNUM_MAX:
        return big_power(x, y)
    return fixnum_power(x, y)


def big_power(x: int, y: int) -> Any:
    bits = abs(x).bit_length()
    if bits > BIGLEN_LIMIT or bits * y > BIGLEN_LIMIT:
        return c_pow(x, y)
    return x ** y


def fixnum_power(x: int, y: int) -> Any:
    """MRI's int_pow: square while the base fits a machine word, then go on
    in bignums (where the size limit applies to what is left)."""
    negative = x < 0
    x = abs(x)
    z = x if y & 1 else 1
    negative = negative and bool(y & 1)
    y &= ~1
    while y:
        while y % 2 == 0:
            if x >= SQRT_LONG_MAX:
                return rest_in_bignums(x, y, z, negative)
            x *= x
            y >>= 1
        if x * z > FIXNUM_MAX:
            return rest_in_bignums(x, y, z, negative)
        z *= x
        y -= 1
    return -z if negative else z


def rest_in_bignums(x: int, y: int, z: int, negative: bool) -> Any:
    v = big_power(x, y)
    if type(v) is float:
        return v
    return (-z if negative else z) * v


def c_pow(x: int | float, y: int | float) -> float:
    """C's pow() of the two as doubles: ±Infinity when it overflows."""
    try:
        base = float(x)
    except OverflowError:
        base = math.inf if x > 0 else -math.inf
    exponent = float(y)
    try:
        return math.pow(base, exponent)
    except OverflowError:
        odd = exponent.is_integer() and abs(exponent) < 2**53 and int(exponent) % 2 == 1
        return -math.inf if base < 0 and odd else math.inf


def fdiv(a: Any, b: Any) -> float:
    check_number(a, b)
    if type(a) is int and type(b) is int:
        return float(Fraction(a, b)) if b else float_divide(int_to_float(a), 0.0)
    return float_divide(float(a), float(b))


# -- comparison -------------------------------------------------------------


def equals(a: Any, b: Any) -> bool:
    return is_number(b) and a == b


def spaceship(a: Any, b: Any) -> int | None:
    if not is_number(b):
        return None
    if (type(a) is float and math.isnan(a)) or (type(b) is float and math.isnan(b)):
        return None
    return (a > b) - (a < b)


def comparable_arg(a: Any, b: Any) -> None:
    if not is_number(b):
        raise compare_error(a, b)


def less(a: Any, b: Any) -> bool:
    comparable_arg(a, b)
    return a < b


def less_equal(a: Any, b: Any) -> bool:
    comparable_arg(a, b)
    return a <= b


def greater(a: Any, b: Any) -> bool:
    comparable_arg(a, b)
    return a > b


def greater_equal(a: Any, b: Any) -> bool:
    comparable_arg(a, b)
    return a >= b


def coerce(a: Any, b: Any) -> list[Any]:
    """Numeric#coerce: [other, self] in a common type."""
    if type(a) is int and type(b) is int:
        return [b, a]
    if not is_number(b):
        if type(b) is str:
            from ncg.ruby.runtime.kernel import ruby_float

            return [ruby_float(b), float(a)]
        raise TypeError_(f"can't convert {described(b)} into Float")
    return [float(b), float(a)]


# -- rounding ---------------------------------------------------------------

HALF_MODES = ("up", "even", "down")


def rounding_mode(options: Any) -> str:
    """The `half:` keyword of round (`:up`, `:even`, `:down`; nil is :up)."""
    if options is None:
        return "up"
    if type(options) is not dict:
        raise TypeError_(f"no implicit conversion of {class_of(options).name} into Integer")
    mode = options.get(Symbol.of("half"))
    if mode is None:
        return "up"
    name = mode.name if type(mode) is Symbol else mode if type(mode) is str else None
    if name not in HALF_MODES:
        from ncg.ruby.runtime.core import send

        raise ArgumentError(f"invalid rounding mode: {send(mode, 'to_s')}")
    return name


def split_round_args(args: tuple[Any, ...]) -> tuple[int, str]:
    """`round(ndigits = 0, half: mode)`: the keyword hash comes last when given."""
    options = None
    if args and type(args[-1]) is dict:
        options, args = args[-1], args[:-1]
    if len(args) > 1:
        raise ArgumentError(f"wrong number of arguments (given {len(args)}, expected 0..1)")
    ndigits = to_int_arg(args[0]) if args else 0
    return ndigits, rounding_mode(options)


def round_half_away(x: float) -> float:
    """C's round(): halves go away from zero."""
    if math.isinf(x) or math.isnan(x):
        return x
    f = math.floor(abs(x))
    r = f + 1 if abs(x) - f >= 0.5 else f
    return math.copysign(r, x)


def round_half_up(x: float, s: float) -> float:
    f = round_half_away(x * s)
    if s == 1.0:
        return f
    if x > 0:
        if (f + 0.5) / s <= x:
            f += 1
    elif (f - 0.5) / s >= x:
        f -= 1
    return f


def round_half_down(x: float, s: float) -> float:
    f = round_half_away(x * s)
    if x > 0:
        if (f - 0.5) / s >= x:
            f -= 1
    elif (f + 0.5) / s <= x:
        f += 1
    return f


def round_half_even(x: float, s: float) -> float:
    v, u = math.modf(x)
    us, vs = u * s, v * s
    if x > 0.0:
        f = math.floor(vs)
        uf = us + f
        d = vs - f
        if d > 0.5:
            d = 1.0
        elif d == 0.5 or (uf + 0.5) / s <= x:
            d = math.fmod(uf, 2.0)
        else:
            d = 0.0
        return us + f + d
    if x < 0.0:
        f = math.ceil(vs)
        uf = us + f
        d = f - vs
        if d > 0.5:
            d = 1.0
        elif d == 0.5 or (uf - 0.5) / s >= x:
            d = math.fmod(-uf, 2.0)
        else:
            d = 0.0
        return us + f - d
    return x


FLOAT_ROUNDERS = {"up": round_half_up, "down": round_half_down, "even": round_half_even}


def binary_exponent(x: float) -> int:
    return math.frexp(x)[1]


def c_div(a: int, b: int) -> int:
    """C integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def round_overflows(ndigits: int, binexp: int) -> bool:
    """Rounding to ndigits cannot change the number (MRI's float_round_overflow)."""
    return ndigits >= 17 - (c_div(binexp, 4) if binexp > 0 else c_div(binexp, 3) - 1)


def round_underflows(ndigits: int, binexp: int) -> bool:
    """Rounding to ndigits gives zero (MRI's float_round_underflow)."""
    return ndigits < -(c_div(binexp, 3) + 1 if binexp > 0 else c_div(binexp, 4))


def float_round(x: float, ndigits: int, mode: str) -> int | float:
    if x == 0.0:
        return x if ndigits > 0 else 0
    if ndigits < 0:
        return integer_round(float_to_integer(x), ndigits, mode)
    if ndigits == 0:
        return float_to_integer(FLOAT_ROUNDERS[mode](x, 1.0))
    if not math.isfinite(x):
        return x
    binexp = binary_exponent(x)
    if round_overflows(ndigits, binexp):
        return x
    if round_underflows(ndigits, binexp):
        return 0.0
    if ndigits > 14:
        return float(rational_round(Fraction(x), ndigits, mode))
    s = 10.0 ** ndigits
    return FLOAT_ROUNDERS[mode](x, s) / s


def rational_round(x: Fraction, ndigits: int, mode: str) -> Fraction:
    scaled = x * 10 ** ndigits
    whole = math.floor(abs(scaled))
    rest = abs(scaled) - whole
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and (
        mode == "up" or (mode == "even" and whole % 2 == 1)
    )):
        whole += 1
    return Fraction(int(math.copysign(whole, scaled)), 10 ** ndigits)


def c_floor(y: float) -> float:
    """C's floor(): a float, keeping the sign of zero."""
    return math.copysign(float(math.floor(y)), y) if math.isfinite(y) else y


def c_ceil(y: float) -> float:
    """C's ceil(): a float; ceil(-0.5) is -0.0."""
    return math.copysign(float(math.ceil(y)), y) if math.isfinite(y) else y


def float_floor(x: float, ndigits: int) -> int | float:
    if x == 0.0:
        return x if ndigits > 0 else 0
    if ndigits > 0:
        binexp = binary_exponent(x)
        if not math.isfinite(x) or round_overflows(ndigits, binexp):
            return x
        if x > 0.0 and round_underflows(ndigits, binexp):
            return 0.0
        s = 10.0 ** ndigits
        mul = c_floor(x * s)
        result = (mul + 1) / s
        return mul / s if result > x else result
    whole = float_to_integer(math.floor(x)) if math.isfinite(x) else float_to_integer(x)
    return integer_floor(whole, ndigits) if ndigits < 0 else whole


def float_ceil(x: float, ndigits: int) -> int | float:
    if x == 0.0:
        return x if ndigits > 0 else 0
    if ndigits > 0:
        binexp = binary_exponent(x)
        if not math.isfinite(x) or round_overflows(ndigits, binexp):
            return x
        if x < 0.0 and round_underflows(ndigits, binexp):
            return 0.0
        s = 10.0 ** ndigits
        return c_ceil(x * s) / s
    whole = float_to_integer(math.ceil(x)) if math.isfinite(x) else float_to_integer(x)
    return integer_ceil(whole, ndigits) if ndigits < 0 else whole


def float_truncate(x: float, ndigits: int) -> int | float:
    return float_ceil(x, ndigits) if math.copysign(1.0, x) < 0 else float_floor(x, ndigits)


FIXNUM_LIMIT = 2**62


def is_fixnum(n: int) -> bool:
    return -FIXNUM_LIMIT <= n < FIXNUM_LIMIT


def rounds_to_zero(n: int, ndigits: int) -> bool:
    """MRI's int_round_zero_p: 10**-ndigits is so big that n rounds (floors, ceils) to 0."""
    size = 8 if is_fixnum(n) else (abs(n).bit_length() + 7) // 8
    return -0.415241 * ndigits - 0.125 > size


def integer_round(n: int, ndigits: int, mode: str) -> int:
    """Integer#round(ndigits): to a multiple of 10**-ndigits, halves by `mode`."""
    if ndigits >= 0:
        return n
    if rounds_to_zero(n, ndigits):
        return 0
    step = 10 ** -ndigits
    magnitude, rest = divmod(abs(n), step)
    if 2 * rest > step or (2 * rest == step and (
        mode == "up" or (mode == "even" and magnitude % 2 == 1)
    )):
        magnitude += 1
    return magnitude * step if n >= 0 else -magnitude * step


def integer_floor(n: int, ndigits: int) -> int:
    if ndigits >= 0:
        return n
    if rounds_to_zero(n, ndigits):
        return 0
    step = 10 ** -ndigits
    return n - n % step


def integer_ceil(n: int, ndigits: int) -> int:
    if ndigits >= 0:
        return n
    if rounds_to_zero(n, ndigits):
        return 0
    step = 10 ** -ndigits
    if not (is_fixnum(n) and is_fixnum(step)):
        # MRI's bignum path adds a whole step even to an exact multiple
        return n + (step - n % step)
    return n + (-n) % step


def integer_truncate(n: int, ndigits: int) -> int:
    if ndigits >= 0 or rounds_to_zero(n, ndigits):
        return n if ndigits >= 0 else 0
    step = 10 ** -ndigits
    if n < 0 and not (is_fixnum(n) and is_fixnum(step)):
        return n + (step - n % step)  # MRI's bignum quirk, as in integer_ceil
    return integer_ceil(n, ndigits) if n < 0 else integer_floor(n, ndigits)


# -- formatting -------------------------------------------------------------


def float_to_s(x: float) -> str:
    """Float#to_s: the shortest digits that read back, laid out as MRI's flo_to_s."""
    text = repr(x)
    if "e" not in text and -1e15 < x < 1e15:
        return text  # Python and MRI agree on the plain forms below 1e15 (nan has an n)
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if math.isnan(x):
        return "NaN"
    sign = "-" if math.copysign(1.0, x) < 0 else ""
    digits, decpt = shortest_digits(abs(x))
    count = len(digits)
    if 0 < decpt:
        if decpt < count:
            return f"{sign}{digits[:decpt]}.{digits[decpt:]}"
        if decpt <= 15:
            return f"{sign}{digits}{'0' * (decpt - count)}.0"
    elif decpt > -4:
        return f"{sign}0.{'0' * -decpt}{digits}"
    mantissa = f"{digits[0]}.{digits[1:] or '0'}"
    exponent = decpt - 1
    return f"{sign}{mantissa}e{'+' if exponent >= 0 else '-'}{abs(exponent):02d}"


def shortest_digits(x: float) -> tuple[str, int]:
    """The shortest round-trip decimal digits of x ≥ 0 and the decimal point's place."""
    if x == 0:
        return "0", 1
    mantissa, _, exp = f"{x!r}".partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).lstrip("0")
    if whole == "0":
        decpt = -(len(frac) - len(frac.lstrip("0")))
    else:
        decpt = len(whole) + (int(exp) if exp else 0)
    return digits.rstrip("0") or "0", decpt
