"""KeyPlan, the compiled key paths of table actions, against `Node.locate`.

A plan must find what reading its filled-in key text finds, make the same
nodes and raise the same errors, on any tree: random trees and keys are
walked both ways, on two copies of one tree, and compared.  Tables are read
with and without their plans, and must load (or fail) the same.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncg import settings as ncg_settings
from ncg.errors import RubyError
from ncg.model import importer, table
from ncg.model.key_plans import KeyPlan
from ncg.model.node import Node
from ncg.model.table import import_table

from .stubs import StubRenderer

# Names of the trees: "p(q", "{x}" and "x(\n@5" (anonymous, as NCG's
# line-anchored pattern reads it) are names a selector's answer may be that
# `_locate` reads again as a path, or that paranoid mode refuses.
NAMES = ["a", "b", "name", "@000000001", "p(q", "{x}", "x(\n@5"]
VALUES = ["1", "2", "a"]
# Parts of key paths: plain names, selectors, and parts with fields (0 and 1).
PARTS = st.one_of(
    st.sampled_from(["", "a", "b", "name", "(name=1)", "(+)", "(>)", "(<)", "(...)", [0],
                     ["(name=", 0, ")"]]),
    st.sampled_from(["@000000001", "(name=a)", "(a=b)", "(.)", "(name=1,a=2)", "a(b", "{x}",
                     [1], ["x", 0], [0, "-", 1], ["(name=a", 1, ")"], ["(", 0, "=1)"]]))
# What fields a plan is given: never empty, no key syntax (see KeyPlan).
FIELDS = st.lists(st.sampled_from(["1", "2", "a", "b", "name", "@000000001", "x y"]),
                  min_size=2, max_size=2)

# Trees change by these operations, done on the root the same way in both
# copies.  Selectors in the paths set build the (k=v) indexes that later
# changes must keep right; an alias stores a node under a second name.
SET = st.tuples(st.just("set"), st.lists(st.sampled_from([*NAMES, "(+)", "(>)", "(name=1)"]),
                                         min_size=1, max_size=4).map("!".join),
                st.sampled_from(VALUES))
DELETE = st.tuples(st.just("delete"), st.lists(st.sampled_from(NAMES), min_size=1,
                                               max_size=3).map("!".join), st.none())
ALIAS = st.tuples(st.just("alias"), st.sampled_from(NAMES), st.sampled_from(NAMES))
# ...and a key is looked up, from a start node: by its plan in one copy, by
# its filled-in text in the other.
KEY = st.tuples(st.just("key"), st.lists(PARTS, min_size=1, max_size=5), FIELDS, st.booleans(),
                st.sampled_from(["", "a", "b", "a!b", "p(q!a", "b!alias", "a!alias!b"]))
EVENTS = st.lists(st.one_of(SET, SET, SET, DELETE, ALIAS, KEY, KEY), max_size=30)


def change(root: Node, operation: str, key: str, argument: str | None) -> None:
    try:
        if operation == "set":
            root.set(key, argument)
        elif operation == "delete":
            found = root.locate(key)
            if found is not None:
                found[0].delete(found[1])
        else:
            node, target = root.get(argument), root.get(key)
            if isinstance(node, Node) and isinstance(target, Node) and target is not node:
                target.set("alias", node)
    except RubyError:
        pass


def nodes(root: Node) -> list[Node]:
    """Every node of a tree once, depth first: a node's place, the same in both copies."""
    seen: dict[int, Node] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen[id(node)] = node
        stack.extend(reversed([value for value in node.values() if isinstance(value, Node)]))
    return list(seen.values())


def outcome(root: Node, action: Callable[[], Any]) -> tuple[Any, ...]:
    """What an action gave, as places in the tree, or its error; and the tree after it."""
    try:
        result = action()
    except RubyError as error:
        result = (type(error).__name__, str(error))
    places = {id(node): i for i, node in enumerate(nodes(root))}
    if isinstance(result, tuple) and result and isinstance(result[0], Node):
        result = (places.get(id(result[0]), "elsewhere"), result[1])
    out = io.StringIO()
    root.dump(out)
    return result, out.getvalue()


def filled(part: str | list[str | int], fields: list[str]) -> str:
    if isinstance(part, str):
        return part
    return "".join(piece if isinstance(piece, str) else fields[piece] for piece in part)


def as_pieces(part: str | list[str | int]) -> list[str | int]:
    if isinstance(part, str):
        return [part] if part else []
    return list(part)


def start_node(root: Node, start: str) -> Node | None:
    try:
        node = root.get(start) if start else root
    except RubyError:  # the start is below a value
        return None
    return node if isinstance(node, Node) else None


