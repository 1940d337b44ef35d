"""Ruby snippets → AST shape (the context-sensitive cases of Ruby's grammar)."""

from __future__ import annotations

import pytest

from ncg.ruby.syntax import ast
from ncg.ruby.syntax.errors import ParseError
from ncg.ruby.syntax.parser import parse
from ncg.template.erb import build_program


def stmt(code: str) -> ast.Node:
    body = parse(build_program(f"<% {code} %>"))
    assert len(body) == 1
    return body[0]


def last(code: str) -> ast.Node:
    return parse(build_program(f"<% {code} %>"))[-1]


def test_minus_after_a_method_name_is_an_argument() -> None:
    node = stmt("foo -1")
    assert isinstance(node, ast.Call) and node.name == "foo"
    assert isinstance(node.args[0], ast.Int) and node.args[0].value == -1


def test_minus_after_a_local_is_subtraction() -> None:
    node = last("foo = 3; foo -1")
    assert isinstance(node, ast.Call) and node.name == "-"


def test_slash_after_a_method_name_starts_a_regexp() -> None:
    node = stmt("split /,/")
    assert isinstance(node, ast.Call) and isinstance(node.args[0], ast.Regex)


def test_slash_after_a_local_divides() -> None:
    node = last("x = 4; x /2")
    assert isinstance(node, ast.Call) and node.name == "/"


def test_bracket_after_space_is_an_array_argument() -> None:
    node = stmt("puts [1, 2]")
    assert isinstance(node, ast.Call) and isinstance(node.args[0], ast.Array)
    node = last("a = [1]; a [0]")
    assert isinstance(node, ast.Call) and node.name == "[]"


def test_brace_after_a_call_is_a_block_and_after_assignment_a_hash() -> None:
    node = stmt("x.map { |v| v }")
    assert isinstance(node, ast.Call) and node.block is not None
    node = stmt('h = { "a" => 1, b: 2 }')
    assert isinstance(node, ast.Assign) and isinstance(node.value, ast.Hash)
    assert len(node.value.pairs) == 2


def test_do_binds_to_the_command_call() -> None:
    node = stmt("foo bar(1) do |x| x end")
    assert isinstance(node, ast.Call) and node.name == "foo" and node.block is not None
    assert isinstance(node.args[0], ast.Call) and node.args[0].block is None


def test_while_do_is_the_loop_keyword() -> None:
    node = stmt("while x do y end")
    assert isinstance(node, ast.While) and len(node.body) == 1


def test_modifiers_and_precedence() -> None:
    node = stmt("x = 1 if a && b or c")
    assert isinstance(node, ast.If) and isinstance(node.cond, ast.Or)
    assert isinstance(node.then[0], ast.Assign)


def test_power_binds_tighter_than_unary_minus_on_literals() -> None:
    node = stmt("-2 ** 2")
    assert isinstance(node, ast.Call) and node.name == "-@"


def test_multiple_assignment_with_splat() -> None:
    node = stmt("a, *b = 1, 2, 3")
    assert isinstance(node, ast.MultiAssign)
    assert isinstance(node.targets[1], ast.Splat) and isinstance(node.value, ast.Array)


def test_ternary_question_mark_methods() -> None:
    node = stmt('x.nil? ? "a" : "b"')
    assert isinstance(node, ast.If)
    assert isinstance(node.cond, ast.Call) and node.cond.name == "nil?"


def test_string_interpolation_parses_code() -> None:
    node = stmt('"a#{b["c"]}d"')
    assert isinstance(node, ast.Str)
    assert node.parts[0] == "a" and isinstance(node.parts[1], list) and node.parts[2] == "d"


def test_percent_literals_and_heredoc() -> None:
    node = stmt("%w[a b c]")
    assert isinstance(node, ast.Array) and len(node.items) == 3
    node = parse(build_program("<% x = <<~EOS\n  hi\n  EOS\n%>"))[0]
    assert isinstance(node, ast.Assign) and node.value.parts == ["hi\n"]  # type: ignore[attr-defined]


