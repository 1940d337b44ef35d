"""Ruby's String rules that the model, the templates and the Ruby runtime
share (a leaf: it imports nothing of ncg), so that each applies them alike."""

from __future__ import annotations

__all__ = ["chomp"]


def chomp(text: str) -> str:
    """Ruby's String#chomp without an argument: one trailing "\\n", "\\r\\n" or "\\r" goes."""
    last = text[-1:]  # one test for the common case, a text that ends in "\n"
    if last == "\n":
        return text[:-2] if text[-2:-1] == "\r" else text[:-1]
    return text[:-1] if last == "\r" else text
