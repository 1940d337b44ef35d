"""Ruby's context-sensitive lexer, over a `Program` (ncg/ruby/syntax/program.py).

Whether `-`, `[`, `/`, `*`, `&`, `::`, `(`, `?`, `%` or `{` starts an
operand or is an operator depends, in Ruby, on what came before (an operand,
an operator, or a method name that may take arguments without parentheses)
and on the spaces around it; whether a name is a method or a local variable
depends on the assignments the parser has seen. So the parser pulls tokens
one at a time and tells the lexer which names are locals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ncg.ruby.syntax.program import INSERT_CLOSE, INSERT_OPEN, TEXT_CLOSE, TEXT_OPEN

KEYWORDS = frozenset(
    "alias and begin BEGIN break case class def defined? do else elsif end END ensure false for if "
    "in module next nil not or redo rescue retry return self super then true undef unless until "
    "when while yield __FILE__ __LINE__ __method__".split()
)
# tokens that are whole values (literals, variables, constants): after one, an
# operator is binary and `/` divides
VALUE_KINDS = frozenset(
    "int float str sym dsym regex words symbols char ivar gvar nth_ref back_ref const".split()
)
# keywords that are values too; after any other keyword an operand follows
_VALUE_KEYWORDS = frozenset("end self nil true false __FILE__ __LINE__ __method__".split())
# after these a newline ends the statement even though no operand came yet
_MID_KEYWORDS = frozenset("return break next redo retry yield super".split())

_OPERATORS = sorted(
    """**= <=> === ... <<= >>= &&= ||= == != >= <= && || << >> ** =~ !~ += -= *= /= %= |= &= ^=
    .. :: -> => &. ! ~ + - * / % = < > & | ^ ? : , . ; ( ) [ ] { }""".split(),
    key=len,
    reverse=True,
)
# operators that are method names after `.` (`1.+(2)`, `a.<=>(b)`)
_OP_METHODS = frozenset(
    "+ - * / % ** == != === =~ !~ < <= > >= <=> << >> & | ^ ! ~".split()
)
_OPERATOR = re.compile("|".join(re.escape(op) for op in _OPERATORS))  # longest first
_IDENT = re.compile(r"[A-Za-z_\u0080-\udfff\ue004-\uffff][A-Za-z0-9_\u0080-\udfff\ue004-\uffff]*")
_NUMBER = re.compile(
    r"0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*|0[bB][01](?:_?[01])*|0[oO]?[0-7](?:_?[0-7])*(?![.eE0-9])"
    r"|\d(?:_?\d)*(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?"
)
_SHORT_INTERPOLATION = re.compile(r"@@?[A-Za-z_]\w*|\$(?:[A-Za-z_]\w*|[1-9]\d*|[~`'&+])")
# what may follow `:` in a symbol literal: a name (with `?`/`!`/`=`), an
# instance, class or global variable's name, or an operator method's
_SYMBOL = re.compile(
    r"(?:[A-Za-z_\u0080-\udfff\ue004-\uffff][A-Za-z0-9_\u0080-\udfff\ue004-\uffff]*[?!=]?"
    r"|@@?[A-Za-z_]\w*"
    r"|\$(?:[A-Za-z_]\w*|[1-9]\d*|-\w|[~*$?!@/\\;,.=:<>\"&`'+0_])"
    r"|\[\]=?|<=>|===?|=~|!=|!~|\*\*|[+\-]@|<<|>>|<=|>=|[+\-*/%<>!~^&|])"
)
_SPACE = re.compile(r"(?:[ \t\f\r\v]|\\\r?\n)+")
_PAIRS = {"(": ")", "[": "]", "{": "}", "<": ">"}
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "s": " ",
    "r": "\r",
    "0": "\0",
    "e": "\x1b",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}


class LexError(Exception):
    """Ruby source the lexer cannot read; `pos` is the program offset."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.pos = pos


@dataclass
class Interp:
    """`#{…}` inside a string: the program range of the Ruby code."""

    start: int
    end: int


