"""Ruby's Encoding class, and the encoding tag binary Strings carry.

Every String is a Python `str` holding its bytes decoded as UTF-8 with
`surrogateescape` (a byte that is no UTF-8 is a surrogate U+DC80..U+DCFF),
so its bytes are always `s.encode("utf-8", "surrogateescape")`. A plain
`str` is a UTF-8 String; a `BinaryStr` holds the same text but is an
ASCII-8BIT String (what `pack`, `b`, `Digest#digest`… return): its
characters are its bytes, and its `inspect` writes every byte that is no
printable ASCII as `\\xNN`. Where a Python operation drops the subclass, the
result is a UTF-8 String of the very same bytes, so what is written out is
the same either way.

Only UTF-8 and ASCII-8BIT are encodings a String can have here; US-ASCII
and the rest are known by name (`Encoding.find`, converting from them with
`encode("UTF-8", "ISO-8859-1")`).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from ncg.errors import ArgumentError, RubyError, StandardError, TypeError_
from ncg.ruby.runtime.consts import (
    OBJECT,
    class_of,
    exception_class,
    register_class,
    register_constant,
)
from ncg.ruby.runtime.core import RClass, method, send
from ncg.ruby.runtime.symbol import Symbol


class BinaryStr(str):
    """An ASCII-8BIT String (its text is its bytes decoded as every String's is)."""

    __slots__ = ()


def raw(s: str) -> bytes:
    """A String's bytes."""
    return s.encode("utf-8", "surrogateescape")


def binary(data: bytes) -> BinaryStr:
    """An ASCII-8BIT String of these bytes."""
    return BinaryStr(data.decode("utf-8", "surrogateescape"))


def byte_chars(s: str) -> str:
    """A binary String's characters as Python sees them: one per byte (Latin-1)."""
    return raw(s).decode("latin-1")


def from_byte_chars(text: str) -> BinaryStr:
    return binary(text.encode("latin-1"))


# --- errors ---------------------------------------------------------------------------

EncodingError = exception_class("EncodingError", StandardError)
CompatibilityError = exception_class("Encoding::CompatibilityError", EncodingError)
UndefinedConversionError = exception_class("Encoding::UndefinedConversionError", EncodingError)
InvalidByteSequenceError = exception_class("Encoding::InvalidByteSequenceError", EncodingError)
ConverterNotFoundError = exception_class("Encoding::ConverterNotFoundError", EncodingError)


# --- Encoding objects -----------------------------------------------------------------

class Encoding:
    """One of Ruby's Encoding objects (there is one object per encoding, so `==` is `equal?`)."""

    __slots__ = ("name", "names", "codec", "ascii_compatible")

    def __init__(self, names: list[str], codec: str | None, ascii_compatible: bool = True) -> None:
        self.name = names[0]
        self.names = names
        self.codec = codec
        self.ascii_compatible = ascii_compatible

    def __repr__(self) -> str:
        return f"#<Encoding:{self.name}>"


ENCODING = register_class(RClass("Encoding", OBJECT), Encoding)

UTF_8 = Encoding(["UTF-8", "CP65001", "locale", "external", "filesystem"], "utf-8")
BINARY = Encoding(["ASCII-8BIT", "BINARY"], None)
US_ASCII = Encoding(["US-ASCII", "ASCII", "ANSI_X3.4-1968", "646"], "ascii")
_OTHERS = [
    Encoding([f"ISO-8859-{n}", f"ISO8859-{n}"], f"iso8859-{n}")
    for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16)
] + [
    Encoding([f"Windows-{n}", f"CP{n}"], f"cp{n}") for n in range(1250, 1259)
] + [
    Encoding(["UTF-16LE"], "utf-16-le", False),
    Encoding(["UTF-16BE", "UCS-2BE"], "utf-16-be", False),
    Encoding(["UTF-32LE", "UCS-4LE"], "utf-32-le", False),
    Encoding(["UTF-32BE"], "utf-32-be", False),
    Encoding(["Shift_JIS"], "shift_jis"), Encoding(["EUC-JP", "eucJP"], "euc_jp"),
    Encoding(["IBM437", "CP437"], "cp437"), Encoding(["KOI8-R", "CP878"], "koi8_r"),
]
_ALL = (UTF_8, BINARY, US_ASCII, *_OTHERS)
_BY_NAME = {alias.upper(): enc for enc in _ALL for alias in enc.names}


