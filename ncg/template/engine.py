"""Compiling, caching and rendering templates, and saying where they failed.

An `Environment` (as in Jinja2) owns what a run's templates share: its
settings, the helper functions templates call (`emit_header`…), and its
caches. Nothing on the render path lives in module globals, so two
environments, or two threads rendering with one, never see each other.

A template (a `.ncg` file, or a `[% %]` model line) is compiled once to Mako
source by `ncg.template.layout`, then to a Python module by Mako; both are
cached per environment, and kept (`ncg.template.entries`) in the
environment's file cache (`ncg.template.cache`, on disk for a run), so a
template applied to 10,000 interfaces compiles once, and a run whose
templates were compiled before runs neither compiler. Mako keeps one line of
its source per template line, so the line map of Mako's module turns a
failing Python line straight into the `.ncg` line to report.

Rendering is the hot path (a 1000-device network renders 97,000 templates):
a template file is read once, and read again only after ncg itself changed
a file (`ncg.file_changes`), and the compiled body is called directly with
a `RenderContext` instead of through Mako's per-render set-up.
"""

from __future__ import annotations

import ast
import base64
import builtins
import hashlib
import json
import marshal
import os
import re
import traceback
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import CodeType, TracebackType
from typing import Any, ClassVar

import ncg.ruby.runtime as rb
from ncg import file_changes
from ncg.errors import InternalError, RubyError
from ncg.process import Signalled
from ncg.ruby.runtime.errors import escaped_error
from ncg.ruby.runtime.file import read_text
from ncg.settings import Settings
from ncg.template import native, shapes
from ncg.template.cache import BundleCache, TemplateCache, template_key
from ncg.template.makolib import COMPILING, Context, ModuleInfo, ModuleTemplate, Template
from ncg.template.markers import BODY_DEF, line_map
from ncg.text import chomp

MAKO_IMPORTS = ["import ncg.ruby.runtime as rb"]
# an error's compiled templates, by module name: how -D tracebacks name template lines
TEMPLATES_ATTR = "ncg_templates"

Helper = Callable[..., Any]
# told of each error leaving a template, with that template's instance variables (-E)
ErrorHook = Callable[[RubyError | InternalError, dict[str, Any]], None]


@dataclass(frozen=True)
class CompiledTemplate:
    """A template ready to render, and how to map its Python lines back."""

    filename: str
    mako: Template
    module_name: str
    # Python line of the module - 1 -> line of `source` (from 1); shared by
    # the snippets of one shape, each at its own `first_lineno`
    lines: list[int]
    source: str = field(repr=False)
    first_lineno: int = 1
    native: bool = False  # a `.mako` file: plain Mako over its variables (`ncg.template.native`)
    # the body's render function when it needs no more of Mako's Context
    # than `RenderContext` gives (see `direct_body`), else None
    body: Callable[[Any], Any] | None = field(default=None, repr=False)
    pure: bool = False  # see `ncg.template.purity`

    def template_line(self, python_line: int) -> int:
        """The template line that Python line `python_line` of the module runs."""
        return self.lines[min(python_line, len(self.lines)) - 1] + self.first_lineno - 1

    def source_line(self, line: int) -> str:
        """The text of template line `line` (empty past the end)."""
        lines = self.source.splitlines()
        index = line - self.first_lineno
        return lines[index].strip() if 0 <= index < len(lines) else ""


