"""Where the Lark grammars live, and reading them.

The grammars are kept in the project's top-level `grammars/` folder and are
installed as the package data `ncg/grammars/`.  ncg reads them from beside its
own code, so an installed ncg and a source checkout each use their own.
"""

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from lark import Lark

from ncg.errors import BrokenInstall


def grammar_folder() -> Traversable:
    """The installed `ncg/grammars`, or `grammars/` beside `ncg/` in a source checkout."""
    installed = resources.files("ncg") / "grammars"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "grammars"


def grammar_text(name: str) -> str:
    """The text of grammars/NAME.lark; a missing or unreadable file is ncg's fault."""
    path = grammar_folder() / f"{name}.lark"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        message = f"ncg is not installed correctly: cannot read {path}: {reason}"
        raise BrokenInstall(message) from exc


def grammar_texts() -> dict[str, str]:
    """Every grammar by file name, sorted (they are part of what ncg's output depends on)."""
    names = sorted(p.name for p in grammar_folder().iterdir() if p.name.endswith(".lark"))
    return {name: grammar_text(name.removesuffix(".lark")) for name in names}


@cache
def load_grammar(name: str, **options: object) -> Lark:
    """Build (once per process) the Lark parser for grammars/NAME.lark."""
    text = grammar_text(name)
    try:
        return Lark(text, **options)
    except Exception as exc:  # a grammar Lark rejects is a bug of ncg, not of the model
        raise BrokenInstall(f"ncg's grammar {name}.lark does not build: {exc}") from exc
