"""Ruby's String methods on Python `str`.

Python strings are immutable, so Ruby's mutating methods (`upcase!`, `<<`,
`gsub!`…) go through `send_bang`, which returns the new receiver together
with Ruby's return value; the compiler assigns the receiver back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from ncg.errors import ArgumentError, IndexError_, RangeError, RubyError, TypeError_
from ncg.ruby.runtime.array import array_aref
from ncg.ruby.runtime.consts import exception_class
from ncg.ruby.runtime.core import method, register_aref, send
from ncg.ruby.runtime.encoding import (
    BinaryStr,
    binary,
    binary_eq,
    byte_chars,
    concat,
    from_byte_chars,
)
from ncg.ruby.runtime.enumerable import (
    compare,
    compare_error,
    enumerator,
    implicit_conversion_error,
    is_range,
    range_bounds,
    to_int,
    to_str,
    truthy,
)
from ncg.ruby.runtime.frame import frame
from ncg.ruby.runtime.object import send_mut
from ncg.ruby.runtime.regexp import MatchData, Regexp, replacement_expander
from ncg.ruby.runtime.symbol import Symbol
from ncg.ruby.runtime.values import inspect, to_s
from ncg.text import chomp

Block = Callable[..., Any] | None

# --- String#succ ---------------------------------------------------------

# kind of alphanumeric: (its last character, what it wraps to, the carry it adds)
_WRAPS = {"digit": ("9", "0", "1"), "lower": ("z", "a", "a"), "upper": ("Z", "A", "A")}


def _alnum_kind(ch: str) -> str | None:
    if "0" <= ch <= "9":
        return "digit"
    if "a" <= ch <= "z":
        return "lower"
    if "A" <= ch <= "Z":
        return "upper"
    return None


def _next_alnum(ch: str, kind: str) -> tuple[str, bool]:
    """The successor of an ASCII alphanumeric and whether it wrapped."""
    last, first, _ = _WRAPS[kind]
    if ch == last:
        return first, True
    return chr(ord(ch) + 1), False


def succ(s: str) -> str:
    """Ruby's String#succ: increment the rightmost alphanumerics, carrying.

    As in MRI's str_succ, a carry crosses non-alphanumerics, except from a
    digit to a letter (or a letter to a digit) across them: "a.9" -> "a.10".
    """
    if not s:
        return ""
    chars = list(s)
    carry_pos = -1
    carry = ""
    last_wrapped_kind: str | None = None
    previous_was_alnum = True
    for pos in range(len(chars) - 1, -1, -1):
        kind = _alnum_kind(chars[pos])
        if (not previous_was_alnum and last_wrapped_kind is not None and kind is not None
                and (kind == "digit") != (last_wrapped_kind == "digit")):
            break
        if kind is None:
            previous_was_alnum = False
            continue
        previous_was_alnum = True
        chars[pos], wrapped = _next_alnum(chars[pos], kind)
        if not wrapped:
            return "".join(chars)
        last_wrapped_kind = kind
        carry_pos, carry = pos, _WRAPS[kind][2]
    if carry_pos < 0:
        return _succ_no_alnum(s)
    chars.insert(carry_pos, carry)
    return "".join(chars)


def _succ_no_alnum(s: str) -> str:
    """succ of a string without alphanumerics: the last character's successor."""
    return s[:-1] + chr(ord(s[-1]) + 1)


# --- inspect / dump --------------------------------------------------------

_NAMED_ESCAPES = {
    "\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\v": "\\v",
    "\b": "\\b", "\a": "\\a", "\x1b": "\\e", '"': '\\"', "\\": "\\\\",
}
_UNPRINTABLE = frozenset(("Cc", "Cn", "Cs", "Zl", "Zp"))


def utf8_bytes(s: str) -> bytes:
    """A String's bytes: bytes that are no UTF-8 were kept as surrogates (surrogateescape)."""
    return s.encode("utf-8", "surrogateescape")


def _unicode_escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is no UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\u{{{code:X}}}"


def _is_printable(ch: str) -> bool:
    if " " <= ch <= "~":
        return True
    return ch == "\x85" or unicodedata.category(ch) not in _UNPRINTABLE


_PLAIN = re.compile(r'[ !$-\[\]-~]*\Z')  # printable ASCII but for `"`, `#`, `\`


def inspect_str(s: str) -> str:
    """Ruby's String#inspect (UTF-8): printable characters stay as they are."""
    if _PLAIN.match(s):
        return '"' + s + '"'
    out = ['"']
    for i, ch in enumerate(s):
        if ch in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[ch])
        elif ch == "#" and s[i + 1:i + 2] in ("{", "$", "@"):
            out.append("\\#")
        elif _is_printable(ch):
            out.append(ch)
        else:
            out.append(_unicode_escape(ch))
    out.append('"')
    return "".join(out)


def dump_str(s: str) -> str:
    """Ruby's String#dump: like inspect, but everything non-ASCII escaped."""
    out = ['"']
    for i, ch in enumerate(s):
        if ch in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[ch])
        elif ch == "#" and s[i + 1:i + 2] in ("{", "$", "@"):
            out.append("\\#")
        elif " " <= ch <= "~":
            out.append(ch)
        elif ord(ch) < 0x80:
            out.append(f"\\x{ord(ch):02X}")
        else:
            out.append(f"\\u{ord(ch):04X}" if ord(ch) <= 0xFFFF else f"\\u{{{ord(ch):X}}}")
    out.append('"')
    return "".join(out)


