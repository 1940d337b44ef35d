"""The escaping and encoding libraries: ERB::Util and CGI (loaded in the
original's process), `shellwords`, `base64`, `digest` and `securerandom`.

Binary results (`Digest::MD5.digest`, `Base64.decode64`) are Strings of
bytes, kept as ncg keeps bytes that are no UTF-8 (see `pack`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
import string
import urllib.parse
from collections.abc import Callable
from typing import Any

from ncg.errors import ArgumentError
from ncg.ruby.runtime.consts import CONSTANTS, OBJECT, RClass
from ncg.ruby.runtime.core import send
from ncg.ruby.runtime.encoding import binary
from ncg.ruby.runtime.enumerable import to_int, to_str
from ncg.ruby.runtime.libraries import library_constant, library_method
from ncg.ruby.runtime.pack import from_bytes
from ncg.ruby.runtime.string import utf8_bytes
from ncg.ruby.runtime.symbol import Symbol
from ncg.ruby.runtime.values import to_s

Block = Callable[..., Any] | None

# -- ERB::Util and CGI (cgi/util): loaded before any template runs -------------

ERB = RClass("ERB", OBJECT)
ERB_UTIL = RClass("ERB::Util", is_module=True)
CGI = RClass("CGI", OBJECT)
CGI_UTIL = RClass("CGI::Util", is_module=True)
CONSTANTS.update({"ERB": ERB, "ERB::Util": ERB_UTIL, "CGI": CGI, "CGI::Util": CGI_UTIL,
                  "ERB::VERSION": "2.2.3"})

HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
HTML_SPECIAL = re.compile("[&<>\"']")
HTML_ENTITY = re.compile(r"&(amp|quot|gt|lt|apos|#[0-9]+|#[xX][0-9A-Fa-f]+);")
HTML_NAMED = {"amp": "&", "quot": '"', "gt": ">", "lt": "<", "apos": "'"}


def html_escape(text: str) -> str:
    return HTML_SPECIAL.sub(lambda m: HTML_ESCAPES[m[0]], text)


@ERB_UTIL.smethod("html_escape", "h")
def erb_html_escape(cls: RClass, value: Any) -> str:
    return html_escape(to_s(value))


@ERB_UTIL.smethod("url_encode", "u")
def erb_url_encode(cls: RClass, value: Any) -> str:
    return urllib.parse.quote(utf8_bytes(to_str(value)), safe="-._~")


@CGI.smethod("escapeHTML", "escape_html", "h")
@CGI_UTIL.smethod("escapeHTML", "escape_html", "h")
def cgi_escape_html(cls: RClass, value: Any) -> str:
    return html_escape(to_str(value))


def unescape_entity(match: re.Match[str]) -> str:
    name = match[1]
    if name in HTML_NAMED:
        return HTML_NAMED[name]
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    return chr(code) if code < 0x110000 else match[0]


@CGI.smethod("unescapeHTML", "unescape_html")
@CGI_UTIL.smethod("unescapeHTML", "unescape_html")
def cgi_unescape_html(cls: RClass, value: Any) -> str:
    return HTML_ENTITY.sub(unescape_entity, to_str(value))


@CGI.smethod("escape")
@CGI_UTIL.smethod("escape")
def cgi_escape(cls: RClass, value: Any) -> str:
    return urllib.parse.quote_plus(utf8_bytes(to_str(value)), safe="-._~")


@CGI.smethod("escapeURIComponent", "escape_uri_component")
@CGI_UTIL.smethod("escapeURIComponent", "escape_uri_component")
def cgi_escape_component(cls: RClass, value: Any) -> str:
    return erb_url_encode(cls, value)


@CGI.smethod("unescape")
@CGI_UTIL.smethod("unescape")
def cgi_unescape(cls: RClass, value: Any, *_encoding: Any) -> str:
    data = utf8_bytes(to_str(value)).replace(b"+", b" ")
    return from_bytes(re.sub(rb"%([0-9a-fA-F]{2})", lambda m: bytes([int(m[1], 16)]), data))


@CGI.smethod("unescapeURIComponent", "unescape_uri_component")
@CGI_UTIL.smethod("unescapeURIComponent", "unescape_uri_component")
def cgi_unescape_component(cls: RClass, value: Any, *_encoding: Any) -> str:
    data = utf8_bytes(to_str(value))
    return from_bytes(re.sub(rb"%([0-9a-fA-F]{2})", lambda m: bytes([int(m[1], 16)]), data))


# -- shellwords ------------------------------------------------------------------

SHELLWORDS = library_constant("Shellwords", RClass("Shellwords", is_module=True), "shellwords")
# Ruby's \s: ASCII white space only
_SHELL_WORD = re.compile(
    r"[ \t\n\v\f\r]*(?:([^ \t\n\v\f\r\\'\"]+)|'([^']*)'|\"((?:[^\"\\]|\\.)*)\"|(\\.?)|(\S))"
    r"([ \t\n\v\f\r]|\Z)?", re.S)
_UNSAFE = re.compile(r"[^A-Za-z0-9_\-.,:+/@\n]")


def shell_split(line: str) -> list[str]:
    words: list[str] = []
    field = ""
    at = 0
    while at < len(line):
        match = _SHELL_WORD.match(line, at)
        if match is None or match.end() == at:
            break
        at = match.end()
        word, single, double, escaped, garbage, separator = match.groups()
        if garbage is not None:
            raise ArgumentError(f"Unmatched quote: {send(line, 'inspect')}")
        if word is not None:
            field += word
        elif single is not None:
            field += single
        elif double is not None:
            field += re.sub(r"\\([$`\"\\\n])", r"\1", double)
        else:
            field += re.sub(r"\\(.)", r"\1", escaped)
        if separator is not None:
            words.append(field)
            field = ""
    return words


def shell_escape(text: str) -> str:
    if not text:
        return "''"
    return _UNSAFE.sub(lambda m: "\\" + m[0], text).replace("\n", "'\n'")


@SHELLWORDS.smethod("split", "shellsplit", "shellwords")
def shellwords_split(cls: RClass, line: Any) -> list[str]:
    return shell_split(to_str(line))


@SHELLWORDS.smethod("escape", "shellescape")
def shellwords_escape(cls: RClass, value: Any) -> str:
    return shell_escape(to_s(value))


@SHELLWORDS.smethod("join", "shelljoin")
def shellwords_join(cls: RClass, values: Any) -> str:
    return " ".join(shell_escape(to_s(v)) for v in send(values, "to_a"))


@library_method("shellwords", str, "shellsplit", "shellwords")
def string_shellsplit(text: str) -> list[str]:
    return shell_split(text)


@library_method("shellwords", str, "shellescape")
def string_shellescape(text: str) -> str:
    return shell_escape(text)


@library_method("shellwords", list, "shelljoin")
def array_shelljoin(values: list[Any]) -> str:
    return " ".join(shell_escape(to_s(v)) for v in values)


# -- base64 ------------------------------------------------------------------------

BASE64 = library_constant("Base64", RClass("Base64", is_module=True), "base64")


def text_bytes(value: Any) -> bytes:
    return utf8_bytes(to_str(value))


@BASE64.smethod("encode64")
def base64_encode64(cls: RClass, value: Any) -> str:
    encoded = base64.b64encode(text_bytes(value)).decode("ascii")
    return "".join(encoded[i:i + 60] + "\n" for i in range(0, len(encoded), 60))


@BASE64.smethod("strict_encode64")
def base64_strict_encode64(cls: RClass, value: Any) -> str:
    return base64.b64encode(text_bytes(value)).decode("ascii")


@BASE64.smethod("urlsafe_encode64")
def base64_urlsafe_encode64(cls: RClass, value: Any, *options: Any) -> str:
    encoded = base64.urlsafe_b64encode(text_bytes(value)).decode("ascii")
    padding = options[-1].get(Symbol.of("padding"), True) if options else True
    return encoded if padding not in (None, False) else encoded.rstrip("=")


@BASE64.smethod("decode64")
def base64_decode64(cls: RClass, value: Any) -> str:
    """Lenient, as Ruby's unpack("m"): characters outside the alphabet are skipped."""
    data = re.sub(rb"[^A-Za-z0-9+/]", b"", text_bytes(value))
    data = data[: len(data) - len(data) % 4 if len(data) % 4 == 1 else len(data)]
    return binary(base64.b64decode(data + b"=" * (-len(data) % 4)))


