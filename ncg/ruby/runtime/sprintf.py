"""Ruby's `format`/`sprintf`/`String#%`: the format language and MRI's digits.

MRI formats floats with its own dtoa. Its quick path generates the digits
in floating point and, when the rest lies within its error bound of one
half, rounds the last digit to even; so `format("%.2f", 2.675)` is "2.68"
where C's printf says "2.67". `quick_digits` reproduces that path; numbers
it gives up on are exactly rounded, as both MRI and Python do.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

from ncg.errors import ArgumentError, FloatDomainError, KeyError_, TypeError_
from ncg.ruby.runtime.core import send
from ncg.ruby.runtime.symbol import Symbol

TENS = [10.0**i for i in range(23)]
BIG_TENS = [1e16, 1e32, 1e64, 1e128, 1e256]
QUICK_MAX = 14

TEMPLATE_SPEC = re.compile(r"%([-+ 0#]*)([0-9]+)?(?:\.([0-9]+))?\{(\w+)\}")
SPEC = re.compile(
    r"%(?P<flags>[-+ 0#]*)(?:(?P<pos>\d+)\$)?(?P<flags2>[-+ 0#]*)"
    r"(?:<(?P<name>\w+)>)?(?P<flags3>[-+ 0#]*)"
    r"(?P<width>\d+|\*)?(?:(?P<dot>\.)(?P<prec>\d+|\*)?)?(?P<type>.?)",
    re.S,
)


def decimal_exponent_estimate(x: float) -> tuple[int, bool]:
    """dtoa's first guess at floor(log10(x)), and whether it may be one too big."""
    mantissa, exponent = math.frexp(x)
    guess = (mantissa * 2 - 1.5) * 0.289529654602168 + 0.1760912590558 + (
        exponent - 1
    ) * 0.301029995663981
    k = int(guess)
    if guess < 0 and guess != k:
        k -= 1
    if 0 <= k <= 22:
        return (k - 1 if x < TENS[k] else k), False
    return k, True


def quick_digits(x: float, mode: int, ndigits: int) -> tuple[str, int] | None:
    """MRI dtoa's floating-point path for x > 0: (digits, k) with x ≈ 0.digits × 10**(k+1).

    `mode` 3 is `ndigits` after the decimal point (%f), mode 2 that many
    significant digits (%e, %g). None when dtoa would fall back to bignums.
    """
    k, k_check = decimal_exponent_estimate(x)
    if mode == 3:
        ilim, ilim1 = ndigits + k + 1, ndigits + k
    else:
        ilim = ilim1 = max(ndigits, 1)
    if ilim < 0 or ilim > QUICK_MAX:
        return None
    d, ieps = scale_to_unit(x, k)
    if k_check and d < 1.0 and ilim > 0:
        if ilim1 <= 0:
            return None
        ilim, k, d, ieps = ilim1, k - 1, d * 10.0, ieps + 1
    eps = math.ldexp(ieps * d + 7.0, -52)
    if ilim == 0:
        d -= 5.0
        if d > eps:
            return "1", k + 1
        if d < -eps:
            return "", k
        return None
    return generate_digits(d, ilim, eps * TENS[ilim - 1], k)


def scale_to_unit(x: float, k: int) -> tuple[float, int]:
    """x / 10**k computed as dtoa does, and its error count `ieps`."""
    d, ieps, i = x, 2, 0
    if k > 0:
        ds, j = TENS[k & 0xF], k >> 4
        if j & 0x10:
            j &= 0xF
            d /= BIG_TENS[-1]
            ieps += 1
        while j:
            if j & 1:
                ieps += 1
                ds *= BIG_TENS[i]
            j >>= 1
            i += 1
        d /= ds
    elif k < 0:
        d *= TENS[-k & 0xF]
        j = -k >> 4
        while j:
            if j & 1:
                ieps += 1
                d *= BIG_TENS[i]
            j >>= 1
            i += 1
    return d, ieps


