"""Which compiled templates are pure: their output depends on nothing but
their instance variables (the model), and running them changes nothing but
the model and their own locals.

A model whose `[% %]` lines are all pure loads the same from the same files,
so `ncg.model_cache` may reuse the tree loaded before. Purity is read off
the Python module Mako made, by what it calls: every `rb.` function, Ruby
method name, receiverless function and constant it names must be on the
lists below. The lists say what is known to be pure; anything else (a
method added to the runtime later, `send` with a computed name, a global
variable, `Time`, `ENV`, `File`, `puts`, `rand`, `freeze`, which marks the
object in a table outside the model…) makes the template impure, which
only costs the cache.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable

from ncg.ruby.runtime import core

# rb. functions that touch nothing outside their arguments, the render's
# frame (ivars, `$~`) and the model
PURE_RUNTIME = frozenset({
    "BlockBreak", "Range", "aref", "bind_block_args", "bind_block_opt", "block_iter", "call_fn",
    "case_eq", "const", "defined_const", "defined_method", "destructure", "dstr", "eq",
    "has_function", "hash_of", "keyword_args", "last_match", "match_operator", "nth_ref",
    "post_match", "pre_match", "rational_literal", "regexp", "rescue_match", "send",
    "send_bang", "send_mut", "splat", "sym", "to_ruby_error", "to_s", "truthy",
})

# Ruby methods that compute from their receiver and arguments alone (and may
# change the receiver, a value of the model or a local). Left out: I/O,
# reflection that can reach any method (send, method, instance_variable_*),
# object identities and String#hash (they differ from run to run), the
# local time zone, random order, and freeze (see the module's docstring).
PURE_METHODS = frozenset("""
    ! != !~ % & () * ** + +@ - -@ / < << <= <=> == === =~ > >= >> [] []= ^ | ~
    abs abs2 add add? affirm? all? allbits? any? anybits? append arity ascii_only? assoc at b
    begin between? bit_length bytes bytesize byteslice call capitalize capitalize! captures
    casecmp casecmp? ceil center chars chomp chomp! chop chop! chr chunk_while clamp class
    clear clone codepoints coerce collect collect! collect_concat combination compact compact!
    concat count cover? curry delete delete! delete? delete_at delete_if delete_prefix
    delete_prefix! delete_suffix delete_suffix! denominator detect difference dig digits
    disjoint? div divmod downcase downcase! downto drop drop_while dup each each_by_subkey
    each_byte each_char each_cons each_entry each_index each_key each_line each_pair each_r
    each_slice each_value each_with_index each_with_object empty? encode encode! encoding end
    end_with? entries eql? equal? equivalent even? except exclude_end? fdiv fetch fetch_values
    fill filter filter! filter_map find find_all find_index finite? first flat_map flatten
    flatten! floor force_encoding gcd grep grep_v group_by gsub gsub! has_key? has_value? hex
    include? index infinite? inject insert inspect instance_of? integer? intersect?
    intersection invert ip6_arpa ipv4? ipv4_compat ipv4_compat? ipv4_mapped ipv4_mapped? ipv6?
    is_a? itself join keep_if key key? keys keys_having_key keys_r kind_of? lambda? last
    lcm length lines link_local? ljust loopback? lstrip lstrip! magnitude map map! mask match
    match? max max_by member? merge merge! name new min min_by minmax minmax_by modulo
    named_captures
    names nan? negative? netmask netmask_as_bits netmask_as_cidr netmask_as_ipv4_quads next
    next! nil? nobits? node none? nonzero? numerator odd? one? ord pack parent partition
    permutation pop positive? post_match pow pre_match pred prefix prepend product
    proper_subset? proper_superset? push quo rassoc rationalize reduce reject reject!
    remainder replace respond_to? reverse reverse! reverse_each rindex rjust root rotate
    rotate! round rpartition rstrip rstrip! scan scrub scrub! segments select select! select_r
    shift size slice slice! slice_when sort sort! sort_by sort_by! sort_by_subkey source split
    squeeze squeeze! start_with? step store strip strip! sub sub! subset? subtract succ succ!
    sum superset? swapcase swapcase! take take_while tally tap then times to_a to_ary to_f to_h
    to_hash to_i to_int to_proc to_r to_range to_s to_set to_str to_string tr tr! tr_s
    tr_s! transform_keys transform_keys! transform_values transform_values! transpose truncate
    union uniq uniq! unpack unpack1 unshift upcase upcase! update upto valid_encoding? value?
    values values_at with_index with_object yield yield_self zero? zip
