"""Comparing what ncg renders with the files another run wrote.

`compare_outputs` takes ncg's rendered configs by their `ncg_output` path, as
written in the model, and the folder the other run was made in (relative
paths are taken under it, absolute ones as they are). Each config is
*identical*, *differ*s or is *missing* there. Files are compared as bytes,
after masking the volatile lines of `emit_header` on both sides; ncg's text
becomes bytes as ncg writes it (UTF-8, undecodable bytes kept by
surrogateescape).

`diff_report` is what `--diff-against`, `--legacy-command` and `--check` print:
a unified diff per differing file (`a/PATH` the other run's file, `b/PATH`
ncg's, as `git diff` and `patch -p1` expect), a line per missing file, and
last `N identical, M differ, K missing`.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ncg.migrate.mask import mask_lines, split_lines

ENCODING = ("utf-8", "surrogateescape")
CONTEXT_LINES = 3
NO_NEWLINE = "\\ No newline at end of file\n"
IGNORED = "<ignored>"


class Status(enum.Enum):
    IDENTICAL = "identical"
    DIFFER = "differ"
    MISSING = "missing"


def as_bytes(text: str) -> bytes:
    return text.encode(*ENCODING)


def is_binary(data: bytes) -> bool:
    """Shown as "binary files differ", as git does: a NUL byte, or not UTF-8."""
    if b"\0" in data:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def masked_lines(data: bytes, ignore: Sequence[re.Pattern[str]] = ()) -> list[str]:
    """The lines compared: header lines masked, then what `ignore` matches."""
    lines = mask_lines(split_lines(data.decode(*ENCODING)))
    for pattern in ignore:
        lines = [pattern.sub(IGNORED, line) for line in lines]
    return lines


def label(target: str, side: str) -> str:
    """`a/PATH` or `b/PATH`; an absolute PATH loses its leading "/" as in git."""
    return f"{side}/{target.lstrip('/')}"


@dataclass(frozen=True)
class FileComparison:
    """One config: ncg's bytes and those of the other run's file (None: missing)."""

    target: str  # the `ncg_output` value, as the model writes it
    old_path: Path  # where the other run's file is (or would be)
    new: bytes
    old: bytes | None
    ignore: tuple[re.Pattern[str], ...] = ()  # more to mask, on both sides

    @cached_property
    def old_lines(self) -> list[str]:
        return [] if self.old is None else masked_lines(self.old, self.ignore)

    @cached_property
    def new_lines(self) -> list[str]:
        return masked_lines(self.new, self.ignore)

    @cached_property
    def status(self) -> Status:
        if self.old is None:
            return Status.MISSING
        return Status.IDENTICAL if self.old_lines == self.new_lines else Status.DIFFER

    @property
    def binary(self) -> bool:
        return is_binary(self.new) or (self.old is not None and is_binary(self.old))

    @cached_property
    def matcher(self) -> difflib.SequenceMatcher[str]:
        """The line matching that the counts and the HTML report show."""
        return difflib.SequenceMatcher(None, self.old_lines, self.new_lines)

    def changed_lines(self) -> tuple[int, int]:
        """(lines only in the other run's file, lines only in ncg's)."""
        removed = added = 0
        for tag, i1, i2, j1, j2 in self.matcher.get_opcodes():
            if tag != "equal":
                removed += i2 - i1
                added += j2 - j1
        return removed, added

    def unified_diff(self) -> str:
        """The masked files' unified diff ("" when identical or missing)."""
        if self.status is not Status.DIFFER:
            return ""
        old, new = label(self.target, "a"), label(self.target, "b")
        if self.binary:
            return f"Binary files {old} and {new} differ\n"
        lines = difflib.unified_diff(self.old_lines, self.new_lines, old, new,
                                     n=CONTEXT_LINES)
        # a last line without "\n" gets the marker diff(1) writes and patch(1) reads
        return "".join(line if line.endswith("\n") else line + "\n" + NO_NEWLINE
                       for line in lines)


@dataclass(frozen=True)
class Comparison:
    """Every config ncg renders, in the order given, against the other run's files."""

    files: tuple[FileComparison, ...]
    old_label: str  # what the other run is, for reports: a folder, a command

    def count(self, status: Status) -> int:
        return sum(1 for file in self.files if file.status is status)

    def summary(self) -> str:
        return ", ".join(f"{self.count(status)} {status.value}" for status in Status)

    @property
    def exit_status(self) -> int:
        """0 only when nothing differs and nothing is missing."""
        return 0 if all(f.status is Status.IDENTICAL for f in self.files) else 1


def read_old(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None


def compare_outputs(rendered: Mapping[str, str], base_dir: Path,
                    old_label: str | None = None,
                    ignore: Sequence[re.Pattern[str]] = ()) -> Comparison:
    """ncg's configs (`ncg_output` path -> text) against the files under `base_dir`.

    `ignore`: patterns for what else changes from run to run (a date a template
    computes, say), replaced by "<ignored>" on both sides, line by line.
    """
    files = []
    for target, text in rendered.items():
        old_path = base_dir / target  # an absolute target stays as it is
        files.append(FileComparison(target, old_path, as_bytes(text), read_old(old_path),
                                    tuple(ignore)))
    return Comparison(tuple(files), str(base_dir) if old_label is None else old_label)


def diff_report(comparison: Comparison) -> str:
    """The text the comparing flags print: diffs, missing files, the summary last."""
    parts = []
    for file in comparison.files:
        if file.status is Status.DIFFER:
            parts.append(file.unified_diff())
        elif file.status is Status.MISSING:
            where = "" if Path(file.target).is_absolute() else f" in {comparison.old_label}"
            parts.append(f"Missing {label(file.target, 'a')}: no {file.target}{where}\n")
    parts.append(comparison.summary() + "\n")
    return "".join(parts)
