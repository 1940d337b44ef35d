"""The LALR table of grammars/ruby.lark: built once, shipped in the package.

Lark takes seconds to build the table for the Ruby grammar, so it is built
when the grammar changes (`python -m ncg.ruby.syntax.build_table`) and
shipped beside this module as `ruby_table.json`, which loads in a fraction
of that. The file names the grammar, Lark version and lexer it was built
for; when they are not the ones in use (a developer edited the grammar,
another Lark is installed) the table is built again and kept in ncg's
private cache folder (`ncg.cachedir`), never in the shared temp folder.

The file is JSON, so reading it runs no code: a first line
`{"format": 1, "digest": ..., "sha256": ...}` (what it was built for, and the
digest of the rest), then Lark's own serialization of the parser
(`Lark.memo_serialize`, loaded back by `Lark._load_from_dict`), in which a
dict with integer keys is written `{"@int-keys": [[key, value], ...]}`, a
tuple as a list, and the lexer class as `{"@ref": "lexer"}`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import lark
from lark import Lark, Transformer
from lark.grammar import Rule
from lark.lark import _LOAD_ALLOWED_OPTIONS
from lark.lexer import Lexer, TerminalDef

from ncg.cachedir import private_dir, write_atomic
from ncg.grammar_files import grammar_text

FORMAT = 1
SHIPPED = Path(__file__).with_name("ruby_table.json")
OPTIONS: dict[str, Any] = {"parser": "lalr"}
INT_KEYS = "@int-keys"
REF = "@ref"


@functools.cache
def ruby_parser(lexer: type[Lexer], transformer: Transformer) -> Lark:  # type: ignore[type-arg]
    """The LALR parser of grammars/ruby.lark over `lexer`: shipped, cached, or built now."""
    grammar = grammar_text("ruby")
    digest = table_digest(grammar, lexer)
    refs = {"lexer": lexer}
    data = read_table(SHIPPED, digest, refs)
    folder = None if data is not None else private_dir()
    if data is None and folder is not None:
        data = read_table(folder / SHIPPED.name, digest, refs)
    if data is not None:
        return Lark._load_from_dict(data["data"], data["memo"], transformer=transformer)
    parser = Lark(grammar, lexer=lexer, transformer=transformer, **OPTIONS)
    if folder is not None:
        with contextlib.suppress(OSError, ValueError):  # then the next run builds it again
            write_table(folder / SHIPPED.name, parser, digest, refs)
    return parser


def table_digest(grammar: str, lexer: type[Lexer]) -> str:
    """What a table is valid for: this format, Lark version, options, lexer and grammar."""
    what = f"{FORMAT}\0{lark.__version__}\0{OPTIONS}\0{lexer.__module__}.{lexer.__qualname__}"
    return hashlib.sha256(f"{what}\0{grammar}".encode()).hexdigest()


def read_table(path: Path, digest: str, refs: dict[str, object]) -> dict[str, Any] | None:
    """The serialized parser in `path` if it was built for `digest`, else None."""
    try:
        with open(path, "rb") as fh:
            header = json.loads(fh.readline(1024))
            payload = fh.read()
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            return None
        if header.get("digest") != digest:
            return None
        if header.get("sha256") != hashlib.sha256(payload).hexdigest():
            return None
        data = _decoded(payload, refs)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def write_table(path: Path, parser: Lark, digest: str, refs: dict[str, object]) -> None:
    """Write `parser`'s table to `path`, once it is known to load back the same."""
    names = {id(value): name for name, value in refs.items()}
    serialized = _serialized(parser, names)
    payload = json.dumps(serialized, separators=(",", ":")).encode()
    loaded = _decoded(payload, refs)
    if _serialized(Lark._load_from_dict(loaded["data"], loaded["memo"]), names) != serialized:
        raise ValueError(f"Lark {lark.__version__}'s parser does not survive JSON")
    sha256 = hashlib.sha256(payload).hexdigest()
    header = json.dumps({"format": FORMAT, "digest": digest, "sha256": sha256})
    write_atomic(path, header.encode() + b"\n" + payload)


def _serialized(parser: Lark, names: dict[int, str]) -> dict[str, Any]:
    """Lark's serialization of `parser`, less the options given when it is loaded."""
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    options = data["options"]
    data["options"] = {name: options[name] for name in options if name not in _LOAD_ALLOWED_OPTIONS}
    return {"data": _encode(data, names), "memo": _encode(memo, names)}


def _decoded(payload: bytes, refs: dict[str, object]) -> Any:
    return json.loads(payload, object_hook=lambda obj: _decode(obj, refs))


def _encode(value: Any, names: dict[int, str]) -> Any:
    """Lark's serialized parser as plain JSON values (see the module's doc)."""
    if id(value) in names:
        return {REF: names[id(value)]}
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value):
            return {key: _encode(item, names) for key, item in value.items()}
        if all(type(key) is int for key in value):
            return {INT_KEYS: [[key, _encode(item, names)] for key, item in value.items()]}
    elif isinstance(value, (list, tuple)):
        return [_encode(item, names) for item in value]
    elif value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"can't write {type(value).__name__} into a parser table")


def _decode(obj: dict[str, Any], refs: dict[str, object]) -> Any:
    if INT_KEYS in obj:
        return dict(obj[INT_KEYS])
    if REF in obj:
        return refs[obj[REF]]
    return obj
