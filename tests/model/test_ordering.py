"""sort_key orders values exactly as compare_parts does; sort_by_subkey sorts as before.

compare_parts is NCG's comparison (its own tests' values are in
test_utilities.py); these tests check the faster ways of sorting against it.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ncg.errors import RuntimeError_
from ncg.model.node import Node
from ncg.model.ordering import compare_parts, has_key_order, sort_key

# Characters on each side of every boundary the order depends on: digits
# against the bytes just below "0" and above "9", letters, separators below
# and above the letters, and characters of 2, 3 and 4 bytes in UTF-8.
BOUNDARIES = ["0", "1", "9", "a", "z", "A", "Z", "/", ".", "-", " ", "\t", "\x00", ":", "@",
              "[", "_", "`", "{", "~", "\x7f", "\u00e9", "\u00ff", "\u20ac", "\U0001f600",
              "\udc80"]
PIECES = BOUNDARIES + ["00", "007", "10", "99", "100", "Gi", "Gi1/0/", "eth", "-1", "9" * 30]
ONE_LINE = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
MAYBE_NIL = st.none() | ONE_LINE


def sign(n: int) -> int:
    return (n > 0) - (n < 0)


def key_compare(a: str | None, b: str | None) -> int:
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


@settings(max_examples=3000, deadline=None)
@given(a=MAYBE_NIL, b=MAYBE_NIL)
def test_sort_key_orders_as_compare_parts(a: str | None, b: str | None) -> None:
    assert key_compare(a, b) == sign(compare_parts(a, b))


@settings(max_examples=1000, deadline=None)
@given(a=MAYBE_NIL, b=MAYBE_NIL)
def test_sort_key_orders_as_compare_parts_with_a_common_prefix(a: str | None,
                                                               b: str | None) -> None:
    # Values that differ late: the parts before must compare equal the same way.
    a2, b2 = (None if a is None else "Gi01/" + a), (None if b is None else "Gi1/" + b)
    assert key_compare(a2, b2) == sign(compare_parts(a2, b2))


@pytest.mark.parametrize(("a", "b", "order"), [
    ("1" + "0" * 5000, "9" * 5000, 1),  # beyond Python's 4300-digit int conversion
    ("0" * 5000 + "7", "7", 0), ("a2", "a02", 0), ("x\u00e9", "x~", 1), ("x:", "x9", 1),
    ("x/", "x0", -1), ("", None, -1), ("", "-", -1),
])
def test_orders_of_edge_values(a: str, b: str | None, order: int) -> None:
    assert compare_parts(a, b) == order
    assert key_compare(a, b) == order


def test_values_with_newlines_have_no_key_order() -> None:
    # "\n-" passes NCG's line-anchored /^[0-9]*$/, so it equals "0" but sorts
    # below " ", which sorts below "0": no key can give that order.
    assert compare_parts("\n-", "0") == 0
    assert compare_parts(" ", "\n-") == 1 and compare_parts(" ", "0") == -1
    assert not has_key_order("a\nb")
    assert has_key_order(None) and has_key_order("a b") and not has_key_order(3)


def pairwise(node: Node, key: str) -> list[str]:
    """How sort_by_subkey sorted before it had keys: compare_parts on each pair."""
    def value(entry: tuple[str, object]) -> object:
        v = entry[1]
        if isinstance(v, Node):
            return v.get(key)
        return (key if key in v else None) if isinstance(v, str) else None

    order = functools.cmp_to_key(lambda a, b: compare_parts(value(a), value(b)))
    return [k for k, _ in sorted(node.items(), key=order)]


ANY_VALUE = st.none() | ONE_LINE | st.lists(st.sampled_from(PIECES + ["\n", "\n\n"]),
                                            max_size=6).map("".join)


@settings(max_examples=500, deadline=None)
@given(values=st.lists(ANY_VALUE, max_size=12), leaf=st.booleans())
def test_sort_by_subkey_sorts_as_pairwise_compare_parts(values: list[str | None],
                                                       leaf: bool) -> None:
    n = Node()
    for i, value in enumerate(values):
        n.set(f"k{i}!id", str(i))
        if value is not None:
            n.set(f"k{i}!v", value)
    if leaf:
        n.set("leaf", "a v in a string")  # a String entry: String#[] gives "v" or nil
    assert [k for k, _ in n.sort_by_subkey("v")] == pairwise(n, "v")


def test_sort_by_subkey_reports_a_failing_lookup_as_before() -> None:
    n = Node()
    n.set("a!v!w", "1")
    n.set("b!v", "a string, not a node")
    with pytest.raises(RuntimeError_, match="!b!v not of class Netomata::Node"):
        n.sort_by_subkey("v!w")


def test_sort_by_subkey_reads_no_value_of_a_single_entry() -> None:
    n = Node()
    n.set("only!v", "x")
    assert n.sort_by_subkey("v!w") == [["only", n.get("only")]]
