# ruff: noqa: E501  (a table of cases, one per line)
"""File, Dir and FileTest class methods, against Ruby.

Expected values were recorded from real Ruby 3.1 (`ruby -e 'p(EXPR)'`), run
in a folder holding TREE, as each test here is (RUBY_PRELUDE builds it for
`python -m tests.runtime.check_recorded test_file`).
"""

import json
from pathlib import Path

import pytest

from .helpers import C, R, fn, outcome, s, sym  # noqa: F401

# The files the file-system cases look at; INSTALL is not ASCII, so that its
# size in characters, lines and bytes differ.
TREE = {
    "README": "A tree of files for the File and Dir tests.\n",
    "INSTALL": "caf\u00e9 na\u00efve\n" * 3,
    "dir/inner.txt": "",
    "test/test_10_node.rb": "",
    "test/test_25_ipaddr.rb": "",
    "test/test_90_regressions.rb": "",
    "test/helper.txt": "",
    "test/sub/test_99_deep.rb": "",
    "lib/netomata.rb": "",
    "lib/netomata/node.rb": "",
    "lib/netomata/ipaddr.rb": "",
    "lib/netomata/template/erb.rb": "",
    "lib/netomata/notes.txt": "",
    "lib/.hidden.rb": "",
}

RUBY_PRELUDE = (
    "require 'json'; require 'tmpdir'; require 'fileutils'\n"
    "Dir.chdir(Dir.mktmpdir)\n"
    f"JSON.parse({json.dumps(json.dumps(TREE))}).each do |path, text|\n"
    "  FileUtils.mkdir_p(File.dirname(path)); File.write(path, text)\n"
    "end\n"
)


def make_tree(folder: Path) -> None:
    for name, text in TREE.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