def strict_decode(data: bytes, altchars: bytes | None = None) -> str:
    try:
        return binary(base64.b64decode(data, altchars=altchars, validate=True))
    except binascii.Error:
        raise ArgumentError("invalid base64") from None


@BASE64.smethod("strict_decode64")
def base64_strict_decode64(cls: RClass, value: Any) -> str:
    return strict_decode(text_bytes(value))


@BASE64.smethod("urlsafe_decode64")
def base64_urlsafe_decode64(cls: RClass, value: Any) -> str:
    data = text_bytes(value)
    if not data.endswith(b"=") and len(data) % 4:
        data += b"=" * (-len(data) % 4)
    return strict_decode(data, b"-_")


# -- digest ------------------------------------------------------------------------

DIGEST = library_constant("Digest", RClass("Digest", is_module=True), "digest")
DIGEST_BASE = library_constant("Digest::Base", RClass("Digest::Base", OBJECT), "digest")


class Hasher:
    """A Digest::MD5 (…) instance: `update`/`<<`, then `hexdigest`."""

    __slots__ = ("algorithm", "state")

    def __init__(self, algorithm: str) -> None:
        self.algorithm = algorithm
        self.state = hashlib.new(algorithm)


def make_digest_class(name: str, algorithm: str, feature: str) -> None:
    cls = RClass(f"Digest::{name}", DIGEST_BASE)
    library_constant(f"Digest::{name}", cls, feature, "digest", autoload=feature)
    cls.smethods["hexdigest"] = lambda _c, v: hashlib.new(algorithm, text_bytes(v)).hexdigest()
    cls.smethods["digest"] = lambda _c, v: binary(hashlib.new(algorithm, text_bytes(v))
                                                      .digest())
    cls.smethods["base64digest"] = lambda _c, v: base64.b64encode(
        hashlib.new(algorithm, text_bytes(v)).digest()).decode("ascii")
    cls.smethods["new"] = lambda _c, *v: hasher_update(Hasher(algorithm), *v)


