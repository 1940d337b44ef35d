"""Ruby's classes and constants as template values (`String`, `Float::INFINITY`…).

`class_of(value)` is the Ruby class of any Python value; `const(path)` is a
constant reference. Class-specific class methods (`File.join`, `Time.now`)
are registered onto these RClass objects by their modules. Classes the core
library does not have (NCG's `Netomata::Node`, `IPAddr`) are added by whoever
implements them, with `register_class` and `register_constant`.
"""

from __future__ import annotations

import math
import sys
import types
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ncg import errors
from ncg.errors import ArgumentError, NameError_, RubyError, TypeError_
from ncg.ruby.runtime.core import RClass, method
from ncg.ruby.runtime.run_store import RunStore
from ncg.ruby.runtime.symbol import Symbol

Block = Callable[..., Any] | None

BASIC_OBJECT = RClass("BasicObject")
KERNEL = RClass("Kernel", is_module=True)
OBJECT = RClass("Object", BASIC_OBJECT, (KERNEL,))
COMPARABLE = RClass("Comparable", is_module=True)
ENUMERABLE = RClass("Enumerable", is_module=True)
MODULE = RClass("Module", OBJECT)
CLASS = RClass("Class", MODULE)
NIL_CLASS = RClass("NilClass", OBJECT)
TRUE_CLASS = RClass("TrueClass", OBJECT)
FALSE_CLASS = RClass("FalseClass", OBJECT)
NUMERIC = RClass("Numeric", OBJECT, (COMPARABLE,))
INTEGER = RClass("Integer", NUMERIC)
FLOAT = RClass("Float", NUMERIC)
RATIONAL = RClass("Rational", NUMERIC)
STRING = RClass("String", OBJECT, (COMPARABLE,))
SYMBOL = RClass("Symbol", OBJECT, (COMPARABLE,))
ARRAY = RClass("Array", OBJECT, (ENUMERABLE,))
HASH = RClass("Hash", OBJECT, (ENUMERABLE,))
RANGE = RClass("Range", OBJECT, (ENUMERABLE,))
REGEXP = RClass("Regexp", OBJECT)
MATCH_DATA = RClass("MatchData", OBJECT)
PROC = RClass("Proc", OBJECT)
MATH = RClass("Math", is_module=True)
IO = RClass("IO", OBJECT, (ENUMERABLE,))
FILE = RClass("File", IO)
FILE_TEST = RClass("FileTest", is_module=True)
FILE_UTILS = RClass("FileUtils", is_module=True)
DIR = RClass("Dir", OBJECT, (ENUMERABLE,))
TIME = RClass("Time", OBJECT, (COMPARABLE,))

# Python type → Ruby class, for values whose type alone decides it
CLASS_OF: dict[type, RClass] = {
    type(None): NIL_CLASS,
    int: INTEGER,
    float: FLOAT,
    Fraction: RATIONAL,
    str: STRING,
    Symbol: SYMBOL,
    list: ARRAY,
    dict: HASH,
    types.FunctionType: PROC,
    types.BuiltinFunctionType: PROC,
    types.MethodType: PROC,
}
# types of the runtime's own modules that import this one, known by name
CLASS_BY_TYPE_NAME: dict[str, RClass] = {
    "ncg.ruby.runtime.range.Range": RANGE,
    "ncg.ruby.runtime.regexp.Regexp": REGEXP,
    "ncg.ruby.runtime.regexp.MatchData": MATCH_DATA,
}


def exception_classes() -> dict[str, RClass]:
    """An RClass for every Ruby exception class of ncg.errors, with Ruby's hierarchy."""
    classes: dict[str, RClass] = {}
    for exc_type in errors.BY_RUBY_NAME.values():
        make_exception_class(exc_type, classes)
    return classes


def make_exception_class(exc_type: type[RubyError], classes: dict[str, RClass]) -> RClass:
    found = classes.get(exc_type.ruby_name)
    if found is not None:
        return found
    base = next((b for b in exc_type.__mro__[1:] if issubclass(b, RubyError)), None)
    superclass = OBJECT if base is None else make_exception_class(base, classes)
    cls = classes[exc_type.ruby_name] = RClass(exc_type.ruby_name, superclass, exc_type=exc_type)
    return cls


EXCEPTION_CLASSES = exception_classes()


def exception_class(name: str, base: type[RubyError]) -> type[RubyError]:
    """The Python class of Ruby exception class `name` (`LoadError`,
    `Errno::EEXIST`), made under `base` and given a constant if ncg.errors
    has none."""
    exc_type = errors.BY_RUBY_NAME.get(name)
    if exc_type is None:
        exc_type = type(name.replace("::", "_"), (base,), {"ruby_name": name})
        errors.BY_RUBY_NAME[name] = exc_type
    if name not in CONSTANTS:
        CONSTANTS[name] = make_exception_class(exc_type, EXCEPTION_CLASSES)
    return exc_type