# --- character sets (tr, delete, squeeze, count) ----------------------------

_CharTest = Callable[[str], bool]
_charset_cache: dict[str, tuple[bool, list[str]]] = {}


def _expand_set(spec: str) -> tuple[bool, list[str]]:
    """A tr-style set "a-z", "^0-9", "\\-" as (negated, characters in order)."""
    cached = _charset_cache.get(spec)
    if cached is not None:
        return cached
    negated = len(spec) > 1 and spec[0] == "^"
    body = spec[1:] if negated else spec
    chars: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            i += 1
            ch = body[i]
        if i + 2 < len(body) and body[i + 1] == "-":
            high = body[i + 2]
            if high < ch:
                raise ArgumentError(f'invalid range "{ch}-{high}" in string transliteration')
            chars.extend(chr(c) for c in range(ord(ch), ord(high) + 1))
            i += 3
        else:
            chars.append(ch)
            i += 1
    result = (negated, chars)
    _charset_cache[spec] = result
    return result


def _char_test(specs: tuple[Any, ...]) -> _CharTest:
    """The intersection of tr-style sets, as Ruby's count/delete/squeeze use."""
    if not specs:
        raise ArgumentError("wrong number of arguments (given 0, expected 1+)")
    sets = [_expand_set(to_str(spec)) for spec in specs]

    def test(ch: str) -> bool:
        return all((ch in chars) != negated for negated, chars in sets)

    return test


def _tr(s: str, from_spec: str, to_spec: str, squeeze: bool) -> str:
    negated, source = _expand_set(from_spec)
    _, target = _expand_set(to_spec)
    if not source and not negated:
        return s
    if not target:
        return "".join(ch for ch in s if (ch in source) == negated)
    out: list[str] = []
    last_replacement: str | None = None
    for ch in s:
        if negated:
            replacement = target[-1] if ch not in source else None
        elif ch in source:
            index = source.index(ch)
            replacement = target[index] if index < len(target) else target[-1]
        else:
            replacement = None
        if replacement is None:
            out.append(ch)
            last_replacement = None
        elif not (squeeze and replacement == last_replacement):
            out.append(replacement)
            last_replacement = replacement
    return "".join(out)


# --- split -------------------------------------------------------------------

_AWK_SPACE = frozenset(" \t\n\v\f\r")
_AWK_FIELD = re.compile(r"[^ \t\n\v\f\r]+")


def _split_awk(s: str, limit: int) -> list[str]:
    """Fields between runs of ASCII whitespace (MRI's awk split, with its limit rules)."""
    if limit == 0:
        return _AWK_FIELD.findall(s)
    parts: list[str] = []
    field_start = 0
    field_end = 0
    skipping = True
    for pos, ch in enumerate(s):
        if skipping:
            if ch in _AWK_SPACE:
                field_start = pos + 1
            else:
                field_end = pos + 1
                skipping = False
                if 0 < limit <= len(parts) + 1:
                    break
        elif ch in _AWK_SPACE:
            parts.append(s[field_start:field_end])
            skipping = True
            field_start = pos + 1
        else:
            field_end = pos + 1
    _append_rest(parts, s, field_start, limit)
    return parts


def _append_rest(parts: list[str], s: str, start: int, limit: int) -> None:
    """The text after the last separator: kept when a limit was given or it is not empty."""
    if limit != 0 or start < len(s):
        parts.append(s[start:])


def _split_string(s: str, sep: str, limit: int) -> list[str]:
    if sep == "":
        count = len(s) if limit <= 0 else min(limit - 1, len(s))
        parts = list(s[:count])
        _append_rest(parts, s, count, limit)
        return parts
    return s.split(sep, limit - 1) if limit > 0 else s.split(sep)


def _split_regexp(s: str, regexp: Regexp, limit: int) -> list[str]:
    """MRI's regexp split: captures are kept, an empty match splits off one character."""
    parts: list[str] = []
    compiled = regexp.compiled
    field_start = 0
    search_at = 0
    after_empty = False
    fields = 0
    while search_at <= len(s):
        m = compiled.search(s, search_at)
        if m is None:
            break
        if m.start() == m.end() == search_at:
            if not after_empty:
                search_at += 1
                after_empty = True
                continue
            parts.append(s[field_start:field_start + 1])
            field_start = search_at
        else:
            parts.append(s[field_start:m.start()])
            field_start = search_at = m.end()
        after_empty = False
        parts.extend(group for group in m.groups() if group is not None)
        fields += 1
        if 0 < limit <= fields + 1:
            break
    _append_rest(parts, s, field_start, limit)
    return parts


def split(s: str, pattern: Any = None, limit: int = 0) -> list[str]:
    """Ruby's String#split: awk-style for nil or " ", trailing empties dropped."""
    if not s:
        return []
    if limit == 1:
        return [s]
    if pattern is None or pattern == " ":
        parts = _split_awk(s, limit)
    elif isinstance(pattern, Regexp):
        parts = _split_regexp(s, pattern, limit)
    else:
        parts = _split_string(s, to_str(pattern), limit)
    if limit == 0:
        while parts and parts[-1] == "":
            parts.pop()
    return parts


# --- indexing ----------------------------------------------------------------

