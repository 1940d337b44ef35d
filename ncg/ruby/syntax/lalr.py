"""The LALR(1) parser loop over Lark's parse table, without Lark's per-step costs.

Lark's `feed_token` compares and hashes its Rule objects (Python methods) on
every reduction, and a template's program reduces some five times per
token; this loop looks up plain integers instead. It keeps Lark's rule
callbacks (`transform.BUILD` through Lark's tree builder) and its error:
`UnexpectedToken`, with a parser state that has what `bridge` and `errors`
read (`parse_conf.states`, `state_stack`, `value_stack`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from lark import Lark
from lark import Token as LarkToken
from lark.exceptions import UnexpectedToken
from lark.parse_tree_builder import ExpandSingleChild
from lark.parsers.lalr_analysis import Shift


class ParseConf:
    """The table: Lark's (for the bridge's look-ahead) and the loop's own."""

    def __init__(self, lark: Lark, start: str = "start") -> None:
        self.lark = lark
        lalr = lark.parser.parser  # the LALR_Parser Lark built (or loaded from its cache)
        table = lalr._parse_table
        self.states: dict[int, dict[str, tuple[Any, Any]]] = table.states
        self.start_state: int = table.start_states[start]
        self.end_state: int = table.end_states[start]
        callbacks = lalr.parser.callbacks
        rule_index: dict[int, int] = {}
        # per reduction: (symbols it pops, the nonterminal it makes, its callback),
        # the callback None for `?rule: one_symbol` (its value is that symbol's)
        self.rules: list[tuple[int, str, Callable[[list[Any]], Any] | None]] = []
        # per state: terminal or nonterminal -> target state (shift) or ~rule (reduce)
        self.actions: dict[int, dict[str, int]] = {}
        for state, row in table.states.items():
            actions: dict[str, int] = {}
            for symbol, (action, arg) in row.items():
                if action is Shift:
                    actions[symbol] = arg
                    continue
                at = rule_index.get(id(arg))
                if at is None:
                    at = rule_index[id(arg)] = len(self.rules)
                    callback = callbacks[arg]
                    size = len(arg.expansion)
                    if size == 1 and type(callback) is ExpandSingleChild:
                        callback = None
                    self.rules.append((size, arg.origin.name, callback))
                actions[symbol] = ~at
            self.actions[state] = actions


class ParserState:
    """A parse under way: its stacks, as Lark's ParserState has them."""

    def __init__(self, parse_conf: ParseConf) -> None:
        self.parse_conf = parse_conf
        self.state_stack = [parse_conf.start_state]
        self.value_stack: list[Any] = []

    def feed(self, token: LarkToken, is_end: bool = False) -> Any:
        """Shift `token` after the reductions it calls for (the parse's value at the end)."""
        conf = self.parse_conf
        actions, rules = conf.actions, conf.rules
        states, values = self.state_stack, self.value_stack
        ttype = token.type
        while True:
            act = actions[states[-1]].get(ttype)
            if act is None:
                expected = {s for s in conf.states[states[-1]] if s.isupper()}
                raise UnexpectedToken(token, expected, state=self, interactive_parser=None)
            if act >= 0:
                states.append(act)
                values.append(token)
                return None
            size, origin, callback = rules[~act]
            if callback is None:  # the one value stays; only the state changes
                del states[-1]
            else:
                if size:
                    children = values[-size:]
                    del states[-size:]
                    del values[-size:]
                else:
                    children = []
                values.append(callback(children))
            states.append(actions[states[-1]][origin])
            if is_end and states[-1] == conf.end_state:
                return values[-1]


def parse(parse_conf: ParseConf, tokens: Callable[[ParserState], Iterable[LarkToken]]) -> Any:
    """Run the loop over `tokens(state)` (a lexer that may read the state as it goes)."""
    state = ParserState(parse_conf)
    last: LarkToken | None = None
    for token in tokens(state):
        state.feed(token)
        last = token
    end = LarkToken.new_borrow_pos("$END", "", last) if last else LarkToken("$END", "", 0, 1, 1)
    return state.feed(end, is_end=True)
