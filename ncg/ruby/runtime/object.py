"""The methods every Ruby object has (Object, Kernel, BasicObject), and
Comparable's, which classes that define `<=>` include with `include_comparable`."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ncg.errors import ArgumentError, FrozenError, NameError_, TypeError_
from ncg.ruby.runtime.core import FUNCTIONS, METHODS, RClass, call_fn, find_method, method, send
from ncg.ruby.runtime.symbol import Symbol

Block = Callable[..., Any] | None

# values Ruby holds as immediates: `equal?` compares them by value
IMMEDIATE_TYPES = (type(None), bool, int, float, Symbol)


def class_of(value: Any) -> RClass:
    from ncg.ruby.runtime.consts import class_of as ruby_class_of

    return ruby_class_of(value)


def any_to_s(value: Any) -> str:
    """Object#to_s: `#<ClassName>` (Ruby adds an address ncg cannot reproduce)."""
    return f"#<{class_of(value).name}>"


def method_name(name: Any) -> str:
    """A method name given as a Symbol or a String."""
    if type(name) is Symbol:
        return name.name
    if type(name) is str:
        return name
    raise TypeError_(f"{send(name, 'inspect')} is not a symbol nor a string")


def is_a(value: Any, cls: Any) -> bool:
    """Ruby `is_a?`: `cls` is the value's class, a superclass, or an included module."""
    if type(cls) is not RClass:
        raise TypeError_("class or module required")
    return cls in class_of(value).ancestors()


def is_equal(a: Any, b: Any) -> bool:
    """Ruby `equal?`: the same object (immediates are the same when equal)."""
    if a is b:
        return True
    return type(a) is type(b) and type(a) in IMMEDIATE_TYPES and a == b


@method(None, "nil?")
def is_nil(recv: Any) -> bool:
    return recv is None


@method(None, "is_a?", "kind_of?")
def kind_of(recv: Any, cls: Any) -> bool:
    return is_a(recv, cls)


@method(None, "instance_of?")
def instance_of(recv: Any, cls: Any) -> bool:
    if type(cls) is not RClass:
        raise TypeError_("class or module required")
    return class_of(recv) is cls


@method(None, "respond_to?")
def respond_to(recv: Any, name: Any, include_all: Any = False) -> bool:
    return find_method(recv, method_name(name)) is not None


@method(None, "class")
def ruby_class(recv: Any) -> RClass:
    return class_of(recv)


@method(None, "to_s", "inspect")
def default_to_s(recv: Any) -> str:
    return any_to_s(recv)


@method(None, "==", "equal?")
def identical(recv: Any, other: Any) -> bool:
    return is_equal(recv, other)


@method(None, "eql?")
def is_eql(recv: Any, other: Any) -> bool:
    """Ruby `eql?`: `==` without numeric conversion (1.eql?(1.0) is false)."""
    if type(recv) is not type(other):
        return False
    if type(recv) is list:
        pairs = zip(recv, other, strict=False)
        return len(recv) == len(other) and all(is_eql(a, b) for a, b in pairs)
    return bool(send(recv, "==", other))


@method(None, "===")
def case_equal(recv: Any, other: Any) -> bool:
    return is_equal(recv, other) or send(recv, "==", other) not in (None, False)


@method(None, "<=>")
def spaceship(recv: Any, other: Any) -> int | None:
    """Object#<=>: 0 for the same (or an ==) object, else nil."""
    return 0 if is_equal(recv, other) or send(recv, "==", other) not in (None, False) else None


@method(None, "!=")
def not_equal(recv: Any, other: Any) -> bool:
    return send(recv, "==", other) in (None, False)


@method(None, "!")
def negate(recv: Any) -> bool:
    return recv is None or recv is False


@method(None, "=~")
def no_match(recv: Any, other: Any) -> None:
    return None


@method(None, "!~")
def not_match(recv: Any, other: Any) -> bool:
    return send(recv, "=~", other) in (None, False)


@method(None, "frozen?")
def is_frozen(recv: Any) -> bool:
    return type(recv) in IMMEDIATE_TYPES


# Arrays and Hashes a template froze (`PORTS = [80, 443].freeze`), by
# identity; the entry keeps the object alive, so its id stays its own.
_frozen: dict[int, Any] = {}
# the methods that change an Array or a Hash: refused on a frozen one
FROZEN_CHECKED = frozenset("""
    << push append pop shift unshift prepend insert concat []= delete delete_at delete_if
    clear replace map! collect! select! filter! reject! sort! sort_by! uniq! compact!
    flatten! reverse! shuffle! rotate! fill keep_if slice! store merge! update
    transform_values! transform_keys! default= compare_by_identity rehash
""".split())


def freeze_object(obj: Any) -> Any:
    """`obj.freeze` for an Array or a Hash (a mutable Python object)."""
    _frozen[id(obj)] = obj
    return obj


def is_frozen_object(obj: Any) -> bool:
    return _frozen.get(id(obj)) is obj


def reset_frozen() -> None:
    """Forget the frozen objects (a new run)."""
    _frozen.clear()


def check_frozen(obj: Any) -> None:
    """Ruby's FrozenError for changing a frozen Array or Hash."""
    if _frozen and _frozen.get(id(obj)) is obj:
        raise FrozenError(f"can't modify frozen {class_of(obj).name}: {send(obj, 'inspect')}")


def send_mut(recv: Any, name: str, *args: Any, block: Block = None) -> Any:
    """`recv.name(*args)` for a method that changes Arrays and Hashes (FROZEN_CHECKED)."""
    if _frozen and _frozen.get(id(recv)) is recv:
        check_frozen(recv)
    return send(recv, name, *args, block=block)


