"""Running the old tool on a scratch copy of the model tree.

`run_legacy("ruby /opt/ncg/bin/ncg", ["main.neto"], targets)` copies the tree
(the current folder by default) into a scratch folder, removes from the copy
the configs ncg is about to compare (so that every one found afterwards was
written by the old tool, not left by an earlier run), runs the command there
with the model files appended, and yields the copy for `compare_outputs`.
The copy is removed afterwards; the tree itself is never written.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ncg.errors import RubyError

STDERR_LINES = 5  # how much of a failing command's stderr is shown
VCS_FOLDERS = (".git", ".hg", ".svn")  # not the model: not copied


class LegacyCommandError(RubyError):
    """The old tool could not be run, or failed: reported as one ERROR line."""

    ruby_name = "LegacyCommandError"


def command_line(command: str, files: Sequence[str]) -> str:
    """CMD FILE... as a shell runs it: the files quoted, as the user wrote them."""
    return " ".join([command, *(shlex.quote(name) for name in files)])


def check_targets(targets: Iterable[str]) -> list[str]:
    """The relative targets; an absolute one would be written outside the copy."""
    relative = []
    for target in targets:
        if Path(target).is_absolute():
            raise LegacyCommandError(
                f"the old tool would write {target} outside the scratch copy; "
                "run it yourself, then compare with --diff-against DIR")
        relative.append(target)
    return relative


def copy_tree(tree: Path, scratch: Path) -> Path:
    """A copy of `tree` under `scratch`, its own name kept; links are followed,
    so that nothing the old tool writes lands outside the copy."""
    copy = scratch / (tree.resolve().name or "tree")
    itself = scratch.resolve()

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = {name for name in names if name in VCS_FOLDERS}
        # the scratch folder may be inside the tree (TMPDIR=./tmp): not copied into itself
        if itself.name in names and Path(folder).resolve() == itself.parent:
            skipped.add(itself.name)
        return skipped

    shutil.copytree(tree, copy, ignore=ignore, ignore_dangling_symlinks=True)
    return copy


def remove_targets(copy: Path, targets: Iterable[str]) -> None:
    for target in targets:
        path = copy / target
        if path.is_file():
            path.unlink()


def failure(line: str, status: int, stderr: bytes) -> LegacyCommandError:
    """The ERROR line of a failed command: its status, then its stderr's first lines."""
    shown = stderr.decode("utf-8", "replace").splitlines()[:STDERR_LINES]
    how = f"was killed by signal {-status}" if status < 0 else f"failed with exit status {status}"
    message = f"`{line}` {how}"
    return LegacyCommandError("".join([message, *(f"\n\t{text}" for text in shown)]))


@contextmanager
def run_legacy(command: str, files: Sequence[str], targets: Iterable[str] = (),
               tree: Path | None = None, stdin: bytes | None = None) -> Iterator[Path]:
    """Run `command FILE...` in a scratch copy of `tree` (default: the current
    folder) and yield the copy, the folder to compare ncg's `targets` with."""
    relative = check_targets(targets)
    tree = Path.cwd() if tree is None else tree
    line = command_line(command, files)
    with tempfile.TemporaryDirectory(prefix="ncg-legacy-") as scratch:
        copy = copy_tree(tree, Path(scratch))
        remove_targets(copy, relative)
        try:
            done = subprocess.run(line, shell=True, cwd=copy, input=stdin,
                                  stdin=None if stdin is not None else subprocess.DEVNULL,
                                  capture_output=True, check=False)
        except OSError as exc:  # no shell to run it
            raise LegacyCommandError(f"`{line}` could not be run: {exc.strerror}") from exc
        if done.returncode != 0:
            raise failure(line, done.returncode, done.stderr)
        yield copy