def _constant_names(name: str) -> set[str]:
    plain = name.replace("-", "_")
    return {plain, plain.upper()} if plain[0].isupper() else {plain.upper()}


for _enc in _ALL:
    for _alias in _enc.names:
        if _alias[0].isalpha():
            for _const in _constant_names(_alias):
                register_constant(f"Encoding::{_const}", _enc)


def find(name: Any) -> Encoding:
    """An Encoding by name or itself (`Encoding.find`, `force_encoding`'s argument)."""
    if type(name) is Encoding:
        return name
    if not isinstance(name, str):
        raise TypeError_(f"no implicit conversion of {class_of(name).name} into String")
    found = _BY_NAME.get(name.upper())
    if found is None:
        raise ArgumentError(f"unknown encoding name - {name}")
    return found


def encoding_of(s: str) -> Encoding:
    return BINARY if type(s) is BinaryStr else UTF_8


def with_encoding(s: str, enc: Encoding) -> str:
    """The same bytes tagged with `enc` (force_encoding)."""
    if enc is BINARY:
        return s if type(s) is BinaryStr else BinaryStr(s)
    if enc is UTF_8 or enc is US_ASCII:
        return str(s) if type(s) is not str else s
    raise not_supported(enc)


def not_supported(enc: Encoding) -> RubyError:
    from ncg.errors import NotImplementedError_

    return NotImplementedError_(f"ncg has no Strings in {enc.name}: only UTF-8 and ASCII-8BIT")


def compatible(a: str, b: str) -> type[str]:
    """The class (encoding) of `a + b` when one of them is binary, as Ruby's
    rb_enc_compatible decides it, or Encoding::CompatibilityError."""
    ta, tb = type(a), type(b)
    if ta is tb:
        return ta
    if not b:
        return ta
    if not a:
        return ta if b.isascii() else tb
    if b.isascii():
        return ta
    if a.isascii():
        return tb
    raise CompatibilityError(
        f"incompatible character encodings: {encoding_of(a).name} and {encoding_of(b).name}")


def concat(a: str, b: str) -> str:
    """`a + b` where either may be binary."""
    cls = compatible(a, b)
    joined = str.__add__(a, b)
    return BinaryStr(joined) if cls is BinaryStr else joined


def binary_eq(b: BinaryStr, other: Any) -> bool:
    """Ruby's `==` of a binary String: the same bytes, comparable encodings."""
    return isinstance(other, str) and str.__eq__(b, other) and (
        type(other) is BinaryStr or b.isascii())


# --- a template's output --------------------------------------------------------------

# how many binary Strings `to_s` has been given (what `<%= %>` writes goes through it)
binary_to_s = [0]


def output_text(parts: list[str], seen: int) -> str:
    """ERB's output buffer: the written parts joined. When binary Strings were
    written (`binary_to_s` moved on from `seen`), Ruby's `<<` of each part onto
    a UTF-8 buffer is replayed: the buffer turns ASCII-8BIT, or raises
    Encoding::CompatibilityError, as it does in Ruby."""
    text = "".join(parts)
    if binary_to_s[0] == seen:
        return text
    cls: type[str] = str
    empty = ascii_only = True
    for part in parts:
        if not part:
            continue
        kind = BinaryStr if type(part) is BinaryStr else str
        part_ascii = part.isascii()
        if kind is not cls and not part_ascii:
            if empty or ascii_only:
                cls = kind
            else:
                raise CompatibilityError("incompatible character encodings: "
                                         f"{_NAMES[cls]} and {_NAMES[kind]}")
        empty = False
        ascii_only = ascii_only and part_ascii
    return BinaryStr(text) if cls is BinaryStr else text


_NAMES = {str: "UTF-8", BinaryStr: "ASCII-8BIT"}


# --- Encoding's methods ---------------------------------------------------------------

