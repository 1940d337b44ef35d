"""Generation: every node with `ncg_output` gets its config file written.

Nodes are visited in tree order; each is rendered with the template named by
its `ncg_template`, with `@net`, `@target` and `@target_key` set, and the
result (final newline chomped) is written to the path `ncg_output` gives.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from ncg.errors import RubyError, RuntimeError_
from ncg.model.node import Node
from ncg.output import write_output
from ncg.process import Signalled

# renders a template file with these instance variables (the engine's apply_by_filename)
Apply = Callable[[str, dict[str, Any]], str]


def generate_one(net: Node, target_key: str, apply: Apply, verbose: bool) -> None:
    target = net.get(target_key)
    if verbose:
        sys.stderr.write(f"Generating {target.get('ncg_output')} for {target_key}\n")
    template = target.get("ncg_template")
    if template is None:
        error = RuntimeError_(
            f"Target '{target_key}' has 'ncg_output' key,but no 'ncg_template' key"
        )
        error.add_location(target.source)
        raise error
    text = apply(template, {"@net": net, "@target_key": target_key, "@target": target})
    write_output(target.get("ncg_output"), text)


def generate_all(net: Node, apply: Apply, verbose: bool = False) -> None:
    for target_key in net.keys_having_key("ncg_output"):
        try:
            generate_one(net, target_key, apply, verbose)
        except RubyError as error:
            if not error.trace:  # writing the file failed
                error.add_location(net.get(target_key).source)
            raise
        except Signalled as signalled:
            signalled.located(net.get(target_key).source)
            raise
