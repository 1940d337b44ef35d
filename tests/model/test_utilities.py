"""ncg.pathnames, key helpers and compare_parts; expected values are NCG 0.10.3's own tests'."""

from __future__ import annotations

import pytest

from ncg.errors import TypeError_
from ncg.model.keys import buildkey, filename_to_key, ruby_succ
from ncg.model.ordering import compare_parts
from ncg.pathnames import relative_filename, ruby_basename, ruby_dirname


@pytest.mark.parametrize(("parts", "key"), [
    (("!",), "!"), (("!", "a"), "!a"), (("!", "a", "b"), "!a!b"),
    (("!", "a", "b", "c"), "!a!b!c"), (("!a",), "!a"), (("!a", "b"), "!a!b"),
    (("!a", "b", "c"), "!a!b!c"), (("a",), "a"), (("a", "b"), "a!b"),
    (("a", "b", "c"), "a!b!c"), (("!a!b", "c", "d"), "!a!b!c!d"),
    (("a!b", "c", "d"), "a!b!c!d"),
    # nil parts: alone it is the node itself; in front it is skipped
    ((None,), "(.)"), ((None, "a"), "a"),
    # an empty first part still gets its "!": the key becomes absolute
    (("", "a"), "!a"),
])
def test_buildkey(parts: tuple[str | None, ...], key: str) -> None:
    assert buildkey(*parts) == key


def test_buildkey_with_nil_last_part_is_a_type_error() -> None:
    with pytest.raises(TypeError_, match="no implicit conversion of nil into String"):
        buildkey("a", None)


@pytest.mark.parametrize(("a", "b", "order"), [
    (None, None, 0), ("a", None, -1), (None, "a", 1),
    ("aa", "aa", 0), ("aa", "aaa", -1), ("aaa", "aa", 1),
    ("a", "a", 0), ("a", "b", -1), ("b", "a", 1),
    ("a.b", "a.b", 0), ("a.", "a.b", -1), ("a.b", "a.", 1), ("a.b", "a", 1), ("a.b", "b", -1),
    ("a1", "a1", 0), ("a2", "a02", 0), ("a2", "a10", -1),
    ("FastEthernet2", "FastEthernet10", -1), ("FastEthernet2", "FastEthernet10/1", -1),
    ("FastEthernet2", "FastEthernet2/1", -1),
])
def test_compare_parts(a: str | None, b: str | None, order: int) -> None:
    assert compare_parts(a, b) == order


@pytest.mark.parametrize(("filename", "key"), [
    ("a", "a"), ("a/b", "a!b"), ("a/b/c", "a!b!c"), ("/", "!"), ("/a", "!a"),
    ("/a/b", "!a!b"), ("/a/b/c", "!a!b!c"), ("a/b/./c", "a!b!(.)!c"),
    ("a/.b/./c", "a!.b!(.)!c"), ("a/./b/./c", "a!(.)!b!(.)!c"),
    ("a/../b/c", "a!(..)!b!c"), ("a/../b/./c", "a!(..)!b!(.)!c"),
])
def test_filename_to_key(filename: str, key: str) -> None:
    assert filename_to_key(filename) == key


@pytest.mark.parametrize(("base", "name", "result"), [
    ("a", "d", "./d"), ("/a", "d", "/d"), ("/a/b/c", "d", "/a/b/d"),
    ("/a/b/c", "d/e", "/a/b/d/e"), ("/a/b/c", "/d", "/d"), ("/a/b/c", "/d/e", "/d/e"),
    ("a/b/c", "d", "a/b/d"), ("a/b/c", "d/e", "a/b/d/e"), ("<STDIN>", "x", "./x"),
])
def test_relative_filename(base: str, name: str, result: str) -> None:
    assert relative_filename(base, name) == result


@pytest.mark.parametrize(("path", "dirname", "basename"), [
    # Ruby's File.dirname / File.basename, as Ruby 3.1 answers them
    ("//a", "/", "a"), ("a//b", "a", "b"), ("a/b/", "a", "b"), ("", ".", ""),
    ("/", "/", "/"), ("a/", ".", "a"), ("///a//b//", "/a", "b"), ("//", "/", "/"),
])
def test_ruby_file_names(path: str, dirname: str, basename: str) -> None:
    assert ruby_dirname(path) == dirname
    assert ruby_basename(path) == basename


def test_ruby_basename_keeps_a_name_that_is_only_the_suffix() -> None:
    assert ruby_basename("x.ncg", ".ncg") == "x"
    assert ruby_basename(".ncg", ".ncg") == ".ncg"


@pytest.mark.parametrize(("text", "successor"), [
    ("@000000001", "@000000002"), ("@000000009", "@000000010"),
    ("@999999999", "@1000000000"), ("@0000000a9", "@0000000b0"), ("@9z", "@10a"),
    # recorded from Ruby 3.1
    ("@999", "@1000"), ("@099", "@100"), ("@0", "@1"), ("@", "A"),
    ("@" + "9" * 5000, "@1" + "0" * 5000),
])
def test_ruby_succ(text: str, successor: str) -> None:
    assert ruby_succ(text) == successor
