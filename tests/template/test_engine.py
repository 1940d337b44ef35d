"""The engine: error locations (innermost template line, then its callers),
caching, chomping, `[% %]` snippets, `-E` error dumps, environments that
share nothing, ncg's own bugs, and -D tracebacks that name template lines."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from ncg import app
from ncg.errors import CompileError, InternalError, NoMethodError, RubyError
from ncg.model.node import Node
from ncg.ruby.runtime import core
from ncg.settings import Settings
from ncg.template import engine
from ncg.template.cache import TemplateCache
from ncg.template.engine import Environment


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def failure(env: Environment, filename: str, ivars: dict | None = None,
            kind: type[Exception] = RubyError) -> RubyError:
    with pytest.raises(kind) as caught:
        env.apply_by_filename(filename, ivars)
    return caught.value


def test_error_names_template_line_after_midline_control(env: Environment, tmp_path: Path) -> None:
    name = write(tmp_path, "t.ncg", "a\nx <% if true %>b<% end %> y\n"
                 "<% [1].each do |i| %>\n<%= i %> <%= nil.upcase %>\n<% end %>\n")
    error = failure(env, name)
    assert isinstance(error, NoMethodError)
    assert error.message == "undefined method `upcase' for nil:NilClass"
    assert error.trace == [f"{name}:4"]


def test_error_in_nested_template_lists_callers(env: Environment, tmp_path: Path) -> None:
    inner = write(tmp_path, "inner.ncg", "ok\n\n<%= @x.fetch(1) %>\n")
    outer = write(tmp_path, "outer.ncg",
                  f'one\n<%= apply_by_filename("{inner}", {{ "@x" => 5 }}) %>\n')
    assert failure(env, outer).trace == [f"{inner}:3", f"{outer}:2"]


def test_a_template_calling_itself_is_blamed_at_each_call(
    env: Environment, tmp_path: Path
) -> None:
    name = str(tmp_path / "self.ncg")
    write(tmp_path, "self.ncg", "<% if @n == 0 %>\n<%= nil.upcase %>\n<% else %>\n"
          f'<%= apply_by_filename("{name}", {{ "@n" => @n - 1 }}) %>\n<% end %>\n')
    assert failure(env, name, {"@n": 2}).trace == [f"{name}:2", f"{name}:4", f"{name}:4"]


def test_ruby_raise_keeps_its_class_and_line(env: Environment, tmp_path: Path) -> None:
    name = write(tmp_path, "r.ncg", "<%\n  x = 1\n  raise ArgumentError, 'bad ' + x.to_s\n%>")
    error = failure(env, name)
    assert (error.ruby_name, error.message, error.trace) == (
        "ArgumentError", "bad 1", [f"{name}:3"])


def test_unsupported_ruby_fails_at_compile_time_with_position(
    env: Environment, tmp_path: Path
) -> None:
    name = write(tmp_path, "u.ncg", "text\n<% begin; x; rescue; retry; end %>\n")
    error = failure(env, name, kind=CompileError)
    assert f"{name}:2:" in error.message and "retry" in error.message
    assert error.trace == [f"{name}:2"]


def test_output_loses_one_final_newline(env: Environment, tmp_path: Path) -> None:
    assert env.apply_by_filename(write(tmp_path, "n.ncg", "a\n\n")) == "a\n"
    assert env.apply_by_filename(write(tmp_path, "m.ncg", "a")) == "a"


def test_a_template_compiles_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cache").mkdir()
    cache = TemplateCache(tmp_path / "cache")
    text = f"<%= @v %> {tmp_path.name}\n"  # compiled by no other test
    first = Environment(file_cache=cache).compile(text, "same.ncg")
    assert Environment().compile(text, "same.ncg") is not first
    assert len(list((tmp_path / "cache").glob("*.mako"))) == 1

    def no_compiler(*args: object) -> str:
        raise AssertionError("compiled again")

    monkeypatch.setattr(engine, "compile_template", no_compiler)
    again = Environment(file_cache=TemplateCache(tmp_path / "cache"))  # a later run: from disk
    compiled = again.compile(text, "same.ncg")
    assert again.compile(text, "same.ncg") is compiled
    assert again.render(compiled, {"@v": 7}) == f"7 {tmp_path.name}\n"


def test_a_template_file_is_read_once(env: Environment, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Applied 3 times, read (and even stat'ed) once: nothing changed a file."""
    name = write(tmp_path, "c.ncg", "<%= @n %>")
    reads: list[str] = []
    real_text = env.template_text
    monkeypatch.setattr(env, "template_text", lambda f: reads.append(f) or real_text(f))
    assert [env.apply_by_filename(name, {"@n": n}) for n in range(3)] == ["0", "1", "2"]
    assert reads == [name]


