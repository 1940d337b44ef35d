"""The Node tree: NCG 0.10.3's node tests, with the original's expected values."""

from __future__ import annotations

import io

import pytest

from ncg import settings
from ncg.errors import ArgumentError, IndexError_, NoMethodError, RuntimeError_
from ncg.model.node import Node
from ncg.settings import Settings


@pytest.fixture
def node() -> Node:
    """The tree NCG's "General" node tests build."""
    n = Node()
    for key, value in [
        ("!n1!k_n1a1", "v_n1a1"), ("!n1!k_n1a2", "v_n1a2"), ("!n1!k_n1a3", "v_n1a3"),
        ("!n1!k_common_k", "v_common_n1"), ("!n1!k_common_kv", "v_common_kv"),
        ("!n1!k_common_n!k_common_n_kv", "v_common_kv"),
        ("!n2!k_n2a1", "v_n2a1"), ("!n2!k_n2a2", "v_n2a2"), ("!n2!k_n2a3", "v_n2a3"),
        ("!n2!k_common_k", "v_common_n2"), ("!n2!k_common_kv", "v_common_kv"),
        ("!n2!k_common_n!k_common_n_kv", "v_common_kv"),
        ("!n1!n11!k_n11", "v_n11"), ("!n1!n12!k_n12", "v_n12"), ("!n1!n13!k_n13", "v_n13"),
        ("!n1!n11!n111!k1111", "v1111"), ("!n1!n11!n111!k1112", "v1112"),
        ("!n1!n11!n111!k1113", "v1113"), ("!n1!n11!n112!k1121", "v1121"),
        ("!n1!n11!n112!k1122", "v1122"), ("!n1!n11!n112!k1123", "v1123"),
        ("!n1!n11!n113!k1131", "v1131"), ("!n1!n11!n113!k1132", "v1132"),
        ("!n1!n11!n113!k1133", "v1133"),
        ("!n3!(+)", "first"), ("!n3!(+)", "second"), ("!n3!(+)", "third"), ("!n3!(+)", "last"),
    ]:
        n.set(key, value)
    return n


def test_locate_gives_parent_and_simple_key(node: Node) -> None:
    n1, n12 = node.get("n1"), node.get("n1!n12")
    assert node.locate("n1") == (node, "n1")
    assert node.locate("!n1") == (node, "n1")
    assert node.locate("n1!n12") == (n1, "n12")
    assert node.locate("!n1!n12!n121") == (n12, "n121")
    assert node.locate("n0") == (node, "n0")  # need not exist
    assert node.locate("n0!n1") is None  # a missing node on the way
    assert node.locate("!") == (node, None)
    assert node.locate("n0!n1", create=True) is not None
    assert isinstance(node.get("n0"), Node)


def test_get_with_default(node: Node) -> None:
    assert node.get("n1!n11!n112!k1122") == "v1122"
    assert node.get("!n1!n11!n112!k1122") == "v1122"
    assert node.get("n1!n11!n112!k1124", "missing leaf") == "missing leaf"
    assert node.get("!n1!n11!n114!k1141", "missing node") == "missing node"
    assert node.get("n1!n11!n112!k1124") is None
    assert node.get("n1!n11!n114!k1141") is None
    assert node.get(None, "ignored") is None


def test_root_and_set(node: Node) -> None:
    assert node.get("!") is node
    assert node.get("!n1!k_n1a4") is None
    node.set("!n1!k_n1a4", "new_v_n1a4")
    assert node.get("!n1!k_n1a4") == "new_v_n1a4"
    node.get("!n1!n11").set("!n1!k_n1a1", "from the middle")
    assert node.get("!n1!k_n1a1") == "from the middle"


def test_storing_at_the_root_itself_fails(node: Node) -> None:
    with pytest.raises(IndexError_, match="Attempt to store nil key in root"):
        node.set("!", "x")


def test_anonymous_selectors(node: Node) -> None:
    assert node.get("!n3!(+)") is None
    assert node.get("!n3!(<)") == "first"
    assert node.get("!n3!(>)") == "last"
    n3 = node.get("!n3")
    assert n3.locate("(<)") == (n3, "@000000001")
    assert n3.locate("(>)") == (n3, "@000000004")
    assert n3.locate("(+)") == (n3, "@000000005")
    node.set("!n1!(+)", "v_n1a4")
    assert node.get("!n1!(>)") == "v_n1a4"


def test_plus_after_deleting_the_newest_reuses_its_key(node: Node) -> None:
    n3 = node.get("!n3")
    n3.delete("@000000004")
    assert n3.locate("(+)") == (n3, "@000000004")
    assert n3.get("(>)") == "third"
    n3.delete("@000000001")
    assert n3.get("(<)") == "second"