class Environment:
    """Settings, helpers and caches shared by the templates of one run.

    `file_cache` keeps template files compiled (in memory only unless
    given one on disk, as `ncg.app` gives a run `TemplateCache.for_user()`);
    `[% %]` model lines are cached in memory only, unless given a
    `snippet_cache` (`ncg.app` gives a run one entry of its file cache for
    all of them, so that a model of 10,000 such lines leaves one file).
    """

    def __init__(self, settings: Settings | None = None, file_cache: TemplateCache | None = None,
                 on_error: ErrorHook | None = None,
                 snippet_cache: TemplateCache | BundleCache | None = None) -> None:
        self.settings = settings or Settings()
        self.file_cache = TemplateCache() if file_cache is None else file_cache
        self.snippet_cache = TemplateCache() if snippet_cache is None else snippet_cache
        self.on_error = on_error
        self.helpers: dict[str, tuple[Helper, bool]] = {}
        self._compiled: dict[tuple[str, int, str], CompiledTemplate] = {}
        self._texts: dict[tuple[str, int, int], str] = {}
        # template file -> (file_changes.count when it was checked, its template)
        self._files: dict[str, tuple[int, CompiledTemplate]] = {}
        # shape of `[% %]` lines -> their compiled template (None: compile each line)
        self._shapes: dict[str, CompiledTemplate | None] = {}
        # where the first `[% %]` line that is not pure (`ncg.template.purity`)
        # was rendered: a model that ran one can't be reused from its files alone
        self.impure_snippet: str | None = None

    def register_helper(self, name: str, fn: Helper, wants_frame: bool = False) -> None:
        """Let templates call `fn` as `name(...)`; with `wants_frame`, `fn`
        receives the render's `rb.Frame` (its `@ivars`) first."""
        self.helpers[name] = (fn, wants_frame)

    def compile(self, source: str, filename: str, first_lineno: int = 1,
                cache: TemplateCache | BundleCache | None = None) -> CompiledTemplate:
        """The compiled template for `source` (its first line is `first_lineno`);
        its Mako source from `cache` (by default the file cache)."""
        key = (filename, first_lineno, source)
        found = self._compiled.get(key)
        if found is None:
            found = self._compiled[key] = self._compile(
                source, filename, first_lineno, self.file_cache if cache is None else cache)
        return found

    def _compile(self, source: str, filename: str, first_lineno: int,
                 cache: TemplateCache | BundleCache) -> CompiledTemplate:
        key = template_key(source, filename)
        # the module's name is its code's file name in tracebacks: the same
        # for the same key, as the cached bytecode keeps the name it had
        name = f"ncg_{key[:32]}"
        stored = cache.load(key)
        module = None if stored is None else CompiledModule.loads(stored, name)
        if module is None:  # not cached, or not for this Python
            with COMPILING:  # our code generator runs Python's `ast` too
                module = CompiledModule.of_mako(translate(source, filename, first_lineno), name,
                                                filename, first_lineno)
            cache.store(key, module.dumps())
        return CompiledTemplate(filename, module.mako, name, module.lines, source, first_lineno,
                                body=module.body(), pure=module.pure)

    def compile_native(self, text: str, filename: str) -> CompiledTemplate:
        """The compiled template of a `.mako` file's text."""
        key = (filename, 0, text)  # line 0: no `.ncg` template or snippet starts there
        found = self._compiled.get(key)
        if found is None:
            where = f"{filename}\0{text}".encode("utf-8", "surrogatepass")
            digest = hashlib.sha256(where).hexdigest()[:32]
            mako = native.mako_template(text, f"ncg_{digest}", filename, MAKO_IMPORTS)
            found = self._compiled[key] = CompiledTemplate(
                filename, mako, mako.module.__name__, native.template_lines(mako), text,
                native=True)
        return found

    def render(self, compiled: CompiledTemplate, ivars: dict[str, Any],
               literals: dict[str, Any] | None = None) -> str:
        """Run a compiled template with these instance variables (`@target`…),
        and a shaped snippet's literals (which -E's dump of `ivars` leaves out)."""
        stack = rb.frame_stack()
        parent = stack.top
        context = RenderContext(ivars if literals is None else {**ivars, **literals},
                                self.helpers, parent)
        stack.top = context
        binary_seen = rb.binary_to_s[0]
        try:
            if compiled.body is not None:
                compiled.body(context)
            elif compiled.native:
                compiled.mako.render_context(
                    native.NativeContext(context, **native.context_data(context)))
            else:
                compiled.mako.render_context(Context(context, ncg_frame=context))
            if rb.binary_to_s[0] == binary_seen:  # output_text's test, without its call
                return "".join(context.parts)
            return rb.output_text(context.parts, binary_seen)
        except Signalled as exc:  # Ctrl-C…: not an error of the template's, but where it was
            line = innermost_line(compiled, exc.__traceback__)
            exc.error.add_location(f"{compiled.filename}:{line or compiled.template_line(1)}")
            raise
        except Exception as exc:  # every failure is reported at its template line
            error = self._located(exc, compiled, ivars)
            raise error from (None if error is exc else exc)
        finally:
            stack.top = parent

    def _located(self, exc: Exception, compiled: CompiledTemplate,
                 ivars: dict[str, Any]) -> RubyError | InternalError:
        """`exc` as the error ncg reports, with this template's line added."""
        error: RubyError | InternalError | None
        error = exc if isinstance(exc, InternalError) else escaped_error(exc)
        if error is None:
            error = native.python_error(exc) if compiled.native else InternalError()
        line = innermost_line(compiled, exc.__traceback__)
        error.add_location(f"{compiled.filename}:{line or compiled.template_line(1)}")
        templates_of(error)[compiled.module_name] = compiled
        if self.on_error is not None:
            self.on_error(error, ivars)
        return error

    def template_text(self, filename: str) -> str:
        """A template file's text, read again only when the file changes."""
        try:
            stat = os.stat(filename)
        except OSError:
            return read_text(filename)  # raises the error Ruby's File.read gives
        key = (filename, stat.st_mtime_ns, stat.st_size)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = read_text(filename)
        return text

    def apply_by_filename(self, filename: str, ivars: dict[str, Any] | None = None) -> str:
        """Render the template file with `ivars`; one trailing newline is chomped."""
        return self.apply_own_vars(filename, dict(ivars or {}))

    def apply_own_vars(self, filename: str, ivars: dict[str, Any]) -> str:
        """`apply_by_filename` with `ivars` the render's own instance variables
        (the template's `@x = …` changes them): for a caller that made them
        for this render alone, as the `apply_*` helpers do, saving a copy."""
        found = self._files.get(filename)  # template_file's own test, without its call
        if found is None or found[0] != file_changes.count:
            return chomp(self.render(self.template_file(filename), ivars))
        return chomp(self.render(found[1], ivars))

    def template_file(self, filename: str) -> CompiledTemplate:
        """The compiled template of a file, checked again only after ncg changed a file."""
        found = self._files.get(filename)
        changes = file_changes.count
        if found is None or found[0] != changes:
            text = self.template_text(filename)
            compiled = (self.compile_native(text, filename) if native.is_native(filename)
                        else self.compile(text, filename))
            found = self._files[filename] = (changes, compiled)
        return found[1]

    def render_snippet(self, text: str, filename: str, lineno: int, target: Any) -> str:
        """Render a `[% %]` model line (already in `<% %>` form) at filename:lineno."""
        ivars = {"@target": target, "@target_key": target.key}
        shape = shapes.shape_of(text)
        if shape is not None:
            compiled = self._compile_shape(shape.text)
            if compiled is not None:
                self._note_purity(compiled, filename, lineno)
                return self.render(snippet_of_shape(compiled, text, filename, lineno), ivars,
                                   shape.literals)
        compiled = self.compile(text, filename, lineno, self.snippet_cache)
        self._note_purity(compiled, filename, lineno)
        return self.render(compiled, ivars)

    def _note_purity(self, compiled: CompiledTemplate, filename: str, lineno: int) -> None:
        if not compiled.pure and self.impure_snippet is None:
            self.impure_snippet = f"{filename}:{lineno}"

    def _compile_shape(self, shape_text: str) -> CompiledTemplate | None:
        """The template shared by snippets of this shape (`ncg.template.shapes`);
        None if it doesn't compile: each such snippet is then compiled as written,
        so that its error names its own text."""
        if shape_text not in self._shapes:
            try:
                found = self.compile(shape_text, SHAPE_FILENAME, 1, self.snippet_cache)
            except RubyError:
                found = None
            self._shapes[shape_text] = found
        return self._shapes[shape_text]


