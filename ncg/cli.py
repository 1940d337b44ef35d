"""The `ncg` command: the same flags, output and error reports as NCG 0.10.3.

    ncg [options] FILE...      (`-` reads the model from standard input)

Typer parses the command line; the help text and the error reports keep the
original's exact wording, because scripts and users read them.
"""

from __future__ import annotations

import io
import os
import sys
from typing import Annotated, NoReturn

import typer

from ncg import __version__, process
from ncg.errors import HardExit, InternalError, RubyError, SystemExit_, python_error

OPTIONS_HELP = """\
    -d, --dump                       dump the fully-parsed data structure
    -D, --debug                      enable debug mode
    -E, --error-dump=FILENAME        specify file to dump context to, if error occurs
    -k, --keys                       dump the list of keys
    -p, --paranoid                   enable paranoid mode
    -v, --verbose                    enable verbose mode
    -V, --version                    print version number
    -h, --help                       display this help and exit
"""


def program_name() -> str:
    """What Ruby's `$0` would be: the command as invoked (`ncg` under -m)."""
    argv0 = sys.argv[0] if sys.argv else "ncg"
    return "ncg" if argv0.endswith("__main__.py") else argv0


def usage_text() -> str:
    return (
        f"Usage: {program_name()} [options] filename [...]\n"
        "\tFor standard input, use '-' for filename\n"
        "Options:\n" + OPTIONS_HELP
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


app = typer.Typer(add_completion=False)


@app.command(context_settings={"help_option_names": [], "ignore_unknown_options": False})
def command(
    files: Annotated[list[str] | None, typer.Argument(show_default=False)] = None,
    dump: Annotated[bool, typer.Option("-d", "--dump")] = False,
    debug: Annotated[bool, typer.Option("-D", "--debug")] = False,
    error_dump: Annotated[str | None, typer.Option("-E", "--error-dump")] = None,
    keys: Annotated[bool, typer.Option("-k", "--keys")] = False,
    paranoid: Annotated[bool, typer.Option("-p", "--paranoid")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose")] = False,
    version: Annotated[bool, typer.Option("-V", "--version")] = False,
    help_: Annotated[bool, typer.Option("-h", "--help")] = False,
) -> None:
    if help_:
        sys.stdout.write(usage_text())
        return
    if version:
        sys.stdout.write(__version__ + "\n")
        return
    if not files:
        sys.stdout.write(usage_text())
        return
    from ncg import app as ncg_app
    from ncg.settings import Settings

    options = ncg_app.Options(
        files,
        Settings(debug=debug, paranoid=paranoid, verbose=verbose, error_dump=error_dump),
        keys=keys,
        dump=dump,
        command=command_line(program_name(), sys.argv[1:]),
    )
    try:
        ncg_app.run_deep(lambda: ncg_app.run(options))
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


def command_line(program: str, args: list[str]) -> str:
    """The command as emit_header's `Command:` shows it: arguments with spaces quoted."""
    return " ".join([program, *(f'"{a}"' if " " in a else a for a in args)])


def is_usage_error(exc: BaseException) -> bool:
    """Typer's parser errors (its click may be vendored: match by class name)."""
    return any(cls.__name__ == "UsageError" for cls in type(exc).__mro__)


def option_error(exc: Exception) -> NoReturn:
    """Bad flags: the original's OptionParser wording, as one ERROR line."""
    kind = type(exc).__name__
    option = getattr(exc, "option_name", "")
    if kind == "NoSuchOption":
        sys.stderr.write(f"ERROR(OptionParser::InvalidOption): invalid option: {option}\n")
    elif kind == "BadOptionUsage" and "requires an argument" in str(exc):
        sys.stderr.write(f"ERROR(OptionParser::MissingArgument): missing argument: {option}\n")
    else:
        sys.stderr.write(f"ERROR(OptionParser::ParseError): {exc}\n")
    raise SystemExit(1)


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


def plain_flags() -> dict[str, str]:
    """Each spelling of each on/off flag of `command` (`-k`, `--keys`) -> its parameter."""
    flags: dict[str, str] = {}
    for name, param in typer.utils.get_params_from_function(command).items():
        info = param.default  # as typer reads the parameter
        if param.annotation is bool and isinstance(info, typer.models.OptionInfo):
            flags.update(dict.fromkeys(info.param_decls or (), name))
    return flags


def plain_command_line(args: list[str]) -> dict[str, object] | None:
    """`command`'s arguments for a command line of only on/off flags and
    files, read as typer reads it; None for anything else (`-E FILE`,
    `-kv`, `--`, a bad flag), which typer reads.

    Typer builds a Pydantic validator for every parameter that is not an
    on/off flag, and importing Pydantic alone costs more than the rest of
    a small run's start: the usual command lines do without it.
    """
    flags = plain_flags()
    given: dict[str, object] = {}
    files = []
    for arg in args:
        if arg in flags:
            given[flags[arg]] = True
        elif arg == "-" or not arg.startswith("-"):
            files.append(arg)
        else:
            return None
    return {**given, "files": files or None}


def main() -> None:
    use_utf8_file_names()
    process.trap_signals()
    process.open_standard_fds()
    write_bytes_as_read()
    try:
        plain = plain_command_line(sys.argv[1:])
        if plain is not None:
            command(**plain)  # type: ignore[arg-type]
        else:
            app(standalone_mode=False)
    except process.Signalled as exc:  # while the command line is read
        report_error(exc.error, exc.error.ruby_name, False)
    except Exception as exc:
        if not is_usage_error(exc):
            raise
        option_error(exc)
