"""Ruby 3.1's `Did you mean?` lines under a NameError or NoMethodError message.

Ruby's did_you_mean library appends, to the message of an undefined method
or name, the names close to the one typed, picked from:

* a method call with a receiver (`"x".upcas`): the receiver's public
  methods (for nil: none, since nil's own methods are never proposed);
* a receiverless call with arguments (`emit_headr("#")`): the same, plus the
  private methods and the keywords that take an argument;
* an undefined name (`fooo`): the keywords, the local variables visible
  where it was used, the methods (public and private) and instance variables
  of the template's context;
* an uninitialized constant: the constants of the scopes it was looked up in.

The method and constant names are the ones the original NCG sees under Ruby
3.1, recorded in `did_you_mean_names.json` (by
tests/runtime/did_you_mean/record_names.rb). The suggestions are computed
only when the message is read (`NameError_.message`), never when raising.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from types import CodeType, FrameType, TracebackType
from typing import Any

from ncg.spelling import correct

NAMES_FILE = Path(__file__).with_name("did_you_mean_names.json")
CONTEXT = "Netomata::Template::Context"
_LOCAL = re.compile(r"l_(.+?)(?:_(\d+))?\Z")


@cache
def names() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    return loaded


def message_for(corrections: list[str]) -> str:
    """The text Ruby appends: nothing, or the names one per line under the first."""
    if not corrections:
        return ""
    return "\nDid you mean?  " + "\n               ".join(corrections)


def _unique(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(words))


def method_candidates(class_name: str, private_call: bool) -> list[str]:
    """What a call of an undefined method on an instance of `class_name` is checked against."""
    recorded = names()
    methods = recorded["methods"].get(class_name)
    if methods is None:
        return []
    if not private_call:
        return list(methods)
    return [*recorded["reserved_for_methods"],
            *_unique([*methods, *recorded["private"].get(class_name, [])])]


def method_corrections(recv: Any, name: str, private_call: bool = False) -> list[str]:
    """Ruby's suggestions for `recv.name` when `recv` has no method `name`."""
    from ncg.ruby.runtime.consts import class_of

    class_name = class_of(recv).name
    found = correct(name, method_candidates(class_name, private_call))
    if recv is None:
        excluded = set(names()["nil_excluded"])
        found = [word for word in found if word not in excluded]
    return found


def context_methods(helpers: Iterable[str] = ()) -> list[str]:
    """The context's methods, public then private, and then the template's own `def`s."""
    recorded = names()
    return _unique([*recorded["methods"][CONTEXT], *recorded["private"][CONTEXT], *helpers])


def name_corrections(name: str, local_names: list[str], ivars: list[str],
                     helpers: Iterable[str] = ()) -> list[str]:
    """Ruby's suggestions for an undefined local variable or method `name` in a template."""
    recorded = names()
    dictionary = [*recorded["reserved_for_variables"], *local_names,
                  *context_methods(helpers), *ivars, *recorded["class_variables"]]
    found = correct(name.replace("@", ""), dictionary)
    if name == "foo":  # Ruby never proposes these two for `foo`
        found = [word for word in found if word not in ("fork", "for")]
    return found


def constant_corrections(name: str, message: str, scopes: list[str]) -> list[str]:
    """Ruby's suggestions for an uninitialized constant `name` looked up in
    `scopes` ("Netomata", "Netomata::Template"…, Object first without being
    named): their constants, qualified by the scope, but for those the
    message already names."""
    recorded = names()["constants"]
    dictionary: list[str] = []  # a name in two scopes is there twice, as in Ruby
    qualified: dict[str, list[str]] = {}
    for scope in ["Object", *scopes]:
        prefix = "" if scope == "Object" else f"{scope}::"
        for constant in recorded.get(scope, []):
            dictionary.append(constant)
            qualified.setdefault(constant, []).append(prefix + constant)
    # equally close names come out last-listed first: the same name too
    found = [qualified[word].pop() for word in correct(name, dictionary)]
    return [full for full in found if full not in message]


# -- the local variables visible where an error was raised -------------------------


def local_variables(tb: TracebackType | None,
                    is_template: Callable[[CodeType], bool] | None = None) -> list[str]:
    """The Ruby local variables in scope at the innermost template frame of `tb`.

    A template's locals are Python variables `l_NAME` (`l_NAME_2` for a
    second NAME in one Python function); a block's function sees the locals
    of the functions it is nested in (those whose code holds its code), a
    Ruby method (`m_NAME`) none outside itself.
    """
    if is_template is None:
        is_template = _template_code
    frames: list[FrameType] = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    outer = frames[0].f_back if frames else None
    frames.reverse()  # innermost first
    while outer is not None:
        frames.append(outer)
        outer = outer.f_back
    found: list[str] = []
    current: CodeType | None = None
    for frame in frames:
        code = frame.f_code
        if not is_template(code):
            continue
        if current is not None and not _encloses(code, current):
            continue
        found.extend(_ruby_locals(code))
        if code.co_name.startswith("m_"):
            break
        current = code
    return _unique(found)


def _template_code(code: CodeType) -> bool:
    """Code of a compiled template: its module, named `ncg_KEY` by the
    template engine, is the code's file name."""
    return code.co_filename.startswith("ncg_")


def _encloses(outer: CodeType, inner: CodeType) -> bool:
    for const in outer.co_consts:
        if isinstance(const, CodeType) and (const is inner or _encloses(const, inner)):
            return True
    return False


def _ruby_locals(code: CodeType) -> list[str]:
    python_names = [*code.co_varnames, *code.co_cellvars, *code.co_freevars]
    present = set(python_names)
    found = []
    for python in python_names:
        match = _LOCAL.match(python)
        if match is None:
            continue
        name, number = match.groups()
        if number is not None and f"l_{name}" not in present:
            name = f"{name}_{number}"  # a Ruby name that ends in digits
        found.append(name)
    return found
