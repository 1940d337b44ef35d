"""Ruby's Regexp and MatchData over Python's `re`.

A Ruby (Onigmo) pattern is translated once into a Python pattern and cached:
`^`/`$` are line anchors in Ruby, its `m` flag is Python's DOTALL, `\\d \\w \\s`
are ASCII-only, `\\Z`/`\\z`/`\\h`, named groups, POSIX bracket classes and inline
flag groups are spelled differently, and when a pattern has named groups its
plain `(...)` groups do not capture. Unicode properties and POSIX brackets
have Onigmo's Unicode meaning (`unicode_props`).

Why not Oniguruma itself (the onigurumacffi package)? Measured on config
text, its searches were 4 to 16 times slower than `re` (it encodes the
string again on every search, and a scan searches many times), and its
faster compiling does not matter: a pattern compiles once per process.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ncg.errors import ArgumentError, IndexError_, RegexpError, RuntimeError_
from ncg.ruby.runtime.consts import CONSTANTS, REGEXP
from ncg.ruby.runtime.core import method, send
from ncg.ruby.runtime.enumerable import implicit_conversion_error, is_range, to_int, truthy
from ncg.ruby.runtime.frame import frame
from ncg.ruby.runtime.symbol import Symbol
from ncg.ruby.runtime.unicode_props import class_body, complement, property_ranges

IGNORECASE, EXTENDED, MULTILINE = 1, 2, 4
_FLAG_BITS = {"i": IGNORECASE, "x": EXTENDED, "m": MULTILINE}

# Ruby's `^`: start of the string or after a newline that does not end it.
_LINE_START = r"(?:\A|(?<=\n)(?!\Z))"
_ASCII_CLASSES = {"d": "0-9", "w": "a-zA-Z0-9_", "s": " \\t\\n\\v\\f\\r", "h": "0-9a-fA-F"}
_NEGATED_CLASSES = {"D": "d", "W": "w", "S": "s", "H": "h"}
_POSIX_NAMES = frozenset(("alpha", "digit", "alnum", "upper", "lower", "space", "blank",
                          "punct", "xdigit", "word", "cntrl", "print", "graph", "ascii"))
# Letters that Python's `re` accepts after a backslash with Ruby's meaning.
_SHARED_ESCAPES = frozenset("AbBafnrtvx0123456789")
_NAMED_GROUP = re.compile(r"\(\?(?:<(?![=!])|')")


class _Translator:
    """One pass over a Ruby pattern, producing the Python pattern text."""

    def __init__(self, source: str, extended: bool) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.extended = extended
        self.has_names = _NAMED_GROUP.search(source) is not None
        # For each open group: how many scoped-flag groups `(?i)` opened in it.
        self.groups: list[int] = [0]

    def translate(self) -> str:
        while self.pos < len(self.src):
            self.step()
        self.out.append(")" * self.groups[0])
        return "".join(self.out)

    def step(self) -> None:
        ch = self.src[self.pos]
        self.pos += 1
        if ch == "\\":
            self.out.append(self.escape(in_class=False))
        elif ch == "[":
            self.out.append(self.char_class())
        elif ch == "(":
            self.open_group()
        elif ch == ")":
            self.out.append(")" * self.groups.pop() + ")")
            if not self.groups:
                raise RegexpError(f"unmatched close parenthesis: /{self.src}/")
        elif ch == "^":
            self.out.append(_LINE_START)
        elif self.extended and ch in " \t\n\r\f\v":
            pass
        elif self.extended and ch == "#":
            end = self.src.find("\n", self.pos)
            self.pos = len(self.src) if end < 0 else end + 1
        else:
            self.out.append(ch)

    def escape(self, in_class: bool) -> str:
        if self.pos >= len(self.src):
            raise RegexpError(f"too short escape sequence: /{self.src}/")
        ch = self.src[self.pos]
        self.pos += 1
        if ch in _ASCII_CLASSES:
            return _ASCII_CLASSES[ch] if in_class else f"[{_ASCII_CLASSES[ch]}]"
        if ch in _NEGATED_CLASSES:
            if in_class and ch != "H":
                return f"\\{ch}"
            return f"[^{_ASCII_CLASSES[_NEGATED_CLASSES[ch]]}]"
        if in_class and ch == "b":
            return "\\x08"
        if ch in _SHARED_ESCAPES:
            return "\\" + ch
        if ch == "z":
            return "\\Z"
        if ch == "Z":
            return "(?=\\n?\\Z)"
        if ch == "e":
            return "\\x1b"
        if ch == "k" and self.pos < len(self.src) and self.src[self.pos] in "<'":
            return "(?P=" + self.group_name() + ")"
        if ch == "u":
            return self.unicode_escape()
        if ch in "pP" and self.pos < len(self.src) and self.src[self.pos] == "{":
            return self.property_class(ch == "P", in_class)
        if ch.isalpha():
            # Onigmo reads an unknown letter escape as the letter itself.
            return re.escape(ch)
        return "\\" + ch

    def group_name(self) -> str:
        close = ">" if self.src[self.pos] == "<" else "'"
        end = self.src.find(close, self.pos + 1)
        if end < 0:
            raise RegexpError(f"invalid group name: /{self.src}/")
        name = self.src[self.pos + 1:end]
        self.pos = end + 1
        return name

    def unicode_escape(self) -> str:
        if self.src[self.pos:self.pos + 1] == "{":
            end = self.src.index("}", self.pos)
            codes = self.src[self.pos + 1:end].split()
            self.pos = end + 1
            return "".join(re.escape(chr(int(code, 16))) for code in codes)
        return "\\u"

    def property_class(self, negated: bool, in_class: bool) -> str:
        end = self.src.find("}", self.pos)
        if end < 0:
            raise RegexpError(f"invalid character property name {{{self.src[self.pos:]}: "
                              f"/{self.src}/")
        name = self.src[self.pos + 1:end]
        self.pos = end + 1
        shown = name
        if name.startswith("^"):
            negated, name = not negated, name[1:]
        ranges = property_ranges(name)
        if ranges is None:
            raise RegexpError(f"invalid character property name {{{shown}}}: /{self.src}/")
        return unicode_class(ranges, negated, in_class)

    def char_class(self) -> str:
        """A bracket class: a Python class, or for nested classes and `&&` an equivalent atom."""
        negated = self.src[self.pos:self.pos + 1] == "^"
        if negated:
            self.pos += 1
        operands: list[tuple[list[str], list[str]]] = []
        while True:
            members, nested, more = self.class_operand(first=not operands)
            operands.append((members, nested))
            if not more:
                break
        if len(operands) == 1 and not operands[0][1]:
            return "[" + ("^" if negated else "") + "".join(operands[0][0]) + "]"
        atoms = [_union(members, nested) for members, nested in operands]
        matcher = atoms[0] if len(atoms) == 1 else \
            "(?:" + "".join(f"(?={atom})" for atom in atoms[:-1]) + atoms[-1] + ")"
        return f"(?:(?!{matcher})(?s:.))" if negated else matcher

    def class_operand(self, first: bool) -> tuple[list[str], list[str]]:
        """Members up to `]` or `&&`: (plain members, nested classes as atoms, `&&` follows)."""
        members: list[str] = []
        nested: list[str] = []
        if first and self.src[self.pos:self.pos + 1] == "]":
            members.append("\\]")
            self.pos += 1
        while self.pos < len(self.src):
            ch = self.src[self.pos]
            self.pos += 1
            if ch == "]":
                return members, nested, False
            if ch == "&" and self.src[self.pos:self.pos + 1] == "&":
                self.pos += 1
                return members, nested, True
            if ch == "\\":
                members.append(self.escape(in_class=True))
            elif ch == "[" and self.src[self.pos:self.pos + 1] == ":":
                members.append(self.posix_class())
            elif ch == "[":
                nested.append(self.char_class())
            else:
                members.append(ch)
        raise RegexpError(f"premature end of char-class: /{self.src}/")

    def posix_class(self) -> str:
        end = self.src.find(":]", self.pos)
        name = self.src[self.pos + 1:end] if end >= 0 else ""
        if name.lstrip("^") not in _POSIX_NAMES:
            return "\\["
        self.pos = end + 2
        ranges = property_ranges(name.lstrip("^"))
        assert ranges is not None
        return unicode_class(ranges, name.startswith("^"), in_class=True)

    def open_group(self) -> None:
        src, pos = self.src, self.pos
        if src[pos:pos + 1] != "?":
            self.out.append("(?:" if self.has_names else "(")
            self.groups.append(0)
            return
        if src[pos + 1:pos + 2] in ("<", "'") and src[pos + 2:pos + 3] not in ("=", "!"):
            self.pos += 1
            self.out.append("(?P<" + self.group_name() + ">")
            self.groups.append(0)
            return
        flags = re.match(r"\?([imx]*)(?:-([imx]*))?([:)])", src[pos:])
        if flags is None:
            if src[pos + 1:pos + 2] == "#":
                end = src.index(")", pos)
                self.pos = end + 1
                return
            if src[pos + 1:pos + 2] not in ("=", "!", "<", ">", "~"):
                raise RegexpError(f"undefined group option: /{self.src}/")
            self.out.append("(")
            self.groups.append(0)
            return
        self.pos += flags.end()
        on, off = flags.group(1), flags.group(2) or ""
        if "x" in on:
            self.extended = True
        group = "(?" + on.replace("m", "s") + ("-" + off.replace("m", "s") if off else "") + ":"
        if group == "(?:":
            group = "(?:"
        self.out.append(group)
        if flags.group(3) == ":":
            self.groups.append(0)
        else:
            # `(?i)` applies to the rest of the enclosing group: close it there.
            self.groups[-1] += 1


def unicode_class(ranges: tuple[tuple[int, int], ...], negated: bool, in_class: bool) -> str:
    """A property's characters as class members (inside a class: the
    complement's ranges for a negation), or as a class of its own."""
    if in_class:
        return class_body(complement(ranges) if negated else ranges)
    return f"[{'^' if negated else ''}{class_body(ranges)}]"