RENDER_CODE = Environment.render.__code__
# where a shape is compiled; never reported, as a shape that fails isn't used
SHAPE_FILENAME = "(snippet shape)"


def snippet_of_shape(shape: CompiledTemplate, text: str, filename: str,
                     lineno: int) -> CompiledTemplate:
    """The shape's template as the snippet `text` at filename:lineno: its
    errors and -D frames name that line and show that text."""
    return CompiledTemplate(filename, shape.mako, shape.module_name, shape.lines, text, lineno,
                            body=shape.body, pure=shape.pure)


class NoCallerStack:
    """Mako's caller stack serves `<%call>` and `caller`, which our templates never use."""

    def _push_frame(self) -> None:
        pass

    def _pop_frame(self) -> None:
        pass


class RenderContext(rb.Frame):
    """A render's frame (its `@ivars`, `$~`…), which is also what the body
    of its compiled template uses of Mako's Context, and no more: its
    output, `ncg_frame` (itself), and Mako's caller stack (unused by our
    templates, but pushed and popped by every Mako def that `direct_code`
    did not rewrite).

    Mako's own render would build a Context, a namespace for `self` and
    check its inheritance chain on every render; a config of 48 ports
    renders 97 templates, so the body is called with this instead (one
    object per render: the frame and the context in one). It is also the
    output buffer Mako's Context writes to when a template needs the whole of it.
    """

    __slots__ = ()
    caller_stack: ClassVar[NoCallerStack] = NoCallerStack()

    def get(self, name: str, default: Any = None) -> Any:
        """A name the body does not define: as Mako's Context has it, the
        render's frame, else Python's builtin of that name (a template's
        Ruby `rescue Exception`), else `default`."""
        if name == "ncg_frame":
            return self
        return BUILTINS.get(name, default)

    def writer(self) -> Callable[[str], None]:
        return self.write

    def getvalue(self) -> str:
        return "".join(self.parts)


