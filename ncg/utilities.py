"""Helpers shared by the model and the templates: NCG's `Netomata::Utilities`.

`compare_parts` orders interface-like names ("Gi1/2" before "Gi1/10"); the
file helpers follow Ruby's `File.dirname`, `File.basename` and `File.join`,
because model and template paths must come out exactly as the original
prints them.  `ip_union` lives in `ncg.ipaddr`.
"""

from __future__ import annotations

import re

from ncg.model.keys import RUBY_BOL, buildkey, filename_to_key

__all__ = [
    "buildkey",
    "compare_parts",
    "filename_to_key",
    "relative_filename",
    "ruby_basename",
    "ruby_dirname",
    "ruby_join",
]

_PARTS = re.compile(r"[a-zA-Z]+|[0-9]+|[^0-9a-zA-Z]+")


def _cmp(a: object, b: object) -> int:
    return (a > b) - (a < b)  # type: ignore[operator]


def compare_parts(a: str | None, b: str | None) -> int:
    """-1, 0 or 1: compare letter runs as text and digit runs as numbers.

    nil sorts after everything, so nodes missing the sort key go last.
    """
    if a is None or b is None:
        return (a is None) - (b is None)
    a_parts = _PARTS.findall(a)
    b_parts = _PARTS.findall(b)
    for a_part, b_part in zip(a_parts, b_parts, strict=False):
        if _NUMERIC.search(a_part) and _NUMERIC.search(b_part):
            result = _cmp(_to_i(a_part), _to_i(b_part))
        else:
            result = _cmp(_bytes(a_part), _bytes(b_part))
        if result:
            return result
    return _cmp(len(a_parts), len(b_parts))


# Ruby's /^[0-9]*$/ is line-anchored: a separator part such as "\n-" passes too.
_NUMERIC = re.compile(RUBY_BOL + r"[0-9]*$", re.M)


def _to_i(part: str) -> int:
    return int(part) if part.isascii() and part.isdigit() else 0


def _bytes(text: str) -> bytes:
    """Ruby compares strings bytewise (UTF-8), Python by code point."""
    return text.encode("utf-8", "surrogateescape")


def ruby_dirname(path: str) -> str:
    """Ruby's File.dirname: "." for a bare name, "/" at the top, no trailing "/"."""
    trimmed = path.rstrip("/")
    if not trimmed:
        return "/" if path else "."
    cut = trimmed.rfind("/")
    if cut < 0:
        return "."
    head = trimmed[:cut].rstrip("/")
    if not head:
        return "/"
    return "/" + head.lstrip("/") if head.startswith("/") else head


def ruby_basename(path: str, suffix: str = "") -> str:
    """Ruby's File.basename: the last part, without `suffix` if that leaves something."""
    trimmed = path.rstrip("/")
    if not trimmed:
        return "/" if path else ""
    base = trimmed[trimmed.rfind("/") + 1:]
    if suffix and base.endswith(suffix) and len(base) > len(suffix):
        return base[: -len(suffix)]
    return base


def ruby_join(head: str, tail: str) -> str:
    """Ruby's File.join of two parts: exactly one "/" where they meet."""
    if not head:
        return "/" + tail.lstrip("/") if tail.startswith("/") else tail
    return head.rstrip("/") + "/" + tail.lstrip("/")


def relative_filename(basename: str, filename: str) -> str:
    """`filename` as seen from the file `basename`; absolute names stay as given."""
    if filename.startswith("/"):
        return filename
    return ruby_join(ruby_dirname(basename), filename)
