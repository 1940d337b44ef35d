"""Method dispatch: how a Ruby method call on a Python value finds its code.

Each Ruby class module registers its methods into `METHODS[python_type]`
with `@method(types, "name", ...)`. `send` looks the receiver's exact type
up first (one dict lookup: the hot path), then its Python base classes, then
the methods every Ruby object has (`OBJECT_METHODS`). Ruby classes used as
values (`String`, `File`, `Netomata::IPAddr`) are `RClass` objects whose
class methods (`File.join`, `IPAddr.new`) live in their own table.

Receiverless calls go through `call_fn`: first the helpers the current
render's frame carries (`emit_header`…, registered on the template
Environment), then Kernel's functions (`format`, `Integer`, `puts`) in the
`FUNCTIONS` table.
"""

from __future__ import annotations

import inspect as pyinspect
from collections.abc import Callable
from typing import Any

from ncg.errors import ArgumentError, NameError_, NoMethodError, RubyError
from ncg.ruby.runtime.frame import frame

RubyMethod = Callable[..., Any]

METHODS: dict[type, dict[str, RubyMethod]] = {}
OBJECT_METHODS: dict[str, RubyMethod] = {}
# Ruby's `method_missing` of a class (OpenStruct's accessors), by Python type:
# called as `fn(recv, name, *args, block=…)` for a method the type has not
MISSING_METHODS: dict[type, Callable[..., Any]] = {}


def method(
    types: type | tuple[type, ...] | None, *names: str
) -> Callable[[RubyMethod], RubyMethod]:
    """Register the decorated function as Ruby method(s) `names` of `types`.

    The function is called as `fn(recv, *args, block=None)` (without `block`
    when the call passes none); `types=None` registers it for every object
    (Kernel/Object methods).
    """

    def register(fn: RubyMethod) -> RubyMethod:
        tables = [OBJECT_METHODS] if types is None else [
            METHODS.setdefault(t, {}) for t in (types if isinstance(types, tuple) else (types,))
        ]
        for table in tables:
            for name in names:
                table[name] = fn
        return fn

    return register


class RClass:
    """A Ruby class or module as a template value (`String`, `Math`, `Netomata::Node`).

    `smethods` are its class methods (`new`, `join`, `sqrt`); `exc_type` is
    the Python class of an exception class's instances.
    """

    __slots__ = ("name", "superclass", "includes", "is_module", "smethods", "exc_type")

    def __init__(
        self,
        name: str,
        superclass: RClass | None = None,
        includes: tuple[RClass, ...] = (),
        is_module: bool = False,
        exc_type: type[RubyError] | None = None,
    ) -> None:
        self.name = name
        self.superclass = superclass
        self.includes = includes
        self.is_module = is_module
        self.smethods: dict[str, RubyMethod] = {}
        self.exc_type = exc_type

    def ancestors(self) -> list[RClass]:
        """Ruby's `ancestors`: the class, its included modules, then its superclass's."""
        chain: list[RClass] = [self, *self.includes]
        if self.superclass is not None:
            chain.extend(a for a in self.superclass.ancestors() if a not in chain)
        return chain

    def smethod(self, *names: str) -> Callable[[RubyMethod], RubyMethod]:
        """Register the decorated function as class method(s) `names`: `fn(cls, *args)`."""

        def register(fn: RubyMethod) -> RubyMethod:
            for name in names:
                self.smethods[name] = fn
            return fn

        return register

    def find_smethod(self, name: str) -> RubyMethod | None:
        """A class method, inherited from superclasses as in Ruby."""
        cls: RClass | None = self
        while cls is not None:
            fn = cls.smethods.get(name)
            if fn is not None:
                return fn
            cls = cls.superclass
        return None

    def __repr__(self) -> str:
        return self.name


def find_method(recv: Any, name: str) -> RubyMethod | None:
    """The code of Ruby method `name` for `recv`, or None when it has none
    (also when a library that is not loaded defines it: `String#shellescape`)."""
    fn = lookup_method(recv, name)
    if fn is not None and hasattr(fn, "ncg_features"):
        from ncg.ruby.runtime.libraries import available

        return available(fn)
    return fn


