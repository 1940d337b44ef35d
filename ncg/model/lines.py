"""Classifying model lines with the Lark line grammars (grammars/neto*.lark).

Each line is parsed on its own: the grammar's lexer picks the first line
pattern that matches (by terminal priority, NCG's order) and the pattern's
regexp groups give the parts.  A `.neto` line built by a `[% %]` template
may hold newlines; NCG's patterns are then matched with Ruby's line anchors
anywhere in the text, so such lines are searched pattern by pattern instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lark import Lark
from lark.exceptions import LarkError

from ncg.grammar_files import load_grammar
from ncg.model.keys import RUBY_BOL

_BLANK_LINE = re.compile(RUBY_BOL + "$", re.M)


@dataclass(frozen=True)
class Line:
    """A classified line: its kind (a terminal name) and the pattern's groups."""

    kind: str
    groups: tuple[str | None, ...]


class LineGrammar:
    """One of the line grammars, with its patterns ready for group extraction."""

    def __init__(self, name: str) -> None:
        self._lark: Lark = load_grammar(name, parser="lalr", lexer="basic",
                                        g_regex_flags=re.ASCII)
        terminals = sorted(self._lark.terminals, key=lambda t: -t.priority)
        self._patterns = {t.name: re.compile(t.pattern.to_regexp(), re.ASCII)
                          for t in terminals}
        # Ruby's `=~` searches: in a multi-line text each pattern may match at
        # any line start, and `$` ends any line.
        self._searches = [(t.name, re.compile(RUBY_BOL + t.pattern.to_regexp(),
                                              re.ASCII | re.M))
                          for t in terminals]

    def classify(self, text: str) -> Line | None:
        """The kind and parts of a non-blank line; None if no pattern matches."""
        if "\n" in text:
            return self._search(text)
        try:
            kind = self._lark.parse(text).children[0].type
        except LarkError:
            return None
        match = self._patterns[kind].match(text)
        return Line(kind, match.groups()) if match else None

    def _search(self, text: str) -> Line | None:
        for kind, pattern in self._searches:
            match = pattern.search(text)
            if match:
                return Line(kind, match.groups())
        return None


def is_blank(text: str) -> bool:
    """Ruby's `/^$/`: an empty line, or an empty line inside a multi-line text."""
    return text == "" or ("\n" in text and _BLANK_LINE.search(text) is not None)