def generate_digits(d: float, ilim: int, eps: float, k: int) -> tuple[str, int]:
    digits: list[int] = []
    i = 1
    while True:
        whole = int(d)
        d -= whole
        if d == 0:
            ilim = i
        digits.append(whole)
        if i == ilim:
            if d > 0.5 + eps or (not d < 0.5 - eps and whole % 2 == 1):
                return bump_up(digits, k)
            return "".join(map(str, digits)), k
        i += 1
        d *= 10.0


def bump_up(digits: list[int], k: int) -> tuple[str, int]:
    while digits and digits[-1] == 9:
        digits.pop()
    if not digits:
        return "1", k + 1
    digits[-1] += 1
    return "".join(map(str, digits)), k


def fixed(x: float, precision: int) -> str:
    """`%.{precision}f` of a finite x, MRI's digits."""
    quick = quick_digits(abs(x), 3, precision) if x != 0 else None
    if quick is None:
        return f"{x:.{precision}f}"
    digits, k = quick
    scaled = int(digits or "0") * 10 ** (precision - (len(digits) - (k + 1)))
    text = str(scaled).rjust(precision + 1, "0")
    body = f"{text[:-precision]}.{text[-precision:]}" if precision else text
    return ("-" if math.copysign(1.0, x) < 0 else "") + body


def scientific(x: float, precision: int, upper: bool = False, alt: bool = False) -> str:
    """`%.{precision}e` of a finite x, MRI's digits."""
    quick = quick_digits(abs(x), 2, precision + 1) if x != 0 else None
    if quick is None:
        text = f"{x:#.{precision}e}" if alt else f"{x:.{precision}e}"
    else:
        digits, k = quick
        digits = digits.ljust(precision + 1, "0")
        mantissa = digits[0] + ("." + digits[1:] if precision or alt else "")
        sign = "-" if math.copysign(1.0, x) < 0 else ""
        text = f"{sign}{mantissa}e{'+' if k >= 0 else '-'}{abs(k):02d}"
    return text.upper() if upper else text


def general(x: float, precision: int, upper: bool = False, alt: bool = False) -> str:
    """`%g`: %e or %f by the exponent, trailing zeros dropped unless `#`."""
    significant = precision or 1
    if x == 0:
        exponent = 0
    else:
        exponent = int(scientific(x, significant - 1).rsplit("e", 1)[1])
    if -4 <= exponent < significant:
        text = fixed(x, significant - 1 - exponent)
        if alt and "." not in text:
            text += "."
    else:
        text = scientific(x, significant - 1, alt=alt)
    if not alt:
        text = strip_zeros(text)
    return text.upper() if upper else text


def strip_zeros(text: str) -> str:
    mantissa, e, exponent = text.partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return mantissa + e + exponent


# -- the format language ----------------------------------------------------


class Arguments:
    """The values a format consumes: in order, by `N$`, or by `<name>` from a Hash."""

    def __init__(self, values: tuple[Any, ...]) -> None:
        self.values = values
        self.next = 0

    def take(self) -> Any:
        if self.next >= len(self.values):
            raise ArgumentError("too few arguments")
        self.next += 1
        return self.values[self.next - 1]

    def at(self, position: int) -> Any:
        if position > len(self.values):
            raise ArgumentError("too few arguments")
        return self.values[position - 1]

    def named(self, name: str, brackets: str = "<>") -> Any:
        if not self.values or type(self.values[-1]) is not dict:
            raise ArgumentError("one hash required")
        table = self.values[-1]
        key = Symbol.of(name)
        if key not in table:
            raise KeyError_(f"key{brackets[0]}{name}{brackets[1]} not found")
        return table[key]


