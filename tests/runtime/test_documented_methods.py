"""Every method docs/ruby-subset.md names exists in the runtime, and a
library's methods only once the library is required (so the document cannot
drift from the code)."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import ncg.ruby.runtime as rb
from ncg.ruby.runtime import libraries
from ncg.ruby.runtime.core import FUNCTIONS, RClass, find_method

DOC = Path(__file__).parents[2] / "docs" / "ruby-subset.md"
ENTRY = re.compile(r"^- \*\*(?P<owner>[^*]+)\*\*(?: \(with `require '(?P<lib>[^']+)'`\))?: "
                   r"(?P<names>.*)$")


def sample(owner: str) -> Any:
    """A value of the class an `X#` entry documents."""
    from ncg.errors import ArgumentError
    from ncg.ruby.runtime.enumerable import Enumerator
    from ncg.ruby.runtime.file import RStat
    from ncg.ruby.runtime.gem_version import GemVersion
    from ncg.ruby.runtime.stdlib.date import Date
    from ncg.ruby.runtime.stdlib.ostruct import ROpenStruct
    from ncg.ruby.runtime.stdlib.set import RSet
    from ncg.ruby.runtime.struct import new_struct
    from ncg.ruby.runtime.time import Time

    return {
        "Object": rb.send(rb.const("Object"), "new"),
        "String": "", "Symbol": rb.sym("a"), "Integer": 1, "Float": 1.0,
        "Rational": Fraction(1, 2), "Array": [], "Hash": {}, "Range": rb.Range(1, 2, False),
        "Regexp": rb.regexp("a", ""), "MatchData": rb.send("a", "match", rb.regexp("a", "")),
        "NilClass": None, "TrueClass": True, "Proc": lambda: None,
        "Enumerator": Enumerator([], "each", ()), "Enumerator::Lazy": rb.send([], "lazy"),
        "Exception": ArgumentError("x"), "Time": Time(0), "IO": rb.const("STDOUT"),
        "File::Stat": RStat(Path(__file__).stat()), "ENV": rb.const("ENV"), "Set": RSet(),
        "Date": Date(1), "Encoding": rb.send("", "encoding"), "Gem::Version": GemVersion("1"),
        "OpenStruct": ROpenStruct(),
        "Struct": rb.send(new_struct(rb.const("Struct"), rb.sym("a")), "new", 1),
    }[owner]


def entries() -> list[tuple[str, str | None, str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Methods"):text.index("## Refused")]
    joined = re.sub(r"\n  ", " ", section)  # an entry goes on on indented lines
    found = []
    for line in joined.splitlines():
        match = ENTRY.match(line)
        if match:
            for name in re.findall(r"`([^`]+)`", match["names"]):
                found.append((match["owner"], match["lib"], name))
    return found


def defined(owner: str, name: str) -> bool:
    if owner == "Kernel":
        return name in FUNCTIONS
    if owner.endswith("."):
        cls = rb.const(owner[:-1])
        return isinstance(cls, RClass) and cls.find_smethod(name) is not None and \
            find_method(cls, name) is not None
    if owner == "File#":
        from ncg.ruby.runtime.file import RFile

        return find_method(RFile.__new__(RFile), name) is not None
    return find_method(sample(owner.rstrip("#")), name) is not None


def test_the_document_names_methods() -> None:
    assert len(entries()) > 1000


@pytest.mark.parametrize(("owner", "lib", "name"), entries())
def test_documented_method_exists(owner: str, lib: str | None, name: str) -> None:
    libraries.reset_libraries()
    try:
        added_to_core = owner.rstrip("#.") not in libraries.LIBRARY_CONSTANTS
        if lib is not None and added_to_core:
            assert not defined(owner, name), f"{owner}{name} exists before require '{lib}'"
        if lib is not None:
            libraries.load(lib)
        assert defined(owner, name)
    finally:
        libraries.reset_libraries()