@method(None, "freeze", "itself", "taint", "untaint")
def itself(recv: Any) -> Any:
    return recv


@method(None, "dup", "clone")
def duplicate(recv: Any) -> Any:
    """A shallow copy, as Ruby's dup; immutable values are their own copy."""
    if type(recv) in IMMEDIATE_TYPES or type(recv) is str:
        return recv
    return copy.copy(recv)


@method(None, "tap")
def tap(recv: Any, block: Block = None) -> Any:
    if block is None:
        raise local_jump_error()
    block(recv)
    return recv


@method(None, "then", "yield_self")
def then(recv: Any, block: Block = None) -> Any:
    if block is None:
        raise local_jump_error()
    return block(recv)


def local_jump_error() -> Exception:
    from ncg.errors import LocalJumpError

    return LocalJumpError("no block given (yield)")


@method(None, "send", "public_send", "__send__")
def send_named(recv: Any, name: Any = None, *args: Any, block: Block = None) -> Any:
    if name is None:
        raise ArgumentError("no method name given")
    ruby_name = method_name(name)
    if find_method(recv, ruby_name) is None and ruby_name in FUNCTIONS:
        return call_fn(ruby_name, *args, block=block)  # a private Kernel method
    return send(recv, ruby_name, *args, block=block)


@method(None, "method")
def bound_method(recv: Any, name: Any) -> Callable[..., Any]:
    """`obj.method(:name)`: a callable that calls the method (a lambda)."""
    ruby_name = method_name(name)
    if find_method(recv, ruby_name) is None:
        raise NameError_(
            f"undefined method `{ruby_name}' for class `{class_of(recv).name}'"
        )

    def call(*args: Any, block: Block = None) -> Any:
        return send(recv, ruby_name, *args, block=block)

    call.ncg_lambda = True  # type: ignore[attr-defined]
    return call


@method(None, "hash")
def hash_value(recv: Any) -> int:
    return hash(recv) if recv.__hash__ is not None else id(recv)


@method(None, "object_id", "__id__")
def object_id(recv: Any) -> int:
    """Ruby's ids where they are fixed (nil 8, true 20, false 0, n 2n+1)."""
    if recv is None:
        return 8
    if recv is True:
        return 20
    if recv is False:
        return 0
    if type(recv) is int:
        return 2 * recv + 1
    return id(recv)


@method(None, "instance_variable_get")
def instance_variable_get(recv: Any, name: Any) -> None:
    return None


@method(None, "instance_variables")
def instance_variables(recv: Any) -> list[Any]:
    return []


@method(None, "instance_variable_defined?")
def instance_variable_defined(recv: Any, name: Any) -> bool:
    return False


@method(None, "display")
def display(recv: Any) -> None:
    from ncg.ruby.runtime.kernel import write_stdout

    write_stdout(send(recv, "to_s"))


def compare_error(a: Any, b: Any) -> ArgumentError:
    """Ruby's `comparison of Integer with String failed` (immediates by inspect)."""
    shown = send(b, "inspect") if type(b) in IMMEDIATE_TYPES else class_of(b).name
    return ArgumentError(f"comparison of {class_of(a).name} with {shown} failed")


def compare(a: Any, b: Any) -> int:
    """`a <=> b` as -1/0/1, or Comparable's ArgumentError when they don't compare."""
    result = send(a, "<=>", b)
    if result is None:
        raise compare_error(a, b)
    if type(result) is not int:
        result = send(result, "<=>", 0)
    return (result > 0) - (result < 0)


def comparable_less(recv: Any, other: Any) -> bool:
    return compare(recv, other) < 0


def comparable_less_equal(recv: Any, other: Any) -> bool:
    return compare(recv, other) <= 0


def comparable_greater(recv: Any, other: Any) -> bool:
    return compare(recv, other) > 0


def comparable_greater_equal(recv: Any, other: Any) -> bool:
    return compare(recv, other) >= 0


def comparable_equal(recv: Any, other: Any) -> bool:
    if recv is other:
        return True
    result = send(recv, "<=>", other)
    return result is not None and result == 0


def between(recv: Any, low: Any, high: Any) -> bool:
    return compare(recv, low) >= 0 and compare(recv, high) <= 0


def clamp(recv: Any, low: Any, high: Any = None) -> Any:
    """Comparable#clamp(min, max) or clamp(range)."""
    from ncg.ruby.runtime.range import Range

    if type(low) is Range and high is None:
        if low.exclusive and low.last is not None:
            raise ArgumentError("cannot clamp with an exclusive range")
        low, high = low.first, low.last
    if low is not None and high is not None and compare(low, high) > 0:
        raise ArgumentError("min argument must be smaller than max argument")
    if low is not None and compare(recv, low) < 0:
        return low
    if high is not None and compare(recv, high) > 0:
        return high
    return recv


COMPARABLE_METHODS: dict[str, Callable[..., Any]] = {
    "<": comparable_less,
    "<=": comparable_less_equal,
    ">": comparable_greater,
    ">=": comparable_greater_equal,
    "==": comparable_equal,
    "between?": between,
    "clamp": clamp,
}


def include_comparable(*types: type) -> None:
    """Give `types` Comparable's methods, keeping any they define themselves."""
    for t in types:
        table = METHODS.setdefault(t, {})
        for name, fn in COMPARABLE_METHODS.items():
            table.setdefault(name, fn)


include_comparable(Symbol, str)