def ruby_format(fmt: str, *values: Any) -> str:
    """Kernel#format."""
    args = Arguments(values)
    out: list[str] = []
    i = 0
    while True:
        j = fmt.find("%", i)
        if j < 0:
            out.append(fmt[i:])
            return "".join(out)
        out.append(fmt[i:j])
        if fmt.startswith("%%", j):
            out.append("%")
            i = j + 2
            continue
        template = TEMPLATE_SPEC.match(fmt, j)
        if template is not None:
            out.append(substitute(template, args))
            i = template.end()
            continue
        match = SPEC.match(fmt, j)
        assert match is not None
        out.append(convert(match, args))
        i = match.end()


def substitute(match: re.Match[str], args: Arguments) -> str:
    """`%{name}`: the Hash value's to_s, padded to a width (precision truncates)."""
    flags, width, precision, name = match.groups()
    value = args.named(name, "{}")
    text = value if type(value) is str else send(value, "to_s")
    if precision is not None:
        text = text[: int(precision)]
    return pad(text, None if width is None else int(width), flags)


def convert(match: re.Match[str], args: Arguments) -> str:
    flags = match["flags"] + match["flags2"] + match["flags3"]
    kind = match["type"]
    width = width_of(match["width"], args)
    precision = match["prec"]
    if precision == "*":
        precision = str(args.take())
    elif precision is None and match["dot"]:
        precision = "0"
    if not kind or kind == "\n" or kind == "\0":
        raise ArgumentError("incomplete format specifier; use %% (double %) instead")
    if kind == "%":
        raise ArgumentError("invalid format character - %")
    if match["name"] is not None:
        value = args.named(match["name"])
    elif match["pos"] is not None:
        value = args.at(int(match["pos"]))
    else:
        value = args.take()
    if width is not None and width < 0:
        flags += "-"
        width = -width
    prec = None if precision is None else int(precision)
    return format_value(kind, value, flags, width, prec)


def width_of(width: str | None, args: Arguments) -> int | None:
    if width is None:
        return None
    if width == "*":
        return int(args.take())
    return int(width)


def format_value(kind: str, value: Any, flags: str, width: int | None, prec: int | None) -> str:
    if kind in "diu":
        return pad_number(integer_body(integer_value(value), 10, prec, flags), width, flags, prec)
    if kind in "xXobB":
        base = {"x": 16, "X": 16, "o": 8, "b": 2, "B": 2}[kind]
        text = pad_number(radix_body(integer_value(value), base, kind, prec, flags),
                          width, flags, prec)
        return text.upper() if kind == "X" else text
    if kind in "feEgGaA":
        return pad_number(float_body(kind, value, prec, flags), width, flags, prec, True)
    if kind == "s":
        text = value if type(value) is str else send(value, "to_s")
        return pad(text if prec is None else text[:prec], width, flags)
    if kind == "p":
        text = send(value, "inspect")
        return pad(text if prec is None else text[:prec], width, flags)
    if kind == "c":
        return pad(character(value), width, flags)
    raise ArgumentError(f"malformed format string - %{kind}")


def pad(text: str, width: int | None, flags: str) -> str:
    if width is None or len(text) >= width:
        return text
    return text.ljust(width) if "-" in flags else text.rjust(width)


def pad_number(body: tuple[str, str], width: int | None, flags: str, prec: int | None,
               is_float: bool = False) -> str:
    """Sign/prefix and digits, padded with spaces or (flag 0) zeros after the sign."""
    prefix, digits = body
    text = prefix + digits
    if width is None or len(text) >= width:
        return text
    if "-" in flags:
        return text.ljust(width)
    zero_fill = "0" in flags and (is_float or prec is None) and digits not in ("Inf", "NaN")
    if zero_fill and digits.startswith(".."):
        return prefix + ".." + digits[2:].rjust(width - len(prefix) - 2, digits[2])
    if zero_fill:
        return prefix + digits.rjust(width - len(prefix), "0")
    return text.rjust(width)


def sign_of(negative: bool, flags: str) -> str:
    if negative:
        return "-"
    if "+" in flags:
        return "+"
    return " " if " " in flags else ""