StrParts = list[str | Interp]


@dataclass
class Token:
    kind: str  # see Lexer.next_token for the kinds
    value: Any
    pos: int
    spaced: bool = False  # whitespace right before it
    extra: Any = field(default=None)


class Lexer:
    """Tokens of `source[start:end]`, one at a time (`next_token`)."""

    def __init__(
        self, source: str, is_local: Callable[[str], bool], start: int = 0, end: int | None = None
    ) -> None:
        self.src = source
        self.pos = start
        self.end = len(source) if end is None else end
        self.is_local = is_local
        self.last: Token | None = None
        self.paren_depth = 0
        self.heredoc_resume: list[tuple[int, int]] = []  # (newline offset, offset after bodies)

    # -- state -------------------------------------------------------------

    def state(self) -> str:
        """ "beg" (an operand may start), "arg" (after a method name) or "end"."""
        last = self.last
        if last is None:
            return "beg"
        kind = last.kind
        if kind == "const":  # `Integer -x`, `Foo [1]`: a constant may be a method's name
            return "arg"
        if kind in VALUE_KINDS or kind in ("text", "ins_end"):
            return "end"
        if kind == "kw":
            return "end" if last.value in _VALUE_KEYWORDS else "beg"
        if kind == "ident":
            if last.extra == "method":  # after `.`/`def`: a method name
                return "arg"
            return "end" if self.is_local(last.value) else "arg"
        if kind == "fid":
            return "arg"
        if kind == "op":
            if last.extra == "method":  # `1.+(2)`: an operator named after `.`
                return "arg"
            return "end" if last.value in (")", "]", "}") else "beg"
        return "beg"

    def newline_ends_statement(self) -> bool:
        last = self.last
        if last is None:
            return False
        if last.kind == "kw" and last.value in _MID_KEYWORDS:
            return True
        if last.kind in ("nl", "ins_begin"):
            return False
        return self.state() != "beg" or (last.kind == "op" and last.value in (")", "]", "}"))

    # -- the scanner -------------------------------------------------------

    def next_token(self) -> Token:
        token = self._scan()
        self.last = token
        return token

    def _scan(self) -> Token:
        spaced = self.skip_space()
        src, pos = self.src, self.pos
        if pos >= self.end:
            return Token("eof", None, pos, spaced)
        ch = src[pos]
        if ch == "\n":
            return self.newline(spaced)
        if ch == "#":
            while self.pos < self.end and src[self.pos] != "\n":
                self.pos += 1
            return self._scan()
        if ch == TEXT_OPEN:
            close = src.index(TEXT_CLOSE, pos)
            self.pos = close + 1
            return Token("text", int(src[pos + 1 : close]), pos, spaced)
        if ch == INSERT_OPEN:
            self.pos += 1
            return Token("ins_begin", None, pos, spaced)
        if ch == INSERT_CLOSE:
            self.pos += 1
            return Token("ins_end", None, pos, spaced)
        state = self.state()
        if ch.isdigit():
            return self.number(spaced)
        if ch == "@":
            match = re.compile(r"@@?[A-Za-z_][A-Za-z0-9_]*").match(src, pos)
            if match is None or match.group().startswith("@@"):
                raise LexError(
                    "unsupported Ruby: class variable" if match else "unexpected '@'", pos
                )
            self.pos = match.end()
            return Token("ivar", match.group(), pos, spaced)
        if ch == "$":
            return self.global_var(spaced)
        if ch == '"':
            self.pos += 1
            return Token("str", self.string_body('"', None, True), pos, spaced)
        if ch == "'":
            self.pos += 1
            return Token("str", self.string_body("'", None, False), pos, spaced)
        if ch == "`":
            raise LexError("unsupported Ruby: backtick command (a shell command)", pos)
        if ch == ":" and pos + 1 < self.end and src[pos + 1] != ":" and state != "end":
            # after a value a `:` is the ternary's (`x ?a :b`), as Ruby reads it
            symbol = self.symbol(spaced)
            if symbol is not None:
                return symbol
        if ch == "?" and state != "end":  # after a method name too: `x.y??a:b` is `?a`
            char = self.char_literal(spaced)
            if char is not None:
                return char
        if ch == "%" and (
            state == "beg"
            or (
                state == "arg"
                and spaced
                and pos + 1 < self.end
                and not src[pos + 1].isspace()
                and src[pos + 1] != "="
            )
        ):
            return self.percent_literal(spaced)
        if ch == "/" and (
            state == "beg"
            or (state == "arg" and spaced and pos + 1 < self.end and src[pos + 1] not in " =")
        ):
            self.pos += 1
            parts = self.string_body("/", None, True, regex=True)
            return Token("regex", parts, pos, spaced, self.regex_flags())
        if (
            ch == "<"
            and src.startswith("<<", pos)
            and (state == "beg" or (state == "arg" and spaced))
        ):
            heredoc = self.heredoc(spaced)
            if heredoc is not None:
                return heredoc
        if ch == "_" or ch.isalpha() or ord(ch) > 127:
            return self.identifier(spaced, state)
        if ch == "=" and src.startswith("=begin", pos) and (pos == 0 or src[pos - 1] == "\n"):
            return self.block_comment()
        return self.operator(spaced, state)

    def skip_space(self) -> bool:
        match = _SPACE.match(self.src, self.pos)
        if match is None or match.end() > self.end:
            return False
        self.pos = match.end()
        return True

    def newline(self, spaced: bool) -> Token:
        pos = self.pos
        self.pos += 1
        for at, resume in self.heredoc_resume:
            if at == pos:
                self.pos = resume
        self.heredoc_resume = [h for h in self.heredoc_resume if h[0] != pos]
        if not self.newline_ends_statement() or self.continues_with_dot():
            return self._scan()
        return Token("nl", None, pos, spaced)

    def continues_with_dot(self) -> bool:
        """A line starting with `.meth` or `&.meth` continues the previous one."""
        match = re.compile(r"[ \t\r]*(\.|&\.)(?!\.)").match(self.src, self.pos)
        return match is not None and match.end() <= self.end

    def block_comment(self) -> Token:
        match = re.compile(r"^=end\b.*$", re.M).search(self.src, self.pos)
        if match is None:
            raise LexError("embedded document meets end of file", self.pos)
        self.pos = match.end()
        return self._scan()

    def number(self, spaced: bool) -> Token:
        pos = self.pos
        match = _NUMBER.match(self.src, pos)
        assert match is not None
        text = match.group().replace("_", "")
        self.pos = match.end()
        lower = text.lower()
        suffix = self.src[self.pos:self.pos + 1]
        if (self.src.startswith("i", self.pos) or self.src.startswith("ri", self.pos)) and (
                not _IDENT.match(self.src, self.pos + (1 if suffix == "i" else 2))):
            raise LexError("unsupported Ruby: imaginary literal", pos)
        if suffix == "r" and not _IDENT.match(self.src, self.pos + 1):
            if "e" in lower and not lower.startswith("0x"):
                raise LexError("unsupported Ruby: this rational literal", pos)
            self.pos += 1
            whole = Fraction(text) if "." in text else Fraction(self._int_value(text))
            return Token("int", whole, pos, spaced)
        return Token(*self._number_token(text, lower), pos, spaced)

    @staticmethod
    def _int_value(text: str) -> int:
        kind, value = Lexer._number_token(text, text.lower())
        return value  # type: ignore[return-value]

    @staticmethod
    def _number_token(text: str, lower: str) -> tuple[str, int | float]:
        if lower.startswith("0x"):
            return "int", int(text, 16)
        if lower.startswith("0b"):
            return "int", int(text[2:], 2)
        if lower.startswith("0o"):
            return "int", int(text[2:], 8)
        if len(text) > 1 and text[0] == "0" and text.isdigit():
            return "int", int(text, 8)
        if "." in text or "e" in lower:
            return "float", float(text)
        return "int", int(text)

    def global_var(self, spaced: bool) -> Token:
        pos = self.pos
        src = self.src
        match = re.compile(
            r"\$(?:([1-9]\d*)|([~`'&+])|([A-Za-z_]\w*)|([!@;,/\\\\0_*$?:\"<>.]))"
        ).match(src, pos)
        if match is None:
            raise LexError("unexpected '$'", pos)
        self.pos = match.end()
        if match.group(1):
            return Token("nth_ref", int(match.group(1)), pos, spaced)
        if match.group(2):
            return Token("back_ref", match.group(2), pos, spaced)
        return Token("gvar", match.group(), pos, spaced)

    def identifier(self, spaced: bool, state: str) -> Token:
        pos = self.pos
        match = _IDENT.match(self.src, pos)
        assert match is not None
        name = match.group()
        end = match.end()
        src = self.src
        after_dot = self.last is not None and (
            (self.last.kind == "op" and self.last.value in (".", "&."))
            or (self.last.kind == "kw" and self.last.value == "def")
        )
        if name == "defined" and src.startswith("?", end):
            self.pos = end + 1
            return Token("kw", "defined?", pos, spaced)
        if (end + 1 < self.end and src[end] in "?!" and src[end + 1] == ":"
                and not src.startswith("::", end + 1) and not after_dot
                and (self.last is None or self.last.value != "?") and state != "end"):
            # a label `ok?:` / `done!:`
            self.pos = end + 2
            return Token("label", name + src[end], pos, spaced)
        if end < self.end and src[end] in "?!" and not _operator_follows(src, end):
            self.pos = end + 1
            return Token("fid", name + src[end], pos, spaced, "method" if after_dot else None)
        # a hash label `key:` (but not `a ? b :c` or `A::B`)
        if (
            end < self.end
            and src[end] == ":"
            and not src.startswith("::", end)
            and not after_dot
            and (self.last is None or self.last.value != "?")
            and state != "end"
        ):
            self.pos = end + 1
            return Token("label", name, pos, spaced)
        self.pos = end
        if after_dot:
            return Token("ident", name, pos, spaced, "method")
        if name in KEYWORDS:
            return Token("kw", name, pos, spaced)
        if name[0].isupper():
            return Token("const", name, pos, spaced)
        return Token("ident", name, pos, spaced)

    def symbol(self, spaced: bool) -> Token | None:
        pos = self.pos
        src = self.src
        nxt = src[pos + 1]
        if nxt == '"':
            self.pos = pos + 2
            return Token("dsym", self.string_body('"', None, True), pos, spaced)
        if nxt == "'":
            self.pos = pos + 2
            return Token("dsym", self.string_body("'", None, False), pos, spaced)
        match = _SYMBOL.match(src, pos + 1)
        if match is None:
            return None
        name = match.group()
        if name.endswith("=") and name[:-1].isidentifier() and src.startswith(">", match.end()):
            name = name[:-1]  # `:a=>1`
        self.pos = pos + 1 + len(name)
        return Token("sym", name, pos, spaced)

    def char_literal(self, spaced: bool) -> Token | None:
        pos = self.pos
        src = self.src
        if pos + 1 >= self.end or src[pos + 1].isspace():
            return None
        if src[pos + 1] == "\\":
            value, after = self.escape(pos + 2)
            value = _joined([value])
        else:
            value, after = src[pos + 1], pos + 2
            if _is_ident_char(value) and after < self.end and _is_ident_char(src[after]):
                return None  # `?ab`: a name follows the ternary's `?`
        self.pos = after
        return Token("char", value, pos, spaced)

    def percent_literal(self, spaced: bool) -> Token:
        pos = self.pos
        src = self.src
        kind = src[pos + 1]
        if kind.isalpha():
            open_at = pos + 2
        else:
            kind, open_at = "Q", pos + 1
        if open_at >= self.end:
            raise LexError("unterminated quoted string meets end of file", pos)
        opener = src[open_at]
        closer = _PAIRS.get(opener, opener)
        self.pos = open_at + 1
        nest = opener if opener in _PAIRS else None
        if kind in ("w", "W", "i", "I"):
            parts = self.string_body(closer, nest, kind.isupper(), words=True)
            words = _split_words(parts)
            return Token("words" if kind in "wW" else "symbols", words, pos, spaced)
        if kind == "q":
            return Token("str", self.string_body(closer, nest, False), pos, spaced)
        if kind == "Q":
            return Token("str", self.string_body(closer, nest, True), pos, spaced)
        if kind == "r":
            parts = self.string_body(closer, nest, True, regex=True)
            return Token("regex", parts, pos, spaced, self.regex_flags())
        if kind == "s":
            return Token("dsym", self.string_body(closer, nest, False), pos, spaced)
        if kind == "x":
            raise LexError("unsupported Ruby: %x command (a shell command)", pos)
        raise LexError("unknown type of %string", pos)

    def regex_flags(self) -> str:
        match = re.compile(r"[imxounse]*").match(self.src, self.pos)
        assert match is not None
        self.pos = match.end()
        return "".join(f for f in match.group() if f in "imx")

    def heredoc(self, spaced: bool) -> Token | None:
        pos = self.pos
        match = re.compile(r"<<([~-]?)(?:([A-Za-z_]\w*)|'([^'\n]*)'|\"([^\"\n]*)\")").match(
            self.src, pos
        )
        if match is None:
            return None
        squiggly, dash = match.group(1) == "~", match.group(1) == "-"
        tag = match.group(2) or match.group(3) or match.group(4)
        interpolate = match.group(3) is None
        self.pos = match.end()
        # the body starts after the current line (or after earlier heredocs' bodies)
        line_end = self.src.find("\n", self.pos)
        if line_end < 0:
            raise LexError(f'can\'t find string "{tag}" anywhere before EOF', pos)
        body_start = line_end + 1
        for at, resume in self.heredoc_resume:
            if at == line_end:
                body_start = resume
        terminator = re.compile(
            r"^[ \t]*" + re.escape(tag) + r"\r?$"
            if (squiggly or dash)
            else r"^" + re.escape(tag) + r"\r?$",
            re.M,
        )
        found = terminator.search(self.src, body_start, self.end)
        if found is None:
            raise LexError(f'can\'t find string "{tag}" anywhere before EOF', pos)
        body_end = found.start()
        resume = found.end() + 1 if found.end() < self.end else found.end()
        self.heredoc_resume = [h for h in self.heredoc_resume if h[0] != line_end]
        self.heredoc_resume.append((line_end, resume))
        saved = self.pos
        self.pos = body_start
        parts = self.string_body("", None, interpolate, until=body_end)
        self.pos = saved
        if squiggly:
            parts = _dedent(parts)
        return Token("str", parts, pos, spaced)

    def string_body(
        self,
        closer: str,
        nest: str | None,
        interpolate: bool,
        regex: bool = False,
        words: bool = False,
        until: int | None = None,
    ) -> StrParts:
        """The parts of a string literal up to its closing delimiter (consumed)."""
        src = self.src
        limit = self.end if until is None else until
        parts: StrParts = []
        buf: list[str] = []
        depth = 0
        start = self.pos
        while True:
            pos = self.pos
            if pos >= limit:
                if until is not None:
                    break
                raise LexError("unterminated string meets end of file", start)
            ch = src[pos]
            if ch in (TEXT_OPEN, INSERT_OPEN, INSERT_CLOSE):
                raise LexError("unterminated string meets end of tag", start)
            if until is None and ch == closer and depth == 0:
                self.pos = pos + 1
                break
            if nest is not None and ch == nest:
                depth += 1
            elif nest is not None and ch == closer:
                depth -= 1
            if ch == "\\" and pos + 1 < limit:
                nxt = src[pos + 1]
                if regex:
                    # a regexp keeps its escapes for the regexp engine, except `\/`
                    buf.append(nxt if nxt == closer else ch + nxt)
                    self.pos = pos + 2
                elif not interpolate:
                    if nxt == "\\" or nxt == closer or (nest is not None and nxt == nest):
                        buf.append(nxt)
                    elif words and nxt.isspace():
                        buf.append("\\" + nxt)
                    else:
                        buf.append("\\" + nxt)
                    self.pos = pos + 2
                elif words and nxt.isspace():
                    buf.append("\\" + nxt)
                    self.pos = pos + 2
                else:
                    value, self.pos = self.escape(pos + 1)
                    buf.append(value)
                continue
            if interpolate and ch == "#" and pos + 1 < limit and src[pos + 1] in "@$":
                # "#@ivar" / "#$1": interpolation without braces
                short = _SHORT_INTERPOLATION.match(src, pos + 1)
                if short is not None and short.end() <= limit:
                    if buf:
                        parts.append(_joined(buf))
                        buf = []
                    parts.append(Interp(pos + 1, short.end()))
                    self.pos = short.end()
                    continue
            if interpolate and ch == "#" and pos + 1 < limit and src[pos + 1] == "{":
                if buf:
                    parts.append(_joined(buf))
                    buf = []
                close = self.interpolation_end(pos + 2)
                parts.append(Interp(pos + 2, close))
                self.pos = close + 1
                continue
            buf.append(ch)
            self.pos = pos + 1
        if buf or not parts:
            parts.append(_joined(buf))
        return parts

    def interpolation_end(self, start: int) -> int:
        """The offset of the `}` that closes the `#{` whose code starts at `start`."""
        inner = Lexer(self.src, self.is_local, start, self.end)
        depth = 0
        while True:
            token = inner.next_token()
            if token.kind == "eof":
                raise LexError("unterminated string interpolation", start)
            if token.kind == "op" and token.value in ("{", "{hash"):
                depth += 1
            elif token.kind == "op" and token.value == "}":
                if depth == 0:
                    return token.pos
                depth -= 1

    def escape(self, pos: int) -> tuple[str, int]:
        """A backslash escape starting after the backslash: (value, offset after)."""
        src = self.src
        ch = src[pos]
        if ch in _ESCAPES and not (ch == "0" and pos + 1 < len(src) and src[pos + 1] in "01234567"):
            return _ESCAPES[ch], pos + 1
        if ch in "01234567":
            match = re.compile(r"[0-7]{1,3}").match(src, pos)
            assert match is not None
            return _byte(int(match.group(), 8) & 0xFF), match.end()
        if ch == "x":
            match = re.compile(r"[0-9a-fA-F]{1,2}").match(src, pos + 1)
            if match is None:
                raise LexError("invalid hex escape", pos)
            return _byte(int(match.group(), 16)), match.end()
        if ch == "u":
            match = re.compile(r"\{([0-9a-fA-F ]+)\}|([0-9a-fA-F]{4})").match(src, pos + 1)
            if match is None:
                raise LexError("invalid Unicode escape", pos)
            if match.group(2):
                return chr(int(match.group(2), 16)), match.end()
            return "".join(chr(int(c, 16)) for c in match.group(1).split()), match.end()
        if ch == "\n":
            return "", pos + 1
        if ch in "cCM":
            raise LexError("unsupported Ruby: control/meta escape", pos)
        return ch, pos + 1

    def operator(self, spaced: bool, state: str) -> Token:
        pos = self.pos
        src = self.src
        last = self.last
        after_dot = last is not None and last.kind == "op" and last.value in (".", "&.")
        if after_dot and src.startswith("[]", pos):  # `h.[](k)`, `a&.[]=(i, v)`
            name = "[]=" if src.startswith("[]=", pos) and not src.startswith("[]==", pos) else "[]"
            self.pos = pos + len(name)
            return Token("ident", name, pos, spaced, "method")
        match = _OPERATOR.match(src, pos)
        if match is None:
            raise LexError(f"unexpected character {src[pos]!r}", pos)
        op = match.group()
        self.pos = pos + len(op)
        if after_dot and op in _OP_METHODS:
            return Token("op", op, pos, spaced, "method")
        tight = self.pos < self.end and not src[self.pos].isspace()
        value = op
        operand_may_start = state == "beg" or (state == "arg" and spaced and tight)
        if op in ("-", "+") and operand_may_start:
            value = "u" + op
        elif op in ("*", "**", "&") and operand_may_start:
            value = {"*": "splat", "**": "dsplat", "&": "blockarg"}[op]
        elif op == "[" and (state == "beg" or (state == "arg" and spaced)):
            value = "[array"
        elif op == "(" and state == "arg" and spaced:
            value = "(arg"
        elif op == "(" and state == "beg":
            value = "(expr"
        elif op == "::" and (state == "beg" or (state == "arg" and spaced)):
            value = "::top"
        elif (
            op == "{"
            and state == "beg"
            and not (self.last is not None and self.last.kind == "op" and self.last.value == "->")
        ):
            value = "{hash"
        elif op == "{" and (
            self.last is not None
            and self.last.kind == "ident"
            and self.last.extra != "method"
            and self.is_local(self.last.value)
        ):
            value = "{hash"
        return Token("op", value, pos, spaced)


