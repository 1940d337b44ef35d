"""Ruby's String rules that the model, the templates and the Ruby runtime
share (a leaf: it imports nothing of ncg), so that each applies them alike."""

from __future__ import annotations

__all__ = ["chomp"]


def chomp(text: str) -> str:
    """Ruby's String#chomp without an argument: one trailing "\\n", "\\r\\n" or "\\r" goes."""
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith(("\n", "\r")) else text
