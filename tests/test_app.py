"""Whole runs in one process: runs that share nothing, recursion as deep as
the original's, and ncg's own bugs reported as one ERROR line.

Expected outputs were printed by the original NCG 0.10.3 (`ncg-orig`) on
the same files.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from ncg import app, cli
from ncg.errors import RubyError
from ncg.ruby.runtime import core
from ncg.settings import Settings
from ncg.template.cache import TemplateCache

NODE = "host {{\n    name = {name}\n    ncg_template = t.ncg\n    ncg_output = {output}\n{more}}}\n"


def write_tree(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(folder: Path, options: app.Options, monkeypatch: pytest.MonkeyPatch) -> str:
    """`app.run` as the command line runs it, from `folder`; returns its stdout."""
    monkeypatch.chdir(folder)
    out = io.StringIO()
    app.run_deep(lambda: app.run(options, out, TemplateCache(folder / ".cache")))
    return out.getvalue()


def test_two_models_one_after_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Same file names, other contents and settings: the second run sees
    nothing of the first (templates, `$1`, -v)."""
    first = write_tree(tmp_path / "a", {
        "net.neto": NODE.format(name="alpha", output="out/alpha.cfg",
                                more='    addr = [%= "10.0.0." + (1 + 1).to_s %]\n'),
        "t.ncg": 'hostname <%= @target["name"] %>\n'
                 '<% if @target["addr"] =~ /\\.(\\d+)$/ %>last octet <%= $1 %><% end %>\n',
    })
    second = write_tree(tmp_path / "b", {
        "net.neto": NODE.format(name="beta", output="out/beta.cfg", more=""),
        "t.ncg": '<%= apply_by_filename("inner.ncg", {"@x" => @target["name"]}) %>\n'
                 "last: <%= $1.inspect %>\n",
        "inner.ncg": "inner <%= @x.upcase %>\n",
    })
    run(first, app.Options(["net.neto"], Settings(verbose=True)), monkeypatch)
    assert capsys.readouterr().err == (
        "Reading file(s) net.neto\nGenerating out/alpha.cfg for !host\n")
    run(second, app.Options(["net.neto"]), monkeypatch)
    assert capsys.readouterr().err == ""
    assert (first / "out/alpha.cfg").read_text(encoding="utf-8") == "hostname alpha\nlast octet 2"
    assert (second / "out/beta.cfg").read_text(encoding="utf-8") == "inner BETA\nlast: nil"


# -- recursion as deep as the original's --------------------------------------------


def test_deep_ruby_recursion_and_deep_template_calls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_tree(tmp_path, {
        "net.neto": NODE.format(name="x", output="out.txt", more=""),
        "t.ncg": "<% def f(n); n == 0 ? 0 : 1 + f(n - 1); end -%>\n"
                 "def: <%= f(5000) %>\n"
                 'apply: <%= apply_by_filename("r.ncg", {"@n" => 1000}) %>\n',
        "r.ncg": '<% if @n > 0 %><%= apply_by_filename("r.ncg", {"@n" => @n - 1}) %>'
                 "<% else %>bottom<% end %>\n",
    })
    run(folder, app.Options(["net.neto"]), monkeypatch)
    assert (folder / "out.txt").read_text(encoding="utf-8") == "def: 5000\napply: bottom"


def test_include_chain_400_files_deep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {f"f{i}.neto": f"k{i} = v{i}\ninclude f{i + 1}.neto\n" for i in range(399)}
    files["f399.neto"] = "k399 = bottom\n"
    folder = write_tree(tmp_path, files)
    keys = run(folder, app.Options(["f0.neto"], keys=True), monkeypatch)
    assert keys == "".join(f"!k{i}\n" for i in range(400))


@pytest.mark.parametrize("template", [
    "<% def f(n); f(n + 1); end %>\n<%= f(0) %>\n",
    "<% def f(n); [n].each { |x| f(x + 1) }; end %>\n<%= f(0) %>\n",
])
def test_endless_recursion_is_ruby_stack_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    folder = write_tree(tmp_path, {"net.neto": NODE.format(name="x", output="o", more=""),
                                   "t.ncg": template})
    with pytest.raises(RubyError) as caught:
        run(folder, app.Options(["net.neto"]), monkeypatch)
    error = caught.value
    assert (error.ruby_name, error.message, error.trace[0]) == (
        "SystemStackError", "stack level too deep", "t.ncg:1")


def test_endless_template_recursion_is_ruby_stack_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_tree(tmp_path, {"net.neto": NODE.format(name="x", output="o", more=""),
                                   "t.ncg": 'x\n<%= apply_by_filename("t.ncg") %>\n'})
    with pytest.raises(RubyError) as caught:
        run(folder, app.Options(["net.neto"]), monkeypatch)
    assert (caught.value.ruby_name, caught.value.trace[0]) == ("SystemStackError", "t.ncg:2")


def test_run_deep_hands_back_result_and_errors() -> None:
    assert app.run_deep(lambda: 42) == 42
    with pytest.raises(KeyError):
        app.run_deep(lambda: {}["x"])
    limit = sys.getrecursionlimit()
    app.run_deep(lambda: None)
    assert sys.getrecursionlimit() == limit


# -- ncg's bugs on the command line ------------------------------------------------


@pytest.fixture
def bug_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A model whose template calls String#upcase, broken by a bug."""

    def upcase(text: str) -> str:
        return text.no_such_attribute  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setitem(core.METHODS[str], "upcase", upcase)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = write_tree(tmp_path / "m", {
        "net.neto": NODE.format(name="x", output="o.txt", more=""),
        "t.ncg": 'ok\n<%= ("a".upcase rescue "swallowed") %>\n',
    })
    monkeypatch.chdir(folder)
    return folder


def command(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["ncg", *args])
    with pytest.raises(SystemExit) as caught:
        cli.main()
    return int(caught.value.code or 0)


def test_a_bug_is_one_error_line_at_the_template_line(
    bug_tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert command(monkeypatch, "net.neto") == 1
    assert capsys.readouterr().err == (
        "ERROR(InternalError): internal error of ncg (run with -D to see it)\n"
        "\tat t.ncg:2\n")
    assert not (bug_tree / "o.txt").exists()


def test_a_bug_under_debug_shows_the_traceback_at_template_lines(
    bug_tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert command(monkeypatch, "-D", "net.neto") == 1
    err = capsys.readouterr().err
    assert err.startswith("ERROR(InternalError): internal error of ncg (run with -D to see it)")
    assert '  File "t.ncg", line 2, in <template>\n' in err
    assert "AttributeError: 'str' object has no attribute 'no_such_attribute'" in err


def test_a_bug_outside_templates_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ncg.model.node import Node

    def keys_r(node: Node) -> list[str]:
        raise AttributeError("a bug")

    monkeypatch.setattr(Node, "keys_r", keys_r)
    write_tree(tmp_path, {"net.neto": "a = 1\n"})
    monkeypatch.chdir(tmp_path)
    assert command(monkeypatch, "-k", "net.neto") == 1
    assert capsys.readouterr().err == (
        "ERROR(InternalError): internal error of ncg (run with -D to see it)\n")
