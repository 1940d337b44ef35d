"""Ruby's File.dirname and File.basename: one implementation (ncg.pathnames),
used by the model and by the runtime's `File`. Expected values recorded with

    ruby -e 'p [File.dirname(x), File.basename(x), File.basename(x, ".*"), File.basename(x, ".gz")]'

(Ruby 3.1).
"""

from __future__ import annotations

import pytest

import ncg.ruby.runtime as rb
from ncg.pathnames import ruby_basename, ruby_dirname

RECORDED = [
    ("//a/b", "/a", "b", "b", "b"),
    ("///a//b//", "/a", "b", "b", "b"),
    ("a//b/", "a", "b", "b", "b"),
    ("", ".", "", "", ""),
    ("/", "/", "/", "/", "/"),
    ("x/..", "x", "..", "..", ".."),
    ("..", ".", "..", "..", ".."),
    ("...", ".", "...", "...", "..."),
    ("a..", ".", "a..", "a.", "a.."),
    (".a.", ".", ".a.", ".a", ".a."),
    ("..a.b", ".", "..a.b", "..a", "..a.b"),
    ("a.b/", ".", "a.b", "a", "a.b"),
    (".bashrc", ".", ".bashrc", ".bashrc", ".bashrc"),
    ("dir/f.tar.gz", "dir", "f.tar.gz", "f.tar", "f.tar"),
]


@pytest.mark.parametrize(("path", "dirname", "basename", "stem", "without_gz"), RECORDED)
def test_pathnames(path: str, dirname: str, basename: str, stem: str, without_gz: str) -> None:
    assert [ruby_dirname(path), ruby_basename(path), ruby_basename(path, ".*"),
            ruby_basename(path, ".gz")] == [dirname, basename, stem, without_gz]


@pytest.mark.parametrize(("path", "dirname", "basename", "stem", "without_gz"), RECORDED)
def test_ruby_file_class(path: str, dirname: str, basename: str, stem: str,
                         without_gz: str) -> None:
    file = rb.const("File")
    assert [rb.send(file, "dirname", path), rb.send(file, "basename", path),
            rb.send(file, "basename", path, ".*"), rb.send(file, "basename", path, ".gz")
            ] == [dirname, basename, stem, without_gz]
