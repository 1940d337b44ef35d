"""Ruby (the subset templates use) → `ncg.ruby.syntax.ast`, with grammars/ruby.lark.

The LALR parser (`lalr`, over the table Lark makes of the grammar) runs over
`bridge.tokens` (the hand-written lexer, steered by the parser's state) with
`transform.BUILD`'s callbacks building the AST as rules reduce; a parse that
fails is worded by `errors`.
"""

from __future__ import annotations

from lark.exceptions import UnexpectedInput, UnexpectedToken

from ncg.ruby.syntax import ast, lalr
from ncg.ruby.syntax.bridge import PARSES, Parse, RubyLexer, Scope, tokens
from ncg.ruby.syntax.errors import ParseError, name_error, syntax_error
from ncg.ruby.syntax.program import Program
from ncg.ruby.syntax.table import ruby_parser
from ncg.ruby.syntax.transform import BUILD


def _parse_conf() -> lalr.ParseConf:
    """The loop's table for the parser `ruby_parser` gives (built once for each)."""
    lark = ruby_parser(RubyLexer, BUILD)
    if not _CONF or _CONF[0].lark is not lark:
        _CONF[:] = [lalr.ParseConf(lark)]
    return _CONF[0]


_CONF: list[lalr.ParseConf] = []


def _run(parse_input: Parse) -> ast.Body:
    conf = _parse_conf()
    outer = PARSES.set((*PARSES.get(), parse_input))
    try:
        return lalr.parse(conf, lambda state: tokens(parse_input, state))  # type: ignore[no-any-return]
    except UnexpectedToken as exc:
        raise name_error(parse_input, exc.token) or syntax_error(parse_input, exc) from None
    except UnexpectedInput:
        raise ParseError("syntax error", parse_input.eof_pos) from None
    finally:
        PARSES.reset(outer)


def parse(program: Program) -> ast.Body:
    """The AST of a template's program; raises ParseError with a program offset."""
    return _run(Parse(program, [Scope(hard=True)], 0, len(program.source), _run))