method(Encoding, "name", "to_s")(lambda e: e.name)
method(Encoding, "inspect")(lambda e: f"#<Encoding:{e.name}>")
method(Encoding, "names")(lambda e: list(e.names))
method(Encoding, "ascii_compatible?")(lambda e: e.ascii_compatible)
method(Encoding, "dummy?")(lambda e: False)
ENCODING.smethod("find")(lambda _cls, name: find(name))
ENCODING.smethod("default_external")(lambda _cls: UTF_8)
ENCODING.smethod("default_internal")(lambda _cls: None)
ENCODING.smethod("name_list")(lambda _cls: [alias for enc in _ALL for alias in enc.names])
ENCODING.smethod("list")(lambda _cls: list(_ALL))


# --- String's methods about encodings -------------------------------------------------

def _inspect_bytes(data: bytes) -> str:
    return '"' + "".join(chr(b) if 0x20 <= b < 0x7F and b not in b'"\\#' else f"\\x{b:02X}"
                         for b in data) + '"'


def _decode_units(data: bytes, src: Encoding) -> list[tuple[str, Any]]:
    """The source's bytes as ("ok", text), ("invalid", bytes) and ("undef", bytes) runs."""
    if src is BINARY or src is US_ASCII:
        bad = "undef" if src is BINARY else "invalid"
        units: list[tuple[str, Any]] = []
        start = 0
        for at, byte in enumerate(data):
            if byte >= 0x80:
                if at > start:
                    units.append(("ok", data[start:at].decode("ascii")))
                units.append((bad, data[at:at + 1]))
                start = at + 1
        if start < len(data):
            units.append(("ok", data[start:].decode("ascii")))
        return units
    codec = "utf-8" if src is UTF_8 else src.codec
    assert codec is not None
    units = []
    while data:
        try:
            units.append(("ok", data.decode(codec)))
            break
        except UnicodeDecodeError as exc:
            if exc.start:
                units.append(("ok", data[:exc.start].decode(codec)))
            kind = "invalid" if src is UTF_8 else "undef"
            units.append((kind, data[exc.start:exc.end]))
            data = data[exc.end:]
    return units


def _conversion_error(kind: str, what: Any, src: Encoding, dst: Encoding,
                      after: bytes = b"") -> RubyError:
    if kind == "invalid":
        if src is UTF_8 and 0xC2 <= what[0] <= 0xF4:  # a sequence cut short
            if not after:
                return InvalidByteSequenceError(f"incomplete {_inspect_bytes(what)} on UTF-8")
            return InvalidByteSequenceError(
                f"{_inspect_bytes(what)} followed by {_inspect_bytes(after[:1])} on UTF-8")
        return InvalidByteSequenceError(f"{_inspect_bytes(what)} on {src.name}")
    if isinstance(what, bytes):
        if src is BINARY:
            return UndefinedConversionError(f"{_inspect_bytes(what)} from {src.name} to {dst.name}")
        return UndefinedConversionError(
            f"{_inspect_bytes(what)} to UTF-8 in conversion from {src.name} to UTF-8")
    return UndefinedConversionError(f"U+{ord(what):04X} from UTF-8 to {dst.name}")


def _option(options: dict[Any, Any] | None, name: str) -> Any:
    if not options:
        return None
    for key, value in options.items():
        if getattr(key, "name", None) == name:
            return value
    return None


def _converter_end(name: Any) -> Encoding | None:
    if type(name) is Encoding:
        return name
    if not isinstance(name, str):
        raise TypeError_(f"no implicit conversion of {class_of(name).name} into String")
    return _BY_NAME.get(name.upper())


