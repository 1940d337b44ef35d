"""The package's stages import one way (docs/architecture.md).

Read with `ast` from the source, so that an import inside a function counts
as much as one at the top of a module: a lazy import hides a cycle from
Python, not from the reader.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import ncg

# the installed package under test (not necessarily the checkout beside the tests)
PACKAGE = Path(ncg.__file__).resolve().parent


@dataclass(frozen=True)
class Import:
    importer: str  # the importing module, "ncg.model.neto"
    target: str  # the module (or package) it imports, "ncg.model.table"
    where: str  # "ncg/model/neto.py:17"


def module_names() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


MODULES = module_names()


def imports_of(name: str, path: Path) -> Iterator[Import]:
    """The ncg modules that module `name` imports, anywhere in its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        where = f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from ncg.model import neto` imports the module ncg.model.neto
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            if target == "ncg" or target.startswith("ncg."):
                yield Import(name, target, where)


ALL_IMPORTS = [imp for name, path in MODULES.items() for imp in imports_of(name, path)]


def part(module: str, depth: int) -> str:
    """The part a module belongs to: `ncg.ruby` (depth 1), `ncg.ruby.runtime` (depth 2)."""
    return ".".join(module.split(".")[: depth + 1])


def related(a: str, b: str) -> bool:
    """A package and the parts inside it are one part, not two that import each other."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".") or "ncg" in (a, b)


def part_graph(depth: int) -> dict[str, dict[str, str]]:
    """part -> imported part -> where one such import is."""
    graph: dict[str, dict[str, str]] = {}
    for imp in ALL_IMPORTS:
        source, target = part(imp.importer, depth), part(imp.target, depth)
        if not related(source, target):
            graph.setdefault(source, {}).setdefault(target, imp.where)
    return graph


def cycles(graph: dict[str, dict[str, str]]) -> list[list[str]]:
    """The strongly connected sets of more than one part (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            members = stack[stack.index(v):]
            del stack[stack.index(v):]
            if len(members) > 1:
                found.append(sorted(members))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def explain(graph: dict[str, dict[str, str]], members: list[str]) -> str:
    return "\n".join(f"  {a} -> {b} ({graph[a][b]})" for a in members
                     for b in sorted(graph.get(a, {})) if b in members)


def test_the_imports_are_read() -> None:
    # guards the checks below against passing because they saw nothing
    edges = {(imp.importer, imp.target) for imp in ALL_IMPORTS}
    assert ("ncg.model.neto", "ncg.model.templates") in edges
    assert ("ncg.ruby.runtime", "ncg.ruby.runtime.consts") in edges
    assert ("ncg.netomata.node_methods", "ncg.model.node") in edges
    assert ("ncg.template.layout", "ncg.ruby.codegen") in edges


def test_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b": "x:1"}, "b": {"c": "x:2"}, "c": {"a": "x:3"}, "d": {"a": "x:4"}}
    assert cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("depth", [1, 2])
def test_no_import_cycle_between_parts(depth: int) -> None:
    graph = part_graph(depth)
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n\n".join(explain(graph, c) for c in found)


FORBIDDEN = {
    # the model knows no template language and no Ruby: it is given a renderer
    "ncg.model": ("ncg.template", "ncg.ruby", "ncg.netomata", "ncg.generate", "ncg.app",
                  "ncg.cli"),
    # the Ruby language knows nothing of ERB, Mako or NCG
    "ncg.ruby": ("ncg.template", "ncg.model", "ncg.netomata", "ncg.generate", "ncg.app",
                 "ncg.cli"),
    # the template engine renders Ruby templates; NCG's helpers are registered on it
    "ncg.template": ("ncg.model", "ncg.netomata", "ncg.generate", "ncg.app", "ncg.cli"),
    # NCG's Ruby classes and helpers reach the engine only through what they are given
    "ncg.netomata": ("ncg.template", "ncg.generate", "ncg.app", "ncg.cli"),
    # settings are read by every stage and read none
    "ncg.settings": ("ncg.model", "ncg.ruby", "ncg.template", "ncg.netomata", "ncg.app",
                     "ncg.cli"),
}


def within(module: str, part_name: str) -> bool:
    return module == part_name or module.startswith(part_name + ".")


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_upper_ones(layer: str) -> None:
    wrong = [f"{imp.where}: {imp.target}" for imp in ALL_IMPORTS
             if within(imp.importer, layer)
             and any(within(imp.target, upper) for upper in FORBIDDEN[layer])]
    assert not wrong, "\n".join(wrong)


def top_level_imports(path: Path) -> Iterator[str]:
    """The top-level package of everything a file imports (absolute imports)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("layer", ["model", "ruby"])
def test_lower_layers_do_not_use_mako(layer: str) -> None:
    users = [str(path) for path in (PACKAGE / layer).rglob("*.py")
             if "mako" in top_level_imports(path)]
    assert not users