for _name, _algorithm, _feature in (("MD5", "md5", "digest/md5"), ("SHA1", "sha1", "digest/sha1"),
                                    ("SHA256", "sha256", "digest/sha2"),
                                    ("SHA384", "sha384", "digest/sha2"),
                                    ("SHA512", "sha512", "digest/sha2")):
    make_digest_class(_name, _algorithm, _feature)


def hasher_update(h: Hasher, *values: Any) -> Hasher:
    for value in values:
        h.state.update(text_bytes(value))
    return h


def register_hasher_methods() -> None:
    from ncg.ruby.runtime.core import method

    method(Hasher, "update", "<<")(hasher_update)
    method(Hasher, "hexdigest", "to_s")(lambda h: h.state.hexdigest())
    method(Hasher, "digest")(lambda h: binary(h.state.digest()))
    method(Hasher, "base64digest")(lambda h: base64.b64encode(h.state.digest()).decode("ascii"))
    method(Hasher, "inspect")(lambda h: f"#<Digest::{h.algorithm.upper()}: "
                                        f"{h.state.hexdigest()}>")


register_hasher_methods()


# -- securerandom -------------------------------------------------------------------

SECURE_RANDOM = library_constant("SecureRandom", RClass("SecureRandom", is_module=True),
                                 "securerandom")
ALPHANUMERIC = string.ascii_uppercase + string.ascii_lowercase + string.digits


def byte_count(count: Any) -> int:
    return 16 if count is None else to_int(count)


@SECURE_RANDOM.smethod("hex")
def random_hex(cls: RClass, count: Any = None) -> str:
    return secrets.token_hex(byte_count(count))


@SECURE_RANDOM.smethod("uuid")
def random_uuid(cls: RClass) -> str:
    import uuid  # only here: it imports `platform`, 2 ms of every run's start

    return str(uuid.uuid4())


@SECURE_RANDOM.smethod("random_bytes", "bytes")
def random_bytes(cls: RClass, count: Any = None) -> str:
    return binary(secrets.token_bytes(byte_count(count)))


@SECURE_RANDOM.smethod("base64")
def random_base64(cls: RClass, count: Any = None) -> str:
    return base64.b64encode(secrets.token_bytes(byte_count(count))).decode("ascii")


@SECURE_RANDOM.smethod("urlsafe_base64")
def random_urlsafe_base64(cls: RClass, count: Any = None, padding: Any = False) -> str:
    encoded = base64.urlsafe_b64encode(secrets.token_bytes(byte_count(count))).decode("ascii")
    return encoded if padding not in (None, False) else encoded.rstrip("=")


@SECURE_RANDOM.smethod("alphanumeric")
def random_alphanumeric(cls: RClass, count: Any = None) -> str:
    return "".join(secrets.choice(ALPHANUMERIC) for _ in range(byte_count(count)))


@SECURE_RANDOM.smethod("random_number", "rand")
def random_number(cls: RClass, limit: Any = None) -> Any:
    from ncg.ruby.runtime.range import Range

    if type(limit) is Range:
        first, last = limit.first, limit.last
        span = last - first + (0 if limit.exclusive else 1)
        return first + secrets.randbelow(span)
    if type(limit) is int and limit > 0:
        return secrets.randbelow(limit)
    if type(limit) is float and limit > 0:
        return secrets.SystemRandom().random() * limit
    return secrets.SystemRandom().random()