def class_of(value: Any) -> RClass:
    """The Ruby class of a Python value."""
    t = type(value)
    found = CLASS_OF.get(t)
    if found is not None:
        return found
    if t is bool:
        return TRUE_CLASS if value else FALSE_CLASS
    if isinstance(value, RClass):
        return MODULE if value.is_module else CLASS
    if isinstance(value, RubyError):
        return EXCEPTION_CLASSES.get(value.ruby_name) or EXCEPTION_CLASSES["StandardError"]
    for base in t.__mro__:
        qualified = f"{base.__module__}.{base.__qualname__}"
        found = CLASS_BY_TYPE_NAME.get(qualified) or CLASS_OF.get(base)
        if found is not None:
            CLASS_OF[t] = found
            return found
    return PROC if callable(value) else OBJECT


CONSTANTS: dict[str, Any] = {
    cls.name: cls
    for cls in (
        BASIC_OBJECT, KERNEL, OBJECT, COMPARABLE, ENUMERABLE, MODULE, CLASS, NIL_CLASS,
        TRUE_CLASS, FALSE_CLASS, NUMERIC, INTEGER, FLOAT, RATIONAL, STRING, SYMBOL, ARRAY, HASH,
        RANGE, REGEXP, MATCH_DATA, PROC, MATH, IO, FILE, FILE_TEST, FILE_UTILS, DIR, TIME,
        *EXCEPTION_CLASSES.values(),
    )
}
CONSTANTS.update({
    "Fixnum": INTEGER,
    "Bignum": INTEGER,
    "Float::INFINITY": math.inf,
    "Float::NAN": math.nan,
    "Float::EPSILON": sys.float_info.epsilon,
    "Float::MAX": sys.float_info.max,
    "Float::MIN": sys.float_info.min,
    "Float::DIG": sys.float_info.dig,
    "Math::PI": math.pi,
    "Math::E": math.e,
    "File::SEPARATOR": "/",
    "File::ALT_SEPARATOR": None,
    "File::PATH_SEPARATOR": ":",
    "RUBY_VERSION": "3.1.2",
})


def register_class(cls: RClass, *python_types: type) -> RClass:
    """Add a Ruby class defined outside the core library: the constant named
    `cls.name`, and the Ruby class of the values of `python_types`."""
    register_constant(cls.name, cls)
    for python_type in python_types:
        CLASS_OF[python_type] = cls
    return cls


def register_constant(path: str, value: Any) -> None:
    """Define constant `path` (`"Socket::AF_INET"`, an alias like `"Dictionary"`)."""
    CONSTANTS[path] = value


# The constants templates assign (`PORTS = [80, 443]`): in the original they
# belong to the templates' context class, so they last for the whole run and
# are found, by relative names, before the top-level ones.
_assigned = RunStore("ncg_constants")


def const_set(name: str, value: Any) -> Any:
    """`NAME = value` in a template: the constant of the templates' context class
    (which names an anonymous class: `Point = Struct.new(:x, :y)`)."""
    if isinstance(value, RClass) and not value.name:
        from ncg.ruby.runtime.core import TemplateSelf

        value.name = f"{TemplateSelf.class_name}::{name}"
    _assigned.get()[name] = value
    return value


def reset_constants() -> None:
    """Forget the constants templates assigned (a new run)."""
    _assigned.reset()


def const(path: str) -> Any:
    """The value of constant `path` (`"String"`, `"Netomata::Node"`, `"Float::NAN"`)."""
    if not path.startswith("::"):
        assigned = _assigned.get()
        if assigned:
            first, _, rest = path.partition("::")
            if first in assigned:
                if not rest:
                    return assigned[first]
                raise uninitialized_constant(path)
    try:
        return CONSTANTS[path.removeprefix("::")]
    except KeyError:
        pass
    try:
        return library_const(path.removeprefix("::"))
    except KeyError:
        raise uninitialized_constant(path) from None


def library_const(path: str) -> Any:
    """A constant a library defines once it is required (KeyError when not)."""
    from ncg.ruby.runtime.libraries import library_const as lookup

    return lookup(path)


def uninitialized_constant(path: str) -> NameError_:
    """Ruby's NameError for the first part of `path` that is not defined.

    A template's constants are looked up from inside its context class, so a
    missing relative name is reported under that class's name.
    """
    from ncg.ruby.runtime.core import TemplateSelf

    absolute = path.startswith("::")
    parts = path.removeprefix("::").split("::")
    for end in range(1, len(parts) + 1):
        prefix = "::".join(parts[:end])
        if prefix not in CONSTANTS and not is_library_constant(prefix):
            # looked up in the context's class (a relative name), or in the part before
            owner = parts[:end - 1] if end > 1 or absolute else TemplateSelf.class_name.split("::")
            if end == 1 and not absolute:
                prefix = f"{TemplateSelf.class_name}::{prefix}"
            return NameError_(f"uninitialized constant {prefix}",
                              _constant_suggestions(parts[end - 1], owner))
    return NameError_(f"uninitialized constant {path.removeprefix('::')}")