def _byte(value: int) -> str:
    """A `\\xNN` or `\\NNN` escape: a byte, which is no character above 0x7F
    (kept as a surrogate escape, as Strings keep the bytes that are no UTF-8)."""
    return chr(value) if value < 0x80 else chr(0xDC00 + value)


def _joined(buf: list[str]) -> str:
    """A literal's text, where escaped bytes that make UTF-8 characters become them."""
    text = "".join(buf)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")
    return text


def _is_ident_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _operator_follows(src: str, at: int) -> bool:
    """Whether the `?`/`!` after a name begins `!=`, `!~` or `?=`… rather than ending the name."""
    nxt = src[at + 1 : at + 2]
    if src[at] == "!" and nxt == "~":
        return True
    return nxt == "=" and src[at + 2 : at + 3] not in ("=", "~", ">")


def _split_words(parts: StrParts) -> list[StrParts]:
    """`%w[a b]`: split the literal parts on unescaped whitespace."""
    words: list[StrParts] = []
    current: StrParts = []
    buf: list[str] = []
    for part in parts:
        if isinstance(part, Interp):
            if buf:
                current.append("".join(buf))
                buf = []
            current.append(part)
            continue
        i = 0
        while i < len(part):
            ch = part[i]
            if ch == "\\" and i + 1 < len(part) and part[i + 1].isspace():
                buf.append(part[i + 1])
                i += 2
                continue
            if ch.isspace():
                if buf:
                    current.append("".join(buf))
                    buf = []
                if current:
                    words.append(current)
                    current = []
            else:
                buf.append(ch)
            i += 1
    if buf:
        current.append("".join(buf))
    if current:
        words.append(current)
    return words


def _dedent(parts: StrParts) -> StrParts:
    """`<<~`: remove the least indentation of the body's non-blank lines."""
    text_lines = "".join(p if isinstance(p, str) else "\0" for p in parts).split("\n")
    indents = [len(line) - len(line.lstrip(" \t")) for line in text_lines if line.strip(" \t")]
    cut = min(indents) if indents else 0
    out: StrParts = []
    at_line_start = True
    for part in parts:
        if isinstance(part, Interp):
            out.append(part)
            at_line_start = False
            continue
        pieces = part.split("\n")
        fixed = []
        for i, piece in enumerate(pieces):
            if i > 0 or at_line_start:
                strip = 0
                while strip < cut and strip < len(piece) and piece[strip] in " \t":
                    strip += 1
                piece = piece[strip:]
            fixed.append(piece)
        out.append("\n".join(fixed))
        at_line_start = part.endswith("\n")
    return out
