"""Where the Lark grammars live, and reading them.

The grammars are kept in the project's top-level `grammars/` folder and are
installed as the package data `ncg/grammars/`.  ncg reads them from beside its
own code, so an installed ncg and a source checkout each use their own.

Lark itself is imported only when a grammar is built: importing it is a
fifth of a short run's time, and a run whose templates are all cached needs
no parser but the model's line grammars, whose terminals `line_terminals`
keeps in ncg's private cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sys
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from ncg.cachedir import package_fingerprint, private_dir, write_atomic
from ncg.errors import BrokenInstall

if TYPE_CHECKING:
    from lark import Lark

TERMINALS_FORMAT = 1
# Lark options of the model's line grammars (`line_terminals`)
LINE_OPTIONS = {"parser": "lalr", "lexer": "basic", "g_regex_flags": re.ASCII}

# a terminal of a line grammar: its name, priority and regexp, as Lark has them
Terminal = tuple[str, int, str]


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


def grammar_paths() -> list[Path] | None:
    """The grammar files, sorted; None if they are not files of their own (in a zip)."""
    folder = grammar_folder()
    if not isinstance(folder, Path):
        return None
    return sorted(p for p in folder.iterdir() if p.name.endswith(".lark"))


@cache
def load_grammar(name: str, **options: object) -> Lark:
    """Build (once per process) the Lark parser for grammars/NAME.lark."""
    return build_grammar(name, grammar_text(name), **options)


def build_grammar(name: str, text: str, **options: object) -> Lark:
    """Lark's parser for `text`, the grammar grammars/NAME.lark."""
    from lark import Lark  # only now: see the module's doc

    try:
        return Lark(text, **options)
    except Exception as exc:  # a grammar Lark rejects is a bug of ncg, not of the model
        raise BrokenInstall(f"ncg's grammar {name}.lark does not build: {exc}") from exc


@cache
def line_terminals(name: str) -> tuple[Terminal, ...]:
    """The terminals of line grammar grammars/NAME.lark in Lark's order, as
    Lark builds them with LINE_OPTIONS: kept in ncg's private cache folder
    for the grammar text, Lark and Python they were built with, so that a
    run needs no Lark to read a model."""
    text = grammar_text(name)
    lark = package_fingerprint("lark")  # Lark's version, without importing Lark
    what = f"{TERMINALS_FORMAT}\0{lark}\0{sys.version_info[:2]}\0{LINE_OPTIONS}"
    digest = hashlib.sha256(f"{what}\0{text}".encode()).hexdigest()
    folder = private_dir("grammars")
    path = None if folder is None else folder / f"{name}.terminals.json"
    found = None if path is None else _read_terminals(path, digest)
    if found is not None:
        return found
    parser = build_grammar(name, text, **LINE_OPTIONS)
    built = tuple((t.name, t.priority, t.pattern.to_regexp()) for t in parser.terminals)
    if path is not None:
        data = json.dumps({"format": TERMINALS_FORMAT, "digest": digest, "terminals": built})
        with contextlib.suppress(OSError):  # then the next run builds them again
            write_atomic(path, data.encode())
    return built


def _read_terminals(path: Path, digest: str) -> tuple[Terminal, ...] | None:
    """The terminals kept in `path` if built for `digest` and well-formed, else None."""
    try:
        with open(path, "rb") as fh:
            data = json.loads(fh.read())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != TERMINALS_FORMAT:
        return None
    if data.get("digest") != digest or not isinstance(data.get("terminals"), list):
        return None
    terminals = []
    for item in data["terminals"]:
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str)
                and type(item[1]) is int and isinstance(item[2], str)):
            return None
        terminals.append((item[0], item[1], item[2]))
    return tuple(terminals)