def str_aref(s: str, index: Any, length: Any = None) -> str | None:
    """Ruby's String#[] / slice."""
    if length is not None:
        if isinstance(index, Regexp):
            return _regexp_ref(s, index, length)
        return _substr(s, to_int(index), to_int(length))
    if type(index) is int:
        if index < 0:
            index += len(s)
        return s[index] if 0 <= index < len(s) else None
    if isinstance(index, str):
        return index if index in s else None
    if isinstance(index, Regexp):
        return _regexp_ref(s, index, 0)
    if is_range(index):
        bounds = range_bounds(index, len(s))
        return None if bounds is None else s[bounds[0]:bounds[0] + bounds[1]]
    return str_aref(s, to_int(index))


def _substr(s: str, start: int, length: int) -> str | None:
    if start < 0:
        start += len(s)
    if length < 0 or start < 0 or start > len(s):
        return None
    return s[start:start + length]


def _regexp_ref(s: str, regexp: Regexp, group: Any) -> str | None:
    match = regexp.search(s, 0)
    frame().last_match = match
    return None if match is None else match.group_value(group)


def _char_index(s: str, index: Any) -> int:
    i = to_int(index)
    if i < 0:
        i += len(s)
    if not 0 <= i < len(s):
        raise IndexError_(f"index {to_int(index)} out of string")
    return i


def str_aset(s: str, *args: Any) -> str:
    """Ruby's String#[]= as a new string (the value is the last argument)."""
    *where, value = args
    value = to_str(value)
    if len(where) == 2:
        start, length = to_int(where[0]), to_int(where[1])
        if start < 0:
            start += len(s)
        if start < 0 or start > len(s):
            raise IndexError_(f"index {to_int(where[0])} out of string")
        if length < 0:
            raise IndexError_(f"negative length {length}")
        return s[:start] + value + s[start + length:]
    index = where[0]
    if isinstance(index, str):
        at = s.find(index)
        if at < 0:
            raise IndexError_("string not matched")
        return s[:at] + value + s[at + len(index):]
    if isinstance(index, Regexp):
        match = index.search(s, 0)
        if match is None:
            raise IndexError_("regexp not matched")
        return s[:match.begin(0)] + value + s[match.end(0):]
    if is_range(index):
        bounds = range_bounds(index, len(s))
        if bounds is None:
            raise RangeError(f"{inspect(index)} out of range")
        return s[:bounds[0]] + value + s[bounds[0] + bounds[1]:]
    i = _char_index(s, index)
    return s[:i] + value + s[i + 1:]


# --- sub / gsub / scan / match -------------------------------------------------

def _as_regexp(pattern: Any) -> Regexp:
    if isinstance(pattern, Regexp):
        return pattern
    return Regexp.for_string(to_str(pattern))


def _check_sub_args(args: tuple[Any, ...], block: Block) -> tuple[Any, Any]:
    if len(args) == 1 and block is not None:
        return args[0], None
    if len(args) == 2:
        return args
    raise ArgumentError(f"wrong number of arguments (given {len(args)}, expected 1..2)")


def _replacer(regexp: Regexp, replacement: Any, block: Block) -> Callable[[re.Match[str]], str]:
    """The replacement text for one match: the block's, the hash's, or the expanded template."""
    if block is not None:
        def from_block(m: re.Match[str]) -> str:
            frame().last_match = MatchData(m, regexp)
            return to_s(block(m.group(0)))

        return from_block
    if isinstance(replacement, dict):
        return lambda m: to_s(send(replacement, "[]", m.group(0)))
    return replacement_expander(to_str(replacement), regexp)


def _last_occurrence(s: str, text: str) -> int:
    """Where the last of the non-overlapping occurrences of `text` (from the left) starts."""
    if not text:
        return len(s)
    last = at = s.find(text)
    while at >= 0:
        last = at
        at = s.find(text, at + len(text))
    return last


def gsub(s: str, *args: Any, block: Block = None) -> str:
    pattern, replacement = _check_sub_args(args, block)
    if type(pattern) is str and type(replacement) is str and "\\" not in replacement:
        # The common `gsub("-", "_")`: plain text, only $~ needs a match.
        if pattern not in s:
            frame().last_match = None
            return s
        regexp = Regexp.for_string(pattern)
        frame().last_match = regexp.match_here(s, _last_occurrence(s, pattern))
        return s.replace(pattern, replacement)
    regexp = _as_regexp(pattern)
    replace = _replacer(regexp, replacement, block)
    last: re.Match[str] | None = None

    def each_match(m: re.Match[str]) -> str:
        nonlocal last
        last = m
        return replace(m)

    result = regexp.compiled.sub(each_match, s)
    frame().last_match = None if last is None else MatchData(last, regexp)
    return result


def sub(s: str, *args: Any, block: Block = None) -> str:
    pattern, replacement = _check_sub_args(args, block)
    regexp = _as_regexp(pattern)
    m = regexp.compiled.search(s)
    if m is None:
        frame().last_match = None
        return s
    replaced = _replacer(regexp, replacement, block)(m)
    frame().last_match = MatchData(m, regexp)
    return s[:m.start()] + replaced + s[m.end():]


def scan(s: str, pattern: Any, *, block: Any = None) -> Any:
    regexp = _as_regexp(pattern)
    results: list[Any] = []
    last_match: MatchData | None = None
    for match in regexp.each_match(s):
        last_match = match
        value = match.captures() if match.size() > 1 else match.group_value(0)
        if block is not None:
            frame().last_match = match
            block(value)
        else:
            results.append(value)
    frame().last_match = last_match
    return s if block is not None else results


