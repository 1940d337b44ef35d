"""Native Mako templates: a template file named `*.mako` runs as plain Mako
with Python expressions, beside the `.ncg` templates of the same tree.

It sees the variables a `.ncg` template sees as instance variables, under
their names without `@` (`target`, `net`, `target_key`, and those an
`apply_*` call passes), and NCG's helpers under the same names
(`emit_header("! ")`, `apply_by_node(node, {"port": port})`…). A name
nobody passed reads as None, as an unset instance variable reads as nil.
The render's frame is `ncg_frame` and the Ruby runtime `rb`, so the Mako
source `ncg --translate` prints for a `.ncg` template runs as a `.mako`
template and writes the same text.
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Callable
from typing import Any

import ncg.ruby.runtime as rb
from ncg.errors import RubyError, StandardError, SyntaxError_
from ncg.ruby.runtime.frame import Frame
from ncg.template.makolib import COMPILING, Context, MakoException, ModuleInfo, Template

SUFFIX = ".mako"
# the helpers whose vars name instance variables: `{"port": p}` means `@port`
VARS_HELPERS = ("apply_by_filename", "apply_by_node", "apply_idiom", "include_if_exists")
# the helpers whose first argument names an instance variable: "port" means "@port"
IVAR_NAME_HELPERS = ("template_arg", "template_arg_node_key")
# names Mako gives a template itself, and the runtime's module
MAKO_NAMES = ("context", "loop", "UNDEFINED", "STOP_RENDERING", "caller", "capture", "local",
              "self", "parent", "next", "pageargs", "rb")
# a Ruby block given to a helper (`emit_header { }` in a translated template): passed on
Block = Callable[..., Any] | None
_WHERE = re.compile(r" at line: (\d+) char: (\d+)$")


def is_native(filename: str) -> bool:
    """Does this template file run as native Mako?"""
    return filename.endswith(SUFFIX)


class NativeContext(Context):
    """Mako's context, where a name nobody passed is None (Mako's is UNDEFINED)."""

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, builtins.__dict__.get(key))

    def _copy(self) -> Context:
        """Mako's copy (a def's context) is a plain Context: keep this one's rule."""
        copied = super()._copy()
        copied.__class__ = NativeContext
        return copied


def mako_template(text: str, uri: str, filename: str, imports: list[str]) -> Template:
    """Mako's module for a `.mako` file; Mako's syntax errors name the file's line."""
    try:
        with COMPILING:
            return Template(text=text, uri=uri, imports=imports)
    except MakoException as exc:
        message = str(exc)
        found = _WHERE.search(message)
        line, col = (int(found[1]), int(found[2])) if found else (1, 1)
        error = SyntaxError_(f"{_WHERE.sub('', message)} at {filename}:{line}:{col}")
        error.add_location(f"{filename}:{line}")
        raise error from None


def template_lines(mako: Template) -> list[int]:
    """For each line of Mako's Python module, the line of the `.mako` file it runs."""
    lines = ModuleInfo.get_module_source_metadata(mako.code, full_line_map=True)
    return [max(n, 1) for n in lines["full_line_map"]]


def context_data(frame: Frame) -> dict[str, Any]:
    """The names a `.mako` template sees: its variables, the helpers (which win
    over a variable of the same name, as a `.ncg` template's calls reach them),
    the frame. Mako's own names are left to Mako."""
    data: dict[str, Any] = {}
    for ivar, value in frame.ivars.items():
        name = ivar[1:] if ivar.startswith("@") else ivar
        if name.isidentifier() and not keyword.iskeyword(name):
            data[name] = value
    data.update((name, helper(name)) for name in frame.functions if name.isidentifier())
    for name in MAKO_NAMES:
        data.pop(name, None)
    data["ncg_frame"] = frame
    return data


def helper(name: str) -> Callable[..., Any]:
    """The helper `name` as a Python function: called as a `.ncg` template calls it."""
    if name in VARS_HELPERS:
        def call_with_vars(*args: Any, block: Block = None, **names: Any) -> Any:
            return rb.call_fn(name, *with_ivar_vars(args, names), block=block)
        return call_with_vars
    if name in IVAR_NAME_HELPERS:
        def call_with_ivar(ivar: Any, *args: Any, block: Block = None) -> Any:
            return rb.call_fn(name, ivar_name(ivar), *args, block=block)
        return call_with_ivar

    def call(*args: Any, block: Block = None) -> Any:
        return rb.call_fn(name, *args, block=block)
    return call


def with_ivar_vars(args: tuple[Any, ...], names: dict[str, Any]) -> tuple[Any, ...]:
    """`apply_*`'s arguments, with its vars (a dict last, and keyword arguments)
    merged and keyed by instance variable names."""
    rest, given = args, {}
    if args and isinstance(args[-1], dict):
        rest, given = args[:-1], args[-1]
    if not given and not names:
        return args
    return (*rest, {ivar_name(key): value for key, value in {**given, **names}.items()})


def ivar_name(name: Any) -> Any:
    """`port` as the instance variable `@port` (names with `@` as they are)."""
    if isinstance(name, str) and not name.startswith("@"):
        return "@" + name
    return name


def python_error(exc: Exception) -> RubyError:
    """A Python error a `.mako` template raised: the template's error, named as Python names it."""
    cls = type(type(exc).__name__, (StandardError,), {"ruby_name": type(exc).__name__})
    error: RubyError = cls(str(exc))
    error.__cause__ = exc
    return error
