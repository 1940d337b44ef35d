"""Process-wide switches set from the command line (`-D`, `-p`, `-v`, `-E`).

The original keeps them in Ruby globals (`$debug`, `$paranoid`, …); here they
are attributes of this module, read where they change behaviour.
"""

debug = False
paranoid = False
verbose = False
error_dump: str | None = None


def configure(*, debug: bool, paranoid: bool, verbose: bool, error_dump: str | None) -> None:
    globals().update(debug=debug, paranoid=paranoid, verbose=verbose, error_dump=error_dump)
