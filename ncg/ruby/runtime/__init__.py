"""The Ruby core library for compiled templates: `import ncg.ruby.runtime as rb`.

Importing this package registers every Ruby class's methods (one module per
class) into the dispatch tables of `core`. The names below are the whole
API: what the code generator emits (see docs/architecture.md), and how
others add to the library (`method`, `register_class`, `register_constant`,
`register_function`), as ncg.netomata does for NCG's classes and helpers.
"""

import importlib
import sys

from ncg.ruby.runtime.blocks import (
    BlockBreak,
    bind_block_args,
    bind_block_opt,
    block_iter,
    destructure,
    keyword_args,
)
from ncg.ruby.runtime.consts import (
    RubyHash,
    class_of,
    const,
    const_set,
    register_class,
    register_constant,
)
from ncg.ruby.runtime.core import (
    RClass,
    aref,
    call_fn,
    find_method,
    has_function,
    method,
    register_function,
    send,
)
from ncg.ruby.runtime.defined import defined_const, defined_method
from ncg.ruby.runtime.encoding import binary_to_s, output_text
from ncg.ruby.runtime.errors import rescue_match, to_ruby_error
from ncg.ruby.runtime.frame import (
    Frame,
    frame,
    frame_stack,
    last_match,
    nth_ref,
    pop_frame,
    post_match,
    pre_match,
    push_frame,
)
from ncg.ruby.runtime.globals import gvar, gvar_defined, gvar_set, reset_globals
from ncg.ruby.runtime.hash import hash_of
from ncg.ruby.runtime.kernel import splat
from ncg.ruby.runtime.numeric import rational_literal
from ncg.ruby.runtime.object import send_mut
from ncg.ruby.runtime.program import argv, begin_run, program_name
from ncg.ruby.runtime.range import Range
from ncg.ruby.runtime.regexp import match_operator
from ncg.ruby.runtime.string import send_bang
from ncg.ruby.runtime.symbol import Symbol
from ncg.ruby.runtime.template_self import template_self
from ncg.ruby.runtime.values import case_eq, dstr, eq, inspect, regexp, sym, to_s, truthy

# Ruby prints and parses Integers of any size (Python limits str() to 4,300 digits)
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)

# each module registers its Ruby class's methods when imported
for _module in (
    "array", "enumerable", "hash", "lazy", "regexp", "encoding", "string", "boolean", "file",
    "float", "integer", "kernel", "math_module", "nil", "object", "pack", "proc",
    "template_self",
    "time", "program", "gem_version", "struct",
    "stdlib.set", "stdlib.text_codecs", "stdlib.json", "stdlib.date", "stdlib.time",
    "stdlib.ostruct",
):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = [
    "BlockBreak",
    "Frame",
    "RClass",
    "Range",
    "RubyHash",
    "aref",
    "argv",
    "begin_run",
    "binary_to_s",
    "Symbol",
    "bind_block_args",
    "block_iter",
    "call_fn",
    "case_eq",
    "class_of",
    "const",
    "const_set",
    "rational_literal",
    "keyword_args",
    "bind_block_opt",
    "send_mut",
    "defined_const",
    "defined_method",
    "destructure",
    "dstr",
    "eq",
    "find_method",
    "frame",
    "frame_stack",
    "gvar",
    "gvar_defined",
    "gvar_set",
    "has_function",
    "hash_of",
    "inspect",
    "last_match",
    "match_operator",
    "method",
    "nth_ref",
    "output_text",
    "pop_frame",
    "post_match",
    "pre_match",
    "program_name",
    "push_frame",
    "regexp",
    "register_class",
    "register_constant",
    "register_function",
    "reset_globals",
    "rescue_match",
    "send",
    "send_bang",
    "splat",
    "sym",
    "template_self",
    "to_ruby_error",
    "to_s",
    "truthy",
]