def lookup_method(recv: Any, name: str) -> RubyMethod | None:
    """A method found on a base class or on every object is remembered in the
    receiver type's own table, so the next call is one lookup."""
    t = type(recv)
    table = METHODS.get(t)
    if table is not None:
        fn = table.get(name)
        if fn is not None:
            return fn
    if t is RClass:
        fn = recv.find_smethod(name)
        return fn if fn is not None else OBJECT_METHODS.get(name)
    fn = inherited_method(t, name)
    if fn is not None:
        METHODS.setdefault(t, {})[name] = fn
    return fn


# Python types whose Python base class is no Ruby ancestor: true and false
# are not Integers in Ruby, although Python's bool subclasses int
_NOT_RUBY_ANCESTORS = {bool: (int,)}


def inherited_method(t: type, name: str) -> RubyMethod | None:
    skipped = _NOT_RUBY_ANCESTORS.get(t, ())
    for base in t.__mro__[1:]:
        if base in skipped:
            continue
        table = METHODS.get(base)
        if table is not None and name in table:
            return table[name]
    return OBJECT_METHODS.get(name)


class BlockBreak(Exception):
    """Ruby's `break v` inside a block: unwinds to the call that took the block."""

    def __init__(self, block: Callable[..., Any], value: Any = None) -> None:
        super().__init__()
        self.block = block
        self.value = value


class Thrown(Exception):
    """Ruby's `throw tag, value` unwinding to the `catch` of that tag."""

    def __init__(self, tag: Any, value: Any = None) -> None:
        super().__init__()
        self.tag = tag
        self.value = value


def send(recv: Any, name: str, *args: Any, block: Callable[..., Any] | None = None) -> Any:
    """Call Ruby method `name` on `recv` (the hot path of every template)."""
    table = METHODS.get(type(recv))
    fn = table.get(name) if table is not None else None
    if fn is None:
        fn = find_method(recv, name)
        if fn is None:
            if type(recv) is TemplateSelf and name in FUNCTIONS:  # `self.emit_header(…)`
                return call_fn(name, *args, block=block)
            missing = MISSING_METHODS.get(type(recv))
            if missing is not None:
                return missing(recv, name, *args, block=block)
            raise no_method_error(recv, name)
    if block is not None:
        return invoke(fn, (recv, *args), block, 1)
    # invoke's work without a block, done here: no call more, no tuple built
    try:
        return fn(recv, *args)
    except TypeError as exc:
        if _refused_call(exc):
            raise arity_error(fn, len(args), skip=1) from None
        raise


# `recv[key]`, the commonest call of templates, by the receiver's exact type:
# that type's own `[]` (see `register_aref`)
AREFS: dict[type, Callable[[Any, Any], Any]] = {}


def register_aref(t: type, fn: Callable[[Any, Any], Any]) -> None:
    """Let `aref` call `fn(recv, key)` for a receiver of exactly type `t`.

    `fn` must be what `send(recv, "[]", key)` runs, or do the same without
    a call more, and must take any one key (no arity error to report).
    """
    AREFS[t] = fn


def aref(recv: Any, key: Any) -> Any:
    """`recv[key]`: `send` without its lookups for the types registered
    (Nodes, Hashes, Arrays, Strings); any other receiver goes through `send`."""
    fn = AREFS.get(type(recv))
    if fn is None:
        return send(recv, "[]", key)
    return fn(recv, key)


def invoke(fn: RubyMethod, args: tuple[Any, ...], block: Callable[..., Any] | None,
           skip: int) -> Any:
    """Run a method's code with Ruby's rules for `break` and argument counts.

    `skip` leading arguments (the receiver, the frame) are not the caller's.
    """
    try:
        if block is None:
            return fn(*args)
        return fn(*args, block=block)
    except BlockBreak as brk:
        if block is not None and brk.block is block:
            return brk.value
        raise
    except TypeError as exc:
        if _refused_call(exc):
            # Python refused the call itself: Ruby's wrong number of arguments
            if block is not None and "block" in str(exc):
                return invoke(fn, args, None, skip)  # Ruby ignores a block nobody yields to
            raise arity_error(fn, len(args) - skip, skip=skip) from None
        raise


def _refused_call(exc: TypeError) -> bool:
    """Whether a TypeError caught around a call comes from the call itself
    (the arguments did not fit), not from inside the code called."""
    return exc.__traceback__ is not None and exc.__traceback__.tb_next is None


FUNCTIONS: dict[str, tuple[RubyMethod, bool]] = {}