CHANGING_TEMPLATES = {
    "net.neto": "a {\n    ncg_template = main.ncg\n    ncg_output = out/a.cfg\n}\n"
                "b {\n    ncg_template = gen.ncg\n    ncg_output = t2.ncg\n}\n"
                "c {\n    ncg_template = t2.ncg\n    ncg_output = out/c.cfg\n}\n",
    "t.ncg": "one\n",
    "t2.ncg": "old t2\n",
    "gen.ncg": "new t2 <%= @target_key %>\n",
    "main.ncg": """<%= apply_by_filename("t.ncg") %>
<% File.open("t.ncg", "w") { |f| f.write "two\\n" } -%>
<%= apply_by_filename("t.ncg") %>
<% f = File.open("t.ncg", "w"); f.write "three\\n"; f.flush -%>
<%= apply_by_filename("t.ncg") %>
<% f.write "four\\n"; f.close -%>
<%= apply_by_filename("t.ncg") %>
<% File.write("t.ncg", "five\\n") -%>
<%= apply_by_filename("t.ncg") %>
<% FileUtils.rm("t.ncg") rescue nil; File.rename("t2.ncg", "t.ncg") -%>
<%= apply_by_filename("t.ncg") %>
<% File.rename("t.ncg", "t2.ncg") -%>
""",
}


def test_a_template_file_the_run_changes_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Templates rewrite a template (File.open/write/flush/close/rename…),
    and a config is written over a template applied later: each apply sees
    the file as it is then. Expected: the original's outputs on this tree."""
    for name, text in CHANGING_TEMPLATES.items():
        write(tmp_path, name, text)
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    app.run(app.Options(["net.neto"]), file_cache=TemplateCache())
    assert (tmp_path / "out/a.cfg").read_text() == (
        "one\ntwo\nthree\nthree\nfour\nfive\nold t2")
    assert (tmp_path / "t2.ncg").read_text() == "new t2 !b"
    assert (tmp_path / "out/c.cfg").read_text() == "new t2 !b"


def test_snippet_reports_the_model_line(env: Environment) -> None:
    target = Node()
    target.set("a", "1")
    assert env.render_snippet('<%= @target["a"] + "2" %>', "m.neto", 7, target) == "12"
    with pytest.raises(RubyError) as caught:
        env.render_snippet('<%= @target["a"] + 1 %>', "m.neto", 7, target)
    assert (caught.value.ruby_name, caught.value.trace) == ("TypeError", ["m.neto:7"])


def test_error_dump_writes_error_and_context(tmp_path: Path) -> None:
    name = write(tmp_path, "e.ncg", "<%= @n.nope %>\n")
    base = str(tmp_path / "dump")
    failure(app.environment(Settings(error_dump=base), "ncg"), name, {"@n": 3, "@s": "x"})
    text = Path(base + ".0").read_text(encoding="utf-8")
    assert text.startswith("ERROR(NoMethodError): undefined method `nope' for 3:Integer\n")
    assert text.endswith(f"{name}:1\n-------\nCONTEXT\n-------\n@n = 3\n@s = \"x\"\n")


# -- environments share nothing --------------------------------------------------


def test_helpers_belong_to_their_environment(tmp_path: Path) -> None:
    name = write(tmp_path, "h.ncg", "<%= shout('hi') %> <%= defined?(shout) %>")
    loud, bare = Environment(), Environment()
    loud.register_helper("shout", lambda text: text.upper() + "!")
    assert loud.apply_by_filename(name) == "HI! method"
    error = failure(bare, name)
    assert error.message.startswith("undefined method `shout' for #<Netomata::Template::Context")


def test_last_match_is_per_thread(env: Environment, tmp_path: Path) -> None:
    """`$~`, `$1`… of renders on 4 threads at once never mix."""
    # a loop between the match and `$1` gives other threads time to match too
    name = write(tmp_path, "m.ncg",
                 '<% out = [] %><% 500.times do |i| %>'
                 '<% "#{@tag}-#{i}" =~ /(\\w+)-(\\d+)/ %><% (1..20).each { |j| j * 2 } %>'
                 '<% out << "#{$1}#{$2}" %><% end %><%= out.join(",") %>')
    tags = "abcd"
    start = threading.Barrier(len(tags))
    results: dict[str, str] = {}

    def render(tag: str) -> None:
        start.wait()
        results[tag] = env.apply_by_filename(name, {"@tag": tag})

    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as Python allows
    try:
        threads = [threading.Thread(target=render, args=(tag,)) for tag in tags]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(old_interval)
    assert results == {tag: ",".join(f"{tag}{i}" for i in range(500)) for tag in tags}


# -- ncg's own bugs ----------------------------------------------------------------


