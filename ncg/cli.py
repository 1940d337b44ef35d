"""The `ncg` command: the same flags, output and error reports as NCG 0.10.3.

    ncg [options] FILE...      (`-` reads the model from standard input)

The command line is read as the original's OptionParser reads it
(`ncg.options`: abbreviations, combined letters, flags after file names),
and the help text and the error reports keep the original's exact wording,
because scripts and users read them. ncg's own flags follow the same rules.

Typer serves shell completion: `--install-completion` and
`--show-completion` (exact names only, so that they never make an
abbreviation of the original's flags ambiguous; not in `-h`) and the
completion requests of the shell.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from ncg import __version__, process
from ncg.errors import HardExit, InternalError, RubyError, SystemExit_, python_error
from ncg.options import Flag, HelpRequested, OptionError, Parser, one_of, ruby_integer

if TYPE_CHECKING:
    from ncg.app import Comparing

FLAGS = [
    Flag("dump", "dump", "d", help="dump the fully-parsed data structure"),
    Flag("debug", "debug", "D", help="enable debug mode"),
    Flag("error_dump", "error-dump", "E", "FILENAME",
         "specify file to dump context to, if error occurs"),
    Flag("keys", "keys", "k", help="dump the list of keys"),
    Flag("paranoid", "paranoid", "p", help="enable paranoid mode"),
    Flag("verbose", "verbose", "v", help="enable verbose mode"),
    Flag("version", "version", "V", help="print version number"),
    Flag("format", "format", None, "FORMAT", "with -d: neto (default) or json",
         one_of("neto", "json")),
    Flag("jobs", "jobs", "j", "N", "generate the configs on N processes", ruby_integer),
    Flag("diff_against", "diff-against", None, "DIR",
         "compare the configs with those under DIR; write nothing"),
    Flag("legacy_command", "legacy-command", None, "CMD",
         "run the old tool CMD on a copy of the tree; compare"),
    Flag("check", "check", None, None, "compare the configs with the files in place"),
    Flag("report", "report", None, "FILE",
         "with the three above: also write an HTML report"),
    Flag("translate", "translate", None, None, "print the Mako source of the templates FILE..."),
]
TAIL = [Flag("help", "help", "h", help="display this help and exit")]
PARSER = Parser(FLAGS, TAIL)
# typer's own flags, taken as they are spelled only
COMPLETION_FLAGS = ("--install-completion", "--show-completion")
COMPLETION_REQUEST = "_NCG_COMPLETE"  # how the shell asks typer for completions
COMPARING = ("diff_against", "legacy_command", "check")


def program_name() -> str:
    """What Ruby's `$0` would be: the command as invoked (`ncg` under -m)."""
    argv0 = sys.argv[0] if sys.argv else "ncg"
    return "ncg" if argv0.endswith("__main__.py") else argv0


def usage_text() -> str:
    return (
        f"Usage: {program_name()} [options] filename [...]\n"
        "\tFor standard input, use '-' for filename\n"
        "Options:\n" + PARSER.usage_lines()
    )


def report_error(exc: BaseException, ruby_name: str, debug: bool) -> NoReturn:
    """Print `ERROR(Class): message` and where, as the original does; exit 1."""
    message = getattr(exc, "message", str(exc))
    sys.stderr.write(f"ERROR({ruby_name}): {message}\n")
    trace = getattr(exc, "trace", [])
    if trace:
        sys.stderr.write(f"\tat {trace[0]}\n")
        for where in trace[1:]:
            sys.stderr.write(f"\tfrom {where}\n")
    if debug:
        from ncg.template.engine import format_exception

        sys.stderr.write(format_exception(exc))
    process.end_after(exc)


def usage_error(message: str) -> NoReturn:
    """Flags that do not go together: one ERROR line, exit 1."""
    sys.stderr.write(f"ERROR(ArgumentError): {message}\n")
    raise SystemExit(1)