def register_function(name: str, fn: RubyMethod, wants_frame: bool = False) -> None:
    """Make `fn` callable as a receiverless Ruby call `name(...)`.

    With `wants_frame`, `fn` receives the current template Frame first.
    """
    FUNCTIONS[name] = (fn, wants_frame)


def has_function(name: str) -> bool:
    """Whether `name(...)` is a receiverless call: a helper of the current
    render or a Kernel function (Ruby's `defined?(name)`)."""
    return name in frame().functions or name in FUNCTIONS


def function(*names: str, wants_frame: bool = False) -> Callable[[RubyMethod], RubyMethod]:
    """Decorator form of `register_function`."""

    def register(fn: RubyMethod) -> RubyMethod:
        for name in names:
            register_function(name, fn, wants_frame)
        return fn

    return register


def call_fn(name: str, *args: Any, block: Callable[..., Any] | None = None) -> Any:
    """A receiverless call: a template helper of the render, or a Kernel function."""
    current = frame()
    entry = current.functions.get(name) or FUNCTIONS.get(name)
    if entry is None:
        raise undefined_function_error(name, bool(args) or block is not None)
    fn, wants_frame = entry
    if wants_frame:
        args = (current, *args)
    if block is not None:
        return invoke(fn, args, block, int(wants_frame))
    # invoke's work without a block, done here: `apply_by_node` and the
    # other helpers are called once per rendered template
    try:
        return fn(*args)
    except TypeError as exc:
        if _refused_call(exc):
            raise arity_error(fn, len(args) - wants_frame, skip=int(wants_frame)) from None
        raise


class TemplateSelf:
    """`self` inside a template: the object whose instance variables are the
    render's `@ivars` and whose methods are the receiverless functions."""

    __slots__ = ("frame",)
    class_name = "Netomata::Template::Context"

    def __init__(self, frame: Any) -> None:
        self.frame = frame


def undefined_function_error(name: str, called_with_args: bool) -> NameError_:
    """Ruby's error for a receiverless name that is neither a local nor a method."""
    from ncg.ruby.runtime.frame import frame
    from ncg.ruby.runtime.values import inspect

    render = frame()
    shown = inspect(TemplateSelf(render))
    if called_with_args:
        return NoMethodError(f"undefined method `{name}' for {shown}",
                             lambda _error: _method_suggestions(TemplateSelf(render), name, True))
    return NameError_(f"undefined local variable or method `{name}' for {shown}",
                      lambda error: _name_suggestions(error, render, name))


def _method_suggestions(recv: Any, name: str, private_call: bool = False) -> list[str]:
    from ncg.ruby.runtime.did_you_mean import method_corrections

    return method_corrections(recv, name, private_call)


def _name_suggestions(error: BaseException, render: Any, name: str) -> list[str]:
    from ncg.ruby.runtime.did_you_mean import local_variables, name_corrections
    from ncg.ruby.runtime.template_self import ivar_names

    return name_corrections(name, local_variables(error.__traceback__), ivar_names(render))


def no_method_error(recv: Any, name: str) -> NoMethodError:
    """Ruby 3.1's message: the receiver's inspect, then `:Class` unless it starts with #."""
    from ncg.ruby.runtime.consts import class_of
    from ncg.ruby.runtime.values import inspect

    if type(recv) is RClass:
        described = f"{recv.name}:{'Module' if recv.is_module else 'Class'}"
    else:
        try:
            shown = inspect(recv)
        except RubyError:
            shown = "#<" + class_of(recv).name + ">"
        described = shown if shown.startswith("#") else f"{shown}:{class_of(recv).name}"
    return NoMethodError(f"undefined method `{name}' for {described}",
                         lambda _error: _method_suggestions(recv, name))


def arity_error(fn: RubyMethod, given: int, skip: int) -> ArgumentError:
    """Ruby's `wrong number of arguments (given 2, expected 0..1)` for `fn`.

    `given` counts the Ruby arguments; `fn`'s first `skip` parameters (the
    receiver, or a helper's frame) are not Ruby arguments.
    """
    try:
        params = list(pyinspect.signature(fn).parameters.values())[skip:]
    except (TypeError, ValueError):
        return ArgumentError(f"wrong number of arguments (given {given})")
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    required = sum(1 for p in positional if p.default is p.empty)
    most = len(positional)
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        expected = f"{required}+"
    elif most > required:
        expected = f"{required}..{most}"
    else:
        expected = str(required)
    return ArgumentError(f"wrong number of arguments (given {given}, expected {expected})")