BUILTINS: dict[str, Any] = vars(builtins)
# what a body may use of its context to be called with a RenderContext
DIRECT_CONTEXT = {"caller_stack", "get", "writer", "write"}
# names a Mako Context defines for a render, that RenderContext does not
MAKO_NAMES = {"capture", "caller", "self", "local"}
_CONTEXT_USE = re.compile(r"\bcontext\.(\w+)")
_CONTEXT_GET = re.compile(r"\bcontext\.get\(([^,)]*)")
_NAME = re.compile(r"'(\w+)'")


# Mako's set-up lines of a def, and what they come to with a RenderContext:
# its caller stack does nothing, it is the frame, its writer an attribute. Each
# line is replaced by one line, so the module's line map stays the same.
DIRECT_LINES = (
    ("    __M_caller = context.caller_stack._push_frame()\n", "    __M_caller = None\n"),
    ("        ncg_frame = context.get('ncg_frame', UNDEFINED)\n", "        ncg_frame = context\n"),
    ("        __M_writer = context.writer()\n", "        __M_writer = context.write\n"),
    ("        context.caller_stack._pop_frame()\n", "        pass\n"),
)


def direct_code(code: str) -> str:
    """Mako's module `code`, whose body `direct_body` lets run with a
    RenderContext, with the body's set-up done without calling its context:
    four calls less per render."""
    start = code.find(f"\ndef render_{BODY_DEF}(context")
    head, body = code[:start], code[start:]
    for mako_line, direct_line in DIRECT_LINES:
        body = body.replace(mako_line, direct_line, 1)
    return head + body