def _union(members: list[str], nested: list[str]) -> str:
    """One character matching any of the members or nested classes."""
    alternatives = (["[" + "".join(members) + "]"] if members else []) + nested
    if not alternatives:
        return "(?!)"
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def translate(source: str, flags: int) -> str:
    """The Python `re` pattern for a Ruby pattern (flags are applied separately)."""
    return _Translator(source, bool(flags & EXTENDED)).translate()


class Regexp:
    """A Ruby Regexp: its Ruby source and options, and the compiled Python pattern."""

    __slots__ = ("source", "options", "compiled", "names", "for_text")

    _cache: dict[tuple[str, int], Regexp] = {}
    _text_cache: dict[str, Regexp] = {}

    def __init__(self, source: str, options: int | str = 0) -> None:
        if isinstance(options, str):
            options = sum(_FLAG_BITS[f] for f in set(options) if f in _FLAG_BITS)
        self.source = source
        self.options = options
        py_flags = re.MULTILINE
        if options & IGNORECASE:
            py_flags |= re.IGNORECASE
        if options & MULTILINE:
            py_flags |= re.DOTALL
        try:
            self.compiled = re.compile(translate(source, options), py_flags)
        except re.error as exc:
            raise RegexpError(f"{exc}: /{source}/") from None
        self.names: list[str] = list(self.compiled.groupindex)
        # Made from a String pattern (sub("-", …)): its MatchData inspects differently.
        self.for_text = False

    @classmethod
    def cached(cls, source: str, options: int | str = 0) -> Regexp:
        """The Regexp for a literal or `Regexp.new`: built once per (source, flags)."""
        if isinstance(options, str):
            options = sum(_FLAG_BITS[f] for f in set(options) if f in _FLAG_BITS)
        key = (source, options)
        regexp = cls._cache.get(key)
        if regexp is None:
            regexp = cls._cache[key] = cls(source, options)
        return regexp

    @classmethod
    def for_string(cls, text: str) -> Regexp:
        """The Regexp matching `text` literally (String patterns of sub, split…)."""
        regexp = cls._text_cache.get(text)
        if regexp is None:
            regexp = cls._text_cache[text] = cls(escape(text))
            regexp.for_text = True
        return regexp

    def search(self, s: str, pos: int = 0) -> MatchData | None:
        """The first match at or after `pos`; does not touch `$~`."""
        if pos > len(s):
            return None
        m = self.compiled.search(s, pos)
        return None if m is None else MatchData(m, self)

    def match_here(self, s: str, pos: int) -> MatchData | None:
        """A match starting exactly at `pos`; does not touch `$~`."""
        m = self.compiled.match(s, pos)
        return None if m is None else MatchData(m, self)

    def each_match(self, s: str) -> Iterator[MatchData]:
        """The successive matches of gsub and scan (empty matches advance one character)."""
        for m in self.compiled.finditer(s):
            yield MatchData(m, self)

    def match_index(self, s: Any) -> int | None:
        """`regexp =~ s`: the index of the first match or nil; sets `$~`."""
        if s is None:
            frame().last_match = None
            return None
        m = self.compiled.search(s if type(s) is str else _subject(s))
        if m is None:
            frame().last_match = None
            return None
        frame().last_match = MatchData(m, self)
        return m.start()

    def flag_letters(self) -> str:
        return "".join(f for f, bit in (("m", MULTILINE), ("i", IGNORECASE), ("x", EXTENDED))
                       if self.options & bit)

    def to_s(self) -> str:
        on = self.flag_letters()
        off = "".join(f for f in "mix" if f not in on)
        return f"(?{on}{'-' + off if off else ''}:{self.source})"

    def inspect(self) -> str:
        return "/" + _escape_slashes(self.source) + "/" + self.flag_letters()

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Regexp) and other.source == self.source
                and other.options == self.options)

    def __hash__(self) -> int:
        return hash((self.source, self.options))

    def __repr__(self) -> str:
        return self.inspect()