def test_anonymous_bounds_after_several_deletions(node: Node) -> None:
    n3 = node.get("!n3")
    n3.delete("@000000004")
    n3.delete("@000000001")
    n3.delete("other")
    n3.set("@000000007", "seventh")
    assert (n3.get("(<)"), n3.get("(>)")) == ("second", "seventh")
    for key in ("@000000002", "@000000003", "@000000007"):
        n3.delete(key)
    assert n3.get("(>)") is None and n3.locate("(+)") == (n3, "@000000001")
    n3.set("(+)", "again")
    assert (n3.get("(<)"), n3.get("(>)")) == ("again", "again")


def test_dot_selectors(node: Node) -> None:
    n11 = node.get("!n1!n11")
    for key in ("!n1!n11!(.)", "!n1!(.)!n11", "!(.)!n1!n11", "!(.)!n1!(.)!n11"):
        assert node.get(key) is n11
    assert node.get("!n1!n11!(..)") is node.get("!n1")
    assert node.get("!n1!n11!n111!(..)") is n11
    assert node.get("!n1!n11!(...)!n2") is node.get("!n2")
    assert node.get("!n1!n11!n111!(...)!n13") is node.get("!n1!n13")
    assert node.get("!n1!n11").locate("(.)") == (node.get("!n1"), "n11")


def test_parent_of_root_is_nil(node: Node) -> None:
    with pytest.raises(NoMethodError, match="undefined method `key' for nil:NilClass"):
        node.get("(..)!x")


def test_selector_criteria(node: Node) -> None:
    assert node.get("!(k_common_k=v_common_n1)!k_n1a1") == "v_n1a1"
    with pytest.raises(ArgumentError, match='selector "\\(k_common_kv=v_common_kv\\)" matches'):
        node.get("!(k_common_kv=v_common_kv)!k_n1a1")
    assert node.get("!(k_common_k=v_common_n2,k_common_kv=v_common_kv)!k_n2a1") == "v_n2a1"


def test_selector_that_finds_nothing_leaves_the_rest_relative(node: Node) -> None:
    # NCG drops the selector and reads the rest of the path from the same node
    assert node.get("!(k_common_k=nothing)!n1!k_n1a1") == "v_n1a1"
    assert node.get("(k_common_k=nothing)") is None


@pytest.mark.parametrize(("key", "error", "message"), [
    ("(x)", ArgumentError, 'Unknown selector "\\(x\\)"'),
    ("(a=)", ArgumentError, "invalid syntax for node_match term"),
    ("(a=1,)!b", ArgumentError, None),
    ("!n1!k_n1a1!x", RuntimeError_, "!n1!k_n1a1 not of class Netomata::Node"),
])
def test_bad_keys(node: Node, key: str, error: type, message: str | None) -> None:
    if message is None:  # "(a=1,)" is fine: Ruby's split drops the empty last term
        node.get(key)
        return
    with pytest.raises(error, match=message):
        node.get(key)


def test_criteria_index_follows_changes(node: Node) -> None:
    assert node.get("(k_common_k=v_common_n1)") is node.get("n1")
    node.set("n1!k_common_k", "changed")
    assert node.get("(k_common_k=v_common_n1)") is None
    assert node.get("(k_common_k=changed)") is node.get("n1")
    node.set("n4!k_common_k", "changed")
    with pytest.raises(ArgumentError):
        node.get("(k_common_k=changed)")
    node.delete("n1")
    assert node.get("(k_common_k=changed)") is node.get("n4")


def test_identical_siblings_know_their_own_keys() -> None:
    n = Node()
    n.set("a!x", "1")
    n.set("b!x", "1")
    assert (n.get("a").key, n.get("b").key) == ("!a", "!b")


def test_key_and_has_key(node: Node) -> None:
    assert node.key == "!"
    assert node.get("!n1").key == "!n1"
    assert node.get("n2").key == "!n2"
    assert node.get("!n1!n11!n111").key == "!n1!n11!n111"
    for key in ("!n1", "n1", "!n1!n11", "n1!n11", "!"):
        assert node.has_key(key)
    for key in ("!n4", "n4", "!n1!n14", "n1!n14", None):
        assert not node.has_key(key)


def test_keys_having_key(node: Node) -> None:
    assert node.keys_having_key("k_uncommon_k") == []
    assert node.keys_having_key("k_common_k") == ["!n1", "!n2"]
    node.set("!k_common_k", "v_common_root")
    assert node.keys_having_key("k_common_k") == ["!", "!n1", "!n2"]