def direct_body(code: str) -> bool:
    """May the module's `render_ncg_body` run with a RenderContext? Only if
    Mako's code for it reads nothing of its context but `DIRECT_CONTEXT`,
    and no name that a Mako Context has and a RenderContext has not (else
    Mako's own render runs it)."""
    start = code.find(f"\ndef render_{BODY_DEF}(context")
    if start < 0:
        return False
    body_code = code[start:]
    if any(use not in DIRECT_CONTEXT for use in _CONTEXT_USE.findall(body_code)):
        return False
    for name in _CONTEXT_GET.findall(body_code):
        plain = _NAME.fullmatch(name.strip())
        if plain is None or plain.group(1) in MAKO_NAMES:
            return False
    return True


# -- compiling -----------------------------------------------------------------


def translate(source: str, filename: str, first_lineno: int) -> str:
    """ERB+Ruby to Mako; a crash of the compiler itself is an internal error."""
    try:
        return compile_template(source, filename, first_lineno)
    except RubyError:
        raise
    except Exception as exc:
        raise internal_error(f"{filename}:{first_lineno}") from exc


def is_pure(tree: ast.Module) -> bool:
    """`ncg.template.purity`'s judgement, imported only when a template compiles."""
    from ncg.template import purity

    return purity.is_pure(tree)


def compile_template(source: str, filename: str, first_lineno: int) -> str:
    """The compiler's Mako source, the compiler imported only now: a run whose
    templates are all in the cache needs neither it nor the Ruby parser."""
    from ncg.template import layout

    return layout.compile_template(source, filename, first_lineno)


@dataclass(frozen=True)
class CompiledModule:
    """A template's Python module as Mako made it, and what the cache keeps
    of it: its bytecode (as Jinja2's bytecode cache keeps it; a 10,000-line
    template then loads without Mako's lexer, code generator and Python's
    compiler, in a twentieth of the time), the template line (from 1) of
    each module line, whether its body runs with a `RenderContext`, and
    whether it is pure (`ncg.template.purity`)."""

    mako: Template
    bytecode: CodeType
    lines: list[int]
    direct: bool
    pure: bool

    @classmethod
    def of_mako(cls, text: str, name: str, filename: str, first_lineno: int) -> CompiledModule:
        """Compile our Mako source; Mako rejecting it is a compiler bug."""
        try:
            with COMPILING:
                mako = Template(text=text, uri=name, imports=MAKO_IMPORTS, default_filters=[],
                                enable_loop=False)
                code = mako.code
                direct = direct_body(code)
                # parsed once, for both purity and the bytecode
                tree = ast.parse(direct_code(code) if direct else code)
                bytecode = compile(tree, name, "exec")
        except Exception as exc:
            raise internal_error(f"{filename}:{first_lineno}") from exc
        # the module runs this bytecode, as it will when `loads` reads it from the cache
        # (a ModuleTemplate replaces the Template in Mako's registry: code read before)
        return cls(ModuleTemplate(module_of(bytecode, name)), bytecode,
                   template_lines(code, line_map(text)), direct, is_pure(tree))

    @classmethod
    def loads(cls, stored: str, name: str) -> CompiledModule | None:
        """The module `dumps` wrote, or None if this Python can't run it."""
        try:
            record = json.loads(stored)
            bytecode = marshal.loads(base64.b64decode(record["bytecode"]))
            module = module_of(bytecode, name)
            lines, direct, pure = record["lines"], record["direct"], record["pure"]
            if not (isinstance(lines, list) and isinstance(direct, bool)
                    and isinstance(pure, bool)):
                return None
            return cls(ModuleTemplate(module), bytecode, lines, direct, pure)
        except Exception:  # noqa: BLE001  # the cache is only a shortcut
            return None

    def dumps(self) -> str:
        return json.dumps({"bytecode": base64.b64encode(marshal.dumps(self.bytecode)).decode(),
                           "lines": self.lines, "direct": self.direct, "pure": self.pure})

    def body(self) -> Callable[[Any], Any] | None:
        """The body's render function, to call with a RenderContext, if it may be."""
        found: Callable[[Any], Any] | None = getattr(self.mako.module, f"render_{BODY_DEF}", None)
        return found if self.direct else None