CASES = [
    ('File.basename("/a/b/")', lambda: s(C('File'), 'basename', '/a/b/'), '"b"'),
    ('File.dirname("/a/b/")', lambda: s(C('File'), 'dirname', '/a/b/'), '"/a"'),
    ('File.extname("/a/b/")', lambda: s(C('File'), 'extname', '/a/b/'), '""'),
    ('File.split("/a/b/")', lambda: s(C('File'), 'split', '/a/b/'), '["/a", "b"]'),
    ('File.basename("/")', lambda: s(C('File'), 'basename', '/'), '"/"'),
    ('File.dirname("/")', lambda: s(C('File'), 'dirname', '/'), '"/"'),
    ('File.extname("/")', lambda: s(C('File'), 'extname', '/'), '""'),
    ('File.split("/")', lambda: s(C('File'), 'split', '/'), '["/", "/"]'),
    ('File.basename("a.rb")', lambda: s(C('File'), 'basename', 'a.rb'), '"a.rb"'),
    ('File.dirname("a.rb")', lambda: s(C('File'), 'dirname', 'a.rb'), '"."'),
    ('File.extname("a.rb")', lambda: s(C('File'), 'extname', 'a.rb'), '".rb"'),
    ('File.split("a.rb")', lambda: s(C('File'), 'split', 'a.rb'), '[".", "a.rb"]'),
    ('File.basename("")', lambda: s(C('File'), 'basename', ''), '""'),
    ('File.dirname("")', lambda: s(C('File'), 'dirname', ''), '"."'),
    ('File.extname("")', lambda: s(C('File'), 'extname', ''), '""'),
    ('File.split("")', lambda: s(C('File'), 'split', ''), '[".", ""]'),
    ('File.basename("//")', lambda: s(C('File'), 'basename', '//'), '"/"'),
    ('File.dirname("//")', lambda: s(C('File'), 'dirname', '//'), '"/"'),
    ('File.extname("//")', lambda: s(C('File'), 'extname', '//'), '""'),
    ('File.split("//")', lambda: s(C('File'), 'split', '//'), '["/", "/"]'),
    ('File.basename("a/b.rb")', lambda: s(C('File'), 'basename', 'a/b.rb'), '"b.rb"'),
    ('File.dirname("a/b.rb")', lambda: s(C('File'), 'dirname', 'a/b.rb'), '"a"'),
    ('File.extname("a/b.rb")', lambda: s(C('File'), 'extname', 'a/b.rb'), '".rb"'),
    ('File.split("a/b.rb")', lambda: s(C('File'), 'split', 'a/b.rb'), '["a", "b.rb"]'),
    ('File.basename("a")', lambda: s(C('File'), 'basename', 'a'), '"a"'),
    ('File.dirname("a")', lambda: s(C('File'), 'dirname', 'a'), '"."'),
    ('File.extname("a")', lambda: s(C('File'), 'extname', 'a'), '""'),
    ('File.split("a")', lambda: s(C('File'), 'split', 'a'), '[".", "a"]'),
    ('File.basename("/a")', lambda: s(C('File'), 'basename', '/a'), '"a"'),
    ('File.dirname("/a")', lambda: s(C('File'), 'dirname', '/a'), '"/"'),
    ('File.extname("/a")', lambda: s(C('File'), 'extname', '/a'), '""'),
    ('File.split("/a")', lambda: s(C('File'), 'split', '/a'), '["/", "a"]'),
    ('File.basename("a/b/")', lambda: s(C('File'), 'basename', 'a/b/'), '"b"'),
    ('File.dirname("a/b/")', lambda: s(C('File'), 'dirname', 'a/b/'), '"a"'),
    ('File.extname("a/b/")', lambda: s(C('File'), 'extname', 'a/b/'), '""'),
    ('File.split("a/b/")', lambda: s(C('File'), 'split', 'a/b/'), '["a", "b"]'),
    ('File.basename("//a")', lambda: s(C('File'), 'basename', '//a'), '"a"'),
    ('File.dirname("//a")', lambda: s(C('File'), 'dirname', '//a'), '"/"'),
    ('File.extname("//a")', lambda: s(C('File'), 'extname', '//a'), '""'),
    ('File.split("//a")', lambda: s(C('File'), 'split', '//a'), '["/", "a"]'),
    ('File.basename("a//b")', lambda: s(C('File'), 'basename', 'a//b'), '"b"'),
    ('File.dirname("a//b")', lambda: s(C('File'), 'dirname', 'a//b'), '"a"'),
    ('File.extname("a//b")', lambda: s(C('File'), 'extname', 'a//b'), '""'),
    ('File.split("a//b")', lambda: s(C('File'), 'split', 'a//b'), '["a", "b"]'),
    ('File.basename("/a/b/c.d")', lambda: s(C('File'), 'basename', '/a/b/c.d'), '"c.d"'),
    ('File.dirname("/a/b/c.d")', lambda: s(C('File'), 'dirname', '/a/b/c.d'), '"/a/b"'),
    ('File.extname("/a/b/c.d")', lambda: s(C('File'), 'extname', '/a/b/c.d'), '".d"'),
    ('File.split("/a/b/c.d")', lambda: s(C('File'), 'split', '/a/b/c.d'), '["/a/b", "c.d"]'),
    ('File.basename(".bashrc")', lambda: s(C('File'), 'basename', '.bashrc'), '".bashrc"'),
    ('File.dirname(".bashrc")', lambda: s(C('File'), 'dirname', '.bashrc'), '"."'),
    ('File.extname(".bashrc")', lambda: s(C('File'), 'extname', '.bashrc'), '""'),
    ('File.split(".bashrc")', lambda: s(C('File'), 'split', '.bashrc'), '[".", ".bashrc"]'),
    ('File.basename("a.")', lambda: s(C('File'), 'basename', 'a.'), '"a."'),
    ('File.dirname("a.")', lambda: s(C('File'), 'dirname', 'a.'), '"."'),
    ('File.extname("a.")', lambda: s(C('File'), 'extname', 'a.'), '"."'),
    ('File.split("a.")', lambda: s(C('File'), 'split', 'a.'), '[".", "a."]'),
    ('File.basename("a.tar.gz")', lambda: s(C('File'), 'basename', 'a.tar.gz'), '"a.tar.gz"'),
    ('File.dirname("a.tar.gz")', lambda: s(C('File'), 'dirname', 'a.tar.gz'), '"."'),
    ('File.extname("a.tar.gz")', lambda: s(C('File'), 'extname', 'a.tar.gz'), '".gz"'),
    ('File.split("a.tar.gz")', lambda: s(C('File'), 'split', 'a.tar.gz'), '[".", "a.tar.gz"]'),
    ('File.basename("a/b.c/d")', lambda: s(C('File'), 'basename', 'a/b.c/d'), '"d"'),
    ('File.dirname("a/b.c/d")', lambda: s(C('File'), 'dirname', 'a/b.c/d'), '"a/b.c"'),
    ('File.extname("a/b.c/d")', lambda: s(C('File'), 'extname', 'a/b.c/d'), '""'),
    ('File.split("a/b.c/d")', lambda: s(C('File'), 'split', 'a/b.c/d'), '["a/b.c", "d"]'),
    ('File.basename(".a.rb")', lambda: s(C('File'), 'basename', '.a.rb'), '".a.rb"'),
    ('File.dirname(".a.rb")', lambda: s(C('File'), 'dirname', '.a.rb'), '"."'),
    ('File.extname(".a.rb")', lambda: s(C('File'), 'extname', '.a.rb'), '".rb"'),
    ('File.split(".a.rb")', lambda: s(C('File'), 'split', '.a.rb'), '[".", ".a.rb"]'),
    ('File.basename("..")', lambda: s(C('File'), 'basename', '..'), '".."'),
    ('File.dirname("..")', lambda: s(C('File'), 'dirname', '..'), '"."'),
    ('File.extname("..")', lambda: s(C('File'), 'extname', '..'), '""'),
    ('File.split("..")', lambda: s(C('File'), 'split', '..'), '[".", ".."]'),
    ('File.basename("a/..")', lambda: s(C('File'), 'basename', 'a/..'), '".."'),
    ('File.dirname("a/..")', lambda: s(C('File'), 'dirname', 'a/..'), '"a"'),
    ('File.extname("a/..")', lambda: s(C('File'), 'extname', 'a/..'), '""'),
    ('File.split("a/..")', lambda: s(C('File'), 'split', 'a/..'), '["a", ".."]'),
    ("File.basename('a.rb', '.rb')", lambda: s(C('File'), 'basename', 'a.rb', '.rb'), '"a"'),
    ("File.basename('a.rb', '.*')", lambda: s(C('File'), 'basename', 'a.rb', '.*'), '"a"'),
    ("File.basename('a.tar.gz', '.*')", lambda: s(C('File'), 'basename', 'a.tar.gz', '.*'), '"a.tar"'),
    ("File.basename('a/b.rb', 'b.rb')", lambda: s(C('File'), 'basename', 'a/b.rb', 'b.rb'), '"b.rb"'),
    ("File.basename('.bashrc', '.*')", lambda: s(C('File'), 'basename', '.bashrc', '.*'), '".bashrc"'),
    ("File.basename('a.rb', 'rb')", lambda: s(C('File'), 'basename', 'a.rb', 'rb'), '"a."'),
    ('File.basename(nil)', lambda: s(C('File'), 'basename', None), 'TypeError: no implicit conversion of nil into String'),
    ("File.join('a', 'b')", lambda: s(C('File'), 'join', 'a', 'b'), '"a/b"'),
    ("File.join('a/', '/b')", lambda: s(C('File'), 'join', 'a/', '/b'), '"a/b"'),
    ("File.join('a', ['b', 'c'])", lambda: s(C('File'), 'join', 'a', ['b', 'c']), '"a/b/c"'),
    ('File.join', lambda: s(C('File'), 'join'), '""'),
    ("File.join('', 'a')", lambda: s(C('File'), 'join', '', 'a'), '"/a"'),
    ("File.join('a', '')", lambda: s(C('File'), 'join', 'a', ''), '"a/"'),
    ("File.join('/', 'x')", lambda: s(C('File'), 'join', '/', 'x'), '"/x"'),
    ("File.join('a//', 'b')", lambda: s(C('File'), 'join', 'a//', 'b'), '"a//b"'),
    ("File.join('a', nil)", lambda: s(C('File'), 'join', 'a', None), 'TypeError: no implicit conversion of nil into String'),
    ("File.join('a', 1)", lambda: s(C('File'), 'join', 'a', 1), 'TypeError: no implicit conversion of Integer into String'),
    ("File.join('a/', '//b')", lambda: s(C('File'), 'join', 'a/', '//b'), '"a//b"'),
    ("File.expand_path('x', '/tmp')", lambda: s(C('File'), 'expand_path', 'x', '/tmp'), '"/tmp/x"'),
    ("File.expand_path('../x', '/tmp/y')", lambda: s(C('File'), 'expand_path', '../x', '/tmp/y'), '"/tmp/x"'),
    ("File.expand_path('/a/./b/../c')", lambda: s(C('File'), 'expand_path', '/a/./b/../c'), '"/a/c"'),
    # The file system: a tree the test creates (TREE), in the current directory.
    ("File.exist?('dir')", lambda: s(C('File'), 'exist?', 'dir'), 'true'),
    ("File.exist?('README')", lambda: s(C('File'), 'exist?', 'README'), 'true'),
    ("File.exists?('missing')", lambda: s(C('File'), 'exists?', 'missing'), 'false'),
    ("File.file?('dir')", lambda: s(C('File'), 'file?', 'dir'), 'false'),
    ("File.file?('README')", lambda: s(C('File'), 'file?', 'README'), 'true'),
    ("File.directory?('dir')", lambda: s(C('File'), 'directory?', 'dir'), 'true'),
    ("File.directory?('README')", lambda: s(C('File'), 'directory?', 'README'), 'false'),
    ("File.read('missing')", lambda: s(C('File'), 'read', 'missing'), 'Errno::ENOENT: No such file or directory @ rb_sysopen - missing'),
    ("File.read('dir')", lambda: s(C('File'), 'read', 'dir'), 'Errno::EISDIR: Is a directory @ io_fread - dir'),
    ("File.read('README')", lambda: s(C('File'), 'read', 'README'), '"A tree of files for the File and Dir tests.\\n"'),
    ("File.readable?('README')", lambda: s(C('File'), 'readable?', 'README'), 'true'),
    ("File.readable?('missing')", lambda: s(C('File'), 'readable?', 'missing'), 'false'),
    ("File.read('INSTALL').size", lambda: s(s(C('File'), 'read', 'INSTALL'), 'size'), '33'),
    ("File.readlines('INSTALL').size", lambda: s(s(C('File'), 'readlines', 'INSTALL'), 'size'), '3'),
    ("File.size('INSTALL')", lambda: s(C('File'), 'size', 'INSTALL'), '39'),
    ("Dir.glob('test/*.rb')", lambda: s(C('Dir'), 'glob', 'test/*.rb'), '["test/test_10_node.rb", "test/test_25_ipaddr.rb", "test/test_90_regressions.rb"]'),
    ("Dir.glob('lib/**/*.rb')", lambda: s(C('Dir'), 'glob', 'lib/**/*.rb'), '["lib/netomata/ipaddr.rb", "lib/netomata/node.rb", "lib/netomata/template/erb.rb", "lib/netomata.rb"]'),
    ("Dir.glob('lib/**/*.rb').size", lambda: s(s(C('Dir'), 'glob', 'lib/**/*.rb'), 'size'), '4'),
    ("Dir.glob('nowhere/*')", lambda: s(C('Dir'), 'glob', 'nowhere/*'), '[]'),
    ("Dir.exist?('dir')", lambda: s(C('Dir'), 'exist?', 'dir'), 'true'),
    ("Dir.exist?('README')", lambda: s(C('Dir'), 'exist?', 'README'), 'false'),
    ("FileTest.exist?('dir')", lambda: s(C('FileTest'), 'exist?', 'dir'), 'true'),
    ("FileTest.exist?('missing')", lambda: s(C('FileTest'), 'exist?', 'missing'), 'false'),
]


@pytest.mark.parametrize("ruby, python, expected", CASES, ids=[c[0] for c in CASES])
def test_matches_ruby(ruby, python, expected, tmp_path, monkeypatch):
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert outcome(python) == expected
