"""Onigmo's Unicode character properties (`\\p{L}`, `\\p{Alpha}`, `[[:upper:]]`…)
as Python character-class bodies.

Ruby's regexps on UTF-8 text give POSIX brackets and properties their
Unicode meaning (while `\\d \\w \\s \\h` stay ASCII): `[[:alpha:]]` is
Unicode's Alphabetic, `[[:upper:]]` Uppercase, `[[:punct:]]` punctuation
and the ASCII symbols `$+<=>^`|~`, `\\p{Lu}` a general category. They are
derived from Python's Unicode database (plus the recorded Other_Alphabetic
characters it lacks) and built once per name when a pattern uses them.
"""

from __future__ import annotations

import functools
import itertools
import sys
import unicodedata

from ncg.ruby.runtime.unicode_alphabetic import OTHER_ALPHABETIC

Ranges = list[tuple[int, int]]

WHITE_SPACE = frozenset([*range(9, 14), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
                         0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
ASCII_SYMBOLS = frozenset(map(ord, "$+<=>^`|~"))
UNASSIGNED_PLANES = (0x40000, 0xDFFFF)

GENERAL_CATEGORIES = {
    "letter": "L", "casedletter": "LC", "uppercaseletter": "Lu", "lowercaseletter": "Ll",
    "titlecaseletter": "Lt", "modifierletter": "Lm", "otherletter": "Lo", "mark": "M",
    "nonspacingmark": "Mn", "spacingmark": "Mc", "enclosingmark": "Me", "number": "N",
    "decimalnumber": "Nd", "letternumber": "Nl", "othernumber": "No", "punctuation": "P",
    "connectorpunctuation": "Pc", "dashpunctuation": "Pd", "openpunctuation": "Ps",
    "closepunctuation": "Pe", "initialpunctuation": "Pi", "finalpunctuation": "Pf",
    "otherpunctuation": "Po", "symbol": "S", "mathsymbol": "Sm", "currencysymbol": "Sc",
    "modifiersymbol": "Sk", "othersymbol": "So", "separator": "Z", "spaceseparator": "Zs",
    "lineseparator": "Zl", "paragraphseparator": "Zp", "other": "C", "control": "Cc",
    "format": "Cf", "surrogate": "Cs", "privateuse": "Co", "unassigned": "Cn",
}
CATEGORY_CODES = {code.lower(): code for code in GENERAL_CATEGORIES.values()}


@functools.cache
def category_runs() -> tuple[tuple[int, int, str], ...]:
    """(first, last, general category) for every run of code points (built once)."""
    runs: list[tuple[int, int, str]] = []
    category = unicodedata.category
    gap_first, gap_last = UNASSIGNED_PLANES
    for cp in itertools.chain(range(gap_first), range(gap_last + 1, sys.maxunicode + 1)):
        cat = category(chr(cp))
        if cp == gap_last + 1:  # Unicode assigns nothing in planes 4 to 13
            runs.append((gap_first, gap_last, "Cn"))
        if runs and runs[-1][2] == cat:
            runs[-1] = (runs[-1][0], cp, cat)
        else:
            runs.append((cp, cp, cat))
    return tuple(runs)


def merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def points(codes: set[int] | frozenset[int]) -> list[tuple[int, int]]:
    return [(cp, cp) for cp in codes]


def in_categories(*codes: str) -> list[tuple[int, int]]:
    wanted = set(codes)
    cased_letter = "LC" in wanted
    return [(first, last) for first, last, cat in category_runs()
            if cat in wanted or cat[0] in wanted or (cased_letter and cat in ("Lu", "Ll", "Lt"))]


@functools.cache
def other_alphabetic() -> tuple[tuple[int, int], ...]:
    found = []
    for item in OTHER_ALPHABETIC:
        first, _, last = item.partition("-")
        found.append((int(first, 16), int(last or first, 16)))
    return tuple(found)


def alphabetic() -> list[tuple[int, int]]:
    return in_categories("L", "Nl") + list(other_alphabetic())


def graphic() -> list[tuple[int, int]]:
    return [run for run in in_categories("L", "M", "N", "P", "S", "Z", "Cf", "Co")
            if not WHITE_SPACE.intersection(range(run[0], run[1] + 1))] + [
        (cp, cp) for first, last in in_categories("Z") for cp in range(first, last + 1)
        if cp not in WHITE_SPACE]


def cased(test: str) -> list[tuple[int, int]]:
    """Unicode's Uppercase or Lowercase property, as Python's str tests know it
    (letters, and the marks, numbers and symbols with Other_Uppercase/Lowercase)."""
    return [(cp, cp) for first, last in in_categories("L", "M", "Nl", "So")
            for cp in range(first, last + 1) if getattr(chr(cp), test)()]


POSIX = {
    "alpha": alphabetic,
    "alphabetic": alphabetic,
    "digit": lambda: in_categories("Nd"),
    "alnum": lambda: alphabetic() + in_categories("Nd"),
    "upper": lambda: cased("isupper"),
    "uppercase": lambda: cased("isupper"),
    "lower": lambda: cased("islower"),
    "lowercase": lambda: cased("islower"),
    "space": lambda: points(WHITE_SPACE),
    "whitespace": lambda: points(WHITE_SPACE),
    "punct": lambda: in_categories("P") + points(ASCII_SYMBOLS),
    "word": lambda: alphabetic() + in_categories("M", "Nd", "Pc"),
    "cntrl": lambda: in_categories("Cc"),
    "graph": graphic,
    "print": lambda: graphic() + in_categories("Zs"),
    "blank": lambda: in_categories("Zs") + [(9, 9)],
    "xdigit": lambda: [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
    "ascii": lambda: [(0, 127)],
    "any": lambda: [(0, sys.maxunicode)],
}


def normalized(name: str) -> str:
    """Onigmo ignores case, spaces, hyphens and underscores in property names."""
    return "".join(ch for ch in name.lower() if ch not in " -_")


@functools.cache
def property_ranges(name: str) -> tuple[tuple[int, int], ...] | None:
    """The code point ranges of property `name`, or None when Onigmo has no such property."""
    key = normalized(name)
    make = POSIX.get(key)
    if make is not None:
        return tuple(merged(make()))
    code = GENERAL_CATEGORIES.get(key) or CATEGORY_CODES.get(key)
    if code is None:
        return None
    return tuple(merged(in_categories(code)))


def complement(ranges: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    out: Ranges = []
    start = 0
    for first, last in ranges:
        if first > start:
            out.append((start, first - 1))
        start = last + 1
    if start <= sys.maxunicode:
        out.append((start, sys.maxunicode))
    return tuple(out)


def class_body(ranges: tuple[tuple[int, int], ...]) -> str:
    """The ranges as the inside of a Python character class."""
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
