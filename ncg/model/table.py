"""The `.neto_table` importer: a header, per-row actions, tab-separated rows.

    % hostname<TAB>ip
    + !devices!(+) < !templates!switch
    @ !devices!(>)!hostname = %{hostname}
    < !devices!(hostname=%{hostname}) per-device/%{hostname}.neto
    sw1<TAB>10.0.0.1

Action lines collect; each data row then runs every action collected so far
with `%{column}` replaced by the row's fields (grammars/neto_table.lark
classifies the lines).  Values of `@` and file lists of `<` go through ERB
(`[% %]` becomes `<% %>`) with `@target` = the node the table is read into.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ncg.errors import NoMethodError, RuntimeError_
from ncg.model.importing import Importer, has_hash_in_tags, relative_names
from ncg.model.key_plans import FIELD_SYNTAX, KeyPlan
from ncg.model.keys import buildkey
from ncg.model.lines import Line, LineGrammar
from ncg.model.node import Node, describe, reread_keys, store_located
from ncg.model.source import FileSet, reading
from ncg.text import chomp

_COMMENT = re.compile(r"\s*#.*", re.ASCII)
_PLACEHOLDER = re.compile(r"%\{([^}]*)\}")
_TABS = re.compile(r"\t+")
# A field a KeyPlan cannot take ("%" too: a field holding "%{" is filled in again).
_UNUSUAL = re.compile("[" + re.escape(FIELD_SYNTAX + "%") + "]")
# A column value may itself hold "%{...}" and is substituted again, as in
# NCG; one that names itself would never finish.
_MAX_SUBSTITUTIONS = 100_000

_grammar: list[LineGrammar] = []


def grammar() -> LineGrammar:
    if not _grammar:
        _grammar.append(LineGrammar("neto_table"))
    return _grammar[0]


@dataclass
class _Action:
    kind: str  # "+", "@" or "<"
    key: str
    argument: str | None


class _Fill:
    """An action's template, split once, filled with each row's fields.

    NCG replaces the first `%{column}`, then searches the result again from
    its start, so a field holding "%{...}" is substituted too.  Filling the
    template's own placeholders in one pass (one `str.format`) gives the
    same unless a field (or a field next to the text) brings in a new "%{",
    or a column is unknown; only then is NCG's way followed step by step.
    A template is split for the columns of its table at the time: a header
    line coming later makes the actions be split again.
    """

    __slots__ = ("_columns", "_format", "_template")

    def __init__(self, template: str, columns: dict[str, int]) -> None:
        self._template = template
        self._columns = columns
        literals, names = _placeholders(template)
        self._format: str | None = None
        if all(name in columns for name in names):
            escaped = [literal.replace("{", "{{").replace("}", "}}") for literal in literals]
            self._format = escaped[0] + "".join(
                f"{{{columns[name]}}}{literal}"
                for name, literal in zip(names, escaped[1:], strict=True))

    def __call__(self, row: list[str]) -> str:
        if self._format is not None:
            filled = self._format.format(*row)
            if "%{" not in filled:
                return filled
        return _substitute_stepwise(self._template, self._columns, row)


class _Key(_Fill):
    """An action's key path: filled in as text, or walked by its KeyPlan.

    The plan is for the rows whose fields in it are plain (see KeyPlan); it
    walks what the filled text would be read as, without making the text.
    A key whose text (its literals) holds a "%" gets no plan: with it, a
    filled key could hold a placeholder to be filled in again.
    """

    __slots__ = ("plan",)

    def __init__(self, template: str, columns: dict[str, int]) -> None:
        super().__init__(template, columns)
        literals, names = _placeholders(template)
        self.plan: KeyPlan | None = None
        if self._format is not None and not any("%" in literal for literal in literals):
            self.plan = _key_plan(literals, tuple(columns[name] for name in names))

    def plan_for(self, unusual: set[int] | None) -> KeyPlan | None:
        """The plan, when it takes this row: none of its fields is `unusual`.

        (A row without unusual fields, the usual, can take `plan` as it is.)
        """
        plan = self.plan
        if plan is not None and (unusual is None or unusual.isdisjoint(plan.fields)):
            return plan
        return None


@lru_cache(maxsize=1024)
def _key_plan(literals: tuple[str, ...], fields: tuple[int, ...]) -> KeyPlan | None:
    """The plan of a key template for these columns: made once (a plan writes
    Python), though a table prepares its actions again after each action line."""
    return KeyPlan.compile(_split_parts(literals, fields))


def _split_parts(literals: tuple[str, ...], fields: tuple[int, ...]) -> list[list[str | int]]:
    """A key template split on "!": each part its text and field indexes in order."""
    parts: list[list[str | int]] = [[]]
    for i, literal in enumerate(literals):
        first, *others = literal.split("!")
        if first:
            parts[-1].append(first)
        parts.extend([other] if other else [] for other in others)
        if i < len(fields):
            parts[-1].append(fields[i])
    return parts


class _Prepared(NamedTuple):
    """An action ready for rows: what it does, its key, and its argument.

    The argument is a `_Key` for "+" (where to copy from), else a `_Fill`.
    """

    run: RowAction
    key: _Key
    argument: _Fill | None


RowAction = Callable[["_Table", _Prepared, list[str], "set[int] | None"], None]


@dataclass
class _Table:
    """What a table has declared so far: its columns and its actions."""

    importer: Importer
    node: Node
    fileset: FileSet
    columns: dict[str, int] = field(default_factory=dict)
    actions: list[_Action] = field(default_factory=list)
    # The actions with their templates split for the current columns;
    # None after a header or an action line changed what a row runs.
    prepared: list[_Prepared] | None = None

    def row_actions(self) -> list[_Prepared]:
        if self.prepared is None:
            self.prepared = [self._prepare(action) for action in self.actions]
        return self.prepared

    def _prepare(self, action: _Action) -> _Prepared:
        argument = action.argument
        fill = _Key if action.kind == "+" else _Fill
        return _Prepared(_ROW_ACTIONS[action.kind], _Key(action.key, self.columns),
                         None if argument is None else fill(argument, self.columns))

    def add_action(self, action: _Action) -> None:
        self.actions.append(action)
        self.prepared = None


def import_table(importer: Importer, node: Node, patterns: list[str]) -> Node:
    """Read .neto_table files (read as one stream) into `node`."""
    fileset = FileSet(patterns)
    with reading(fileset, "table(s)"):
        state = _Table(importer, node, fileset)
        for line in fileset.lines():
            _table_line(state, line)
    fileset.close()
    reread_keys(node)
    return node


def _table_line(state: _Table, line: str) -> None:
    line = chomp(line)
    if "#" in line and not has_hash_in_tags(line):
        line = _COMMENT.sub("", line, count=1)
    if not line:
        return
    # Every non-empty line is at least a data row, so the grammar always matches.
    parsed = grammar().classify(line) or Line("DATA", ())
    parsed_kind, groups = parsed.kind, parsed.groups
    if parsed_kind == "DATA":  # most lines
        _data_row(state, line)
    elif parsed_kind == "NEW_RECORD":
        state.add_action(_Action("+", groups[0] or "", groups[2]))
    elif parsed_kind == "SET":
        state.add_action(_Action("@", groups[0] or "", groups[1] or ""))
    elif parsed_kind == "IMPORT":
        state.add_action(_Action("<", groups[0] or "", groups[1] or ""))
    elif parsed_kind.startswith("BAD_"):
        raise RuntimeError_(f"Malformed '{line[0]}' line")
    else:  # HEADER
        _add_columns(state, groups[0] or "")


def _ruby_split_tabs(text: str) -> list[str]:
    """Ruby's split(/\\t+/): trailing empty fields are dropped."""
    fields = text.split("\t")
    if "" not in fields:  # no run of tabs, none at either end: the regexp splits the same
        return fields
    fields = _TABS.split(text)
    while fields and fields[-1] == "":
        fields.pop()
    return fields


