"""`[% %]` model lines that differ only in literals share one compiled template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ncg import app
from ncg.errors import RubyError
from ncg.model.node import Node
from ncg.settings import Settings
from ncg.template import engine
from ncg.template.engine import Environment
from ncg.template.shapes import LITERAL_IVAR, shape_of


def lit(n: int) -> str:
    return f"{LITERAL_IVAR}{n}"


@pytest.mark.parametrize(("erb", "shape", "values"), [
    ('<%= "host-1".upcase %>', f"<%= {lit(0)}.upcase %>", ["host-1"]),
    ("<%= 'a b' + \"c\" %>", f"<%= {lit(0)} + {lit(1)} %>", ["a b", "c"]),
    ("<%= 1000 + 7 %>", f"<%= {lit(0)} + {lit(1)} %>", [1000, 7]),
    ('k = <%= @target["(...)!d"] %>', f'<%={lit(1)}%><%= @target[{lit(0)}] %>',
     ["(...)!d", "k = "]),
    ('<%= "h-#{n + 1}" %>', f'<%= "#{{{lit(0)}}}#{{n + {lit(1)}}}" %>', ["h-", 1]),
    ('<%= "%d" % 2 %>', f"<%= {lit(0)} % {lit(1)} %>", ["%d", 2]),
    ("<%= (x) / 2 %>", f"<%= (x) / {lit(0)} %>", [2]),
    ("<%= x.empty? ? 1 : 2 %>", f"<%= x.empty? ? {lit(0)} : {lit(1)} %>", [1, 2]),
    ("<%= [0, 10].max %>", f"<%= [{lit(0)}, {lit(1)}].max %>", [0, 10]),
    # what stays: floats, ranges, signs, octal, symbols, labels, method names
    ("<%= 1.5 + (1..5).sum + -3 + 0755 + 1_000 %>", None, None),
    ("<%= f(a: 1, :b => c) %>", f"<%= f(a: {lit(0)}, :b => c) %>", [1]),
    ("<%= 7.to_s + 1.0.to_s %>", f"<%= {lit(0)}.to_s + 1.0.to_s %>", [7]),
    # ERB's trim mode: text before `<%-` and text with a newline stay text
    ("  <%- 1 -%>\nx", f"  <%- {lit(0)} -%>\nx", [1]),
])
def test_shape_of_lifts_plain_literals(erb: str, shape: str | None,
                                       values: list[Any] | None) -> None:
    found = shape_of(erb)
    if shape is None:
        assert found is None
    else:
        assert found is not None
        assert found.text == shape
        assert list(found.literals.values()) == values
        assert list(found.literals) == [lit(n) for n in range(len(values or []))]


@pytest.mark.parametrize("erb", [
    '<%= "a #{"x"}" %>', '<%= "a #@x" %>', '<%= "#{{}}" %>', r'<%= "a\n" %>',
    "<%= x / 2 %>", "<%= x % 2 %>", "<%= p /a/ %>", "<%= 'it''s' %>", '<%= "a" "b" %>',
    "<%= %w(a b) %>", "<%= x =~ /1/ %>", "<%= ?a %>", "<%= $1 %>", "<%= `ls` %>",
    "<%= x = 1 %>", "<%= y += 1 %>", "<%= __LINE__ + 1 %>", "<%= self.to_s + '1' %>",
    "<%= instance_variables.size + 1 %>", "<%= eval('1') %>", "<%= binding %>",
    "<%= 1 # one %>", "<%= <<EOS %>", "<%= 'a' %><%% x %%>", "<%= x %>", "text only",
    '<%= "a": 1 %>', '<%= p"a" %>', "<%= x 1 2 %>", '<%= :"b" %>',
    "a = <%= 1 %> <%= 2", "<%= 1 %> <% <%= 2 %>",
])
def test_shape_of_refuses_what_it_cant_see_through(erb: str) -> None:
    assert shape_of(erb) is None


def target() -> Node:
    net = Node()
    net.set("domain", "example.com")
    net.set("base_ip", "10.0.0.0")
    net.set("hosts!(+)!name", "h1")
    return net


# Snippets whose shaped render must equal the render of the line as written
SNIPPETS = [
    'ip = <%= ip_union(@target["(...)!base_ip"], "0.0.1.2") %>',
    'n = <%= "host-00007".upcase %>',
    "p = <%= 1000 + 7 %>",
    'f = <%= "h7." + @target["domain"] %>',
    "<%= [3, 1, 2].sort.join(',') %>",
    "<%= 'abc'[1] %>-<%= 'abc'[0, 2] %>",
    "<%= 7 / 2 %> <%= 7 % 3 %> <%= 2 ** 10 %>",
    "<%= 10.times.map { |i| i * 2 }.inspect %>",
    "<%= {'a' => 1, 'b' => 2}.map { |k, v| k * v }.join %>",
    "<%= [1, 'x', nil].inspect %> <%= 'q'.inspect %>",
    "<%= 5.between?(1, 10) ? 'yes' : 'no' %>",
    "<%= 'x' if 1 > 2 %><%= 'y' unless 1 > 2 %>",
    "<% [1, 2].each do |i| %><%= i + 100 %>,<% end %>",
    "<%= case 5 when 1..3 then 'low' when 4 then 'four' else 'high' end %>",
    "<%= case 'b' when 'a' then 1 when 'b' then 2 end %>",
    "<%= 'a,b,c'.split(',').size + 1 %>",
    "<%= '%05d' % 42 %>",
    '<%= "%s-%d" % ["a", 7] %> <%= (7 + 1) / 2 %> <%= 7.0 / 2 %> <%= 2 / 0.5 %>',
    '<%= "host-#{1 + 2}.x" %> <%= "#{@target_key}!#{"q"}" %> <%= "a#{}b" %>',
    '<%= "n#{[1, 2].map { |i| i * 10 }.join(",")}" %>',
    "<%= 12345678901234567890 * 3 %>",
    "<%= 'x'.frozen? %> <%= 'x'.equal?('x') %>",
    "  <%- 'indent' -%>\n<%= 'after' %>",
    "key = <%= 'a' %> middle <%= 2 %> end",
    "a = <%= 1 %> <%= 2",
    "a = <%= 1 %> 50%> x",
    "<%= Integer('42') + 1 %>",
    "<%= @target_key + '1' %>",
    "<%= 'é'.upcase + 'ß'.length.to_s %>",
    "<%= -1 + 1 %> <%= 2 ** -1 %> <%= -2 ** 2 %> <%= -2.abs %>",
    "<%= [1, 2, 3].include?(2) && 'in' %>",
    "<%= 'abc'.sub('b', 'X') %> <%= 'aaa'.gsub('a', '-') %>",
    "<%= 'a'.center(7, '*') %>",
    # literals that the line mutates: a new String each time, in Ruby
    "<%= 'abc' << 'd' %> <%= 'abc' %>",
    "<%= 'a'.concat('b', 'c') %><%= 'a'.tap { |s| s << 'z' } %>",
    "<% 2.times do %><%= 'x' << 'y' %><% end %>",
    "<%= [1, 2] << 3 %> <%= {1 => 2}.merge(3 => 4) %>",
]
FAILING = [
    "<%= 'a' + 1 %>",
    "<%= 7.div(0) %>",
    "<%= 'x'.nope %>",
    "<%= Integer('4x2') %>",
    "<%= [1, 2].fetch(7) %>",
    'v = <%= @target["none"].upcase %>',
]
NOT_COMPILING = ["<%= 1 + %>", "<%= 'a'.foo( %>", "<%= end 'x' %>"]


def rendered(env: Environment, text: str, shaped: bool) -> tuple[str, ...]:
    """What the line renders to, or its error's class, message and trace."""
    try:
        if shaped:
            return ("ok", env.render_snippet(text, "m.neto", 12, target()))
        compiled = env.compile(text, "m.neto", 12, env.snippet_cache)
        net = target()
        return ("ok", env.render(compiled, {"@target": net, "@target_key": net.key}))
    except RubyError as exc:
        return (exc.ruby_name, str(exc), *exc.trace)


