"""Where the Lark grammars live: the top-level `grammars/` folder of the project."""

from functools import cache
from pathlib import Path

from lark import Lark

GRAMMARS_DIR = Path(__file__).resolve().parent.parent / "grammars"


def grammar_text(name: str) -> str:
    """The text of grammars/NAME.lark."""
    return (GRAMMARS_DIR / f"{name}.lark").read_text(encoding="utf-8")


@cache
def load_grammar(name: str, **options: object) -> Lark:
    """Build (once per process) the Lark parser for grammars/NAME.lark."""
    return Lark(grammar_text(name), **options)
