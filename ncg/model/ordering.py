"""NCG's ordering of key parts: interface-like names sort naturally.

`compare_parts` orders "Gi1/2" before "Gi1/10": letter runs compare as text
(bytewise, as Ruby compares strings), digit runs as numbers.  `sort_key`
gives the same order as a key computed once per value, for sorting many.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ncg.model.keys import RUBY_BOL

_PARTS = re.compile(r"[a-zA-Z]+|[0-9]+|[^0-9a-zA-Z]+")


def _cmp(a: object, b: object) -> int:
    return (a > b) - (a < b)  # type: ignore[operator]


def compare_parts(a: str | None, b: str | None) -> int:
    """-1, 0 or 1: compare letter runs as text and digit runs as numbers.

    nil sorts after everything, so nodes missing the sort key go last.
    """
    if a is None or b is None:
        return (a is None) - (b is None)
    a_parts = _PARTS.findall(a)
    b_parts = _PARTS.findall(b)
    for a_part, b_part in zip(a_parts, b_parts, strict=False):
        if _NUMERIC.search(a_part) and _NUMERIC.search(b_part):
            result = _cmp(_to_i(a_part), _to_i(b_part))
        else:
            result = _cmp(_bytes(a_part), _bytes(b_part))
        if result:
            return result
    return _cmp(len(a_parts), len(b_parts))


# Ruby's /^[0-9]*$/ is line-anchored: a separator part such as "\n-" passes too.
_NUMERIC = re.compile(RUBY_BOL + r"[0-9]*$", re.M)


def _to_i(part: str) -> tuple[int, str]:
    """Ruby's to_i of a part, as something that compares like the number.

    A digit run without its leading zeros orders by length, then by text:
    no conversion to int, which Python limits to 4300 digits and Ruby not.
    Any other part that passes _NUMERIC (no digits in it) is 0.
    """
    digits = part.lstrip("0") if part.isascii() and part.isdigit() else ""
    return len(digits), digits


def _bytes(text: str) -> bytes:
    """Ruby compares strings bytewise (UTF-8), Python by code point."""
    return text.encode("utf-8", "surrogateescape")


SortKey = tuple[object, ...]


@lru_cache(maxsize=4096)  # the same names come again in every device
def sort_key(value: str | None) -> SortKey:
    """A key ordering values exactly as compare_parts does, for a value without "\\n".

    Apart from digit runs, parts compare bytewise; a part holding no digit
    starts below "0" or above "9", so it is below or above every digit run
    whatever follows.  Each part is keyed by its group, then what orders it
    in the group: 0 and its bytes below the digit runs, 1 and its number
    (two items: see `_to_i`) for a digit run, 2 and its bytes above them.
    The parts' keys are laid end to end after a leading 0, in one flat tuple
    (sorting compares flat tuples four times as fast as nested ones): items
    line up while the parts before are equal, and a value whose parts are
    the first parts of another's has the shorter key, which sorts first, as
    compare_parts has it; nil, (1,), goes after every string.
    With a newline, a part without digits can pass _NUMERIC and equal every
    other such part as the number 0; that order has no key (see `has_key_order`).
    """
    if value is None:
        return _NIL
    key: list[object] = [0]
    for part in _PARTS.findall(value):
        if "0" <= part[0] <= "9":  # a digit run: its parts hold only digits or no digit
            key.append(1)
            key.extend(_to_i(part))
        else:
            raw = _bytes(part)
            key.append(0 if raw[0] < 0x30 else 2)
            key.append(raw)
    return tuple(key)


_NIL = (1,)


def has_key_order(value: object) -> bool:
    """Whether `sort_key` orders this value as compare_parts does: nil or a one-line string."""
    return value is None or (isinstance(value, str) and "\n" not in value)