@pytest.fixture
def broken_upcase(monkeypatch: pytest.MonkeyPatch) -> None:
    """String#upcase with a bug: it raises a Python error the runtime never means."""

    def upcase(text: str) -> str:
        return text.no_such_attribute  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setitem(core.METHODS[str], "upcase", upcase)


@pytest.mark.usefixtures("broken_upcase")
@pytest.mark.parametrize("ruby", [
    '<% x = begin; "a".upcase; rescue; "rescued"; end %><%= x %>',
    '<% x = begin; "a".upcase; rescue Exception => e; "rescued"; end %><%= x %>',
    '<%= ("a".upcase rescue "swallowed") %>',
    '<% [1].each { |i| begin; "a".upcase; rescue StandardError; end } %>',
])
def test_a_bug_in_ncg_passes_every_rescue(env: Environment, tmp_path: Path, ruby: str) -> None:
    name = write(tmp_path, "bug.ncg", f"fine\n{ruby}\n")
    error = failure(env, name, kind=InternalError)
    assert error.trace == [f"{name}:2"]
    assert isinstance(error.__cause__, AttributeError)


@pytest.mark.usefixtures("broken_upcase")
def test_a_bug_in_a_nested_template_is_located_at_each_level(
    env: Environment, tmp_path: Path
) -> None:
    inner = write(tmp_path, "inner.ncg", '\n<%= "x".upcase %>\n')
    outer = write(tmp_path, "outer.ncg",
                  f'<% begin %><%= apply_by_filename("{inner}") %><% rescue %>no<% end %>\n')
    assert failure(env, outer, kind=InternalError).trace == [f"{inner}:2", f"{outer}:1"]


def test_ruby_errors_from_python_operators_are_still_rescued(
    env: Environment, tmp_path: Path
) -> None:
    name = write(tmp_path, "z.ncg", "<%= begin; 1 / 0; rescue ZeroDivisionError => e; "
                 "e.message; end %>")
    assert env.apply_by_filename(name) == "divided by 0"


def test_a_break_no_method_takes_is_a_local_jump_error(env: Environment, tmp_path: Path) -> None:
    """As the original reports it (ncg-orig: `ERROR(LocalJumpError): break from
    proc-closure`, at t.ncg:2)."""
    name = write(tmp_path, "t.ncg", "x\n<%= proc { break 5 }.call %>\n")
    error = failure(env, name)
    assert (error.ruby_name, error.message, error.trace) == (
        "LocalJumpError", "break from proc-closure", [f"{name}:2"])


def test_a_crash_of_the_compiler_is_an_internal_error(
    env: Environment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object) -> str:
        raise IndexError("compiler bug")

    monkeypatch.setattr(engine, "compile_template", crash)
    name = write(tmp_path, "c.ncg", "<%= 1 %>")
    error = failure(env, name, kind=InternalError)
    assert error.trace == [f"{name}:1"] and isinstance(error.__cause__, IndexError)


# -- -D tracebacks -------------------------------------------------------------------


def test_debug_traceback_names_template_lines(env: Environment, tmp_path: Path) -> None:
    inner = write(tmp_path, "inner.ncg", "a\nb\n<%= @x.fetch(1) %>\n")
    outer = write(tmp_path, "outer.ncg",
                  f'one\n<%= apply_by_filename("{inner}", {{ "@x" => 5 }}) %>\n')
    text = engine.format_exception(failure(env, outer))
    assert f'File "{inner}", line 3, in ' in text
    assert "    <%= @x.fetch(1) %>\n" in text
    assert f'File "{outer}", line 2, in ' in text
    assert 'File "ncg_' not in text  # no frame names a compiled module
    assert text.endswith("ncg.errors.NoMethodError: undefined method `fetch' for 5:Integer\n")


@pytest.mark.usefixtures("broken_upcase")
def test_debug_traceback_of_a_bug_shows_the_python_error(
    env: Environment, tmp_path: Path
) -> None:
    name = write(tmp_path, "bug.ncg", 'x\n<%= "a".upcase %>\n')
    text = engine.format_exception(failure(env, name, kind=InternalError))
    assert f'File "{name}", line 2, in ' in text
    assert "AttributeError: 'str' object has no attribute 'no_such_attribute'" in text
    assert "ncg.errors.InternalError: internal error of ncg (run with -D to see it)" in text


def test_a_direct_body_sets_up_without_calling_its_context(env: Environment) -> None:
    compiled = env.compile("<% x = 1 %>a <%= @target %>\n<% [1].each do |i| %>b<% end %>\n",
                           "t.ncg")
    assert compiled.body is not None
    names = compiled.body.__code__.co_names
    assert "caller_stack" not in names and "writer" not in names
    assert env.render(compiled, {"@target": "t"}) == "a t\nb\n"
