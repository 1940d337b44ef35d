"""The engine: error locations (innermost template line, then its callers),
caching, chomping, `[% %]` snippets and `-E` error dumps."""

from __future__ import annotations

from pathlib import Path

import pytest

from ncg import settings
from ncg.errors import CompileError, NoMethodError, RubyError
from ncg.model.node import Node
from ncg.template import engine
from ncg.template.cache import TemplateCache


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text)
    return str(path)


def failure(filename: str, ivars: dict | None = None) -> RubyError:
    with pytest.raises(RubyError) as caught:
        engine.apply_by_filename(filename, ivars)
    return caught.value


def test_error_names_template_line_after_midline_control(tmp_path: Path) -> None:
    name = write(tmp_path, "t.ncg", "a\nx <% if true %>b<% end %> y\n"
                 "<% [1].each do |i| %>\n<%= i %> <%= nil.upcase %>\n<% end %>\n")
    error = failure(name)
    assert isinstance(error, NoMethodError)
    assert error.message == "undefined method `upcase' for nil:NilClass"
    assert error.trace == [f"{name}:4"]


def test_error_in_nested_template_lists_callers(tmp_path: Path) -> None:
    inner = write(tmp_path, "inner.ncg", "ok\n\n<%= @x.fetch(1) %>\n")
    outer = write(tmp_path, "outer.ncg",
                  f'one\n<%= apply_by_filename("{inner}", {{ "@x" => 5 }}) %>\n')
    assert failure(outer).trace == [f"{inner}:3", f"{outer}:2"]


def test_ruby_raise_keeps_its_class_and_line(tmp_path: Path) -> None:
    name = write(tmp_path, "r.ncg", "<%\n  x = 1\n  raise ArgumentError, 'bad ' + x.to_s\n%>")
    error = failure(name)
    assert (error.ruby_name, error.message, error.trace) == (
        "ArgumentError", "bad 1", [f"{name}:3"])


def test_unsupported_ruby_fails_at_compile_time_with_position(tmp_path: Path) -> None:
    name = write(tmp_path, "u.ncg", "text\n<% begin; x; rescue; retry; end %>\n")
    with pytest.raises(CompileError) as caught:
        engine.apply_by_filename(name)
    assert f"{name}:2:" in caught.value.message and "retry" in caught.value.message
    assert caught.value.trace == [f"{name}:2"]


def test_output_loses_one_final_newline(tmp_path: Path) -> None:
    assert engine.apply_by_filename(write(tmp_path, "n.ncg", "a\n\n")) == "a\n"
    assert engine.apply_by_filename(write(tmp_path, "m.ncg", "a")) == "a"


def test_a_template_compiles_once(tmp_path: Path) -> None:
    text = f"<%= @v %> {tmp_path.name}\n"  # compiled by no other test
    cache = TemplateCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    first = engine.compile_cached(text, "same.ncg", cache=cache)
    assert engine.compile_cached(text, "same.ncg", cache=cache) is first
    assert len(list((tmp_path / "cache").iterdir())) == 1  # its Mako source, stored once


def test_snippet_reports_the_model_line() -> None:
    target = Node()
    target.set("a", "1")
    assert engine.render_snippet('<%= @target["a"] + "2" %>', "m.neto", 7, target) == "12"
    with pytest.raises(RubyError) as caught:
        engine.render_snippet('<%= @target["a"] + 1 %>', "m.neto", 7, target)
    assert (caught.value.ruby_name, caught.value.trace) == ("TypeError", ["m.neto:7"])


def test_error_dump_writes_error_and_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = write(tmp_path, "e.ncg", "<%= @n.nope %>\n")
    base = str(tmp_path / "dump")
    monkeypatch.setattr(settings, "error_dump", base)
    failure(name, {"@n": 3, "@s": "x"})
    text = Path(base + ".0").read_text(encoding="utf-8")
    assert text.startswith("ERROR(NoMethodError): undefined method `nope' for 3:Integer\n")
    assert text.endswith(f"{name}:1\n-------\nCONTEXT\n-------\n@n = 3\n@s = \"x\"\n")
