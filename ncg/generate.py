"""Generation: every node with `ncg_output` gets its config rendered.

Nodes are visited in tree order (`target_keys`); each is rendered with the
template named by its `ncg_template`, with `@net`, `@target` and
`@target_key` set; `ncg.app` writes the result to the path `ncg_output`
gives, or compares it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ncg.errors import RubyError, RuntimeError_
from ncg.model.node import Node
from ncg.process import Signalled

# renders a template file with these instance variables (the engine's apply_by_filename)
Apply = Callable[[str, dict[str, Any]], str]


def render_one(net: Node, target_key: str, apply: Apply, verbose: bool) -> tuple[str, str]:
    """The config of one target: (its `ncg_output` path, the rendered text)."""
    target = net.get(target_key)
    if verbose:
        announce(net, target_key)
    template = target.get("ncg_template")
    if template is None:
        error = RuntimeError_(
            f"Target '{target_key}' has 'ncg_output' key,but no 'ncg_template' key"
        )
        error.add_location(target.source)
        raise error
    text = apply(template, {"@net": net, "@target_key": target_key, "@target": target})
    return target.get("ncg_output"), text


def announce(net: Node, target_key: str) -> None:
    """-v: the line naming the target about to be generated."""
    sys.stderr.write(f"Generating {net.get(target_key).get('ncg_output')} for {target_key}\n")


@contextmanager
def located(net: Node, target_key: str) -> Iterator[None]:
    """Errors without a place of their own (writing the file failed, a signal)
    are reported at the target's node."""
    try:
        yield
    except RubyError as error:
        if not error.trace:
            error.add_location(net.get(target_key).source)
        raise
    except Signalled as signalled:
        signalled.located(net.get(target_key).source)
        raise


def target_keys(net: Node) -> list[str]:
    """The targets, in the order they are generated: tree order."""
    return net.keys_having_key("ncg_output")
