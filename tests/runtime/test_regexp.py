"""Regexp and MatchData: expected values printed by Ruby 3.1 (see recorded.py)."""
# ruff: noqa: E501 (recorded Ruby output is kept on one line per case)

from __future__ import annotations

import pytest

from ncg.ruby.runtime.core import send
from ncg.ruby.runtime.regexp import Regexp, escape, regexp_new, union
from ncg.ruby.runtime.symbol import Symbol

from .recorded import Call


def rx(source: str, flags: str = "") -> Regexp:
    return Regexp.cached(source, flags)


def md(source: str, text: str) -> object:
    """The MatchData of `text =~ /source/` (the receiver of MatchData cases)."""
    return rx(source).search(text)


IFACE = "GigabitEthernet1/0/24.100"
CAPTURES = "(\\d+)\\/(\\d+)\\/(\\d+)"
NAMED = "(?<kind>[A-Za-z]+)(?<num>[\\d\\/]+)"


def md_call(source: str, text: str, name: str, *args: object) -> Call:
    """A MatchData method call: Ruby builds the receiver with String#match."""
    ruby_recv = f"{send(text, 'inspect')}.match({rx(source).inspect()})"
    return Call(md(source, text), name, args, ruby_recv=ruby_recv)


CASES = [
    # matching operators and $~
    Call(rx("Ethernet"), "=~", (IFACE,), last_match=True),
    Call(rx("Serial"), "=~", (IFACE,), last_match=True),
    Call(rx("a"), "=~", (None,)),
    Call(rx("^([A-Za-z]+)([\\d\\/]+)\\.(\\d+)$"), "match", (IFACE,)),
    Call(rx("x"), "match", (IFACE,), last_match=True),
    Call(rx("\\d"), "match", (IFACE, 20)),
    Call(rx("\\d"), "match?", (IFACE,), last_match=True),
    Call(rx("a"), "===", ("cat",)),
    Call(rx("a"), "===", (Symbol.of("cat"),)),
    Call(rx("a"), "===", (1,)),
    Call(rx("a"), "===", (None,)),
    # Ruby syntax that Python spells differently
    Call(rx("^y"), "=~", ("x\ny",)),
    Call(rx("\\Ay"), "=~", ("x\ny",)),
    Call(rx("x$"), "=~", ("x\ny",)),
    Call(rx("y\\Z"), "=~", ("x\ny\n",)),
    Call(rx("y\\z"), "=~", ("x\ny\n",)),
    Call(rx("a.b", "m"), "=~", ("a\nb",)),
    Call(rx("a.b"), "=~", ("a\nb",)),
    Call(rx("gig", "i"), "=~", ("GIG",)),
    Call(rx("é", "i"), "=~", ("É",)),
    Call(rx("\\w"), "=~", ("é",)),
    Call(rx("\\d"), "=~", ("٣",)),
    Call(rx("\\s"), "=~", ("\u00a0",)),
    Call(rx("[[:alpha:]]+"), "match", ("12éa3",)),
    Call(rx("[[:digit:][:space:]]+"), "match", ("ab1 2c",)),
    Call(rx("[[:punct:]]"), "match", ("ab,c",)),
    Call(rx("\\h+"), "match", ("xx1fAg",)),
    Call(rx("[\\h-]+"), "match", ("x1-fz",)),
    Call(rx("\\H"), "match", ("1fz",)),
    Call(rx("(?<a>x)(y)"), "match", ("xy",)),
    Call(rx("(?<w>a)\\k<w>"), "match", ("baa",)),
    Call(rx("(a)\\1"), "match", ("baa",)),
    Call(rx("a(?i)b"), "=~", ("aB",)),
    Call(rx("a(?i)b"), "=~", ("AB",)),
    Call(rx("(?i)b"), "=~", ("aB",)),
    Call(rx("(x(?i)b)c"), "=~", ("xBc",)),
    Call(rx("(x(?i)b)c"), "=~", ("xBC",)),
    Call(rx("(?m)a.b"), "=~", ("a\nb",)),
    Call(rx("(?m:a.b)c"), "=~", ("a\nbc",)),
    Call(rx("(?i-m:a.b)"), "=~", ("A\nB",)),
    Call(rx("a # comment\n b", "x"), "=~", ("ab",)),
    Call(rx("\\e"), "=~", ("a\x1b",)),
    Call(rx("\\u{41}"), "=~", ("xA",)),
    Call(rx("[a[bc]]+"), "match", ("xcab",)),
    Call(rx("\\p{Alpha}+"), "match", ("12ab3",)),
    Call(rx("a/b"), "=~", ("a/b",)),
    Call(rx("a\\/b"), "=~", ("a/b",)),
    Call(rx("x*"), "match", ("abc",)),
    Call(rx("(?<=a)b"), "=~", ("ab",)),
    Call(rx("a++b"), "=~", ("aab",)),
    Call("hello world", "scan", (rx("[a-z&&[^aeiou]]+"),)),
    Call("hello WORLD", "scan", (rx("[^a-z&&[^aeiou]]+"),)),
    Call("xcabz", "scan", (rx("[^a[bc]]+"),)),
    Call("1256", "scan", (rx("[\\d&&[^5]]+"),)),
    Call("x1a2y", "scan", (rx("[[:digit:]a]+"),)),
    Call("a]b", "scan", (rx("[]a]+"),)),
    Call("a.b", "scan", (rx("\\Qa.b\\E"),)),
    Call("10.0.0.1 and 192.168.1.254/24", "scan", (rx("\\d{1,3}(\\.\\d{1,3}){3}"),)),
    Call("a\n\n  \nb\n", "gsub", (rx("^\\s*$"), "<>")),
    # printing
    Call(rx("a.b"), "source"),
    Call(rx("a.b", "i"), "to_s"),
    Call(rx("x", "mix"), "to_s"),
    Call(rx("x"), "to_s"),
    Call(rx("a.b", "i"), "inspect"),
    Call(rx("a/b"), "inspect"),
    Call(rx("a\\/b"), "inspect"),
    Call(rx("x"), "options"),
    Call(rx("x", "mix"), "options"),
    Call(rx("x", "i"), "casefold?"),
    Call(rx("(?<a>x)(?<b>y)"), "names"),
    Call(rx("x"), "==", (rx("x"),)),
    Call(rx("x", "i"), "==", (rx("x"),)),
    # MatchData
    md_call(CAPTURES, IFACE, "[]", 0),
    md_call(CAPTURES, IFACE, "[]", 1),
    md_call(CAPTURES, IFACE, "[]", -1),
    md_call(CAPTURES, IFACE, "[]", 4),
    md_call(CAPTURES, IFACE, "[]", 1, 2),
    md_call(CAPTURES, IFACE, "pre_match"),
    md_call(CAPTURES, IFACE, "post_match"),
    md_call(CAPTURES, IFACE, "captures"),
    md_call(CAPTURES, IFACE, "to_a"),
    md_call(CAPTURES, IFACE, "to_s"),
    md_call(CAPTURES, IFACE, "size"),
    md_call(CAPTURES, IFACE, "begin", 0),
    md_call(CAPTURES, IFACE, "end", 2),
    md_call(CAPTURES, IFACE, "offset", 3),
    md_call(CAPTURES, IFACE, "values_at", 1, 3),
    md_call(CAPTURES, IFACE, "inspect"),
    md_call(CAPTURES, IFACE, "string"),
    md_call(NAMED, IFACE, "[]", Symbol.of("kind")),
    md_call(NAMED, IFACE, "[]", "num"),
    md_call(NAMED, IFACE, "[]", "nope"),
    md_call(NAMED, IFACE, "[]", 2),
    md_call(NAMED, IFACE, "named_captures"),
    md_call(NAMED, IFACE, "names"),
    md_call(NAMED, IFACE, "inspect"),
    md_call("(?<a>x)(?<b>y)?", "x", "inspect"),
    md_call("(a)(b)?", "a", "inspect"),
    md_call("(a)(b)?", "a", "captures"),
]

