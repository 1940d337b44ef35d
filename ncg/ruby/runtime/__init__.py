"""The Ruby core library for compiled templates: `import ncg.ruby.runtime as rb`.

Importing this package registers every Ruby class's methods (one module per
class) into the dispatch tables of `core`; the names below are the whole API
that the template compiler emits (see docs/architecture.md).
"""

import importlib

from ncg.ruby.runtime.blocks import BlockBreak, bind_block_args, block_iter, destructure
from ncg.ruby.runtime.consts import RubyHash, class_of, const
from ncg.ruby.runtime.core import (
    RClass,
    call_fn,
    find_method,
    method,
    register_function,
    send,
)
from ncg.ruby.runtime.defined import defined_const, defined_function, defined_method
from ncg.ruby.runtime.errors import rescue_match, to_ruby_error
from ncg.ruby.runtime.frame import (
    Frame,
    frame,
    last_match,
    nth_ref,
    pop_frame,
    post_match,
    pre_match,
    push_frame,
)
from ncg.ruby.runtime.globals import gvar, gvar_defined, gvar_set, reset_globals
from ncg.ruby.runtime.range import Range
from ncg.ruby.runtime.string import send_bang
from ncg.ruby.runtime.symbol import Symbol
from ncg.ruby.runtime.values import case_eq, dstr, eq, inspect, regexp, sym, to_s, truthy

# each module registers its Ruby class's methods when imported
for _module in (
    "array", "enumerable", "hash", "lazy", "regexp", "string", "boolean", "file",
    "float", "integer", "kernel", "math_module", "nil", "object", "proc",
    "time",
):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = [
    "BlockBreak",
    "Frame",
    "RClass",
    "Range",
    "RubyHash",
    "Symbol",
    "bind_block_args",
    "block_iter",
    "call_fn",
    "case_eq",
    "class_of",
    "const",
    "defined_const",
    "defined_function",
    "defined_method",
    "destructure",
    "dstr",
    "eq",
    "find_method",
    "frame",
    "gvar",
    "gvar_defined",
    "gvar_set",
    "inspect",
    "last_match",
    "method",
    "nth_ref",
    "pop_frame",
    "post_match",
    "pre_match",
    "push_frame",
    "regexp",
    "register_function",
    "reset_globals",
    "rescue_match",
    "send",
    "send_bang",
    "sym",
    "to_ruby_error",
    "to_s",
    "truthy",
]