def _escape_slashes(source: str) -> str:
    out: list[str] = []
    escaped = False
    for ch in source:
        if ch == "/" and not escaped:
            out.append("\\/")
        else:
            out.append(ch)
        escaped = ch == "\\" and not escaped
    return "".join(out)


def _subject(s: Any) -> str:
    if isinstance(s, str):
        return s
    if isinstance(s, Symbol):
        return s.name
    raise implicit_conversion_error(s, "String")


_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\v": "\\v", " ": "\\ "}
_SPECIAL = frozenset(".*?+^$|\\()[]{}-#")


def escape(text: str) -> str:
    """Ruby's Regexp.escape / Regexp.quote."""
    return "".join(_ESCAPES.get(ch) or ("\\" + ch if ch in _SPECIAL else ch) for ch in text)


def union(*patterns: Any) -> Regexp:
    """Ruby's Regexp.union: strings escaped, regexps embedded with their flags."""
    if len(patterns) == 1 and isinstance(patterns[0], list):
        patterns = tuple(patterns[0])
    if not patterns:
        return Regexp.cached("(?!)")
    if len(patterns) == 1 and isinstance(patterns[0], Regexp):
        return patterns[0]
    parts = [p.to_s() if isinstance(p, Regexp) else escape(_subject(p)) for p in patterns]
    return Regexp.cached("|".join(parts))