def test_equivalent(node: Node) -> None:
    assert node.equivalent(node)
    assert node.get("n1").equivalent(node.get("n1"))
    assert not node.equivalent(node.get("n1"))
    assert node.get("!n1!k_common_n").equivalent(node.get("!n2!k_common_n"))


@pytest.fixture
def letters() -> Node:
    """The tree of NCG's "General 2" tests."""
    n = Node()
    for name, entries in [
        ("q", {"qy": "y", "qY": "Y", "qfoo": "foo", "qn": "n", "qN": "N", "qany": "any"}),
        ("x", {"v": "vx"}), ("y", {"v": "vy"}), ("a", {"v": "va"}), ("b", {"v": "vb"}),
    ]:
        for key, value in entries.items():
            n.set(f"{name}!{key}", value)
    n.get("q").set("qnil", None)
    return n


def test_affirm(letters: Node) -> None:
    q = letters.get("q")
    assert q.affirm("qy") and q.affirm("qY")
    for key in ("p", "qn", "qN", "qfoo", "qany", "qnil"):
        assert not q.affirm(key)


def test_sort_by_subkey(letters: Node) -> None:
    order = [key for key, _ in letters.sort_by_subkey("v")]
    assert order == ["a", "b", "x", "y", "q"]  # q has no "v": nil sorts last

    def by_text(a: str | None, b: str | None) -> int:
        if a is None or b is None:
            return (a is None) - (b is None)
        return (a > b) - (a < b)

    assert [key for key, _ in letters.sort_by_subkey("v", by_text)] == ["a", "b", "x", "y", "q"]
    assert letters.sort_by_subkey("v")[0] == ["a", letters.get("a")]


def test_dup_copies_deeply_and_notes_both_sources(node: Node) -> None:
    copy = node.get("n1").dup()
    assert copy.equivalent(node.get("n1"))
    assert copy.get("n11!n111") is not node.get("n1!n11!n111")
    assert copy.source == "<root>:0 < <root>:0"
    assert copy.get("n11").source == "<root>:0 < <root>:0"
    assert copy.get("n11").key == "!n11"  # a copy stands alone until stored


def test_graft_replaces_same_named_entries_and_keeps_others() -> None:
    n = Node()
    n.set("src!a", "1")
    n.set("src!sub!b", "2")
    n.set("dst!a", "old")
    n.set("dst!c", "kept")
    n.graft("dst", n.get("src"))
    assert n.get("dst").keys() == ["a", "c", "sub"]
    assert (n.get("dst!a"), n.get("dst!sub!b")) == ("1", "2")
    assert n.get("dst!sub").key == "!dst!sub"
    with pytest.raises(NoMethodError, match="undefined method `each' for \"1\":String"):
        n.graft("dst", "1")


def test_keys_r_and_dump() -> None:
    n = Node()
    n.set("a", "1")
    n.set("b!c", "2")
    n.set("b!d!e", "3")
    assert n.keys_r() == ["!a", "!b", "!b!c", "!b!d", "!b!d!e"]
    out = io.StringIO()
    n.dump(out)
    assert out.getvalue() == (
        "# <root>:0\na = 1\nb {\n    # <root>:0\n    c = 2\n    d {\n"
        "        # <root>:0\n        e = 3\n    }\n}\n")
    out = io.StringIO()
    n.get("b").dump(out, 1, show_source=False)
    assert out.getvalue() == "    c = 2\n    d {\n        e = 3\n    }\n"


def test_empty_key_makes_keys_r_print_like_ncg() -> None:
    n = Node()
    n.node("!!").set("x!y", "1")  # trailing "!" are dropped: the key is ""
    assert n.keys_r() == ["!", "!!x", "!x!y"]


def test_metadata_outside_reading_raises_like_ncg() -> None:
    with pytest.raises(NoMethodError, match="undefined method `filename' for nil:NilClass"):
        Node().get("{FILENAME}")
    with pytest.raises(ArgumentError, match="Unknown metadata request '{X}'"):
        Node().get("{X}")


def test_paranoid_mode_refuses_complex_simple_keys() -> None:
    n = Node()
    n.set("a(b", "1")
    with settings.activated(settings.Settings(paranoid=True)):
        for key in ("a(b", "x{y", "a(b!c"):
            with pytest.raises(ArgumentError, match="must be a simple key"):
                n.get(key)
        n.set("plain", "ok")
        assert n.get("plain") == "ok"


