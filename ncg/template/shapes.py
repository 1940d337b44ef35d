"""The shape of a `[% %]` model line: its Ruby with the plain literals taken out.

A model can hold thousands of `[% %]` lines that differ only in their
literals (`[%= "host-00001".upcase %]`, `[%= "host-00002".upcase %]`…), and
compiling each one through the Ruby compiler and Mako costs about a
millisecond. Lines of the same shape share one compiled template instead:
each plain string or decimal integer literal becomes an instance variable
(`"host-00001".upcase` is `@__ncg_literal_0.upcase`) whose value the render
passes in.

Only what is certainly a value is lifted, so the shape means exactly what
the line means:
- a double-quoted string without `#` or `\\`, a single-quoted one without
  `\\`, and a decimal integer without a sign, underscore or leading zero,
  standing alone (not part of a name, a symbol `:"x"`, a float `1.5`, a
  range `1..5`, a label `"a":` or a ternary `?1:`), though it may be the
  receiver of a method call (`7.to_s`);
- the text parts of a double-quoted string with `#{}` in it, whose code is
  lifted in turn (`"h-#{n + 1}"` is `"#{@…_0}#{n + @…_1}"`);
- in code that has no other kind of literal the scan can't see through
  (`%w()`, `/regexp/`, `?c`, heredocs, `$globals`, backquotes, comments;
  a `/` or `%` right after a literal or a closing bracket can only be an
  operator, and is kept),
  no assignment (a literal can't be assigned to, an instance variable can),
  nothing that looks at instance variables or the template's own line and
  file (`__LINE__`, `self`, `instance_variables`, `binding`, `eval`), and no
  two literals side by side (`"a" "b"` is one string).
The template text around the tags, a model line's key, is lifted too, as
the output of a literal, where ERB's trim mode can't change it. Any other
line is compiled as it is, as is a line whose shape fails to compile, so
that its errors are reported as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a lifted literal is called in the shape; `__` is refused in a line's
# own code, so the line can't name these.
LITERAL_IVAR = "@__ncg_literal_"

# `<% … %>` tags of a snippet (already in ERB form), the code apart
_TAG = re.compile(r"(<%[=-]?)(.*?)(-?%>)", re.S)
_CODE_TOKEN = re.compile(
    r"""
      (?P<dq>(?<![\w:?.!~])"[^"\\\#\n]*"(?![\w:"']))
    | (?P<interpolated>(?<![\w:?.!~])"(?:[^"\\\#\n]|\#\{[^{}"'\\\#\n]*\})*"(?![\w:"']))
    | (?P<sq>(?<![\w:?.!~])'[^'\\\n]*'(?![\w:"']))
    | (?P<num>(?<![\w.@$:?+\-!~])(?:0|[1-9][0-9]*)(?!\w|\.[^a-zA-Z_]))
    | (?P<word>\w+(?:[?!](?!=))?)
    | (?P<operator>[/%])
    | (?P<refused>["'`$\\\#]|<<|\?(?=\S)|(?<![=!<>])=(?![=~>]))
    | (?P<space>\s+)
    | .
    """,
    re.X | re.S,
)
# words after which a literal may mean something else than its value
_REFUSED_WORDS = re.compile(r"__|\bself\b|instance_variable|\bbinding\b|eval\b")


@dataclass(frozen=True)
class Shape:
    """A snippet with its literals lifted out, and their values by name."""

    text: str
    literals: dict[str, str | int]


def shape_of(erb: str) -> Shape | None:
    """The shape of an ERB snippet, or None if it has no literal to lift or
    can't be shaped safely."""
    if "<%%" in erb or "%%>" in erb or _REFUSED_WORDS.search(erb):
        return None
    literals: dict[str, str | int] = {}
    parts: list[str] = []
    at = 0
    for tag in _TAG.finditer(erb):
        code = lifted_code(tag[2], literals)
        if code is None:
            return None
        text = erb[at : tag.start()]
        if "<%" in text:  # a tag the scan did not see as ERB does (`<%%`, a `<%` inside one)
            return None
        parts.append(lifted_text(text, tag[1] == "<%-", literals))
        parts.extend((tag[1], code, tag[3]))
        at = tag.end()
    if not literals:
        return None
    rest = erb[at:]
    if "<%" in rest:  # a tag ERB runs to the end of the text, unclosed
        return None
    parts.append(lifted_text(rest, False, literals))
    return Shape("".join(parts), literals)


def lifted_text(text: str, trimmed: bool, literals: dict[str, str | int]) -> str:
    """Template text as an output tag of a literal (a model line's key differs
    from line to line), unless ERB's trim mode may change it: a newline in it,
    or the indentation a `<%-` tag after it removes."""
    if not text or "\n" in text or trimmed:
        return text
    name = f"{LITERAL_IVAR}{len(literals)}"
    literals[name] = text
    return f"<%={name}%>"


def lifted_code(code: str, literals: dict[str, str | int]) -> str | None:
    """`code` with its literals replaced by instance variables (added to
    `literals`), or None if the code holds anything the scan refuses."""
    out: list[str] = []
    previous = ""  # the kind of the last token that is not space
    for token in _CODE_TOKEN.finditer(code):
        kind, text = token.lastgroup, token.group()
        if kind == "refused" or (kind == "operator" and previous not in _OPERAND_ENDS):
            return None  # `/` or `%` after a name may start a regexp or a %-literal
        if kind in ("dq", "sq", "num", "interpolated"):
            if previous in _LITERALS:
                return None
            lifted = (lifted_string(text[1:-1], literals) if kind == "interpolated"
                      else literal_name(int(text) if kind == "num" else text[1:-1], literals))
            if lifted is None:
                return None
            out.append(lifted)
            previous = kind
            continue
        out.append(text)
        if kind != "space":
            previous = text if text in ")]" else kind or ""
    return "".join(out)


_LITERALS = ("dq", "sq", "num", "interpolated")
# after these a `/` or `%` can only divide or format: Ruby reads an operand's end there
_OPERAND_ENDS = (*_LITERALS, ")", "]")
_INTERPOLATION = re.compile(r"#\{([^}]*)\}")


def literal_name(value: str | int, literals: dict[str, str | int]) -> str:
    """The instance variable that stands for `value` in the shape."""
    name = f"{LITERAL_IVAR}{len(literals)}"
    literals[name] = value
    return name


def lifted_string(content: str, literals: dict[str, str | int]) -> str | None:
    """A double-quoted string with `#{}` in it, its text parts lifted as literals
    (`"a#{x}"` is `"#{@lit}#{x}"`) and its code parts lifted as code."""
    parts = _INTERPOLATION.split(content)
    out = []
    for at, part in enumerate(parts):
        if at % 2:
            code = lifted_code(part, literals)
            if code is None:
                return None
            out.append(f"#{{{code}}}")
        elif part:
            out.append(f"#{{{literal_name(part, literals)}}}")
    return f'"{"".join(out)}"'
