"""The ERB tag level (trim_mode "-"): expected outputs recorded with Ruby 3.1's ERB.

    ruby -rerb -e 'print ERB.new(STDIN.read, trim_mode: "-").result'

These need the runtime only for `to_s` of small values.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ncg.template.engine import Environment
from ncg.template.erb import TEXT_CLOSE, TEXT_OPEN, build_program
from tests.ruby.recorded import check, load

ENV = Environment()

RECORDED = [
    (case["template"], case["ruby_output"])
    for case in json.loads((Path(__file__).parent / "recorded_erb.json").read_bytes())
]


@pytest.mark.parametrize(("template", "expected"), RECORDED)
def test_output_matches_ruby_erb(template: str, expected: str) -> None:
    assert ENV.render(ENV.compile(template, "t.ncg"), {}) == expected


def test_program_keeps_template_lines() -> None:
    template = "a\n<% x = 1\n  y = 2 -%>\nb <%= x %>\n"
    program = build_program(template)
    assert program.source.count("\n") == template.count("\n")
    assert program.source.split("\n")[1] == ";  x = 1"


def test_text_is_a_marker_with_its_newlines() -> None:
    program = build_program("ab\ncd")
    assert program.source == f"{TEXT_OPEN}0{TEXT_CLOSE}\n"
    assert [c.text for c in program.chunks] == ["ab\ncd"]


def test_comment_in_code_swallows_the_rest_of_the_program_line() -> None:
    # ERB joins `x = 1 # c` and the text's put statement with "; " on one line
    template = "<% x = 1 # c %>gone\n<%= 2 %>"
    assert ENV.render(ENV.compile(template, "t.ncg"), {}) == "2"


def test_unclosed_tag_is_output_as_text() -> None:
    assert ENV.render(ENV.compile('a <%= "b" %%> c', "t.ncg"), {}) == 'a  "b" %> c'


def test_positions_map_back_to_the_template() -> None:
    program = build_program("x\n  <% foo %>")
    at = program.source.index("foo")
    assert program.line_col(at) == (2, 6)


def test_grammar_splits_text_tags_and_literals() -> None:
    from ncg.template.erb import tag_level_tokens

    tokens = tag_level_tokens("a <%% b\n  <%- x %%> -%>\nc <%= y")
    assert [(t.type, str(t)) for t in tokens] == [
        ("TEXT", "a "), ("LITERAL_OPEN", "<%%"), ("TEXT", " b\n"),
        ("TAG_OPEN", "  <%-"), ("CODE", " x "), ("LITERAL_CLOSE", "%%>"), ("CODE", " "),
        ("TAG_CLOSE", "-%>"), ("TEXT", "\nc "), ("TAG_OPEN", "<%="), ("CODE", " y"),
        ("END", "\ue004"),
    ]


def test_reserved_character_is_a_compile_error_with_position() -> None:
    from ncg.errors import CompileError

    with pytest.raises(CompileError) as caught:
        ENV.compile("ok\nx\ue000", "r.ncg")
    assert caught.value.message == "unsupported character U+E000 at r.ncg:2:2"


@pytest.mark.parametrize("case", load("../template/recorded_erb_random.json"))
def test_random_templates_match_ruby_erb(
    case: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Random templates (tests/template/erb_random.py), as the original's ERB ran them."""
    check(case, capsys)
