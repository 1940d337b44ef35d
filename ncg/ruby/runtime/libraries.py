"""`require`: the libraries of Ruby's standard distribution, as the original's process has them.

The original NCG runs templates in a Ruby process that has already loaded
its own libraries (erb, ipaddr, fileutils, optparse…): `require` of those
is false. The first `require` of any other library of Ruby 3.1 is true and
later ones are false, as are those of the libraries it brought with it
(`json` brings `ostruct`); a name Ruby has no library for raises LoadError.
The recorded facts are in `stdlib_features`.

What a library defines exists only once it is loaded: its constants (`Set`,
`JSON`, `Digest::MD5`) and the methods it adds to core classes
(`String#shellescape`, `Time.parse`, `#to_json`). Library modules declare
them with `library_constant` and `library_method`; ncg implements the
libraries templates use, and for the others `require` is true and their
constants are missing (NameError, never a wrong answer).

Which features are loaded is the run's state: `begin_run` (in `program`)
starts every run from the original's.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from ncg.errors import NotImplementedError_, RubyError, ScriptError, TypeError_
from ncg.ruby.runtime import consts
from ncg.ruby.runtime.core import RClass, RubyMethod, invoke, method, no_method_error
from ncg.ruby.runtime.stdlib_features import DIRECT_LOADS, PRELOADED, REQUIRABLE

LoadError = consts.exception_class("LoadError", ScriptError)

_loaded: set[str] = set(PRELOADED)


def reset_libraries() -> None:
    """Forget what the last run required: the original's libraries only."""
    _loaded.clear()
    _loaded.update(PRELOADED)


def feature_loaded(feature: str) -> bool:
    return feature in _loaded


def feature_name(name: str) -> str:
    """`require 'set.rb'` and `require 'set.so'` name the feature `set`."""
    for extension in (".rb", ".so"):
        if name.endswith(extension):
            return name[: -len(extension)]
    return name


def path_arg(name: Any) -> str:
    if type(name) is not str:
        shown = "nil" if name is None else consts.class_of(name).name
        raise TypeError_(f"no implicit conversion of {shown} into String")
    return name


def require(name: Any) -> bool:
    """Kernel#require: true when it loads the library, false when it was loaded."""
    feature = feature_name(path_arg(name))
    if feature in _loaded:
        return False
    if feature not in REQUIRABLE:
        raise not_loadable(name)
    load(feature)
    return True


def load(feature: str) -> None:
    """Mark `feature` loaded, and what its require loads with it."""
    todo = [feature]
    while todo:
        name = todo.pop()
        if name not in _loaded:
            _loaded.add(name)
            todo.extend(DIRECT_LOADS.get(name, ()))


def not_loadable(name: str, any_path: bool = False) -> RubyError:
    """No library of that name: Ruby's LoadError. A Ruby file of the user's
    (a path given, `any_path` for `load`, that exists) is code ncg does not run."""
    is_path = any_path or name.startswith(("/", "./", "../", "~"))
    if is_path and os.path.isfile(os.path.expanduser(name)):
        return NotImplementedError_(f"ncg runs no Ruby file but its templates -- {name}")
    return LoadError(f"cannot load such file -- {name}")


# -- what a library defines --------------------------------------------------

# constant path -> (the value, the features that define it, the feature an
# access loads as Ruby's autoload would, or None)
LIBRARY_CONSTANTS: dict[str, tuple[Any, tuple[str, ...], str | None]] = {}


def library_constant(path: str, value: Any, *features: str, autoload: str | None = None) -> Any:
    """Constant `path` exists once any of `features` is loaded. With `autoload`,
    a first use loads that feature (Digest::MD5 after `require 'digest'`)."""
    LIBRARY_CONSTANTS[path] = (value, features, autoload)
    return value


def library_exception(name: str, base: type[RubyError], *features: str) -> type[RubyError]:
    """An exception class a library defines (`JSON::ParserError`)."""
    exc_type = type(name.replace("::", "_"), (base,), {"ruby_name": name})
    cls = RClass(name, consts.class_of(base("")), exc_type=exc_type)
    consts.EXCEPTION_CLASSES[name] = cls  # the class of its instances, loaded or not
    library_constant(name, cls, *features)
    return exc_type


def library_const(path: str) -> Any:
    """The value of a library's constant when its library is loaded, else KeyError."""
    value, features, autoload = LIBRARY_CONSTANTS[path]
    if not any(feature in _loaded for feature in features):
        raise KeyError(path)
    if autoload is not None:
        load(autoload)
    return value


def library_method(
    features: str | tuple[str, ...], owner: type | tuple[type, ...] | RClass | None, *names: str
) -> Callable[[RubyMethod], RubyMethod]:
    """Register the decorated function as method(s) `names` that exist only
    once one of `features` is loaded: instance methods of the Python type(s)
    `owner` (None: every object), or class methods of the RClass `owner`."""
    needed = (features,) if isinstance(features, str) else features

    def register(fn: RubyMethod) -> RubyMethod:
        for name in names:
            guarded = guard(fn, name, needed)
            if isinstance(owner, RClass):
                owner.smethods[name] = guarded
            else:
                method(owner, name)(guarded)
        return fn

    return register


def guard(fn: RubyMethod, name: str, features: tuple[str, ...]) -> RubyMethod:
    def guarded(recv: Any, *args: Any, block: Callable[..., Any] | None = None) -> Any:
        if not any(feature in _loaded for feature in features):
            raise no_method_error(recv, name)
        return invoke(fn, (recv, *args), block, 1)

    guarded.ncg_features = features  # type: ignore[attr-defined]
    return guarded


def available(fn: RubyMethod | None) -> RubyMethod | None:
    """`fn`, unless it is a method of a library that is not loaded."""
    features = getattr(fn, "ncg_features", None)
    if features is None or any(feature in _loaded for feature in features):
        return fn
    return None
