"""`self` in a template, and the reflection on instance variables that templates use.

A template runs as a method of one object (NCG's `Netomata::Template::Context`):
its instance variables are the render's `@ivars` (given by the caller, then
ERB's output buffer `@erb_result`, then those the template assigns), and its
methods are the receiverless functions (Kernel's and the template helpers).
"""

from __future__ import annotations

import re
from typing import Any

from ncg.errors import NameError_, TypeError_
from ncg.ruby.runtime.consts import CLASS_OF, OBJECT, RClass, class_of
from ncg.ruby.runtime.core import FUNCTIONS, TemplateSelf, function, has_function, method
from ncg.ruby.runtime.frame import Frame, frame
from ncg.ruby.runtime.symbol import Symbol
from ncg.ruby.runtime.values import inspect

TEMPLATE_CONTEXT = RClass(TemplateSelf.class_name, OBJECT)
CLASS_OF[TemplateSelf] = TEMPLATE_CONTEXT
OUTPUT_BUFFER = "@erb_result"  # NCG's ERB output variable, an instance variable too
# a letter, `_` or any non-ASCII character, then digits too; non-ASCII is
# written [^\x00-\x7f], not \u0080-\U0010ffff: the same characters, but that
# range makes `re` build a set of a million (8 ms of every run's start)
_IVAR_NAME = re.compile(r"@(?:[A-Za-z_]|[^\x00-\x7f])(?:[A-Za-z0-9_]|[^\x00-\x7f])*\Z")


def template_self() -> TemplateSelf:
    """`self`: the object the template runs in."""
    return TemplateSelf(frame())


def ivar_names(render: Frame) -> list[str]:
    """The context's instance variables in Ruby's order (the order they were set)."""
    names = list(render.ivars)
    given = getattr(render, "given", len(names))
    return [*names[:given], OUTPUT_BUFFER, *names[given:]]


def ivar_value(render: Frame, name: str) -> Any:
    if name == OUTPUT_BUFFER:
        return "".join(render.parts)
    return render.ivars.get(name)


def _address(obj: object) -> str:
    return f"0x{id(obj) & 0xFFFFFFFFFFFF:016x}"


@method(TemplateSelf, "inspect")
def inspect_self(ctx: TemplateSelf) -> str:
    shown = ", ".join(f"{name}={inspect(ivar_value(ctx.frame, name))}"
                      for name in ivar_names(ctx.frame))
    return f"#<{TemplateSelf.class_name}:{_address(ctx.frame)} {shown}>"


@method(TemplateSelf, "to_s")
def self_to_s(ctx: TemplateSelf) -> str:
    return f"#<{TemplateSelf.class_name}:{_address(ctx.frame)}>"


@method(TemplateSelf, "respond_to?")
def self_responds(ctx: TemplateSelf, name: Any, include_all: Any = False) -> bool:
    text = name.name if type(name) is Symbol else name
    from ncg.ruby.runtime.core import find_method

    return has_function(text) or find_method(ctx, text) is not None


def _ivar_name(name: Any) -> str:
    if type(name) is Symbol:
        text = name.name
    elif type(name) is str:
        text = name
    else:
        from ncg.ruby.runtime.values import inspect as ruby_inspect

        raise TypeError_(f"{ruby_inspect(name)} is not a symbol nor a string")
    if not _IVAR_NAME.match(text):
        raise NameError_(f"`{text}' is not allowed as an instance variable name")
    return text


@function("instance_variables", wants_frame=True)
def instance_variables(render: Frame) -> list[Symbol]:
    return [Symbol.of(name) for name in ivar_names(render)]


@function("instance_variable_get", wants_frame=True)
def instance_variable_get(render: Frame, name: Any) -> Any:
    return ivar_value(render, _ivar_name(name))


@function("instance_variable_set", wants_frame=True)
def instance_variable_set(render: Frame, name: Any, value: Any) -> Any:
    render.ivars[_ivar_name(name)] = value
    return value


@function("instance_variable_defined?", wants_frame=True)
def instance_variable_defined(render: Frame, name: Any) -> bool:
    text = _ivar_name(name)
    return text == OUTPUT_BUFFER or text in render.ivars


# `self.instance_variables` and friends: the same functions, called on self
for _name in ("instance_variables", "instance_variable_get", "instance_variable_set",
              "instance_variable_defined?"):
    method(TemplateSelf, _name)(
        lambda ctx, *args, _fn=FUNCTIONS[_name][0]: _fn(ctx.frame, *args))

method(TemplateSelf, "class")(lambda ctx: class_of(ctx))