EXPECTED = [
    '[7, #<MatchData "Ethernet">]',
    '[nil, nil]',
    'nil',
    '#<MatchData "GigabitEthernet1/0/24.100" 1:"GigabitEthernet" 2:"1/0/24" 3:"100">',
    '[nil, nil]',
    '#<MatchData "4">',
    '[true, nil]',
    'true',
    'true',
    'false',
    'false',
    '2',
    'nil',
    '0',
    '2',
    'nil',
    '0',
    'nil',
    '0',
    '0',
    'nil',
    'nil',
    'nil',
    '#<MatchData "éa">',
    '#<MatchData "1 2">',
    '#<MatchData ",">',
    '#<MatchData "1fA">',
    '#<MatchData "1-f">',
    '#<MatchData "z">',
    '#<MatchData "xy" a:"x">',
    '#<MatchData "aa" w:"a">',
    '#<MatchData "aa" 1:"a">',
    '0',
    'nil',
    '1',
    '0',
    'nil',
    '0',
    '0',
    'nil',
    '0',
    '1',
    '1',
    '#<MatchData "cab">',
    '#<MatchData "ab">',
    '0',
    '0',
    '#<MatchData "">',
    '1',
    '0',
    '["h", "ll", "w", "rld"]',
    '["e", "o WORLD"]',
    '["x", "z"]',
    '["12", "6"]',
    '["1a2"]',
    '["a]"]',
    '[]',
    '[[".1"], [".254"]]',
    '"a\\n<>\\nb\\n"',
    '"a.b"',
    '"(?i-mx:a.b)"',
    '"(?mix:x)"',
    '"(?-mix:x)"',
    '"/a.b/i"',
    '"/a\\\\/b/"',
    '"/a\\\\/b/"',
    '0',
    '7',
    'true',
    '["a", "b"]',
    'true',
    'false',
    '"1/0/24"',
    '"1"',
    '"24"',
    'nil',
    '["1", "0"]',
    '"GigabitEthernet"',
    '".100"',
    '["1", "0", "24"]',
    '["1/0/24", "1", "0", "24"]',
    '"1/0/24"',
    '4',
    '15',
    '18',
    '[19, 21]',
    '["1", "24"]',
    '"#<MatchData \\"1/0/24\\" 1:\\"1\\" 2:\\"0\\" 3:\\"24\\">"',
    '"GigabitEthernet1/0/24.100"',
    '"GigabitEthernet"',
    '"1/0/24"',
    'ERR IndexError: undefined group name reference: nope',
    '"1/0/24"',
    '{"kind"=>"GigabitEthernet", "num"=>"1/0/24"}',
    '["kind", "num"]',
    '"#<MatchData \\"GigabitEthernet1/0/24\\" kind:\\"GigabitEthernet\\" num:\\"1/0/24\\">"',
    '"#<MatchData \\"x\\" a:\\"x\\" b:nil>"',
    '"#<MatchData \\"a\\" 1:\\"a\\" 2:nil>"',
    '["a", nil]',
]


