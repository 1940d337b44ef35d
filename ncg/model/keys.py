"""Key paths: `!`-separated names, selectors in parentheses, anonymous keys.

    !devices!(hostname=sw1)!interfaces!(+)

A path is absolute when it starts with `!`.  A part in parentheses is a
selector: `(+)` a new anonymous key, `(>)`/`(<)` the newest/oldest anonymous
key, `(.)` this node, `(..)` the parent, `(...)` the nearest ancestor having
the rest of the path, `(k=v,...)` the one child whose subkeys match.

Patterns here keep Ruby's regexp meaning: `^` and `$` are line anchors and
`\\s` is ASCII whitespace, so values holding newlines behave as in NCG.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Ruby's `^`: the start of the string or of a line, but not the empty "line"
# after a final newline.
RUBY_BOL = r"(?:\A|(?<=\n)(?!\Z))"

ANONYMOUS = re.compile(RUBY_BOL + r"@[0-9]+$", re.M)
FIRST_ANONYMOUS = "@000000001"
_SELECTOR = re.compile(RUBY_BOL + r"\((.*)\)$", re.M)
_METADATA = re.compile(RUBY_BOL + r"\{(.*)\}$", re.M)


def buildkey(*parts: str | None) -> str | None:
    """Join key parts with "!" (never doubling one); leading nil parts are skipped.

    A lone nil is "(.)", the node itself.
    """
    if not parts:
        return None
    if len(parts) == 1 and parts[0] is None:
        return "(.)"
    key = ""
    for part in parts[:-1]:
        if part is None:
            continue
        key += part
        if not key.endswith("!"):
            key += "!"
    last = parts[-1]
    if last is None:
        from ncg.errors import TypeError_

        raise TypeError_("no implicit conversion of nil into String")
    return key + last


def filename_to_key(filename: str) -> str:
    """A relative file path as a key path: "a/../b" is "a!(..)!b"."""
    if filename == "/":
        return "!"
    parts = [{"..": "(..)", ".": "(.)"}.get(part, part) for part in _ruby_split(filename, "/")]
    return "!".join(parts)


def _ruby_split(text: str, separator: str) -> list[str]:
    """Ruby's String#split with a string: trailing empty fields are dropped."""
    parts = text.split(separator)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def is_anonymous(simple_key: str) -> bool:
    if "\n" not in simple_key:  # the common case, without the line-anchor regexp
        digits = simple_key[1:]
        return simple_key[:1] == "@" and digits.isascii() and digits.isdigit()
    return ANONYMOUS.search(simple_key) is not None


@lru_cache(maxsize=4096)
def ruby_succ(text: str) -> str:
    """Ruby's String#succ for strings holding letters or digits ("@009" -> "@010").

    Cached: every `(+)` asks for the successor of a node's newest anonymous
    key, and records of a kind number their children alike ("@000000001"...).
    """
    digits = text[1:]
    if text[:1] == "@" and digits.isascii() and digits.isdigit() and len(digits) < 4000:
        # An anonymous key: the number goes up, keeping its width ("@99" -> "@100").
        return "@" + str(int(digits) + 1).zfill(len(digits))
    chars = list(text)
    positions = [i for i, c in enumerate(chars) if c.isascii() and c.isalnum()]
    if not positions:
        return _succ_bytes(text)
    for i in reversed(positions):
        c = chars[i]
        if c not in "9zZ":
            chars[i] = chr(ord(c) + 1)
            return "".join(chars)
        chars[i] = {"9": "0", "z": "a", "Z": "A"}[c]
    first = positions[0]
    carry = {"0": "1", "a": "a", "A": "A"}[chars[first]]
    return "".join(chars[:first]) + carry + "".join(chars[first:])


def _succ_bytes(text: str) -> str:
    """succ of a string without letters or digits: the last character goes up."""
    if not text:
        return ""
    return text[:-1] + chr(ord(text[-1]) + 1)


@lru_cache(maxsize=65536)
def selector_body(part: str) -> str | None:
    """"+" for "(+)"; None when `part` is not a selector."""
    if "\n" not in part:  # the common case, without the line-anchor regexp
        return part[1:-1] if part[:1] == "(" and part[-1:] == ")" and len(part) > 1 else None
    match = _SELECTOR.search(part)
    return None if match is None else match.group(1)


@lru_cache(maxsize=65536)
def metadata_request(key: str) -> str | None:
    """"FILENAME" for "{FILENAME}"; None when `key` is not a metadata request."""
    if "\n" not in key:
        return key[1:-1] if key[:1] == "{" and key[-1:] == "}" and len(key) > 1 else None
    match = _METADATA.search(key)
    return None if match is None else match.group(1)


@lru_cache(maxsize=65536)
def parse_criteria(selector: str) -> tuple[tuple[str, str], ...]:
    """"(a=1,b=2)" as [("a", "1"), ("b", "2")], split the way NCG splits it.

    All parentheses are dropped; in each term text after a second "=" is
    ignored, and a term without a key or value is an error.
    """
    from ncg.errors import ArgumentError

    criteria = []
    for term in _ruby_split(selector.replace("(", "").replace(")", ""), ","):
        fields = _ruby_split(term, "=")
        if len(fields) < 2:
            raise ArgumentError("invalid syntax for node_match term")
        criteria.append((fields[0], fields[1]))
    return tuple(criteria)