def match_op(s: str, other: Any) -> Any:
    """String#=~: the index of the first match, setting $~."""
    if isinstance(other, Regexp):
        return other.match_index(s)
    if isinstance(other, str):
        raise TypeError_("type mismatch: String given")
    return send(other, "=~", s)


# --- numbers -------------------------------------------------------------------

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_PREFIX_BASES = {"0b": 2, "0o": 8, "0d": 10, "0x": 16}
_SPACE = " \t\n\v\f\r"


def _split_sign(s: str) -> tuple[bool, str]:
    """Leading whitespace dropped: (negative?, the text after the sign)."""
    text = s.lstrip(_SPACE)
    if text[:1] in ("+", "-") and text:
        return text[0] == "-", text[1:]
    return False, text


def _auto_base(body: str) -> int:
    """Base 0 (and String#oct): the base a 0x / 0b / 0o / 0d / 0 prefix names."""
    prefix_base = _PREFIX_BASES.get(body[:2].lower())
    if prefix_base is not None:
        return prefix_base
    return 8 if body[:1] == "0" else 10


def str_to_i(s: str, base: int = 10) -> int:
    """Ruby's String#to_i: blanks, sign, the base's prefix, digits with single underscores."""
    if base < 0 or base == 1 or base > 36:
        raise ArgumentError(f"invalid radix {base}")
    negative, body = _split_sign(s)
    if base == 0:
        base = _auto_base(body)
    if _PREFIX_BASES.get(body[:2].lower()) == base or (base == 8 and body[:2].lower() == "0_"):
        body = body[2:] if body[1] != "_" else body[1:]
    value = _leading_digits(body, base)
    return -value if negative else value


def _leading_digits(body: str, base: int) -> int:
    value = 0
    digits = 0
    previous_underscore = False
    for ch in body:
        if ch == "_":
            if previous_underscore or digits == 0:
                break
            previous_underscore = True
            continue
        digit = _DIGITS.find(ch.lower()) if ch.isascii() else -1
        if digit < 0 or digit >= base:
            break
        value = value * base + digit
        digits += 1
        previous_underscore = False
    return value


def _str_oct(s: str) -> int:
    """String#oct: octal unless a 0x / 0b / 0o / 0d prefix names another base."""
    body = _split_sign(s)[1]
    return str_to_i(s, _PREFIX_BASES.get(body[:2].lower(), 8))


_FLOAT_PREFIX = re.compile(
    r"[ \t\n\v\f\r]*([+-]?)([0-9]+(?:_[0-9]+)*)?(\.[0-9]+(?:_[0-9]+)*)?"
    r"([eE][+-]?[0-9]+(?:_[0-9]+)*)?"
)


def str_to_f(s: str) -> float:
    """Ruby's String#to_f: the longest leading decimal number, else 0.0."""
    m = _FLOAT_PREFIX.match(s)
    sign, whole, fraction, exponent = m.groups()
    if whole is None and fraction is None:
        return 0.0
    return float((sign + (whole or "0") + (fraction or "") + (exponent or "")).replace("_", ""))


# --- the other methods ----------------------------------------------------------


