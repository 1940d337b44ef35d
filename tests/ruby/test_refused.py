"""Shell commands and code evaluation are refused when a template compiles (issue 8.8).

A deliberate difference from the original (docs/ruby-subset.md): ncg never
runs them, however they are reached, and says where and what at compile time.
"""

from __future__ import annotations

import pytest

from ncg.errors import CompileError, SyntaxError_
from ncg.template.layout import compile_template

REFUSED = [
    ("<%= `ls` %>", "backtick command (a shell command) at t.ncg:1:5"),
    ("a\n<% x = %x(ls) %>", "%x command (a shell command) at t.ncg:2:8"),
    ("<%= %x[ls -l] %>", "%x command (a shell command) at t.ncg:1:5"),
    ('<% system("ls") %>', "system (a shell command) at t.ncg:1:4"),
    ('<% system "ls" %>', "system (a shell command) at t.ncg:1:4"),
    ('<%= Kernel.system("ls") %>', "system (a shell command) at t.ncg:1:5"),
    ('<% exec "ls" %>', "exec (a shell command) at t.ncg:1:4"),
    ('<% pid = spawn("ls") %>', "spawn (a shell command) at t.ncg:1:10"),
    ('<% Process.spawn("ls") %>', "spawn (a shell command) at t.ncg:1:4"),
    ('<% IO.popen("ls") { |f| f.read } %>', "popen (a shell command) at t.ncg:1:4"),
    ("<% fork { } %>", "fork (a shell command) at t.ncg:1:4"),
    ('<%= eval("1 + 1") %>', "eval (code evaluation) at t.ncg:1:5"),
    ('<%= eval "1" %>', "eval (code evaluation) at t.ncg:1:5"),
    ('<%= Kernel.eval("1") %>', "eval (code evaluation) at t.ncg:1:5"),
    ("<%= 1.instance_eval { self } %>", "instance_eval (code evaluation) at t.ncg:1:5"),
    ('<%= "x".instance_eval("size") %>', "instance_eval (code evaluation) at t.ncg:1:5"),
    ("<% x = 1.instance_exec(2) { |a| a } %>", "instance_exec (code evaluation) at t.ncg:1:8"),
    ('<% String.class_eval("def a; end") %>', "class_eval (code evaluation) at t.ncg:1:4"),
    ("<% b = binding %>", "binding (code evaluation) at t.ncg:1:8"),
    ('<% send(:system, "ls") %>', "send(:system) (a shell command) at t.ncg:1:4"),
    ('<% Kernel.send(:eval, "1") %>', "send(:eval) (code evaluation) at t.ncg:1:4"),
    (
        '<% x = 1.__send__("instance_eval") { } %>',
        "__send__(:instance_eval) (code evaluation) at t.ncg:1:8",
    ),
    ('<% Kernel.public_send :exec, "ls" %>', "public_send(:exec) (a shell command) at t.ncg:1:4"),
    ("<% m = method(:system) %>", "method(:system) (a shell command) at t.ncg:1:8"),
    ("<% ObjectSpace.each_object(String) { } %>", "ObjectSpace (the object space) at t.ncg:1:4"),
    ("<%= ::ObjectSpace.count_objects %>", "ObjectSpace (the object space) at t.ncg:1:5"),
    ("<%= ObjectSpace::WeakMap %>", "ObjectSpace (the object space) at t.ncg:1:5"),
    ("<% [1].each do |i| %>x<% system('ls') %><% end %>", "system (a shell command) at t.ncg:1:26"),
    ("<% def f\n  eval('1')\nend %>", "eval (code evaluation) at t.ncg:2:3"),
]


@pytest.mark.parametrize(("template", "where"), REFUSED)
def test_refused_at_compile_time(template: str, where: str) -> None:
    with pytest.raises(CompileError) as caught:
        compile_template(template, "t.ncg")
    assert str(caught.value) == f"unsupported Ruby: {where}"
    line = str(caught.value).rsplit(":", 2)[-2]
    assert caught.value.trace == [f"t.ncg:{line}"]


def test_a_template_method_of_that_name_is_its_own() -> None:
    # a method the template defines is not Kernel's (as in Ruby)
    source = compile_template("<% def system(x) x end %><%= system 1 %>", "t.ncg")
    assert "m_system(1)" in source


def test_unknown_percent_literal_is_a_syntax_error() -> None:
    with pytest.raises(SyntaxError_, match="unknown type of %string at t.ncg:1:5"):
        compile_template("<%= %y(a) %>", "t.ncg")