def _add_columns(state: _Table, names: str) -> None:
    for name in _ruby_split_tabs(names):
        if name in state.columns:
            raise RuntimeError_("Fields must be uniquely named")
        state.columns[name] = len(state.columns)
        state.prepared = None


def _data_row(state: _Table, line: str) -> None:
    row = _ruby_split_tabs(line)
    if len(row) != len(state.columns):
        raise RuntimeError_(
            f"Wrong number of fields in line; expected {len(state.columns)}, got {len(row)}")
    # The fields key plans cannot take; None for none (one search of the line, mostly).
    unusual = None
    if "" in row or _UNUSUAL.search(line) is not None:
        unusual = {i for i, value in enumerate(row) if not value or _UNUSUAL.search(value)}
    for action in state.row_actions():
        action.run(state, action, row, unusual)


@lru_cache(maxsize=4096)
def _placeholders(template: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The text around the placeholders, and the column names they hold."""
    pieces = _PLACEHOLDER.split(buildkey(template) or "")
    return tuple(pieces[0::2]), tuple(pieces[1::2])


def _substitute_stepwise(template: str, columns: dict[str, int], row: list[str]) -> str:
    key = buildkey(template) or ""
    for _ in range(_MAX_SUBSTITUTIONS):
        match = _PLACEHOLDER.search(key)
        if match is None:
            return key
        column = match.group(1)
        if column not in columns:
            raise RuntimeError_(f"Unknown column name '{column}'")
        key = key[:match.start()] + row[columns[column]] + key[match.end():]
    raise RuntimeError_(f"Column values keep adding placeholders in '{template}'")


def _rendered(state: _Table, argument: _Fill | None, row: list[str]) -> str:
    """An action's argument for this row, through ERB (`[% %]` becoming `<% %>`)."""
    text = argument(row) if argument is not None else ""
    if "%" not in text:  # neither "[%" nor "<%": ERB would give the text back
        return text
    return state.importer.render_tags(text, state.fileset, state.node)


def _set_value(state: _Table, action: _Prepared, row: list[str],
               unusual: set[int] | None) -> None:
    """`@ key = value`: store, or delete for "" or "-"."""
    key = action.key
    plan = key.plan if unusual is None else key.plan_for(unusual)
    text = key(row) if plan is None else None  # filled before the value, as in NCG
    value = _rendered(state, action.argument, row)
    store = value not in ("", "-")
    found = (state.node.locate(text, store) if plan is None
             else plan.locate(state.node, row, store))
    if store:
        store_located(found, value)
    elif found is not None:
        found[0].delete(found[1])


def _import_files(state: _Table, action: _Prepared, row: list[str],
                  unusual: set[int] | None) -> None:
    """`< key files`: read .neto files into the node at key."""
    key = action.key(row)
    names = _rendered(state, action.argument, row)
    target = state.node.get(key)
    if not isinstance(target, Node):
        raise NoMethodError(f"undefined method `import_file' for {describe(target)}")
    state.importer.read("neto", target, relative_names(state.fileset, names))


def _new_record(state: _Table, action: _Prepared, row: list[str],
                unusual: set[int] | None) -> None:
    """`+ key [< source]`: make the node at key (unless there), maybe as a copy."""
    key = action.key
    plan = key.plan if unusual is None else key.plan_for(unusual)
    found = (state.node.locate(key(row), True) if plan is None
             else plan.locate(state.node, row, True))
    if found is None or found[1] is None:
        raise RuntimeError_(f"Unknown key {key(row)}")
    parent, name = found
    if not parent.has_key(name):
        parent.set(name, Node(parent))
    source: _Key | None = action.argument  # type: ignore[assignment]
    if source is None:
        return
    source_plan = source.plan if unusual is None else source.plan_for(unusual)
    source_text = source(row) if source_plan is None else None  # filled first, as in NCG
    record = parent.get(name)
    if not isinstance(record, Node):
        raise NoMethodError(f"undefined method `dictionary_tuple' for {describe(record)}")
    origin = (record.locate(source_text, False) if source_plan is None
              else source_plan.locate(record, row, False))
    original = None if origin is None or origin[1] is None else origin[0].get(origin[1])
    if original is None:
        raise RuntimeError_(f"Unknown key {source(row)}")
    record.update(original)  # `parent.graft(name, original)`, the record at hand


_ROW_ACTIONS: dict[str, RowAction] = {"+": _new_record, "@": _set_value, "<": _import_files}