def transcode(s: str, *args: Any) -> str:
    """String#encode(dst = nil, src = the receiver's, invalid:, undef:, replace:)."""
    options = args[-1] if args and isinstance(args[-1], dict) else None
    if options is not None:
        args = args[:-1]
    if len(args) > 2:
        raise ArgumentError(f"wrong number of arguments (given {len(args)}, expected 0..2)")
    if not args and options is None:
        return s
    dst = _converter_end(args[0]) if args else encoding_of(s)
    src = _converter_end(args[1]) if len(args) > 1 else encoding_of(s)
    if dst is None or src is None:
        names = [a.name if type(a) is Encoding else a for a in (args + (encoding_of(s),))[:2]]
        names = names if len(args) > 1 else [encoding_of(s).name, names[0]]
        raise ConverterNotFoundError(f"code converter not found ({names[1]} to {names[0]})"
                                     if len(args) > 1 else
                                     f"code converter not found ({names[0]} to {names[1]})")
    replace_invalid = _option(options, "invalid") is not None
    replace_undef = _option(options, "undef") is not None
    replacement = _option(options, "replace")
    if replacement is None:
        replacement = "\ufffd" if dst.codec is not None and dst.codec.startswith("utf") else "?"
    data = raw(s)
    if src is dst or (data.isascii() and src.ascii_compatible and dst.ascii_compatible):
        if src is dst and src is UTF_8 and replace_invalid:
            return scrub(s, replacement)
        return with_encoding(s, dst)
    if dst not in (UTF_8, BINARY, US_ASCII):
        raise not_supported(dst)
    out: list[str] = []
    units = _decode_units(data, src)
    for i, (kind, what) in enumerate(units):
        if kind == "ok":
            if dst is UTF_8:
                out.append(what)
                continue
            for ch in what:
                if ch.isascii():
                    out.append(ch)
                elif replace_undef:
                    out.append(to_replacement(replacement))
                else:
                    raise _conversion_error("undef", ch, src, dst)
        elif (replace_invalid if kind == "invalid" else replace_undef):
            out.append(to_replacement(replacement))
        else:
            after = units[i + 1][1] if i + 1 < len(units) else ""
            raise _conversion_error(kind, what, src, dst,
                                    after if isinstance(after, bytes) else raw(after))
    return with_encoding("".join(out), dst)


def to_replacement(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError_(f"no implicit conversion of {class_of(value).name} into String")
    return str(value)


def scrub(s: str, replacement: Any = None, block: Any = None) -> str:
    """String#scrub: each invalid byte sequence (a maximal one, as Ruby takes
    them) replaced by `replacement`, U+FFFD, or what the block makes of it."""
    if type(s) is BinaryStr:
        return s
    if str_valid(s):
        return s
    out = []
    for kind, what in _decode_units(raw(s), UTF_8):
        if kind == "ok":
            out.append(what)
        elif block is not None:
            out.append(to_replacement(block(what.decode("utf-8", "surrogateescape"))))
        else:
            out.append("\ufffd" if replacement is None else to_replacement(replacement))
    return "".join(out)


_FORMS = {"nfc": "NFC", "nfd": "NFD", "nfkc": "NFKC", "nfkd": "NFKD"}


def unicode_normalize(s: str, form: Any = None) -> str:
    if type(s) is BinaryStr:
        raise CompatibilityError("Unicode Normalization not appropriate for ASCII-8BIT")
    python_form = "NFC" if form is None else _FORMS.get(getattr(form, "name", None) or "")
    if python_form is None or (form is not None and type(form) is not Symbol):
        raise ArgumentError(f"Invalid normalization form {send(form, 'to_s')}.")
    if s.isascii():
        return s
    if not str_valid(s):
        raise ArgumentError("invalid byte sequence in UTF-8")
    return unicodedata.normalize(python_form, s)


method(str, "encoding")(encoding_of)
method(str, "force_encoding")(lambda s, enc: with_encoding(s, find(enc)))
method(str, "b")(lambda s: s if type(s) is BinaryStr else BinaryStr(s))
method(str, "encode")(transcode)
method(str, "scrub")(lambda s, replacement=None, *, block=None: scrub(s, replacement, block))
method(str, "unicode_normalize")(unicode_normalize)
method(str, "unicode_normalized?")(lambda s, form=None: unicode_normalize(s, form) == s)
method(str, "valid_encoding?")(lambda s: type(s) is BinaryStr or str_valid(s))


def str_valid(s: str) -> bool:
    """Whether a UTF-8 String's bytes are all UTF-8 (it holds no surrogate escapes)."""
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
