"""Compiling, caching and rendering templates, and saying where they failed.

A template (a `.ncg` file, or a `[% %]` model line) is compiled once to Mako
source by `ncg.ruby.codegen`, then to a Python module by Mako; both are
cached per process, and a template file's Mako source also on disk
(`ncg.template.cache`), so a template applied to 10,000 interfaces compiles
once. Mako keeps one line of its source per template line, so the line map
of Mako's module turns a failing Python line straight into the `.ncg` line
to report.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from mako.runtime import Context
from mako.template import ModuleInfo, Template
from mako.util import FastEncodingBuffer

import ncg.ruby.runtime as rb
from ncg import settings
from ncg.errors import CompileError, RubyError
from ncg.netomata.error_dump import write_error_dump
from ncg.process import Signalled
from ncg.ruby.runtime.file import read_text
from ncg.template.cache import TemplateCache, template_key
from ncg.template.layout import compile_template, line_map

MAKO_IMPORTS = ["import ncg.ruby.runtime as rb"]


@dataclass(frozen=True)
class CompiledTemplate:
    """A template ready to render, and how to map its Python lines back."""

    filename: str
    mako: Template
    module_name: str
    lines: list[int]  # Python line of the module - 1 -> template line

    def template_line(self, python_line: int) -> int:
        """The template line that Python line `python_line` of the module runs."""
        return self.lines[min(python_line, len(self.lines)) - 1]


_compiled: dict[tuple[str, int, str], CompiledTemplate] = {}


_file_cache: list[TemplateCache] = []  # made on first use: HOME is read then
_snippet_cache = TemplateCache()  # memory only: a model line leaves no file behind


def file_cache() -> TemplateCache:
    """The cache of template files' Mako source: on disk when there is a private folder."""
    if not _file_cache:
        _file_cache.append(TemplateCache.for_user())
    return _file_cache[0]


def mako_source(source: str, filename: str, first_lineno: int, cache: TemplateCache) -> str:
    """The Mako source for a template: from `cache`, or compiled now and stored there."""
    key = template_key(source, filename)
    text = cache.load(key)
    if text is None:
        text = translate(source, filename, first_lineno)
        cache.store(key, text)
    return text


def translate(source: str, filename: str, first_lineno: int) -> str:
    """ERB+Ruby to Mako; a failure of the compiler itself is still one ERROR line."""
    try:
        return compile_template(source, filename, first_lineno)
    except RubyError:
        raise
    except Exception as exc:  # a compiler bug must not surface as a traceback
        error = CompileError(f"ncg could not compile this template ({type(exc).__name__}: {exc})")
        error.add_location(f"{filename}:{first_lineno}")
        raise error from exc


def mako_template(text: str, uri: str, filename: str, first_lineno: int) -> Template:
    """Mako's module for our Mako source; Mako rejecting it is a compiler bug."""
    try:
        return Template(text=text, uri=uri, imports=MAKO_IMPORTS, default_filters=[],
                        enable_loop=False)
    except Exception as exc:  # reported as one ERROR line, never a traceback
        error = CompileError(f"ncg produced Mako that does not compile ({exc})")
        error.add_location(f"{filename}:{first_lineno}")
        raise error from exc


def template_lines(mako: Template, text: str, first_lineno: int) -> list[int]:
    """For each line of Mako's Python module, the template line it runs."""
    mako_lines = ModuleInfo.get_module_source_metadata(mako.code, full_line_map=True)[
        "full_line_map"
    ]
    compiler_lines = line_map(text)
    if compiler_lines is not None:
        last = len(compiler_lines)
        mako_lines = [compiler_lines[min(max(n, 1), last) - 1] for n in mako_lines]
    return [max(n, 1) + first_lineno - 1 for n in mako_lines]


def compile_cached(
    source: str, filename: str, first_lineno: int = 1, cache: TemplateCache | None = None
) -> CompiledTemplate:
    """A template compiled once per process; its Mako source from `cache` (the file cache)."""
    key = (filename, first_lineno, source)
    found = _compiled.get(key)
    if found is not None:
        return found
    text = mako_source(source, filename, first_lineno, cache if cache is not None else file_cache())
    where = f"{filename}\0{first_lineno}\0{source}".encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(where).hexdigest()[:32]
    mako = mako_template(text, f"ncg_{digest}", filename, first_lineno)
    compiled = CompiledTemplate(
        filename, mako, mako.module.__name__, template_lines(mako, text, first_lineno)
    )
    _compiled[key] = compiled
    return compiled


def innermost_line(compiled: CompiledTemplate, tb: TracebackType | None) -> int | None:
    """The template line of the deepest traceback frame inside `compiled`."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == compiled.module_name:
            line = compiled.template_line(tb.tb_lineno)
        tb = tb.tb_next
    return line


def render(compiled: CompiledTemplate, ivars: dict[str, Any]) -> str:
    """Run a compiled template with these instance variables (`@target`…)."""
    frame = rb.push_frame(ivars)
    output = FastEncodingBuffer()
    frame.output = output.getvalue  # ERB's @erb_result: what is rendered so far
    try:
        compiled.mako.render_context(Context(output, ncg_frame=frame))
        return output.getvalue()
    except Signalled as exc:  # Ctrl-C...: not an error of the template's, but where it was
        line = innermost_line(compiled, exc.__traceback__)
        exc.error.add_location(f"{compiled.filename}:{line or compiled.template_line(1)}")
        raise
    except Exception as exc:  # every failure is reported as a Ruby error
        error = exc if isinstance(exc, RubyError) else rb.to_ruby_error(exc)
        line = innermost_line(compiled, exc.__traceback__)
        error.add_location(f"{compiled.filename}:{line or compiled.template_line(1)}")
        if settings.error_dump:
            write_error_dump(settings.error_dump, error, ivars)
        raise error from (None if error is exc else exc)
    finally:
        rb.pop_frame()


_texts: dict[tuple[str, int, int], str] = {}


def template_text(filename: str) -> str:
    """A template file's text, read again only when the file changes."""
    try:
        stat = os.stat(filename)
    except OSError:
        return read_text(filename)  # raises the error Ruby's File.read gives
    key = (filename, stat.st_mtime_ns, stat.st_size)
    text = _texts.get(key)
    if text is None:
        text = _texts[key] = read_text(filename)
    return text


def apply_by_filename(filename: str, ivars: dict[str, Any] | None = None) -> str:
    """Render the template file with `ivars`; one trailing newline is chomped."""
    compiled = compile_cached(template_text(filename), filename)
    return chomp(render(compiled, dict(ivars or {})))


def render_snippet(text: str, filename: str, lineno: int, target: Any) -> str:
    """Render a `[% %]` model line (already in `<% %>` form) at filename:lineno."""
    compiled = compile_cached(text, filename, lineno, _snippet_cache)
    return render(compiled, {"@target": target, "@target_key": target.key})


def chomp(text: str) -> str:
    """Ruby's String#chomp: drop one trailing \\n, \\r\\n or \\r."""
    if text.endswith("\r\n"):
        return text[:-2]
    if text.endswith(("\n", "\r")):
        return text[:-1]
    return text

from ncg.netomata import helpers  # noqa: E402  (registers the template helpers; needs the names above)

helpers.register_all()