def _constant_suggestions(name: str, owner: list[str]) -> Callable[[NameError_], list[str]]:
    """Ruby's suggestions for constant `name` missing in the scope `owner` names."""

    def suggest(error: NameError_) -> list[str]:
        from ncg.ruby.runtime.did_you_mean import constant_corrections

        scopes = ["::".join(owner[:n]) for n in range(1, len(owner) + 1)]
        return constant_corrections(name, error.message, scopes)

    return suggest


def is_library_constant(path: str) -> bool:
    try:
        library_const(path)
    except KeyError:
        return False
    return True


# -- methods every class has ------------------------------------------------


@method(RClass, "name", "to_s", "inspect")
def class_name(cls: RClass) -> str:
    return cls.name or ANONYMOUS_CLASS


# an anonymous class (`Struct.new(:a)` before a constant names it) shows as
# Ruby shows it, an address ncg has not
ANONYMOUS_CLASS = "#<Class:0x000055d5c0ffee00>"


@method(RClass, "name")
def class_name_or_nil(cls: RClass) -> str | None:
    return cls.name or None


@method(RClass, "===")
def class_case_equal(cls: RClass, value: Any) -> bool:
    return cls in class_of(value).ancestors()


@method(RClass, "ancestors")
def class_ancestors(cls: RClass) -> list[RClass]:
    return cls.ancestors()


@method(RClass, "superclass")
def class_superclass(cls: RClass) -> RClass | None:
    return cls.superclass


@method(RClass, "<")
def class_less(cls: RClass, other: Any) -> bool | None:
    if type(other) is not RClass:
        raise TypeError_("compared with non class/module")
    if cls is other:
        return False
    if other in cls.ancestors():
        return True
    return False if cls in other.ancestors() else None


@method(RClass, "<=")
def class_less_equal(cls: RClass, other: Any) -> bool | None:
    return True if cls is other else class_less(cls, other)


@method(RClass, "instance_methods", "constants")
def class_members(cls: RClass, *args: Any) -> list[Any]:
    return []


# -- constructors -----------------------------------------------------------


class RubyHash(dict):  # type: ignore[type-arg]
    """A Hash with a default value or default proc (`Hash.new(0)`, `Hash.new { }`).

    `h[k]` of a missing key gives the default, as Ruby's `Hash#[]` does;
    `get`, `in` and `fetch` see only the stored keys.
    """

    __slots__ = ("default", "default_proc")

    def __init__(self, default: Any = None, default_proc: Block = None) -> None:
        super().__init__()
        self.default = default
        self.default_proc = default_proc

    def __missing__(self, key: Any) -> Any:
        if self.default_proc is not None:
            return self.default_proc(self, key)
        return self.default

    def __copy__(self) -> RubyHash:
        copied = RubyHash(self.default, self.default_proc)
        copied.update(self)
        return copied


@STRING.smethod("new")
def string_new(cls: RClass, value: Any = "") -> str:
    if type(value) is not str:
        raise TypeError_(f"no implicit conversion of {class_of(value).name} into String")
    return value


@ARRAY.smethod("new")
def array_new(cls: RClass, size: Any = 0, fill: Any = None, block: Block = None) -> list[Any]:
    if type(size) is list:
        return list(size)
    if type(size) is not int:
        raise TypeError_(f"no implicit conversion of {class_of(size).name} into Integer")
    if size < 0:
        raise ArgumentError("negative array size")
    if block is not None:
        return [block(i) for i in range(size)]
    return [fill] * size


@HASH.smethod("new")
def hash_new(cls: RClass, default: Any = None, block: Block = None) -> RubyHash:
    if block is not None and default is not None:
        raise ArgumentError("wrong number of arguments (given 1, expected 0)")
    return RubyHash(default, block)


@RANGE.smethod("new")
def range_new(cls: RClass, first: Any, last: Any, exclusive: Any = False) -> Any:
    from ncg.ruby.runtime.range import Range

    return Range(first, last, exclusive not in (None, False))


class RObject:
    """An instance of plain `Object` (`Object.new`)."""

    __slots__ = ()


@OBJECT.smethod("new")
def object_new(cls: RClass) -> RObject:
    return RObject()


def no_new(cls: RClass) -> None:
    """Integer.new and the like: Ruby undefines `new` for classes of literals."""
    from ncg.ruby.runtime.core import no_method_error

    raise no_method_error(cls, "new")


for _cls in (INTEGER, FLOAT, RATIONAL, SYMBOL, NIL_CLASS, TRUE_CLASS, FALSE_CLASS, MATCH_DATA):
    _cls.smethods["new"] = no_new


def exception_new(cls: RClass, message: Any = None) -> RubyError:
    """`ArgumentError.new("m")`; without a message, Ruby's message is the class name."""
    from ncg.ruby.runtime.values import to_s

    assert cls.exc_type is not None
    return cls.exc_type(cls.name if message is None else to_s(message))


EXCEPTION_CLASSES["Exception"].smethods["new"] = exception_new
EXCEPTION_CLASSES["Exception"].smethods["exception"] = exception_new