def regexp_new(source: Any, options: Any = None) -> Regexp:
    """Ruby's Regexp.new(string_or_regexp, options)."""
    if isinstance(source, Regexp):
        return source
    if not isinstance(source, str):
        raise implicit_conversion_error(source, "String")
    if isinstance(options, int) and not isinstance(options, bool):
        bits = options & (IGNORECASE | EXTENDED | MULTILINE)
    elif isinstance(options, str):
        bits = sum(_FLAG_BITS.get(f, 0) for f in set(options))
        if any(f not in _FLAG_BITS for f in options):
            raise ArgumentError(f"unknown regexp option: {options}")
    else:
        bits = IGNORECASE if truthy(options) else 0
    return Regexp.cached(source, bits)


class MatchData:
    """Ruby's MatchData: one match of a Regexp in a string."""

    __slots__ = ("m", "regexp")

    def __init__(self, m: re.Match[str], regexp: Regexp) -> None:
        self.m = m
        self.regexp = regexp

    @property
    def string(self) -> str:
        return self.m.string

    def size(self) -> int:
        return self.m.re.groups + 1

    def _group_number(self, key: Any) -> int:
        if type(key) is int:
            return key
        if isinstance(key, (str, Symbol)):
            name = key if isinstance(key, str) else key.name
            if name not in self.m.re.groupindex:
                raise IndexError_(f"undefined group name reference: {name}")
            return self.m.re.groupindex[name]
        return to_int(key)

    def group_value(self, key: Any) -> str | None:
        """`md[n]` / `md["name"]`: the text of a group, nil when it did not take part."""
        if key == 0 and type(key) is int:
            return self.m.group(0)
        n = self._group_number(key)
        if n < 0:
            n += self.size()
        if not 0 <= n < self.size():
            return None
        return self.m.group(n)

    def begin(self, key: Any) -> int | None:
        start = self.m.start(self._checked_group(key))
        return None if start < 0 else start

    def end(self, key: Any) -> int | None:
        stop = self.m.end(self._checked_group(key))
        return None if stop < 0 else stop

    def _checked_group(self, key: Any) -> int:
        n = self._group_number(key)
        if not 0 <= n < self.size():
            raise IndexError_(f"index {n} out of matches")
        return n

    def to_a(self) -> list[str | None]:
        return [self.m.group(0), *self.m.groups()]

    def captures(self) -> list[str | None]:
        return list(self.m.groups())

    def named_captures(self) -> dict[str, str | None]:
        return dict(self.m.groupdict())

    def pre_match(self) -> str:
        return self.m.string[:self.m.start()]

    def post_match(self) -> str:
        return self.m.string[self.m.end():]

    def inspect(self) -> str:
        from ncg.ruby.runtime.string import inspect_str

        if self.regexp.for_text:
            return f"#<MatchData: {self.m.group(0)}>"
        parts = [inspect_str(self.m.group(0))]
        names = {number: name for name, number in self.m.re.groupindex.items()}
        for n in range(1, self.size()):
            value = self.m.group(n)
            label = names.get(n, str(n))
            parts.append(f"{label}:{'nil' if value is None else inspect_str(value)}")
        return "#<MatchData " + " ".join(parts) + ">"


