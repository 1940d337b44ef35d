"""Netomata::Node methods: expected values rendered by the original NCG (see recorded.py).

A Node is a Hashery::Dictionary: `each` yields two values, `select` gives
pairs, `first` a value, `to_s` is `to_a.to_s`, `key?` is simple-key only.
"""
# ruff: noqa: E501 (recorded Ruby output is kept on one line per case)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ncg.model import load
from ncg.ruby.runtime.blocks import bind_block_args
from ncg.ruby.runtime.core import send
from ncg.template.engine import Environment

from .recorded import NodeCall

MODEL = """\
vlans {
    v10 {
        id = 10
        name = users
        active = yes
    }
    v2 {
        id = 2
        name = mgmt
    }
    v100 {
        id = 100
        name = dmz
        active = No
    }
}
title = hello
out {
    ncg_template = t.ncg
    ncg_output = out/t.txt
}
"""


def vl(root: Any) -> Any:
    return send(root, "[]", "!vlans")


def v(root: Any) -> Any:
    return send(vl(root), "[]", "v10")


def on_vl(name: str, *args: Any, block: Callable[..., Any] | None = None) -> Callable[[Any], Any]:
    return lambda root: send(vl(root), name, *args, block=block)


def on_v(name: str, *args: Any, block: Callable[..., Any] | None = None) -> Callable[[Any], Any]:
    return lambda root: send(v(root), name, *args, block=block)


