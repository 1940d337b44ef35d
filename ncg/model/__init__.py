"""The model: NCG's tree of keys and values, loaded from .neto/.neto_table files.

    net = load(["main.neto"], render)
    net.get("!devices!(hostname=sw1)!ip")

`render` renders the `[% %]` snippets of model lines (see
`ncg.model.importing.Renderer`); the model itself knows no template
language. See `ncg.model.node.Node` for the tree and `ncg.model.neto` /
`ncg.model.table` for the file formats.
"""

from __future__ import annotations

from ncg.model import neto, source, table
from ncg.model.importing import Importer, Renderer
from ncg.model.node import Node

__all__ = ["Node", "Renderer", "importer", "load"]


def importer(render: Renderer) -> Importer:
    """What the importers use to render snippets and to read the files they name."""
    return Importer(render, {"neto": neto.import_file, "neto_table": table.import_table})


def load(filenames: list[str], render: Renderer, verbose: bool = False) -> Node:
    """Read the model files (read as one stream, "-" is stdin) into a new root node.

    With `verbose`, print NCG's "Reading file(s) ..." progress on stderr.
    """
    root = Node(None, "<root>:0")
    with source.verbosity(verbose):
        neto.import_file(importer(render), root, list(filenames))
    return root
