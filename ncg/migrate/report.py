"""The HTML report of a comparison: one self-contained page.

A summary table first (file, status, changed lines), the files that differ
or are missing before the identical ones, each differing file linked to its
section below, where it is shown side by side (the other run's file | ncg's)
with the changed lines highlighted and the changed characters marked in
them. Only the changes and a few lines around them are shown, so a report of
hundreds of files stays readable. Everything shown is escaped; the page
loads nothing (no scripts, no stylesheets, no images from elsewhere).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

from ncg.migrate.compare import (
    CONTEXT_LINES,
    Comparison,
    FileComparison,
    Status,
    label,
)
from ncg.migrate.mask import body_and_end

STYLE = """
body { font-family: sans-serif; margin: 1em 2em; color: #222; }
h2 { font-size: 1.1em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; }
.summary td, .summary th { padding: 0.2em 0.8em; text-align: left; }
.summary tr:nth-child(even) { background: #f4f4f4; }
.status-differ { color: #a00; font-weight: bold; }
.status-missing { color: #b60; font-weight: bold; }
.status-identical { color: #070; }
.diff { width: 100%; table-layout: fixed; font-family: monospace; font-size: 0.9em; }
.diff td, .diff th { padding: 0 0.4em; vertical-align: top; }
.diff th { background: #eee; text-align: left; }
.diff .num { width: 4em; text-align: right; color: #888; user-select: none; }
.diff .text { white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 8; }
.diff .old.changed { background: #fdd; }
.diff .new.changed { background: #dfd; }
.diff .empty { background: #f4f4f4; }
.diff .old mark { background: #f99; }
.diff .new mark { background: #8e8; }
.diff .skip td { background: #eef; color: #668; text-align: center; }
.eol { color: #888; font-style: italic; }
.back { font-size: 0.85em; }
"""

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
Cell = tuple[int, str] | None  # a line number and its text, or nothing on that side


def anchor(index: int) -> str:
    return f"file-{index}"


def changed_cell(file: FileComparison) -> str:
    if file.status is Status.IDENTICAL:
        return ""
    removed, added = file.changed_lines()
    return f"-{removed} +{added}"


def summary_row(index: int, file: FileComparison) -> str:
    name = escape(file.target)
    if file.status is Status.DIFFER:
        name = f'<a href="#{anchor(index)}">{name}</a>'
    status = file.status.value
    return (f"<tr><td>{name}</td><td class=\"status-{status}\">{status}</td>"
            f"<td>{changed_cell(file)}</td></tr>")


def summary_tables(comparison: Comparison) -> Iterator[str]:
    head = "<tr><th>File</th><th>Status</th><th>Changed lines</th></tr>"
    numbered = list(enumerate(comparison.files, 1))
    to_see = [summary_row(i, f) for i, f in numbered if f.status is not Status.IDENTICAL]
    same = [summary_row(i, f) for i, f in numbered if f.status is Status.IDENTICAL]
    if to_see:
        yield "<h2>Files that differ or are missing</h2>"
        yield f'<table class="summary">{head}{"".join(to_see)}</table>'
    if same:
        yield f"<details><summary>{len(same)} identical files</summary>"
        yield f'<table class="summary">{head}{"".join(same)}</table></details>'


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def segments(text: str, other: str) -> list[tuple[bool, str]]:
    """`text` cut into (changed?, piece): the words and signs `other` lacks are
    changed, and so is the blank between two changes, so a change reads whole."""
    mine = tokens(text)
    matcher = difflib.SequenceMatcher(None, tokens(other), mine, autojunk=False)
    pieces = [(tag != "equal", "".join(mine[j1:j2]))
              for tag, _, _, j1, j2 in matcher.get_opcodes() if j1 < j2]
    merged: list[tuple[bool, str]] = []
    for n, (changed, piece) in enumerate(pieces):
        between = 0 < n < len(pieces) - 1 and pieces[n - 1][0] and pieces[n + 1][0]
        changed = changed or (between and not piece.strip())
        if merged and merged[-1][0] == changed:
            merged[-1] = (changed, merged[-1][1] + piece)
        else:
            merged.append((changed, piece))
    return merged


def marked(text: str, other: str) -> str:
    """`text` escaped, the words that `other` lacks in <mark>."""
    return "".join(f"<mark>{escape(piece)}</mark>" if changed else escape(piece)
                   for changed, piece in segments(text, other))


def line_end(end: str) -> str:
    """Line ends shown only where lines change, where they may be the change."""
    if end == "\r\n":
        return '<span class="eol">␍</span>'
    return "" if end else '<span class="eol">(no newline at end)</span>'


def text_cell(cell: Cell, other: Cell, side: str, changed: bool) -> str:
    if cell is None:
        return '<td class="num empty"></td><td class="text empty"></td>'
    number, line = cell
    body, end = body_and_end(line)
    if not changed:
        return f'<td class="num">{number}</td><td class="text {side}">{escape(body)}</td>'
    shown = marked(body, body_and_end(other[1])[0]) if other else escape(body)
    return (f'<td class="num">{number}</td>'
            f'<td class="text {side} changed">{shown}{line_end(end)}</td>')


def row(old: Cell, new: Cell, changed: bool) -> str:
    return (f"<tr>{text_cell(old, new, 'old', changed)}"
            f"{text_cell(new, old, 'new', changed)}</tr>")


def skip_row(first: int, last: int) -> str:
    if first > last:
        return ""
    lines = f"line {first}" if first == last else f"lines {first}–{last}"
    return f'<tr class="skip"><td colspan="4">⋯ {lines} unchanged ⋯</td></tr>'


def hunk_rows(file: FileComparison, group: list[tuple[str, int, int, int, int]]) -> Iterator[str]:
    old, new = file.old_lines, file.new_lines
    for tag, i1, i2, j1, j2 in group:
        changed = tag != "equal"
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            yield row((i + 1, old[i]) if i < i2 else None,
                      (j + 1, new[j]) if j < j2 else None, changed)


def side_by_side(file: FileComparison) -> Iterator[str]:
    yield ('<table class="diff"><colgroup><col class="num"><col><col class="num"><col>'
           f'</colgroup><tr><th colspan="2">old: {escape(label(file.target, "a"))}</th>'
           f'<th colspan="2">new: {escape(label(file.target, "b"))}</th></tr>')
    shown_to = 0  # old lines shown so far
    for group in file.matcher.get_grouped_opcodes(CONTEXT_LINES):
        yield skip_row(shown_to + 1, group[0][1])
        yield from hunk_rows(file, group)
        shown_to = group[-1][2]
    yield skip_row(shown_to + 1, len(file.old_lines))
    yield "</table>"


def file_section(index: int, file: FileComparison) -> Iterator[str]:
    yield f'<section id="{anchor(index)}"><h2>{escape(file.target)}</h2>'
    yield '<p class="back"><a href="#summary">back to the summary</a></p>'
    if file.binary:
        yield (f"<p>Binary files differ: the old one has {len(file.old or b'')} bytes, "
               f"ncg's {len(file.new)}.</p>")
    else:
        yield from side_by_side(file)
    yield "</section>"


def html_report(comparison: Comparison) -> str:
    summary = escape(comparison.summary())
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f"<title>ncg migration report: {summary}</title><style>{STYLE}</style></head><body>",
        '<h1 id="summary">ncg migration report</h1>',
        f"<p>ncg's output (new) against {escape(comparison.old_label)} (old), "
        "the volatile lines of emit_header masked on both sides: "
        f"<strong>{summary}</strong></p>",
        *summary_tables(comparison),
    ]
    for index, file in enumerate(comparison.files, 1):
        if file.status is Status.DIFFER:
            parts.extend(file_section(index, file))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_html_report(comparison: Comparison, path: Path) -> None:
    """Write the report; text that is not UTF-8 is shown with replacement marks."""
    path.write_text(html_report(comparison), encoding="utf-8", errors="replace")