def command(values: dict[str, Any], files: list[str]) -> None:
    """Run ncg with the flags and files read from the command line."""
    if values.get("version"):
        sys.stdout.write(__version__ + "\n")
        return
    if not files:
        sys.stdout.write(usage_text())
        return
    from ncg import app as ncg_app
    from ncg.settings import Settings

    debug = bool(values.get("debug"))
    settings = Settings(debug=debug, paranoid=bool(values.get("paranoid")),
                        verbose=bool(values.get("verbose")),
                        error_dump=values.get("error_dump"))
    options = ncg_app.Options(
        files, settings,
        keys=bool(values.get("keys")),
        dump=bool(values.get("dump")),
        translate=bool(values.get("translate")),
        command=command_line(program_name(), sys.argv[1:]),
        dump_format=values.get("format", "neto"),
        jobs=values.get("jobs", 1),
        compare=comparing(values),
        progress=sys.stderr.isatty(),
    )
    try:
        status = ncg_app.run_deep(lambda: ncg_app.run(options))
    except (SystemExit_, HardExit) as exc:  # a template's `exit`: no ERROR line
        process.flush_stdout_quietly()
        raise SystemExit(exc.status) from None
    except (RubyError, InternalError) as exc:
        report_error(exc, exc.ruby_name, debug)
    except process.Signalled as exc:
        error = exc.located()
        report_error(error, error.ruby_name, debug)
    except Exception as exc:  # out of memory, a failed system call, or a bug of ncg's own
        error = python_error(exc)
        error.__cause__ = exc
        report_error(error, error.ruby_name, debug)
    if status:
        process.flush_stdout_quietly()
        raise SystemExit(status)


def comparing(values: dict[str, Any]) -> Comparing | None:
    """--diff-against, --legacy-command or --check (one of them), with --report."""
    chosen = [name for name in COMPARING if name in values]
    if len(chosen) > 1:
        usage_error("--diff-against, --legacy-command and --check go one at a time")
    if not chosen:
        if "report" in values:
            usage_error("--report goes with --diff-against, --legacy-command or --check")
        return None
    from ncg.app import Comparing

    return Comparing(values.get("diff_against"), values.get("legacy_command"),
                     values.get("report"))


def command_line(program: str, args: list[str]) -> str:
    """The command as emit_header's `Command:` shows it: arguments with spaces quoted."""
    return " ".join([program, *(f'"{a}"' if " " in a else a for a in args)])


def write_bytes_as_read() -> None:
    """Print text as the bytes it was read as, whatever the locale: as Ruby does.

    Models are read as UTF-8 (undecodable bytes kept as surrogates), so the
    streams must encode the same way; the locale's choice (ASCII under
    `LC_ALL=C`, backslash escapes on stderr) would change what is printed.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="surrogateescape")


def use_utf8_file_names() -> None:
    """Re-run ncg in Python's UTF-8 mode if the locale would encode file names otherwise.

    A model names its files in UTF-8 and Ruby opens a name's bytes as they
    are; only UTF-8 mode makes every file function of Python do the same
    (without it, `LC_ALL=C PYTHONUTF8=0` cannot even open `dev-ü.cfg`).
    """
    if sys.getfilesystemencoding() != "utf-8" and sys.executable and sys.orig_argv:
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]])


def shell_completion(args: list[str]) -> None:
    """typer's completion: installing it, showing it, and answering the shell."""
    import typer

    app = typer.Typer(add_completion=True)
    app.command(context_settings={"help_option_names": []})(completion_command())
    app(args=args, prog_name="ncg")


def completion_command() -> Any:
    """A typer command with the flags of FLAGS, for the shell to complete."""
    import inspect
    from typing import Annotated

    import typer

    parameters = [inspect.Parameter(
        "files", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None,
        annotation=Annotated[list[str] | None, typer.Argument(show_default=False)])]
    for flag in [*FLAGS, *TAIL]:
        names = [f"--{flag.long}", *([f"-{flag.short}"] if flag.short else [])]
        kind = bool if flag.arg is None else str | None
        parameters.append(inspect.Parameter(
            flag.dest, inspect.Parameter.KEYWORD_ONLY,
            default=False if flag.arg is None else None,
            annotation=Annotated[kind, typer.Option(*names, help=flag.help)]))

    def complete_only(**_: Any) -> None:
        """Never run: typer answers the shell and exits before."""

    complete_only.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return complete_only


def entry() -> None:
    """The `ncg` command (and `python -m ncg`): `main`, then, when it went
    well, an exit without Python's teardown (`process.exit_at_once`)."""
    main()
    process.exit_at_once()


def main() -> None:
    use_utf8_file_names()
    process.trap_signals()
    process.open_standard_fds()
    write_bytes_as_read()
    args = sys.argv[1:]
    if COMPLETION_REQUEST in os.environ or (args and args[0] in COMPLETION_FLAGS):
        shell_completion(args)
        return
    try:
        parsed = PARSER.parse(args)
    except HelpRequested:
        sys.stdout.write(usage_text())
        return
    except OptionError as exc:
        sys.stderr.write(f"ERROR({exc.ruby_name}): {exc.message}\n")
        raise SystemExit(1) from None
    except process.Signalled as exc:  # while the command line is read
        report_error(exc.error, exc.error.ruby_name, False)
    command(parsed.values, parsed.files)