# A replacement template, parsed: literal text, a group (number or name),
# or the text before / after the match.
_PRE, _POST = object(), object()
Expander = Callable[[re.Match[str]], str]
_expanders: dict[tuple[str, int], Expander] = {}


def replacement_expander(template: str, regexp: Regexp) -> Expander:
    """The sub/gsub replacement `template` as a function of a match (cached).

    `\\1`…`\\9`, `\\0` and `\\&`, `` \\` `` and `\\'` (pre and post match), `\\\\`,
    `\\k<name>`; other backslashes stay. With named groups, numbered references
    are empty (Onigmo does not capture plain groups then).
    """
    key = (template, id(regexp.compiled))
    expander = _expanders.get(key)
    if expander is None:
        expander = _expanders[key] = _build_expander(template, regexp)
    return expander


def _build_expander(template: str, regexp: Regexp) -> Expander:
    if "\\" not in template:
        return lambda m: template
    parts = _parse_template(template, regexp)

    def expand(m: re.Match[str]) -> str:
        out: list[str] = []
        for part in parts:
            if type(part) is str:
                out.append(part)
            elif type(part) is int:
                out.append(m.group(part) or "")
            else:
                out.append(m.string[:m.start()] if part is _PRE else m.string[m.end():])
        return "".join(out)

    return expand


def _parse_template(template: str, regexp: Regexp) -> list[Any]:
    parts: list[Any] = []
    groups = regexp.compiled.groups
    has_names = bool(regexp.names)
    i = 0
    while i < len(template):
        at = template.find("\\", i)
        if at < 0 or at + 1 >= len(template):
            parts.append(template[i:])
            break
        parts.append(template[i:at])
        code = template[at + 1]
        i = at + 2
        if code.isdigit() and code.isascii():
            number = int(code)
            if number <= groups and (number == 0 or not has_names):
                parts.append(number)
        elif code == "&":
            parts.append(0)
        elif code in "`'":
            parts.append(_PRE if code == "`" else _POST)
        elif code == "\\":
            parts.append("\\")
        elif code == "k" and template[i:i + 1] == "<":
            end = template.find(">", i)
            if end < 0:
                raise RuntimeError_("invalid group name reference format")
            name = template[i + 1:end]
            if name not in regexp.compiled.groupindex:
                raise IndexError_(f"undefined group name reference: {name}")
            parts.append(regexp.compiled.groupindex[name])
            i = end + 1
        else:
            parts.append("\\" + code)
    return [part for part in parts if part != ""]


# --- Ruby methods ------------------------------------------------------------------


def _last_match_from(regexp: Regexp, s: Any, pos: Any = 0) -> MatchData | None:
    if s is None:
        frame().last_match = None
        return None
    subject = _subject(s)
    start = to_int(pos)
    if start < 0:
        start += len(subject)
    match = regexp.search(subject, start) if start >= 0 else None
    frame().last_match = match
    return match


@method(Regexp, "match")
def _regexp_match(regexp: Regexp, s: Any, pos: Any = 0, block: Any = None) -> Any:
    match = _last_match_from(regexp, s, pos)
    if match is not None and block is not None:
        return block(match)
    return match


