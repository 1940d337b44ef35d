"""Short names for calling the runtime the way compiled templates do."""

from collections.abc import Callable
from typing import Any

import ncg.ruby.runtime as rb
from ncg.errors import RubyError

s = rb.send
fn = rb.call_fn
C = rb.const
sym = rb.sym


def R(first: Any, last: Any, exclusive: bool = False) -> rb.Range:
    return rb.Range(first, last, exclusive)


def outcome(call: Callable[[], Any]) -> str:
    """What Ruby's `p` prints for the value, or `Class: message` for an error."""
    try:
        return rb.inspect(call())
    except RubyError as error:
        return f"{error.ruby_name}: {error.message}"