def test_node_on_a_value_raises_ncgs_name_error() -> None:
    n = Node()
    n.set("a", "x")
    with pytest.raises(Exception, match="undefined local variable or method `k'") as info:
        n.node("a")
    assert type(info.value).ruby_name == "NameError"  # type: ignore[attr-defined]


def test_deep_paths_need_no_deep_python_stack() -> None:
    n = Node()
    key = "!".join(["a"] * 5000)
    n.set(key, "deep")
    assert n.get(key) == "deep"
    assert len(n.keys_r()) == 5000
    n.dump(io.StringIO())


def test_sort_by_subkey_keeps_the_order_of_ties() -> None:
    # NCG 0.10.3 on glibc sorts stably: "a1" and "a01" tie, nil ties with nil
    n = Node()
    for name, value in [("k0", "b"), ("k1", None), ("k2", "a01"), ("k3", "a1"), ("k4", None),
                        ("k5", "a1"), ("k6", "b"), ("k7", "a01")]:
        n.set(f"{name}!id", name)
        if value is not None:
            n.set(f"{name}!v", value)
    assert [k for k, _ in n.sort_by_subkey("v")] == [
        "k2", "k3", "k5", "k7", "k0", "k6", "k1", "k4"]
    assert [k for k, _ in n.sort_by_subkey("v", lambda a, b: 0)] == [f"k{i}" for i in range(8)]


def test_to_plain_keeps_key_order_and_shows_values_as_text() -> None:
    root = Node()
    root.set("!devices!sw2!name", "sw2")
    root.set("!devices!sw1!name", "sw1")
    root.set("!devices!sw1!ports", 48)
    root.set("!domain", "example.net")
    plain = root.to_plain()
    assert plain == {"devices": {"sw2": {"name": "sw2"}, "sw1": {"name": "sw1", "ports": "48"}},
                     "domain": "example.net"}
    assert list(plain["devices"]) == ["sw2", "sw1"]


def test_inheritor_is_read_again_by_its_key_path() -> None:
    # "(...)!x" reads the inheritor's key path, then x: from a node whose
    # place was taken, that path leads to the new node, which has no x
    root = Node()
    root.set("!a!b!c", "1")
    old_a = root.get("a")
    old_a.set("x", "ox")
    root.set("a", Node(root))
    assert old_a.get("b!(...)!x") is None
    # a node named "" has the key path of its parent: NCG 0.10.3 gives "rx"
    r2 = Node()
    r2.set("x", "rx")
    e = r2.node("")
    e.set("x", "ex")
    assert e.node("c").get("(...)!x") == "rx"


def test_paranoid_inheritor_path_must_be_simple() -> None:
    """The same path, read again with -p: refused, not remembered from before."""
    root = Node()
    root.set("a{b}!y", "deep")
    root.set("a{b}!z!w", "1")
    z = root.child("a{b}").child("z")
    assert z.get("(...)!y") == "deep"
    with settings.activated(Settings(paranoid=True)), \
            pytest.raises(ArgumentError, match="must be a simple key"):
        z.get("(...)!y")


def test_a_path_read_again_after_a_change_sees_the_change() -> None:
    """Key paths a node resolved are remembered only until any node changes."""
    root = Node()
    root.set("idioms!shutdown!ncg_template", "root.ncg")
    port = root.node("devices!sw1!ports!p1")
    device = root.get("devices!sw1")
    assert port.get("(...)!idioms!shutdown!ncg_template") == "root.ncg"
    device.set("idioms!shutdown!ncg_template", "device.ncg")  # a nearer ancestor has it now
    assert port.get("(...)!idioms!shutdown!ncg_template") == "device.ncg"
    device.get("idioms").delete("shutdown")
    assert port.get("(...)!idioms!shutdown!ncg_template") == "root.ncg"
    assert port.get("(..)!(>)") is None
    root.get("devices!sw1!ports").set("(+)!name", "p2")
    assert port.get("(..)!(>)!name") == "p2"
    assert port.has_key("(..)!(>)!name")


def test_keys_having_key_depth_first_past_nodes_of_values() -> None:
    root = Node()
    root.set("a!ncg_output", "1")
    root.set("a!b!x", "leaf")  # values only, without the key: nothing below it
    root.set("a!b2!c!ncg_output", "2")
    root.set("d!ncg_output", "3")
    root.set("d!e!ncg_output", "4")
    root.set("f", "value")
    assert root.keys_having_key("ncg_output") == ["!a", "!a!b2!c", "!d", "!d!e"]
    assert root.get("a").keys_having_key("ncg_output") == ["!a", "!b2!c"]
