"""NCG's ordering of key parts: interface-like names sort naturally.

`compare_parts` orders "Gi1/2" before "Gi1/10": letter runs compare as text
(bytewise, as Ruby compares strings), digit runs as numbers.
"""

from __future__ import annotations

import re

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


def _to_i(part: str) -> int:
    return int(part) if part.isascii() and part.isdigit() else 0


def _bytes(text: str) -> bytes:
    """Ruby compares strings bytewise (UTF-8), Python by code point."""
    return text.encode("utf-8", "surrogateescape")
