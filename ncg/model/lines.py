"""Classifying model lines with the Lark line grammars (grammars/neto*.lark).

Every line is a single terminal of its grammar, so a line is classified the
way Lark's own lexer does it, minus the parser machinery that a one-token
parse does not need (it tripled the cost of a 10,000-row table): the
grammar's terminals (as Lark reads them, kept in ncg's cache folder by
`ncg.grammar_files.line_terminals`, so that a run needs no Lark), highest
priority first (NCG's order), form one regexp whose first matching
alternative names the kind of line, and that alternative's groups give the
parts.  A `.neto` line built by a `[% %]`
template may hold newlines; NCG's patterns are then matched with Ruby's line
anchors anywhere in the text, so such lines are searched pattern by pattern.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ncg.grammar_files import line_terminals
from ncg.model.keys import RUBY_BOL

_BLANK_LINE = re.compile(RUBY_BOL + "$", re.M)


class Line(NamedTuple):
    """A classified line: its kind (a terminal name) and the pattern's groups.

    A tuple: made for every line of a table, it costs less than a dataclass.
    """

    kind: str
    groups: tuple[str | None, ...]


class LineGrammar:
    """One of the line grammars, with its patterns ready for group extraction."""

    def __init__(self, name: str) -> None:
        terminals = sorted(line_terminals(name), key=lambda t: -t[1])  # by priority
        self._terminals = terminals
        self._any_line = re.compile(
            "|".join(f"(?P<{kind}>{regexp})" for kind, _, regexp in terminals), re.ASCII)
        # Where each terminal's own groups sit among the groups of _any_line:
        # after its named group, up to the next terminal's (counted here, not
        # by compiling each pattern again).
        starts = [self._any_line.groupindex[kind] for kind, _, _ in terminals]
        ends = [*starts[1:], self._any_line.groups + 1]
        self._groups = {kind: (start, end - start - 1)
                        for (kind, _, _), start, end in zip(terminals, starts, ends, strict=True)}
        # The Line of each kind without groups (a table's data rows), made once.
        self._bare = {kind: Line(kind, ()) for kind, (_, count) in self._groups.items()
                      if not count}
        self._searches: list[tuple[str, re.Pattern[str]]] | None = None

    def classify(self, text: str) -> Line | None:
        """The kind and parts of a non-blank line; None if no pattern matches."""
        if "\n" in text:
            return self._search(text)
        match = self._any_line.match(text)
        if match is None:
            return None
        kind = match.lastgroup or ""
        first, count = self._groups[kind]
        if not count:
            return self._bare[kind]
        return Line(kind, match.groups()[first:first + count])

    def _search(self, text: str) -> Line | None:
        if self._searches is None:  # compiled only for the first multi-line text
            # Ruby's `=~` searches: in a multi-line text each pattern may match
            # at any line start, and `$` ends any line.
            self._searches = [(kind, re.compile(RUBY_BOL + regexp, re.ASCII | re.M))
                              for kind, _, regexp in self._terminals]
        for kind, pattern in self._searches:
            match = pattern.search(text)
            if match:
                return Line(kind, match.groups())
        return None


def is_blank(text: str) -> bool:
    """Ruby's `/^$/`: an empty line, or an empty line inside a multi-line text."""
    return text == "" or ("\n" in text and _BLANK_LINE.search(text) is not None)
