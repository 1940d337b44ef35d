"""Whole templates against real Ruby 3.1's ERB, grouped by topic.

Each `snippets/*.txt` file holds templates, one per block, separated by
lines of `----`; `snippets/recorded.json` holds what Ruby printed for each
(`ERR Class: message` when it raised). Re-record after adding templates:

    python -m tests.runtime.test_snippets     # needs `ruby`

ERB runs as NCG runs it (trim mode "-").
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ncg.ruby.runtime as rb
from ncg.errors import RubyError
from ncg.template.engine import Environment

HERE = Path(__file__).parent / "snippets"
RECORDED = HERE / "recorded.json"
SEPARATOR = "\n----\n"
RUBY = (
    'require "erb"; t = STDIN.read; '
    'begin; print ERB.new(t, trim_mode: "-").result; '
    'rescue Exception => e; print "ERR #{e.class}: #{e.message}"; end'
)


def snippets() -> list[tuple[str, str]]:
    """(topic, template) for every template of every topic file."""
    found = []
    for path in sorted(HERE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += [(path.stem, t) for t in text.split(SEPARATOR) if t.strip()]
    return found


def ncg_output(template: str) -> str:
    rb.begin_run([])  # each template is a process of its own in Ruby
    try:
        env = Environment()
        return env.render(env.compile(template, "t.ncg"), {})
    except RubyError as exc:
        return f"ERR {exc.ruby_name}: {exc.message}"


def recorded() -> dict[str, str]:
    return json.loads(RECORDED.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("topic", "template"), snippets(),
                         ids=[f"{t}:{s[:40]}" for t, s in snippets()])
def test_snippet_matches_ruby(topic: str, template: str) -> None:
    expected = recorded()
    assert template in expected, "not recorded yet: run python -m tests.runtime.test_snippets"
    assert ncg_output(template) == expected[template]


def record() -> None:
    results = {}
    for _, template in snippets():
        run = subprocess.run(["ruby", "-e", RUBY], input=template.encode(), capture_output=True,
                             check=True)
        results[template] = run.stdout.decode("utf-8", "surrogateescape")
    text = json.dumps(results, indent=1, ensure_ascii=False) + "\n"
    # bytes that are no UTF-8 (surrogate escapes) as JSON's \\uDCxx escapes
    text = re.sub("[\udc80-\udcff]", lambda m: f"\\u{ord(m[0]):04x}", text)
    RECORDED.write_text(text, encoding="utf-8")
    print(f"recorded {len(results)} templates", file=sys.stderr)


if __name__ == "__main__":
    record()