def integer_value(value: Any) -> int:
    """The Integer a %d-style conversion formats (Floats truncate, Strings parse strictly)."""
    t = type(value)
    if t is int:
        return value
    if t is float:
        if math.isnan(value) or math.isinf(value):
            raise FloatDomainError(send(value, "to_s"))
        return int(value)
    if t is str:
        from ncg.ruby.runtime.kernel import ruby_integer

        return ruby_integer(value)
    if t is Fraction:
        return math.trunc(value)
    raise TypeError_(f"can't convert {conversion_name(value)} into Integer")


def conversion_name(value: Any) -> str:
    if value is None or type(value) is bool:
        return send(value, "inspect")
    from ncg.ruby.runtime.consts import class_of

    return class_of(value).name


def integer_body(n: int, base: int, prec: int | None, flags: str) -> tuple[str, str]:
    digits = str(abs(n))
    if prec is not None:
        digits = digits.rjust(prec, "0")
    return sign_of(n < 0, flags), digits


RADIX_PREFIX = {"x": "0x", "X": "0X", "o": "0", "b": "0b", "B": "0B"}
DIGITS = "0123456789abcdef"


def to_base(n: int, base: int) -> str:
    out = []
    while True:
        n, d = divmod(n, base)
        out.append(DIGITS[d])
        if n == 0:
            return "".join(reversed(out))


def radix_body(n: int, base: int, kind: str, prec: int | None, flags: str) -> tuple[str, str]:
    """Hex, octal, binary; a negative without + or space is two's complement `..f01`."""
    prefix = RADIX_PREFIX[kind] if "#" in flags and n != 0 else ""
    if n >= 0 or "+" in flags or " " in flags:
        digits = to_base(abs(n), base)
        if prec is not None:
            digits = digits.rjust(prec, "0")
        if kind == "o" and prefix and digits.startswith("0"):
            prefix = ""
        return sign_of(n < 0, flags) + prefix, digits
    size = 1
    while base**size + n < (base - 1) * base ** (size - 1):
        size += 1
    digits = to_base(base**size + n, base)
    if prec is not None and len(digits) + 2 < prec:
        digits = digits.rjust(prec - 2, DIGITS[base - 1])
    return prefix, ".." + digits


def float_value(value: Any) -> float:
    t = type(value)
    if t is float:
        return value
    if t is int or t is Fraction:
        return float(value)
    if t is str:
        from ncg.ruby.runtime.kernel import ruby_float

        return ruby_float(value)
    raise TypeError_(f"can't convert {conversion_name(value)} into Float")


def float_body(kind: str, value: Any, prec: int | None, flags: str) -> tuple[str, str]:
    if kind == "f" and type(value) is int:
        digits = str(abs(value)) + ("." + "0" * (6 if prec is None else prec)
                                    if prec != 0 else "")
        return sign_of(value < 0, flags), digits
    x = float_value(value)
    sign = sign_of(math.copysign(1.0, x) < 0 and not math.isnan(x), flags)
    if math.isinf(x):
        return sign, "Inf"
    if math.isnan(x):
        return sign, "NaN"
    precision = 6 if prec is None else prec
    alt = "#" in flags
    if kind == "f":
        text = fixed(abs(x), precision) + ("." if alt and precision == 0 else "")
    elif kind in "eE":
        text = scientific(abs(x), precision, kind == "E", alt)
    elif kind in "gG":
        text = general(abs(x), precision, kind == "G", alt)
    else:
        text = hex_float(abs(x), kind == "A")
    return sign, text


def hex_float(x: float, upper: bool) -> str:
    """`%a`: 0x1.8p+1, with no trailing zeros in the fraction."""
    mantissa, _, exponent = float.hex(x).partition("p")
    mantissa = mantissa.rstrip("0").rstrip(".")
    text = f"{mantissa}p{exponent}"
    return text.upper() if upper else text


def character(value: Any) -> str:
    if type(value) is str:
        if len(value) != 1:
            raise ArgumentError("%c requires a character")
        return value
    return chr(integer_value(value))
