"""Which `[% %]` lines are pure (a model using only those may come from the
model cache): the judgement of `ncg.template.purity` on compiled templates,
and the engine's note of the first impure line rendered."""

from __future__ import annotations

import pytest

from ncg.model import Node
from ncg.template.engine import Environment

PURE = [
    '<%= ip_union(@target["(...)!base_ip"], "0.0.1.10") %>',
    '<%= "mgmt." + @target["(...)!domain"] %>',
    '<%= [1, 2].map { |v| v * 2 }.join(",") %>',
    '<%= Math::PI.round(2) %> <%= Integer("3") + 1 %> <%= format("%03d", 3) %>',
    '<% def twice(x); x * 2; end %><%= twice(3) %>',
    '<%= "a" =~ /a/ ? $~[0] : "" %>',
    '<% @target["a"] = "b" %>',
    '<%= Hash.new(0)[1] %> <%= "a".upcase if defined?(Foo) %>',
    '<% @x = 1 %><%= @x %>',
    '<%= {:vlan => 1, :name => 2}[:vlan] %> <%= [1].map(&:to_s) %> <%= [1, 2].inject(:+) %>',
]
IMPURE = [
    "<%= Time.now %>",  # the clock
    '<%= ENV["HOME"] %>',  # the environment
    '<%= File.read("x") %>',  # a file no probe covers
    "<% puts 1 %>",  # output
    "<%= $x %>",  # global variables: set elsewhere, seen elsewhere
    "<% $x = 1 %>",
    "<% X = 1 %>",  # a constant the templates would see
    "<%= rand(3) %>",
    "<%= [1, 2].send(:map) %>",  # any method at all
    "<%= @target.freeze %>",  # noted outside the tree
    "<%= @target.dump %>",  # prints the tree
    '<%= "abc".hash %> <%= [1].object_id %>',  # differ from run to run
    '<%= apply_by_filename("x.ncg") %>',  # a template file
    "<%= self %>",
    "<% [@target].each(&:dump) %>",  # a symbol naming an impure method
    '<%= [1].map(&"puts".to_sym) %>',  # a symbol made at run time
]


@pytest.mark.parametrize("text", PURE)
def test_pure(env: Environment, text: str) -> None:
    assert env.compile(text, "net.neto", 3).pure


@pytest.mark.parametrize("text", IMPURE)
def test_impure(env: Environment, text: str) -> None:
    assert not env.compile(text, "net.neto", 3).pure


def test_the_first_impure_line_rendered_is_noted(env: Environment) -> None:
    target = Node(None, "<root>:0")
    env.render_snippet('<%= "a" + "b" %>', "net.neto", 1, target)
    assert env.impure_snippet is None
    env.render_snippet("<%= [1].object_id.class %>", "net.neto", 2, target)
    env.render_snippet("<%= rand(1) %>", "net.neto", 3, target)
    assert env.impure_snippet == "net.neto:2"
