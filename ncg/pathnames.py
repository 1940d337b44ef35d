"""Ruby's rules for file paths (`File.dirname`, `File.basename`, `File.join`),
shared by the model and the templates: model and template paths must come
out exactly as the original prints them.
"""

from __future__ import annotations

__all__ = ["relative_filename", "ruby_basename", "ruby_dirname", "ruby_join"]


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
    """Ruby's File.basename: the last part, without `suffix` if that leaves
    something; a suffix of ".*" takes off the extension, the last "." and
    what follows, unless that "." is one of the name's leading dots."""
    trimmed = path.rstrip("/")
    if not trimmed:
        return "/" if path else ""
    base = trimmed[trimmed.rfind("/") + 1:]
    if suffix == ".*":
        dot = base.rfind(".")
        return base[:dot] if dot >= len(base) - len(base.lstrip(".")) else base
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
