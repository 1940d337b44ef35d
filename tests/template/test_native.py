"""Native `.mako` templates: plain Mako over the variables and helpers a
`.ncg` template gets, errors at the `.mako` line, and `template_dir`
importing `*.mako` beside `*.ncg`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ncg.errors import ArgumentError, NoMethodError, RubyError, StandardError, SyntaxError_
from ncg.model import load
from ncg.model.node import Node
from ncg.template import engine
from ncg.template.engine import Environment


@pytest.fixture
def model() -> Node:
    net = Node()
    net.set("domain", "example.net")
    net.set("devices!sw1!name", "sw1")
    net.set("idioms!banner!ncg_template", "banner.ncg")
    return net


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def render(env: Environment, filename: str, net: Node) -> str:
    target = net.get("devices!sw1")
    return env.apply_by_filename(filename, {"@net": net, "@target": target,
                                            "@target_key": target.key})


def test_variables_are_names_without_at(env: Environment, model: Node, tmp_path: Path) -> None:
    name = write(tmp_path, "t.mako", "${target.get('name')}.${net.get('domain')} ${target_key}"
                 "|${unset is None}|${len('abc')}\n")
    assert render(env, name, model) == "sw1.example.net !devices!sw1|True|3"


def test_helpers_under_python_names(env: Environment, model: Node, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    write(tmp_path, "banner.ncg", "banner <%= @target['name'] %> <%= @x.inspect %>")
    write(tmp_path, "part.mako", "part ${x} ${y} ${target}")
    name = write(tmp_path, "t.mako", "\n".join([
        "${template_arg('target')}${template_arg('@net', None)}",
        "${apply_idiom('banner', target, {'target': target, 'x': 5})}",
        "${apply_by_filename('part.mako', {'@x': 1}, y=2)}",
        "${ip_union('10.0.0.0', '0.0.1.2')}",
        "${include_if_exists('nothing.mako')}|",
        "${emit_header('# ').splitlines()[4]}",
    ]) + "\n")
    assert render(env, name, model) == (
        "TrueTrue\nbanner sw1 5\npart 1 2 None\n10.0.1.2\n|\n# Date: 1970-01-01 00:00:00 +0000")


def test_helper_errors_are_the_helpers(env: Environment, model: Node, tmp_path: Path) -> None:
    name = write(tmp_path, "t.mako", "a\n${template_arg('port')}\n")
    with pytest.raises(ArgumentError) as caught:
        render(env, name, model)
    assert caught.value.message == "argument '@port' expected, but not defined"
    assert caught.value.trace == [f"{name}:2"]


def test_ruby_runtime_and_frame(env: Environment, model: Node, tmp_path: Path) -> None:
    name = write(tmp_path, "t.mako", "${rb.to_s(rb.send(target, '[]', 'name'))}"
                 "${ncg_frame.ivars['@target'] is target}\n")
    assert render(env, name, model) == "sw1True"


def test_python_errors_are_reported_at_the_mako_line(env: Environment, model: Node,
                                                     tmp_path: Path) -> None:
    inner = write(tmp_path, "inner.mako", "a\nb\n${ {}['zz'] }\n")
    outer = write(tmp_path, "outer.ncg", f"x\n<%= apply_by_filename({inner!r}) %>\n")
    with pytest.raises(RubyError) as caught:
        render(env, outer, model)
    error = caught.value
    assert (error.ruby_name, error.message) == ("KeyError", "'zz'")
    assert isinstance(error, StandardError)  # a `.ncg` caller's bare `rescue` catches it
    assert error.trace == [f"{inner}:3", f"{outer}:2"]


def test_ruby_errors_keep_their_class(env: Environment, model: Node, tmp_path: Path) -> None:
    name = write(tmp_path, "t.mako", "\n\n${rb.send(None, 'upcase')}\n")
    with pytest.raises(NoMethodError) as caught:
        render(env, name, model)
    assert caught.value.trace == [f"{name}:3"]


def test_mako_syntax_errors_name_file_line_col(env: Environment, model: Node,
                                              tmp_path: Path) -> None:
    name = write(tmp_path, "t.mako", "a\n${1 +}\n")
    with pytest.raises(SyntaxError_) as caught:
        render(env, name, model)
    assert caught.value.message.endswith(f"('1 +') at {name}:2:1")
    assert caught.value.trace == [f"{name}:2"]


def test_template_dir_imports_mako_beside_ncg(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("tpl/a.ncg", "tpl/b.mako", "tpl/c.mako.bak", "tpl/.d.mako", "tpl/e.mako/f.ncg",
                 "tpl/g.ncg.mako", "tpl/h.mako", "tpl/h.ncg"):
        write(tmp_path, name, "")
    write(tmp_path, "m.neto", "t {\n  template_dir tpl\n}\none {\n  template tpl/b.mako\n}\n")
    net = load(["m.neto"], lambda *args: "")
    entries = {key: net.get(key) for key in net.keys_r() if key.endswith(("!name", "template"))}
    assert entries == {
        "!t!a!name": "a", "!t!a!ncg_template": "tpl/a.ncg",
        "!t!b!name": "b", "!t!b!ncg_template": "tpl/b.mako",
        "!t!c!name": "c.mako.bak", "!t!c!ncg_template": "tpl/c.mako.bak",
        "!t!e.mako!f!name": "f", "!t!e.mako!f!ncg_template": "tpl/e.mako/f.ncg",
        "!t!g!name": "g.ncg", "!t!g!ncg_template": "tpl/g.ncg.mako",
        "!t!h!name": "h", "!t!h!ncg_template": "tpl/h.ncg",  # the .ncg one, listed last
        "!one!name": "b", "!one!ncg_template": "tpl/b.mako",
    }


def test_helpers_win_over_variables_of_their_name(env: Environment, model: Node,
                                                  tmp_path: Path) -> None:
    name = write(tmp_path, "t.mako", "${ip_union('10.0.0.0', '0.0.0.1')} ${loop == 1}"
                 "${ncg_frame.ivars['@ip_union']}\n")
    target = model.get("devices!sw1")
    assert env.apply_by_filename(name, {"@target": target, "@ip_union": "x", "@loop": 1,
                                        "@class": 2}) == "10.0.0.1 Falsex"


def test_a_missing_name_is_none_inside_defs_too(env: Environment, model: Node,
                                                tmp_path: Path) -> None:
    name = write(tmp_path, "t.mako", '<%def name="f()">${nosuch is None}</%def>${f()}\n')
    assert render(env, name, model) == "True"


def test_debug_traceback_names_mako_lines(env: Environment, model: Node, tmp_path: Path) -> None:
    name = write(tmp_path, "t.mako", "a\n% for i in [1]:\n${ {}['zz'] }\n% endfor\n")
    with pytest.raises(RubyError) as caught:
        render(env, name, model)
    text = engine.format_exception(caught.value)
    assert f'File "{name}", line 3, in <template>\n' in text
    assert "    ${ {}['zz'] }\n" in text
    assert 'File "ncg_' not in text
    assert text.endswith("KeyError: 'zz'\n")