def pair(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A block |k, x|, whether it is given k and x or one packed [k, x]."""
    return lambda *args: fn(*bind_block_args(args, 2))


def subkey(node: Any, key: str) -> Any:
    return send(node, "[]", key)


def as_int(text: Any) -> int:
    return send(text, "to_i")


CASES = [
    NodeCall("v.inspect", on_v("inspect")),
    NodeCall("v.to_s", on_v("to_s")),
    NodeCall("vl.inspect", on_vl("inspect")),
    NodeCall("vl.to_s", on_vl("to_s")),
    NodeCall("v.to_a", on_v("to_a")),
    NodeCall("v.to_h", on_v("to_h")),
    NodeCall("vl.first.first", lambda r: send(send(vl(r), "first"), "first")),
    NodeCall("v.first", on_v("first")),
    NodeCall("v.first(2)", on_v("first", 2)),
    NodeCall("v.last", on_v("last")),
    NodeCall("v.last(2)", on_v("last", 2)),
    NodeCall("vl.keys", on_vl("keys")),
    NodeCall("v.values", on_v("values")),
    NodeCall("v.size", on_v("size")),
    NodeCall("v.length", on_v("length")),
    NodeCall("v.count", on_v("count")),
    NodeCall("v.empty?", on_v("empty?")),
    NodeCall("v.key", on_v("key")),
    NodeCall("vl.key", on_vl("key")),
    NodeCall('@target["!"].key', lambda r: send(send(r, "[]", "!"), "key")),
    NodeCall("v.parent.key", lambda r: send(send(v(r), "parent"), "key")),
    NodeCall("v.root.key", lambda r: send(send(v(r), "root"), "key")),
    NodeCall("v.source", on_v("source")),
    # lookups
    NodeCall('v["id"]', on_v("[]", "id")),
    NodeCall('v["!title"]', on_v("[]", "!title")),
    NodeCall('v["(..)!v2!name"]', on_v("[]", "(..)!v2!name")),
    NodeCall('v["zz"]', on_v("[]", "zz")),
    NodeCall('vl["(name=dmz)!id"]', on_vl("[]", "(name=dmz)!id")),
    NodeCall('v.fetch("id")', on_v("fetch", "id")),
    NodeCall('v.fetch("zz", "d")', on_v("fetch", "zz", "d")),
    NodeCall('v.fetch("zz")', on_v("fetch", "zz")),
    NodeCall('v.fetch("zz") { "b" }', on_v("fetch", "zz", block=lambda: "b")),
    NodeCall('vl.has_key?("v10!id")', on_vl("has_key?", "v10!id")),
    NodeCall('vl.has_key?("(id=100)!name")', on_vl("has_key?", "(id=100)!name")),
    NodeCall('vl.has_key?("v3")', on_vl("has_key?", "v3")),
    NodeCall('vl.key?("v10!id")', on_vl("key?", "v10!id")),
    NodeCall('vl.key?("v10")', on_vl("key?", "v10")),
    NodeCall('vl.include?("v10")', on_vl("include?", "v10")),
    NodeCall('vl.member?("v10")', on_vl("member?", "v10")),
    NodeCall('v.affirm?("active")', on_v("affirm?", "active")),
    NodeCall('vl["v100"].affirm?("active")', lambda r: send(subkey(vl(r), "v100"), "affirm?",
                                                            "active")),
    NodeCall('vl["v2"].affirm?("active")', lambda r: send(subkey(vl(r), "v2"), "affirm?",
                                                          "active")),
    # iteration
    NodeCall("v.select { |k, x| k == 'id' }", on_v("select", block=lambda k, x: k == "id")),
    NodeCall("v.select { |k| k == 'id' }", on_v("select", block=lambda *k: k[0] == "id")),
    NodeCall("v.filter { |k, x| k == 'id' }", on_v("filter", block=pair(lambda k, x: k == "id"))),
    NodeCall("v.reject { |k, x| k == 'id' }", on_v("reject", block=lambda k, x: k == "id")),
    NodeCall("v.reject { |k, x| k == 'id' }.class",
             lambda r: send(send(v(r), "reject", block=lambda k, x: k == "id"), "class")),
    NodeCall("v.map { |x| x }", on_v("map", block=lambda *x: x[0])),
    NodeCall("vl.map { |k, x| x['name'] }", on_vl("map", block=lambda k, x: subkey(x, "name"))),
    NodeCall("vl.collect { |k, x| k }", on_vl("collect", block=lambda k, x: k)),
    NodeCall("v.find { |k, x| x == 'users' }", on_v("find", block=pair(lambda k, x: x == "users"))),
    NodeCall("v.sort", on_v("sort")),
    NodeCall("vl.sort_by { |k, x| x['id'].to_i }.map { |k, x| k }",
             lambda r: send(send(vl(r), "sort_by", block=pair(lambda k, x: as_int(subkey(x, "id")))),
                            "map", block=pair(lambda k, x: k))),
    NodeCall("v.count { |k, x| x.size > 2 }", on_v("count", block=lambda k, x: len(x) > 2)),
    NodeCall('v.inject("") { |s, (k, x)| s + k }',
             on_v("inject", "", block=lambda s, kx: s + kx[0])),
    NodeCall("v.any? { |k, x| x == 'yes' }", on_v("any?", block=lambda k, x: x == "yes")),
    NodeCall("v.all? { |k, x| x.size > 1 }", on_v("all?", block=lambda k, x: len(x) > 1)),
    NodeCall("v.each_with_index.map { |(k, x), i| k * i }",
             lambda r: send(send(v(r), "each_with_index"), "map",
                            block=pair(lambda kx, i: kx[0] * i))),
    NodeCall("v.each { |k, x| }.equal?(v)",
             lambda r: send(v(r), "each", block=lambda k, x: None) is v(r)),
    NodeCall("v.each_key.to_a", lambda r: send(send(v(r), "each_key"), "to_a")),
    NodeCall("vl.min_by { |k, x| x['id'].to_i }.first",
             lambda r: send(send(vl(r), "min_by", block=pair(lambda k, x: as_int(subkey(x, "id")))),
                            "first")),
    NodeCall("vl.max_by { |k, x| x['id'].to_i }[0]",
             lambda r: send(send(vl(r), "max_by", block=pair(lambda k, x: as_int(subkey(x, "id")))),
                            "[]", 0)),
    NodeCall("vl.group_by { |k, x| x['active'] }.keys",
             lambda r: send(send(vl(r), "group_by", block=pair(lambda k, x: subkey(x, "active"))),
                            "keys")),
    NodeCall("vl.values.sort_by { |x| x['id'].to_i }.map { |x| x['id'] }",
             lambda r: send(send(send(vl(r), "values"), "sort_by",
                                 block=lambda x: as_int(subkey(x, "id"))),
                            "map", block=lambda x: subkey(x, "id"))),
    # Netomata's own
    NodeCall("vl.keys_r", on_vl("keys_r")),
    NodeCall('@target["!"].keys_having_key("active")',
             lambda r: send(send(r, "[]", "!"), "keys_having_key", "active")),
    NodeCall("vl.sort_by_subkey('name').map { |k, x| k }",
             lambda r: send(send(vl(r), "sort_by_subkey", "name"), "map",
                            block=pair(lambda k, x: k))),
    NodeCall("vl.sort_by_subkey('id') { |a, b| b.to_i <=> a.to_i }.map { |k, x| k }",
             lambda r: send(send(vl(r), "sort_by_subkey", "id",
                                 block=lambda a, b: send(as_int(b), "<=>", as_int(a))),
                            "map", block=pair(lambda k, x: k))),
    NodeCall("vl.each_by_subkey('name') { |k, x| }.map(&:first)",
             lambda r: send(send(vl(r), "each_by_subkey", "name", block=lambda *a: None), "map",
                            block=lambda kx: kx[0])),
    NodeCall("vl.each_r { |p, k, x| }.key", lambda r: send(send(vl(r), "each_r",
                                                               block=lambda p, k, x: None), "key")),
    NodeCall("v == v.dup", lambda r: send(v(r), "==", send(v(r), "dup"))),
    NodeCall('v == vl["v2"]', lambda r: send(v(r), "==", subkey(vl(r), "v2"))),
    NodeCall("v.equivalent(v.dup)", lambda r: send(v(r), "equivalent", send(v(r), "dup"))),
    NodeCall('v.merge({"q" => "r"})', on_v("merge", {"q": "r"})),
    NodeCall("v.invert", on_v("invert")),
]

EXPECTED = [
    '"{\\"id\\"=>\\"10\\", \\"name\\"=>\\"users\\", \\"active\\"=>\\"yes\\"}"',
    '"[[\\"id\\", \\"10\\"], [\\"name\\", \\"users\\"], [\\"active\\", \\"yes\\"]]"',
    '"{\\"v10\\"=>{\\"id\\"=>\\"10\\", \\"name\\"=>\\"users\\", \\"active\\"=>\\"yes\\"}, \\"v2\\"=>{\\"id\\"=>\\"2\\", \\"name\\"=>\\"mgmt\\"}, \\"v100\\"=>{\\"id\\"=>\\"100\\", \\"name\\"=>\\"dmz\\", \\"active\\"=>\\"No\\"}}"',
    '"[[\\"v10\\", {\\"id\\"=>\\"10\\", \\"name\\"=>\\"users\\", \\"active\\"=>\\"yes\\"}], [\\"v2\\", {\\"id\\"=>\\"2\\", \\"name\\"=>\\"mgmt\\"}], [\\"v100\\", {\\"id\\"=>\\"100\\", \\"name\\"=>\\"dmz\\", \\"active\\"=>\\"No\\"}]]"',
    '[["id", "10"], ["name", "users"], ["active", "yes"]]',
    '{"id"=>"10", "name"=>"users", "active"=>"yes"}',
    '"10"',
    '"10"',
    '["10", "users"]',
    '"yes"',
    '["users", "yes"]',
    '["v10", "v2", "v100"]',
    '["10", "users", "yes"]',
    '3',
    '3',
    '3',
    'false',
    '"!vlans!v10"',
    '"!vlans"',
    '"!"',
    '"!vlans"',
    '"!"',
    '"main.neto:2"',
    '"10"',
    '"hello"',
    '"mgmt"',
    'nil',
    '"100"',
    '"10"',
    '"d"',
    'nil',
    '"b"',
    'true',
    'true',
    'false',
    'false',
    'true',
    'false',
    'false',
    'true',
    'false',
    'false',
    '[["id", "10"]]',
    '[["id", "10"]]',
    '[["id", "10"]]',
    '{"name"=>"users", "active"=>"yes"}',
    'Netomata::Node',
    '["id", "name", "active"]',
    '["users", "mgmt", "dmz"]',
    '["v10", "v2", "v100"]',
    '["name", "users"]',
    '[["active", "yes"], ["id", "10"], ["name", "users"]]',
    '["v2", "v10", "v100"]',
    '2',
    '"idnameactive"',
    'true',
    'true',
    '["", "name", "activeactive"]',
    'true',
    'ERR LocalJumpError: no block given (yield)',
    '"v2"',
    '"v100"',
    '["yes", nil, "No"]',
    '["2", "10", "100"]',
    '["!v10", "!v10!id", "!v10!name", "!v10!active", "!v2", "!v2!id", "!v2!name", "!v100", "!v100!id", "!v100!name", "!v100!active"]',
    '["!vlans!v10", "!vlans!v100"]',
    '["v100", "v2", "v10"]',
    '["v100", "v10", "v2"]',
    '["v100", "v2", "v10"]',
    '"!vlans"',
    'true',
    'false',
    'true',
    '{"id"=>"10", "name"=>"users", "active"=>"yes", "q"=>"r"}',
    '{"10"=>"id", "users"=>"name", "yes"=>"active"}',
]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Any:
    here = tmp_path_factory.mktemp("model")
    (here / "main.neto").write_text(MODEL)
    import os

    cwd = os.getcwd()
    os.chdir(here)
    try:
        return load(["main.neto"], Environment().render_snippet)
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize(("case", "expected"), list(zip(CASES, EXPECTED, strict=True)),
                         ids=[c.ruby for c in CASES])
def test_recorded(root: Any, case: NodeCall, expected: str) -> None:
    assert case.run(root) == expected
