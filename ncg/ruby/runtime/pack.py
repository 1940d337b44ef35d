"""Array#pack and String#unpack/unpack1 for the common directives.

Ruby packs into a byte string. ncg's Strings are Python `str`, so packed
bytes are decoded as UTF-8 with `surrogateescape`: text stays text, and a
byte that is no UTF-8 (a lone 0xFF) is kept as a surrogate that is written
out as that very byte again. Unpacking encodes the same way.

Supported: integers `C c n N v V s S l L q Q` (native order is little
endian, as on the machines ncg runs on), `U` (UTF-8 characters), `w` (BER
compressed integers), strings `a A Z`, hex `H h`, base64 `m` and the null
byte `x`; each with a count or `*`.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from ncg.errors import ArgumentError, RangeError, TypeError_
from ncg.ruby.runtime.consts import class_of
from ncg.ruby.runtime.core import method
from ncg.ruby.runtime.encoding import binary
from ncg.ruby.runtime.string import utf8_bytes

# directive -> (size in bytes, signed, byte order)
_INTEGERS = {
    "C": (1, False, "little"), "c": (1, True, "little"),
    "n": (2, False, "big"), "N": (4, False, "big"),
    "v": (2, False, "little"), "V": (4, False, "little"),
    "S": (2, False, "little"), "s": (2, True, "little"),
    "L": (4, False, "little"), "l": (4, True, "little"),
    "Q": (8, False, "little"), "q": (8, True, "little"),
}
_DIRECTIVE = re.compile(r"([a-zA-Z@])([_!<>]*)(\*|\d+)?")
_KNOWN = set(_INTEGERS) | set("UwaAZHhmx")


def from_bytes(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _directives(template: Any) -> list[tuple[str, str | None]]:
    if not isinstance(template, str):
        raise TypeError_(f"no implicit conversion of {class_of(template).name} into String")
    found = []
    for match in _DIRECTIVE.finditer(re.sub(r"\s+|#[^\n]*", "", template)):
        letter, _, count = match.groups()
        if letter in _KNOWN:  # Ruby 3.1 only warns of an unknown directive, and skips it
            found.append((letter, count))
    return found


def _integer(value: Any) -> int:
    if type(value) is int:
        return value
    if type(value) is float:
        return int(value)
    if value is None:
        raise TypeError_("no implicit conversion of nil into Integer")
    raise TypeError_(f"no implicit conversion of {class_of(value).name} into Integer")


def _string(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise TypeError_(f"no implicit conversion of {class_of(value).name} into String")


def _ber(number: int) -> bytes:
    if number < 0:
        raise ArgumentError("can't compress negative numbers")
    out = [number & 0x7F]
    number >>= 7
    while number:
        out.append(0x80 | (number & 0x7F))
        number >>= 7
    return bytes(reversed(out))


def _pack_string(letter: str, value: str, count: str | None) -> bytes:
    data = utf8_bytes(value)
    if letter in "Hh":
        return _pack_hex(letter, value, count)
    if letter == "m":
        return _pack_base64(data, count)
    if count == "*":
        return data + b"\0" if letter == "Z" else data
    width = 1 if count is None else int(count)
    pad = b" " if letter == "A" else b"\0"
    return data[:width].ljust(width, pad)


def _pack_hex(letter: str, value: str, count: str | None) -> bytes:
    digits = value if count == "*" else value[: 1 if count is None else int(count)]
    if count not in (None, "*"):
        digits = digits.ljust(int(count), "0")
    if len(digits) % 2:
        digits += "0"
    out = bytearray()
    for i in range(0, len(digits), 2):
        pair = digits[i:i + 2] if letter == "H" else digits[i + 1] + digits[i]
        out.append(int("".join(_hex_digit(c) for c in pair), 16))
    return bytes(out)


def _hex_digit(ch: str) -> str:
    """Ruby's pack takes any character as a nibble: a letter's low 3 bits + 9, else low 4."""
    code = ord(ch)
    return format(((code & 7) + 9) & 15 if ch.isascii() and ch.isalpha() else code & 15, "x")


def _pack_base64(data: bytes, count: str | None) -> bytes:
    if count == "0":
        return base64.b64encode(data)
    per_line = 45 if count in (None, "*") or int(count) < 3 else int(count) // 3 * 3
    lines = [base64.b64encode(data[i:i + per_line]) + b"\n"
             for i in range(0, len(data), per_line)]
    return b"".join(lines)


def pack(items: list[Any], template: Any) -> str:
    """Array#pack: an ASCII-8BIT String, but UTF-8 when all its directives
    are `U` and `m` (US-ASCII in Ruby when there is no `U`)."""
    out = bytearray()
    values = iter(items)
    directives = _directives(template)
    text = all(letter in "Um" for letter, _ in directives)
    for letter, count in directives:
        if letter == "x":
            out += b"\0" * (1 if count is None else 0 if count == "*" else int(count))
        elif letter in "aAZHhm":
            out += _pack_string(letter, _string(_next(values)), count)
        else:
            out += _pack_numbers(letter, values, count)
    return from_bytes(bytes(out)) if text else binary(bytes(out))


def _next(values: Any) -> Any:
    try:
        return next(values)
    except StopIteration:
        raise ArgumentError("too few arguments") from None


def _pack_numbers(letter: str, values: Any, count: str | None) -> bytes:
    if count == "*":
        numbers = [_integer(v) for v in values]
    else:
        numbers = [_integer(_next(values)) for _ in range(1 if count is None else int(count))]
    out = bytearray()
    for number in numbers:
        if letter == "U":
            if number < 0:
                raise RangeError("pack(U): value out of range")
            out += chr(number).encode("utf-8", "surrogatepass")
        elif letter == "w":
            out += _ber(number)
        else:
            size, _, order = _INTEGERS[letter]
            out += (number % (1 << (8 * size))).to_bytes(size, order)
    return bytes(out)


def unpack(s: str, template: Any) -> list[Any]:
    data = utf8_bytes(_string(s))
    at = 0
    result: list[Any] = []
    for letter, count in _directives(template):
        at = _unpack_one(letter, count, data, at, result)
    return result


def _unpack_one(letter: str, count: str | None, data: bytes, at: int,
                result: list[Any]) -> int:
    if letter == "x":
        at += 1 if count is None else 0 if count == "*" else int(count)
        if at > len(data):
            raise ArgumentError("x outside of string")
        return at
    if letter in "aAZ":
        return _unpack_string(letter, count, data, at, result)
    if letter in "Hh":
        nibbles = binascii.hexlify(data[at:]).decode()
        if letter == "h":
            nibbles = "".join(nibbles[i + 1] + nibbles[i] for i in range(0, len(nibbles), 2))
        wanted = len(nibbles) if count == "*" else 1 if count is None else int(count)
        taken = nibbles[:wanted]
        result.append(taken)
        return at + (len(taken) + 1) // 2
    if letter == "m":
        result.append(binary(base64.b64decode(b"".join(data[at:].split()) + b"==")))
        return len(data)
    if letter == "U":
        return _unpack_chars(count, data, at, result)
    if letter == "w":
        return _unpack_ber(count, data, at, result)
    return _unpack_integers(letter, count, data, at, result)


def _unpack_string(letter: str, count: str | None, data: bytes, at: int,
                   result: list[Any]) -> int:
    width = len(data) - at if count == "*" else 1 if count is None else int(count)
    chunk = data[at:at + width]
    if letter == "Z":
        end = chunk.find(b"\0")
        if end >= 0:
            chunk = chunk[:end]
            if count == "*":
                width = end + 1
    elif letter == "A":
        chunk = chunk.rstrip(b" \0")
    result.append(binary(chunk))
    return at + width


def _unpack_integers(letter: str, count: str | None, data: bytes, at: int,
                     result: list[Any]) -> int:
    size, signed, order = _INTEGERS[letter]
    times = (len(data) - at) // size if count == "*" else 1 if count is None else int(count)
    for _ in range(times):
        if at + size > len(data):
            result.append(None)
            continue
        result.append(int.from_bytes(data[at:at + size], order, signed=signed))
        at += size
    return at


def _unpack_chars(count: str | None, data: bytes, at: int, result: list[Any]) -> int:
    text = data[at:].decode("utf-8", "surrogateescape")
    times = len(text) if count == "*" else 1 if count is None else int(count)
    for ch in text[:times]:
        if "\udc80" <= ch <= "\udcff":
            raise ArgumentError("malformed UTF-8 character")
        result.append(ord(ch))
        at += len(ch.encode("utf-8", "surrogatepass"))
    return at


def _unpack_ber(count: str | None, data: bytes, at: int, result: list[Any]) -> int:
    times = None if count == "*" else 1 if count is None else int(count)
    while at < len(data) and (times is None or times > 0):
        number = 0
        while at < len(data):
            byte = data[at]
            at += 1
            number = (number << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        result.append(number)
        if times is not None:
            times -= 1
    return at


method(list, "pack")(pack)
method(str, "unpack")(unpack)


@method(str, "unpack1")
def unpack1(s: str, template: Any) -> Any:
    values = unpack(s, template)
    return values[0] if values else None