def run(events: list[tuple[Any, ...]], paranoid: bool) -> None:
    """Do the events on two trees, keys by plan in one and by text in the other."""
    by_text, by_plan = Node(None, "<root>:0"), Node(None, "<root>:0")
    for event in events:
        if event[0] == "key":
            compare(by_text, by_plan, *event[1:], paranoid=paranoid)
        else:
            change(by_text, *event)
            change(by_plan, *event)


def compare(by_text: Node, by_plan: Node, parts: list[str | list[str | int]],
            fields: list[str], create: bool, start: str, paranoid: bool) -> None:
    plan = KeyPlan.compile([as_pieces(part) for part in parts])
    from_text, from_plan = start_node(by_text, start), start_node(by_plan, start)
    if plan is None or from_text is None or from_plan is None:
        return
    text = "!".join(filled(part, fields) for part in parts)
    with ncg_settings.activated(ncg_settings.Settings(paranoid=paranoid)):
        expected = outcome(by_text, lambda: from_text.locate(text, create))
        assert outcome(by_plan, lambda: plan.locate(from_plan, fields, create)) == expected


@settings(max_examples=2500, deadline=None)
@given(events=EVENTS, paranoid=st.booleans())
def test_a_plan_finds_and_makes_what_its_key_text_does(events: list[tuple[Any, ...]],
                                                       paranoid: bool) -> None:
    run(events, paranoid)


def key(text: str, fields: tuple[str, str] = ("1", "2"), create: bool = True,
        start: str = "") -> tuple[Any, ...]:
    """A key event; "%0" and "%1" in the text stand for the fields."""
    parts = [[int(piece) if i % 2 else piece
              for i, piece in enumerate(re.split(r"%(\d)", part)) if piece]
             for part in text.split("!")]
    return "key", parts, list(fields), create, start


# Where a plan must hand over to `_locate`, each case once.
@pytest.mark.parametrize(("events", "paranoid"), [
    # an aliased node answers no selector by its index (the index would not follow the alias)
    ([("set", "a!x!name", "1"), ("set", "b!name", "2"), ("alias", "a", "b"),
      key("a!(name=%0)!v", ("2", "2")), ("set", "b!name", "3"), key("a!(name=%0)!v", ("2", "2"))],
     False),
    # `(...)` found a node whose key path leads elsewhere now
    ([("set", "a!name", "1"), ("set", "b!x", "1"), ("alias", "b", "a"), ("set", "a", "2"),
      key("(...)!name", create=False, start="b!alias")], False),
    # `(...)` looks without making nodes
    ([("set", "a!b!x", "1"), ("set", "a!c!z", "1"), key("(...)!c!d!e", create=False, start="a!b")],
     False),
    # `(...)`: a node that has the first step of the rest but not all of it
    ([("set", "a!b!x", "1"), ("set", "b!name", "1"),
      key("(...)!b!name", create=False, start="a!b")], False),
    # an index built before the node was aliased is of no use after
    ([("set", "a!x!name", "1"), ("set", "b!name", "1"), key("a!(name=%0)!v"), ("alias", "a", "b"),
      key("a!(name=%0)!v")], False),
    # a selector's answer paranoid mode refuses (the second time by the index)
    ([("set", "{x}!name", "1"), key("(name=%0)!v"), key("(name=%0)!v")], True),
    # several children match, none does, the answer is itself a path
    ([("set", "a!name", "1"), ("set", "b!name", "1"), key("(name=%0)!v")], False),
    ([("set", "a!name", "1"), key("(name=%1)!v")], False),
    ([("set", "p(q!name", "1"), key("(name=%0)!v"), key("(name=%0)!v")], False),
    ([("set", "p(q!name", "1"), key("(name=%0)!v"), key("(name=%0)!v")], True),
    # `(<)`, `(>)`, `(+)` among several anonymous keys, and after the newest is gone
    ([("set", "a!(+)!v", "1"), ("set", "a!(+)!v", "2"), ("set", "a!(+)!v", "3"),
      key("a!(<)!w"), key("a!(>)!w"), key("a!(+)!w"), ("delete", "a!@000000003", None),
      key("a!(>)!w"), key("a!(+)!w")], False),
    # `(>)` with nothing anonymous, or an anonymous key holding "("
    ([key("a!(>)!v")], False),
    ([("set", "a!x(\n@5!v", "1"), key("a!(>)!w")], True),
    # a value on the way
    ([("set", "a!b", "1"), key("a!b!c")], False),
])
def test_a_plan_hands_over_where_it_must(events: list[tuple[Any, ...]], paranoid: bool) -> None:
    run(events, paranoid)


