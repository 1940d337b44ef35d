"""Key paths compiled once: what a table runs for every row.

A table's actions name the same key paths on every row, only with other
fields filled in (`!devices!(name=%{dev})!ports!(+)`). A `KeyPlan` splits
such a path once into steps and walks them for each row's fields, with a
Python function written for the plan; anything unusual is handed to
`Node._locate`, so the places found and the nodes made are `_locate`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ncg.model.keys import ruby_succ
from ncg.model.node import Node, _selector, holds

# The kinds of KeyPlan steps.
_ROOT, _CHILD, _MATCH, _ANONYMOUS, _INHERITED = range(5)
# What a field of a KeyPlan may not hold (nor be empty): with none of it, the
# filled parts are plain names and one-term `(k=v)` selectors, split and read
# as the plan's steps say.
FIELD_SYNTAX = "!(){},=\n"
_VALUE_SYNTAX = frozenset(FIELD_SYNTAX)
# A step: (kind, name or value, subkey of a (k=v), the part's text when constant).
# A name or value is a constant string, a field's index, or a tuple of both kinds.
Spec = str | int | tuple[str | int, ...]
_Step = tuple[int, Spec | None, str | None, str | None]


class KeyPlan:
    """A key path with fields to fill in, split into its steps once.

        KeyPlan.compile([[], ["devices"], ["(name=", 0, ")"], ["ports"], ["(+)"]])

    is `!devices!(name=%{0})!ports!(+)` (each part a list of text and field
    indexes; [] an empty part).  A table runs such a key for every row: the
    plan walks the steps (the root, plain children, one-term `(k=v)`
    selectors by the index, `(+)`, `(>)`, `(<)`, and `(...)` followed by
    the rest) without building, splitting and reading the key text each
    time; the walk is written out as a Python function once per plan (see
    `_walk_function`).  A key with any other kind of part (`(.)`, several
    terms, `{...}`, a plain name holding "(" or "{") gets no plan.

    The fields given to `locate` must be non-empty and hold none of
    FIELD_SYNTAX; then each filled part reads as the step it was compiled
    into.  The walk is `Node._locate`'s as long as nothing is unusual; the
    moment a step is (a selector finding no child, or several, or a key that
    is itself a path, a node aliased, a node missing, a value that is no
    node), the rest of the path goes, as text, to `_locate` from the node
    reached: that is
    where `_locate`'s own loop would stand, with the same rest to read.
    Everything before that was a lookup or a node `_locate` makes as well.
    """

    __slots__ = ("_rests", "_steps", "fields", "locate")

    locate: Walk
    """`plan.locate(node, fields, create)`: `node.locate(key, create)` for the
    key with these fields filled in (a function written for the plan)."""

    def __init__(self, steps: list[_Step]) -> None:
        self._steps = steps
        self.fields = frozenset(_spec_fields(steps))
        self.locate = _walk_function(self, 0)
        # The walks of the rests after each `(...)`, which looks for them.
        self._rests = {i + 1: _walk_function(self, i + 1)
                       for i, step in enumerate(steps) if step[0] == _INHERITED}

    @classmethod
    def compile(cls, parts: list[list[str | int]]) -> KeyPlan | None:
        """The plan of a key split on "!" (see the class); None when it cannot have one.

        An empty last part ("", "a!") gets none: `_locate` drops trailing "!"s.
        """
        if not parts or not any(piece != "" for piece in parts[-1]):
            return None
        steps = [_plan_step(part) for part in parts]
        if any(step is None for step in steps) or steps[-1][0] == _INHERITED:  # type: ignore[index]
            return None  # a last `(...)` has no rest to look for: it names nothing
        return cls(steps)  # type: ignore[arg-type]

    def _rest(self, node: Node, first: int, fields: list[str],
              create: bool) -> tuple[Node, str | None] | None:
        """`_locate` from `node` on, for the steps from `first` on."""
        rest = "!".join(_step_text(step, fields) for step in self._steps[first:])
        return node._locate(rest, create)


Walk = Callable[[Node, list[str], bool], "tuple[Node, str | None] | None"]

# The Python a walk is written in, step by step: each step sets `node` (the
# root, `(...)` finding nothing) or names a child (`name`, or the constant or
# fields of a plain step), and a step followed by another then goes down to
# that child node, or ends the walk with (node, name).
# Anything unusual hands the rest, from step {i} on, to `_locate`
# (`plan._rest`), which also makes the nodes missing on the way: as rare as
# they are, the walks need not know how.
_HAND_OVER = "        return plan._rest(node, {i}, fields, create)\n"
_STEP_SOURCE = {
    _ROOT: ("    while node._parent is not None:\n"
            "        node = node._parent\n"),
    _CHILD: "",  # its name is a constant or fields: written where it is used
    # By the index: one child's name, bare only when it reads back as a plain
    # step (see `_index`); a node not indexed by the subkey yet, or aliased
    # (never indexed), is left to `_locate`.
    _MATCH: ("    by_value = (node._index or NO_INDEX).get({subkey})\n"
             "    if by_value is None:\n" + _HAND_OVER
             + "    name = by_value.get({value})\n"
             "    if name.__class__ is not str:\n" + _HAND_OVER),
    # An anonymous key without a newline is "@" and digits, and so is its
    # successor; only one with a newline (the pattern reads it line by line)
    # may be something else.
    _ANONYMOUS: ("    anon = node._anon\n"
                 "    if anon.__class__ is not tuple:\n" + _HAND_OVER
                 + "    name = {value}\n"
                 '    if "\\n" in name:\n' + _HAND_OVER),
    # `(...)`: Node._inheritor, with the rest walked by the plan: the nearest
    # of this node and its ancestors that has the rest (and, to have it, the
    # plain first step of the rest); then Node._locate's ending, the place
    # found or, when the inheritor's key path leads elsewhere, that path read
    # again.  Finding nothing drops out: the rest is read from this node on.
    _INHERITED: ("    candidate = node\n"
                 "    while candidate is not None:\n"
                 "        if {has_first}:\n"
                 "            held = plan._rests[{next}](candidate, fields, False)\n"
                 "            if held is not None and holds(held):\n"
                 "                if candidate._reached_by_key():\n"
                 "                    return held\n"
                 "                return plan._rest(node, {i}, fields, create)\n"
                 "        candidate = candidate._parent\n"),
}
# `(<)`, `(>)`, `(+)` from a node's (smallest, largest) anonymous key
_ANONYMOUS_SOURCE = {"<": "anon[0]", ">": "anon[1]", "+": "succ(anon[1])"}
# A node of exactly this class: anything else (missing, a value) is `_locate`'s.
_DOWN_SOURCE = ("    child = node._children.get({name})\n"
                "    if child.__class__ is not Node:\n" + _HAND_OVER
                + "    node = child\n")


def _walk_function(plan: KeyPlan, first: int) -> Walk:
    """A plan's walk from step `first` on, written out as a Python function.

    Looping over the steps and choosing what to do by their kind cost as much
    as the lookups themselves, for every action of every row of a table;
    written out, each step is just its own lookups.  Constants go in as
    Python literals (repr), fields as `fields[i]`.
    """
    steps = plan._steps
    source = ["def walk(node, fields, create):\n"]
    for i in range(first, len(steps)):
        kind, spec, subkey, _ = steps[i]
        value = _ANONYMOUS_SOURCE[spec] if kind == _ANONYMOUS else _spec_source(spec)  # type: ignore[index]
        source.append(_STEP_SOURCE[kind].format(i=i, next=i + 1, value=value,
                                                subkey=repr(subkey),
                                                has_first=_has_first_source(steps[i + 1])
                                                if kind == _INHERITED else ""))
        if kind in (_CHILD, _MATCH, _ANONYMOUS):
            name = value if kind == _CHILD else "name"
            source.append(_DOWN_SOURCE.format(i=i, name=name) if i < len(steps) - 1
                          else f"    return node, {name}\n")
    namespace: dict[str, Any] = {"plan": plan, "Node": Node, "NO_INDEX": {}, "succ": ruby_succ,
                                 "holds": holds}
    exec(compile("".join(source), "<KeyPlan walk>", "exec"), namespace)  # noqa: S102
    return namespace["walk"]  # type: ignore[no-any-return]


def _has_first_source(step: _Step) -> str:
    """Whether a candidate for `(...)` has the first step of the rest, when it is plain."""
    kind, spec, _, _ = step
    return f"{_spec_source(spec)} in candidate._children" if kind == _CHILD else "True"


def _spec_source(spec: Spec | None) -> str:
    """A name or value as a Python expression: a literal, or fields joined."""
    pieces = spec if type(spec) is tuple else (spec,)
    return " + ".join(f"fields[{piece}]" if type(piece) is int else repr(piece)
                      for piece in pieces)


def _plan_step(part: list[str | int]) -> _Step | None:
    """The step a part of a key path reads as; None for a part no step stands for."""
    part = [piece for piece in part if piece != ""]
    if not part:
        return _ROOT, None, None, ""
    if any(type(piece) is str and "\n" in piece for piece in part):  # Ruby's line anchors
        return None
    if len(part) == 1 and type(part[0]) is str:
        return _constant_step(part[0])
    return _filled_step(part)


def _constant_step(text: str) -> _Step | None:
    if "(" not in text and "{" not in text:
        return _CHILD, text, None, text
    selector = _selector(text)
    if selector is None:  # a name holding "(" or "{": paranoid mode's to refuse
        return None
    body, term = selector
    if term is not None:
        return _MATCH, term[1], term[0], text
    if body in ("+", ">", "<"):
        return _ANONYMOUS, body, None, text
    if body == "...":
        return _INHERITED, None, None, text
    return None


def _filled_step(part: list[str | int]) -> _Step | None:
    """A part with fields: a plain name, or `(subkey=value)` (no literal of
    it holding key syntax, so that only the fields make the value)."""
    literals = [piece for piece in part if type(piece) is str]
    if not any(c in "(){}" for literal in literals for c in literal):
        return _CHILD, _spec(part), None, None
    first, last = part[0], part[-1]
    if not (type(first) is str and type(last) is str and first[:1] == "("
            and last[-1:] == ")" and "=" in first):
        return None
    subkey, _, head = first[1:].partition("=")
    value = [piece for piece in (head, *part[1:-1], last[:-1]) if piece != ""]
    if not subkey or any(_VALUE_SYNTAX.intersection(piece) for piece in (subkey, *value)
                         if type(piece) is str):
        return None
    return _MATCH, _spec(value), subkey, None


def _spec(pieces: list[str | int]) -> Spec:
    return pieces[0] if len(pieces) == 1 else tuple(pieces)


def _spec_fields(steps: list[_Step]) -> Iterator[int]:
    for _, spec, _, _ in steps:
        if type(spec) is int:
            yield spec
        elif type(spec) is tuple:
            yield from (piece for piece in spec if type(piece) is int)


def _filled(spec: int | tuple[str | int, ...], fields: list[str]) -> str:
    if type(spec) is int:
        return fields[spec]  # type: ignore[index]
    return "".join([piece if type(piece) is str else fields[piece]  # type: ignore[misc]
                    for piece in spec])  # type: ignore[union-attr]


def _step_text(step: _Step, fields: list[str]) -> str:
    """A step as the part of the key text it was filled into."""
    kind, spec, subkey, text = step
    if text is not None:
        return text
    filled = _filled(spec, fields)  # type: ignore[arg-type]
    return filled if kind == _CHILD else f"({subkey}={filled})"