""".split())

# receiverless functions: Kernel's pure ones, and NCG's helpers that only compute
PURE_FUNCTIONS = frozenset({
    "Array", "Float", "Hash", "Integer", "Rational", "String", "block_given?", "catch", "fail",
    "format", "lambda", "loop", "proc", "raise", "sprintf", "throw",
    "buildkey", "compare_parts", "filename_to_key", "ip_union", "relative_filename",
    "template_arg", "template_arg_node_key",
})

# constants (by their first name) whose use reads no outside state
PURE_CONSTANTS = frozenset({
    "ArgumentError", "Array", "Comparable", "Enumerable", "FalseClass", "Float",
    "FloatDomainError", "Hash", "IndexError", "Integer", "KeyError", "MatchData", "Math",
    "NameError", "NilClass", "NoMethodError", "Numeric", "Range", "Rational", "Regexp",
    "RuntimeError", "StandardError", "StopIteration", "String", "Symbol", "TrueClass",
    "TypeError", "ZeroDivisionError",
})

# Python names the generated code never needs: were one there, the code does
# more than our compiler writes
FORBIDDEN_NAMES = frozenset({
    "__import__", "breakpoint", "compile", "delattr", "eval", "exec", "exit", "getattr",
    "globals", "input", "open", "print", "quit", "setattr", "vars",
})
# the imports of every module Mako makes of our source
MAKO_MODULES = frozenset({"mako", "ncg.ruby.runtime"})


def is_pure(module: ast.Module) -> bool:
    """Whether the Python module (Mako's, of a compiled template) is pure."""
    called: set[int] = set()  # the `rb.f` of each `rb.f(...)`, checked with its arguments
    for node in ast.walk(module):  # breadth first: a call before its function
        if isinstance(node, ast.Call) and _is_rb_function(node.func):
            called.add(id(node.func))
            if not _pure_call(node.func.attr, node.args):  # type: ignore[attr-defined]
                return False
        elif _is_rb_function(node) and id(node) not in called:
            # `rb.send` not called at once: the name it will be given is unknown
            attr = node.attr  # type: ignore[attr-defined]
            if attr not in PURE_RUNTIME or attr in NAMING_CALLS:
                return False
        elif not _pure_statement(node):
            return False
    return True


def _pure_statement(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id not in FORBIDDEN_NAMES
    if isinstance(node, ast.Import):
        return all(alias.name in MAKO_MODULES for alias in node.names)
    if isinstance(node, ast.ImportFrom):
        return node.module in MAKO_MODULES
    return not isinstance(node, (ast.Global, ast.Nonlocal))


def _pure_call(function: str, args: list[ast.expr]) -> bool:
    """An `rb.function(...)` call: the method, function, constant or Symbol it
    names (a string literal, as our compiler writes it) must be pure."""
    naming = NAMING_CALLS.get(function)
    if naming is None:
        return function in PURE_RUNTIME
    position, pure_name = naming
    name = args[position] if len(args) > position else None
    return isinstance(name, ast.Constant) and isinstance(name.value, str) \
        and pure_name(name.value)


def _pure_symbol(name: str) -> bool:
    """A Symbol literal may name the method a block (`&:sym`), `inject(:sym)`
    or `to_proc` calls: it must not name an impure one the runtime has.
    (Symbols made at run time need `to_sym`, which is not pure.)"""
    return name in PURE_METHODS or name in PURE_FUNCTIONS or name not in _runtime_names()


@functools.cache
def _runtime_names() -> frozenset[str]:
    """Every method and receiverless function the runtime has (NCG's included:
    templates compile after `ncg.netomata` registered them)."""
    return frozenset().union(*core.METHODS.values(), core.OBJECT_METHODS, core.FUNCTIONS)


def _pure_constant(path: str) -> bool:
    """`Foo`, `Foo::BAR`, `::Foo`: pure if Foo is."""
    return path.removeprefix("::").split("::")[0] in PURE_CONSTANTS


def _is_rb_function(node: ast.AST) -> bool:
    """`rb.something`."""
    return (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "rb")


def _any_name(name: str) -> bool:
    """`defined?(x)`: asks whether the name exists, and uses nothing."""
    return True


# The rb. functions that call, read or make what a string argument names:
# the argument's position, and whether that name is pure.
NAMING_CALLS: dict[str, tuple[int, Callable[[str], bool]]] = {
    **dict.fromkeys(("send", "send_bang", "send_mut", "block_iter"),
                    (1, PURE_METHODS.__contains__)),
    "call_fn": (0, PURE_FUNCTIONS.__contains__),
    "const": (0, _pure_constant),
    "sym": (0, _pure_symbol),
    "has_function": (0, _any_name),
    "defined_const": (0, _any_name),
}