def test_positions_are_template_line_and_column() -> None:
    body = parse(build_program("text\n  <% foo(1) %>"))
    call = body[1]
    assert (call.line, call.col) == (2, 6)


def test_syntax_error_position() -> None:
    with pytest.raises(ParseError) as caught:
        parse(build_program("<% foo( %>"))
    assert "syntax error" in str(caught.value)


def test_unsupported_is_flagged() -> None:
    with pytest.raises(ParseError) as caught:
        parse(build_program("<% yield %>"))
    assert caught.value.unsupported


def test_do_binds_to_the_outermost_command() -> None:
    node = stmt("foo bar baz do end")
    assert isinstance(node, ast.Call) and node.name == "foo" and node.block is not None
    assert isinstance(node.args[0], ast.Call) and node.args[0].block is None


def test_do_in_a_loop_condition_is_the_loop_keyword() -> None:
    node = stmt("while foo bar do baz end")
    assert isinstance(node, ast.While) and isinstance(node.cond, ast.Call)
    assert node.cond.block is None and len(node.body) == 1


def test_do_inside_parentheses_binds_to_the_inner_call() -> None:
    node = stmt("foo(bar do 1 end)")
    assert isinstance(node, ast.Call) and node.block is None
    assert isinstance(node.args[0], ast.Call) and node.args[0].block is not None


def test_assignment_of_a_list() -> None:
    node = stmt("x = 1, 2")
    assert isinstance(node, ast.Assign) and isinstance(node.value, ast.Array)
    assert len(node.value.items) == 2


def test_splat_statement_is_a_multiple_assignment() -> None:
    node = stmt("*a = 1, 2")
    assert isinstance(node, ast.MultiAssign) and isinstance(node.targets[0], ast.Splat)


def test_an_assigned_name_is_a_local_on_its_right() -> None:
    node = stmt("x = x -1")
    assert isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
    assert node.value.name == "-" and isinstance(node.value.recv, ast.LVar)


def test_string_keys_and_labels_in_a_hash() -> None:
    node = stmt('{ "a": 1, b: 2, "c" => 3 }')
    assert isinstance(node, ast.Hash) and len(node.pairs) == 3
    assert all(isinstance(key, ast.Sym) for key, _ in node.pairs[:2])


def test_endless_range_only_before_a_closer() -> None:
    node = stmt("[1..]")
    assert isinstance(node, ast.Array) and isinstance(node.items[0], ast.Range)
    assert node.items[0].last is None
    with pytest.raises(ParseError):
        parse(build_program("<% x = 1.. ; y %>"))


def test_numbered_block_parameters() -> None:
    node = stmt("list.map { _1 + _2 }")
    assert isinstance(node, ast.Call) and node.block is not None
    assert node.block.params.required == ["_1", "_2"]


def test_lambda_literal() -> None:
    node = stmt("->(x, y = 2) { x + y }")
    assert isinstance(node, ast.Call) and node.name == "lambda" and node.block is not None
    assert node.block.is_lambda and node.block.params.names() == ["x", "y"]


def test_rescue_modifier_binds_to_the_assigned_value() -> None:
    node = stmt("x = foo rescue 2")
    assert isinstance(node, ast.Assign) and isinstance(node.value, ast.Begin)


def test_cannot_assign_to_a_call_with_arguments() -> None:
    with pytest.raises(ParseError) as caught:
        parse(build_program("<% a.b(1) = 2 %>"))
    assert caught.value.pos == build_program("<% a.b(1) = 2 %>").source.index("=")


def test_keyword_parameters_of_blocks_are_unsupported() -> None:
    with pytest.raises(ParseError) as caught:
        parse(build_program("<% [1].each { |a, k: 1| } %>"))
    assert caught.value.unsupported


def test_keyword_parameters_of_methods_parse() -> None:
    parse(build_program("<% def f(a, b = 1, *r, k:, j: 2, **o, &blk) end %>"))
