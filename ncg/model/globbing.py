"""Ruby's Dir.glob as NCG uses it to name model files: `{a,b}` alternatives,
`*`, `?`, `[...]`, `**/`, names starting with "." matched only by a ".",
results sorted bytewise, and "-" for standard input.
"""

from __future__ import annotations

import os
import re

STDIN_NAME = "<STDIN>"


def expand_pattern(pattern: str) -> list[str]:
    """Regular files matching a glob pattern, sorted bytewise; "-" is stdin."""
    if pattern == "-":
        return [STDIN_NAME]
    found = [path for alternative in _expand_braces(pattern) for path in _glob(alternative)]
    return sorted((path for path in found if os.path.isfile(path)), key=_bytewise)


def _bytewise(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _expand_braces(pattern: str) -> list[str]:
    """Ruby's {a,b} alternatives, nested ones included; "\\" escapes a brace."""
    depth = 0
    start = -1
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            if depth == 0:
                start = i
            depth += 1
        elif c == "}" and depth:
            depth -= 1
            if depth == 0:
                head, tail = pattern[:start], pattern[i + 1:]
                return [expanded
                        for choice in _split_alternatives(pattern[start + 1:i])
                        for expanded in _expand_braces(head + choice + tail)]
        i += 1
    return [pattern]


def _split_alternatives(body: str) -> list[str]:
    choices, depth, last, i = [], 0, 0, 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            choices.append(body[last:i])
            last = i + 1
        i += 1
    choices.append(body[last:])
    return choices


_MAGIC = re.compile(r"[*?\[\\]")


def _glob(pattern: str) -> list[str]:
    """Paths matching one brace-free pattern, segment by segment."""
    if not pattern:
        return []
    if not _MAGIC.search(pattern):  # kept exactly as written, "//" and all
        return [pattern] if os.path.lexists(pattern) else []
    absolute = pattern.startswith("/")
    segments = [s for s in pattern.split("/") if s]
    paths = ["/" if absolute else ""]
    for position, segment in enumerate(segments):
        last = position == len(segments) - 1
        if segment == "**" and not last:
            paths = [p for base in paths for p in _walk_dirs(base)]
        elif _MAGIC.search(segment):
            matcher = _segment_regex(segment)
            paths = [_join(base, entry) for base in paths for entry in _entries(base)
                     if matcher.fullmatch(entry)]
        else:
            literal = _unescape(segment)
            paths = [_join(base, literal) for base in paths
                     if os.path.lexists(_join(base, literal))]
        if not last:
            paths = [p for p in paths if os.path.isdir(p or ".")]
    if pattern.endswith("/"):  # only directories match "dir*/"
        return [p + "/" for p in paths if os.path.isdir(p)]
    return paths


def _join(base: str, name: str) -> str:
    if not base:
        return name
    return base + name if base.endswith("/") else f"{base}/{name}"


def _entries(base: str) -> list[str]:
    try:
        return sorted(os.listdir(base or "."), key=_bytewise)
    except OSError:
        return []


def _walk_dirs(base: str) -> list[str]:
    """`**/`: the directory itself and every non-hidden directory below it."""
    found = [base]
    for entry in _entries(base):
        path = _join(base, entry)
        if not entry.startswith(".") and os.path.isdir(path) and not os.path.islink(path):
            found.extend(_walk_dirs(path))
    return found


def _unescape(segment: str) -> str:
    return re.sub(r"\\(.)", r"\1", segment)


def _segment_regex(segment: str) -> re.Pattern[str]:
    """One path segment of a glob as a regexp; names starting with "." need a "."."""
    out = [] if segment.startswith(".") else [r"(?!\.)"]
    i = 0
    while i < len(segment):
        c = segment[i]
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "\\" and i + 1 < len(segment):
            i += 1
            out.append(re.escape(segment[i]))
        elif c == "[" and "]" in segment[i + 2:]:
            end = segment.index("]", i + 2)
            body = segment[i + 1:end]
            negate = body[:1] in ("^", "!")
            body = body[1:] if negate else body
            out.append("[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out), re.S)
