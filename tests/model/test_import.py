"""Reading .neto and .neto_table files; expected outputs recorded from NCG 0.10.3."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from ncg.errors import ArgumentError, RubyError, RuntimeError_
from ncg.model import Renderer, load
from ncg.model.node import Node

from .stubs import StubRenderer


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def dump(node: Node) -> str:
    out = io.StringIO()
    node.dump(out)
    return out.getvalue()


def failure(filenames: list[str], render: Renderer) -> RubyError:
    with pytest.raises(RubyError) as info:
        load(filenames, render)
    return info.value


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_continued_lines_report_their_first_line(in_tmp: Path, render: StubRenderer) -> None:
    write(in_tmp, {"m.neto": "a = 1 \\\n  2\nb {\n\\\nc = 3\nd = \\\n4\n}\n"
                             "x = \\\ny \\\n z\nq {\n"})
    # the lone "\" line leaves the count one behind for good, as in NCG
    assert dump(load(["m.neto"], render)) == (
        "# <root>:0\na = 1   2\nb {\n    # m.neto:3\n    c = 3\n    d = 4\n}\n"
        "x = y  z\nq {\n    # m.neto:12\n}\n")


def test_files_are_one_stream_even_for_continuations(in_tmp: Path, render: StubRenderer) -> None:
    write(in_tmp, {"g1.neto": "x = 1\\\n", "g2.neto": "y\nz = 2\nw {\n}\n"})
    assert dump(load(["g1.neto", "g2.neto"], render)) == (
        "# <root>:0\nx = 1y\nz = 2\nw {\n    # g2.neto:4\n}\n")
    write(in_tmp, {"g2.neto": "y\nz = 2\nw {\n}\nbad\n"})
    error = failure(["g1.neto", "g2.neto"], render)
    assert (error.message, error.trace) == ("Unrecognized line 'bad'", ["g2.neto:6"])


def test_blocks_assignments_grafts_and_deletes(in_tmp: Path, render: StubRenderer) -> None:
    write(in_tmp, {"m.neto": (
        "a!(+) = 1\na!(+) = 2\na!(+) = 3\na!@000000003 = -\na!(+) = 4\n"
        "b!(+)!x = 1\nb!(<)!y = 2  # comment\n"
        "c {\n  k = [x]\n}\nd!(+) < c {\n  z = 1\n}\ne < d!(>) {\n}\n")})
    assert dump(load(["m.neto"], render)) == (
        "# <root>:0\na {\n    # m.neto:1\n    @000000001 = 1\n    @000000002 = 2\n"
        "    @000000003 = 4\n}\nb {\n    # m.neto:6\n    @000000001 {\n"
        "        # m.neto:6\n        x = 1\n        y = 2\n    }\n}\n"
        "c {\n    # m.neto:8\n    k = [x]\n}\nd {\n    # m.neto:11\n    @000000001 {\n"
        "        # m.neto:11\n        k = [x]\n        z = 1\n    }\n}\n"
        "e {\n    # m.neto:14\n    k = [x]\n    z = 1\n}\n")


def test_graft_copies_carry_both_sources(in_tmp: Path, render: StubRenderer) -> None:
    write(in_tmp, {"m.neto": "src {\n  sub {\n    v = 1\n  }\n}\ncopy < src {\n}\n"})
    net = load(["m.neto"], render)
    assert net.get("copy").source == "m.neto:6"
    assert net.get("copy!sub").source == "m.neto:6 < m.neto:2"


@pytest.mark.parametrize(("text", "message", "where"), [
    ("}\n", "Unmatched '}'", "m.neto:1"),
    ("a = 1\njunk\n", "Unrecognized line 'junk'", "m.neto:2"),
    ("a {\n  include nope*.neto\n}\n", "No file(s) found matching './nope*.neto'", "m.neto:2"),
    ("x = 1\na < nothing {\n", "Unknown key nothing", "m.neto:2"),
])
def test_neto_errors(in_tmp: Path, render: StubRenderer, text: str, message: str,
                     where: str) -> None:
    write(in_tmp, {"m.neto": text})
    error = failure(["m.neto"], render)
    assert (type(error), error.message, error.trace) == (RuntimeError_, message, [where])


def test_missing_command_line_file(render: StubRenderer) -> None:
    error = failure(["absent.neto", "gone*.neto"], render)
    assert error.message == "No file(s) found matching 'absent.neto gone*.neto'"
    assert error.trace == []


def test_include_globs_are_sorted_and_relative(in_tmp: Path, render: StubRenderer) -> None:
    write(in_tmp, {"m.neto": "d {\n  include parts/*.neto\n}\n",
                   "parts/b.neto": "from = [%= @target[\"{FILENAME}\"] %]\n",
                   "parts/a.neto": "first = a\n", "parts/.hidden.neto": "hidden = 1\n",
                   "parts/c.neto/x": ""})
    assert load(["m.neto"], render).keys_r() == ["!d", "!d!first", "!d!from"]


def test_errors_name_every_file_being_read(in_tmp: Path, render: StubRenderer) -> None:
    write(in_tmp, {"file.neto": "loc = top\n\n\n\n\na {\n  include a/file.neto\n}\n",
                   "a/file.neto": "x = 1\nb {\n  include b/file.neto\n}\n",
                   "a/b/file.neto": "fail = [%= raise \"error in a/b\" %]\n"})
    error = failure(["file.neto"], render)
    assert error.message == "error in a/b"
    assert error.trace == ["./a/b/file.neto:1", "./a/file.neto:3", "file.neto:7"]


def test_metadata_while_reading(in_tmp: Path, render: StubRenderer) -> None:
    line = ('f = [%= @target["{FILENAME}"] %]\nb = [%= @target["{BASENAME}"] %]\n'
            'd = [%= @target["{DIRNAME}"] %]\n')
    write(in_tmp, {"top.neto": line + "sub {\n  include s/in.neto\n}\n", "s/in.neto": line})
    net = load(["top.neto"], render)
    assert [net.get(k) for k in ("f", "b", "d")] == ["top.neto", "top.neto", "."]
    assert [net.get("sub!" + k) for k in ("f", "b", "d")] == ["./s/in.neto", "in.neto", "./s"]


def test_template_lines(in_tmp: Path, render: StubRenderer) -> None:
    write(in_tmp, {"m.neto": (
        "deep {\n  here = [%= @target.key %]   # comment\n}\n"
        "hash = [%= \"Ext#123\" %]\n"
        "plain = x # [%= not a tag because the comment goes first\n"
        "[%= \"made\" %] = by a template\n")})
    net = load(["m.neto"], render)
    assert net.get("deep!here") == "!deep"
    assert net.get("hash") == "Ext#123"
    assert net.get("plain") == "x"
    assert net.get("made") == "by a template"
    assert render.calls[0] == ('here = <%= @target.key %>', "m.neto", 2)


def test_stdin(in_tmp: Path, monkeypatch: pytest.MonkeyPatch, render: StubRenderer) -> None:
    write(in_tmp, {"side.neto": "s = 1\n"})
    stdin = io.TextIOWrapper(io.BytesIO(b"v = 1\nb {\n  include side.neto\n}\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr("ncg.model.source._stdin", None)
    net = load(["-"], render)
    assert dump(net) == "# <root>:0\nv = 1\nb {\n    # <STDIN>:2\n    s = 1\n}\n"


def test_verbose_progress(in_tmp: Path, capsys: pytest.CaptureFixture[str],
                          render: StubRenderer) -> None:
    write(in_tmp, {"vv.neto": "x = 1\ninclude t.neto\n", "t.neto": "table t.neto_table\n",
                   "t.neto_table": "% a\n"})
    load(["vv.neto"], render, verbose=True)
    assert capsys.readouterr().err == (
        "Reading file(s) vv.neto\n| Reading file(s) ./t.neto\n"
        "| | Reading table(s) ./t.neto_table\n")


def test_table_actions(in_tmp: Path, render: StubRenderer) -> None:
    write(in_tmp, {"m.neto": "base {\n  table t.neto_table\n}\n", "t.neto_table": (
        "# a comment\n% a\tb\n+ r!(+)\n@ r!(>)!v = %{a}-%{b}   # comment\n"
        "1\t\t2\n@ r!(>)!w = x\n3\t4\n\n@ r!(a=1)!v = -\n5\t6\n"
        "+ copy < (..)!r!(>)\n7\t8\n")})
    assert dump(load(["m.neto"], render).get("base")) == (
        "# m.neto:1\nr {\n    # ./t.neto_table:5\n    @000000001 {\n"
        "        # ./t.neto_table:5\n        v = 1-2\n    }\n    @000000002 {\n"
        "        # ./t.neto_table:7\n        v = 3-4\n        w = x\n    }\n"
        "    @000000003 {\n        # ./t.neto_table:10\n        v = 5-6\n        w = x\n    }\n"
        "    @000000004 {\n        # ./t.neto_table:12\n        v = 7-8\n        w = x\n    }\n}\n"
        "copy {\n    # ./t.neto_table:12\n    v = 7-8\n    w = x\n}\n")


@pytest.mark.parametrize(("table", "message", "line"), [
    ("% a\tb\n+ r!(+)\n@ r!(>)!v = %{a}\n1\t2\n@ r!(>)!w = %{c}\n3\t4\n",
     "Unknown column name 'c'", 6),
    ("1\t2\n% a\n", "Wrong number of fields in line; expected 0, got 2", 1),
    ("% a\ta\n", "Fields must be uniquely named", 1),
    ("+ a b\n", "Malformed '+' line", 1),
    ("@a = 1\n", "Malformed '@' line", 1),
    ("<\n", "Malformed '<' line", 1),
    ("% a\n+ x\n\n+ y < nothing\n1\n", "Unknown key nothing", 5),
])
def test_table_errors(in_tmp: Path, render: StubRenderer, table: str, message: str,
                      line: int) -> None:
    write(in_tmp, {"m.neto": "\ntable t.neto_table\n", "t.neto_table": table})
    error = failure(["m.neto"], render)
    assert (type(error), error.message) == (RuntimeError_, message)
    assert error.trace == [f"./t.neto_table:{line}", "m.neto:2"]


def test_table_reads_neto_files_per_row(in_tmp: Path, render: StubRenderer) -> None:
    write(in_tmp, {"m.neto": "table t.neto_table\n", "t.neto_table": (
        "% name\n+ s!(+)\n@ s!(>)!name = %{name}\n< s!(name=%{name}) per/%{name}.neto\n"
        "@ s!(name=%{name})!tag = [%= \"t-%{name}\" %]\nweb\ndb\n"),
        "per/web.neto": "role = front\n", "per/db.neto": "role = back\n"})
    net = load(["m.neto"], render)
    assert [net.get(f"s!(name={n})!role") for n in ("web", "db")] == ["front", "back"]
    assert net.get("s!(name=db)!tag") == "t-db"
    assert render.calls == [('<%= "t-web" %>', "./t.neto_table", 6),
                        ('<%= "t-db" %>', "./t.neto_table", 7)]


def test_a_string_is_named_as_ruby_inspects_it(in_tmp: Path, render: StubRenderer) -> None:
    # recorded from NCG 0.10.3 on Ruby 3.1: "\u0001" and "\u007F", not "\x01" and "\x7F"
    write(in_tmp, {"m.neto": "table t.neto_table\n", "f.neto": "y = 1\n",
                   "t.neto_table": '% k\n@ x = %{k}\n< x f.neto\n\x01\x1b\u00e9\x7f\u200b"\\ \t\n'})
    error = failure(["m.neto"], render)
    assert error.message == ("undefined method `import_file' for "
                             '"\\u0001\\e\u00e9\\u007F\u200b\\"\\\\ ":String')


def test_template_dir(in_tmp: Path, render: StubRenderer) -> None:
    for name in ("tpl/a.ncg", "tpl/b.ncg.bak", "tpl/.c.ncg", "tpl/sub/d.ncg", "tpl/e.txt",
                 "tpl/.hid/f.ncg", "tpl/Z.ncg"):
        write(in_tmp, {name: ""})
    write(in_tmp, {"td.neto": "t {\n  template_dir tpl\n}\n"
                              "one {\n  template ./tpl/./sub/d.ncg\n}\n"})
    assert dump(load(["td.neto"], render)) == (
        "# <root>:0\nt {\n    # td.neto:1\n    Z {\n        # td.neto:2\n        name = Z\n"
        "        ncg_template = tpl/Z.ncg\n    }\n    a {\n        # td.neto:2\n"
        "        name = a\n        ncg_template = tpl/a.ncg\n    }\n    b {\n"
        "        # td.neto:2\n        name = b.ncg.bak\n        ncg_template = tpl/b.ncg.bak\n"
        "    }\n    sub {\n        # td.neto:2\n        d {\n            # td.neto:2\n"
        "            name = d\n            ncg_template = tpl/sub/d.ncg\n        }\n    }\n}\n"
        "one {\n    # td.neto:4\n    name = d\n    ncg_template = tpl/sub/d.ncg\n}\n")


@pytest.mark.parametrize(("line", "message"), [
    ("template nothing.ncg", "arg must be a valid filename"),
    ("template_dir nowhere", "template_dir arg must be a directory name"),
])
def test_template_errors(in_tmp: Path, line: str, message: str, render: StubRenderer) -> None:
    write(in_tmp, {"m.neto": line + "\n"})
    error = failure(["m.neto"], render)
    assert (type(error), error.message, error.trace) == (ArgumentError, message, ["m.neto:1"])


def test_invalid_utf8_is_an_argument_error(in_tmp: Path, render: StubRenderer) -> None:
    (in_tmp / "m.neto").write_bytes(b"ok = 1\na = \xff\n")
    error = failure(["m.neto"], render)
    assert (type(error), error.message, error.trace) == (
        ArgumentError, "invalid byte sequence in UTF-8", ["m.neto:2"])


def test_metadata_like_keys_fail_when_the_import_ends(in_tmp: Path, render: StubRenderer) -> None:
    write(in_tmp, {"m.neto": "c {\n  {X} = 1\n}\n"})
    error = failure(["m.neto"], render)
    assert (type(error), error.message) == (ArgumentError, "Unknown metadata request '{X}'")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(in_tmp: Path, render: StubRenderer) -> None:
    write(in_tmp, {"m.neto": "include locked.neto\n", "locked.neto": ""})
    (in_tmp / "locked.neto").chmod(0)
    error = failure(["m.neto"], render)
    assert type(error).ruby_name == "Errno::EACCES"


@pytest.mark.parametrize(("pattern", "files"), [
    # what Ruby 3.1's Dir.glob, filtered to files and sorted, gives NCG
    ("*.neto", ["sp ace.neto", "top.neto"]),
    ("{b,a}/*.neto", ["a/x.neto", "a/y.neto", "b/x.neto"]),
    ("**/*.neto", ["a/x.neto", "a/y.neto", "b/x.neto", "c/d/z.neto", "sp ace.neto", "top.neto"]),
    (".*.neto", [".dot.neto"]), ("a/.*", ["a/.hid.neto"]), ("a/[^x].neto", ["a/y.neto"]),
    ("a/?.neto", ["a/x.neto", "a/y.neto"]), ("./a/*.neto", ["./a/x.neto", "./a/y.neto"]),
    ("a//x.neto", ["a//x.neto"]), ("a/x.neto/", []), ("*/", []), ("a\\*", []),
])
def test_glob_patterns(in_tmp: Path, pattern: str, files: list[str]) -> None:
    from ncg.model.globbing import expand_pattern

    for name in ("a/x.neto", "a/y.neto", "b/x.neto", ".h/x.neto", "c/d/z.neto", "top.neto",
                 ".dot.neto", "sp ace.neto", "a/.hid.neto"):
        write(in_tmp, {name: ""})
    assert expand_pattern(pattern) == files