@pytest.mark.parametrize(("case", "expected"), list(zip(CASES, EXPECTED, strict=True)),
                         ids=[c.ruby_line()[15:75] for c in CASES])
def test_recorded(case: Call, expected: str) -> None:
    assert case.run() == expected


def test_escape_union_and_new() -> None:
    # ruby -e 'p Regexp.escape("a.b*c?+^$|\\()[]{}- #\n\t/x")'
    assert escape("a.b*c?+^$|\\()[]{}- #\n\t/x") == \
        "a\\.b\\*c\\?\\+\\^\\$\\|\\\\\\(\\)\\[\\]\\{\\}\\-\\ \\#\\n\\t/x"
    # ruby -e 'p Regexp.union("a.b", /c/i, "d"), Regexp.union'
    assert union("a.b", rx("c", "i"), "d").inspect() == "/a\\.b|(?i-mx:c)|d/"
    assert union().inspect() == "/(?!)/"
    # ruby -e 'p Regexp.new("1.2") =~ "1x2", Regexp.new("a", true).inspect, Regexp.new("a", "mi")'
    assert regexp_new("1.2").match_index("1x2") == 0
    assert regexp_new("a", True).inspect() == "/a/i"
    assert regexp_new("a", "mi").inspect() == "/a/mi"


def test_literals_are_compiled_once() -> None:
    assert Regexp.cached("a+b", "i") is Regexp.cached("a+b", "i")
