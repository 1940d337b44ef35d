"""`-E FILE`: when a template fails, write the error and its context to FILE.N.

Like the original, every template level the error passes through writes its
own file (FILE.0 innermost, then FILE.1 …), holding the error, where it
happened, and the instance variables that template was given.
"""

from __future__ import annotations

import io
import os
from typing import Any

import ncg.ruby.runtime as rb
from ncg.errors import RubyError
from ncg.model.node import Node


def next_free_name(base: str) -> str:
    count = 0
    while os.path.isfile(f"{base}.{count}"):
        count += 1
    return f"{base}.{count}"


def context_text(ivars: dict[str, Any]) -> str:
    out = io.StringIO()
    for name, value in ivars.items():
        if isinstance(value, Node):
            out.write(f"{name} = {{\n")
            value.dump(out, 1, True)
            out.write("}\n")
        else:
            out.write(f"{name} = {rb.inspect(value)}\n")
    return out.getvalue()


def write_error_dump(base: str, error: RubyError, ivars: dict[str, Any]) -> None:
    with open(next_free_name(base), "w", encoding="utf-8") as fh:
        fh.write(f"ERROR({error.ruby_name}): {error.message}\n")
        fh.write("---------\nBACKTRACE\n---------\n")
        fh.write("\n".join(error.trace) + "\n")
        fh.write("-------\nCONTEXT\n-------\n")
        fh.write(context_text(ivars))