@pytest.mark.parametrize("text", SNIPPETS + FAILING + NOT_COMPILING)
def test_a_shaped_line_renders_as_written(env: Environment, text: str) -> None:
    assert rendered(env, text, True) == rendered(app.environment(Settings(), "ncg"), text, False)


@pytest.mark.parametrize("text", FAILING)
def test_a_shaped_line_fails_at_its_own_line(env: Environment, text: str) -> None:
    assert shape_of(text) is not None
    with pytest.raises(RubyError) as caught:
        env.render_snippet(text, "m.neto", 12, target())
    assert caught.value.trace == ["m.neto:12"]


@pytest.mark.parametrize("text", NOT_COMPILING)
def test_a_line_whose_shape_fails_to_compile_reports_its_own_text(
        env: Environment, text: str) -> None:
    with pytest.raises(RubyError) as caught:
        env.render_snippet(text, "m.neto", 12, target())
    assert "m.neto:12:" in str(caught.value)
    assert LITERAL_IVAR not in str(caught.value)


def test_lines_of_one_shape_compile_once(env: Environment,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = engine.translate
    monkeypatch.setattr(engine, "translate", lambda *a: compiled.append(a[0]) or real(*a))
    net = target()
    for n in range(300):
        line = f'h{n:05d}_name = <%= "host-{n:05d}".upcase + {n}.to_s %>'
        assert env.render_snippet(line, "m.neto", n + 1, net) == (
            f"h{n:05d}_name = HOST-{n:05d}{n}")
    assert len(compiled) == 1


def test_error_dump_leaves_the_literals_out(tmp_path: Path) -> None:
    base = str(tmp_path / "dump")
    env = app.environment(Settings(error_dump=base), "ncg")
    with pytest.raises(RubyError):
        env.render_snippet("v = <%= 'a' + 1 %>", "m.neto", 3, target())
    text = Path(base + ".0").read_text(encoding="utf-8")
    assert "m.neto:3" in text
    assert LITERAL_IVAR not in text


# -- random lines: shaped or not, the same output or the same error ----------------

LITERALS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.text("abc-_. 01", max_size=6).map(lambda t: f'"{t}"'),
    st.text("xyz 9", max_size=4).map(lambda t: f"'{t}'"),
)
OPERANDS = st.one_of(LITERALS, st.sampled_from(
    ["@target_key", "@target['domain']", "nil", "[1, 'a']", "(1..3)", "1.5", "-2", ":sym",
     '"h-#{7 + 1}.x"', '"#{@target_key}-#{3}"', '"#{}a"', "(7)", "\"%05d\""]))
OPERATORS = st.sampled_from([" + ", " * ", " - ", " == ", " <=> ", ".to_s + ", " % ", " / ",
                             "/", "%"])
METHODS = st.sampled_from(
    ["", ".to_s", ".inspect", ".size", ".upcase", ".to_i", ".succ", ".reverse", "[0]", "[1, 2]"])


@st.composite
def snippet_lines(draw: st.DrawFn) -> str:
    parts = [draw(OPERANDS) + draw(METHODS)]
    for _ in range(draw(st.integers(0, 2))):
        parts.append(draw(OPERATORS) + draw(OPERANDS) + draw(METHODS))
    key = draw(st.text("kx_0", min_size=1, max_size=4))
    tail = draw(st.text("<%>=-# x2\n", max_size=8))  # more text, tags or halves of them
    return f"{key} = <%= {''.join(parts)} %>{tail}"


@settings(max_examples=500, deadline=None)
@given(snippet_lines())
def test_random_lines_render_the_same_shaped_or_not(text: str) -> None:
    env = app.environment(Settings(), "ncg")
    assert rendered(env, text, True) == rendered(app.environment(Settings(), "ncg"), text, False)
