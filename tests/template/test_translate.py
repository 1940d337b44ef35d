"""`ncg --translate`: the Mako source of `.ncg` templates, readable, and the
same output when run as `.mako` templates (the sample tree moved whole)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ncg.template.engine import Environment
from ncg.template.translate import translate_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample"
VOLATILE = re.compile(r"(?m)^(.*?\b)(Date|User|Host|Directory|Command):( .*)?$")


def mask(text: str) -> str:
    return VOLATILE.sub(r"\1\2: <masked>", text)


def ncg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ncg", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def translated(env: Environment, text: str) -> str:
    return translate_file(text, "t.ncg", frozenset(env.helpers))


def test_sample_moved_to_mako_gives_the_same_configs(tmp_path: Path) -> None:
    work = tmp_path / "sample"
    shutil.copytree(SAMPLE, work, ignore=shutil.ignore_patterns("expected", "out"))
    templates = sorted(work.glob("templates/**/*.ncg"))
    assert len(templates) == 6
    for template in templates:
        proc = ncg("--translate", str(template.relative_to(work)), cwd=work)
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
        template.with_suffix(".mako").write_text(proc.stdout, encoding="utf-8")
        template.unlink()
    model = work / "network.neto"
    text = model.read_text(encoding="utf-8")
    model.write_text(re.sub(r"(ncg_template = \S+)\.ncg", r"\1.mako", text), encoding="utf-8")
    proc = ncg("network.neto", cwd=work)
    assert proc.returncode == 0 and proc.stdout == proc.stderr == "", proc.stderr
    expected = sorted((SAMPLE / "expected").iterdir())
    assert sorted(p.name for p in (work / "out").iterdir()) == [p.name for p in expected]
    for config in expected:
        written = (work / "out" / config.name).read_text(encoding="utf-8")
        assert mask(written) == config.read_text(encoding="utf-8"), config.name


def test_text_stays_text_and_ruby_becomes_python(env: Environment) -> None:
    assert translated(env, "interface <%= @port['name'] %>\n<% if @up -%>\n up\n<% end -%>\n") == (
        '<%def name="ncg_body()">interface ${rb.to_s(rb.aref(port, \'name\'))}\n'
        "% if rb.truthy(up):\n"
        " up\n"
        "% endif\n"
        "</%def>${ncg_body()}\\\n")


def test_helpers_are_called_by_name(env: Environment) -> None:
    source = translated(env, "<%= emit_header %><%= ip_union('a', 'b') %><%= format('%d', 1) %>")
    assert "${rb.to_s(emit_header())}${rb.to_s(ip_union('a', 'b'))}" in source
    assert "rb.call_fn('format', '%d', 1)" in source  # Ruby's own functions stay Ruby's


def test_the_line_map_goes(env: Environment) -> None:
    source = translated(env, "a <% if @x %>b<% end %> c\n")
    assert "ncg-line-map" not in source
    assert source.endswith("</%def>${ncg_body()}\\\n")


@pytest.mark.parametrize(("template", "kept"), [
    # assigned in the template: it stays the frame's, where helpers read it
    ("<% @x = 1 %><%= @x %>", "ncg_frame.ivars.get('@x')"),
    # a name the code uses already (a helper's, a Mako one, Python's)
    ("<%= @emit_header %>", "ncg_frame.ivars.get('@emit_header')"),
    ("<%= @loop %>", "ncg_frame.ivars.get('@loop')"),
    ("<%= @class %>", "ncg_frame.ivars.get('@class')"),
    ("<%= @rb %>", "ncg_frame.ivars.get('@rb')"),
    # set out of the compiler's sight
    ("<% instance_variable_set('@y', 2) %><%= @y %>", "ncg_frame.ivars.get('@y')"),
])
def test_instance_variables_kept_where_a_name_would_differ(env: Environment, template: str,
                                                            kept: str) -> None:
    assert kept in translated(env, template)


def test_text_that_reads_like_code_is_never_rewritten(env: Environment) -> None:
    text = "rb.call_fn('emit_header', 1) ncg_frame.ivars.get('@x') <%= @x %>\n"
    source = translated(env, text)
    assert source.startswith('<%def name="ncg_body()">' + text[:-1].replace(
        "<%= @x %>", "${rb.to_s(ncg_frame.ivars.get('@x'))}"))


def test_translated_ivar_reads_work_in_blocks_and_methods(env: Environment,
                                                          tmp_path: Path) -> None:
    ncg_text = ("<% def shout(s) @p + s.upcase end -%>\n"
                "<%= [1, 2].map { |i| @p * i }.join(',') %> <%= shout('x') %> <%= @q.inspect %>\n")
    mako = tmp_path / "t.mako"
    mako.write_text(translated(env, ncg_text), encoding="utf-8")
    plain = tmp_path / "t.ncg"
    plain.write_text(ncg_text, encoding="utf-8")
    assert "ncg_frame" not in mako.read_text(encoding="utf-8")
    results = {env.apply_by_filename(str(path), {"@p": "ab"}) for path in (plain, mako)}
    assert results == {"ab,abab abX nil"}


def test_several_files_each_under_its_name(tmp_path: Path) -> None:
    (tmp_path / "a.ncg").write_text("A\n", encoding="utf-8")
    (tmp_path / "b.mako").write_text("${1}\n", encoding="utf-8")
    proc = ncg("--translate", "a.ncg", "b.mako", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == ('## ==> a.ncg <==\n<%def name="ncg_body()">A\n</%def>${ncg_body()}\\\n'
                           "## ==> b.mako <==\n${1}\n")


def test_errors_as_for_a_run(tmp_path: Path) -> None:
    (tmp_path / "bad.ncg").write_text("a\n<% class Foo; end %>\n", encoding="utf-8")
    proc = ncg("--translate", "bad.ncg", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("ERROR(NotImplementedError): ")
    assert proc.stderr.endswith("\tat bad.ncg:2\n")


# templates and what Ruby's ERB wrote for them, recorded for the compiler's tests
RECORDED = [
    (case["template"], case["ruby_output"])
    for name in ("recorded_compiler.json", "recorded_erb.json")
    for case in json.loads((ROOT / "tests" / "template" / name).read_bytes())
]


@pytest.mark.parametrize(("template", "expected"), RECORDED)
def test_translated_templates_write_what_ruby_wrote(env: Environment, template: str,
                                                    expected: str) -> None:
    compiled = env.compile_native(translated(env, template), "t.mako")
    assert env.render(compiled, {}) == expected


def test_a_block_given_to_a_helper_is_passed_on(env: Environment, tmp_path: Path) -> None:
    template = "<%= ip_union('10.0.0.0', '0.0.0.1') { 1 } %>"
    source = translated(env, template)
    assert "ip_union('10.0.0.0', '0.0.0.1', block=" in source
    assert env.render(env.compile_native(source, "t.mako"), {}) == "10.0.0.1"
