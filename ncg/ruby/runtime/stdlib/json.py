"""`require 'json'`: JSON.generate/pretty_generate/dump/parse/load and `#to_json`,
written as Ruby 3.1's json 2.6 writes and reads (its quirks included: an
empty Array pretty-prints as `[`, two newlines, `]`; its parse errors name
the line of its C parser that gave up, as `859: unexpected token at '…'`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from ncg.errors import StandardError
from ncg.ruby.runtime.consts import RClass
from ncg.ruby.runtime.core import send
from ncg.ruby.runtime.enumerable import ruby_items, to_str
from ncg.ruby.runtime.float import to_s as float_to_s
from ncg.ruby.runtime.libraries import library_constant, library_exception, library_method
from ncg.ruby.runtime.symbol import Symbol
from ncg.ruby.runtime.values import to_s

Block = Callable[..., Any] | None

JSON = library_constant("JSON", RClass("JSON", is_module=True), "json")
JSONError = library_exception("JSON::JSONError", StandardError, "json")
ParserError = library_exception("JSON::ParserError", JSONError, "json")
GeneratorError = library_exception("JSON::GeneratorError", JSONError, "json")
NestingError = library_exception("JSON::NestingError", ParserError, "json")

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
            "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')


class Format:
    """json's generator State: what goes between the tokens."""

    def __init__(self, options: dict[Any, Any] | None = None, pretty: bool = False,
                 allow_nan: bool = False) -> None:
        self.indent = "  " if pretty else ""
        self.space = " " if pretty else ""
        self.object_nl = "\n" if pretty else ""
        self.array_nl = "\n" if pretty else ""
        self.allow_nan = allow_nan
        for key, value in ruby_items(options or {}):
            name = key.name if type(key) is Symbol else to_s(key)
            if name in ("indent", "space", "object_nl", "array_nl"):
                setattr(self, name, to_str(value))
            elif name == "allow_nan":
                self.allow_nan = value not in (None, False)


def quote(text: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(
        lambda m: _ESCAPES.get(m[0]) or f"\\u{ord(m[0]):04x}", text) + '"'


def generate(value: Any, fmt: Format, depth: int = 0) -> str:
    kind = type(value)
    if kind is str:
        return quote(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        return generate_float(value, fmt)
    if isinstance(value, dict):
        return generate_object(value, fmt, depth + 1)
    if kind is list:
        return generate_array(value, fmt, depth + 1)
    if kind is Symbol:
        return quote(value.name)
    return quote(to_s(value))


def generate_float(value: float, fmt: Format) -> str:
    if math.isnan(value) or math.isinf(value):
        shown = float_to_s(value)
        if not fmt.allow_nan:
            code = 1003 if math.isnan(value) else 1000
            raise GeneratorError(f"{code}: {shown} not allowed in JSON")
        return shown
    return float_to_s(value)


def generate_object(h: dict[Any, Any], fmt: Format, depth: int) -> str:
    parts = ["{"]
    for index, (key, value) in enumerate(ruby_items(h)):
        if index:
            parts.append(",")
        name = key if type(key) is str else key.name if type(key) is Symbol else to_s(key)
        parts += [fmt.object_nl, fmt.indent * depth, quote(name), ":", fmt.space,
                  generate(value, fmt, depth)]
    parts += [fmt.object_nl, fmt.indent * (depth - 1), "}"]
    return "".join(parts)


def generate_array(items: list[Any], fmt: Format, depth: int) -> str:
    parts = ["[", fmt.array_nl]
    for index, value in enumerate(items):
        if index:
            parts += [",", fmt.array_nl]
        parts += [fmt.indent * depth, generate(value, fmt, depth)]
    parts += [fmt.array_nl, fmt.indent * (depth - 1), "]"]
    return "".join(parts)


def options_of(args: tuple[Any, ...]) -> dict[Any, Any] | None:
    return args[0] if args and isinstance(args[0], dict) else None


@JSON.smethod("generate", "unparse", "fast_generate")
def json_generate(cls: RClass, value: Any, *options: Any) -> str:
    return generate(value, Format(options_of(options)))


@JSON.smethod("pretty_generate", "pretty_unparse")
def json_pretty_generate(cls: RClass, value: Any, *options: Any) -> str:
    return generate(value, Format(options_of(options), pretty=True))


@JSON.smethod("dump")
def json_dump(cls: RClass, value: Any, *_io: Any) -> str:
    return generate(value, Format(allow_nan=True))


@library_method("json", None, "to_json")
def to_json(value: Any, *options: Any) -> str:
    return generate(value, Format(options_of(options)))


# -- parsing --------------------------------------------------------------------

_INTEGER = re.compile(r"-?(?:0(?![0-9])|[1-9][0-9]*)")
# a fraction that an incomplete exponent follows (`1.5e`) is no Float: json
# then reads the Integer before it
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?(?![eE])|[eE][+-]?[0-9]+)")
_STRING = re.compile(r'"((?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*)"')
_UNESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
              "t": "\t"}