@pytest.mark.parametrize(("parts", "planned"), [
    ([[], ["devices"], ["(name=", 0, ")"], ["ports"], ["(+)"]], True),
    ([["(...)"], ["ports"], [1]], True),
    ([["a"], [0, "x", 1]], True),
    ([["(name=a", 0, "b)"]], True),
    ([["a"], []], False),  # a trailing "!" is dropped: another key
    ([["a"], [""]], False),
    ([[""], ["a"]], True),
    ([], False),
    ([["a"], ["(...)"]], False),  # `(...)` last names nothing
    ([["(.)"], ["a"]], False),
    ([["(..)"]], False),
    ([["(a=1,b=2)"]], False),
    ([["{FILENAME}"]], False),
    ([["a(b"]], False),
    ([["(", 0, ")"]], False),
    ([["(a=", 0]], False),
    ([["(a=b=", 0, ")"]], False),
    ([["a\nb"]], False),
])
def test_which_keys_get_plans(parts: list[list[str | int]], planned: bool) -> None:
    assert (KeyPlan.compile(parts) is not None) is planned


# -- whole tables, with and without plans ------------------------------------

ACTIONS = ["+ r!(+)", "+ r!(+) < t", "+ r!(+) < (...)!t!%{b}", "+ r!(a=%{a}) < t!%{b}",
           "@ r!(>)!a = %{a}", "@ r!(>)!b = %{b}", "@ r!(a=%{a})!c = %{b}",
           "@ r!(a=%{a})!%{b} = 1", "@ !r!(a=%{a})!c = -", "@ r!(<)!(a=%{b})!d = %{a}",
           "@ %{a}!%{b} = v", "@ r!(a=%{a}%{b})!e = x", "+ %{a}!(+) < r!(>)",
           "@ r!(...)!t!%{b} = 2", "+ q!(b=%{b}) < r!(a=%{a})", "@ r!(+)!a = %{b}"]
FIELD = st.sampled_from(["1", "2", "x", "y", "t", "a", "b", "@000000001", "p(q", "a=b", "",
                         "!", "%{a}", "%{b}", "{x}", "a,b", "(+)", "x y", "-", "1=2", "\\"])
ROWS = st.lists(st.tuples(FIELD, FIELD), max_size=8)


@pytest.fixture
def table_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path_factory.mktemp("plans")
    monkeypatch.chdir(directory)
    return directory


def read_table(path: Path, plans: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    root = Node(None, "<root>:0")
    root.set("t!x!k", "tx")
    root.set("t!y!k", "ty")
    with monkeypatch.context() as patch:
        if not plans:
            patch.setattr(table, "_key_plan", lambda literals, fields: None)
        try:
            import_table(importer(StubRenderer()), root, [str(path)])
            error: tuple[Any, ...] = ()
        except RubyError as failed:
            error = type(failed).__name__, str(failed), failed.trace
    out = io.StringIO()
    root.dump(out)  # what was read before an error too
    return out.getvalue(), error


@settings(max_examples=1000, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=6), rows=ROWS)
def test_tables_read_the_same_with_plans(table_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                         actions: list[str], rows: list[tuple[str, str]]
                                         ) -> None:
    path = table_dir / "t.neto_table"
    path.write_text("% a\tb\n" + "\n".join(actions) + "\n"
                    + "".join(f"{a}\t{b}\n" for a, b in rows))
    assert read_table(path, True, monkeypatch) == read_table(path, False, monkeypatch)


# Rows whose fields a plan cannot take, each kind once: read by the key text.
@pytest.mark.parametrize("rows", [
    "x\ta=b\n",  # "=" in a (k=v) value would make another term...
    "x\ta,b\n",  # ...and "," another criterion
    "x\t%{a}\n",  # a field holding a placeholder is filled in again
    "\tb\n",  # a leading tab: an empty first field
    "x\t!y\n", "x\t(+)\n", "x\t{x}\n",
])
def test_rows_with_key_syntax_in_fields_read_the_same(table_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      rows: str) -> None:
    path = table_dir / "t.neto_table"
    path.write_text("% a\tb\n+ r!(+)\n@ r!(>)!a = %{a}\n@ r!(>)!b = %{b}\n"
                    "@ q!z = 1\n@ q!%{a} = 3\n"  # an empty field: "q!" is "q"
                    "@ r!(b=%{b})!d = 4\n"  # "(b=a=b)" looks for b=a
                    "x\ta\nx\ta=b\nx\tb\nx\t1=2\n@ r!(a=%{a})!(b=%{b})!c = 1\n"
                    "@ r!(a=%{a})!%{b} = 2\n" + rows)
    assert read_table(path, True, monkeypatch) == read_table(path, False, monkeypatch)