@method(Regexp, "match?")
def _regexp_match_p(regexp: Regexp, s: Any, pos: Any = 0, block: Any = None) -> bool:
    if s is None:
        return False
    subject = _subject(s)
    start = to_int(pos)
    if start < 0:
        start += len(subject)
    return start >= 0 and regexp.search(subject, start) is not None


@method(Regexp, "=~")
def _regexp_match_op(regexp: Regexp, s: Any, block: Any = None) -> int | None:
    return regexp.match_index(s)


def match_operator(recv: Any, other: Any) -> int | None:
    """`recv =~ other`: a String and a Regexp (either way round) matched
    directly, as String#=~ and Regexp#=~ both do it; any other pair through `send`."""
    if type(other) is Regexp and type(recv) is str:
        return other.match_index(recv)
    if type(recv) is Regexp and type(other) is str:
        return recv.match_index(other)
    return send(recv, "=~", other)


@method(Regexp, "===")
def _regexp_case_eq(regexp: Regexp, s: Any, block: Any = None) -> bool:
    if not isinstance(s, (str, Symbol)):
        return False
    return _last_match_from(regexp, s) is not None


@method(Regexp, "==", "eql?")
def _regexp_eq(regexp: Regexp, other: Any, block: Any = None) -> bool:
    return regexp == other


@method(Regexp, "!=")
def _regexp_ne(regexp: Regexp, other: Any, block: Any = None) -> bool:
    return regexp != other


method(Regexp, "source")(lambda regexp, block=None: regexp.source)
method(Regexp, "to_s")(lambda regexp, block=None: regexp.to_s())
method(Regexp, "inspect")(lambda regexp, block=None: regexp.inspect())
method(Regexp, "options")(lambda regexp, block=None: regexp.options)
method(Regexp, "casefold?")(lambda regexp, block=None: bool(regexp.options & IGNORECASE))
method(Regexp, "names")(lambda regexp, block=None: list(regexp.names))
method(Regexp, "hash")(lambda regexp, block=None: hash(regexp))
method(Regexp, "freeze", "dup", "clone")(lambda regexp, block=None: regexp)
method(Regexp, "frozen?")(lambda regexp, block=None: True)


@method(MatchData, "[]")
def _md_aref(md: MatchData, key: Any, length: Any = None, block: Any = None) -> Any:
    if length is not None or is_range(key):
        return send(md.to_a(), "[]", key, *(() if length is None else (length,)))
    return md.group_value(key)


@method(MatchData, "values_at")
def _md_values_at(md: MatchData, *keys: Any, block: Any = None) -> list[Any]:
    return [md.group_value(key) for key in keys]


method(MatchData, "captures")(lambda md, block=None: md.captures())
method(MatchData, "named_captures")(lambda md, block=None: md.named_captures())
method(MatchData, "names")(lambda md, block=None: list(md.regexp.names))
method(MatchData, "pre_match")(lambda md, block=None: md.pre_match())
method(MatchData, "post_match")(lambda md, block=None: md.post_match())
method(MatchData, "to_a")(lambda md, block=None: md.to_a())
method(MatchData, "to_s")(lambda md, block=None: md.m.group(0))
method(MatchData, "size", "length")(lambda md, block=None: md.size())
method(MatchData, "begin")(lambda md, n, block=None: md.begin(n))
method(MatchData, "end")(lambda md, n, block=None: md.end(n))
method(MatchData, "offset")(lambda md, n, block=None: [md.begin(n), md.end(n)])
method(MatchData, "string")(lambda md, block=None: md.string)
method(MatchData, "regexp")(lambda md, block=None: md.regexp)
method(MatchData, "inspect")(lambda md, block=None: md.inspect())


# --- class methods and constants: Regexp.escape, Regexp.union, Regexp::IGNORECASE ------

CONSTANTS.update({"Regexp::IGNORECASE": IGNORECASE, "Regexp::EXTENDED": EXTENDED,
                  "Regexp::MULTILINE": MULTILINE})

REGEXP.smethod("escape", "quote")(lambda cls, text: escape(_subject(text)))
REGEXP.smethod("union")(lambda cls, *patterns: union(*patterns))
REGEXP.smethod("new", "compile")(lambda cls, source, options=None: regexp_new(source, options))


@REGEXP.smethod("last_match")
def _regexp_last_match(cls: Any, group: Any = None) -> Any:
    """Regexp.last_match: `$~`, or one of its groups."""
    match = frame().last_match
    if group is None or match is None:
        return match
    return match.group_value(group)