_IGNORED = re.compile(r"(?:[ \t\r\n]|/\*.*?\*/|//[^\n]*\n)*", re.S)


class Failed(Exception):
    """A value did not parse here (the enclosing parser decides what to report)."""


def unexpected(line: int, text: str, at: int) -> ParserError:
    return ParserError(f"{line}: unexpected token at '{text[at:]}'")


class Parser:
    """json 2.6's parser: objects fail quietly to whoever holds them; arrays
    and NaN/Infinity report where they gave up."""

    def __init__(self, text: str, symbolize: bool) -> None:
        self.text = text
        self.symbolize = symbolize

    def skip(self, at: int) -> int:
        return _IGNORED.match(self.text, at).end()  # type: ignore[union-attr]

    def document(self) -> Any:
        start = self.skip(0)
        try:
            value, end = self.value(start)
        except Failed:
            raise unexpected(859, self.text, start) from None
        end = self.skip(end)
        if end != len(self.text):
            raise unexpected(859, self.text, end)
        return value

    def value(self, at: int) -> tuple[Any, int]:
        text = self.text
        ch = text[at:at + 1]
        if ch == "{":
            return self.object(at + 1)
        if ch == "[":
            return self.array(at + 1)
        if ch == '"':
            return self.string(at)
        for word, result in (("null", None), ("true", True), ("false", False)):
            if text.startswith(word, at):
                return result, at + len(word)
        if text.startswith("NaN", at):
            raise unexpected(225, text, at)
        if text.startswith("Infinity", at):
            raise unexpected(232, text, max(at - 1, 0))
        if text.startswith("-Infinity", at):
            raise unexpected(249, text, at)
        match = _FLOAT.match(text, at)
        if match is not None:
            return float(match[0]), match.end()
        match = _INTEGER.match(text, at)
        if match is None:
            raise Failed
        return int(match[0]), match.end()

    def string(self, at: int) -> tuple[str, int]:
        match = _STRING.match(self.text, at)
        if match is None:
            raise Failed
        body = re.sub(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})",
                      lambda m: chr(0x10000 + ((int(m[1], 16) - 0xD800) << 10)
                                    + int(m[2], 16) - 0xDC00), match[1])
        body = re.sub(r"\\(u[0-9a-fA-F]{4}|.)",
                      lambda m: chr(int(m[1][1:], 16)) if len(m[1]) == 5
                      else _UNESCAPES[m[1]], body)
        return body, match.end()

    def object(self, at: int) -> tuple[dict[Any, Any], int]:
        result: dict[Any, Any] = {}
        at = self.skip(at)
        if self.text[at:at + 1] == "}":
            return result, at + 1
        while True:
            if self.text[at:at + 1] != '"':
                raise Failed
            key, at = self.string(at)
            at = self.skip(at)
            if self.text[at:at + 1] != ":":
                raise Failed
            value, at = self.value(self.skip(at + 1))
            result[Symbol.of(key) if self.symbolize else key] = value
            at = self.skip(at)
            ch = self.text[at:at + 1]
            if ch == "}":
                return result, at + 1
            if ch != ",":
                raise Failed
            at = self.skip(at + 1)

    def array(self, at: int) -> tuple[list[Any], int]:
        result: list[Any] = []
        at = self.skip(at)
        if self.text[at:at + 1] == "]":
            return result, at + 1
        while True:
            try:
                value, at = self.value(at)
            except Failed:
                raise unexpected(451, self.text, at) from None
            result.append(value)
            at = self.skip(at)
            ch = self.text[at:at + 1]
            if ch == "]":
                return result, at + 1
            if ch != ",":
                raise unexpected(451, self.text, at)
            at = self.skip(at + 1)


def wants_symbols(options: tuple[Any, ...]) -> bool:
    given = options_of(options) or {}
    return given.get(Symbol.of("symbolize_names")) not in (None, False)


@JSON.smethod("parse", "[]")
def json_parse(cls: RClass, source: Any, *options: Any) -> Any:
    return Parser(to_str(source), wants_symbols(options)).document()


@JSON.smethod("load")
def json_load(cls: RClass, source: Any, *_options: Any) -> Any:
    if source is None:
        return None
    text = to_str(source if type(source) is str else send(source, "read"))
    return Parser(text, False).document() if text.strip() else None