def module_of(bytecode: CodeType, name: str) -> types.ModuleType:
    """A template's module, run from its bytecode."""
    module = types.ModuleType(name)
    exec(bytecode, module.__dict__)
    return module


def internal_error(where: str) -> InternalError:
    error = InternalError()
    error.add_location(where)
    return error


def template_lines(code: str, compiler_lines: list[int] | None) -> list[int]:
    """For each line of Mako's Python module `code`, the template line (from 1)
    it runs, through the compiler's line map from template to Mako lines."""
    mako_lines = ModuleInfo.get_module_source_metadata(code, full_line_map=True)[
        "full_line_map"
    ]
    if compiler_lines is not None:
        last = len(compiler_lines)
        mako_lines = [compiler_lines[min(max(n, 1), last) - 1] for n in mako_lines]
    return [max(n, 1) for n in mako_lines]


# -- where an error happened ---------------------------------------------------------


def innermost_line(compiled: CompiledTemplate, tb: TracebackType | None) -> int | None:
    """The template line of the deepest frame of `compiled` in this render.

    The traceback starts at `Environment.render`; it is read down to the
    next render (of a template called from this one), whose lines are that
    template's own.
    """
    line = None
    tb = tb.tb_next if tb is not None else None
    while tb is not None:
        code = tb.tb_frame.f_code
        if code is RENDER_CODE:
            break
        if code.co_filename == compiled.module_name:
            line = compiled.template_line(tb.tb_lineno)
        tb = tb.tb_next
    return line


def templates_of(error: BaseException) -> dict[str, CompiledTemplate]:
    """The compiled templates an error passed through, by module name."""
    templates: dict[str, CompiledTemplate] | None = getattr(error, TEMPLATES_ATTR, None)
    if templates is None:
        templates = {}
        setattr(error, TEMPLATES_ATTR, templates)
    return templates


def format_exception(exc: BaseException) -> str:
    """The Python traceback of `exc` (for -D), where a frame of a compiled
    template reads `File "templates/port.ncg", line 3`, as Jinja2 shows them.

    The frames of Mako's scaffolding around the template body go; the body
    itself reads `in <template>`, a Ruby method `m_name`, a block `_blkN`.
    """
    report = traceback.TracebackException.from_exception(exc)
    templates: dict[str, CompiledTemplate] = {}
    for error in exception_chain(exc):
        templates.update(getattr(error, TEMPLATES_ATTR, {}))
    for part in report_chain(report):
        part.stack = traceback.StackSummary.from_list(
            [shown for frame in part.stack
             if (shown := template_frame(frame, templates)) is not None]
        )
    return "".join(report.format())


SCAFFOLDING = {"render_body", BODY_DEF}  # Mako's module function, and the def it calls


def template_frame(frame: traceback.FrameSummary,
                   templates: dict[str, CompiledTemplate]) -> traceback.FrameSummary | None:
    """A frame as -D shows it: at its template line, None for scaffolding."""
    compiled = templates.get(frame.filename)
    if compiled is None or frame.lineno is None:
        return frame
    body = "render_body" if compiled.native else f"render_{BODY_DEF}"  # a .mako file's own
    if frame.name in SCAFFOLDING and frame.name != body:
        return None
    line = compiled.template_line(frame.lineno)
    name = "<template>" if frame.name == body else frame.name
    return traceback.FrameSummary(compiled.filename, line, name, lookup_line=False,
                                  line=compiled.source_line(line))


def exception_chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        error = todo.pop()
        if error is None or id(error) in seen:
            continue
        seen.add(id(error))
        yield error
        todo.extend([error.__cause__, error.__context__])


def report_chain(report: traceback.TracebackException) -> Iterator[traceback.TracebackException]:
    seen: set[int] = set()
    todo: list[traceback.TracebackException | None] = [report]
    while todo:
        part = todo.pop()
        if part is None or id(part) in seen:
            continue
        seen.add(id(part))
        yield part
        todo.extend([part.__cause__, part.__context__])