def _pad(s: str, width: Any, padding: Any, where: str) -> str:
    width = to_long(width)
    padding = to_str(padding)
    if not padding:
        raise ArgumentError("zero width padding")
    total = width - len(s)
    if total <= 0:
        return s
    left = {"left": total, "right": 0}.get(where, total // 2)
    check_padded_size(s, padding, left, total - left)
    return allocated(lambda: _fill(padding, left) + s + _fill(padding, total - left))


def check_padded_size(s: str, padding: str, left: int, right: int) -> None:
    """MRI's limit on ljust/rjust/center: the result's bytes must fit a long."""
    pad_bytes = len(utf8_bytes(padding))
    partial = len(utf8_bytes(padding[: left % len(padding)])) + len(
        utf8_bytes(padding[: right % len(padding)]))
    count = left // len(padding) + right // len(padding)
    if (count >= LONG_MAX // pad_bytes or count * pad_bytes >= LONG_MAX - partial
            or count * pad_bytes + partial >= LONG_MAX - len(utf8_bytes(s))):
        raise ArgumentError("argument too big")


LONG_MAX = (1 << 63) - 1


def to_long(value: Any) -> int:
    """An Integer argument that must fit a C long, as MRI's NUM2LONG."""
    n = to_int(value)
    if not -LONG_MAX - 1 <= n <= LONG_MAX:
        raise RangeError("bignum too big to convert into `long'")
    return n


def allocated(make: Callable[[], Any]) -> Any:
    """`make()`, with memory running out as Ruby reports it."""
    try:
        return make()
    except (MemoryError, OverflowError):
        raise NoMemoryError("failed to allocate memory") from None


NoMemoryError = exception_class("NoMemoryError", RubyError)


def _fill(padding: str, width: int) -> str:
    return (padding * (width // len(padding) + 1))[:width]


def _chomp(s: str, suffix: Any = "\n") -> str:
    if suffix is None:
        return s
    if suffix == "\n":
        return chomp(s)
    if suffix == "":
        while s.endswith("\n"):
            s = s[:-2] if s.endswith("\r\n") else s[:-1]
        return s
    suffix = to_str(suffix)
    return s[:-len(suffix)] if s.endswith(suffix) else s


def _chop(s: str) -> str:
    return s[:-2] if s.endswith("\r\n") else s[:-1]


def _capitalize(s: str) -> str:
    # Titlecase, not uppercase, for the first character: "ßa" -> "Ssa", "ǆa" -> "ǅa".
    return _titlecase(s[:1]) + downcase(s[1:])


def _titlecase(ch: str) -> str:
    """A character's titlecase; Georgian Mtavruli (capitals with no titlecase
    of their own) become Mkhedruli, as Onigmo maps them."""
    if "\u1c90" <= ch <= "\u1cbf" and unicodedata.category(ch) == "Lu":
        return chr(ord(ch) - 0xBC0)
    return ch.title()


def downcase(s: str) -> str:
    """Ruby's downcase: Unicode's full lowercase mapping of each character,
    without Python's context rule that makes a word-final Σ a ς."""
    if "\u03a3" not in s:
        return s.lower()
    return "".join(ch.lower() for ch in s)


def swapcase(s: str) -> str:
    """Ruby's swapcase: each character's full case mapping the other way; a
    titlecase letter (ǅ, ᾼ) becomes its first part lowercase and the rest
    uppercase (dŽ, αΙ), as Onigmo's special mappings say."""
    return "".join(_swap_char(ch) for ch in s)


def _swap_char(ch: str) -> str:
    if ch.isupper():
        return ch.lower()
    if ch.islower():
        return ch.upper()
    if unicodedata.category(ch) == "Lt":
        parts = unicodedata.normalize("NFKD", ch)
        return unicodedata.normalize("NFC", parts[0].lower() + parts[1:].upper())
    return ch


def _lines(s: str, separator: str = "\n") -> list[str]:
    lines: list[str] = []
    start = 0
    while start < len(s):
        at = s.find(separator, start)
        if at < 0:
            break
        lines.append(s[start:at + len(separator)])
        start = at + len(separator)
    if start < len(s):
        lines.append(s[start:])
    return lines


# Ruby 3.1's strip also removes NULs.
_STRIPPED = _SPACE + "\0"


def _strip(s: str) -> str:
    return s.strip(_STRIPPED)


def _lstrip(s: str) -> str:
    return s.lstrip(_STRIPPED)


def _rstrip(s: str) -> str:
    return s.rstrip(_STRIPPED)


def _start_offset(s: str, start: Any) -> int | None:
    """A character offset argument (negative from the end); None when outside `s`."""
    offset = to_int(start)
    if offset < 0:
        offset += len(s)
    return offset if 0 <= offset <= len(s) else None


def _index(s: str, pattern: Any, start: Any = 0) -> int | None:
    offset = _start_offset(s, start)
    if isinstance(pattern, Regexp):
        match = None if offset is None else pattern.search(s, offset)
        frame().last_match = match
        return None if match is None else match.begin(0)
    needle = to_str(pattern)
    if offset is None:
        return None
    at = s.find(needle, offset)
    return None if at < 0 else at


def _rindex(s: str, pattern: Any, start: Any = None) -> int | None:
    limit = len(s) if start is None else to_int(start)
    if limit < 0:
        limit += len(s)
        if limit < 0:
            if isinstance(pattern, Regexp):
                frame().last_match = None
            return None
    limit = min(limit, len(s))
    if isinstance(pattern, Regexp):
        for pos in range(limit, -1, -1):
            match = pattern.match_here(s, pos)
            if match is not None:
                frame().last_match = match
                return pos
        frame().last_match = None
        return None
    needle = to_str(pattern)
    at = s.rfind(needle, 0, limit + len(needle))
    return None if at < 0 else at


def _ordering(s: str, other: Any) -> int:
    if not isinstance(other, str):
        raise compare_error(s, other)
    return (s > other) - (s < other)


def _iterate(recv: str, values: list[Any], block: Block) -> str:
    """An iterator method with its block: each value yielded, the string returned."""
    for value in values:
        block(value)
    return recv


def _concat(s: str, other: Any) -> str:
    if type(other) is str:
        return s + other
    if type(other) is BinaryStr:
        return concat(s, other)
    if type(other) is int:
        if other < 0:
            raise RangeError(f"{other} out of char range")
        return s + chr(other)
    raise implicit_conversion_error(other, "String")


def _partition(s: str, pattern: Any) -> list[str]:
    if isinstance(pattern, Regexp):
        match = pattern.search(s, 0)
        frame().last_match = match
        if match is None:
            return [s, "", ""]
        return [s[:match.begin(0)], match.group_value(0), s[match.end(0):]]
    head, sep, tail = s.partition(to_str(pattern))
    return [head, sep, tail]


def _rpartition(s: str, pattern: Any) -> list[str]:
    if isinstance(pattern, Regexp):
        at = _rindex(s, pattern)
        if at is None:
            return ["", "", s]
        match = frame().last_match
        return [s[:at], match.group_value(0), s[match.end(0):]]
    head, sep, tail = s.rpartition(to_str(pattern))
    return [head, sep, tail] if sep else ["", "", s]


def _squeeze(s: str, specs: tuple[Any, ...]) -> str:
    test = _char_test(specs) if specs else None
    out: list[str] = []
    for ch in s:
        if out and out[-1] == ch and (test is None or test(ch)):
            continue
        out.append(ch)
    return "".join(out)


_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def _casecmp(s: str, other: Any) -> int | None:
    if type(other) is not str:
        if type(other) is Symbol or not isinstance(other, str):
            raise implicit_conversion_error(other, "String")
    a, b = s.translate(_ASCII_LOWER), other.translate(_ASCII_LOWER)
    return (a > b) - (a < b)


def _ord(s: str) -> int:
    if not s:
        raise ArgumentError("empty string")
    return ord(s[0])


def _insert(s: str, index: Any, other: Any) -> str:
    i = to_int(index)
    other = to_str(other)
    if i < 0:
        i += len(s) + 1
    if not 0 <= i <= len(s):
        raise IndexError_(f"index {to_int(index)} out of string")
    return s[:i] + other + s[i:]


# --- the method table -----------------------------------------------------------

@method(str, "==", "===", "eql?")
def _eq(s: str, other: Any) -> bool:
    if type(other) is str:
        return s == other
    return type(other) is BinaryStr and binary_eq(other, s)


@method(str, "!=")
def _ne(s: str, other: Any) -> bool:
    return not _eq(s, other)


@method(str, "<=>")
def _cmp(s: str, other: Any) -> int | None:
    if type(other) is not str:
        if type(other) is BinaryStr:
            return -binary_cmp(other, s)
        return None
    return (s > other) - (s < other)


def binary_cmp(b: str, other: Any) -> int | None:
    """`<=>` of a binary String: by bytes; the same bytes not comparable put
    ASCII-8BIT first (it is Ruby's encoding number 0)."""
    if not isinstance(other, str):
        return None
    if str.__eq__(b, other) and type(other) is not BinaryStr and not b.isascii():
        return -1
    mine, theirs = utf8_bytes(b), utf8_bytes(other)
    return (mine > theirs) - (mine < theirs)


method(str, "<")(lambda s, other: _ordering(s, other) < 0)
method(str, "<=")(lambda s, other: _ordering(s, other) <= 0)
method(str, ">")(lambda s, other: _ordering(s, other) > 0)
method(str, ">=")(lambda s, other: _ordering(s, other) >= 0)
method(str, "between?")(lambda s, low, high: compare(s, low) >= 0 and compare(s, high) <= 0)


@method(str, "+")
def _plus(s: str, other: Any) -> str:
    if type(other) is str:
        return s + other
    if type(other) is BinaryStr:
        return concat(s, other)
    raise implicit_conversion_error(other, "String")


@method(str, "*")
def _times(s: str, count: Any) -> str:
    times = to_long(count)
    if times < 0:
        raise ArgumentError("negative argument")
    if times and LONG_MAX // times < len(utf8_bytes(s)):
        raise ArgumentError("argument too big")
    return allocated(lambda: s * times)


@method(str, "%")
def _format(s: str, args: Any) -> str:
    from ncg.ruby.runtime.sprintf import ruby_format

    return ruby_format(s, *(args if type(args) is list else [args]))


method(str, "=~")(match_op)
method(str, "[]", "slice")(str_aref)
register_aref(str, str_aref)
method(str, "upcase")(lambda s: s.upper())
method(str, "downcase")(downcase)
method(str, "capitalize")(_capitalize)
method(str, "swapcase")(swapcase)
method(str, "strip")(_strip)
method(str, "lstrip")(_lstrip)
method(str, "rstrip")(_rstrip)
method(str, "chomp")(_chomp)
method(str, "chop")(_chop)
method(str, "chr")(lambda s: s[:1])
method(str, "chars")(lambda s: list(s))
method(str, "bytes")(lambda s: list(utf8_bytes(s)))
method(str, "lines")(lambda s, separator="\n": _lines(s, to_str(separator)))
method(str, "reverse")(lambda s: s[::-1])
method(str, "succ", "next")(succ)
method(str, "ord")(_ord)
method(str, "hex")(lambda s: str_to_i(s, 16))
method(str, "oct")(_str_oct)
method(str, "to_i")(lambda s, base=10: str_to_i(s, to_int(base)))
method(str, "to_f")(str_to_f)
method(str, "to_s", "to_str", "dup", "clone", "itself", "+@", "-@", "freeze")(lambda s: s)
method(str, "to_sym", "intern")(lambda s: Symbol.of(s))
method(str, "inspect")(inspect_str)
method(str, "dump")(dump_str)
method(str, "length", "size")(len)
method(str, "bytesize")(lambda s: len(utf8_bytes(s)))
method(str, "empty?")(lambda s: not s)
method(str, "frozen?")(lambda s: False)
method(str, "hash")(hash)
method(str, "sum")(lambda s: sum(utf8_bytes(s)) & 0xFFFF)
method(str, "center")(lambda s, width, pad=" ": _pad(s, width, pad, "center"))
method(str, "ljust")(lambda s, width, pad=" ": _pad(s, width, pad, "right"))
method(str, "rjust")(lambda s, width, pad=" ": _pad(s, width, pad, "left"))
method(str, "split")(lambda s, pattern=None, limit=0: split(s, pattern, to_int(limit)))
method(str, "sub")(sub)
method(str, "gsub")(gsub)
method(str, "scan")(scan)
method(str, "tr")(lambda s, source, target: _tr(s, to_str(source), to_str(target), False))
method(str, "tr_s")(lambda s, source, target: _tr(s, to_str(source), to_str(target), True))
method(str, "delete")(lambda s, *specs: "".join(ch for ch in s if not _char_test(specs)(ch)))
method(str, "squeeze")(lambda s, *specs: _squeeze(s, specs))
method(str, "count")(lambda s, *specs: _count(s, specs))
method(str, "index")(_index)
method(str, "rindex")(_rindex)
method(str, "include?")(lambda s, other: to_str(other) in s)
method(str, "partition")(_partition)
method(str, "rpartition")(_rpartition)
method(str, "delete_prefix")(lambda s, prefix: s.removeprefix(to_str(prefix)))
method(str, "delete_suffix")(lambda s, suffix: s.removesuffix(to_str(suffix)))
method(str, "insert")(_insert)
method(str, "prepend")(lambda s, *others: "".join(to_str(o) for o in others) + s)
method(str, "replace")(lambda s, other: to_str(other))
method(str, "clear")(lambda s: "")
method(str, "casecmp")(_casecmp)
method(str, "codepoints")(lambda s: [ord(ch) for ch in s])
method(str, "ascii_only?")(str.isascii)
method(str, "getbyte")(lambda s, index: array_aref(list(utf8_bytes(s)), to_int(index)))


def _count(s: str, specs: tuple[Any, ...]) -> int:
    test = _char_test(specs)
    return sum(1 for ch in s if test(ch))


@method(str, "concat", "<<")
def _concat_all(s: str, *others: Any) -> str:
    for other in others:
        s = _concat(s, other)
    return s


@method(str, "casecmp?")
def _casecmp_p(s: str, other: Any) -> bool:
    if type(other) is not str:
        raise implicit_conversion_error(other, "String")
    return s.casefold() == other.casefold()


@method(str, "start_with?")
def _start_with(s: str, *prefixes: Any) -> bool:
    for prefix in prefixes:
        if isinstance(prefix, Regexp):
            match = prefix.match_here(s, 0)
            if match is not None:
                frame().last_match = match
                return True
        elif s.startswith(to_str(prefix)):
            return True
    return False


@method(str, "end_with?")
def _end_with(s: str, *suffixes: Any) -> bool:
    return any(s.endswith(to_str(suffix)) for suffix in suffixes)


@method(str, "match")
def _match(s: str, pattern: Any, start: Any = 0, *, block: Block = None) -> Any:
    return send(_pattern_regexp(pattern), "match", s, start, block=block)


@method(str, "match?")
def _match_p(s: str, pattern: Any, start: Any = 0) -> bool:
    offset = _start_offset(s, start)
    return offset is not None and _pattern_regexp(pattern).search(s, offset) is not None


def _pattern_regexp(pattern: Any) -> Regexp:
    """match/match? read a String pattern as a regexp source (sub/index take it literally)."""
    if isinstance(pattern, Regexp):
        return pattern
    return Regexp.cached(to_str(pattern))


@method(str, "each_char")
def _each_char(s: str, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(s, "each_char")
    return _iterate(s, list(s), block)


@method(str, "each_line")
def _each_line(s: str, separator: Any = "\n", *, block: Block = None) -> Any:
    if block is None:
        return enumerator(s, "each_line", *(() if separator == "\n" else (separator,)))
    return _iterate(s, _lines(s, to_str(separator)), block)


@method(str, "each_byte")
def _each_byte(s: str, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(s, "each_byte")
    return _iterate(s, list(utf8_bytes(s)), block)


@method(str, "upto")
def _upto(s: str, last: Any, exclusive: Any = False, *, block: Block = None) -> Any:
    from ncg.ruby.runtime.range import string_elements

    if block is None:
        return enumerator(s, "upto", last, *((exclusive,) if exclusive else ()))
    return _iterate(s, list(string_elements(s, to_str(last), truthy(exclusive))), block)


# --- mutating methods ---------------------------------------------------------------

# Bang methods that return nil when they change nothing; the others return the string.
_BANG_OR_NIL = frozenset((
    "upcase!", "downcase!", "capitalize!", "swapcase!", "strip!", "lstrip!", "rstrip!",
    "chomp!", "chop!", "squeeze!", "tr!", "tr_s!", "delete!", "sub!", "gsub!",
    "delete_prefix!", "delete_suffix!",
))
_BANG_ALWAYS = frozenset(("reverse!", "succ!", "next!", "scrub!", "encode!",
                          "unicode_normalize!"))
# Non-bang methods that change the receiver, returning it.
_MUTATORS = frozenset(("<<", "concat", "replace", "insert", "prepend", "clear",
                       "force_encoding"))


def _bang(s: str, name: str, args: tuple[Any, ...], block: Block) -> tuple[str, Any]:
    """(new string, Ruby's return value) of `s.name(*args)` for a mutating `name`."""
    if name == "[]=":
        return str_aset(s, *args), args[-1]
    if name == "slice!":
        return _slice_bang(s, args)
    if name in _MUTATORS:
        changed = send(s, name, *args, block=block)
        return changed, changed
    changed = send(s, name[:-1], *args, block=block)
    if name in _BANG_OR_NIL and changed == s:
        return s, None
    return changed, changed


def send_bang(recv: Any, name: str, *args: Any, block: Block = None) -> tuple[Any, Any]:
    """Ruby's mutating method `name` on `recv`: (new receiver, Ruby's return value).

    Python strings are immutable, so the compiler assigns the first value back
    to the receiver's variable; lists and dicts change in place.
    """
    if (type(recv) is str or type(recv) is BinaryStr) and (
            name in _BANG_OR_NIL or name in _BANG_ALWAYS or name in _MUTATORS
            or name in ("[]=", "slice!")):
        return _bang(recv, name, args, block)
    return recv, send_mut(recv, name, *args, block=block)


def _bang_method(name: str) -> Callable[..., Any]:
    """`"abc".upcase!` on a value nothing can be assigned back to: Ruby's return value."""

    def call(s: str, *args: Any, block: Block = None) -> Any:
        return _bang(s, name, args, block)[1]

    return call


for _name in (*_BANG_OR_NIL, *_BANG_ALWAYS, "slice!", "[]="):
    method(str, _name)(_bang_method(_name))


def _slice_bang(s: str, args: tuple[Any, ...]) -> tuple[str, Any]:
    removed = str_aref(s, *args)
    if removed is None:
        return s, None
    first = args[0]
    if isinstance(first, Regexp):
        at = frame().last_match.begin(0)
    elif type(first) is str:
        at = s.find(removed)
    elif is_range(first):
        at = range_bounds(first, len(s))[0]
    else:
        at = to_int(first) + (len(s) if to_int(first) < 0 else 0)
    return s[:at] + s[at + len(removed):], removed


# --- ASCII-8BIT Strings -------------------------------------------------------------
# A BinaryStr's characters are its bytes: the methods that count, take or turn
# characters work on its bytes (as Latin-1 characters), and give binary Strings.


def inspect_binary(s: str) -> str:
    """Ruby's inspect of an ASCII-8BIT String: every byte that is no printable ASCII as \\xNN."""
    if _PLAIN.match(s):
        return '"' + s + '"'
    data = utf8_bytes(s)
    out = ['"']
    for i, byte in enumerate(data):
        ch = chr(byte)
        if ch in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[ch])
        elif ch == "#" and data[i + 1:i + 2] in (b"{", b"$", b"@"):
            out.append("\\#")
        elif 0x20 <= byte < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\x{byte:02X}")
    out.append('"')
    return "".join(out)


def _as_binary(value: Any) -> Any:
    """A result computed over byte characters, back as binary Strings."""
    if isinstance(value, str):
        return from_byte_chars(value)
    if type(value) is list:
        return [_as_binary(v) for v in value]
    return value


def _bytewise(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn` (a String method) on a binary String's bytes, String arguments likewise."""

    def run(s: str, *args: Any) -> Any:
        return _as_binary(fn(byte_chars(s), *(byte_chars(a) if isinstance(a, str) else a
                                             for a in args)))

    return run


def _ascii_case(convert: Callable[[bytes], bytes]) -> Callable[[str], str]:
    return lambda s: binary(convert(utf8_bytes(s)))


@method(BinaryStr, "*")
def _binary_times(s: str, count: Any) -> str:
    return BinaryStr(_times(s, count))


@method(BinaryStr, "each_char")
def _binary_each_char(s: str, *, block: Block = None) -> Any:
    if block is None:
        return enumerator(s, "each_char")
    return _iterate(s, _as_binary(list(byte_chars(s))), block)


method(BinaryStr, "inspect", "dump")(inspect_binary)
method(BinaryStr, "+")(
    lambda s, other: concat(s, other if isinstance(other, str) else to_str(other)))
method(BinaryStr, "==", "===", "eql?")(binary_eq)
method(BinaryStr, "!=")(lambda s, other: not binary_eq(s, other))
method(BinaryStr, "<=>")(binary_cmp)
method(BinaryStr, "length", "size")(lambda s: len(utf8_bytes(s)))
method(BinaryStr, "upcase")(_ascii_case(bytes.upper))
method(BinaryStr, "downcase")(_ascii_case(bytes.lower))
method(BinaryStr, "swapcase")(_ascii_case(bytes.swapcase))
method(BinaryStr, "capitalize")(_ascii_case(bytes.capitalize))
method(BinaryStr, "ord")(lambda s: _ord(byte_chars(s)))
for _name, _fn in (("[]", str_aref), ("slice", str_aref), ("chr", lambda s: s[:1]),
                   ("chars", list), ("reverse", lambda s: s[::-1]),
                   ("center", lambda s, width, pad=" ": _pad(s, width, pad, "center")),
                   ("ljust", lambda s, width, pad=" ": _pad(s, width, pad, "right")),
                   ("rjust", lambda s, width, pad=" ": _pad(s, width, pad, "left")),
                   ("index", _index), ("rindex", _rindex),
                   ("split", lambda s, pattern=None, limit=0: split(s, pattern, to_int(limit)))):
    method(BinaryStr, _name)(_bytewise(_fn))


@method(BinaryStr, "concat", "<<")
def _binary_concat(s: str, *others: Any) -> str:
    for other in others:
        if type(other) is int and 0 <= other < 256:
            other = binary(bytes([other]))
        s = concat(s, to_str(other) if not isinstance(other, str) else other)
    return s


@method(str, "byteslice")
def byteslice(s: str, start: Any, length: Any = None) -> str | None:
    """String#byteslice: bytes as a String of the receiver's encoding."""
    taken = _as_binary(str_aref(byte_chars(s), start, length) if length is not None
                       else str_aref(byte_chars(s), start))
    if taken is None or type(s) is BinaryStr:
        return taken
    return str(taken)
